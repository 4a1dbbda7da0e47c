package org.neuristor.network;

/**
 * One receptor channel of a population (e.g. "exc", "inh"): a synapse kernel with its time
 * constant and reversal potential, the per-neuron state (current in A or conductance in S) and the
 * per-delay ring buffer that projections write arriving weights into.
 *
 * <p>Ring layout: {@code ring[slot * size + neuron]}, slot = arrival step modulo {@link #slots()}.
 * A spike emitted in step n with a delay of d steps is added to slot n+1+d and folded into the
 * state at the start of step n+1+d (Brian2's scheduling: a zero-delay spike acts on the next update).
 * A decaying (exponential or conductance) channel whose projections all have zero delay has no ring:
 * weights are added straight into the state at the start of step n+1, before the state is read
 * ({@link #direct()}), which saves a read, a clear and an add per neuron and step.
 */
public final class Channel {
  final String name;
  final Kernel kernel;
  final double tauSeconds;
  final double reversalVolts;
  final double[] state;
  double[] ring;
  int slots;
  double decayExact;

  /**
   * @param name channel name used by projections
   * @param kernel synapse kernel
   * @param tauSeconds decay time constant (s; ignored for {@link Kernel#CURRENT})
   * @param reversalVolts reversal potential (V; only for {@link Kernel#CONDUCTANCE})
   * @param size number of neurons of the population
   */
  public Channel(String name, Kernel kernel, double tauSeconds, double reversalVolts, int size) {
    this.name = name;
    this.kernel = kernel;
    this.tauSeconds = tauSeconds;
    this.reversalVolts = reversalVolts;
    this.state = new double[size];
    this.slots = 1;
  }

  /**
   * Allocates the ring of {@code slots} slots, or none when {@code direct} (zero delays into a
   * decaying channel: arrivals are added into the state).
   */
  void allocateRing(int slots, int size, double dt, boolean direct) {
    this.slots = slots;
    this.ring = direct ? null : new double[slots * size];
    this.decayExact = kernel == Kernel.CURRENT ? 0 : Math.exp(-dt / tauSeconds);
  }

  public String name() {
    return name;
  }

  public Kernel kernel() {
    return kernel;
  }

  public double tauSeconds() {
    return tauSeconds;
  }

  public double reversalVolts() {
    return reversalVolts;
  }

  /**
   * Per-neuron channel state (A or S; for CURRENT the jump applied in the last step). A decaying state reads 0 once
   * it has fallen below 2^-960 (~1.0e-289): the network flushes those before they reach the subnormal doubles
   * ({@link TinyStates}).
   */
  public double[] state() {
    return state;
  }

  int slots() {
    return slots;
  }

  /** Whether arrivals go straight into the state (no ring buffer). */
  boolean direct() {
    return ring == null;
  }
}
