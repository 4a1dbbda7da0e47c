package org.neuristor.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.NeuristorException;

/** IDX and 8x8 digits readers: round trip of hand-built files (raw and gzip), bad input, shipped sets. */
class IdxTest {

  static byte[] images(int magic, int n, int rows, int cols, int pixels) {
    ByteBuffer b = ByteBuffer.allocate(16 + pixels);
    b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
    for (int k = 0; k < pixels; k++) {
      b.put((byte) (k * 37 % 256));
    }
    return b.array();
  }

  static byte[] labels(int magic, int... y) {
    ByteBuffer b = ByteBuffer.allocate(8 + y.length);
    b.putInt(magic).putInt(y.length);
    for (int v : y) {
      b.put((byte) v);
    }
    return b.array();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(o)) {
      g.write(raw);
    }
    return o.toByteArray();
  }

  @Test
  void rawAndGzipGiveTheSamePixelsScaledToUnitRange() throws IOException {
    byte[] img = images(2051, 3, 2, 2, 12);
    byte[] lab = labels(2049, 4, 0, 9);
    Dataset raw = Idx.read("t", new ByteArrayInputStream(img), "img", new ByteArrayInputStream(lab), "lab");
    Dataset gz = Idx.read("t", new ByteArrayInputStream(gzip(img)), "img", new ByteArrayInputStream(gzip(lab)), "lab");
    assertEquals(3, raw.size());
    assertEquals(4, raw.features());
    assertArrayEquals(new int[] {4, 0, 9}, raw.labels());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(raw.images()[i], gz.images()[i]);
      for (int k = 0; k < 4; k++) {
        // pixel byte (4i + k) * 37 mod 256, over 255
        assertEquals(((4 * i + k) * 37 % 256) / 255.0, raw.images()[i][k], 1e-6);
      }
    }
  }

  @Test
  void badMagicTruncationAndCountMismatchAreUserErrors() {
    NeuristorException e = assertThrows(NeuristorException.class, () -> Idx.read("t",
        new ByteArrayInputStream(images(2049, 1, 2, 2, 4)), "a.idx", new ByteArrayInputStream(labels(2049, 1)), "b"));
    assertTrue(e.getMessage().contains("a.idx") && e.getMessage().contains("2051"), e.getMessage());
    e = assertThrows(NeuristorException.class, () -> Idx.read("t",
        new ByteArrayInputStream(images(2051, 2, 2, 2, 5)), "a.idx", new ByteArrayInputStream(labels(2049, 1, 2)), "b"));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    e = assertThrows(NeuristorException.class, () -> Idx.read("t",
        new ByteArrayInputStream(images(2051, 2, 2, 2, 8)), "a.idx", new ByteArrayInputStream(labels(2049, 1)), "b"));
    assertTrue(e.getMessage().contains("2 images"), e.getMessage());
    e = assertThrows(NeuristorException.class, () -> Idx.read("t",
        new ByteArrayInputStream(images(2051, 1, 2, 2, 4)), "a.idx", new ByteArrayInputStream(labels(2049, 12)), "b"));
    assertTrue(e.getMessage().contains("not a digit"), e.getMessage());
  }

  /**
   * A header that promises 2^31 - 2 images or labels in a file of a few bytes is a truncated file. Until round 20 the
   * reader allocated the promised images up front and ran out of memory (a stack trace from the CLI).
   */
  @Test
  void aHeaderCountBeyondTheFileIsTruncationNotAnAllocation() {
    byte[] img = images(2051, 1, 28, 28, 784);
    ByteBuffer.wrap(img).putInt(4, Integer.MAX_VALUE - 2);
    byte[] lab = labels(2049, 1, 2, 3);
    NeuristorException e = assertThrows(NeuristorException.class, () -> Idx.read("t",
        new ByteArrayInputStream(img), "a.idx", new ByteArrayInputStream(lab), "b"));
    assertTrue(e.getMessage().equals("a.idx: IDX file is truncated"), e.getMessage());
    ByteBuffer.wrap(lab).putInt(4, Integer.MAX_VALUE - 2);
    e = assertThrows(NeuristorException.class, () -> Idx.readLabels(new ByteArrayInputStream(lab), "b.idx"));
    assertTrue(e.getMessage().equals("b.idx: IDX file is truncated"), e.getMessage());
  }

  /**
   * A split needs samples on both sides and one image size: an empty file, a held-out share that rounds to nothing,
   * an empty test file and a test set of another image size are errors. Until round 20 the first three ran and
   * printed "n/a" for every figure, and the last ran the 28 x 28 test images through a 10 x 10 network (their first
   * 100 pixels).
   */
  @Test
  void aSplitNeedsSamplesOnBothSidesOfOneImageSize() {
    Dataset empty = Idx.read("e", new ByteArrayInputStream(images(2051, 0, 28, 28, 0)), "e.idx",
        new ByteArrayInputStream(labels(2049)), "f.idx");
    NeuristorException e = assertThrows(NeuristorException.class, () -> empty.stratifiedSplit(0.2, 1));
    assertEquals("e: no samples", e.getMessage());
    Dataset three = Idx.read("t", new ByteArrayInputStream(images(2051, 3, 2, 2, 12)), "t.idx",
        new ByteArrayInputStream(labels(2049, 0, 1, 2)), "u.idx");
    e = assertThrows(NeuristorException.class, () -> three.stratifiedSplit(0.2, 1));
    assertTrue(e.getMessage().startsWith("t-test: no samples to test on"), e.getMessage());
    Dataset big = Idx.read("t10k", new ByteArrayInputStream(images(2051, 1, 3, 3, 9)), "t10k.idx",
        new ByteArrayInputStream(labels(2049, 4)), "u.idx");
    e = assertThrows(NeuristorException.class, () -> new Dataset.Split(three, big));
    assertEquals("t10k: images of 3 x 3 pixels, but the training images (t) are 2 x 2", e.getMessage());
    e = assertThrows(NeuristorException.class, () -> new Dataset.Split(three, empty));
    assertEquals("e: no samples to test on", e.getMessage());
    e = assertThrows(NeuristorException.class, () -> new Dataset.Split(empty, three));
    assertEquals("e: no samples to train on", e.getMessage());
  }

  @Test
  void readsMnistFilesFromAPathAndADirectory(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(2051, 2, 2, 2, 8)));
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(2049, 1, 2)));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(2051, 1, 2, 2, 4));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(2049, 7));
    Dataset train = Idx.read(dir, false);
    Dataset test = Idx.read(dir, true);
    assertEquals(2, train.size());
    assertEquals(1, test.size());
    assertEquals(7, test.labels()[0]);
    assertEquals(2, Idx.read(dir.resolve("train-images-idx3-ubyte.gz"), false).size());
    assertThrows(NeuristorException.class, () -> Idx.read(dir.resolve("nothing-here"), false));
  }

  @Test
  void shippedSetsHaveTheirDocumentedShapeAndClassCounts() {
    Dataset m = Datasets.mnist10k();
    assertEquals(10000, m.size());
    assertEquals(28, m.rows());
    assertEquals(784, m.features());
    Dataset d = Datasets.digits();
    assertEquals(1797, d.size());
    assertEquals(64, d.features());
    int[] c = new int[10];
    for (int y : d.labels()) {
      c[y]++;
    }
    // UCI optdigits test+train counts as redistributed by scikit-learn (178 zeros, 182 ones, ...)
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, c);
  }

  @Test
  void digitsCsvErrorsNameTheLine() {
    String csv = "0,".repeat(64) + "3\n" + "1,2\n";
    NeuristorException e = assertThrows(NeuristorException.class,
        () -> Datasets.readDigitsCsv(new ByteArrayInputStream(csv.getBytes()), "x.csv"));
    assertTrue(e.getMessage().startsWith("x.csv:2:"), e.getMessage());
  }

  @Test
  void stratifiedSplitIsFixedPerSeedAndKeepsClassProportions() {
    Dataset m = Datasets.mnist10k();
    Dataset.Split a = m.stratifiedSplit(0.2, 5);
    Dataset.Split b = m.stratifiedSplit(0.2, 5);
    assertEquals(2000, a.test().size(), 5);
    assertArrayEquals(a.test().labels(), b.test().labels());
    for (int i = 0; i < a.test().size(); i++) {
      assertArrayEquals(a.test().images()[i], b.test().images()[i]);
    }
    int[] all = new int[10];
    int[] te = new int[10];
    for (int y : m.labels()) {
      all[y]++;
    }
    for (int y : a.test().labels()) {
      te[y]++;
    }
    for (int k = 0; k < 10; k++) {
      assertEquals(Math.round(0.2 * all[k]), te[k]);
    }
  }
}
