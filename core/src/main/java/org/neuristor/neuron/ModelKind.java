package org.neuristor.neuron;

import java.util.List;
import java.util.Locale;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;

/**
 * The biological point-neuron models, one line each. Everything about a model (parameters as data,
 * units, methods and their step limits, defaults, kernel) is declared in its own class, a
 * {@link ModelDescriptor}; this enum only lists them and gives them a stable identity. Adding a
 * model is one class and one line here.
 *
 * <p>Units follow the original papers as collected in physics.md section 2 (mV and ms everywhere;
 * currents in nA, pA, uA/cm^2 or Izhikevich's dimensionless I); kernels, traces and command-line
 * output are SI.
 */
public enum ModelKind {
  /** Perfect integrate-and-fire, physics.md 2.1. */
  IF(new IntegrateAndFire()),
  /** Leaky integrate-and-fire, physics.md 2.2. */
  LIF(new LeakyIntegrateAndFire()),
  /** Hodgkin-Huxley squid axon, modern convention, physics.md 2.3. */
  HH(new HodgkinHuxley()),
  /** Adaptive exponential integrate-and-fire, physics.md 2.4. */
  ADEX(new AdaptiveExponential()),
  /** Izhikevich's simple model, physics.md 2.5. */
  IZHIKEVICH(new Izhikevich());

  private final ModelDescriptor descriptor;

  ModelKind(ModelDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** Everything declared about the model. */
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** Command-line name ({@code lif}). */
  public String cliName() {
    return descriptor.cliName();
  }

  /** One-line description with the equations. */
  public String title() {
    return descriptor.title();
  }

  /** Unit of input currents ({@code nA}, {@code pA}, {@code uA/cm2}, {@code 1}). */
  public String currentUnit() {
    return descriptor.currentUnit();
  }

  /** Factor from the current unit to SI (A, or A/m^2 for HH; 1 for Izhikevich's dimensionless I). */
  public double currentToSi() {
    return descriptor.currentToSi();
  }

  /** SI unit of currents after {@link #currentToSi()}: the kernel's input unit. */
  public String currentSiUnit() {
    return descriptor.currentSiUnit();
  }

  public String reference() {
    return descriptor.reference();
  }

  /** Declared parameters, in the order they are documented. */
  public List<ParameterSpec> parameters() {
    return descriptor.parameters();
  }

  /** Supported integration methods; the first is the default. */
  public List<Method> methods() {
    return descriptor.methods();
  }

  public Method defaultMethod() {
    return methods().get(0);
  }

  /** Default step (ms): accurate enough for physics.md's tolerances with the default method. */
  public double defaultDtMs() {
    return descriptor.defaultDtMs();
  }

  /** Largest step (ms) the method is stable with for these parameters (see each model's class). */
  public double maxDtMs(Method method, NeuronModel p) {
    return descriptor.maxDtMs(method, p);
  }

  /** The declared parameter {@code name}, or a {@link ModelParameterException} listing the known ones. */
  public ParameterSpec parameter(String name) {
    String k = name.trim().toLowerCase(Locale.ROOT);
    for (ParameterSpec p : parameters()) {
      if (p.name().equals(k)) {
        return p;
      }
    }
    throw new ModelParameterException(k, cliName() + ": unknown parameter '" + name + "'; known: "
        + parameters().stream().map(ParameterSpec::name).toList());
  }

  /** The command-line names of every model, comma-separated. */
  public static String names() {
    return String.join(", ", java.util.Arrays.stream(values()).map(ModelKind::cliName).toList());
  }

  /** Looks a model up by its command-line name (case-insensitive). */
  public static ModelKind parse(String name) {
    for (ModelKind k : values()) {
      if (k.cliName().equalsIgnoreCase(name.trim())) {
        return k;
      }
    }
    throw new ModelParameterException("model", "unknown neuron model '" + name + "' (" + names() + ")");
  }
}
