package org.neuristor.network;

import java.util.Arrays;

/**
 * Records every spike of a population as (step, time, neuron); the time is the start of the step,
 * or the time inside the step where the population's model places it (a {@link KernelPopulation}).
 * Storage grows geometrically (amortised, not per step); {@link #reserve} pre-sizes it.
 */
public final class SpikeMonitor {
  final Population population;
  // small at first: a run's first steps then grow it, as the miniatures of WarmUp do, and the JIT compiles
  // the growth branch instead of leaving it to a deoptimization in the real run
  private long[] steps = new long[64];
  private double[] times = new double[64];
  private int[] neurons = new int[64];
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
      times = Arrays.copyOf(times, n);
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
      int i = population.spikes[s];
      steps[count] = step;
      times[count] = population.spikeTime(i, step, dt);
      neurons[count++] = i;
    }
  }

  public int count() {
    return count;
  }

  /** Step number of spike k. */
  public long step(int k) {
    return steps[k];
  }

  /** Spike time of spike k (s): the start of its step, or the model's time inside it. */
  public double time(int k) {
    return times[k];
  }

  public int neuron(int k) {
    return neurons[k];
  }

  public void clear() {
    count = 0;
  }
}
