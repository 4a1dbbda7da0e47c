package org.neuristor.digits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.NeuristorException;

class DatasetsTest {
  @Test
  void shippedMnistSubsetHasTheDocumentedShape() {
    Dataset d = Datasets.mnist10k();
    assertThat(d.size()).isEqualTo(10000);
    assertThat(d.rows()).isEqualTo(28);
    assertThat(d.cols()).isEqualTo(28);
    assertThat(d.classes()).isEqualTo(10);
    // grouped by class (data README): labels never decrease
    for (int i = 1; i < d.size(); i++) {
      assertThat(d.labels()[i]).isGreaterThanOrEqualTo(d.labels()[i - 1]);
    }
    float max = 0;
    for (float v : d.images()[0]) {
      max = Math.max(max, v);
    }
    assertThat(max).isBetween(0.5f, 1f);
  }

  @Test
  void shippedDigitsHaveTheDocumentedShape() {
    Dataset d = Datasets.digits();
    assertThat(d.size()).isEqualTo(1797);
    assertThat(d.features()).isEqualTo(64);
    assertThat(d.classes()).isEqualTo(10);
    // first sample of the UCI/scikit-learn set is a 0 whose third pixel is 5/16
    assertThat(d.labels()[0]).isEqualTo(0);
    assertThat(d.images()[0][2]).isEqualTo(5 / 16f);
  }

  @Test
  void uncompressedIdxFilesReadLikeTheGzippedOnes(@TempDir Path dir) throws Exception {
    byte[] img;
    byte[] lab;
    try (InputStream a = new GZIPInputStream(getClass().getResourceAsStream(
        "/org/neuristor/digits/mnist10k/mnist10k-images-idx3-ubyte.gz"));
        InputStream b = new GZIPInputStream(getClass().getResourceAsStream(
            "/org/neuristor/digits/mnist10k/mnist10k-labels-idx1-ubyte.gz"))) {
      img = a.readAllBytes();
      lab = b.readAllBytes();
    }
    Files.write(dir.resolve("train-images-idx3-ubyte"), img);
    Files.write(dir.resolve("train-labels-idx1-ubyte"), lab);
    Dataset raw = Idx.read(dir.resolve("train-images-idx3-ubyte"), false);
    Dataset gz = Datasets.mnist10k();
    assertThat(raw.size()).isEqualTo(gz.size());
    assertThat(raw.labels()).isEqualTo(gz.labels());
    assertThat(raw.images()[1234]).isEqualTo(gz.images()[1234]);
    // a directory works too
    assertThat(Idx.read(dir, false).size()).isEqualTo(10000);
  }

  @Test
  void badIdxFilesAreRefusedWithTheirName() {
    byte[] bad = {0, 0, 8, 1, 0, 0, 0, 1, 5};
    assertThatThrownBy(() -> Idx.readImages(new ByteArrayInputStream(bad), "x.idx", new int[2]))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("x.idx").hasMessageContaining("2051");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3});
    assertThatThrownBy(() -> Idx.readImages(new ByteArrayInputStream(o.toByteArray()), "t.idx", new int[2]))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Datasets.readDigitsCsv(new ByteArrayInputStream("1,2,3\n".getBytes()), "d.csv"))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("d.csv:1");
  }

  @Test
  void stratifiedSplitIsFixedAndKeepsClassProportions() {
    Dataset d = Datasets.mnist10k();
    Dataset.Split a = d.stratifiedSplit(0.2, 1);
    Dataset.Split b = d.stratifiedSplit(0.2, 1);
    assertThat(a.test().size()).isBetween(1995, 2005);
    assertThat(a.train().size() + a.test().size()).isEqualTo(10000);
    assertThat(a.test().labels()).isEqualTo(b.test().labels());
    assertThat(a.test().images()[17]).isSameAs(b.test().images()[17]);
    int[] perClass = new int[10];
    int[] all = new int[10];
    for (int l : a.test().labels()) {
      perClass[l]++;
    }
    for (int l : d.labels()) {
      all[l]++;
    }
    for (int k = 0; k < 10; k++) {
      assertThat(perClass[k]).isEqualTo((int) Math.round(0.2 * all[k]));
    }
  }
}
