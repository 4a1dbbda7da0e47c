package org.neuristor.network;

/**
 * Synapse kernels: how a presynaptic spike of weight w acts on a receptor channel of the
 * postsynaptic neuron.
 *
 * <ul>
 *   <li>{@link #CURRENT}: instantaneous (delta) current; the weight is the charge per spike divided
 *       by the membrane capacitance, i.e. a voltage jump {@code V += w} (V) for a LIF, or for the
 *       memristive neuron a charge {@code w} (C) dumped on the membrane capacitor;
 *   <li>{@link #EXPONENTIAL}: exponentially decaying current {@code I += w} (A),
 *       {@code dI/dt = -I/tau};
 *   <li>{@link #CONDUCTANCE}: exponentially decaying conductance {@code g += w} (S),
 *       {@code dg/dt = -g/tau}, current {@code g (E_rev - V)}.
 * </ul>
 */
public enum Kernel {
  CURRENT,
  EXPONENTIAL,
  CONDUCTANCE
}
