package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Common part of the biological model kernels: the membrane array, the optional
 * Ornstein-Uhlenbeck current noise ({@link Noise}) and the random stream, all in SI.
 *
 * <p>OU noise: {@code I_n <- mu + (I_n - mu) e^{-dt/tau_n} + sigma sqrt(1 - e^{-2 dt/tau_n}) xi},
 * exact for the step, started from its stationary distribution, added to the input (held over the
 * step). One {@link SplittableRandom} per kernel, seeded by {@link #initialize}, drawn in neuron
 * order, so a run reproduces bit for bit with the same seed; such a kernel is not
 * {@link #rangeSafe()}.
 */
abstract class PointNeuronKernel implements NeuronKernel {
  protected final NeuronModel model;
  protected final int n;
  protected final Method method;
  protected final Noise noise;
  /** Membrane potentials (V). */
  protected final double[] v;
  /** OU current-noise state (SI input unit), or null without OU noise. */
  protected final double[] ou;
  protected SplittableRandom rng;
  protected double dt = Double.NaN;
  private double ouDecay;
  private double ouKick;
  private final double ouMean;
  private final double ouSigma;
  private final double ouTau;
  private List<StateVariable> vars;

  protected PointNeuronKernel(NeuronModel model, int n, Method method, Noise noise) {
    this.model = model;
    this.n = n;
    this.method = method;
    this.noise = noise;
    this.v = new double[n];
    double toSi = model.kind().currentToSi();
    this.ou = noise.hasOu() ? new double[n] : null;
    this.ouMean = noise.ouMean() * toSi;
    this.ouSigma = noise.ouSigma() * toSi;
    this.ouTau = noise.ouTauMs() * 1e-3;
  }

  @Override
  public final int size() {
    return n;
  }

  @Override
  public final double[] membrane() {
    return v;
  }

  @Override
  public final String inputUnit() {
    return model.kind().currentSiUnit();
  }

  /** The integration method the kernel runs. */
  public final Method method() {
    return method;
  }

  @Override
  public boolean rangeSafe() {
    return ou == null;
  }

  @Override
  public final void initialize(double dtSeconds, long seed) {
    this.dt = dtSeconds;
    this.rng = new SplittableRandom(seed);
    prepare(dtSeconds);
    resetState();
    if (ou != null) {
      ouDecay = Math.exp(-dtSeconds / ouTau);
      ouKick = ouSigma * Math.sqrt(-Math.expm1(-2 * dtSeconds / ouTau));
      for (int i = 0; i < n; i++) {
        ou[i] = ouMean + ouSigma * rng.nextGaussian(); // stationary start
      }
    }
  }

  /** Step-dependent constants (exact decay factors, noise kicks) for steps of {@code dt} seconds. */
  protected void prepare(double dtSeconds) {}

  /** Puts every neuron in the model's initial state (no random draws). */
  protected abstract void resetState();

  @Override
  public final void step(int from, int to, double t, double dtSeconds, double[] input, Spikes out) {
    if (ou != null) {
      for (int i = from; i < to; i++) {
        ou[i] = ouMean + (ou[i] - ouMean) * ouDecay + ouKick * rng.nextGaussian();
      }
    }
    advance(from, to, t, input, out);
  }

  /** The kernel proper: advance neurons [from, to) from {@code t} to {@code t + dt}, emitting spikes. */
  protected abstract void advance(int from, int to, double t, double[] input, Spikes out);

  /** Total input of neuron i this step: external plus OU noise (SI). */
  protected final double drive(double[] input, int i) {
    return ou == null ? input[i] : input[i] + ou[i];
  }

  @Override
  public final List<StateVariable> stateVariables() {
    if (vars == null) {
      List<StateVariable> l = new ArrayList<>();
      l.add(new StateVariable("v", "V", v));
      addStates(l);
      if (ou != null) {
        l.add(new StateVariable("i_noise", model.kind().currentSiUnit(), ou));
      }
      vars = List.copyOf(l);
    }
    return vars;
  }

  /** Adds the model's own state variables after the membrane ({@code w}, {@code m}, ...). */
  protected void addStates(List<StateVariable> out) {}
}
