package org.neuristor.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.neuristor.io.AtomicFiles;

/**
 * An RGB image held as the bytes of a PNG's image data (each row a filter byte 0 and then R, G, B per
 * pixel), so that writing it is one deflate of the array: no AWT, no {@code ImageIO}. Drawing is
 * clipped to the image. PNG format: W3C Portable Network Graphics (Third Edition), chunks IHDR, IDAT,
 * IEND, colour type 2, bit depth 8, no interlace.
 */
final class RasterImage {
  final int width;
  final int height;
  private final int stride;
  private final byte[] data;

  RasterImage(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.stride = 1 + 3 * width;
    this.data = new byte[stride * height];
    // one white row (filter type None, then white pixels) copied to every row: a fill of the whole array byte by
    // byte runs ~1.8 million iterations in a cold JVM's interpreter and gets C2 to compile it on the stack
    byte[] white = new byte[stride];
    Arrays.fill(white, 1, stride, (byte) 0xff);
    for (int y = 0; y < height; y++) {
      System.arraycopy(white, 0, data, y * stride, stride);
    }
  }

  /** The colour at (x, y) as 0xRRGGBB. */
  int rgb(int x, int y) {
    int i = y * stride + 1 + 3 * x;
    return (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
  }

  /** Sets pixel (x, y) to 0xRRGGBB; outside the image nothing happens. */
  void set(int x, int y, int rgb) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      return;
    }
    int i = y * stride + 1 + 3 * x;
    data[i] = (byte) (rgb >>> 16);
    data[i + 1] = (byte) (rgb >>> 8);
    data[i + 2] = (byte) rgb;
  }

  /** Paints 0xRRGGBB over pixel (x, y) with coverage {@code alpha} (0-255). */
  void blend(int x, int y, int rgb, int alpha) {
    if (alpha == 0 || x < 0 || y < 0 || x >= width || y >= height) {
      return;
    }
    int i = y * stride + 1 + 3 * x;
    for (int k = 0; k < 3; k++) {
      int src = (rgb >>> (16 - 8 * k)) & 0xff;
      int dst = data[i + k] & 0xff;
      // rounded to nearest for both signs (a truncating / drew full coverage of a darker colour one step light)
      data[i + k] = (byte) (dst + Math.floorDiv((src - dst) * alpha + 127, 255));
    }
  }

  /** Fills the rectangle [x0, x1) x [y0, y1) (clipped). */
  void fill(int x0, int y0, int x1, int y1, int rgb) {
    int a = Math.max(0, x0);
    int b = Math.min(width, x1);
    byte r = (byte) (rgb >>> 16);
    byte g = (byte) (rgb >>> 8);
    byte bl = (byte) rgb;
    for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
      for (int i = y * stride + 1 + 3 * a, end = y * stride + 1 + 3 * b; i < end; i += 3) {
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = bl;
      }
    }
  }

  /** Copies {@code src} into this image with its top left corner at (x, y) (clipped). */
  void paste(RasterImage src, int x, int y) {
    int a = Math.max(0, x);
    int b = Math.min(width, x + src.width);
    if (a >= b) {
      return;
    }
    for (int row = Math.max(0, y); row < Math.min(height, y + src.height); row++) {
      System.arraycopy(src.data, (row - y) * src.stride + 1 + 3 * (a - x), data, row * stride + 1 + 3 * a, 3 * (b - a));
    }
  }

  /** The outline of the rectangle with corners (x0, y0) and (x1, y1), both included, one pixel wide. */
  void outline(int x0, int y0, int x1, int y1, int rgb) {
    fill(x0, y0, x1 + 1, y0 + 1, rgb);
    fill(x0, y1, x1 + 1, y1 + 1, rgb);
    fill(x0, y0, x0 + 1, y1 + 1, rgb);
    fill(x1, y0, x1 + 1, y1 + 1, rgb);
  }

  /**
   * Writes the image as a PNG file, atomically. One call site for every AWT-free plot: its method reference is a
   * class the start-up archive holds once the launcher's training run has drawn any of them.
   */
  Path write(Path out) {
    return AtomicFiles.write(out, this::writePng);
  }

  /** The image as a PNG file's bytes. */
  void writePng(OutputStream out) throws IOException {
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: RGB
    chunk(out, "IHDR", ihdr, ihdr.length);
    // Level 4: a COBA raster deflates in ~15 ms cold to 119 kB (level 6: ~38 ms, 100 kB; level 1: 15 ms, 164 kB)
    Deflater deflater = new Deflater(4);
    try {
      deflater.setInput(data);
      deflater.finish();
      byte[] buf = new byte[1 << 16];
      byte[] all = new byte[1 << 16];
      int n = 0;
      while (!deflater.finished()) {
        int k = deflater.deflate(buf);
        if (n + k > all.length) {
          all = Arrays.copyOf(all, Math.max(2 * all.length, n + k));
        }
        System.arraycopy(buf, 0, all, n, k);
        n += k;
      }
      chunk(out, "IDAT", all, n);
    } finally {
      deflater.end();
    }
    chunk(out, "IEND", new byte[0], 0);
  }

  private static void chunk(OutputStream out, String type, byte[] body, int length) throws IOException {
    byte[] head = new byte[8];
    putInt(head, 0, length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, head, 4, 4);
    out.write(head);
    out.write(body, 0, length);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(body, 0, length);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.write(c);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
