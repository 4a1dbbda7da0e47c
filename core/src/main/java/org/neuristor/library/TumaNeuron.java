package org.neuristor.library;

import java.util.SplittableRandom;

/**
 * Event-driven (compact) form of Tuma's stochastic phase-change integrate-and-fire neuron
 * (physics.md 3.7, 4.6) as a population kernel: per neuron the amorphous thickness u_a (nm), updated
 * once per crystallizing input pulse.
 *
 * <pre>
 *   pulse:  u_a &lt;- u_a - dpp max(0, 1 + sigg xi)          (dpp = v_g dt, sigg = sigma_g / dpp)
 *   fire if u_a &lt;= u_th, then RESET: u_a &lt;- u_a0 + sigma_r xi   (the stochastic threshold)
 * </pre>
 *
 * Neuron i draws standard normals from {@code new SplittableRandom(seed + i)} in the same order as the
 * {@code pcm} device ({@link org.neuristor.device.PhaseChangeCell}): initial u_a, growth factor of
 * the first pulse, then per pulse the RESET (if it fired) and the next pulse's growth factor. A
 * device with {@code seed = seed + i} driven by pulses of width dpp/rate therefore fires on exactly
 * the same pulses. Allocation-free; bit-for-bit reproducible for a given seed.
 */
public final class TumaNeuron {
  private final double ua0;
  private final double sigr;
  private final double uth;
  private final double dpp;
  private final double sigg;
  private final SplittableRandom[] rng;
  /** Amorphous thickness per neuron (nm). */
  public final double[] ua;
  private final double[] eta;

  /**
   * @param n neurons
   * @param seed neuron i uses seed + i
   * @param ua0 mean thickness after RESET (nm); sigr its spread (nm); uth firing thickness (nm)
   * @param dpp mean thickness crystallized per input pulse (nm); sigg its relative spread
   */
  public TumaNeuron(int n, long seed, double ua0, double sigr, double uth, double dpp, double sigg) {
    this.ua0 = ua0;
    this.sigr = sigr;
    this.uth = uth;
    this.dpp = dpp;
    this.sigg = sigg;
    rng = new SplittableRandom[n];
    ua = new double[n];
    eta = new double[n];
    for (int i = 0; i < n; i++) {
      rng[i] = new SplittableRandom(seed + i);
      ua[i] = ua0 + sigr * rng[i].nextGaussian();
      eta[i] = Math.max(0, 1 + sigg * rng[i].nextGaussian());
    }
  }

  /** physics.md 3.7 defaults: u_a0 40 nm, sigma_r 2 nm, u_th 5 nm, 3 nm per pulse, sigma_g 0.5 nm. */
  public static TumaNeuron physicsDefault(int n, long seed) {
    return new TumaNeuron(n, seed, 40, 2, 5, 3, 0.5 / 3);
  }

  public int size() {
    return ua.length;
  }

  /** One crystallizing pulse on neuron i; returns whether it fired (and was RESET). */
  public boolean pulse(int i) {
    ua[i] -= dpp * eta[i];
    boolean fired = ua[i] <= uth;
    if (fired) {
      ua[i] = ua0 + sigr * rng[i].nextGaussian();
    }
    eta[i] = Math.max(0, 1 + sigg * rng[i].nextGaussian());
    return fired;
  }

  /**
   * One time step of a population: neurons with {@code input[i]} receive a pulse; {@code fired[i]}
   * is set to whether neuron i fired. Returns the number of firings.
   */
  public int step(boolean[] input, boolean[] fired) {
    int c = 0;
    for (int i = 0; i < ua.length; i++) {
      fired[i] = input[i] && pulse(i);
      if (fired[i]) {
        c++;
      }
    }
    return c;
  }
}
