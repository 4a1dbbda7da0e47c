package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.NetlistException;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.io.CsvReader;

/**
 * Decks written the way other people write them (ngspice syntax, ngspice's default tolerances), each
 * run by Neuristor and compared with the references ngspice-39 wrote for it
 * ({@code src/test/resources/ngspice/regenerate_decks.sh}; tight ngspice tolerances unless the deck asks
 * for its defaults). Every signal of every analysis must agree within 0.5% of its full scale unless the
 * deck states its own tolerance ({@code * tol: 1%}); a transient is compared at ngspice's accepted time
 * points with a time tolerance of 1e-4 of the run (a "tube": an edge or a capacitive current step a few
 * picoseconds early or late is not mistaken for a wrong amplitude). A deck marked
 * {@code * expect-error: TEXT} must be refused with a {@code file:line:col} error containing TEXT.
 */
class NgspiceDeckTest {

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

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void deckAgreesWithNgspice(String name) throws Exception {
    Path deck = decks().resolve(name + ".cir");
    String text = new String(Files.readAllBytes(deck), StandardCharsets.ISO_8859_1);
    String error = header(text, "expect-error");
    if (error != null) {
      assertThatThrownBy(() -> CircuitCompiler.compile(deck)).isInstanceOfSatisfying(NetlistException.class,
          e -> assertThat(e.getMessage()).contains(error).matches("(?s).*\\.cir:\\d+:\\d+: .*"));
      return;
    }
    String tolText = header(text, "tol");
    double tol = tolText == null ? 0.005 : Double.parseDouble(tolText.replace("%", "")) / 100;
    CircuitCompiler.Compiled c = CircuitCompiler.compile(deck);
    List<String> compared = new ArrayList<>();
    for (String kind : List.of("op", "dc", "tran")) {
      Path ref = decks().resolve(name + "." + kind + ".csv");
      if (!Files.exists(ref)) {
        continue;
      }
      Analysis a = c.analyses().stream().filter(x -> kind(x).equals(kind)).findFirst()
          .orElseThrow(() -> new AssertionError(name + ": no ." + kind + " analysis"));
      List<String> save = new ArrayList<>(c.saves());
      save.add(0, "all");
      Trace ours = Simulation.run(c.circuit(), a, save, null).trace();
      double[] axis = ours.axis();
      for (int i = 1; i < axis.length && kind.equals("tran"); i++) {
        assertThat(axis[i]).as(name + ": time rows strictly increase").isGreaterThan(axis[i - 1]);
      }
      Trace reference = CsvReader.read(ref);
      double dt = kind.equals("tran") ? 1e-4 * (reference.axis()[reference.size() - 1] - reference.axis()[0]) : 0;
      compare(name + "." + kind, kind.equals("op"), reference, ours, sig -> signalTolerance(text, sig, tol), dt, compared);
    }
    assertThat(compared).as(name + ": compared signals").isNotEmpty();
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

  static String kind(Analysis a) {
    return a instanceof Analysis.Op ? "op" : a instanceof Analysis.Dc ? "dc" : "tran";
  }

  /**
   * Compares every reference signal with ours: worst |ours - ref| over the reference points, relative
   * to the signal's full scale (its range, or its magnitude for a single point).
   */
  /** A per-signal tolerance stated in the deck ({@code * tol i(vin): 7%}, with the reason next to it), else the deck's. */
  static double signalTolerance(String text, String signal, double deckTol) {
    String t = header(text, "tol " + signal);
    return t == null ? deckTol : Double.parseDouble(t.replaceAll("%.*", "")) / 100;
  }

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
}
