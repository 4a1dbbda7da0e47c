package org.neuristor.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Element;

/**
 * A device model type as netlists name it ({@code .model name <type> (...)}): its parameters,
 * named presets, reference and a factory. Resolving parameters applies, in order, the defaults,
 * the preset ({@code preset=name}), the given values, then device-to-device variability
 * ({@code sigma_<param>} relative spreads drawn from the seeded generator), and checks every value.
 */
public record ModelType(String name, String description, String reference, List<ParameterSpec> parameters,
    Map<String, Map<String, Double>> presets, Factory factory) {

  /** Builds one device from resolved parameters. */
  @FunctionalInterface
  public interface Factory {
    Element create(String instance, List<String> nodes, Map<String, Double> params, SplittableRandom rng);
  }

  public ParameterSpec parameter(String n) {
    for (ParameterSpec p : parameters) {
      if (p.name().equals(n)) {
        return p;
      }
    }
    return null;
  }

  /** Defaults, then preset, then given values, then variability; every value range-checked. */
  public Map<String, Double> resolve(String instance, Map<String, Object> given, SplittableRandom rng) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (ParameterSpec p : parameters) {
      v.put(p.name(), p.defaultValue());
    }
    Object preset = given.get("preset");
    if (preset != null) {
      Map<String, Double> pv = presets.get(String.valueOf(preset).toLowerCase(Locale.ROOT));
      if (pv == null) {
        throw new ModelParameterException("preset", name + " " + instance + ": unknown preset '" + preset
            + "'; presets: " + String.join(", ", presets.keySet()));
      }
      v.putAll(pv);
    }
    Map<String, Double> sigma = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : given.entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      if (k.equals("preset")) {
        continue;
      }
      if (!(e.getValue() instanceof Number num)) {
        throw new ModelParameterException(k, name + " " + instance + ": parameter " + k + " must be a number, got '"
            + e.getValue() + "'");
      }
      if (k.startsWith("sigma_")) {
        String target = k.substring(6);
        if (parameter(target) == null) {
          throw new ModelParameterException(k, name + ": no parameter " + target + " to vary");
        }
        sigma.put(target, num.doubleValue());
        continue;
      }
      if (parameter(k) == null) {
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.name()));
        throw new ModelParameterException(k, name + " " + instance + ": unknown parameter '" + k + "'; known: "
            + String.join(" ", names));
      }
      v.put(k, num.doubleValue());
    }
    for (Map.Entry<String, Double> s : sigma.entrySet()) {
      double base = v.get(s.getKey());
      double z = gaussian(rng);
      // Resistances (and other strictly positive scales) vary log-normally, the rest normally.
      double val = s.getKey().startsWith("r") && base > 0 ? base * Math.exp(s.getValue() * z) : base * (1 + s.getValue() * z);
      v.put(s.getKey(), val);
    }
    for (ParameterSpec p : parameters) {
      p.check(name + " " + instance, v.get(p.name()));
    }
    return v;
  }

  static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
