package org.neuristor.plot;

import java.util.function.IntBinaryOperator;

/**
 * Where an x-y plot's legend goes: the inside corner of the plot area whose legend box covers the fewest data pixels,
 * upper right first, then upper left, lower right, lower left on ties (so a legend stays upper right whenever that
 * corner is free of data). Both renderers apply this one rule to their own drawing of the data: {@link LinePlot} to its
 * PNG's pixels before the legend is drawn, {@link Java2dPlots} (the vector formats) to XChart's drawing of the chart
 * without its legend.
 */
enum LegendCorner {
  NE, NW, SE, SW;

  /** A data pixel: a series' colour or its anti-aliased edge (grid lines, white and light greys are not). */
  static boolean ink(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return Math.min(r, Math.min(g, b)) < 0xc0;
  }

  /** Left edge of a {@code boxW} wide box in this corner of columns [left, right], {@code inset} in from the side. */
  int x0(int left, int right, int boxW, int inset) {
    return this == NE || this == SE ? right - inset - boxW : left + inset;
  }

  /** Top edge of a {@code boxH} high box in this corner of rows [top, bottom], {@code inset} in from the side. */
  int y0(int top, int bottom, int boxH, int inset) {
    return this == NE || this == NW ? top + inset : bottom - inset - boxH;
  }

  /**
   * The corner for a {@code boxW} x {@code boxH} legend box (its pixels [x0, x0 + boxW] x [y0, y0 + boxH]) set {@code
   * insetX} / {@code insetY} in from the sides of the plot area [left, right] x [top, bottom], given the plot's pixels
   * ({@code rgbAt.applyAsInt(x, y)}: 0xRRGGBB) drawn without the legend.
   */
  static LegendCorner choose(IntBinaryOperator rgbAt, int left, int top, int right, int bottom, int boxW, int boxH,
      int insetX, int insetY) {
    LegendCorner best = NE;
    long fewest = Long.MAX_VALUE;
    for (LegendCorner c : values()) {
      int x0 = c.x0(left, right, boxW, insetX);
      int y0 = c.y0(top, bottom, boxH, insetY);
      long n = 0;
      for (int y = Math.max(top, y0); y <= Math.min(bottom, y0 + boxH); y++) {
        for (int x = Math.max(left, x0); x <= Math.min(right, x0 + boxW); x++) {
          if (ink(rgbAt.applyAsInt(x, y))) {
            n++;
          }
        }
      }
      if (n < fewest) {
        fewest = n;
        best = c;
      }
      if (n == 0) {
        break;
      }
    }
    return best;
  }
}
