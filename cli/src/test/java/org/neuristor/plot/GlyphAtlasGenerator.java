package org.neuristor.plot;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates {@code cli/src/main/resources/org/neuristor/plot/glyphs.bin}, the anti-aliased glyph
 * bitmaps {@link GlyphAtlas} draws text with (so that {@link RasterPng} needs neither AWT nor a font
 * at run time). Renders DejaVu Sans (the JDK's {@code SansSerif} on most Linux systems; Bitstream Vera
 * licence, see {@code glyphs.txt} next to the atlas) at the sizes and styles of {@link Plotter}'s
 * tick and legend font (12 px plain), axis title font (13 px plain) and title font (16 px bold) (these three first,
 * in this order), then the smaller faces of the galleries' panels and the matrix (10 and 11 px plain, 12 and 13 px
 * bold) and a gallery's title (18 px bold), for printable ASCII, the few non-ASCII characters of unit labels and the
 * matrix's check mark.
 *
 * <p>Run from the repository root after {@code mvn -B -q -pl cli -am test-compile}:
 * <pre>java -Djava.awt.headless=true -cp cli/target/test-classes:cli/target/classes \
 *   org.neuristor.plot.GlyphAtlasGenerator cli/src/main/resources/org/neuristor/plot/glyphs.bin</pre>
 *
 * <p>Format (big-endian, {@link DataOutputStream}): magic {@code "NGA1"}, font count; per font: bold
 * flag (byte), pixel size, ascent, descent, glyph count; per glyph: code point (int), advance, x
 * offset of the bitmap from the pen, y offset of its top from the baseline (negative: above), width,
 * height (shorts), then width * height coverage bytes (0 = none, 255 = full) row by row.
 */
public final class GlyphAtlasGenerator {
  private GlyphAtlasGenerator() {}

  /** Characters in the atlas: printable ASCII and µ, Ω, °, ², ³, −, ✓. */
  static String characters() {
    StringBuilder sb = new StringBuilder();
    for (char c = 32; c < 127; c++) {
      sb.append(c);
    }
    return sb.append("\u00b5\u03a9\u00b0\u00b2\u00b3\u2212\u2713").toString();
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: GlyphAtlasGenerator OUTPUT.bin");
      System.exit(2);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("NGA1");
    Font[] fonts = {
        new Font("DejaVu Sans", Font.PLAIN, 12), new Font("DejaVu Sans", Font.PLAIN, 13),
        new Font("DejaVu Sans", Font.BOLD, 16), new Font("DejaVu Sans", Font.PLAIN, 10),
        new Font("DejaVu Sans", Font.PLAIN, 11), new Font("DejaVu Sans", Font.BOLD, 12),
        new Font("DejaVu Sans", Font.BOLD, 13), new Font("DejaVu Sans", Font.BOLD, 18)};
    out.writeInt(fonts.length);
    for (Font f : fonts) {
      if (!f.getFamily(java.util.Locale.ROOT).startsWith("DejaVu Sans")) { // Java substitutes a font it lacks
        throw new IllegalStateException("DejaVu Sans is not installed (got " + f.getFamily(java.util.Locale.ROOT) + ")");
      }
      write(out, f);
    }
    out.flush();
    Files.write(Path.of(args[0]), bytes.toByteArray());
  }

  private static void write(DataOutputStream out, Font font) throws IOException {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(font);
    pg.dispose();
    String chars = characters();
    out.writeByte(font.isBold() ? 1 : 0);
    out.writeInt(font.getSize());
    out.writeInt(fm.getAscent());
    out.writeInt(fm.getDescent());
    out.writeInt(chars.length());
    int pad = 4;
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      int advance = fm.charWidth(c);
      int w = advance + 2 * pad + font.getSize();
      int h = fm.getAscent() + fm.getDescent() + 2 * pad;
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(java.awt.Color.WHITE);
      g.setFont(font);
      int baseline = pad + fm.getAscent();
      g.drawString(String.valueOf(c), pad, baseline);
      g.dispose();
      int x0 = w;
      int y0 = h;
      int x1 = -1;
      int y1 = -1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if ((img.getRaster().getSample(x, y, 0)) != 0) {
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
          }
        }
      }
      out.writeInt(c);
      out.writeShort(advance);
      if (x1 < 0) { // blank (space)
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        continue;
      }
      out.writeShort(x0 - pad);
      out.writeShort(y0 - baseline);
      out.writeShort(x1 - x0 + 1);
      out.writeShort(y1 - y0 + 1);
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          out.writeByte(img.getRaster().getSample(x, y, 0));
        }
      }
    }
  }
}
