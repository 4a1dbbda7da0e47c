package org.neuristor.circuit.element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;

/**
 * The model parameters of one SPICE device, declared once as data: name, ngspice aliases, default and
 * unit. {@link #read} checks a {@code .model}'s parameters against the table: an unknown name is an
 * error that lists what exists, a parameter that is accepted but has no effect here (noise, safe
 * operating area limits) is reported by {@link Values#ignored()}.
 */
public final class ParamTable {

  /** One parameter; {@code def} NaN means "not given" has its own meaning in the model. */
  public record Param(String name, double def, String unit, String doc, List<String> aliases) {}

  private final String device;
  private final List<Param> params = new ArrayList<>();
  private final Map<String, Param> byName = new HashMap<>();
  private final Map<String, String> ignored = new LinkedHashMap<>();

  public ParamTable(String device) {
    this.device = device;
  }

  /** The {@code .model} line a device writes for its netlist: {@code .model NAME KIND (k=v ...)}. */
  static String modelLine(String model, String kind, Map<String, Double> values) {
    StringBuilder sb = new StringBuilder(".model " + model + " " + kind + " (");
    values.forEach((k, v) -> sb.append(k).append('=').append(Waveform.trimNumber(v)).append(' '));
    return sb.toString().trim() + ")";
  }

  /** Declares a parameter and its aliases. */
  public ParamTable add(String name, double def, String unit, String doc, String... aliases) {
    Param p = new Param(name, def, unit, doc, List.of(aliases));
    params.add(p);
    byName.put(name, p);
    for (String a : aliases) {
      byName.put(a, p);
    }
    return this;
  }

  /** Declares parameters that are accepted and have no effect, with the reason. */
  public ParamTable ignore(String reason, String... names) {
    for (String n : names) {
      ignored.put(n, reason);
    }
    return this;
  }

  public List<Param> params() {
    return List.copyOf(params);
  }

  /** Reads given values (names case-insensitive); unknown names are a {@link ModelParameterException}. */
  public Values read(Map<String, Double> given) {
    Map<String, Double> v = new HashMap<>();
    List<String> ign = new ArrayList<>();
    // another level is another model with other parameters: name the level, not its first unknown parameter
    for (Map.Entry<String, Double> e : given.entrySet()) {
      Param lv = byName.get("level");
      if (e.getKey().equalsIgnoreCase("level") && lv != null && e.getValue() != lv.def()) {
        // "mos model level 8", not "mos level 1 model level 8"
        String kind = device.replaceFirst(" level \\d+$", "");
        throw new ModelParameterException("level", kind + " model level " + Waveform.trimNumber(e.getValue())
            + " is not supported (only level " + Waveform.trimNumber(lv.def()) + ")");
      }
    }
    for (Map.Entry<String, Double> e : given.entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      Param p = byName.get(k);
      if (p != null) {
        v.put(p.name(), e.getValue());
      } else if (ignored.containsKey(k)) {
        ign.add(k + " (" + ignored.get(k) + ")");
      } else {
        List<String> names = new ArrayList<>();
        for (Param q : params) {
          names.add(q.name());
        }
        names.addAll(ignored.keySet());
        throw new ModelParameterException(k, device + " model has no parameter " + k + " (known: "
            + String.join(" ", names) + ")");
      }
    }
    return new Values(v, ign);
  }

  /** Values read from a model card, with defaults from the table. */
  public final class Values {
    private final Map<String, Double> given;
    private final List<String> ignoredNames;

    private Values(Map<String, Double> given, List<String> ignored) {
      this.given = given;
      this.ignoredNames = List.copyOf(ignored);
    }

    /** The value of a declared parameter (its default when not given). */
    public double get(String name) {
      Double d = given.get(name);
      if (d != null) {
        return d;
      }
      Param p = byName.get(name);
      if (p == null) {
        throw new IllegalArgumentException(device + ": undeclared parameter " + name);
      }
      return p.def();
    }

    public boolean given(String name) {
      return given.containsKey(name);
    }

    /** Given parameters that were accepted without effect, each with its reason. */
    public List<String> ignored() {
      return ignoredNames;
    }
  }
}
