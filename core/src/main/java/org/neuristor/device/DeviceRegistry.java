package org.neuristor.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec.Spread;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Element;
import org.neuristor.netlist.DeviceFactory;

/**
 * All device model types: the list of device classes (each declares its {@link ModelType} next to
 * its equations) plus the types declared by {@link DeviceFactory} services, so a device added as a
 * plug-in is validated, described and covered like a built-in one. Netlists
 * ({@code N<name> n+ n- <model>} with {@code .model <model> <type> (preset=... param=value ...)}), the
 * Java API and the CLI ({@code device list}, {@code device describe}) all go through here.
 *
 * <p>Resolution order of a parameter value: the declared default, then the preset's value (key
 * {@code preset}, a String), then the user's value. Every value is checked against its declared
 * range and cross-parameter rules (e.g. vhold &lt; vth) before the element is built; a violation is a
 * {@link ModelParameterException} naming the parameter and the allowed range.
 *
 * <p>Device-to-device variability: the common parameters {@code d2d_v} (relative normal sigma of
 * every voltage/time-like parameter declared with {@link Spread#NORMAL}) and {@code d2d_r}
 * (log-normal sigma of every resistance declared {@link Spread#LOGNORMAL}) are sampled from a
 * {@link SplittableRandom} seeded with the instance seed, so a device reproduces bit for bit.
 */
public final class DeviceRegistry {
  private DeviceRegistry() {}

  /** The built-in device classes, one line each; each declares its {@code TYPE} next to its equations. */
  private static List<ModelType> builtIn() {
    return List.of(ThresholdSwitch.TYPE, DiffusiveMemristor.TYPE, OvonicThresholdSwitch.TYPE, MottMemristor.TYPE,
        Vo2ThermalMemristor.TYPE, ProtonicMemristor.TYPE, PhaseChangeCell.TYPE, SynapticMemristor.TYPE);
  }

  /** Built on first use: the built-in types, then those declared by {@link DeviceFactory} services. */
  private static final class Holder {
    static final List<ModelType> TYPES = all();

    private static List<ModelType> all() {
      List<ModelType> l = new ArrayList<>(builtIn());
      for (DeviceFactory f : ServiceLoader.load(DeviceFactory.class)) {
        for (ModelType t : f.types()) {
          if (l.stream().anyMatch(x -> x.type().equals(t.type()))) {
            throw new IllegalStateException("device type '" + t.type() + "' declared twice (by "
                + f.getClass().getName() + ")");
          }
          l.add(t);
        }
      }
      return List.copyOf(l);
    }
  }

  /** All registered model types, in a stable order. */
  public static List<ModelType> types() {
    return Holder.TYPES;
  }

  /** The model type of that (case-insensitive) name. */
  public static ModelType type(String name) {
    String k = name.toLowerCase(Locale.ROOT);
    for (ModelType t : Holder.TYPES) {
      if (t.type().equals(k)) {
        return t;
      }
    }
    String hint = "";
    for (ModelType t : Holder.TYPES) {
      if (t.presets().containsKey(k)) {
        hint = "; '" + k + "' is a preset of " + t.type() + " (" + t.type() + ":" + k + ")";
        break;
      }
    }
    throw new ModelParameterException("type", "unknown device type '" + name + "' (known: " + typeNames() + ")" + hint);
  }

  /** Whether a type of that name exists. */
  public static boolean has(String name) {
    String k = name.toLowerCase(Locale.ROOT);
    return Holder.TYPES.stream().anyMatch(t -> t.type().equals(k));
  }

  /** The registered type names, comma-separated, for messages. */
  public static String typeNames() {
    return String.join(", ", Holder.TYPES.stream().map(ModelType::type).toList());
  }

  /** A type together with an optional preset, as named on the command line. */
  public record Selection(ModelType type, String preset) {}

  /**
   * Finds {@code type}, {@code type:preset} or a bare preset name (e.g. {@code nbox}, found in
   * the first type that declares it).
   */
  public static Selection lookup(String spec) {
    String k = spec.toLowerCase(Locale.ROOT);
    int colon = k.indexOf(':');
    if (colon > 0) {
      ModelType t = type(k.substring(0, colon));
      String preset = k.substring(colon + 1);
      if (!t.presets().containsKey(preset)) {
        throw new ModelParameterException("preset", t.type() + ": unknown preset '" + preset + "' (known: "
            + String.join(", ", t.presets().keySet()) + ")");
      }
      return new Selection(t, preset);
    }
    if (has(k)) {
      return new Selection(type(k), null);
    }
    for (ModelType t : Holder.TYPES) {
      if (t.presets().containsKey(k)) {
        return new Selection(t, k);
      }
    }
    throw new ModelParameterException("type", "unknown device type or preset '" + spec + "' (types: " + typeNames()
        + "; presets: " + String.join(", ", Holder.TYPES.stream().flatMap(t -> t.presets().keySet().stream())
            .distinct().toList()) + ")");
  }

  /**
   * Resolves defaults, preset and user values into a complete, validated parameter set.
   *
   * @param params user values: numbers (Number or numeric String) by parameter name, plus an
   *     optional {@code preset} (String); names are case-insensitive
   */
  public static Map<String, Double> resolve(String type, Map<String, ?> params) {
    ModelType t = type(type);
    Map<String, Double> out = new LinkedHashMap<>();
    for (ParameterSpec p : t.parameters()) {
      out.put(p.name(), p.defaultValue());
    }
    Object preset = null;
    for (Map.Entry<String, ?> e : params.entrySet()) {
      if (e.getKey().equalsIgnoreCase("preset")) {
        preset = e.getValue();
      }
    }
    if (preset != null) {
      String name = preset.toString().toLowerCase(Locale.ROOT);
      Map<String, Double> values = t.presets().get(name);
      if (values == null) {
        throw new ModelParameterException("preset", t.type() + ": unknown preset '" + preset + "' (known: "
            + String.join(", ", t.presets().keySet()) + ")");
      }
      out.putAll(values);
    }
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      if (k.equals("preset")) {
        continue;
      }
      ParameterSpec spec = t.parameter(k);
      if (spec == null) {
        throw new ModelParameterException(k, t.type() + ": unknown parameter '" + k + "' (known: "
            + String.join(" ", t.parameters().stream().map(ParameterSpec::name).toList()) + ")");
      }
      out.put(k, number(t, k, e.getValue()));
    }
    validate(t, out);
    return out;
  }

  private static double number(ModelType t, String k, Object v) {
    if (v instanceof Number num) {
      return num.doubleValue();
    }
    try {
      // a value as text: SPICE suffix or the parameter's unit (1k, 1kOhm, 10ns), see SpiceNumber
      return org.neuristor.expr.SpiceNumber.parse(String.valueOf(v), t.parameter(k).unit());
    } catch (IllegalArgumentException ex) {
      throw new ModelParameterException(k, t.type() + ": parameter " + k + ": " + ex.getMessage());
    }
  }

  private static void validate(ModelType t, Map<String, Double> values) {
    for (ParameterSpec p : t.parameters()) {
      p.check(t.type(), values.get(p.name()));
    }
    t.check().accept(values);
  }

  /**
   * Builds a device: resolves and validates the parameters, samples device-to-device variability
   * from {@code seed}, and calls the type's factory.
   *
   * @param type model type name ({@code ts}, {@code diffusive}, {@code ots}, {@code mott}, {@code vo2},
   *     {@code proton2}, {@code synapse})
   * @param instance element name
   * @param nodes the two terminals (n+, n-)
   * @param params user values and an optional {@code preset} String (see {@link #resolve})
   * @param seed seed of this device's variability and cycle-to-cycle draws
   */
  public static Element create(String type, String instance, List<String> nodes, Map<String, ?> params, long seed) {
    ModelType t = type(type);
    if (nodes.size() != 2) {
      throw new ModelParameterException("nodes", t.type() + " device " + instance + " needs 2 nodes, got " + nodes.size());
    }
    Map<String, Double> values = sample(t, resolve(type, params), seed);
    return t.factory().create(instance, nodes, values, seed);
  }

  /** Applies device-to-device variability (d2d_v, d2d_r) to a resolved parameter set. */
  public static Map<String, Double> sample(ModelType t, Map<String, Double> resolved, long seed) {
    double sv = resolved.getOrDefault("d2d_v", 0.0);
    double sr = resolved.getOrDefault("d2d_r", 0.0);
    if (sv == 0 && sr == 0) {
      return resolved;
    }
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
    Map<String, Double> out = new LinkedHashMap<>(resolved);
    for (ParameterSpec p : t.parameters()) {
      double z = gauss(rng);
      double v = out.get(p.name());
      if (p.spread() == Spread.NORMAL && sv > 0) {
        v *= 1 + sv * z;
      } else if (p.spread() == Spread.LOGNORMAL && sr > 0) {
        v *= Math.exp(sr * z);
      }
      out.put(p.name(), Math.min(Math.max(v, p.min()), p.max()));
    }
    if (out.containsKey("vth") && out.get("vhold") >= out.get("vth")) {
      // a tail draw crossed the thresholds: keep the sampled threshold and the preset's ratio
      out.put("vhold", out.get("vth") * resolved.get("vhold") / resolved.get("vth"));
    }
    return out;
  }

  static double gauss(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Generated parameter documentation of a type (the text of {@code device describe}). */
  public static String describe(String type) {
    ModelType t = type(type);
    StringBuilder sb = new StringBuilder();
    sb.append(t.type()).append(": ").append(t.description()).append('\n');
    sb.append("reference: ").append(t.reference()).append('\n');
    sb.append(String.format(Locale.ROOT, "%-8s %-7s %-12s %-22s %s%n", "param", "unit", "default", "range", "description"));
    for (ParameterSpec p : t.parameters()) {
      sb.append(String.format(Locale.ROOT, "%-8s %-7s %-12s %-22s %s%n", p.name(), p.unit(),
          ParameterSpec.fmt(p.defaultValue()), "[" + ParameterSpec.fmt(p.min()) + ", " + ParameterSpec.fmt(p.max()) + "]",
          p.description()));
    }
    sb.append("presets:");
    t.presets().forEach((k, v) -> sb.append("\n  ").append(k).append(' ').append(new TreeMap<>(v)));
    return sb.toString();
  }
}
