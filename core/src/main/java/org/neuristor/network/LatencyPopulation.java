package org.neuristor.network;

import java.util.List;

/**
 * Latency (time-to-first-spike) encoder: an input value x_i in [0, 1] makes neuron i fire once,
 * at {@code t_i = t_max (1 - x_i)} after the start of each presentation period (strong inputs fire
 * early); x_i = 0 never fires. Deterministic.
 */
public final class LatencyPopulation extends Population {
  final double[] values;
  private final double tMaxSeconds;
  private final double periodSeconds;
  private int[] spikeStep;
  private long periodSteps;

  /**
   * @param tMaxSeconds latency of the weakest non-zero input (s)
   * @param periodSeconds presentation period (s); the pattern repeats every period
   */
  public LatencyPopulation(String name, int size, double tMaxSeconds, double periodSeconds) {
    super(name, size);
    this.values = new double[size];
    this.tMaxSeconds = tMaxSeconds;
    this.periodSeconds = periodSeconds;
  }

  /** Input values in [0, 1], live; call {@link #refresh(double)} after changing them. */
  public double[] values() {
    return values;
  }

  @Override
  public boolean acceptsInput() {
    return false;
  }

  @Override
  public List<String> variables() {
    return List.of("value");
  }

  @Override
  public double variable(String variable, int i) {
    return values[i];
  }

  /** Recomputes the spike steps from the values. */
  public void refresh(double dt) {
    if (spikeStep == null) {
      spikeStep = new int[size];
    }
    for (int i = 0; i < size; i++) {
      double x = Math.min(Math.max(values[i], 0), 1);
      spikeStep[i] = x > 0 ? (int) Math.round(tMaxSeconds * (1 - x) / dt) : -1;
    }
    periodSteps = Math.max(1, Math.round(periodSeconds / dt));
  }

  @Override
  protected void initialize(long seed, double dt) {
    refresh(dt);
  }

  @Override
  protected int update(int from, int to, long step, double dt, int[] out) {
    long phase = step % periodSteps;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (spikeStep[i] == phase) {
        out[n++] = i;
      }
    }
    return n;
  }
}
