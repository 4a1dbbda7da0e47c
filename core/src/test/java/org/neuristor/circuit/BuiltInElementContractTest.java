package org.neuristor.circuit;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.device.characterize.ComplianceLimiter;
import org.neuristor.netlist.CircuitCompiler;

/**
 * The element contract on every built-in nonlinear element (devices have {@code DeviceContractTest}):
 * analytic Jacobians equal finite differences at seeded random operating points, and passive
 * elements (diode, MOSFET, switch, compliance limiter; not a behavioural source) never deliver power.
 */
class BuiltInElementContractTest {

  /** An element as the netlist compiler builds it (each node tied to ground by 1k, so the netlist is valid). */
  static Supplier<Element> card(String line, String model, String name, String... nodes) {
    StringBuilder ties = new StringBuilder();
    for (String n : nodes) {
      ties.append("rg").append(n).append(' ').append(n).append(" 0 1k\n");
    }
    return () -> CircuitCompiler.compile("contract\n" + line + "\n" + ties + model + "\n.op\n.end\n", name + ".cir")
        .circuit().element(name);
  }

  /**
   * @param name element
   * @param element a fresh instance
   * @param voltageScale terminal voltages are drawn in [-scale, scale]
   * @param passive whether it must absorb non-negative power
   */
  record Case(String name, Supplier<Element> element, double voltageScale, boolean passive) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> elements() {
    return List.of(
        new Case("diode", card("d1 a b dm", ".model dm d (is=1e-14 n=1.3 rs=5 cjo=2p vj=0.7 m=0.4 tt=1n)", "d1", "a", "b"), 0.9,
            true),
        new Case("nmos", card("m1 d g s b nm w=10u l=1u", ".model nm nmos (level=1 vto=0.7 kp=50u gamma=0.4 phi=0.65 "
            + "lambda=0.02 cgso=1n cgdo=1n cgbo=1n)", "m1", "d", "g", "s", "b"), 3, true),
        new Case("pmos", card("m1 d g s b pm w=10u l=1u", ".model pm pmos (level=1 vto=-0.7 kp=20u gamma=0.4 "
            + "lambda=0.02)", "m1", "d", "g", "s", "b"), 3, true),
        new Case("switch off", card("s1 a b c d sw", ".model sw sw (vt=0.5 vh=0.1 ron=10 roff=1meg)", "s1", "a", "b", "c", "d"), 2, true),
        new Case("switch on", card("s1 a b c d sw on", ".model sw sw (vt=0.5 vh=0.1 ron=10 roff=1meg)", "s1", "a", "b", "c", "d"), 2,
            true),
        new Case("B current source", card("b1 a b i=1m*tanh(v(a,b)/0.3)+0.2m*v(c)*v(c)-exp(v(c)/2)*1u", "", "b1", "a", "b", "c"), 1.5,
            false),
        new Case("B voltage source", card("b1 a b v=2*sin(v(c,b))+v(c)*v(c)", "", "b1", "a", "b", "c"), 1.5, false),
        new Case("compliance limiter", () -> new ComplianceLimiter("lim", "a", "b", 1e-3, 10), 1, true));
  }

  static Stream<Arguments> cases() {
    return elements().stream().flatMap(c -> Stream.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L).map(s -> Arguments.of(c, s)));
  }

  private static double[] point(Case c, ElementHarness h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = h.initial();
    int terminals = c.element().get().nodes().size();
    for (int k = 0; k < h.size(); k++) {
      // terminals in [-scale, scale]; internal nodes near the terminals, branch currents in [-1, 1] mA
      x[k] = k < terminals ? (2 * r.nextDouble() - 1) * c.voltageScale() : (2 * r.nextDouble() - 1)
          * (x[k] == 0 ? 1e-3 : Math.abs(x[k]));
    }
    return x;
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("cases")
  void jacobianMatchesFiniteDifferences(Case c, long seed) {
    Element e = c.element().get();
    ElementHarness h = new ElementHarness(e);
    double[] x = point(c, h, seed);
    double[] scales = new double[h.size()];
    for (int k = 0; k < scales.length; k++) {
      scales[k] = k < e.nodes().size() ? c.voltageScale() : 1e-3;
    }
    ElementContract.jacobianMatchesFiniteDifferences(h, x, scales, c.name(), true);
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("cases")
  void passiveElementsNeverDeliverPower(Case c, long seed) {
    if (!c.passive()) {
      return;
    }
    Element e = c.element().get();
    ElementHarness h = new ElementHarness(e);
    ElementContract.absorbsNonNegativePower(e, h, point(c, h, seed + 100), c.name());
  }
}
