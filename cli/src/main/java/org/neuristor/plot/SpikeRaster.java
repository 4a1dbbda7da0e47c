package org.neuristor.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spike raster written straight to PNG without AWT, XChart or {@code ImageIO}: one 2 x 2 pixel dot
 * per spike (time, neuron), one colour per series with a legend naming them when there are several (in a strip
 * above the plot area, never over spikes: {@link Strip}),
 * grid lines at "nice" ticks, tick labels, axis titles and a title in anti-aliased DejaVu Sans
 * ({@link GlyphAtlas}). The style follows {@link Plotter} (1000 x 600, white, light grid, grey frame,
 * the same palette, engineering prefixes on SI axis titles). Made for large rasters: {@link
 * Plotter#raster} (XChart, Java2D anti-aliased markers, ImageIO) takes about a second of CPU for the
 * 80,000 spikes of the COBA benchmark in a fresh JVM; this writer takes a few tens of milliseconds.
 * Non-finite points and points outside the axis ranges are not drawn.
 */
public final class SpikeRaster {
  /** Series colours (0xRRGGBB), shared with {@link Plotter}. */
  static final int[] PALETTE = {
    0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf
  };
  /** Grid lines and legend border. */
  static final int GRID = 0xe6e6e6;
  /** Plot frame and tick marks. */
  static final int FRAME = 0x808080;
  private static final int TEXT = AxisText.TEXT;
  /** Spikes drawn per call of the dot loop: small calls get the loop compiled early in a cold JVM. */
  private static final int BATCH = 32;

  private final RasterImage img;
  private final int left;
  private final int top;
  private final int right;
  private final int bottom;
  private final double x0;
  private final double xScale;
  private final double y0;
  private final double yScale;

  private SpikeRaster(RasterImage img, int left, int top, int right, int bottom, double x0, double x1, double y0,
      double y1) {
    this.img = img;
    this.left = left;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
    this.x0 = x0;
    this.xScale = (right - left) / (x1 - x0);
    this.y0 = y0;
    this.yScale = (bottom - top) / (y1 - y0);
  }

  /**
   * Writes the raster of {@code series} (x: time, y: neuron) to {@code out} (PNG, atomically) with the x
   * axis spanning [xMin, xMax] and the y axis [yMin, yMax] (in the series' units; x and y titles ending
   * in an SI unit in parentheses get an engineering prefix). Returns {@code out}.
   */
  public static Path write(Path out, String title, String xLabel, String yLabel, List<Plotter.Series> series,
      double xMin, double xMax, double yMin, double yMax) {
    if (!(xMax > xMin) || !(yMax > yMin) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
      throw new IllegalArgumentException("raster axis ranges must be finite and increasing, got x [" + xMin + ", "
          + xMax + "], y [" + yMin + ", " + yMax + "]");
    }
    RasterImage img = render(title, xLabel, yLabel, series, xMin, xMax, yMin, yMax);
    return img.write(out);
  }

  static RasterImage render(String title, String xLabel, String yLabel, List<Plotter.Series> series,
      double xMin, double xMax, double yMin, double yMax) {
    GlyphAtlas font = GlyphAtlas.load();
    int w = Plotter.WIDTH;
    int h = Plotter.HEIGHT;
    Plotter.Prefix xp = Plotter.Prefix.choose(xLabel, Math.max(Math.abs(xMin), Math.abs(xMax)));
    Plotter.Prefix yp = Plotter.Prefix.choose(yLabel, Math.max(Math.abs(yMin), Math.abs(yMax)));
    String xTitle = xp.label(xLabel);
    String yTitle = yp.label(yLabel);
    double sx = xp.factor();
    double sy = yp.factor();
    boolean hasTitle = title != null && !title.isBlank();
    boolean hasXTitle = xTitle != null && !xTitle.isBlank();
    boolean hasYTitle = yTitle != null && !yTitle.isBlank();

    // the legend (several series with spikes in range) in a strip above the plot area: a raster is dense, an inside
    // corner would cover spikes (COBA's is full everywhere)
    List<String> names = new ArrayList<>();
    List<Integer> colours = new ArrayList<>();
    for (int k = 0; k < series.size(); k++) {
      Plotter.Series s = series.get(k);
      if (anyInside(s.x(), s.y(), xMin, xMax, yMin, yMax)) {
        names.add(s.name() == null || s.name().isEmpty() ? "series " + (k + 1) : s.name());
        colours.add(PALETTE[k % PALETTE.length]);
      }
    }
    int stripTop = 10 + (hasTitle ? font.bold.height() + 10 : 0);
    int right = w - 1 - 20;
    int[] widths = new int[names.size()];
    for (int k = 0; k < widths.length; k++) {
      widths[k] = font.small.width(names.get(k));
    }
    Strip strip = names.size() > 1 ? Strip.of(widths, right - 10) : null;
    int line = font.small.height() + 2;
    int top = stripTop + (strip == null ? 0 : strip.rows * line + 6);
    int bottom = h - 1 - (10 + 4 + font.small.height() + (hasXTitle ? 6 + font.regular.height() : 0));
    double[] yTicks = Ticks.values(yMin * sy, yMax * sy, Math.max(2, (bottom - top) / Math.max(40, h / 11)));
    int yLabelWidth = 0;
    for (double v : yTicks) {
      yLabelWidth = Math.max(yLabelWidth, font.small.width(Ticks.label(v)));
    }
    int left = 10 + (hasYTitle ? font.regular.height() + 8 : 0) + yLabelWidth + 4 + 4;
    double[] xTicks = Ticks.values(xMin * sx, xMax * sx, Math.max(2, (right - left) / Math.max(60, w / 11)));

    RasterImage img = new RasterImage(w, h);
    SpikeRaster r = new SpikeRaster(img, left, top, right, bottom, xMin * sx, xMax * sx, yMin * sy, yMax * sy);
    for (double v : xTicks) {
      int x = r.px(v);
      img.fill(x, top, x + 1, bottom, GRID);
      img.fill(x, bottom + 1, x + 1, bottom + 5, FRAME);
      String s = Ticks.label(v);
      font.small.draw(img, s, x - font.small.width(s) / 2, bottom + 4 + font.small.ascent, TEXT);
    }
    for (double v : yTicks) {
      int y = r.py(v);
      img.fill(left, y, right, y + 1, GRID);
      img.fill(left - 4, y, left, y + 1, FRAME);
      String s = Ticks.label(v);
      font.small.draw(img, s, left - 4 - 4 - font.small.width(s), y + font.small.ascent / 2 - 1, TEXT);
    }
    for (int k = 0; k < series.size(); k++) {
      Plotter.Series s = series.get(k);
      r.drawSeries(s.x(), s.y(), sx, sy, PALETTE[k % PALETTE.length]);
    }
    img.outline(left, top, right, bottom, FRAME);
    if (strip != null) {
      for (int k = 0; k < names.size(); k++) {
        int baseline = stripTop + strip.row[k] * line + font.small.ascent;
        int cy = baseline - font.small.ascent / 2 + 1;
        int x = right + strip.x[k];
        img.fill(x, cy - 4, x + Strip.SWATCH, cy + 4, colours.get(k));
        font.small.draw(img, names.get(k), x + Strip.SWATCH + Strip.GAP, baseline, TEXT);
      }
    }
    if (hasXTitle) {
      AxisText.centred(img, font.regular, xTitle, (left + right) / 2, h - 1 - 10 - font.regular.descent);
    }
    if (hasYTitle) {
      AxisText.upCentred(img, font.regular, yTitle, 10 + font.regular.ascent, (top + bottom) / 2);
    }
    if (hasTitle) {
      AxisText.centred(img, font.bold, title, w / 2, 10 + font.bold.ascent);
    }
    return img;
  }

  private int px(double x) {
    return left + (int) Math.round((x - x0) * xScale);
  }

  private int py(double y) {
    return bottom - (int) Math.round((y - y0) * yScale);
  }

  /** Draws the points of one series in batches; returns how many were inside the axes. */
  private int drawSeries(double[] x, double[] y, double sx, double sy, int rgb) {
    int drawn = 0;
    for (int from = 0; from < x.length; from += BATCH) {
      drawn += dots(x, y, from, Math.min(x.length, from + BATCH), sx, sy, rgb);
    }
    return drawn;
  }

  /** One 2 x 2 dot per point in [from, to) inside the axes (centred on the point); returns their count. */
  private int dots(double[] x, double[] y, int from, int to, double sx, double sy, int rgb) {
    int drawn = 0;
    for (int i = from; i < to; i++) {
      double fx = left + (x[i] * sx - x0) * xScale;
      double fy = bottom - (y[i] * sy - y0) * yScale;
      // !(a >= b) also rejects NaN
      if (!(fx >= left) || !(fx <= right) || !(fy >= top) || !(fy <= bottom)) {
        continue;
      }
      int ix = (int) Math.floor(fx - 0.5);
      int iy = (int) Math.floor(fy - 0.5);
      img.fill(Math.max(ix, left + 1), Math.max(iy, top + 1), Math.min(ix + 2, right), Math.min(iy + 2, bottom), rgb);
      drawn++;
    }
    return drawn;
  }

  /** Whether some point of the series lies inside the axes (finite, in [xMin, xMax] x [yMin, yMax]). */
  private static boolean anyInside(double[] x, double[] y, double xMin, double xMax, double yMin, double yMax) {
    for (int i = 0; i < x.length; i++) {
      if (x[i] >= xMin && x[i] <= xMax && y[i] >= yMin && y[i] <= yMax) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the entries of a raster's legend go in the strip above its plot area (both renderers: this class and {@link
   * Java2dPlots#raster}): each entry a {@value #SWATCH} px square of the series' colour, {@value #GAP} px, its name,
   * {@value #SPACE} px to the next; in the given order, in as few rows as fit {@code avail} pixels, each row ending
   * at the plot area's right edge. Entry k starts {@code x[k]} pixels from that edge (negative) on row {@code row[k]}.
   */
  static final class Strip {
    static final int SWATCH = 8;
    static final int GAP = 6;
    static final int SPACE = 16;
    final int[] x;
    final int[] row;
    final int rows;

    private Strip(int[] x, int[] row, int rows) {
      this.x = x;
      this.row = row;
      this.rows = rows;
    }

    /** The strip of entries whose names are {@code widths[k]} pixels wide. */
    static Strip of(int[] widths, int avail) {
      int n = widths.length;
      int[] x = new int[n];
      int[] row = new int[n];
      int rows = 0;
      int first = 0;
      while (first < n) {
        int end = first;
        int used = 0;
        do { // at least one entry a row, however wide
          used += (end > first ? SPACE : 0) + SWATCH + GAP + widths[end];
          end++;
        } while (end < n && used + SPACE + SWATCH + GAP + widths[end] <= avail);
        int at = -used;
        for (int k = first; k < end; k++) {
          x[k] = at;
          row[k] = rows;
          at += SWATCH + GAP + widths[k] + SPACE;
        }
        rows++;
        first = end;
      }
      return new Strip(x, row, rows);
    }
  }
}
