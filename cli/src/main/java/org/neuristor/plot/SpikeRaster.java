package org.neuristor.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spike raster written straight to PNG without AWT, XChart or {@code ImageIO}: one 2 x 2 pixel dot
 * per spike (time, neuron), one colour per series with a legend naming them when there are several,
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

    int top = 10 + (hasTitle ? font.bold.height() + 10 : 0);
    int bottom = h - 1 - (10 + 4 + font.small.height() + (hasXTitle ? 6 + font.regular.height() : 0));
    double[] yTicks = Ticks.values(yMin * sy, yMax * sy, Math.max(2, (bottom - top) / Math.max(40, h / 11)));
    int yLabelWidth = 0;
    for (double v : yTicks) {
      yLabelWidth = Math.max(yLabelWidth, font.small.width(Ticks.label(v)));
    }
    int left = 10 + (hasYTitle ? font.regular.height() + 8 : 0) + yLabelWidth + 4 + 4;
    int right = w - 1 - 20;
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
    List<String> names = new ArrayList<>();
    List<Integer> colours = new ArrayList<>();
    for (int k = 0; k < series.size(); k++) {
      Plotter.Series s = series.get(k);
      int rgb = PALETTE[k % PALETTE.length];
      if (r.drawSeries(s.x(), s.y(), sx, sy, rgb) > 0) {
        names.add(s.name() == null || s.name().isEmpty() ? "series " + (k + 1) : s.name());
        colours.add(rgb);
      }
    }
    img.outline(left, top, right, bottom, FRAME);
    if (names.size() > 1) {
      r.legend(font.small, names, colours);
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

  /** A legend box in the plot's upper right corner: a dot of the series' colour and its name per line. */
  private void legend(GlyphAtlas.Face f, List<String> names, List<Integer> colours) {
    int pad = 6;
    int line = f.height() + 2;
    int textWidth = 0;
    for (String n : names) {
      textWidth = Math.max(textWidth, f.width(n));
    }
    int boxW = pad + 8 + 6 + textWidth + pad;
    int boxH = pad + names.size() * line - 2 + pad;
    int bx1 = right - 8;
    int bx0 = bx1 - boxW;
    int by0 = top + 8;
    img.fill(bx0, by0, bx1 + 1, by0 + boxH + 1, 0xffffff);
    img.outline(bx0, by0, bx1, by0 + boxH, GRID);
    for (int k = 0; k < names.size(); k++) {
      int baseline = by0 + pad + k * line + f.ascent;
      int cy = baseline - f.ascent / 2 + 1;
      img.fill(bx0 + pad, cy - 4, bx0 + pad + 8, cy + 4, colours.get(k));
      f.draw(img, names.get(k), bx0 + pad + 8 + 6, baseline, TEXT);
    }
  }
}
