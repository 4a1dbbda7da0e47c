package org.neuristor.plot;

import java.awt.image.BufferedImage;
import java.util.function.IntPredicate;

/** Pixel counts of a decoded PNG, shared by the plot tests. */
final class Pixels {
  private Pixels() {}

  static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xffffff;
  }

  /** Pixels of the rectangle [x0, x1] x [y0, y1] (clipped, corners included) whose 0xRRGGBB passes {@code test}. */
  static int count(BufferedImage img, IntPredicate test, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = Math.max(0, y0); y <= Math.min(img.getHeight() - 1, y1); y++) {
      for (int x = Math.max(0, x0); x <= Math.min(img.getWidth() - 1, x1); x++) {
        if (test.test(rgb(img, x, y))) {
          n++;
        }
      }
    }
    return n;
  }

  /** Pixels of exactly {@code colour}. */
  static int count(BufferedImage img, int colour, int x0, int y0, int x1, int y1) {
    return count(img, c -> c == colour, x0, y0, x1, y1);
  }

  /** Dark pixels (every channel below 100): text. */
  static int dark(BufferedImage img, int x0, int y0, int x1, int y1) {
    return count(img, c -> ((c >> 16) & 0xff) < 100 && ((c >> 8) & 0xff) < 100 && (c & 0xff) < 100, x0, y0, x1, y1);
  }

  /** Whether {@code f} draws {@code text} other than its fallback glyph {@code ?} (a 20 x 20 image of each). */
  static boolean notFallback(GlyphAtlas.Face f, String text) {
    RasterImage drawn = new RasterImage(20, 20);
    RasterImage q = new RasterImage(20, 20);
    f.draw(drawn, text, 2, 15, 0);
    f.draw(q, "?", 2, 15, 0);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        if (drawn.rgb(x, y) != q.rgb(x, y)) {
          return true;
        }
      }
    }
    return false;
  }
}
