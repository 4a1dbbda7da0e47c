package org.neuristor.network;

import java.util.Arrays;

/**
 * Records every spike of a population as (step, neuron). Storage grows geometrically (amortised,
 * not per step); {@link #reserve} pre-sizes it.
 */
public final class SpikeMonitor {
  final Population population;
  private long[] steps = new long[1024];
  private int[] neurons = new int[1024];
  private int count;
  private double dt;

  SpikeMonitor(Population population) {
    this.population = population;
  }

  public Population population() {
    return population;
  }

  void setDt(double dt) {
    this.dt = dt;
  }

  /** Makes room for n spikes. */
  public void reserve(int n) {
    if (n > steps.length) {
      steps = Arrays.copyOf(steps, n);
      neurons = Arrays.copyOf(neurons, n);
    }
  }

  void record(long step) {
    int ns = population.spikeCount;
    if (ns == 0) {
      return;
    }
    if (count + ns > steps.length) {
      reserve(Math.max(count + ns, steps.length * 2));
    }
    for (int s = 0; s < ns; s++) {
      steps[count] = step;
      neurons[count++] = population.spikes[s];
    }
  }

  public int count() {
    return count;
  }

  /** Step number of spike k. */
  public long step(int k) {
    return steps[k];
  }

  /** Spike time of spike k (s): the start of its step. */
  public double time(int k) {
    return steps[k] * dt;
  }

  public int neuron(int k) {
    return neurons[k];
  }

  public void clear() {
    count = 0;
  }
}
