package org.neuristor.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.BehavioralSource.Probe;

/** The compiled tape: value numbering, constant folding, and gradients against finite differences. */
class TapeTest {
  private static final Probe VA = Probe.voltage("a");
  private static final Probe VB = Probe.voltage("b");

  private static Tape tape(String text, Map<String, Double> params, Probe... order) {
    return Expression.parse(text).tape(params::get, List.of(order));
  }

  @Test
  void aRepeatedSubexpressionIsOneInstruction() {
    // exp(v(a)) appears twice: one UNARY and one MUL
    assertThat(tape("exp(v(a)) * exp(v(a))", Map.of(), VA).instructions()).isEqualTo(2);
    assertThat(tape("exp(v(a)) * 2", Map.of(), VA).instructions()).isEqualTo(2);
  }

  @Test
  void constantSubexpressionsAreFoldedToValues() {
    // (p - q) / 2 folds to 1.5; only the multiplication by v(a) remains
    Tape t = tape("v(a) * ((p - q) / 2)", Map.of("p", 5.0, "q", 2.0), VA);
    assertThat(t.instructions()).isEqualTo(1);
    double[] g = new double[1];
    assertThat(t.valueAndGradient(new double[] {2}, 0, g)).isEqualTo(3.0);
    assertThat(g[0]).isEqualTo(1.5);
  }

  /** The threshold-switch state equation of the B-source 1TS-1C netlist: both partials against differences. */
  @Test
  void gradientOfTheThresholdSwitchStateEquationMatchesFiniteDifferences() {
    String bx = "(1/(1+exp(-(abs(V(a))-vth+(vth-vhold)*V(b))/dl)) - V(b)) / (tauoff + (tauon-tauoff)"
        + "/(1+exp(-((1/(1+exp(-(abs(V(a))-vth+(vth-vhold)*V(b))/dl)) - V(b))/eps))))";
    Map<String, Double> p = Map.of("vth", 1.0, "vhold", 0.6, "dl", 2e-3, "tauon", 10e-9, "tauoff", 100e-9,
        "eps", 0.02);
    BehavioralSource.Function f = Expression.parse(bx).compile(p::get, List.of(VA, VB));
    double[] g = new double[2];
    double[] tmp = new double[2];
    for (double[] x : new double[][] {{0.99, 0.3}, {-0.995, 0.7}, {0.5, 0.01}, {1.2, 0.95}}) {
      f.valueAndGradient(x, 0, g);
      for (int k = 0; k < 2; k++) {
        double h = 1e-7;
        double[] up = x.clone();
        double[] dn = x.clone();
        up[k] += h;
        dn[k] -= h;
        double fd = (f.valueAndGradient(up, 0, tmp) - f.valueAndGradient(dn, 0, tmp)) / (2 * h);
        assertThat(g[k]).as("d/dx%d at %s", k, java.util.Arrays.toString(x))
            .isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
      }
    }
  }

  @Test
  void selectionFunctionsFollowTheActiveArgumentAndTimeIsAnInput() {
    double[] g = new double[2];
    BehavioralSource.Function max = Expression.parse("max(2*v(a), v(b), 1)").compile(n -> null, List.of(VA, VB));
    assertThat(max.valueAndGradient(new double[] {3, 1}, 0, g)).isEqualTo(6);
    assertThat(g).containsExactly(2, 0);
    assertThat(max.valueAndGradient(new double[] {0, 0}, 0, g)).isEqualTo(1);
    assertThat(g).containsExactly(0, 0);
    BehavioralSource.Function sel = Expression.parse("time > 1 ? v(a)*v(b) : -v(b)")
        .compile(n -> null, List.of(VA, VB));
    assertThat(sel.valueAndGradient(new double[] {3, 2}, 2, g)).isEqualTo(6);
    assertThat(g).containsExactly(2, 3);
    assertThat(sel.valueAndGradient(new double[] {3, 2}, 0, g)).isEqualTo(-2);
    assertThat(new double[] {g[0] + 0.0, g[1]}).containsExactly(0, -1); // -0.0 and 0.0 alike
    BehavioralSource.Function lim = Expression.parse("limit(v(a), 0, v(b))").compile(n -> null, List.of(VA, VB));
    assertThat(lim.valueAndGradient(new double[] {5, 2}, 0, g)).isEqualTo(2);
    assertThat(g).containsExactly(0, 1);
  }

  /** The bytecode translation computes exactly the interpreter's values and gradients, bit for bit. */
  @Test
  void generatedCodeEqualsTheInterpreterBitForBit() {
    Map<String, Double> p = Map.of("vth", 1.0, "dl", 2e-3, "eps", 0.02);
    String[] exprs = {
      "(1/(1+exp(-(abs(V(a))-vth+0.4*V(b))/dl)) - V(b)) / (1e-7 - 9e-8/(1+exp(-((1/(1+exp(-(abs(V(a))-vth"
          + "+0.4*V(b))/dl)) - V(b))/eps))))",
      "v(a) > v(b) ? tanh(v(a)*time) : -sqrt(v(b))", "(v(a) <= 0.5 && v(b) != 0) || !(v(a) == v(b))",
      "u(v(a)-0.1) * uramp(v(b)) + ln(v(a)) - log10(v(b)) * sinh(v(a)) / cosh(v(b))", "v(a)*v(a)*v(b) - v(b)/v(a)"};
    java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
    for (String e : exprs) {
      Tape tape = Expression.parse(e).tape(p::get, List.of(VA, VB));
      BehavioralSource.Function gen = TapeCompiler.compile(tape);
      assertThat(gen).as(e).isNotInstanceOf(Tape.class);
      double[] g1 = new double[2];
      double[] g2 = new double[2];
      for (int i = 0; i < 200; i++) {
        double[] x = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
        double t = rng.nextDouble();
        double v1 = tape.valueAndGradient(x, t, g1);
        double v2 = gen.valueAndGradient(x, t, g2);
        assertThat(Double.doubleToRawLongBits(v2)).as("%s at %s", e, java.util.Arrays.toString(x))
            .isEqualTo(Double.doubleToRawLongBits(v1));
        assertThat(Double.doubleToRawLongBits(g2[0])).isEqualTo(Double.doubleToRawLongBits(g1[0]));
        assertThat(Double.doubleToRawLongBits(g2[1])).isEqualTo(Double.doubleToRawLongBits(g1[1]));
      }
    }
  }

  @Test
  void generatedLoadEqualsTheDefaultLoadBitForBit() throws Exception {
    // the generated Function.load (inputs gathered from x, value into f, gradient into G) against the interface's
    // default on the interpreted tape: wirings with ground rows and columns and two stamps on one handle (order)
    Map<String, Double> p = Map.of("vth", 1.0, "dl", 2e-3, "eps", 0.02);
    String[] exprs = {
      "(1/(1+exp(-(abs(V(a))-vth+0.4*V(b))/dl)) - V(b)) / (1e-7 - 9e-8/(1+exp(-((1/(1+exp(-(abs(V(a))-vth"
          + "+0.4*V(b))/dl)) - V(b))/eps))))",
      "(1e-6 + V(b)*9.99e-4) * V(a)", "v(a) > v(b) ? tanh(v(a)*time) : -sqrt(v(b))", "v(a)*v(a)*v(b) - v(b)/v(a)"};
    int[][] ia = {{0, 3}, {-1, 2}, {1, 1}};
    int[][] ib = {{1, -1}, {0, -1}, {-1, 3}};
    int[][] rows = {{2, -1}, {-1, 2}, {0, 3}};
    int[][] wirings = {{0, 1, -1, -1, 2, -1, -1, -1}, {-1, -1, 3, 4, -1, -1, 5, -1}, {6, 6, 7, 8, 6, -1, 9, 6}};
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    for (String e : exprs) {
      Tape tape = Expression.parse(e).tape(p::get, List.of(VA, VB));
      BehavioralSource.Function gen = TapeCompiler.compile(tape);
      assertThat(gen).as(e).isNotInstanceOf(Tape.class);
      assertThat(gen.getClass().getDeclaredMethod("load", double[].class, double.class, double[].class,
          double[].class, int.class, int.class, int[].class, int[].class, int[].class, double[].class,
          double[].class)).as(e).isNotNull();
      for (int w = 0; w < wirings.length; w++) {
        for (int i = 0; i < 100; i++) {
          double[] x = new double[4];
          for (int k = 0; k < 4; k++) {
            x[k] = i % 10 == 0 ? (k % 2 == 0 ? 0.0 : -0.0) : rng.nextDouble(-2, 2);
          }
          double t = rng.nextDouble();
          double[] f1 = new double[4];
          double[] g1 = new double[10];
          for (int k = 0; k < f1.length; k++) {
            f1[k] = i % 3 == 0 ? -0.0 : rng.nextDouble(-1, 1);
          }
          for (int k = 0; k < g1.length; k++) {
            g1[k] = i % 3 == 0 ? -0.0 : rng.nextDouble(-1, 1);
          }
          double[] f2 = f1.clone();
          double[] g2 = g1.clone();
          double v1 = tape.load(x, t, f1, g1, rows[w][0], rows[w][1], ia[w], ib[w], wirings[w], new double[2],
              new double[2]);
          double v2 = gen.load(x, t, f2, g2, rows[w][0], rows[w][1], ia[w], ib[w], wirings[w], new double[2],
              new double[2]);
          assertThat(Double.doubleToRawLongBits(v2)).as("%s wiring %d", e, w)
              .isEqualTo(Double.doubleToRawLongBits(v1));
          for (int k = 0; k < f1.length; k++) {
            assertThat(Double.doubleToRawLongBits(f2[k])).as("%s wiring %d f[%d]", e, w, k)
                .isEqualTo(Double.doubleToRawLongBits(f1[k]));
          }
          for (int k = 0; k < g1.length; k++) {
            assertThat(Double.doubleToRawLongBits(g2[k])).as("%s wiring %d gv[%d]", e, w, k)
                .isEqualTo(Double.doubleToRawLongBits(g1[k]));
          }
        }
      }
    }
  }
}
