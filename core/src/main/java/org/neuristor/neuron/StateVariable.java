package org.neuristor.neuron;

/**
 * One state variable of a {@link NeuronKernel}: a live per-neuron array in SI units.
 *
 * @param name short name ({@code v}, {@code w}, {@code m}, {@code x1})
 * @param unit SI unit of the values ({@code V}, {@code A}, {@code 1})
 * @param values live per-neuron values (SI)
 */
public record StateVariable(String name, String unit, double[] values) {}
