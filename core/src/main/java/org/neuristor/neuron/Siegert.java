package org.neuristor.neuron;

import org.hipparchus.special.Erf;

/**
 * Mean firing rate of the LIF driven by white noise in the diffusion approximation (Siegert 1951;
 * Brunel, J. Comput. Neurosci. 8, 183 (2000); physics.md 2.6b):
 *
 * <pre>
 *   1/nu = t_ref + tau sqrt(pi) Integral_{(V_r - E_L - mu)/sigma_B}^{(theta - E_L - mu)/sigma_B} e^{u^2} (1 + erf u) du
 * </pre>
 *
 * with {@code sigma_B = sqrt(2) sigma_V}, sigma_V the stationary standard deviation of the free
 * membrane (mV) and mu = R I the mean drive (mV). 1/nu is the mean first-passage time from reset
 * to threshold plus the refractory period: the mean inter-spike interval. The integrand
 * {@code e^{u^2}(1 + erf u) = erfcx(-u)} is evaluated with an asymptotic series for u &lt; -10
 * (where erfc underflows) and integrated by composite Simpson with 4000 panels.
 */
public final class Siegert {
  private Siegert() {}

  /** Mean rate (Hz); times in ms, potentials in mV. */
  public static double rateHz(double tauMs, double tRefMs, double elMv, double vResetMv, double thetaMv, double muMv,
      double sigmaVMv) {
    double sb = Math.sqrt(2) * sigmaVMv;
    double lo = (vResetMv - elMv - muMv) / sb;
    double hi = (thetaMv - elMv - muMv) / sb;
    int panels = 4000;
    double h = (hi - lo) / panels;
    double sum = f(lo) + f(hi);
    for (int k = 1; k < panels; k++) {
      sum += (k % 2 == 1 ? 4 : 2) * f(lo + k * h);
    }
    double integral = sum * h / 3;
    double isiMs = tRefMs + tauMs * Math.sqrt(Math.PI) * integral;
    return 1000.0 / isiMs;
  }

  /** Mean inter-spike interval (ms) = 1/rate. */
  public static double meanIsiMs(double tauMs, double tRefMs, double elMv, double vResetMv, double thetaMv,
      double muMv, double sigmaVMv) {
    return 1000.0 / rateHz(tauMs, tRefMs, elMv, vResetMv, thetaMv, muMv, sigmaVMv);
  }

  /** {@code e^{u^2} (1 + erf u)}. */
  static double f(double u) {
    if (u < -10) {
      double x = -u;
      double x2 = x * x;
      return (1 - 1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2)) / (x * Math.sqrt(Math.PI));
    }
    return Math.exp(u * u) * Erf.erfc(-u);
  }
}
