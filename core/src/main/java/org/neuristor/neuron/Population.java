package org.neuristor.neuron;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A population of identical point neurons in structure-of-arrays form ({@code double[] v, w, ...}),
 * advanced by one kernel per model with a fixed step. The caller writes each neuron's external
 * current into {@link #input} (model current unit, held over the step), calls {@link #step()}, and
 * reads the spikes of that step with {@link #spikeCount()}, {@link #spikeNeuron(int)} and
 * {@link #spikeTimeMs(int)}.
 *
 * <p>The step allocates nothing: state arrays, noise state and the spike buffer are allocated at
 * construction (the spike buffer only grows in the rare step where more spikes occur than ever
 * before). Noise comes from one {@link SplittableRandom} per population, seeded explicitly and
 * drawn in neuron order, so a run reproduces bit for bit with the same seed.
 *
 * <p>Time is in ms, potentials in mV, currents in the model's unit ({@link ModelKind#currentUnit()}).
 */
public abstract class Population {
  protected final NeuronModel model;
  protected final int n;
  protected final double dtMs;
  protected final Method method;
  protected final Noise noise;
  protected final SplittableRandom rng;

  /** Membrane potential of each neuron (mV). */
  public final double[] v;

  /** External input current of each neuron for the next step (model current unit). */
  public final double[] input;

  /** OU current-noise state (model current unit), or null without OU noise. */
  protected final double[] ou;

  private final double ouDecay;
  private final double ouKick;
  private int[] spikeNeuron;
  private double[] spikeTime;
  private int spikeCount;
  private long steps;

  protected Population(NeuronModel model, int n, double dtMs, Method method, Noise noise, long seed) {
    this.model = model;
    this.n = n;
    this.dtMs = dtMs;
    this.method = method;
    this.noise = noise;
    this.rng = new SplittableRandom(seed);
    this.v = new double[n];
    this.input = new double[n];
    this.spikeNeuron = new int[Math.max(16, n / 8)];
    this.spikeTime = new double[spikeNeuron.length];
    if (noise.hasOu()) {
      ou = new double[n];
      ouDecay = Math.exp(-dtMs / noise.ouTauMs());
      ouKick = noise.ouSigma() * Math.sqrt(-Math.expm1(-2 * dtMs / noise.ouTauMs()));
      for (int i = 0; i < n; i++) {
        ou[i] = noise.ouMean() + noise.ouSigma() * rng.nextGaussian(); // stationary start
      }
    } else {
      ou = null;
      ouDecay = 0;
      ouKick = 0;
    }
  }

  /** Advances every neuron by one step of {@link #dtMs()}. */
  public final void step() {
    spikeCount = 0;
    double t0 = steps * dtMs;
    if (ou != null) {
      double mu = noise.ouMean();
      for (int i = 0; i < n; i++) {
        ou[i] = mu + (ou[i] - mu) * ouDecay + ouKick * rng.nextGaussian();
      }
    }
    advance(t0);
    steps++;
  }

  /** The kernel: advance all neurons from {@code t0Ms} to {@code t0Ms + dtMs}, emitting spikes. */
  protected abstract void advance(double t0Ms);

  /** Total input of neuron i this step: external plus OU noise. */
  protected final double drive(int i) {
    return ou == null ? input[i] : input[i] + ou[i];
  }

  /** Records a spike of neuron {@code i} at absolute time {@code tMs}. */
  protected final void emit(int i, double tMs) {
    if (spikeCount == spikeNeuron.length) {
      spikeNeuron = Arrays.copyOf(spikeNeuron, 2 * spikeCount);
      spikeTime = Arrays.copyOf(spikeTime, 2 * spikeCount);
    }
    spikeNeuron[spikeCount] = i;
    spikeTime[spikeCount] = tMs;
    spikeCount++;
  }

  /** Number of spikes in the last step. */
  public final int spikeCount() {
    return spikeCount;
  }

  /** Neuron index of spike {@code k} of the last step. */
  public final int spikeNeuron(int k) {
    return spikeNeuron[k];
  }

  /** Time (ms) of spike {@code k} of the last step (within the step for event-precise methods). */
  public final double spikeTimeMs(int k) {
    return spikeTime[k];
  }

  /** Time (ms) reached: steps taken times dt. */
  public final double timeMs() {
    return steps * dtMs;
  }

  public final int size() {
    return n;
  }

  public final double dtMs() {
    return dtMs;
  }

  public final Method method() {
    return method;
  }

  public final NeuronModel model() {
    return model;
  }

  /**
   * The state variables with their SI conversion: membrane first, then the model's own
   * (w, u, m, h, n, refractory time left, OU current). The arrays are live views.
   */
  public abstract List<StateVariable> stateVariables();

  /** The OU state as a state variable, if present. */
  protected final void addNoiseState(List<StateVariable> out) {
    if (ou != null) {
      out.add(new StateVariable("i_noise", model.kind().currentSiUnit(), model.kind().currentToSi(), ou));
    }
  }

  /**
   * One state variable of a population.
   *
   * @param name short name ({@code v}, {@code w}, {@code m})
   * @param siUnit SI unit after multiplying by {@code toSi}
   * @param toSi factor from the kernel's unit to SI
   * @param values live per-neuron values in the kernel's unit
   */
  public record StateVariable(String name, String siUnit, double toSi, double[] values) {}
}
