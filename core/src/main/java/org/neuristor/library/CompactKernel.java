package org.neuristor.library;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
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
 */
public abstract class CompactKernel implements CompactNeuron, NeuronKernel {
  protected final int n;
  private final double[] vin;
  private final double[] offset;
  private DoubleUnaryOperator drive = t -> 0;
  private double settleSeconds;
  private List<StateVariable> vars;

  protected CompactKernel(int n) {
    this.n = n;
    this.vin = new double[n];
    this.offset = new double[n];
  }

  /** The state variables (SI), membrane node voltage first; arrays are live. */
  protected abstract List<StateVariable> declareStates();

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
    step(from, to, dt, vin, input, offset);
    for (int i = from; i < to; i++) {
      double o = offset[i];
      if (o == o) {
        out.add(i, t + o);
      }
    }
  }

  @Override
  public final void step(double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    step(0, n, dt, vin, isyn, spikeOffset);
  }
}
