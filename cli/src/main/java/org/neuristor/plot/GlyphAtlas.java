package org.neuristor.plot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Anti-aliased text from pre-rendered glyph bitmaps ({@code glyphs.bin}, DejaVu Sans at 12 and 13 px
 * and 16 px bold, written by the test-side {@code GlyphAtlasGenerator}), drawn into a {@link
 * RasterImage} without AWT: loading the JDK's font machinery costs more than a whole spike raster.
 * Characters missing from the atlas are drawn as {@code ?}.
 */
final class GlyphAtlas {
  /** One font of the atlas. */
  static final class Face {
    final int size;
    final int ascent;
    final int descent;
    private final Map<Integer, Glyph> glyphs;
    private final Glyph fallback;

    private Face(int size, int ascent, int descent, Map<Integer, Glyph> glyphs) {
      this.size = size;
      this.ascent = ascent;
      this.descent = descent;
      this.glyphs = glyphs;
      this.fallback = glyphs.get((int) '?');
    }

    private Glyph glyph(int codePoint) {
      Glyph g = glyphs.get(codePoint);
      return g != null ? g : fallback;
    }

    /** Width of {@code text} in pixels (sum of advances). */
    int width(String text) {
      int w = 0;
      for (int i = 0; i < text.length(); i++) {
        w += glyph(text.charAt(i)).advance;
      }
      return w;
    }

    /** Height of a line: ascent plus descent. */
    int height() {
      return ascent + descent;
    }

    /** Draws {@code text} with its pen starting at {@code x} on the baseline {@code y}. */
    void draw(RasterImage img, String text, int x, int y, int rgb) {
      draw(img, text, x, y, rgb, false);
    }

    /**
     * Draws {@code text} turned 90 degrees counter-clockwise (reading upwards), its pen starting at
     * {@code y} and moving up, on the vertical baseline {@code x}.
     */
    void drawUp(RasterImage img, String text, int x, int y, int rgb) {
      draw(img, text, x, y, rgb, true);
    }

    private void draw(RasterImage img, String text, int x, int y, int rgb, boolean up) {
      int pen = up ? y : x;
      for (int i = 0; i < text.length(); i++) {
        Glyph g = glyph(text.charAt(i));
        for (int r = 0; r < g.h; r++) {
          for (int c = 0; c < g.w; c++) {
            int a = g.alpha[r * g.w + c] & 0xff;
            if (up) { // glyph pixel (dx + c, dy + r) -> image (x + dy + r, pen - dx - c)
              img.blend(x + g.dy + r, pen - g.dx - c, rgb, a);
            } else {
              img.blend(pen + g.dx + c, y + g.dy + r, rgb, a);
            }
          }
        }
        pen += up ? -g.advance : g.advance;
      }
    }
  }

  private record Glyph(int advance, int dx, int dy, int w, int h, byte[] alpha) {}

  final Face small;
  final Face regular;
  final Face bold;

  private GlyphAtlas(Face small, Face regular, Face bold) {
    this.small = small;
    this.regular = regular;
    this.bold = bold;
  }

  /** The atlas shipped in the jar (12 px, 13 px and 16 px bold). */
  static GlyphAtlas load() {
    try (InputStream in = GlyphAtlas.class.getResourceAsStream("glyphs.bin")) {
      if (in == null) {
        throw new IllegalStateException("glyphs.bin missing from the class path");
      }
      DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in));
      byte[] magic = new byte[4];
      d.readFully(magic);
      if (!"NGA1".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new IllegalStateException("glyphs.bin: not a glyph atlas");
      }
      int fonts = d.readInt();
      Face[] faces = new Face[fonts];
      for (int f = 0; f < fonts; f++) {
        d.readByte(); // bold flag: the order of the faces says which is which
        int size = d.readInt();
        int ascent = d.readInt();
        int descent = d.readInt();
        int n = d.readInt();
        Map<Integer, Glyph> glyphs = new HashMap<>(2 * n);
        for (int k = 0; k < n; k++) {
          int cp = d.readInt();
          int advance = d.readShort();
          int dx = d.readShort();
          int dy = d.readShort();
          int w = d.readShort();
          int h = d.readShort();
          byte[] alpha = new byte[w * h];
          d.readFully(alpha);
          glyphs.put(cp, new Glyph(advance, dx, dy, w, h, alpha));
        }
        faces[f] = new Face(size, ascent, descent, glyphs);
      }
      return new GlyphAtlas(faces[0], faces[1], faces[2]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
