package org.neuristor.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Element;

/**
 * Everything declared about one device model type, next to its equations (each device class holds
 * its {@code TYPE}): the parameters as data, named presets, cross-parameter checks, the factory,
 * how the contract test probes it and how the robustness corpus draws random circuits with it.
 * {@link DeviceRegistry} only lists these; netlists ({@code .model m <type> (...)}), {@code device
 * describe}, the docs tables, the corpus and the contract tests are all generated from them.
 *
 * @param type netlist type name (lower case), e.g. {@code ts}
 * @param description one-line summary
 * @param reference literature reference
 * @param parameters declared parameters (defaults, units, ranges)
 * @param presets named parameter sets (values override defaults; the user's values override presets)
 * @param check cross-parameter validation on the resolved set (throws ModelParameterException)
 * @param factory builds the element from a resolved, validated, variability-sampled parameter set
 * @param probe where the contract test probes the device
 * @param corpus how the robustness corpus draws a random circuit with the device
 */
public record ModelType(String type, String description, String reference, List<ParameterSpec> parameters,
    Map<String, Map<String, Double>> presets, Consumer<Map<String, Double>> check, Factory factory, Probe probe,
    Corpus corpus) {

  /** Builds an element from resolved parameters (all declared names present). */
  @FunctionalInterface
  public interface Factory {
    Element create(String instance, List<String> nodes, Map<String, Double> params, long seed);
  }

  /**
   * Where the contract test ({@code DeviceContractTest}) evaluates the device: its parameters (a
   * preset), the largest terminal voltage and the range of each internal unknown.
   *
   * @param params parameters (may contain {@code preset})
   * @param voltageScale largest terminal voltage magnitude to probe (V)
   * @param stateRanges {lo, hi} of each internal unknown in order; missing ones are [0, 1]
   */
  public record Probe(Map<String, Object> params, double voltageScale, List<double[]> stateRanges) {
    /** Range {lo, hi} of internal unknown k (0-based among the internal ones). */
    public double[] stateRange(int k) {
      return k < stateRanges.size() ? stateRanges.get(k).clone() : new double[] {0, 1};
    }
  }

  /**
   * One random circuit of the robustness corpus: device parameters (validated by the registry) and
   * the 1TS-1C test bench around it (V_in -> R_in -> node m; C and the device from m to ground).
   */
  public record CorpusDraw(Map<String, Double> params, double vinVolts, double rinOhm, double capFarads,
      double tstopSeconds) {}

  /** Draws corpus circuits for this device from physical ranges. */
  @FunctionalInterface
  public interface Corpus {
    CorpusDraw draw(SplittableRandom r);
  }

  /** Log-uniform draw in [lo, hi]. */
  public static double logU(SplittableRandom r, double lo, double hi) {
    return lo * Math.exp(r.nextDouble() * Math.log(hi / lo));
  }

  /** Uniform draw in [lo, hi]. */
  public static double u(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /**
   * A type declared with its parameters, presets, check and factory; probed at its first preset
   * within 1 V and states in [0, 1], and drawn into the corpus by {@link #defaultCorpus}.
   */
  public static ModelType of(String type, String description, String reference, List<ParameterSpec> parameters,
      Map<String, Map<String, Double>> presets, Consumer<Map<String, Double>> check, Factory factory) {
    Map<String, Object> probe = presets.isEmpty() ? Map.of() : Map.of("preset", presets.keySet().iterator().next());
    ModelType t = new ModelType(type, description, reference, List.copyOf(parameters), presets, check, factory,
        new Probe(probe, 1, List.of()), null);
    return t.withCorpus(t.defaultCorpus());
  }

  /** This type probed by the contract test at {@code params} within {@code voltageScale}, states in the ranges. */
  public ModelType withProbe(Map<String, Object> params, double voltageScale, double[]... stateRanges) {
    return new ModelType(type, description, reference, parameters, presets, check, factory,
        new Probe(params, voltageScale, List.of(stateRanges)), corpus);
  }

  /** This type with its own corpus recipe. */
  public ModelType withCorpus(Corpus recipe) {
    return new ModelType(type, description, reference, parameters, presets, check, factory, probe, recipe);
  }

  /** The declared parameter of that name, or null. */
  public ParameterSpec parameter(String name) {
    for (ParameterSpec p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The corpus recipe of a type that declares none: its defaults (first preset applied) with the
   * voltages and times spread by +-30% and the resistances by a factor up to 2 either way, in a
   * bench of V_in 0.2-3 V, R_in 1k-100k, C 1p-1n for 20 RC (0.1 us to 1 ms); a draw that breaks the
   * type's cross-parameter checks falls back to the defaults.
   */
  public Corpus defaultCorpus() {
    return r -> {
      Map<String, Double> base = new LinkedHashMap<>();
      for (ParameterSpec p : parameters) {
        base.put(p.name(), p.defaultValue());
      }
      if (!presets.isEmpty()) {
        base.putAll(presets.values().iterator().next());
      }
      Map<String, Double> p = new LinkedHashMap<>();
      for (ParameterSpec s : parameters) {
        double v = base.get(s.name());
        if (s.spread() == ParameterSpec.Spread.NORMAL) {
          p.put(s.name(), Math.min(Math.max(v * u(r, 0.7, 1.3), s.min()), s.max()));
        } else if (s.spread() == ParameterSpec.Spread.LOGNORMAL) {
          p.put(s.name(), Math.min(Math.max(v * logU(r, 0.5, 2), s.min()), s.max()));
        }
      }
      double vin = u(r, 0.2, 3);
      double rin = logU(r, 1e3, 1e5);
      double cap = logU(r, 1e-12, 1e-9);
      Map<String, Double> all = new LinkedHashMap<>(base);
      all.putAll(p);
      try {
        check.accept(all);
      } catch (RuntimeException e) {
        p = Map.of();
      }
      return new CorpusDraw(Map.copyOf(p), vin, rin, cap, Math.min(Math.max(20 * rin * cap, 1e-7), 1e-3));
    };
  }

  /** The two device-to-device parameters every type declares last. */
  static List<ParameterSpec> withVariability(List<ParameterSpec> own) {
    List<ParameterSpec> l = new ArrayList<>(own);
    l.add(ParameterSpec.of("d2d_v", "-", 0, 0, 0.5, "device-to-device relative sigma of voltages and times"));
    l.add(ParameterSpec.of("d2d_r", "-", 0, 0, 2, "device-to-device log-normal sigma of resistances"));
    return List.copyOf(l);
  }
}
