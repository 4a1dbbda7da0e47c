package org.neuristor.network;

import java.util.Arrays;
import java.util.List;
import org.neuristor.NeuristorException;

/**
 * Poisson rate encoder: neuron i emits a spike in a step of length dt with probability
 * {@code rate_i dt} (Bernoulli approximation of a Poisson process, valid for rate dt &lt;&lt; 1). The
 * uniform draw is a counter-based function of (seed, population, neuron, step) so spikes do not
 * depend on threads. Rates (Hz) may be changed between runs, e.g. one image per presentation.
 */
public final class PoissonPopulation extends Population {
  final double[] ratesHz;
  private long seed;
  private long stream;

  public PoissonPopulation(String name, int size, double rateHz) {
    super(name, size);
    if (!(rateHz >= 0)) {
      throw NeuristorException.input("population '" + name + "': rate must be >= 0 Hz, got " + rateHz);
    }
    ratesHz = new double[size];
    Arrays.fill(ratesHz, rateHz);
  }

  /** Per-neuron rates (Hz), live: write into it to change the input. */
  public double[] rates() {
    return ratesHz;
  }

  /** Changes the stream of draws (e.g. one per presented sample) without touching the rates. */
  public void reseed(long newSeed) {
    this.seed = newSeed;
  }

  @Override
  public boolean acceptsInput() {
    return false;
  }

  @Override
  public List<String> variables() {
    return List.of("rate");
  }

  @Override
  public double variable(String variable, int i) {
    return ratesHz[i];
  }

  @Override
  protected void initialize(long seed, double dt) {
    this.seed = seed;
    this.stream = (long) index << 32;
  }

  @Override
  protected int update(int from, int to, long step, double dt, int[] out) {
    int n = 0;
    for (int i = from; i < to; i++) {
      double pr = ratesHz[i] * dt;
      if (pr > 0 && CounterRng.uniform(seed, stream | i, step) < pr) {
        out[n++] = i;
      }
    }
    return n;
  }
}
