package org.neuristor.circuit.element;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.ElementContract;
import org.neuristor.circuit.ElementHarness;

/**
 * The analytic Jacobians G = df/dx and C = dq/dx of the SPICE devices added for issue 18 (the
 * Gummel-Poon BJT with all its charges, the diode in breakdown, the ddt element) equal central finite
 * differences at seeded random operating points below the junction-limiting voltage.
 */
class SpiceDeviceJacobianTest {

  static void check(Element e, double[] x, String what) {
    ElementHarness h = new ElementHarness(e);
    h.eval(x, false); // primes the Newton-limiting memory at this point
    double[] scales = new double[h.size()];
    java.util.Arrays.fill(scales, 1.0);
    ElementContract.jacobianMatchesFiniteDifferences(h, x, scales, what, false, 2e-5);
  }


  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void gummelPoonBjt(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Double> model = Map.ofEntries(Map.entry("is", 1e-15), Map.entry("bf", 120.0), Map.entry("vaf", 60.0),
        Map.entry("var", 20.0), Map.entry("ikf", 20e-3), Map.entry("ikr", 5e-3), Map.entry("ise", 1e-14),
        Map.entry("isc", 1e-13), Map.entry("rb", 50.0), Map.entry("rc", 10.0), Map.entry("re", 2.0),
        Map.entry("cje", 2e-12), Map.entry("cjc", 1e-12), Map.entry("xcjc", 0.6), Map.entry("tf", 0.4e-9),
        Map.entry("xtf", 2.0), Map.entry("vtf", 3.0), Map.entry("itf", 0.1), Map.entry("tr", 10e-9),
        Map.entry("cjs", 0.5e-12), Map.entry("mjs", 0.4), Map.entry("iss", 1e-16));
    boolean pnp = seed % 2 == 0;
    Bjt q = new Bjt("q1", "c", "b", "e", "s", pnp, model, Map.of("area", 1.5), Temperatures.DEFAULT);
    double t = pnp ? -1 : 1;
    // c b e s, then internal c' b' e'
    double vb = t * (0.3 + 0.35 * r.nextDouble());
    double vc = t * (r.nextDouble() * 3 - 0.2);
    double[] x = {vc, vb, 0.02 * t, -t * r.nextDouble(), vc - 0.01 * t, vb - 0.01 * t, 0.03 * t};
    check(q, x, "bjt seed " + seed);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-4.9, -4.6, -4.2, -2.0, 0.4, 0.62})
  void diodeWithBreakdownAndCharges(double vd) {
    Diode d = new Diode("d1", "a", "k", Map.of("bv", 5.0, "ibv", 1e-3, "cjo", 2e-12, "tt", 5e-9, "ikf", 1e-2,
        "rs", 2.0, "isr", 1e-12), Map.of(), Temperatures.DEFAULT);
    check(d, new double[] {vd, 0, vd - 1e-3}, "diode at " + vd);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.5, 0.2, 1.3})
  void timeDerivativeElement(double v) {
    BehavioralSource.Function h = (in, time, grad) -> {
      grad[0] = 2 * in[0];
      return in[0] * in[0];
    };
    TimeDerivative td = new TimeDerivative("b1#ddt#1", List.of(BehavioralSource.Probe.voltage("a")), h);
    check(td, new double[] {v, 0.1}, "ddt at " + v);
  }
}
