package org.neuristor.neuron;

import java.util.Arrays;

/**
 * The spikes a {@link NeuronKernel} emitted in one step: neuron index and absolute time (s), in the
 * order they were emitted. The owner clears it before each step; the arrays grow only in the rare
 * step where more spikes occur than ever before, so a step allocates nothing in steady state.
 */
public final class Spikes {
  private int[] neuron;
  private double[] time;
  private int count;

  /** A buffer with room for {@code capacity} spikes before it grows. */
  public Spikes(int capacity) {
    neuron = new int[Math.max(16, capacity)];
    time = new double[neuron.length];
  }

  /** Records a spike of neuron {@code i} at absolute time {@code tSeconds}. */
  public void add(int i, double tSeconds) {
    if (count == neuron.length) {
      neuron = Arrays.copyOf(neuron, 2 * count);
      time = Arrays.copyOf(time, 2 * count);
    }
    neuron[count] = i;
    time[count] = tSeconds;
    count++;
  }

  /** Forgets every recorded spike (keeps the storage). */
  public void clear() {
    count = 0;
  }

  /** Number of spikes recorded since the last {@link #clear()}. */
  public int count() {
    return count;
  }

  /** Neuron index of spike {@code k}. */
  public int neuron(int k) {
    return neuron[k];
  }

  /** Absolute time (s) of spike {@code k}. */
  public double time(int k) {
    return time[k];
  }
}
