package org.neuristor.network;

import org.neuristor.NeuristorException;
import org.neuristor.device.SynapseDevice;

/**
 * Pair-based STDP with traces (all-to-all pairing; Song, Miller &amp; Abbott 2000; Morrison et al.
 * 2008), applied as programming pulses on pulse-programmed synaptic memristors ({@link
 * SynapseDevice}, physics.md 3.8c). Every presynaptic neuron i keeps a trace {@code x_i} and every
 * postsynaptic neuron j a trace {@code y_j}; both decay as {@code exp(-t/tau)} and jump by 1 at a
 * spike of their neuron. At a presynaptic spike each synapse (i, j) is depressed by
 * {@code aMinus y_j} pulses, at a postsynaptic spike potentiated by {@code aPlus x_i} pulses, so a
 * pair with {@code dt = t_post - t_pre} gives {@code +aPlus exp(-dt/tauPlus)} pulses for
 * {@code dt >= 0} and {@code -aMinus exp(dt/tauMinus)} for {@code dt < 0}. Devices take whole
 * pulses: each synapse carries its fractional remainder to its next update (deterministic, no
 * pulse lost), so the window is exact up to one pulse. In a step with both spikes the presynaptic
 * one is handled first, so coincident spikes potentiate. The device's own non-linearity,
 * cycle-to-cycle noise, device-to-device spread and stuck devices act on every pulse; the
 * programming energy counts {@code V_w^2 G t_w} per pulse at the pre-pulse conductance.
 *
 * <p>Seeded: device i*post+j draws from {@code CounterRng.hash(seed, 19, i*post+j)}, so a run
 * reproduces bit for bit.
 */
public final class StdpCrossbar {
  private final int pre;
  private final int post;
  private final SynapseDevice[] dev;
  private final double[] rest;
  private final double[] x;
  private final double[] y;
  private final double tauPlus;
  private final double tauMinus;
  private final double aPlus;
  private final double aMinus;
  private long pulses;
  private double programmingEnergy;
  private double writeVolts = 3.0;
  private double writeSeconds = 300e-6;

  /**
   * @param tauPlus potentiation time constant (s)
   * @param tauMinus depression time constant (s)
   * @param aPlus pulses for a pre-then-post pair at dt = 0
   * @param aMinus pulses for a post-then-pre pair at dt -> 0-
   */
  public StdpCrossbar(int pre, int post, SynapseDevice.Params device, double tauPlus, double tauMinus, double aPlus,
      double aMinus, long seed) {
    if (pre < 1 || post < 1) {
      throw NeuristorException.input("STDP crossbar needs pre, post >= 1, got " + pre + " x " + post);
    }
    if (!(tauPlus > 0) || !(tauMinus > 0) || !(aPlus >= 0) || !(aMinus >= 0)) {
      throw NeuristorException.input("STDP needs tau+ and tau- > 0 and A+, A- >= 0");
    }
    this.pre = pre;
    this.post = post;
    this.tauPlus = tauPlus;
    this.tauMinus = tauMinus;
    this.aPlus = aPlus;
    this.aMinus = aMinus;
    dev = new SynapseDevice[pre * post];
    rest = new double[pre * post];
    for (int q = 0; q < dev.length; q++) {
      dev[q] = new SynapseDevice(device, CounterRng.hash(seed, 19, q));
    }
    x = new double[pre];
    y = new double[post];
  }

  /** Write pulse amplitude (V) and width (s) for the programming energy (default 3 V, 300 us). */
  public StdpCrossbar writePulse(double volts, double seconds) {
    this.writeVolts = volts;
    this.writeSeconds = seconds;
    return this;
  }

  /** The device of synapse (i, j). */
  public SynapseDevice device(int i, int j) {
    return dev[i * post + j];
  }

  /** Pulses applied so far. */
  public long pulses() {
    return pulses;
  }

  /** Programming energy so far (J). */
  public double programmingEnergyJoules() {
    return programmingEnergy;
  }

  /** Resets traces and pulse remainders (not the conductances), e.g. between presented patterns. */
  public void resetTraces() {
    java.util.Arrays.fill(x, 0);
    java.util.Arrays.fill(y, 0);
    java.util.Arrays.fill(rest, 0);
  }

  /**
   * Advances the traces by dt, then applies the spikes of this step (pre first, then post).
   *
   * @param preSpikes indices of presynaptic neurons that spiked in this step
   * @param postSpikes indices of postsynaptic neurons that spiked in this step
   */
  public void step(double dt, int[] preSpikes, int[] postSpikes) {
    double dp = Math.exp(-dt / tauPlus);
    double dm = Math.exp(-dt / tauMinus);
    for (int i = 0; i < pre; i++) {
      x[i] *= dp;
    }
    for (int j = 0; j < post; j++) {
      y[j] *= dm;
    }
    for (int i : preSpikes) {
      for (int j = 0; j < post; j++) {
        apply(i * post + j, -aMinus * y[j]);
      }
      x[i] += 1;
    }
    for (int j : postSpikes) {
      for (int i = 0; i < pre; i++) {
        apply(i * post + j, aPlus * x[i]);
      }
      y[j] += 1;
    }
  }

  private void apply(int q, double amount) {
    if (amount == 0) {
      return;
    }
    double want = rest[q] + amount;
    long n = (long) want; // truncation towards zero: the remainder keeps the sign of the request
    rest[q] = want - n;
    if (n == 0) {
      return;
    }
    SynapseDevice d = dev[q];
    int k = (int) Math.abs(n);
    for (int p = 0; p < k; p++) {
      programmingEnergy += writeVolts * writeVolts * d.conductance() * writeSeconds;
      if (n > 0) {
        d.potentiate(1);
      } else {
        d.depress(1);
      }
    }
    pulses += k;
  }
}
