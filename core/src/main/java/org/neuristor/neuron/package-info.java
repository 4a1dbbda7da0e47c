/**
 * Biological point-neuron models (physics.md section 2): perfect and leaky integrate-and-fire,
 * Hodgkin-Huxley, adaptive exponential integrate-and-fire and Izhikevich's simple model, with
 * Ornstein-Uhlenbeck current noise, white membrane noise and escape noise.
 *
 * <p>A model is a {@link org.neuristor.neuron.ModelKind} (parameters declared as data with unit,
 * default, range and description) plus validated values: {@link org.neuristor.neuron.NeuronModel},
 * loadable from YAML/JSON with {@link org.neuristor.neuron.ModelFiles}. Simulation happens in
 * {@link org.neuristor.neuron.Population}s: structure-of-arrays state advanced by one kernel per
 * model and method (LIF exact, HH RK4 or Rush-Larsen, AdEx RK2, Izhikevich's own Euler), seeded
 * per population, allocation-free per step. {@link org.neuristor.neuron.NeuronSimulation} runs a
 * single neuron into a {@link org.neuristor.analysis.Trace}; {@link
 * org.neuristor.neuron.IzhikevichPatterns} holds the 20 firing-pattern protocols.
 */
package org.neuristor.neuron;
