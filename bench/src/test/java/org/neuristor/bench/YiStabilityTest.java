package org.neuristor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.neuristor.library.CompactYi;

/** The linearization of a Yi circuit at its rest (docs/behaviours.md, J). */
class YiStabilityTest {
  /** The J set of yi-behaviours.yaml (search local 85/0 span 0.1). */
  static final Map<String, String> J = new LinkedHashMap<>(Map.of("t0", "310", "vdc1", "10.543", "vdc2", "33.918",
      "rl1", "5.88e+03", "rl2", "1.37e+05", "rout", "1.71e+05", "c1", "1.69e-10", "c2", "1.88e-11"));

  @Test
  void aSmallDisturbanceOfTheRestFollowsTheLinearization() {
    // the compact form's own (nonlinear) recovery from a 5 mK kick of X2's film (below the 10 mK that the film's
    // hysteresis memory counts as a reversal) against exp(J t) applied to the kick, J the numerical Jacobian
    CompactYi c = YiStability.settled("yi", J, 200e-6);
    YiStability.Rest r = YiStability.rest(c);
    assertThat(r.residual()).isLessThan(1e-9);
    int[] idx = r.states();
    double[] x = r.state().clone();
    double kick = 5e-3;
    double[] lin = new double[idx.length];
    for (int a = 0; a < idx.length; a++) {
      lin[a] = idx[a] == 3 ? kick : 0;
    }
    c.v1[0] = x[0];
    c.v2[0] = x[1];
    c.t1[0] = x[2];
    c.t2[0] = x[3] + kick;
    double[] vin = {0};
    double[] off = {0};
    double dt = 1e-9;
    RealMatrix j = r.jacobian();
    double worst = 0;
    double peak = 0;
    for (int k = 1; k <= 4000; k++) {
      c.step(dt, vin, null, off);
      lin = rk4(j, lin, dt);
      if (k % 100 == 0) {
        // the output node v2 (index 1 of the states), compared with the linear prediction
        double dv = c.v2[0] - x[1];
        worst = Math.max(worst, Math.abs(dv - lin[1]));
        peak = Math.max(peak, Math.abs(lin[1]));
      }
    }
    assertThat(peak).as("the kick moves the output").isGreaterThan(1e-4);
    assertThat(worst).isLessThan(0.005 * peak); // 7e-5 measured
  }

  @Test
  void theShippedRestIsANodeAndTheJSetsAFocusThatRingsEnoughForTheRule() {
    YiStability.Rest shipped = YiStability.rest("yi", Map.of(), 200e-6);
    assertThat(shipped.stable()).isTrue();
    for (Complex z : shipped.eigenvalues()) {
      assertThat(Math.abs(z.getImaginary())).isLessThan(1e-6 * Math.abs(z.getReal()));
    }
    YiStability.Rest j = YiStability.rest("yi", J, 200e-6);
    assertThat(j.stable()).isTrue();
    // a half period scales the excursion by exp(-pi |sigma|/omega); the rule's 10 % rebound needs |sigma|/omega < 0.73
    assertThat(j.damping()).isBetween(0.4, 0.55);
    assertThat(j.frequency()).isBetween(0.40e6, 0.48e6);
    assertThat(j.kappa2()).isBetween(0.7, 0.9);
  }

  private static double[] rk4(RealMatrix j, double[] x, double h) {
    double[] k1 = j.operate(x);
    double[] k2 = j.operate(axpy(x, k1, h / 2));
    double[] k3 = j.operate(axpy(x, k2, h / 2));
    double[] k4 = j.operate(axpy(x, k3, h));
    double[] y = new double[x.length];
    for (int a = 0; a < x.length; a++) {
      y[a] = x[a] + h / 6 * (k1[a] + 2 * k2[a] + 2 * k3[a] + k4[a]);
    }
    return y;
  }

  private static double[] axpy(double[] x, double[] d, double h) {
    double[] y = new double[x.length];
    for (int a = 0; a < x.length; a++) {
      y[a] = x[a] + h * d[a];
    }
    return y;
  }
}
