package org.neuristor.netlist;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes the control commands make to a netlist before it is compiled again: {@code alterparam}
 * (top-level parameters), {@code alter} (an element's value: resistance, capacitance, inductance, a
 * source's DC value) and {@code altermod} (model parameters).
 *
 * @param params top-level parameter values by name
 * @param elements element values by flattened element name
 * @param models model parameters by model name, then parameter name
 */
public record Overrides(Map<String, Double> params, Map<String, Double> elements,
    Map<String, Map<String, Double>> models) {
  public static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of());

  public Overrides withParam(String name, double v) {
    Map<String, Double> p = new LinkedHashMap<>(params);
    p.put(name, v);
    return new Overrides(p, elements, models);
  }

  public Overrides withElement(String name, double v) {
    Map<String, Double> e = new LinkedHashMap<>(elements);
    e.put(name, v);
    return new Overrides(params, e, models);
  }

  public Overrides withModel(String model, String param, double v) {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>(models);
    Map<String, Double> q = new LinkedHashMap<>(m.getOrDefault(model, Map.of()));
    q.put(param, v);
    m.put(model, q);
    return new Overrides(params, elements, m);
  }
}
