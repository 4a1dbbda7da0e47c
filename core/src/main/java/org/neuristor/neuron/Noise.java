package org.neuristor.neuron;

import java.util.SplittableRandom;

/**
 * Noise for the reference neurons (physics.md 2.6): Ornstein-Uhlenbeck current noise with its exact
 * update, Gaussian draws from a seeded generator (bit-for-bit reproducible), and the Siegert
 * (diffusion-approximation) rate of the white-noise LIF.
 */
public final class Noise {
  private Noise() {}

  /** Standard normal draw (Box-Muller, one value per two uniforms; deterministic for a seed). */
  public static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Ornstein-Uhlenbeck process {@code tau dI = -(I - mu) dt + sigma sqrt(2 tau) dW}, advanced with the
   * exact update {@code I = mu + (I - mu) e^(-dt/tau) + sigma sqrt(1 - e^(-2dt/tau)) xi}.
   */
  public static final class Ou {
    private final double mu;
    private final double decay;
    private final double kick;
    private final SplittableRandom rng;
    private double value;

    public Ou(double mu, double sigma, double tau, double dt, long seed) {
      this.mu = mu;
      this.decay = Math.exp(-dt / tau);
      this.kick = sigma * Math.sqrt(1 - decay * decay);
      this.rng = new SplittableRandom(seed);
      this.value = mu;
    }

    public double next() {
      value = mu + (value - mu) * decay + kick * gaussian(rng);
      return value;
    }
  }

  /**
   * Siegert rate (Hz) of the LIF driven by white noise (physics.md 2.6 b), tau and t_ref in ms,
   * voltages in mV relative to E_L: {@code 1/nu = t_ref + tau sqrt(pi) int e^{u^2}(1 + erf u) du}
   * from {@code (V_r - E_L - mu)/sigma_B} to {@code (theta - E_L - mu)/sigma_B}, {@code sigma_B = sqrt(2) sigma_V}.
   */
  public static double siegertRateHz(double tauMs, double tRefMs, double resetRelMv, double thetaRelMv, double muMv,
      double sigmaVMv) {
    double sb = Math.sqrt(2) * sigmaVMv;
    double lo = (resetRelMv - muMv) / sb;
    double hi = (thetaRelMv - muMv) / sb;
    int n = 20000;
    double h = (hi - lo) / n;
    double sum = 0;
    for (int k = 0; k <= n; k++) {
      double u = lo + k * h;
      double f = Math.exp(u * u) * (1 + erf(u));
      sum += (k == 0 || k == n) ? f : (k % 2 == 1 ? 4 * f : 2 * f);
    }
    double integral = sum * h / 3;
    return 1000.0 / (tRefMs + tauMs * Math.sqrt(Math.PI) * integral);
  }

  /** Error function, from Hipparchus (accurate to double precision, unlike the short A&S fits). */
  static double erf(double x) {
    return org.hipparchus.special.Erf.erf(x);
  }

  /**
   * Escape noise (stochastic threshold, physics.md 2.6 c): the probability of a spike within dt at
   * membrane potential v is {@code 1 - exp(-rho0 exp((v - theta)/deltaU) dt)} (rates in 1/ms, mV).
   */
  public static boolean escape(double vMv, double thetaMv, double deltaUMv, double rho0PerMs, double dtMs,
      SplittableRandom r) {
    double hazard = rho0PerMs * Math.exp(Math.min((vMv - thetaMv) / deltaUMv, 50));
    return r.nextDouble() < -Math.expm1(-hazard * dtMs);
  }
}
