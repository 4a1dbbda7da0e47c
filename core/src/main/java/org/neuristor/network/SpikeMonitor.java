package org.neuristor.network;

import java.util.Arrays;

/**
 * Records every spike of a population as (step, time, neuron); the time is the start of the step,
 * or the time inside the step where the population's model places it (a {@link KernelPopulation}).
 * Storage grows by blocks of 4,096 spikes (never copied); {@link #reserve} pre-sizes it.
 */
public final class SpikeMonitor {
  /** Spikes per storage block (2^12): storage grows by whole blocks and is never copied. */
  static final int BLOCK_BITS = 12;
  private static final int BLOCK = 1 << BLOCK_BITS;
  private static final int MASK = BLOCK - 1;

  /** The header of a spike list written as CSV ({@link #times()}, {@link #neuronColumn()}). */
  public static final java.util.List<String> HEADER = java.util.List.of("time_s", "neuron");

  final Population population;
  private long[][] steps = new long[16][];
  private double[][] times = new double[16][];
  private int[][] neurons = new int[16][];
  /** Blocks allocated. */
  private int blocks;
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
    while ((long) blocks << BLOCK_BITS < n) {
      addBlock();
    }
  }

  /**
   * One more block. Growing by blocks rather than by doubling one array: a cold run's doublings (to 16k,
   * then 32k spikes) cost several milliseconds of its loop each, copies and fresh memory at once.
   */
  private void addBlock() {
    if (blocks == steps.length) {
      steps = Arrays.copyOf(steps, 2 * blocks);
      times = Arrays.copyOf(times, 2 * blocks);
      neurons = Arrays.copyOf(neurons, 2 * blocks);
    }
    steps[blocks] = new long[BLOCK];
    times[blocks] = new double[BLOCK];
    neurons[blocks] = new int[BLOCK];
    blocks++;
  }

  void record(long step) {
    int ns = population.spikeCount;
    int[] sp = population.spikes;
    for (int s = 0; s < ns; s++) {
      int b = count >>> BLOCK_BITS;
      if (b == blocks) {
        addBlock();
      }
      int o = count & MASK;
      int i = sp[s];
      steps[b][o] = step;
      times[b][o] = population.spikeTime(i, step, dt);
      neurons[b][o] = i;
      count++;
    }
  }

  public int count() {
    return count;
  }

  /** Step number of spike k. */
  public long step(int k) {
    return steps[k >>> BLOCK_BITS][k & MASK];
  }

  /** Spike time of spike k (s): the start of its step, or the model's time inside it. */
  public double time(int k) {
    return times[k >>> BLOCK_BITS][k & MASK];
  }

  public int neuron(int k) {
    return neurons[k >>> BLOCK_BITS][k & MASK];
  }

  /** Every spike's time (s), in order: the time column of a spike list. */
  public double[] times() {
    // block by block: after a cold run this is copied once, mostly in the interpreter (80,000 spikes of COBA)
    double[] t = new double[count];
    for (int b = 0, from = 0; from < count; b++, from += BLOCK) {
      System.arraycopy(times[b], 0, t, from, Math.min(BLOCK, count - from));
    }
    return t;
  }

  /** Every spike's neuron index as a double, in order: the neuron column of a spike list. */
  public double[] neuronColumn() {
    double[] n = new double[count];
    for (int k = 0; k < count; k++) {
      n[k] = neuron(k);
    }
    return n;
  }

  public void clear() {
    count = 0;
  }
}
