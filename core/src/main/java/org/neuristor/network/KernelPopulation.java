package org.neuristor.network;

import java.util.ArrayList;
import java.util.List;
import org.neuristor.NeuristorException;
import org.neuristor.neuron.NeuronKernel;
import org.neuristor.neuron.Spikes;
import org.neuristor.neuron.StateVariable;

/**
 * The network adapter for any {@link NeuronKernel}: a biological model ({@code model: hh}, ...) or a
 * library circuit's compact form ({@code circuit: pickett}, ...) becomes a population with synaptic
 * channels, delays and monitors. Each step, per neuron, it folds the arrivals into the channels
 * ({@link #gatherSynapses}), puts instantaneous (charge) synapses on the membrane capacitance
 * ({@code V += q/C}, then the kernel's floor), and hands the kernel the input
 *
 * <pre>
 *   I = sum_k g_k (E_k - V) + sum_m I_m + I_bias     (held over the step, V at its start)
 * </pre>
 *
 * in the kernel's input unit ({@link NeuronKernel#inputUnit()}: A, or A/m^2 for Hodgkin-Huxley, so
 * conductance weights are then S/m^2). Spikes keep the kernel's own time inside the step
 * ({@link SpikeMonitor#time}), so a neuron of a network fires at exactly the times a single run of
 * the same kernel gives; they reach targets in the next step, as every population's do. A neuron
 * that fires twice within one step is an error (a network step carries one spike per neuron).
 */
public class KernelPopulation extends Population {
  private final NeuronKernel kernel;
  private final double bias;
  private final double energyPerSpike;
  private final double[] input;
  private final double[] spikeTime;
  /** Step of each neuron's last spike (a second spike in the same step is an error). */
  private final long[] firedIn;
  private final List<StateVariable> vars;
  private int[] chunkStarts = {0};
  private Spikes[] chunkSpikes = {new Spikes(16)};
  private double dt = Double.NaN;
  private long seed;
  private LifPopulation.Init init;
  /** Turns the message of an error found while stepping into the exception thrown (see {@link #stepErrorsAt}). */
  private java.util.function.Function<String, NeuristorException> stepError = msg -> new NeuristorException(msg, 2);

  /**
   * @param kernel the neurons (not yet initialized: the network initializes it with its dt)
   * @param biasInput constant input of every neuron, in the kernel's input unit
   * @param energyPerSpikeJoules energy spent per spike (J), 0 when not defined
   */
  public KernelPopulation(String name, NeuronKernel kernel, double biasInput, double energyPerSpikeJoules) {
    super(name, kernel.size());
    this.kernel = kernel;
    this.bias = biasInput;
    this.energyPerSpike = energyPerSpikeJoules;
    this.input = new double[size];
    this.spikeTime = new double[size];
    this.firedIn = new long[size];
    java.util.Arrays.fill(firedIn, -1);
    this.vars = kernel.stateVariables();
    java.util.Arrays.fill(input, biasInput);
  }

  /**
   * Draws the initial membrane potentials (V) after the kernel's own initial state: constant,
   * uniform [a, b] or normal (mean a, sd b), seeded by the population's seed; returns this.
   */
  public KernelPopulation initialMembrane(LifPopulation.Init membrane) {
    this.init = membrane;
    return this;
  }

  /**
   * Where an error found while stepping (a neuron firing twice within one step) is reported: a network file points it
   * at its {@code dt}, the value to change ({@code file:line:col: message}); without it the message has no location.
   * Returns this.
   */
  public KernelPopulation stepErrorsAt(java.util.function.Function<String, NeuristorException> error) {
    this.stepError = java.util.Objects.requireNonNull(error);
    return this;
  }

  /** The kernel (live). */
  public NeuronKernel kernel() {
    return kernel;
  }

  @Override
  public double energyPerSpikeJoules() {
    return energyPerSpike;
  }

  @Override
  public List<String> variables() {
    List<String> l = new ArrayList<>();
    for (StateVariable v : vars) {
      l.add(v.name());
    }
    return l;
  }

  @Override
  public double variable(String variable, int i) {
    for (int k = 0; k < vars.size(); k++) {
      if (vars.get(k).name().equals(variable)) {
        return vars.get(k).values()[i];
      }
    }
    throw new IllegalArgumentException("no variable " + variable);
  }

  @Override
  boolean rangeSafe() {
    return kernel.rangeSafe();
  }

  @Override
  int chunkAlignment() {
    return Math.max(16, kernel.rangeAlignment());
  }

  @Override
  double spikeTime(int neuron, long step, double dt) {
    return spikeTime[neuron];
  }

  @Override
  void plan(int[] starts) {
    chunkStarts = starts.clone();
    chunkSpikes = new Spikes[starts.length];
    for (int c = 0; c < starts.length; c++) {
      int len = (c + 1 < starts.length ? starts[c + 1] : size) - starts[c];
      chunkSpikes[c] = new Spikes(Math.max(16, len / 8));
    }
  }

  @Override
  void allocate(double dtSeconds) {
    super.allocate(dtSeconds);
    this.dt = dtSeconds;
  }

  /**
   * Puts every neuron back in the kernel's initial state and clears the channels and their pending
   * arrivals (e.g. between presented samples).
   */
  public void resetState() {
    kernel.initialize(dt, seed);
    if (init != null) {
      init.draw(kernel.membrane(), new java.util.SplittableRandom(seed ^ 0x1D1DL));
    }
    for (Channel c : channels) {
      java.util.Arrays.fill(c.state, 0);
      if (c.ring != null) {
        java.util.Arrays.fill(c.ring, 0);
      }
    }
  }

  @Override
  protected void initialize(long seed, double dtSeconds) {
    this.seed = seed;
    this.dt = dtSeconds;
    resetState();
  }

  @Override
  protected int update(int from, int to, long step, double dtSeconds, int[] out) {
    gatherSynapses(from, to, step, dtSeconds);
    if (synG != null) {
      final double[] vm = kernel.membrane();
      final double invC = 1 / kernel.membraneCapacitance();
      final double floor = kernel.membraneFloor();
      for (int i = from; i < to; i++) {
        double vj = vm[i] + synJump[i] * invC;
        if (vj < floor) {
          vj = floor;
        }
        vm[i] = vj;
        input[i] = synGE[i] - synG[i] * vj + synI[i] + bias;
      }
    }
    Spikes s = chunkSpikes[chunk(from)];
    s.clear();
    double t = step * dtSeconds;
    kernel.step(from, to, t, dtSeconds, input, s);
    int n = s.count();
    for (int k = 0; k < n; k++) {
      int i = s.neuron(k);
      if (firedIn[i] == step) {
        throw stepError.apply("population '" + name + "': neuron " + i + " fired twice within one step of "
            + dtSeconds + " s at t = " + t + " s (a network step carries one spike per neuron: reduce dt)");
      }
      firedIn[i] = step;
      out[k] = i;
      spikeTime[i] = s.time(k);
    }
    return n;
  }

  private int chunk(int from) {
    int lo = 0;
    int hi = chunkStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (chunkStarts[mid] <= from) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
