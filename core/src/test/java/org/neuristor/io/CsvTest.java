package org.neuristor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;

class CsvTest {
  @TempDir Path dir;

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Long> seeds() {
    return LongStream.range(1, 21).boxed();
  }

  /** Random doubles of every magnitude, including subnormals, -0 and integers, survive bit exactly. */
  @ParameterizedTest
  @MethodSource("seeds")
  void roundTripIsBitExact(long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 1 + rng.nextInt(200);
    double[] t = new double[n];
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 1e-9 * (1 + rng.nextDouble());
      a[i] = randomFinite(rng);
      b[i] = randomFinite(rng);
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("v(out)", a);
    m.put("i(v1)", b);
    Trace trace = Trace.of("time", t, m);
    Path f = dir.resolve("t" + seed + ".csv");
    CsvWriter.write(f, trace);
    assertThat(Files.readAllLines(f).get(0)).isEqualTo("time,v(out),i(v1)");
    Trace back = CsvReader.read(f);
    assertThat(back.axisName()).isEqualTo("time");
    assertThat(back.names()).containsExactly("v(out)", "i(v1)");
    assertThat(bits(back.axis())).isEqualTo(bits(t));
    assertThat(bits(back.get("v(out)"))).isEqualTo(bits(a));
    assertThat(bits(back.get("i(v1)"))).isEqualTo(bits(b));
  }

  private static double randomFinite(SplittableRandom rng) {
    switch (rng.nextInt(6)) {
      case 0:
        return rng.nextInt(-1000, 1000);
      case 1:
        return Double.MIN_VALUE * rng.nextInt(1, 100); // subnormal
      case 2:
        return -0.0;
      default:
        double v;
        do {
          v = Double.longBitsToDouble(rng.nextLong());
        } while (!Double.isFinite(v));
        return v;
    }
  }

  private static long[] bits(double[] a) {
    return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void nanIsRefusedNamingSignalAndAxisValueAndNothingIsWritten() throws IOException {
    Trace.Builder b = new Trace.Builder("time", List.of("v(out)", "v(in)"));
    b.add(0.0, 1, 2);
    b.add(1e-6, 3, Double.NaN);
    Path f = dir.resolve("bad.csv");
    assertThatThrownBy(() -> CsvWriter.write(f, b.build()))
        .isInstanceOf(NeuristorException.class)
        .hasMessageContaining("v(in)")
        .hasMessageContaining("time=1.0E-6")
        .satisfies(e -> assertThat(((NeuristorException) e).exitCode()).isEqualTo(3));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.count()).isZero();
    }
  }

  @Test
  void infinityIsRefused() {
    Trace.Builder b = new Trace.Builder("time", List.of("x"));
    b.add(0.0, Double.NEGATIVE_INFINITY);
    assertThatThrownBy(() -> CsvWriter.write(dir.resolve("inf.csv"), b.build()))
        .hasMessageContaining("-Infinity")
        .hasMessageContaining("signal x");
  }

  @Test
  void tableQuotesStringsAndFormatsNumbers() throws IOException {
    Path f = dir.resolve("table.csv");
    CsvWriter.writeTable(f, List.of("name", "value", "note"),
        List.of(List.of("a,b", 1.5, "say \"hi\""), Arrays.asList("plain", 3, null), List.of("x", 2.0, true)));
    assertThat(Files.readString(f)).isEqualTo(
        "name,value,note\n\"a,b\",1.5,\"say \"\"hi\"\"\"\nplain,3,\nx,2,true\n");
  }

  @Test
  void numericColumnsWriteTheSameBytesAsATableOfNumbers() throws IOException {
    SplittableRandom r = new SplittableRandom(7);
    int n = 5000;
    double[] t = new double[n];
    double[] neuron = new double[n];
    List<List<?>> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      // spike-list-like values plus awkward ones: negative zero, large integral values, tiny and huge doubles
      t[i] = i % 97 == 0 ? -0.0 : i % 89 == 0 ? 1e300 * r.nextDouble() : i % 83 == 0 ? 123456789012.0 : i * 1e-4;
      int k = r.nextInt(-5, 4000);
      neuron[i] = k;
      rows.add(List.of(t[i], k));
    }
    Path a = CsvWriter.writeColumns(dir.resolve("a.csv"), List.of("time_s", "neuron"), t, neuron);
    Path b = CsvWriter.writeTable(dir.resolve("b.csv"), List.of("time_s", "neuron"), rows);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThatThrownBy(() -> CsvWriter.writeColumns(dir.resolve("c.csv"), List.of("x"), new double[] {1, Double.NaN}))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("column x is NaN in row 2");
    assertThat(dir.resolve("c.csv")).doesNotExist();
  }

  @Test
  void longTracesFormattedOnTwoThreadsWriteTheSameBytesAsATable() throws IOException {
    // beyond PARALLEL_ROWS a helper thread formats every other block of rows: same bytes, same order
    SplittableRandom r = new SplittableRandom(11);
    int n = CsvWriter.PARALLEL_ROWS + 2500;
    Trace.Builder tb = new Trace.Builder("time", List.of("v(a)", "v(b)"));
    List<List<?>> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = i % 101 == 0 ? -0.0 : r.nextDouble() * 2 - 1;
      double b = i % 7 == 0 ? i : 1e-9 * r.nextDouble();
      tb.add(i * 1e-9, a, b);
      rows.add(List.of(i * 1e-9, a, b));
    }
    Path a = CsvWriter.write(dir.resolve("long.csv"), tb.build());
    Path b = CsvWriter.writeTable(dir.resolve("table.csv"), List.of("time", "v(a)", "v(b)"), rows);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    // a bad value far into a long trace is still found before anything is written, naming its row
    tb.add(n * 1e-9, 0.5, Double.NaN);
    assertThatThrownBy(() -> CsvWriter.write(dir.resolve("bad.csv"), tb.build()))
        .hasMessageContaining("signal v(b) is NaN at time=" + n * 1e-9);
    assertThat(dir.resolve("bad.csv")).doesNotExist();
  }

  @Test
  void repeatedFirstCellsAreCopiedAndWriteTheSameBytesAsATable() throws IOException {
    // a first cell equal to the row above's is copied (spike lists repeat a step's time): runs of equal
    // times across block boundaries and threads, 0.0 after -0.0 (equal as doubles, not as text), one column
    SplittableRandom r = new SplittableRandom(13);
    int n = CsvWriter.PARALLEL_ROWS + 3000;
    double[] t = new double[n];
    double[] neuron = new double[n];
    List<List<?>> rows = new java.util.ArrayList<>();
    List<List<?>> single = new java.util.ArrayList<>();
    int step = 0;
    for (int i = 0; i < n; i++) {
      if (r.nextInt(4) == 0) {
        step++;
      }
      t[i] = step % 50 == 7 ? (r.nextBoolean() ? -0.0 : 0.0) : step * 1e-4;
      neuron[i] = r.nextInt(4000);
      rows.add(List.of(t[i], (int) neuron[i]));
      single.add(List.of(t[i]));
    }
    Path a = CsvWriter.writeColumns(dir.resolve("a.csv"), List.of("time_s", "neuron"), t, neuron);
    Path b = CsvWriter.writeTable(dir.resolve("b.csv"), List.of("time_s", "neuron"), rows);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    Path c = CsvWriter.writeColumns(dir.resolve("c.csv"), List.of("time_s"), t);
    Path d = CsvWriter.writeTable(dir.resolve("d.csv"), List.of("time_s"), single);
    assertThat(Files.readAllBytes(c)).isEqualTo(Files.readAllBytes(d));
  }

  @Test
  void tableRefusesNaN() {
    assertThatThrownBy(() -> CsvWriter.writeTable(dir.resolve("t.csv"), List.of("k", "rate"),
            List.of(List.of("a", Double.NaN))))
        .hasMessageContaining("rate")
        .hasMessageContaining("row 1");
  }

  @Test
  void readerAcceptsQuotedHeaderAndBlankLines() {
    Trace t = CsvReader.read(text("\uFEFF\"time\",\"v(a,b)\"\n\n0,1\n1e-3, 2.5 \n"), "x.csv");
    assertThat(t.names()).containsExactly("v(a,b)");
    assertThat(t.get("v(a,b)")).containsExactly(1, 2.5);
    assertThat(t.axis()).containsExactly(0, 1e-3);
  }

  @Test
  void readerReportsLineAndColumn() {
    assertThatThrownBy(() -> CsvReader.read(text("time,v(out)\n0,1\n1,abc\n"), "r.csv"))
        .isInstanceOf(NetlistException.class)
        .hasMessage("r.csv:3:3: not a number in column v(out): 'abc'");
    assertThatThrownBy(() -> CsvReader.read(text("time,v(out)\n0\n"), "r.csv"))
        .hasMessage("r.csv:2:2: expected 2 columns, found 1");
    assertThatThrownBy(() -> CsvReader.read(text("time,v(out)\n0,1,2\n"), "r.csv"))
        .hasMessage("r.csv:2:5: expected 2 columns, found more");
    assertThatThrownBy(() -> CsvReader.read(text("0,1\n"), "r.csv"))
        .hasMessageStartingWith("r.csv:1:1: expected a header row");
    assertThatThrownBy(() -> CsvReader.read(text(""), "r.csv"))
        .hasMessageStartingWith("r.csv:1:1: empty file");
    assertThatThrownBy(() -> CsvReader.read(text("time,v\n0,NaN\n"), "r.csv"))
        .hasMessage("r.csv:2:3: non-finite value 'NaN' in column v");
    assertThatThrownBy(() -> CsvReader.read(text("time,v,V\n"), "r.csv"))
        .hasMessageContaining("duplicate column 'V'");
  }

  @Test
  void missingFileIsAUserError() {
    assertThatThrownBy(() -> CsvReader.read(dir.resolve("nope.csv")))
        .isInstanceOf(NeuristorException.class)
        .hasMessageContaining("nope.csv: no such file");
  }

  /** ngspice 'wrdata out.txt v(in) v(out)' writes x v(in) x v(out); with wr_singlescale x v(in) v(out). */
  @Test
  void readsNgspiceWrdataLayouts() {
    String pairs = " 0.00000000e+00  1.00000000e+00  0.00000000e+00  2.00000000e+00 \n"
        + " 1.00000000e-06  1.50000000e+00  1.00000000e-06 -2.00000000e+00 \n";
    Trace t = CsvReader.readColumns(text(pairs), "w.txt", List.of("time", "v(in)", "v(out)"));
    assertThat(t.axis()).containsExactly(0, 1e-6);
    assertThat(t.get("v(in)")).containsExactly(1, 1.5);
    assertThat(t.get("v(out)")).containsExactly(2, -2);

    String single = "0 1 2\n1e-6 1.5 -2\n";
    Trace s = CsvReader.readColumns(text(single), "w.txt", List.of("time", "v(in)", "v(out)"));
    assertThat(s.get("v(out)")).containsExactly(2, -2);

    String mismatch = "0 1 0 2\n1e-6 1.5 2e-6 -2\n";
    assertThatThrownBy(() -> CsvReader.readColumns(text(mismatch), "w.txt", List.of("time", "a", "b")))
        .isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("w.txt:2:10: scale column 3");
    assertThatThrownBy(() -> CsvReader.readColumns(text("0 1 2 3 4\n"), "w.txt", List.of("time", "a", "b")))
        .hasMessageStartingWith("w.txt:1:10: expected 3 columns (time a b) or 4");
    assertThatThrownBy(() -> CsvReader.readColumns(text("0 1 2\n1 2\n"), "w.txt", List.of("time", "a", "b")))
        .hasMessage("w.txt:2:4: expected 3 columns like the first data line, found 2");
  }

  /** The two-argument overload of the output API names the stream {@code <stream>} in errors. */
  @Test
  void readColumnsWithoutFileNameUsesStreamPlaceholder() {
    Trace t = CsvReader.readColumns(text("0 1\n1e-6 3\n"), List.of("time", "v(out)"));
    assertThat(t.axisName()).isEqualTo("time");
    assertThat(t.get("v(out)")).containsExactly(1, 3);
    assertThatThrownBy(() -> CsvReader.readColumns(text("0 x\n"), List.of("time", "v(out)")))
        .isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("<stream>:1:");
  }

  /** Numbers are the shortest decimals that round-trip (JDK 17's Double.toString gives 1.9999999999999998E23). */
  @Test
  void numbersAreTheShortestRoundTripDecimals() {
    assertThat(CsvWriter.format(2e23)).isEqualTo("2.0E23");
    assertThat(CsvWriter.format(8.41e21)).isEqualTo("8.41E21");
    assertThat(CsvWriter.format(1e-5)).isEqualTo("1.0E-5");
    assertThat(CsvWriter.format(0.002)).isEqualTo("0.002");
    assertThat(CsvWriter.format(-3.0)).isEqualTo("-3");
    assertThat(CsvWriter.format(-0.0)).isEqualTo("-0");
    assertThat(CsvWriter.format(Double.MIN_VALUE)).isEqualTo("4.9E-324");
  }
}
