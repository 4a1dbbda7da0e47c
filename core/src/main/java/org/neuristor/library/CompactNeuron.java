package org.neuristor.library;

import java.util.List;

/**
 * The compact form of a library circuit (architecture section 4): the circuit's state equations for
 * N neurons as a population kernel in structure-of-arrays form, stepped with a time step chosen by
 * the caller (a network's dt) and no allocation. Inside a step each neuron is sub-stepped where its
 * switches are active, so the spike times do not depend on the caller's dt; a spike is an upward
 * crossing of the spike level by the circuit's firing state, interpolated in time, under the circuit's
 * spike rule ({@link NeuronCircuit#spikeDetector()}: counted once the state goes on to the level plus
 * the hysteresis, re-armed below the level minus it).
 *
 * <p>Input convention: {@code vin[i]} is the voltage of the circuit's input source {@code vin},
 * held over the step, or, when {@link #rampsInput()}, reached at the end of the step by a linear
 * ramp from the previous step's value (circuits that couple the input capacitively); {@code isyn[i]} an extra current (A) injected into the membrane node
 * (may be null). Build one with {@link NeuronCircuit#compact}; every compact form is also a
 * {@link org.neuristor.neuron.NeuronKernel} through {@link CompactKernel}.
 */
public interface CompactNeuron {
  /** Number of neurons. */
  int size();

  /** Names of the state variables, the first being the membrane node voltage. */
  List<String> variables();

  /** The live state array of a variable (length {@link #size()}). */
  double[] state(String variable);

  /** Whether {@code vin} is ramped from the previous step's value (else held over the step). */
  default boolean rampsInput() {
    return false;
  }

  /** Membrane node voltages (the live array). */
  default double[] membrane() {
    return state(variables().get(0));
  }

  /** Capacitance at the membrane node (F): a charge q put on it moves the membrane by q / C. */
  double membraneCapacitance();

  /** Puts every neuron in the state the full circuit starts from (node voltages 0, devices at x0). */
  void reset();

  /**
   * Advances every neuron by {@code dt}; writes into {@code spikeOffset[i]} the time, from the step's
   * start, of the level crossing of the spike this step confirmed (at most dt; negative when the state
   * crossed the level in an earlier step and reached the level plus the hysteresis in this one), or NaN
   * when no spike was confirmed (one spike per neuron and step).
   */
  void step(double dt, double[] vin, double[] isyn, double[] spikeOffset);

  /** As {@link #step(double, double[], double[], double[])} for neurons [from, to) only. */
  void step(int from, int to, double dt, double[] vin, double[] isyn, double[] spikeOffset);

  /**
   * Relaxes every neuron for {@code seconds} under a constant input, without reporting spikes: the
   * rest state the full engine's operating point gives for a non-oscillating input.
   */
  default void settle(double vinVolts, double seconds) {
    int n = size();
    double[] vin = new double[n];
    java.util.Arrays.fill(vin, vinVolts);
    double[] off = new double[n];
    int steps = 1000;
    for (int k = 0; k < steps; k++) {
      step(seconds / steps, vin, null, off);
    }
  }
}
