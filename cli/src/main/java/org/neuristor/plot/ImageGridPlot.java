package org.neuristor.plot;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The PNG of {@link Plotter#imageGrid} drawn straight into a {@link RasterImage} (no AWT), in the layout of the vector
 * formats' {@code Java2dPlots.imageGrid}: each grey-scale image scaled up by a whole factor (nearest neighbour) to
 * about 112 px, framed, in a grid of cells with its caption under it, and with a common scale a grey bar ticked on the
 * right. The image is at least 300 px wide and as wide as the title plus 40 px, the grid (and bar) centred in it.
 */
final class ImageGridPlot {
  /** Cell padding around an image. */
  static final int PAD = 8;
  /** Colour of a non-finite pixel. */
  static final int MISSING = 0xcc3333;

  private ImageGridPlot() {}

  /** Sizes of an image grid, shared by both renderers (each measuring the title in its own font). */
  static final class Layout {
    final int scale;
    final int cellW;
    final int cellH;
    final int cols;
    final int titleH;
    final boolean hasTitle;
    /** The largest magnitude of all images (1 if none): the common scale is [-range, range]. */
    final double range;
    final boolean bar;
    final int w;
    final int h;
    /** Left edge of the grid: the grid and bar are centred when the image is wider than them. */
    final int left;

    Layout(String title, List<double[][]> images, int columns, List<String> captions, String scaleLabel,
        ToIntFunction<String> titleWidth) {
      if (columns < 1) {
        throw new IllegalArgumentException("columns must be >= 1, got " + columns);
      }
      int maxRows = 1;
      int maxCols = 1;
      double m = 0;
      for (double[][] im : images) {
        maxRows = Math.max(maxRows, im.length);
        maxCols = Math.max(maxCols, im.length == 0 ? 0 : im[0].length);
        for (double[] row : im) {
          for (double v : row) {
            if (Double.isFinite(v)) {
              m = Math.max(m, Math.abs(v));
            }
          }
        }
      }
      scale = Math.max(1, 112 / Math.max(maxRows, maxCols));
      boolean anyCaption = false;
      for (String c : captions) {
        anyCaption |= c != null && !c.isEmpty();
      }
      cellW = maxCols * scale + 2 * PAD;
      cellH = maxRows * scale + 2 * PAD + (anyCaption ? 18 : 0);
      cols = Math.min(columns, Math.max(1, images.size()));
      int rows = (images.size() + cols - 1) / cols;
      hasTitle = title != null && !title.isBlank();
      titleH = hasTitle ? 40 : 0;
      range = m > 0 ? m : 1;
      bar = scaleLabel != null;
      int content = cols * cellW + (bar ? 140 : 0);
      w = Math.max(content, hasTitle ? Math.max(300, titleWidth.applyAsInt(title) + 40) : 1);
      left = (w - content) / 2;
      h = titleH + Math.max(1, rows) * cellH;
    }

    /** Left edge of the grey bar, its top, its height. */
    int barX() {
      return left + cols * cellW + 20;
    }

    int barTop() {
      return titleH + PAD + 20;
    }

    int barHeight() {
      return Math.max(60, h - barTop() - 30);
    }

    /** Grey level (0-255) of bar row k from the top. */
    int barLevel(int k) {
      return (int) Math.round(255 * (1 - (k + 0.5) / barHeight()));
    }

    /** Upper left corner of image k. */
    int imageX(int k) {
      return left + (k % cols) * cellW + PAD;
    }

    int imageY(int k) {
      return titleH + (k / cols) * cellH + PAD;
    }
  }

  /** The finite range {lo, hi} of an image (+inf, -inf without finite values). */
  static double[] range(double[][] a) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] row : a) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return new double[] {lo, hi};
  }

  /**
   * 0xRRGGBB of image {@code a}'s pixel (r, c) with {@code lo} black and {@code hi} white (mid grey when hi <= lo), a
   * non-finite or missing value {@link #MISSING}.
   */
  static int grey(double[][] a, int r, int c, double lo, double hi) {
    double v = c < a[r].length ? a[r][c] : Double.NaN;
    if (!Double.isFinite(v)) {
      return MISSING;
    }
    int lvl = (int) Math.round(255 * (hi > lo ? Math.max(0, Math.min(1, (v - lo) / (hi - lo))) : 0.5));
    return lvl << 16 | lvl << 8 | lvl;
  }

  static Path write(Path out, String title, List<double[][]> images, int columns, List<String> captions,
      String scaleLabel) {
    RasterImage img = render(title, images, columns, captions, scaleLabel);
    return img.write(out);
  }

  static RasterImage render(String title, List<double[][]> images, int columns, List<String> captions,
      String scaleLabel) {
    GlyphAtlas font = GlyphAtlas.load();
    Layout l = new Layout(title, images, columns, captions, scaleLabel, font.bold::width);
    GlyphAtlas.Face small = font.face(11, false); // the Java2D drawing's 11 px captions and bar labels
    RasterImage img = new RasterImage(l.w, l.h);
    if (l.hasTitle) {
      AxisText.centred(img, font.bold, title, l.w / 2.0, 27);
    }
    if (l.bar) {
      int bx = l.barX();
      int top = l.barTop();
      int bh = l.barHeight();
      for (int k = 0; k < bh; k++) {
        int lvl = l.barLevel(k);
        img.fill(bx, top + k, bx + 18, top + k + 1, lvl << 16 | lvl << 8 | lvl);
      }
      img.outline(bx, top, bx + 18, top + bh, SpikeRaster.FRAME);
      small.draw(img, scaleLabel, bx - 10, top - 8, AxisText.TEXT);
      double[] ticks = Plotter.niceTicks(-l.range, l.range, 5);
      int[] rows = new int[ticks.length];
      String[] labels = Ticks.labels(ticks);
      for (int k = 0; k < ticks.length; k++) { // ascending values: rows going up, as AxisText expects
        rows[k] = (int) Math.round(top + (l.range - ticks[k]) / (2 * l.range) * bh);
      }
      AxisText.yTicks(img, small, rows, labels, top, top + bh, bx + 18, bx + 23, bx + 25, true, AxisText.TEXT);
    }
    for (int k = 0; k < images.size(); k++) {
      double[][] a = images.get(k);
      int x0 = l.imageX(k);
      int y0 = l.imageY(k);
      double[] r = l.bar ? new double[] {-l.range, l.range} : range(a);
      int ih = Math.max(1, a.length);
      int iw = Math.max(1, a.length == 0 ? 1 : a[0].length);
      int s = l.scale;
      for (int row = 0; row < a.length; row++) {
        for (int c = 0; c < iw; c++) {
          img.fill(x0 + c * s, y0 + row * s, x0 + (c + 1) * s, y0 + (row + 1) * s, grey(a, row, c, r[0], r[1]));
        }
      }
      if (a.length == 0) { // an empty image: one black pixel, as Java2D's 1 x 1 image of zeros
        img.fill(x0, y0, x0 + s, y0 + s, 0x000000);
      }
      img.outline(x0 - 1, y0 - 1, x0 + iw * s, y0 + ih * s, SpikeRaster.FRAME);
      if (k < captions.size() && captions.get(k) != null && !captions.get(k).isEmpty()) {
        AxisText.centred(img, small, captions.get(k), x0 + iw * s / 2.0, y0 + ih * s + 14);
      }
    }
    return img;
  }
}
