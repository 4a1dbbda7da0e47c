/**
 * Biological point-neuron models (physics.md section 2): perfect and leaky integrate-and-fire,
 * Hodgkin-Huxley, adaptive exponential integrate-and-fire and Izhikevich's simple model, with
 * Ornstein-Uhlenbeck current noise, white membrane noise and escape noise, and the one neuron
 * interface every model and every library circuit implements.
 *
 * <p>{@link org.neuristor.neuron.NeuronKernel} is that interface: N neurons in structure-of-arrays
 * form, advanced in SI units by {@code step(t, dt, input, spikes)}, allocation-free. Each model is
 * one class that declares everything about it, a {@link org.neuristor.neuron.ModelDescriptor}
 * (parameters as data with unit, default, range and description, methods and their step limits,
 * defaults, the kernel); {@link org.neuristor.neuron.ModelKind} lists them, one line each. A
 * {@link org.neuristor.neuron.NeuronModel} is a model with validated values, loadable from YAML/JSON
 * with {@link org.neuristor.neuron.ModelFiles}. {@link org.neuristor.neuron.NeuronSimulation} runs a
 * single neuron's kernel into a {@link org.neuristor.measure.Trace}; networks wrap kernels in
 * {@code network.KernelPopulation}; {@link org.neuristor.neuron.IzhikevichPatterns} holds the 20
 * firing-pattern protocols.
 */
package org.neuristor.neuron;

