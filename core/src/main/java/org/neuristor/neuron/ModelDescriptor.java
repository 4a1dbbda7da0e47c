package org.neuristor.neuron;

import java.util.List;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;

/**
 * Everything about one biological neuron model, declared next to its equations (one model, one
 * file: {@link IntegrateAndFire}, {@link LeakyIntegrateAndFire}, {@link HodgkinHuxley},
 * {@link AdaptiveExponential}, {@link Izhikevich}): its parameters as data, current units, the
 * integration methods its kernel offers with their stable step limits, the default step, the default
 * stimulus of {@code model run}, the input range of {@code model fi}, which noise terms it accepts,
 * its cross-parameter checks and the {@link NeuronKernel} factory. {@link ModelKind} lists the
 * models, one line each; nothing else branches on the model.
 *
 * <p>Parameter values are in the conventional units of the published equations (mV, ms, nA, pA,
 * nS, uA/cm^2, ...), as {@code model describe} shows them; kernels convert them to SI once.
 */
public abstract class ModelDescriptor {
  private final String cliName;
  private final String title;
  private final String reference;
  private final String currentUnit;
  private final String currentSiUnit;
  private final double currentToSi;
  private final List<ParameterSpec> parameters;
  private final List<Method> methods;
  private final double defaultDtMs;

  /**
   * @param cliName command-line name ({@code adex})
   * @param title one-line description with the equations
   * @param reference literature reference
   * @param currentUnit unit of input currents in model files and stimuli ({@code pA})
   * @param currentSiUnit SI unit of the kernel's input ({@code A}, {@code A/m2}, {@code 1})
   * @param currentToSi factor from {@code currentUnit} to {@code currentSiUnit}
   * @param parameters declared parameters, in documentation order
   * @param methods integration methods; the first is the default
   * @param defaultDtMs default step (ms)
   */
  protected ModelDescriptor(String cliName, String title, String reference, String currentUnit, String currentSiUnit,
      double currentToSi, List<ParameterSpec> parameters, List<Method> methods, double defaultDtMs) {
    this.cliName = cliName;
    this.title = title;
    this.reference = reference;
    this.currentUnit = currentUnit;
    this.currentSiUnit = currentSiUnit;
    this.currentToSi = currentToSi;
    this.parameters = List.copyOf(parameters);
    this.methods = List.copyOf(methods);
    this.defaultDtMs = defaultDtMs;
  }

  public final String cliName() {
    return cliName;
  }

  public final String title() {
    return title;
  }

  public final String reference() {
    return reference;
  }

  public final String currentUnit() {
    return currentUnit;
  }

  public final String currentSiUnit() {
    return currentSiUnit;
  }

  public final double currentToSi() {
    return currentToSi;
  }

  public final List<ParameterSpec> parameters() {
    return parameters;
  }

  public final List<Method> methods() {
    return methods;
  }

  public final double defaultDtMs() {
    return defaultDtMs;
  }

  /** Largest stable step (ms) of {@code method} for the parameter values {@code m}. */
  public abstract double maxDtMs(Method method, NeuronModel m);

  /** Cross-parameter conditions the dynamics need; throws {@code ModelParameterException}. */
  public void check(Map<String, Double> values) {}

  /**
   * The check every spiking model makes: the parameter (mV) named last in {@code upper} must lie
   * above the one named last in {@code lower}, else "MODEL: UPPER = x mV must lie above LOWER = y mV"
   * (e.g. {@code requireAbove(v, "threshold v_th", "the reset v_reset")}).
   */
  protected final void requireAbove(Map<String, Double> v, String upper, String lower) {
    String hi = upper.substring(upper.lastIndexOf(' ') + 1);
    String lo = lower.substring(lower.lastIndexOf(' ') + 1);
    if (!(v.get(hi) > v.get(lo))) {
      throw new ModelParameterException(hi, cliName + ": " + upper + " = " + v.get(hi)
          + " mV must lie above " + lower + " = " + v.get(lo) + " mV");
    }
  }

  /** Amplitude (model current unit) of the default stimulus of {@code model run}: a step from 10 ms. */
  public abstract double defaultStimulusAmplitude();

  /** Upper end (model current unit) of the default input range of {@code model fi}. */
  public abstract double fiMaxInput();

  /** Simulated time per input of {@code model fi} (ms). */
  public double fiDurationMs() {
    return 1000;
  }

  /** Parameter values {@code model fi} uses unless the user sets them (e.g. a lower spike level). */
  public Map<String, Double> fiDefaults() {
    return Map.of();
  }

  /** Whether white membrane noise is defined for this model. */
  public boolean acceptsWhiteNoise() {
    return false;
  }

  /** Whether escape noise (a stochastic threshold) is defined for this model. */
  public boolean acceptsEscapeNoise() {
    return false;
  }

  /**
   * Membrane value (mV) drawn in a recorded trace in the step where the neuron fires, so plots show
   * the spike (v_th or v_peak); NaN when the trajectory itself shows it.
   */
  public double spikeMarkMv(NeuronModel m) {
    return Double.NaN;
  }

  /**
   * The parameter (mV) at which spike shapes are detected on the membrane trace, or null when
   * features come from the kernel's spike times alone.
   */
  public String spikeLevelParameter() {
    return null;
  }

  /** A kernel of {@code n} neurons (not yet initialized) for validated values, method and noise. */
  protected abstract NeuronKernel kernel(NeuronModel m, int n, Method method, Noise noise);
}
