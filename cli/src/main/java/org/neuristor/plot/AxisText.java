package org.neuristor.plot;

/**
 * Text and tick marks of the AWT-free plots ({@link LinePlot}, {@link Gallery}, {@link Matrix}, {@link HeatMap},
 * {@link LogBarPlot}, {@link ImageGridPlot}) drawn into a {@link RasterImage}: centred and upward titles, and tick marks with their labels along a side of a plot area. A
 * label that would touch the one drawn before it is left out (its tick mark stays): on a log axis spanning less
 * than two decades every tick is labelled.
 */
final class AxisText {
  static final int TEXT = 0x000000;

  private AxisText() {}

  /** {@code text} centred on {@code cx} (its start rounded half up, as Java2D places it), on the baseline. */
  static void centred(RasterImage img, GlyphAtlas.Face f, String text, double cx, int baseline) {
    centred(img, f, text, cx, baseline, TEXT);
  }

  /** As {@link #centred(RasterImage, GlyphAtlas.Face, String, double, int)}, in colour {@code rgb}. */
  static void centred(RasterImage img, GlyphAtlas.Face f, String text, double cx, int baseline, int rgb) {
    f.draw(img, text, (int) Math.floor(cx - f.width(text) / 2.0 + 0.5), baseline, rgb);
  }

  /**
   * As {@link #centred(RasterImage, GlyphAtlas.Face, String, double, int)}, moved sideways as little as needed to lie
   * in columns [lo, hi]; a text wider than that starts at {@code lo}.
   */
  static void centredWithin(RasterImage img, GlyphAtlas.Face f, String text, double cx, int baseline, int lo,
      int hi) {
    int w = f.width(text);
    f.draw(img, text, (int) within(Math.floor(cx - w / 2.0 + 0.5), w, lo, hi), baseline, TEXT);
  }

  /**
   * The start of a text {@code w} wide starting at {@code x}, moved as little as needed to lie in columns [lo, hi];
   * {@code lo} for a text wider than that. The rule of a gallery panel's title in both renderers ({@link LinePlot},
   * {@link Java2dPlots.Chart}).
   */
  static double within(double x, double w, double lo, double hi) {
    return Math.max(lo, Math.min(x, hi + 1 - w));
  }

  /**
   * The face a title {@code size} px bold takes to fit {@code room} pixels: its own, then bold 12 px, plain 12, 11 and
   * 10 px (the sizes of the glyph atlas), the first in which {@code width} (of text, size, bold) is at most {@code
   * room}: {size, 1 if bold}. None fitting: the plain 10 px face with a negative size ({@code -10, 0}), the title
   * then wrapped in two lines ({@link #wrap}). The rule of both renderers ({@link LinePlot}, {@link
   * Java2dPlots.Chart}): a title is never cut.
   */
  static int[] titleFace(String text, int size, int room, TextWidth width) {
    int[][] faces = {{size, 1}, {12, 1}, {12, 0}, {11, 0}, {10, 0}};
    for (int[] f : faces) {
      if (f[0] <= size && width.of(text, f[0], f[1] == 1) <= room) {
        return f;
      }
    }
    return new int[] {-10, 0};
  }

  /** Width in pixels of a text in a face. */
  interface TextWidth {
    double of(String text, int size, boolean bold);
  }

  /** A title in two lines, split at the space nearest its middle (none: the text and an empty line). */
  static String[] wrap(String text) {
    int best = -1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ' && (best < 0 || Math.abs(2 * i - text.length()) < Math.abs(2 * best - text.length()))) {
        best = i;
      }
    }
    return best < 0 ? new String[] {text, ""} : new String[] {text.substring(0, best), text.substring(best + 1)};
  }

  /** {@code text} reading upwards on the vertical baseline {@code x}, centred on row {@code cy}. */
  static void upCentred(RasterImage img, GlyphAtlas.Face f, String text, int x, int cy) {
    f.drawUp(img, text, x, cy + f.width(text) / 2, TEXT);
  }

  /**
   * Ticks along a vertical side, in increasing value (rows going up): tick k's mark fills columns [markFrom, markTo)
   * of row {@code rows[k]} and its label is vertically centred on that row, ending at column {@code labelAt}, or with
   * {@code labelsRight} starting there. Ticks without a label (null) or outside rows [top, bottom] are skipped.
   * Returns the width of the widest label drawn.
   */
  static int yTicks(RasterImage img, GlyphAtlas.Face f, int[] rows, String[] labels, int top, int bottom,
      int markFrom, int markTo, int labelAt, boolean labelsRight) {
    return yTicks(img, f, rows, labels, top, bottom, markFrom, markTo, labelAt, labelsRight, SpikeRaster.FRAME);
  }

  /** As {@link #yTicks(RasterImage, GlyphAtlas.Face, int[], String[], int, int, int, int, int, boolean)}, the marks in
   * colour {@code markRgb}. */
  static int yTicks(RasterImage img, GlyphAtlas.Face f, int[] rows, String[] labels, int top, int bottom,
      int markFrom, int markTo, int labelAt, boolean labelsRight, int markRgb) {
    int widest = 0;
    int free = Integer.MAX_VALUE; // the axis goes upwards: the lowest row the next label may use
    for (int k = 0; k < rows.length; k++) {
      String s = labels[k];
      int y = rows[k];
      if (s == null || y < top || y > bottom) {
        continue;
      }
      img.fill(markFrom, y, markTo, y + 1, markRgb);
      int baseline = y + f.ascent / 2 - 1;
      if (baseline < free) {
        int w = f.width(s);
        f.draw(img, s, labelsRight ? labelAt : labelAt - w, baseline, TEXT);
        free = baseline - f.ascent - 2;
        widest = Math.max(widest, w);
      }
    }
    return widest;
  }

  /**
   * Ticks along a horizontal side, in increasing value: tick k's mark fills rows [markFrom, markTo) of column {@code
   * cols[k]} and, with {@code withLabels}, its label is centred on that column on the baseline {@code baseline}.
   * Ticks without a label (null) or outside columns [left, right] are skipped.
   */
  static void xTicks(RasterImage img, GlyphAtlas.Face f, int[] cols, String[] labels, int left, int right,
      int markFrom, int markTo, int baseline, boolean withLabels) {
    int free = Integer.MIN_VALUE; // the first column the next label may use
    for (int k = 0; k < cols.length; k++) {
      String s = labels[k];
      int x = cols[k];
      if (s == null || x < left || x > right) {
        continue;
      }
      img.fill(x, markFrom, x + 1, markTo, SpikeRaster.FRAME);
      int x0 = x - f.width(s) / 2;
      if (withLabels && x0 >= free) {
        f.draw(img, s, x0, baseline, TEXT);
        free = x0 + f.width(s) + 4;
      }
    }
  }
}
