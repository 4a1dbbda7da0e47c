package org.neuristor.neuron;

import java.util.List;

/**
 * The one neuron interface: N neurons of one model in structure-of-arrays form, advanced over a
 * step by one call, in SI units (time s, potentials V, currents A, capacitance F; per unit area for
 * Hodgkin-Huxley, see {@link ModelKind#currentSiUnit()}). Every biological model
 * ({@link ModelKind}) and every library circuit's compact form ({@code library.CompactKernel})
 * implements it; {@code model run} drives a kernel of one neuron with a stimulus, and a network
 * wraps any kernel in one population adapter ({@code network.KernelPopulation}) that adds synaptic
 * channels, delays and monitors.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #initialize} prepares steps of {@code dt} and puts every neuron in its initial state,
 *       drawing any random start values from {@code seed}; it may be called again to restart.
 *   <li>{@link #step(int, int, double, double, double[], Spikes)} advances neurons [from, to) from
 *       {@code t} to {@code t + dt} with {@code input[i]} (the external current of neuron i, held over
 *       the step) and adds each spike with its absolute time to {@code out}. It touches only those
 *       neurons and allocates nothing, so disjoint ranges may run on different threads when
 *       {@link #rangeSafe()}; {@code from} is a multiple of {@link #rangeAlignment()}. The order of
 *       the spikes added depends only on the neurons' states, not on how the population is split
 *       into aligned ranges.
 *   <li>{@link #stateVariables()} lists live SI arrays, the membrane potential first.
 * </ul>
 */
public interface NeuronKernel {

  /** Number of neurons. */
  int size();

  /** The state variables (live SI arrays), membrane potential first. */
  List<StateVariable> stateVariables();

  /** Membrane potentials (V), the live array of the first state variable. */
  double[] membrane();

  /**
   * Capacitance at the membrane (F, or F/m^2 for per-area models): a charge q put on it moves the
   * membrane by q / C. Used for instantaneous (charge) synapses.
   */
  double membraneCapacitance();

  /** Lowest membrane potential the kernel allows (V): a clamp the network applies after charge jumps. */
  default double membraneFloor() {
    return Double.NEGATIVE_INFINITY;
  }

  /** Unit of {@code input} ({@code A}, or {@code A/m2}, or {@code 1} for Izhikevich's I). */
  default String inputUnit() {
    return "A";
  }

  /** Prepares steps of {@code dtSeconds} and puts every neuron in its initial state (seeded draws). */
  void initialize(double dtSeconds, long seed);

  /** Advances neurons [from, to) from {@code t} to {@code t + dt}; see the class comment. */
  void step(int from, int to, double t, double dt, double[] input, Spikes out);

  /** Advances every neuron. */
  default void step(double t, double dt, double[] input, Spikes out) {
    step(0, size(), t, dt, input, out);
  }

  /**
   * Whether disjoint ranges may be stepped concurrently with results independent of the split
   * (false when the kernel draws random numbers from one stream in neuron order).
   */
  default boolean rangeSafe() {
    return true;
  }

  /**
   * Ranges passed to {@link #step(int, int, double, double, double[], Spikes)} start at multiples of
   * this (a kernel that keeps per-block bookkeeping asks for its block size); 1 = any range.
   */
  default int rangeAlignment() {
    return 1;
  }
}
