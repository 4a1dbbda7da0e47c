package org.neuristor.plot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Anti-aliased text from pre-rendered glyph bitmaps ({@code glyphs.bin}, DejaVu Sans at 10, 11, 12 and 13 px and
 * bold at 12, 13, 16 and 18 px, written by the test-side {@code GlyphAtlasGenerator}), drawn into a {@link
 * RasterImage} without AWT: loading the JDK's font machinery costs more than a whole spike raster.
 * Characters missing from the atlas are drawn as {@code ?}.
 */
final class GlyphAtlas {
  /** One font of the atlas; as a {@code ToIntFunction}, the width of a text ({@link #width}). */
  static final class Face implements java.util.function.ToIntFunction<String> {
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

    @Override
    public int applyAsInt(String text) {
      return width(text);
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

  /** The atlas file's bytes; faces are decoded from them when first asked for. */
  private final byte[] data;
  /** Per face of the file, in file order: bold, pixel size, offset of its header. */
  private final boolean[] boldAt;
  private final int[] sizeAt;
  private final int[] offsetAt;
  private final Face[] decoded;
  /** DejaVu Sans 12 px: tick labels and legends of the big plots. */
  final Face small;
  /** DejaVu Sans 13 px: axis titles of the big plots. */
  final Face regular;
  /** DejaVu Sans Bold 16 px: titles of the big plots. */
  final Face bold;

  private static GlyphAtlas shared;

  private GlyphAtlas(byte[] data) {
    this.data = data;
    ByteBuffer b = ByteBuffer.wrap(data);
    byte[] magic = new byte[4];
    b.get(magic);
    if (!"NGA1".equals(new String(magic, StandardCharsets.US_ASCII))) {
      throw new IllegalStateException("glyphs.bin: not a glyph atlas");
    }
    int fonts = b.getInt();
    boldAt = new boolean[fonts];
    sizeAt = new int[fonts];
    offsetAt = new int[fonts];
    decoded = new Face[fonts];
    for (int f = 0; f < fonts; f++) { // walk the glyph headers to find where the next face starts
      offsetAt[f] = b.position();
      boldAt[f] = b.get() != 0;
      sizeAt[f] = b.getInt();
      b.position(b.position() + 8); // ascent, descent
      int n = b.getInt();
      for (int k = 0; k < n; k++) {
        b.position(b.position() + 4 + 3 * 2); // code point, advance, dx, dy
        int w = b.getShort();
        int h = b.getShort();
        b.position(b.position() + w * h);
      }
    }
    small = face(12, false);
    regular = face(13, false);
    bold = face(16, true);
  }

  /**
   * The atlas shipped in the jar: DejaVu Sans 10, 11, 12 and 13 px and DejaVu Sans Bold 12, 13, 16 and 18 px
   * (read once per JVM; a face is decoded when first asked for).
   */
  static synchronized GlyphAtlas load() {
    if (shared == null) {
      try (InputStream in = GlyphAtlas.class.getResourceAsStream("glyphs.bin")) {
        if (in == null) {
          throw new IllegalStateException("glyphs.bin missing from the class path");
        }
        shared = new GlyphAtlas(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** The face of {@code size} pixels, bold or plain; an error if the atlas lacks it (GlyphAtlasGenerator makes it). */
  synchronized Face face(int size, boolean isBold) {
    for (int f = 0; f < decoded.length; f++) {
      if (sizeAt[f] == size && boldAt[f] == isBold) {
        if (decoded[f] == null) {
          decoded[f] = decode(offsetAt[f]);
        }
        return decoded[f];
      }
    }
    throw new IllegalStateException("glyphs.bin has no " + (isBold ? "bold " : "") + size + " px face");
  }

  private Face decode(int offset) {
    ByteBuffer b = ByteBuffer.wrap(data);
    b.position(offset + 1);
    int size = b.getInt();
    int ascent = b.getInt();
    int descent = b.getInt();
    int n = b.getInt();
    Map<Integer, Glyph> glyphs = new HashMap<>(2 * n);
    for (int k = 0; k < n; k++) {
      int cp = b.getInt();
      int advance = b.getShort();
      int dx = b.getShort();
      int dy = b.getShort();
      int w = b.getShort();
      int h = b.getShort();
      byte[] alpha = new byte[w * h];
      b.get(alpha);
      glyphs.put(cp, new Glyph(advance, dx, dy, w, h, alpha));
    }
    return new Face(size, ascent, descent, glyphs);
  }
}
