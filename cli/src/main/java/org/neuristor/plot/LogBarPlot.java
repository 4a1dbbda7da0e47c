package org.neuristor.plot;

import java.nio.file.Path;
import java.util.List;
import org.neuristor.plot.Plotter.Bar;

/**
 * The PNG of {@link Plotter#logBars} drawn straight into a {@link RasterImage} (no AWT), in the layout of the
 * vector formats' {@code Java2dPlots.logBars}: one row of {@value #ROW} px per bar, its label left of a {@value
 * #PLOT_WIDTH} px wide plot area whose x axis spans whole decades (grid line and {@code 1e<d>} label per decade), the
 * bar from the left edge to log10 of its value, coloured by group, and a legend of the groups in two columns below.
 */
final class LogBarPlot {
  /** Height of one bar's row in pixels. */
  static final int ROW = 22;
  /** Width of the plot area in pixels. */
  static final int PLOT_WIDTH = 560;
  /** Top of the first row. */
  static final int TOP = 50;
  /** Height of one legend row. */
  static final int LEGEND_ROW = 24;

  private LogBarPlot() {}

  /** The decades {d0, d1} the axis spans: those of the positive finite values, at least one; 1..10 without any. */
  static int[] decades(List<Bar> bars) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Bar b : bars) {
      if (drawn(b)) {
        lo = Math.min(lo, b.value());
        hi = Math.max(hi, b.value());
      }
    }
    if (!(hi > 0)) {
      lo = 1;
      hi = 10;
    }
    int d0 = (int) Math.floor(Math.log10(lo));
    return new int[] {d0, Math.max(d0 + 1, (int) Math.ceil(Math.log10(hi)))};
  }

  /** Whether a bar has a bar to draw (a positive finite value). */
  static boolean drawn(Bar b) {
    return b.value() > 0 && Double.isFinite(b.value());
  }

  /** Image height for {@code bars} rows and {@code groups} legend entries. */
  static int height(int bars, int groups) {
    return TOP + bars * ROW + 50 + LEGEND_ROW * ((groups + 1) / 2) + 10;
  }

  static Path write(Path out, String title, String xLabel, List<Bar> bars, List<String> groups) {
    RasterImage img = render(title, xLabel, bars, groups);
    return img.write(out);
  }

  static RasterImage render(String title, String xLabel, List<Bar> bars, List<String> groups) {
    GlyphAtlas font = GlyphAtlas.load();
    GlyphAtlas.Face label = font.small;
    int labelW = 0;
    for (Bar b : bars) {
      labelW = Math.max(labelW, label.width(b.label()));
    }
    int[] d = decades(bars);
    int d0 = d[0];
    int decades = d[1] - d0;
    int left = labelW + 20;
    int w = left + PLOT_WIDTH + 30;
    int h = height(bars.size(), groups.size());
    int bottom = TOP + bars.size() * ROW;
    RasterImage img = new RasterImage(w, h);
    if (title != null) {
      AxisText.centred(img, font.bold, title, w / 2.0, 28);
    }
    int[] cols = new int[decades + 1];
    String[] labels = new String[decades + 1];
    for (int k = 0; k <= decades; k++) {
      cols[k] = (int) Math.round(left + (double) PLOT_WIDTH * k / decades);
      labels[k] = "1e" + (d0 + k);
      img.fill(cols[k], TOP - 4, cols[k] + 1, bottom + 1, SpikeRaster.GRID);
    }
    // the decade labels at 11 px, as the Java2D drawing has them (bar and legend labels 12 px)
    AxisText.xTicks(img, font.face(11, false), cols, labels, left, left + PLOT_WIDTH, bottom, bottom, bottom + 16, true);
    if (xLabel != null) {
      AxisText.centred(img, font.regular, xLabel, left + PLOT_WIDTH / 2.0, bottom + 36);
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = TOP + i * ROW;
      label.draw(img, b.label(), 8, y + ROW - 7, AxisText.TEXT);
      if (drawn(b)) {
        int x1 = (int) Math.round(left + PLOT_WIDTH * (Math.log10(b.value()) - d0) / decades);
        img.fill(left, y + 4, left + Math.max(1, x1 - left), y + ROW - 4, color(b.group()));
      }
    }
    img.outline(left, TOP - 4, left + PLOT_WIDTH, bottom, SpikeRaster.FRAME);
    int ly = bottom + 50;
    for (int k = 0; k < groups.size(); k++) {
      int lx = 10 + (k % 2) * ((w - 20) / 2);
      int yy = ly + (k / 2) * LEGEND_ROW;
      img.fill(lx, yy, lx + 14, yy + 14, color(k));
      label.draw(img, groups.get(k), lx + 20, yy + 12, AxisText.TEXT);
    }
    return img;
  }

  private static int color(int group) {
    return SpikeRaster.PALETTE[Math.floorMod(group, SpikeRaster.PALETTE.length)];
  }
}
