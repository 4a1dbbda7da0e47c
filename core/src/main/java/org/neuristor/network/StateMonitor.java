package org.neuristor.network;

/** Samples a state variable of chosen neurons every {@code every} steps, into pre-sized arrays. */
public final class StateMonitor {
  final Population population;
  final String variable;
  final int[] neurons;
  final int every;
  private double[] times = new double[0];
  private double[][] values;
  private int count;

  StateMonitor(Population population, String variable, int[] neurons, int every) {
    this.population = population;
    this.variable = variable;
    this.neurons = neurons;
    this.every = Math.max(1, every);
    this.values = new double[neurons.length][0];
  }

  void reserve(long steps) {
    int n = (int) Math.min(Integer.MAX_VALUE - 8, count + steps / every + 2);
    if (n > times.length) {
      times = java.util.Arrays.copyOf(times, n);
      for (int i = 0; i < values.length; i++) {
        values[i] = java.util.Arrays.copyOf(values[i], n);
      }
    }
  }

  void sample(long step, double dt) {
    if (step % every != 0) {
      return;
    }
    if (count == times.length) {
      reserve(Math.max(16L, 2L * every * count));
    }
    times[count] = step * dt;
    for (int i = 0; i < neurons.length; i++) {
      values[i][count] = population.variable(variable, neurons[i]);
    }
    count++;
  }

  public Population population() {
    return population;
  }

  public String variable() {
    return variable;
  }

  public int[] neurons() {
    return neurons.clone();
  }

  public int count() {
    return count;
  }

  public double time(int k) {
    return times[k];
  }

  /** Value of the monitored variable of the i-th monitored neuron at sample k (SI). */
  public double value(int i, int k) {
    return values[i][k];
  }
}
