package org.neuristor.network;

import java.util.Arrays;

/**
 * Pair-based STDP with traces (all-to-all pairing; Song, Miller and Abbott 2000; Morrison, Diesmann
 * and Gerstner 2008) applied as programming pulses on a {@link Crossbar}'s devices: rows are
 * presynaptic, columns postsynaptic neurons, and the plastic device of cross-point (i, j) is its
 * G+ (G- stays where it is).
 *
 * <pre>
 *   pre trace  x_i: x_i -&gt; x_i e^(-dt/tau_plus)  between events, x_i += 1 at a pre spike
 *   post trace y_j: y_j -&gt; y_j e^(-dt/tau_minus) between events, y_j += 1 at a post spike
 *   post spike of j: round(n_plus  x_i) potentiating pulses on every (i, j)   (pre before post)
 *   pre  spike of i: round(n_minus y_j) depressing  pulses on every (i, j)   (post before pre)
 * </pre>
 *
 * For one pair at lag dt = t_post - t_pre &gt; 0 the device receives {@code round(n_plus e^(-dt/tau_plus))}
 * LTP pulses, so its conductance change is the exponential STDP window passed through the device's
 * non-linear, quantized update (and its cycle-to-cycle noise); for dt &lt; 0 the same with n_minus, tau_minus
 * and LTD pulses. Traces are stored with the time of their last update and decayed exactly, so the
 * rule is event-driven; {@link #afterStep} reads a network's last spikes for use as a step listener.
 * Programming energy is counted by the crossbar.
 */
public final class Stdp {
  private final Crossbar xb;
  private final double tauPlus;
  private final double tauMinus;
  private final double nPlus;
  private final double nMinus;
  private final double[] x;
  private final double[] xt;
  private final double[] y;
  private final double[] yt;
  private long events;

  /**
   * @param tauPlusSeconds pre trace time constant
   * @param tauMinusSeconds post trace time constant
   * @param pulsesPlus LTP pulses for a pair at zero lag
   * @param pulsesMinus LTD pulses for a pair at zero lag
   */
  public Stdp(Crossbar crossbar, double tauPlusSeconds, double tauMinusSeconds, double pulsesPlus, double pulsesMinus) {
    if (crossbar.device() == null) {
      throw new IllegalArgumentException("STDP needs a device crossbar (pulses), not an ideal one");
    }
    if (!(tauPlusSeconds > 0) || !(tauMinusSeconds > 0) || pulsesPlus < 0 || pulsesMinus < 0) {
      throw new IllegalArgumentException("STDP needs tau > 0 and pulse counts >= 0");
    }
    this.xb = crossbar;
    this.tauPlus = tauPlusSeconds;
    this.tauMinus = tauMinusSeconds;
    this.nPlus = pulsesPlus;
    this.nMinus = pulsesMinus;
    x = new double[crossbar.rows()];
    xt = new double[crossbar.rows()];
    y = new double[crossbar.cols()];
    yt = new double[crossbar.cols()];
  }

  /** Clears the traces. */
  public void reset() {
    Arrays.fill(x, 0);
    Arrays.fill(y, 0);
    Arrays.fill(xt, 0);
    Arrays.fill(yt, 0);
  }

  private double pre(int i, double t) {
    return x[i] * Math.exp(-(t - xt[i]) / tauPlus);
  }

  private double post(int j, double t) {
    return y[j] * Math.exp(-(t - yt[j]) / tauMinus);
  }

  /** A presynaptic spike of row i at time t (s): depresses by the post traces, then bumps x_i. */
  public void preSpike(int i, double t) {
    int cols = xb.cols();
    for (int j = 0; j < cols; j++) {
      int n = (int) Math.round(nMinus * post(j, t));
      if (n > 0) {
        xb.pulse(2 * (i * cols + j), n, false, ++events);
      }
    }
    x[i] = pre(i, t) + 1;
    xt[i] = t;
  }

  /** A postsynaptic spike of column j at time t (s): potentiates by the pre traces, then bumps y_j. */
  public void postSpike(int j, double t) {
    int cols = xb.cols();
    for (int i = 0; i < xb.rows(); i++) {
      int n = (int) Math.round(nPlus * pre(i, t));
      if (n > 0) {
        xb.pulse(2 * (i * cols + j), n, true, ++events);
      }
    }
    y[j] = post(j, t) + 1;
    yt[j] = t;
  }

  /**
   * Applies the last step's spikes of a network's pre and post populations (pre first), at the
   * network's time; call it after each step (e.g. from a {@link Network.StepListener}) and write the
   * crossbar into the projection afterwards with {@link Crossbar#writeTo}.
   */
  public void afterStep(Population pre, Population post, double t) {
    for (int k = 0; k < pre.lastSpikeCount(); k++) {
      preSpike(pre.lastSpike(k), t);
    }
    for (int k = 0; k < post.lastSpikeCount(); k++) {
      postSpike(post.lastSpike(k), t);
    }
  }
}
