package org.neuristor.library;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.measure.SpikeDetector;
import org.neuristor.neuron.NeuronKernel;
import org.neuristor.neuron.Spikes;
import org.neuristor.neuron.StateVariable;

/**
 * Base of every library circuit's compact form: the circuit's state equations as a
 * {@link CompactNeuron} (input-source voltage and membrane current per neuron) and, with the
 * circuit's input source as a function of time ({@link #drive}), as a {@link NeuronKernel} (the
 * one neuron interface networks and runs use). In a kernel step the input source is sampled once
 * for every neuron, at the middle of the step, or at its end when the form {@link #rampsInput()};
 * the kernel's {@code input} is the extra current (A) into the membrane node, and each neuron's
 * spike time is the interpolated crossing the compact form reports.
 *
 * <p>Spikes follow the circuit's own rule, the one {@link NeuronCircuit#spikeDetector()} applies to a full
 * circuit's trace: every neuron's firing state is fed, sub-step by sub-step, to a {@link SpikeDetector.Trigger},
 * so a crossing of the spike level counts once the state goes on to the level plus the hysteresis, and the next
 * only after it has fallen below the level minus the hysteresis. The spike is reported in the step that confirms
 * it, timed at its level crossing (which may lie in an earlier step: a negative offset). A state resting near or
 * above its level, or dipping below it and back, emits nothing.
 */
public abstract class CompactKernel implements CompactNeuron, NeuronKernel {
  protected final int n;
  /** The spike rule's state machine, one stream per neuron; fed by {@link #spike} at every sub-step. */
  private final SpikeDetector.Trigger spikes;
  private final double[] vin;
  private final double[] offset;
  /** A second spike a step confirmed after its first (NaN: none), handed on so the network refuses the step. */
  private final double[] second;
  private DoubleUnaryOperator drive = t -> 0;
  private double settleSeconds;
  private List<StateVariable> vars;

  /** @param rule the circuit's spike detector (level and hysteresis of the firing state) */
  protected CompactKernel(int n, SpikeDetector rule) {
    this.n = n;
    this.spikes = rule.trigger(n);
    this.vin = new double[n];
    this.offset = new double[n];
    this.second = new double[n];
    java.util.Arrays.fill(second, Double.NaN);
  }

  /** The state variables (SI), membrane node voltage first; arrays are live. */
  protected abstract List<StateVariable> declareStates();

  /** Puts every neuron's state variables where the full circuit starts from. */
  protected abstract void resetStates();

  /** The live array of the firing state the spike rule watches (device state, film temperature, gate voltage). */
  protected abstract double[] spikeState();

  @Override
  public final void reset() {
    resetStates();
    double[] s = spikeState();
    for (int i = 0; i < n; i++) {
      spikes.start(i, s[i]);
    }
  }

  /**
   * Feeds neuron i's firing state over a sub-step, from {@code x0} at {@code t0} (s after the step's start) to
   * {@code x1} at {@code t0 + h}, to the spike rule; returns {@code spike} when it is already a time (the first
   * spike of a step stands), else the time of the crossing this sub-step confirms, or NaN. A second spike confirmed
   * in the same step is kept aside and reported by the kernel step too, so that a network refuses a dt longer than
   * the inter-spike interval instead of dropping spikes.
   */
  protected final double spike(int i, double spike, double t0, double h, double x0, double x1) {
    double s = spikes.next(i, t0, h, x0, x1);
    if (spike != spike) {
      return s;
    }
    if (s == s && second[i] != second[i]) {
      second[i] = s;
    }
    return spike;
  }

  /** Ends neuron i's step of {@code dt}: a crossing still pending is timed from the next step's start. */
  protected final void endStep(int i, double dt) {
    spikes.shift(i, dt);
  }

  @Override
  public final int size() {
    return n;
  }

  @Override
  public final List<StateVariable> stateVariables() {
    if (vars == null) {
      vars = List.copyOf(declareStates());
    }
    return vars;
  }

  @Override
  public final List<String> variables() {
    List<String> l = new ArrayList<>();
    for (StateVariable s : stateVariables()) {
      l.add(s.name());
    }
    return l;
  }

  @Override
  public final double[] state(String variable) {
    for (StateVariable s : stateVariables()) {
      if (s.name().equals(variable)) {
        return s.values();
      }
    }
    throw new IllegalArgumentException("no state variable '" + variable + "' (has " + variables() + ")");
  }

  @Override
  public final double[] membrane() {
    return stateVariables().get(0).values();
  }

  /** Sets the input-source voltage against time (V) the kernel step applies; returns this. */
  public CompactKernel drive(DoubleUnaryOperator volts) {
    this.drive = volts;
    return this;
  }

  /** The input-source voltage against time (V). */
  public DoubleUnaryOperator drive() {
    return drive;
  }

  /**
   * Relax for this long under the drive's value at t = 0 when initialized (the rest state the full
   * engine's operating point gives, for circuits that do not start from zero); returns this.
   */
  public CompactKernel settleOnInitialize(double seconds) {
    this.settleSeconds = seconds;
    return this;
  }

  @Override
  public void initialize(double dtSeconds, long seed) {
    reset();
    if (settleSeconds > 0) {
      settle(drive.applyAsDouble(0), settleSeconds);
    }
  }

  @Override
  public final void step(int from, int to, double t, double dt, double[] input, Spikes out) {
    double u = drive.applyAsDouble(rampsInput() ? t + dt : t + 0.5 * dt);
    for (int i = from; i < to; i++) {
      vin[i] = u;
    }
    java.util.Arrays.fill(second, from, to, Double.NaN);
    step(from, to, dt, vin, input, offset);
    for (int i = from; i < to; i++) {
      double o = offset[i];
      if (o == o) {
        out.add(i, t + o);
        double o2 = second[i];
        if (o2 == o2) {
          out.add(i, t + o2);
        }
      }
    }
  }

  @Override
  public final void step(double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    step(0, n, dt, vin, isyn, spikeOffset);
  }
}
