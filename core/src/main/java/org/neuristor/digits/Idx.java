package org.neuristor.digits;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.neuristor.NeuristorException;

/**
 * Reader of the IDX format of the MNIST files (big-endian magic 0x00000803 for unsigned-byte
 * images with 3 dimensions, 0x00000801 for labels), gzip-compressed or not (detected from the
 * first two bytes). Reads the full 60,000/10,000 MNIST files as well as the shipped 10,000-sample subset.
 */
public final class Idx {
  private Idx() {}

  /** Opens a stream, transparently gunzipping when it starts with the gzip magic 1f 8b. */
  static InputStream maybeGunzip(InputStream raw) throws IOException {
    PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(raw, 1 << 16), 2);
    byte[] head = new byte[2];
    int n = in.readNBytes(head, 0, 2);
    in.unread(head, 0, n);
    if (n == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  /** Reads an idx3-ubyte image file into [0, 1] floats (pixel / 255); returns {rows, cols} in dims. */
  public static float[][] readImages(InputStream raw, String where, int[] dims) {
    try (DataInputStream in = new DataInputStream(maybeGunzip(raw))) {
      int magic = in.readInt();
      if (magic != 0x803) {
        throw NeuristorException.input(where + ": not an IDX image file (magic " + magic + ", expected 2051)");
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > 1 << 20) {
        throw NeuristorException.input(where + ": bad IDX dimensions " + n + " x " + rows + " x " + cols);
      }
      dims[0] = rows;
      dims[1] = cols;
      // images are allocated as they arrive: a header that promises more than the file holds is a truncated file,
      // not an attempt to allocate n images up front (2e9 in a 100-byte file ran out of memory with a stack trace)
      java.util.List<float[]> x = new java.util.ArrayList<>(Math.min(n, 1 << 16));
      byte[] buf = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(buf);
        float[] im = new float[buf.length];
        for (int k = 0; k < buf.length; k++) {
          im[k] = (buf[k] & 0xff) / 255f;
        }
        x.add(im);
      }
      return x.toArray(new float[0][]);
    } catch (EOFException e) {
      throw NeuristorException.input(where + ": IDX file is truncated");
    } catch (IOException e) {
      throw NeuristorException.input(where + ": cannot read IDX file: " + NeuristorException.why(e));
    }
  }

  /** Reads an idx1-ubyte label file. */
  public static int[] readLabels(InputStream raw, String where) {
    try (DataInputStream in = new DataInputStream(maybeGunzip(raw))) {
      int magic = in.readInt();
      if (magic != 0x801) {
        throw NeuristorException.input(where + ": not an IDX label file (magic " + magic + ", expected 2049)");
      }
      int n = in.readInt();
      if (n < 0) {
        throw NeuristorException.input(where + ": bad IDX label count " + n);
      }
      byte[] buf = in.readNBytes(n); // grows as the bytes arrive, as the images do
      if (buf.length < n) {
        throw new EOFException();
      }
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = buf[i] & 0xff;
        if (y[i] > 9) {
          throw NeuristorException.input(where + ": label " + y[i] + " of sample " + i + " is not a digit");
        }
      }
      return y;
    } catch (EOFException e) {
      throw NeuristorException.input(where + ": IDX file is truncated");
    } catch (IOException e) {
      throw NeuristorException.input(where + ": cannot read IDX file: " + NeuristorException.why(e));
    }
  }

  /** Image and label files into a data set; they must agree in count. */
  public static Dataset read(String name, InputStream images, String imagesWhere, InputStream labels,
      String labelsWhere) {
    int[] dims = new int[2];
    float[][] x = readImages(images, imagesWhere, dims);
    int[] y = readLabels(labels, labelsWhere);
    if (x.length != y.length) {
      throw NeuristorException.input(imagesWhere + ": " + x.length + " images but " + labelsWhere + " has "
          + y.length + " labels");
    }
    return new Dataset(name, x, y, dims[0], dims[1]);
  }

  /**
   * Reads MNIST-style files from a path: either an image file (its label file is found by
   * replacing {@code images-idx3} with {@code labels-idx1} in the name) or a directory holding
   * {@code *images-idx3-ubyte[.gz]} / {@code *labels-idx1-ubyte[.gz]} (the test files {@code t10k-*} if both
   * training and test files are there and {@code test} is true, else the training ones).
   */
  public static Dataset read(Path path, boolean test) {
    Path img;
    if (Files.isDirectory(path)) {
      img = find(path, test);
    } else {
      img = path;
    }
    String fn = img.getFileName().toString();
    if (!fn.contains("images-idx3")) {
      throw NeuristorException.input(img + ": expected an MNIST image file named *images-idx3-ubyte[.gz]");
    }
    Path lab = img.resolveSibling(fn.replace("images-idx3", "labels-idx1"));
    if (!Files.exists(lab)) {
      throw NeuristorException.input(lab + ": label file not found (next to " + fn + ")");
    }
    try (InputStream a = Files.newInputStream(img); InputStream b = Files.newInputStream(lab)) {
      return read(fn, a, img.toString(), b, lab.toString());
    } catch (IOException e) {
      throw NeuristorException.input(path + ": " + e.getMessage());
    }
  }

  private static Path find(Path dir, boolean test) {
    try (var s = Files.list(dir)) {
      var cands = s.filter(p -> p.getFileName().toString().contains("images-idx3")).sorted().toList();
      if (cands.isEmpty()) {
        throw NeuristorException.input(dir + ": no *images-idx3-ubyte[.gz] file in this directory");
      }
      for (Path p : cands) {
        boolean isTest = p.getFileName().toString().startsWith("t10k");
        if (isTest == test) {
          return p;
        }
      }
      return cands.get(0);
    } catch (IOException e) {
      throw NeuristorException.input(dir + ": " + e.getMessage());
    }
  }
}
