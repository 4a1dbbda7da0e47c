package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared assertions of the element contract, for built-in elements ({@code BuiltInElementContractTest})
 * and devices ({@code DeviceContractTest}) alike: the analytic Jacobians G = df/dx and C = dq/dx equal
 * central finite differences, and a passive element absorbs non-negative power.
 */
public final class ElementContract {
  private ElementContract() {}

  /**
   * G and C of {@code h} at {@code x} against central differences with steps 1e-7 max(|x_j|,
   * scale_j), within 1e-5 of the larger of the difference and the row's largest entry; evaluated as
   * in a first Newton iteration when {@code firstIteration} (no junction limiting against the
   * previous evaluation).
   */
  public static void jacobianMatchesFiniteDifferences(ElementHarness h, double[] x, double[] scales, String what,
      boolean firstIteration) {
    jacobianMatchesFiniteDifferences(h, x, scales, what, firstIteration, 1e-5);
  }

  /** As above, within {@code rel} (instead of 1e-5) of the larger of the difference and the row's largest entry. */
  public static void jacobianMatchesFiniteDifferences(ElementHarness h, double[] x, double[] scales, String what,
      boolean firstIteration, double rel) {
    int n = h.size();
    double[][] base = h.eval(x, false, firstIteration);
    for (int j = 0; j < n; j++) {
      double step = 1e-7 * Math.max(Math.abs(x[j]), scales[j]);
      double[] xp = x.clone();
      double[] xm = x.clone();
      xp[j] += step;
      xm[j] -= step;
      double[][] ep = h.eval(xp, false, firstIteration);
      double[][] em = h.eval(xm, false, firstIteration);
      for (int i = 0; i < n; i++) {
        for (int which = 0; which < 2; which++) {
          double fd = (ep[which][i] - em[which][i]) / (2 * step);
          double an = base[2 + which][i * n + j];
          double rowScale = 0;
          for (int c = 0; c < n; c++) {
            rowScale = Math.max(rowScale, Math.abs(base[2 + which][i * n + c]));
          }
          assertThat(an)
              .as("%s d%s[%d]/dx[%d] at %s", what, which == 0 ? "f" : "q", i, j, java.util.Arrays.toString(x))
              .isCloseTo(fd, org.assertj.core.data.Offset.offset(rel * Math.max(Math.abs(fd), rowScale) + 1e-300));
        }
      }
    }
  }

  /**
   * The power the element absorbs through its terminals, sum_k v_k i_k (i_k: the current its
   * residual draws from node k), and its own {@link Element#power} are not negative.
   */
  public static void absorbsNonNegativePower(Element e, ElementHarness h, double[] x, String what) {
    double[][] ev = h.eval(x, false, true);
    double p = 0;
    for (int k = 0; k < e.nodes().size(); k++) {
      p += x[k] * ev[0][k];
    }
    double scale = 0;
    for (int k = 0; k < e.nodes().size(); k++) {
      scale = Math.max(scale, Math.abs(x[k] * ev[0][k]));
    }
    assertThat(p).as("%s terminal power at %s", what, java.util.Arrays.toString(x)).isGreaterThanOrEqualTo(-1e-12 * scale);
    assertThat(e.power(x, 0)).as("%s power()", what).isGreaterThanOrEqualTo(-1e-12 * scale);
  }
}
