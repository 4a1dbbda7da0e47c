package org.neuristor.netlist;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes the control commands make to a netlist before it is compiled again: {@code alterparam}
 * (top-level parameters), {@code alter} (an element's value: resistance, capacitance, inductance, a
 * source's DC value or transient function) and {@code altermod} (model parameters).
 *
 * @param params top-level parameter values by name
 * @param elements element values by flattened element name
 * @param models model parameters by model name, then parameter name
 * @param functions a source's new transient function ({@code alter @v1[sin] [0 3 1.1e8]}) by flattened name
 */
public record Overrides(Map<String, Double> params, Map<String, Double> elements,
    Map<String, Map<String, Double>> models, Map<String, Function> functions) {
  public static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of(), Map.of());

  /** A transient function of a V or I source: its kind (pulse, sin, exp, pwl) and values. */
  public record Function(String kind, java.util.List<Double> values) {}

  public Overrides(Map<String, Double> params, Map<String, Double> elements, Map<String, Map<String, Double>> models) {
    this(params, elements, models, Map.of());
  }

  public Overrides withFunction(String source, String kind, java.util.List<Double> values) {
    Map<String, Function> f = new LinkedHashMap<>(functions);
    f.put(source, new Function(kind, java.util.List.copyOf(values)));
    return new Overrides(params, elements, models, f);
  }

  public Overrides withParam(String name, double v) {
    Map<String, Double> p = new LinkedHashMap<>(params);
    p.put(name, v);
    return new Overrides(p, elements, models, functions);
  }

  public Overrides withElement(String name, double v) {
    Map<String, Double> e = new LinkedHashMap<>(elements);
    e.put(name, v);
    return new Overrides(params, e, models, functions);
  }

  public Overrides withModel(String model, String param, double v) {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>(models);
    Map<String, Double> q = new LinkedHashMap<>(m.getOrDefault(model, Map.of()));
    q.put(param, v);
    m.put(model, q);
    return new Overrides(params, elements, m, functions);
  }
}
