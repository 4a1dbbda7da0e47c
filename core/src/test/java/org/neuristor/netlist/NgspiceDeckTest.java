package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.NetlistException;
import org.neuristor.measure.Trace;
import org.neuristor.io.CsvReader;
import org.neuristor.netlist.control.Measurement;

/**
 * Decks written the way other people write them (ngspice syntax, ngspice's default tolerances), each
 * run by Neuristor as {@code neuristor run} runs it ({@link DeckRunner}: analyses, {@code .meas},
 * {@code .control} blocks) and compared with what ngspice-39 produced for it
 * ({@code src/test/resources/ngspice/regenerate_decks.sh}; tight ngspice tolerances unless the deck asks
 * for its defaults):
 *
 * <ul>
 *   <li>every signal of every analysis ({@code NAME.op|dc|tran.csv}) within 0.5% of its full scale,
 *       unless the deck states its own tolerance ({@code * tol: 1%}, or per signal {@code * tol i(vin): 7%}
 *       with the reason); a transient is compared at ngspice's accepted time points with a time tolerance
 *       of 1e-4 of the run (a "tube": an edge or a capacitive current step a few picoseconds early or late
 *       is not mistaken for a wrong amplitude);
 *   <li>every measurement ngspice printed ({@code NAME.meas.txt}) within 0.5% of the measured signal's
 *       full scale (times: of the analysis span); one ngspice could not make must fail here too;
 *   <li>an oscillator ({@code * period: v(c1) 1.5}): its period from the rising crossings of the level
 *       (the first two discarded) within 1%, instead of point by point (edges drift apart over many
 *       periods, so a point-by-point comparison would measure phase, not accuracy);
 *   <li>every file a {@code .control} block wrote ({@code NAME.out.FILE}: wrdata tables, raw files) with
 *       the same columns, compared like signals;
 *   <li>with {@code * echo: PREFIX}, the lines the block printed that start with PREFIX, word for word.
 * </ul>
 * A deck marked {@code * expect-error: TEXT} must be refused with a {@code file:line:col} error containing TEXT.
 */
class NgspiceDeckTest {

  @TempDir Path tmp;

  static Path decks() throws URISyntaxException {
    return Path.of(NgspiceDeckTest.class.getResource("/ngspice/decks").toURI());
  }

  static Stream<String> names() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(decks())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cir"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
    }
  }

  /** A header directive of a deck, e.g. {@code * tol: 1%}, or null. */
  static String header(String text, String key) {
    Matcher m = Pattern.compile("(?im)^\\*\\s*" + Pattern.quote(key) + ":\\s*(.*?)\\s*$").matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** A per-signal tolerance stated in the deck ({@code * tol i(vin): 7% (reason)}), else the deck's. */
  static double tolerance(String text, String signal, double deckTol) {
    String t = header(text, "tol " + signal);
    return t == null ? deckTol : Double.parseDouble(t.replaceAll("%.*", "")) / 100;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void deckAgreesWithNgspice(String name) throws Exception {
    Path deck = decks().resolve(name + ".cir");
    String text = new String(Files.readAllBytes(deck), StandardCharsets.ISO_8859_1);
    String error = header(text, "expect-error");
    if (error != null) {
      assertThatThrownBy(() -> DeckRunner.run(CircuitCompiler.compile(deck), DeckRunner.Options.defaults()))
          .isInstanceOfSatisfying(NetlistException.class,
              e -> assertThat(e.getMessage()).contains(error).matches("(?s).*\\.cir:\\d+:\\d+: .*"));
      return;
    }
    String tolText = header(text, "tol");
    double tol = tolText == null ? 0.005 : Double.parseDouble(tolText.replace("%", "")) / 100;
    CircuitCompiler.Compiled c = CircuitCompiler.compile(deck);
    DeckRunner.Result r = DeckRunner.run(c, new DeckRunner.Options(tmp, List.of(), false, new DeckRunner.Listener() {}));
    List<String> compared = new ArrayList<>();
    for (String kind : List.of("op", "dc", "tran")) {
      Path ref = decks().resolve(name + "." + kind + ".csv");
      if (!Files.exists(ref)) {
        continue;
      }
      DeckRunner.Run run = r.runs().stream().filter(x -> DeckRunner.kind(x.analysis()).equals(kind)).findFirst()
          .orElseThrow(() -> new AssertionError(name + ": no ." + kind + " analysis"));
      Trace ours = run.outcome().trace();
      double[] axis = ours.axis();
      for (int i = 1; i < axis.length && kind.equals("tran"); i++) {
        assertThat(axis[i]).as(name + ": time rows strictly increase").isGreaterThan(axis[i - 1]);
      }
      Trace reference = CsvReader.read(ref);
      String period = header(text, "period");
      if (period != null && kind.equals("tran")) {
        String[] p = period.split("\\s+");
        double pr = period(reference, p[0], Double.parseDouble(p[1]));
        double po = period(ours, p[0], Double.parseDouble(p[1]));
        assertThat(Math.abs(po - pr) / pr).as(name + " period " + po + " s (ngspice " + pr + " s)").isLessThan(0.01);
        compared.add("period of " + p[0]);
        continue;
      }
      double dt = kind.equals("tran") ? 1e-4 * (reference.axis()[reference.size() - 1] - reference.axis()[0]) : 0;
      compare(name + "." + kind, kind.equals("op"), reference, ours, s -> tolerance(text, s, tol), dt, compared);
    }
    compareAc(name, text, tol, r, compared);
    compareMeasurements(name, text, r, compared);
    compareFiles(name, text, tol, compared);
    compareEcho(name, text, r, compared);
    assertThat(compared).as(name + ": compared signals").isNotEmpty();
  }

  /**
   * The lines a {@code .control} block printed that start with the deck's {@code * echo: PREFIX}, word for word as
   * ngspice printed them ({@code NAME.echo.txt}): what {@code $&vector}, {@code set} numbers, {@code define}d functions
   * and brace expansion made of them.
   */
  private void compareEcho(String name, String text, DeckRunner.Result r, List<String> compared) throws Exception {
    String prefix = header(text, "echo");
    if (prefix == null) {
      return;
    }
    List<String> want = Files.readAllLines(decks().resolve(name + ".echo.txt"), StandardCharsets.UTF_8);
    assertThat(r.output().stream().filter(l -> l.startsWith(prefix)).toList()).as(name + ": echo lines").isEqualTo(want);
    compared.add("echo");
  }

  /**
   * An AC reference ({@code NAME.ac.csv}: real(...) and imag(...) of every vector) against our complex
   * plot: each part within the tolerance times the signal's largest magnitude over the sweep.
   */
  private void compareAc(String name, String text, double tol, DeckRunner.Result r, List<String> compared)
      throws Exception {
    Path ref = decks().resolve(name + ".ac.csv");
    if (!Files.exists(ref)) {
      return;
    }
    Trace want = CsvReader.read(ref);
    org.neuristor.netlist.control.Plot plot = r.plots().stream().filter(p -> p.kind().equals("ac")).findFirst()
        .orElseThrow(() -> new AssertionError(name + ": no .ac analysis"));
    double[] f = plot.scale().re();
    assertThat(f.length).as(name + " ac points").isEqualTo(want.size());
    for (int i = 0; i < f.length; i++) {
      assertThat(f[i]).as(name + " frequency " + i).isCloseTo(want.axis()[i], org.assertj.core.data.Offset.offset(1e-8 * f[i]));
    }
    for (String col : want.names()) {
      if (!col.startsWith("real(")) {
        continue;
      }
      String sig = col.substring(5, col.length() - 1);
      double[] wr = want.get(col);
      double[] wi = want.get("imag(" + sig + ")");
      double scale = 1e-15;
      for (int i = 0; i < wr.length; i++) {
        scale = Math.max(scale, Math.hypot(wr[i], wi[i]));
      }
      org.neuristor.netlist.control.Vec ours = org.neuristor.netlist.control.VecExpr.parse(sig)
          .evaluate(org.neuristor.netlist.control.VecExpr.scope(plot, n -> null));
      double worst = 0;
      for (int i = 0; i < wr.length; i++) {
        worst = Math.max(worst, Math.max(Math.abs(ours.re(i) - wr[i]), Math.abs(ours.im(i) - wi[i])) / scale);
      }
      assertThat(worst).as(name + ".ac " + sig + " (worst error / peak magnitude)")
          .isLessThanOrEqualTo(tolerance(text, sig, tol));
      compared.add(sig);
    }
  }

  private static final Pattern RESULT = Pattern.compile("^\\s*([A-Za-z_][\\w.]*)\\s*=\\s*([-+0-9.eE]+)(\\s|$)");

  private void compareMeasurements(String name, String text, DeckRunner.Result r, List<String> compared)
      throws Exception {
    Path ref = decks().resolve(name + ".meas.txt");
    if (!Files.exists(ref)) {
      return;
    }
    Map<String, Measurement> ours = new LinkedHashMap<>();
    for (Measurement m : r.measurements()) {
      ours.put(m.name(), m);
    }
    Map<String, Double> printed = new LinkedHashMap<>();
    for (String line : r.output()) {
      Matcher m = RESULT.matcher(line);
      if (m.find()) {
        printed.put(m.group(1).toLowerCase(), Double.parseDouble(m.group(2)));
      }
    }
    double measTol = header(text, "tol-meas") == null ? 0.005
        : Double.parseDouble(header(text, "tol-meas").replace("%", "")) / 100;
    for (String line : Files.readAllLines(ref)) {
      String[] p = line.trim().split("\\s+");
      if (p.length != 2) {
        continue;
      }
      String key = p[0];
      Measurement m = ours.get(key);
      if (p[1].equals("failed")) {
        assertThat(m).as(name + " measurement " + key + " (ngspice: failed)").isNotNull();
        assertThat(m.value()).as(name + " " + key + " must fail as in ngspice").isNull();
        continue;
      }
      double want = Double.parseDouble(p[1]);
      double got;
      double scale;
      if (m != null) {
        assertThat(m.value()).as(name + " measurement " + key + " failed: " + m.failure()).isNotNull();
        got = m.value();
        scale = Double.isFinite(m.fullScale()) ? Math.max(m.fullScale(), Math.abs(want)) : Math.abs(want);
      } else {
        assertThat(printed).as(name + ": no measurement or printed value " + key).containsKey(key);
        got = printed.get(key);
        scale = Math.abs(want);
      }
      double t = tolerance(text, key, measTol);
      assertThat(Math.abs(got - want)).as(name + " " + key + " = " + got + " (ngspice " + want + ")")
          .isLessThanOrEqualTo(t * Math.max(scale, 1e-300) + 1e-12 * Math.abs(want));
      compared.add(key);
    }
  }

  private void compareFiles(String name, String text, double tol, List<String> compared) throws Exception {
    String prefix = name + ".out.";
    List<Path> refs;
    try (Stream<Path> s = Files.list(decks())) {
      refs = s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
    for (Path ref : refs) {
      String file = ref.getFileName().toString().substring(prefix.length());
      Path ours = tmp.resolve(file);
      assertThat(ours).as(name + ": the .control block must write " + file).exists();
      Trace want = table(ref);
      Trace got = table(ours);
      assertThat(got.names()).as(name + " " + file + " columns").isEqualTo(want.names());
      compare(name + " " + file, false, want, got, s -> tolerance(text, s, tol), 0, compared);
    }
  }

  /** A wrdata table (optional header of names, columns renamed c1, c2, ... if repeated) or a raw file. */
  static Trace table(Path p) throws IOException {
    byte[] bytes = Files.readAllBytes(p);
    String head = new String(bytes, 0, Math.min(bytes.length, 6), StandardCharsets.ISO_8859_1);
    if (head.startsWith("Title:")) {
      return raw(bytes);
    }
    List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).toList();
    String[] first = lines.get(0).trim().split("\\s+");
    boolean named = !first[0].matches("[-+0-9.].*");
    int ncol = first.length;
    List<double[]> rows = new ArrayList<>();
    for (String l : lines.subList(named ? 1 : 0, lines.size())) {
      String[] f = l.trim().split("\\s+");
      double[] v = new double[f.length];
      for (int k = 0; k < f.length; k++) {
        v[k] = Double.parseDouble(f[k]);
      }
      rows.add(v);
    }
    double[] axis = rows.stream().mapToDouble(v -> v[0]).toArray();
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (int k = 1; k < ncol; k++) {
      int kk = k;
      String n = (named ? first[k].toLowerCase() : "c") + "#" + k;
      cols.put(n, rows.stream().mapToDouble(v -> v[kk]).toArray());
    }
    return Trace.of(named ? first[0].toLowerCase() : "c0", axis, cols);
  }

  /** An ngspice rawfile (ascii or binary, real), first plot. */
  static Trace raw(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int nv = Integer.parseInt(text.replaceAll("(?s).*No\\. Variables:\\s*(\\d+).*", "$1"));
    int np = Integer.parseInt(text.replaceAll("(?s).*No\\. Points:\\s*(\\d+).*", "$1"));
    List<String> names = new ArrayList<>();
    Matcher vm = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\S+)\\s+\\S+").matcher(text.substring(text.indexOf("Variables:")));
    while (names.size() < nv && vm.find()) {
      names.add(vm.group(2).toLowerCase());
    }
    double[][] data = new double[nv][np];
    int bin = text.indexOf("Binary:\n");
    if (bin >= 0) {
      ByteBuffer bb = ByteBuffer.wrap(bytes, bin + 8, bytes.length - bin - 8).order(ByteOrder.LITTLE_ENDIAN);
      for (int k = 0; k < np; k++) {
        for (int j = 0; j < nv; j++) {
          data[j][k] = bb.getDouble();
        }
      }
    } else {
      String[] vals = text.substring(text.indexOf("Values:") + 7).trim().split("\\s+");
      int i = 0;
      for (int k = 0; k < np; k++) {
        i++; // point index
        for (int j = 0; j < nv; j++) {
          data[j][k] = Double.parseDouble(vals[i++].split(",")[0]);
        }
      }
    }
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (int j = 1; j < nv; j++) {
      cols.put(names.get(j), data[j]);
    }
    return Trace.of(names.get(0), data[0], cols);
  }

  /** Mean interval between rising crossings of a level, the first two discarded. */
  static double period(Trace t, String s, double level) {
    double[] x = t.axis();
    double[] y = t.get(s);
    List<Double> ev = new ArrayList<>();
    for (int k = 1; k < x.length; k++) {
      if (y[k - 1] < level && y[k] >= level) {
        ev.add(x[k - 1] + (x[k] - x[k - 1]) * (level - y[k - 1]) / (y[k] - y[k - 1]));
      }
    }
    assertThat(ev.size()).as(s + " crossings of " + level).isGreaterThan(4);
    return (ev.get(ev.size() - 1) - ev.get(2)) / (ev.size() - 3);
  }

  /** Range of our (piecewise linear) signal over [a, b]. */
  static double[] range(Trace t, String s, double a, double b) {
    double lo = Math.min(t.at(s, a), t.at(s, b));
    double hi = Math.max(t.at(s, a), t.at(s, b));
    double[] x = t.axis();
    double[] y = t.get(s);
    int k = java.util.Arrays.binarySearch(x, a);
    for (k = k < 0 ? -k - 1 : k; k < x.length && x[k] <= b; k++) {
      lo = Math.min(lo, y[k]);
      hi = Math.max(hi, y[k]);
    }
    return new double[] {lo, hi};
  }

  /**
   * Compares every reference signal with ours: worst |ours - ref| over the reference points, relative
   * to the signal's full scale (its range, or its magnitude for a single point).
   */
  static void compare(String what, boolean op, Trace ref, Trace ours, java.util.function.ToDoubleFunction<String> tolerance,
      double dt, List<String> compared) {
    List<String> names = new ArrayList<>(ref.names());
    if (op) {
      names.add(0, ref.axisName()); // an operating point has no axis: the first column is a signal too
    }
    for (String s : names) {
      double[] y = s.equals(ref.axisName()) ? ref.axis() : ref.get(s);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : y) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      double scale = Math.max(Math.max(hi - lo, Math.max(Math.abs(hi), Math.abs(lo))), 1e-12);
      double worst = 0;
      for (int i = 0; i < y.length; i++) {
        double e;
        if (op) {
          e = Math.abs(ours.get(s)[0] - y[i]);
        } else if (dt == 0) {
          e = Math.abs(ours.at(s, ref.axis()[i]) - y[i]);
        } else {
          double[] r = range(ours, s, ref.axis()[i] - dt, ref.axis()[i] + dt);
          e = y[i] < r[0] ? r[0] - y[i] : y[i] > r[1] ? y[i] - r[1] : 0;
        }
        worst = Math.max(worst, e / scale);
      }
      assertThat(worst).as(what + " " + s + " (worst error / full scale)").isLessThanOrEqualTo(tolerance.applyAsDouble(s));
      compared.add(s);
    }
  }

  @Test
  void readmeCountsTheDecksThatAreHere() throws Exception {
    // README quotes how many decks are checked, how many against ngspice's output and how many must be refused;
    // the counts moved silently as decks were added (README said 87 / 82 / 5 and 84 / 79 / 5 while 92 were here)
    List<String> all = names().toList();
    int refused = 0;
    for (String n : all) {
      String text = new String(Files.readAllBytes(decks().resolve(n + ".cir")), StandardCharsets.ISO_8859_1);
      refused += header(text, "expect-error") == null ? 0 : 1;
    }
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains(String.format("%d decks written the way other\npeople write them (%d with the output"
        + " ngspice wrote for them, %d that must be refused", all.size(), all.size() - refused, refused))
        .contains(String.format("%d decks checked against ngspice-39 (%d references, %d refusals)", all.size(),
            all.size() - refused, refused))
        .contains(String.format("Plus the %d decks of\n  the netlist subset", all.size()));
  }
}
