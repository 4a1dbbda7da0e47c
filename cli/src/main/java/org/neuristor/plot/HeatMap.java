package org.neuristor.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The PNG of {@link Plotter#heatmap} drawn straight into a {@link RasterImage} (no AWT), in the layout of the vector
 * formats' {@code Java2dPlots} heat map: a {@value #WIDTH} x {@value #HEIGHT} image, cells spanning the midpoints
 * between their centres (half a spacing beyond the ends), pixel-aligned so neighbours meet without seams, NaN cells
 * grey, axes ticked at {@link Plotter#niceTicks} values, and right of the map either a colour bar (a viridis-like map
 * in {@value #BAR_STEPS} steps, ticked, with an upward z title) or, when z holds at most 10 distinct integers, a
 * legend of those values in palette order with their names.
 */
final class HeatMap {
  static final int WIDTH = 900;
  static final int HEIGHT = 650;
  /** Margins of the map: left, right (colour bar or legend), bottom; top 50 with a title, else 20. */
  static final int LEFT = 95;
  static final int RIGHT = 170;
  static final int BOTTOM = 70;
  /** Colour of a cell without a finite value. */
  static final int MISSING = 0xd0d0d0;
  /** Colour steps of the continuous bar. */
  static final int BAR_STEPS = 128;
  private static final int BAR_WIDTH = 20;
  private static final int SWATCH = 18;
  private static final int[][] ANCHORS = {
    {0x44, 0x01, 0x54}, {0x47, 0x2c, 0x7a}, {0x3b, 0x51, 0x8b}, {0x2c, 0x71, 0x8e},
    {0x21, 0x90, 0x8d}, {0x27, 0xad, 0x81}, {0x5c, 0xc8, 0x63}, {0xaa, 0xdc, 0x32}, {0xfd, 0xe7, 0x25}
  };

  private HeatMap() {}

  /** Throws on an empty axis or a z whose shape is not ys.length x xs.length. */
  static void check(double[] xs, double[] ys, double[][] z) {
    if (xs.length == 0 || ys.length == 0) {
      throw new IllegalArgumentException("heatmap needs at least one x and one y value");
    }
    if (z.length != ys.length) {
      throw new IllegalArgumentException("z has " + z.length + " rows but ys has " + ys.length);
    }
    for (int iy = 0; iy < z.length; iy++) {
      if (z[iy].length != xs.length) {
        throw new IllegalArgumentException(
            "z row " + iy + " has " + z[iy].length + " values but xs has " + xs.length);
      }
    }
  }

  /** Perceptually ordered colour map (viridis-like) as 0xRRGGBB, {@code t} in [0, 1]. */
  static int colormap(double t) {
    double u = Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
    int i = Math.min(ANCHORS.length - 2, (int) u);
    double f = u - i;
    int[] a = ANCHORS[i];
    int[] b = ANCHORS[i + 1];
    int r = (int) Math.round(a[0] + f * (b[0] - a[0]));
    int g = (int) Math.round(a[1] + f * (b[1] - a[1]));
    int bl = (int) Math.round(a[2] + f * (b[2] - a[2]));
    return r << 16 | g << 8 | bl;
  }

  /** Cell edges: midpoints between centres, half a spacing beyond the ends. */
  static double[] edges(double[] c) {
    int n = c.length;
    double[] e = new double[n + 1];
    if (n == 1) {
      double half = c[0] == 0 ? 0.5 : Math.abs(c[0]) * 0.5;
      e[0] = c[0] - half;
      e[1] = c[0] + half;
      return e;
    }
    for (int i = 1; i < n; i++) {
      e[i] = 0.5 * (c[i - 1] + c[i]);
    }
    e[0] = c[0] - (e[1] - c[0]);
    e[n] = c[n - 1] + (c[n - 1] - e[n - 1]);
    return e;
  }

  /**
   * The values of a map: their finite range, and whether they are categorical (at most 10 distinct integers, then
   * listed ascending in {@code categories}).
   */
  record Values(double lo, double hi, boolean categorical, List<Double> categories) {
    static Values of(double[][] z) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      TreeSet<Double> distinct = new TreeSet<>();
      boolean integral = true;
      for (double[] row : z) {
        for (double v : row) {
          if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            integral &= v == Math.rint(v);
            if (distinct.size() <= 10) {
              distinct.add(v);
            }
          }
        }
      }
      boolean categorical = integral && !distinct.isEmpty() && distinct.size() <= 10;
      return new Values(lo, hi, categorical, new ArrayList<>(distinct));
    }

    /** The colour of value v: grey if not finite, its category's palette colour, or its place on the colour map. */
    int rgb(double v) {
      if (!Double.isFinite(v)) {
        return MISSING;
      }
      if (categorical) {
        return SpikeRaster.PALETTE[categories.indexOf(v) % SpikeRaster.PALETTE.length];
      }
      return colormap((v - lo) / (hi > lo ? hi - lo : 1));
    }

    /** The colour bar's range: the values', widened to one unit when they are constant, [0, 1] without any. */
    double[] barRange() {
      if (!Double.isFinite(lo)) {
        return new double[] {0, 1};
      }
      return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    /** A category's legend text: its value, and its name when one is given. */
    static String legend(double category, Map<Double, String> names) {
      String name = names.get(category);
      return name != null ? Ticks.label(category) + " " + name : Ticks.label(category);
    }
  }

  static Path write(Path out, String title, String xLabel, String yLabel, double[] xs, double[] ys, double[][] z,
      String zLabel, Map<Double, String> names) {
    check(xs, ys, z);
    RasterImage img = render(title, xLabel, yLabel, xs, ys, z, zLabel, names);
    return img.write(out);
  }

  static RasterImage render(String title, String xLabel, String yLabel, double[] xs, double[] ys, double[][] z,
      String zLabel, Map<Double, String> names) {
    GlyphAtlas font = GlyphAtlas.load();
    RasterImage img = new RasterImage(WIDTH, HEIGHT);
    boolean hasTitle = !blank(title);
    int top = hasTitle ? 50 : 20;
    int pw = WIDTH - LEFT - RIGHT;
    int ph = HEIGHT - top - BOTTOM;
    int bottom = top + ph;
    if (hasTitle) {
      AxisText.centred(img, font.bold, title, LEFT + pw / 2.0, 30);
    }
    double[] ex = edges(xs);
    double[] ey = edges(ys);
    double x0 = Math.min(ex[0], ex[ex.length - 1]);
    double x1 = Math.max(ex[0], ex[ex.length - 1]);
    double y0 = Math.min(ey[0], ey[ey.length - 1]);
    double y1 = Math.max(ey[0], ey[ey.length - 1]);
    Plotter.Prefix xp = Plotter.Prefix.choose(xLabel, Math.max(Math.abs(x0), Math.abs(x1)));
    Plotter.Prefix yp = Plotter.Prefix.choose(yLabel, Math.max(Math.abs(y0), Math.abs(y1)));
    Values values = Values.of(z);
    // cell edges in pixels: a cell fills the columns and rows whose first pixel its rounded edges span
    int[] cx = new int[ex.length];
    for (int i = 0; i < ex.length; i++) {
      cx[i] = (int) Math.round(LEFT + (ex[i] - x0) / (x1 - x0) * pw);
    }
    int[] cy = new int[ey.length];
    for (int i = 0; i < ey.length; i++) {
      cy[i] = (int) Math.round(bottom - (ey[i] - y0) / (y1 - y0) * ph);
    }
    for (int iy = 0; iy < ys.length; iy++) {
      for (int ix = 0; ix < xs.length; ix++) {
        img.fill(Math.min(cx[ix], cx[ix + 1]), Math.min(cy[iy], cy[iy + 1]), Math.max(cx[ix], cx[ix + 1]),
            Math.max(cy[iy], cy[iy + 1]), values.rgb(z[iy][ix]));
      }
    }
    img.outline(LEFT, top, LEFT + pw, bottom, SpikeRaster.FRAME);

    GlyphAtlas.Face tickFace = font.small;
    double[] xt = Plotter.niceTicks(x0 * xp.factor(), x1 * xp.factor(), 7);
    int[] xCols = new int[xt.length];
    String[] xLabels = Ticks.labels(xt);
    for (int k = 0; k < xt.length; k++) {
      xCols[k] = (int) Math.round(LEFT + (xt[k] / xp.factor() - x0) / (x1 - x0) * pw);
    }
    AxisText.xTicks(img, tickFace, xCols, xLabels, LEFT, LEFT + pw, bottom, bottom + 6,
        bottom + 8 + tickFace.ascent, true);
    double[] yt = Plotter.niceTicks(y0 * yp.factor(), y1 * yp.factor(), 6);
    int[] yRows = new int[yt.length];
    String[] yLabels = Ticks.labels(yt);
    for (int k = 0; k < yt.length; k++) {
      yRows[k] = (int) Math.round(bottom - (yt[k] / yp.factor() - y0) / (y1 - y0) * ph);
    }
    int widest = AxisText.yTicks(img, tickFace, yRows, yLabels, top, bottom, LEFT - 5, LEFT + 1, LEFT - 8, false);
    if (!blank(xLabel)) {
      AxisText.centred(img, font.regular, xp.label(xLabel), LEFT + pw / 2.0, bottom + 48);
    }
    if (!blank(yLabel)) {
      AxisText.upCentred(img, font.regular, yp.label(yLabel), LEFT - 16 - widest, top + ph / 2);
    }

    int bx = LEFT + pw + 25;
    if (values.categorical()) {
      GlyphAtlas.Face f = font.regular;
      int y = top + 10;
      if (!blank(zLabel)) {
        f.draw(img, zLabel, bx, y + f.ascent, AxisText.TEXT);
        y += 26;
      }
      List<Double> cats = values.categories();
      for (int k = 0; k < cats.size(); k++) {
        img.fill(bx, y, bx + SWATCH, y + SWATCH, SpikeRaster.PALETTE[k % SpikeRaster.PALETTE.length]);
        img.outline(bx, y, bx + SWATCH, y + SWATCH, SpikeRaster.FRAME);
        f.draw(img, Values.legend(cats.get(k), names), bx + 26, y + 14, AxisText.TEXT);
        y += 26;
      }
    } else {
      for (int row = top; row < bottom; row++) { // the step holding the row's centre
        int k = Math.min(BAR_STEPS - 1, (int) ((bottom - row - 0.5) / ph * BAR_STEPS));
        img.fill(bx, row, bx + BAR_WIDTH, row + 1, colormap((k + 0.5) / BAR_STEPS));
      }
      img.outline(bx, top, bx + BAR_WIDTH, bottom, SpikeRaster.FRAME);
      double[] range = values.barRange();
      double[] zt = Plotter.niceTicks(range[0], range[1], 6);
      int[] zRows = new int[zt.length];
      String[] zLabels = Ticks.labels(zt);
      for (int k = 0; k < zt.length; k++) {
        zRows[k] = (int) Math.round(bottom - (zt[k] - range[0]) / (range[1] - range[0]) * ph);
      }
      int maxW = AxisText.yTicks(img, tickFace, zRows, zLabels, top, bottom, bx + BAR_WIDTH, bx + BAR_WIDTH + 5,
          bx + BAR_WIDTH + 7, true);
      if (!blank(zLabel)) {
        AxisText.upCentred(img, font.regular, zLabel, bx + BAR_WIDTH + 14 + maxW + font.regular.ascent, top + ph / 2);
      }
    }
    return img;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
