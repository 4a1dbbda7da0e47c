package org.neuristor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;

/** A trace's CSV formatted while it is recorded: the same bytes as {@link CsvWriter#write(Path, Trace)}. */
class CsvStreamTest {
  @TempDir Path dir;

  private static final List<String> RECORDED = List.of("v(in)", "v(a)", "i(v1)", "v(b)");

  /** The written columns: v(b) then v(a), as a --save list would pick them. */
  private static List<String> pick(List<String> names) {
    return List.of("v(b)", "v(a)");
  }

  /** The trace with the picked columns, as the run command writes it. */
  private static Trace picked(Trace t) {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (String s : pick(t.names())) {
      m.put(s, t.get(s));
    }
    return Trace.of(t.axisName(), t.axis(), m);
  }

  /** Records n rows of random values of every magnitude (integers, -0, tiny) into a builder handing rows to s. */
  private static Trace record(int n, long seed, Trace.Rows s, double bad, int badRow) {
    SplittableRandom r = new SplittableRandom(seed);
    Trace.Builder tb = new Trace.Builder("time", RECORDED, s);
    double[] row = new double[RECORDED.size()];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < row.length; k++) {
        int kind = r.nextInt(4);
        row[k] = kind == 0 ? r.nextInt(1000) - 500 : kind == 1 ? -0.0 : kind == 2 ? 1e-12 * r.nextDouble()
            : r.nextDouble() * 4 - 2;
      }
      if (i == badRow) {
        row[1] = bad;
      }
      tb.addRow(i * 1e-9 + 1e-12 * r.nextDouble(), row);
    }
    return tb.build();
  }

  @Test
  void formattedWhileRecordingWritesTheSameBytesAsTheFinishedTrace() throws IOException {
    // from one row to many chunks of the builder (its chunks grow from 256 rows), so rows arrive in many blocks
    for (int n : new int[] {1, 255, 256, 257, 5_000, 40_000}) {
      CsvStream s = new CsvStream(CsvStreamTest::pick, Long.MAX_VALUE);
      Trace t = picked(record(n, n, s, 0, -1));
      assertThat(s.ready(t)).as("rows %d formatted while recording", n).isTrue();
      Path a = s.write(dir.resolve("s" + n + ".csv"), t);
      Path b = CsvWriter.write(dir.resolve("w" + n + ".csv"), t);
      assertThat(Files.readAllBytes(a)).as("%d rows", n).isEqualTo(Files.readAllBytes(b));
    }
  }

  @Test
  void aNonFiniteValueIsReportedAsTheWriterReportsItAndNoFileIsWritten() {
    CsvStream s = new CsvStream(CsvStreamTest::pick, Long.MAX_VALUE);
    Trace t = picked(record(3_000, 7, s, Double.NaN, 2_100));
    assertThat(s.ready(t)).isFalse();
    assertThatThrownBy(() -> s.write(dir.resolve("bad.csv"), t))
        .isInstanceOf(NeuristorException.class)
        .hasMessageContaining("signal v(a) is NaN at time=")
        .hasMessageContaining("at time=" + t.axis()[2_100]);
    assertThat(dir.resolve("bad.csv")).doesNotExist();
  }

  @Test
  void beyondItsMemoryBoundOrForAnotherTraceItWritesFromTheTrace() throws IOException {
    CsvStream small = new CsvStream(CsvStreamTest::pick, 100_000);
    Trace t = picked(record(20_000, 3, small, 0, -1));
    assertThat(small.ready(t)).isFalse();
    assertThat(Files.readAllBytes(small.write(dir.resolve("a.csv"), t)))
        .isEqualTo(Files.readAllBytes(CsvWriter.write(dir.resolve("b.csv"), t)));

    CsvStream s = new CsvStream(CsvStreamTest::pick, Long.MAX_VALUE);
    record(1_000, 4, s, 0, -1);
    Trace other = picked(record(1_000, 5, null, 0, -1));
    assertThat(s.ready(other)).isFalse();
    assertThat(Files.readAllBytes(s.write(dir.resolve("c.csv"), other)))
        .isEqualTo(Files.readAllBytes(CsvWriter.write(dir.resolve("d.csv"), other)));
  }

  @Test
  void aCancelledStreamWritesFromTheTrace() throws IOException {
    CsvStream s = new CsvStream(CsvStreamTest::pick, Long.MAX_VALUE);
    Trace.Builder tb = new Trace.Builder("time", RECORDED, s);
    tb.add(0, 1, 2, 3, 4);
    s.cancel(); // a run that failed: its builder is never built
    assertThat(s.ready(picked(tb.build()))).isFalse();
  }

  @Test
  void theBuilderHandsOverEveryRowOnceInOrder() {
    List<Double> seen = new ArrayList<>();
    int[] built = {-1};
    Trace.Rows collect = new Trace.Rows() {
      @Override
      public void start(String axisName, List<String> names) {
        assertThat(axisName).isEqualTo("time");
        assertThat(names).isEqualTo(RECORDED);
      }

      @Override
      public void rows(double[] block, int stride, int from, int to) {
        for (int r = from; r < to; r++) {
          seen.add(block[r]);
          assertThat(block[4 * stride + r]).isEqualTo(block[r] * 4); // v(b) of the row
        }
      }

      @Override
      public void built(int size) {
        built[0] = size;
      }
    };
    Trace.Builder tb = new Trace.Builder("time", RECORDED, collect);
    for (int i = 0; i < 3_000; i++) {
      tb.add(i, i, i * 2, i * 3, i * 4);
    }
    tb.build();
    assertThat(built[0]).isEqualTo(3_000);
    tb.add(3_000, 0, 0, 0, 12_000);
    tb.build(); // building again hands over only the rows added since
    assertThat(built[0]).isEqualTo(3_001);
    assertThat(seen).hasSize(3_001);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)).isEqualTo((double) i);
    }
  }
}
