package org.neuristor.neuron;

import static org.neuristor.neuron.ModelParameter.of;

import java.util.List;
import java.util.Locale;
import org.neuristor.ModelParameterException;

/**
 * The biological point-neuron models, each with its parameters declared once as data, its current
 * and voltage units, the integration methods its population kernel offers (the first is the
 * default) and the largest step those methods accept.
 *
 * <p>Units follow the original papers as collected in physics.md section 2 (mV and ms everywhere;
 * currents in nA, pA, uA/cm^2 or Izhikevich's dimensionless I); traces and command-line output
 * convert to SI at the edge.
 */
public enum ModelKind {
  /** Perfect integrate-and-fire, physics.md 2.1: {@code C dV/dt = I}. */
  IF("if", "perfect integrate-and-fire: C dV/dt = I, reset and refractory clamp", "nA",
      "physics.md 2.1; Lapicque (1907) as in Gerstner et al., Neuronal Dynamics (2014)",
      List.of(of("c", "nF", 1, 1e-6, 1e6, "membrane capacitance (physics.md 2.1 test value)"),
          of("v_th", "mV", -55, -200, 200, "threshold"),
          of("v_reset", "mV", -70, -200, 200, "reset and initial potential"),
          of("t_ref", "ms", 2, 0, 1e4, "absolute refractory period")),
      List.of(Method.EXACT)),

  /** Leaky integrate-and-fire, physics.md 2.2. */
  LIF("lif", "leaky integrate-and-fire: tau dV/dt = -(V - E_L) + R I, reset and refractory clamp", "nA",
      "physics.md 2.2; Gerstner et al., Neuronal Dynamics (Cambridge, 2014), ch. 1",
      List.of(of("tau_m", "ms", 10, 1e-6, 1e6, "membrane time constant R C"),
          of("e_l", "mV", -70, -200, 200, "resting (leak reversal) potential, initial potential"),
          of("v_th", "mV", -55, -200, 200, "threshold theta"),
          of("v_reset", "mV", -70, -200, 200, "reset potential"),
          of("t_ref", "ms", 2, 0, 1e4, "absolute refractory period"),
          of("r", "MOhm", 10, 1e-9, 1e9, "membrane resistance (physics.md default [D])")),
      List.of(Method.EXACT, Method.EXACT_GRID)),

  /** Hodgkin-Huxley squid axon, modern convention, physics.md 2.3. */
  HH("hh", "Hodgkin-Huxley squid-axon membrane (Na, K, leak), modern convention, rest -65 mV", "uA/cm2",
      "Hodgkin & Huxley, J. Physiol. 117, 500 (1952); physics.md 2.3",
      List.of(of("c", "uF/cm2", 1, 1e-6, 1e3, "membrane capacitance per area"),
          of("g_na", "mS/cm2", 120, 0, 1e5, "peak sodium conductance"),
          of("g_k", "mS/cm2", 36, 0, 1e5, "peak potassium conductance"),
          of("g_l", "mS/cm2", 0.3, 1e-9, 1e5, "leak conductance"),
          of("e_na", "mV", 50, -200, 200, "sodium reversal potential"),
          of("e_k", "mV", -77, -200, 200, "potassium reversal potential"),
          of("e_l", "mV", -54.387, -200, 200, "leak reversal (chosen so that rest = -64.996 mV)"),
          of("celsius", "degC", 6.3, -40, 60, "temperature; rates scale by 3^((T - 6.3)/10)"),
          of("v_spike", "mV", 0, -100, 100, "spike detection level (upward crossing)")),
      List.of(Method.RK4, Method.EXP_EULER)),

  /** Adaptive exponential integrate-and-fire, physics.md 2.4. */
  ADEX("adex", "adaptive exponential integrate-and-fire (Brette-Gerstner), regular-spiking set", "pA",
      "Brette & Gerstner, J. Neurophysiol. 94, 3637 (2005); physics.md 2.4",
      List.of(of("c", "pF", 281, 1e-6, 1e9, "membrane capacitance"),
          of("g_l", "nS", 30, 1e-9, 1e9, "leak conductance"),
          of("e_l", "mV", -70.6, -200, 200, "leak reversal, initial potential"),
          of("v_t", "mV", -50.4, -200, 200, "threshold slope-factor midpoint V_T"),
          of("delta_t", "mV", 2, 1e-3, 100, "slope factor Delta_T"),
          of("tau_w", "ms", 144, 1e-6, 1e9, "adaptation time constant"),
          of("a", "nS", 4, -1e6, 1e6, "subthreshold adaptation"),
          of("b", "pA", 80.5, -1e6, 1e6, "spike-triggered adaptation increment"),
          of("v_r", "mV", -70.6, -200, 200, "reset potential"),
          of("v_peak", "mV", 0, -200, 200, "numerical spike cut-off (physics.md: 0 mV)")),
      List.of(Method.RK2, Method.EULER)),

  /** Izhikevich's simple model, physics.md 2.5. */
  IZHIKEVICH("izhikevich", "Izhikevich simple model: dv/dt = k2 v^2 + k1 v + k0 - u + I, du/dt = a (b (v - v_u) - "
      + "u_leak u); v > v_peak: v = c, u += d", "1",
      "Izhikevich, IEEE TNN 14, 1569 (2003); 15, 1063 (2004); physics.md 2.5",
      List.of(of("a", "1/ms", 0.02, -10, 10, "recovery rate"),
          of("b", "1", 0.2, -10, 10, "sensitivity of u to v"),
          of("c", "mV", -65, -200, 200, "reset potential"),
          of("d", "1", 8, -1e3, 1e3, "reset increment of u (default: regular spiking)"),
          of("k2", "1/(mV ms)", 0.04, 1e-6, 10, "quadratic coefficient"),
          of("k1", "1/ms", 5, -100, 100, "linear coefficient (4.1 in patterns G, L)"),
          of("k0", "mV/ms", 140, -1e4, 1e4, "constant term (108 in patterns G, L)"),
          of("v_peak", "mV", 30, -100, 200, "spike cut-off (v > v_peak)"),
          of("v_u", "mV", 0, -200, 200, "offset of the u nullcline (-65 in pattern R)"),
          of("u_leak", "1", 1, 0, 10, "decay factor of u in du/dt (0 in pattern R)"),
          of("v0", "mV", -65, -200, 200, "initial v"),
          of("u0", "1", Double.NaN, -1e4, 1e4, "initial u (default b v0, as figure1.m)")),
      List.of(Method.AUTHOR_EULER, Method.EULER));

  private final String cliName;
  private final String title;
  private final String currentUnit;
  private final String reference;
  private final List<ModelParameter> parameters;
  private final List<Method> methods;

  ModelKind(String cliName, String title, String currentUnit, String reference, List<ModelParameter> parameters,
      List<Method> methods) {
    this.cliName = cliName;
    this.title = title;
    this.currentUnit = currentUnit;
    this.reference = reference;
    this.parameters = parameters;
    this.methods = methods;
  }

  /** Command-line name ({@code lif}). */
  public String cliName() {
    return cliName;
  }

  /** One-line description with the equations. */
  public String title() {
    return title;
  }

  /** Unit of input currents ({@code nA}, {@code pA}, {@code uA/cm2}, {@code 1}). */
  public String currentUnit() {
    return currentUnit;
  }

  /** Factor from the current unit to SI (A, or A/m^2 for HH; 1 for Izhikevich's dimensionless I). */
  public double currentToSi() {
    return switch (this) {
      case IF, LIF -> 1e-9;
      case ADEX -> 1e-12;
      case HH -> 1e-2; // 1 uA/cm^2 = 1e-6 A / 1e-4 m^2
      case IZHIKEVICH -> 1;
    };
  }

  /** SI unit of currents after {@link #currentToSi()}. */
  public String currentSiUnit() {
    return switch (this) {
      case HH -> "A/m2";
      case IZHIKEVICH -> "1";
      default -> "A";
    };
  }

  public String reference() {
    return reference;
  }

  /** Declared parameters, in the order they are documented. */
  public List<ModelParameter> parameters() {
    return parameters;
  }

  /** Supported integration methods; the first is the default. */
  public List<Method> methods() {
    return methods;
  }

  public Method defaultMethod() {
    return methods.get(0);
  }

  /** Default step (ms): accurate enough for physics.md's tolerances with the default method. */
  public double defaultDtMs() {
    return switch (this) {
      case IF, LIF -> 0.1;
      case HH -> 0.01;
      case ADEX -> 0.01;
      case IZHIKEVICH -> 0.25;
    };
  }

  /**
   * Largest step (ms) the method is stable with for these parameters.
   *
   * <ul>
   *   <li>IF, LIF exact: unconditionally stable (infinite).
   *   <li>HH RK4: 0.05 ms. The fastest membrane time constant during a spike, C/(g_Na m^3 h + g_K
   *       n^4 + g_L), is about 0.025 ms; RK4's real stability interval is 2.78.
   *   <li>HH exponential Euler: 0.1 ms (each update is an exact decay, but the frozen-V gate update
   *       becomes inaccurate enough beyond that to miss spikes).
   *   <li>AdEx RK2/Euler: a tenth of min(C/g_L, tau_w); explicit methods are stable on the linear part
   *       below twice that time constant and we want each to span >= 10 steps.
   *   <li>Izhikevich Euler: 1 ms (the author's network code uses two 0.5 ms substeps).
   * </ul>
   */
  public double maxDtMs(Method method, NeuronModel p) {
    return switch (this) {
      case IF, LIF -> Double.POSITIVE_INFINITY;
      case HH -> method == Method.RK4 ? 0.05 : 0.1;
      case ADEX -> 0.1 * Math.min(p.get("c") / p.get("g_l"), p.get("tau_w"));
      case IZHIKEVICH -> 1.0;
    };
  }

  /** The declared parameter {@code name}, or a {@link ModelParameterException} listing the known ones. */
  public ModelParameter parameter(String name) {
    String k = name.trim().toLowerCase(Locale.ROOT);
    for (ModelParameter p : parameters) {
      if (p.name().equals(k)) {
        return p;
      }
    }
    throw new ModelParameterException(k, cliName + ": unknown parameter '" + name + "'; known: "
        + parameters.stream().map(ModelParameter::name).toList());
  }

  /** Looks a model up by its command-line name (case-insensitive). */
  public static ModelKind parse(String name) {
    for (ModelKind k : values()) {
      if (k.cliName.equalsIgnoreCase(name.trim())) {
        return k;
      }
    }
    throw new ModelParameterException("model", "unknown neuron model '" + name + "' (if, lif, hh, adex, izhikevich)");
  }
}
