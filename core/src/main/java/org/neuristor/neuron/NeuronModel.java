package org.neuristor.neuron;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;

/**
 * A neuron model with all parameter values fixed and validated: one of the {@link ModelKind}s plus
 * a value for each of its declared parameters (defaults unless overridden). Immutable; create
 * kernels with {@link #kernel}.
 *
 * <p>Validation (each failure is a {@link ModelParameterException} naming the parameter): every
 * value inside its declared range (so a negative capacitance or a negative refractory period is
 * refused), plus the cross-parameter conditions the dynamics need (threshold above reset for IF and
 * LIF, V_peak above V_T for AdEx, v_peak above c for Izhikevich).
 *
 * @param kind the model
 * @param values parameter values by name, in declaration order, in the declared units
 */
public record NeuronModel(ModelKind kind, Map<String, Double> values) {

  public NeuronModel {
    Map<String, Double> all = new LinkedHashMap<>();
    for (ParameterSpec p : kind.parameters()) {
      all.put(p.name(), p.defaultValue());
    }
    for (Map.Entry<String, Double> e : values.entrySet()) {
      ParameterSpec p = kind.parameter(e.getKey());
      all.put(p.name(), e.getValue());
    }
    for (ParameterSpec p : kind.parameters()) {
      p.check(kind.cliName(), all.get(p.name()));
    }
    values = Collections.unmodifiableMap(all);
    crossCheck(kind, values);
  }

  /** The model with its default parameters. */
  public static NeuronModel of(ModelKind kind) {
    return new NeuronModel(kind, Map.of());
  }

  /** The model with the given overrides (names as declared). */
  public static NeuronModel of(ModelKind kind, Map<String, Double> overrides) {
    return new NeuronModel(kind, overrides);
  }

  /** A copy with one parameter changed. */
  public NeuronModel with(String name, double value) {
    Map<String, Double> m = new LinkedHashMap<>(values);
    m.put(kind.parameter(name).name(), value);
    return new NeuronModel(kind, m);
  }

  /** A copy with several parameters changed. */
  public NeuronModel with(Map<String, Double> overrides) {
    Map<String, Double> m = new LinkedHashMap<>(values);
    for (Map.Entry<String, Double> e : overrides.entrySet()) {
      m.put(kind.parameter(e.getKey()).name(), e.getValue());
    }
    return new NeuronModel(kind, m);
  }

  /** Value of a declared parameter in its declared unit. */
  public double get(String name) {
    Double v = values.get(name);
    if (v == null) {
      kind.parameter(name); // throws naming it
    }
    return v;
  }

  /**
   * Checks a step size for a method; throws {@link ModelParameterException} for parameter
   * {@code dt} (or {@code method}) when the method is not offered or dt exceeds its stable limit.
   */
  public void checkStep(Method method, double dtMs) {
    if (!kind.methods().contains(method)) {
      throw new ModelParameterException("method", String.format(Locale.ROOT, "%s: method %s is not available (use %s)",
          kind.cliName(), method.cliName(), kind.methods().stream().map(Method::cliName).toList()));
    }
    if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
      throw new ModelParameterException("dt", kind.cliName() + ": time step must be > 0, got " + dtMs + " ms");
    }
    double max = kind.maxDtMs(method, this);
    if (dtMs > max) {
      throw new ModelParameterException("dt", String.format(Locale.ROOT,
          "%s: time step dt = %s ms exceeds the stable limit %s ms of method %s", kind.cliName(),
          ParameterSpec.fmt(dtMs), ParameterSpec.fmt(max), method.cliName()));
    }
  }

  /**
   * A kernel of {@code n} identical neurons, initialized for steps of {@code dtMs} and at its
   * initial state (SI inside; see {@link NeuronKernel}).
   *
   * @param n number of neurons (>= 1)
   * @param dtMs time step (ms), checked against the method's stable limit
   * @param method integration method (one of {@link ModelKind#methods()})
   * @param noise noise sources ({@link Noise#NONE} for none)
   * @param seed seed of the kernel's random stream
   */
  public NeuronKernel kernel(int n, double dtMs, Method method, Noise noise, long seed) {
    NeuronKernel k = uninitializedKernel(n, method, noise);
    checkStep(method, dtMs);
    k.initialize(dtMs * 1e-3, seed);
    return k;
  }

  /**
   * A kernel of {@code n} neurons whose step its owner sets with {@link NeuronKernel#initialize}
   * (a network does, with its own dt); the method and noise are checked here.
   */
  public NeuronKernel uninitializedKernel(int n, Method method, Noise noise) {
    if (n < 1) {
      throw new ModelParameterException("n", "population size must be >= 1, got " + n);
    }
    if (!kind.methods().contains(method)) {
      throw new ModelParameterException("method", String.format(Locale.ROOT, "%s: method %s is not available (use %s)",
          kind.cliName(), method.cliName(), kind.methods().stream().map(Method::cliName).toList()));
    }
    ModelDescriptor d = kind.descriptor();
    if (noise.hasWhite() && !d.acceptsWhiteNoise()) {
      throw new ModelParameterException("noise", kind.cliName()
          + ": white membrane noise is defined for the LIF only (use ou current noise)");
    }
    if (noise.hasEscape() && !d.acceptsEscapeNoise()) {
      throw new ModelParameterException("noise", kind.cliName()
          + ": escape noise needs a threshold model (if, lif); this model generates spikes by its dynamics");
    }
    return d.kernel(this, n, method, noise);
  }

  /** A kernel with the default method and no noise. */
  public NeuronKernel kernel(int n, double dtMs) {
    return kernel(n, dtMs, kind.defaultMethod(), Noise.NONE, 0);
  }

  private static void crossCheck(ModelKind kind, Map<String, Double> v) {
    kind.descriptor().check(v);
  }
}
