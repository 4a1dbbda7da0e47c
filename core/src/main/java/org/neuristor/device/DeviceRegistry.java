package org.neuristor.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Element;
import org.neuristor.device.ParameterSpec.Spread;

/**
 * All device model types, with their parameters declared once as data. Netlists
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

  /** Lazily built after every static declaration below is initialized. */
  private static final class Holder {
    static final List<ModelType> TYPES = List.of(ts(), diffusive(), ots(), mott(), vo2(), proton2(), pcm(), synapse());
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
    throw new ModelParameterException("type", "unknown device type '" + name + "' (known: " + typeNames() + ")");
  }

  /** Whether a type of that name exists. */
  public static boolean has(String name) {
    String k = name.toLowerCase(Locale.ROOT);
    return Holder.TYPES.stream().anyMatch(t -> t.type().equals(k));
  }

  private static String typeNames() {
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
    throw new ModelParameterException("type", "unknown device type or preset '" + spec + "' (types: " + typeNames() + ")");
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
      double v = values.get(p.name());
      if (!(v >= p.min() && v <= p.max())) {
        throw new ModelParameterException(p.name(), t.type() + ": parameter " + p.name() + " = " + v
            + " outside the allowed range " + p.range());
      }
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

  private static double gauss(SplittableRandom rng) {
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

  // ---------------------------------------------------------------- declarations

  private static final double BIG = 1e15;

  private static List<ParameterSpec> common() {
    return List.of(
        ParameterSpec.of("d2d_v", "-", 0, 0, 0.5, "device-to-device relative sigma of voltages and times"),
        ParameterSpec.of("d2d_r", "-", 0, 0, 2, "device-to-device log-normal sigma of resistances"));
  }

  private static List<ParameterSpec> tsSpecs(Map<String, Double> defaults) {
    List<ParameterSpec> l = new ArrayList<>(List.of(
        ParameterSpec.voltage("vth", 1.0, 1e-3, 100, "threshold voltage OFF->ON"),
        ParameterSpec.voltage("vhold", 0.6, 0, 100, "hold voltage ON->OFF (< vth)"),
        ParameterSpec.resistance("ron", 1e3, 1e-3, BIG, "ON resistance"),
        ParameterSpec.resistance("roff", 1e6, 1e-3, BIG, "OFF resistance"),
        new ParameterSpec("tauon", "s", 10e-9, 1e-15, 10, "switching-on time constant", Spread.NORMAL),
        new ParameterSpec("tauoff", "s", 100e-9, 1e-15, 10, "relaxation time constant", Spread.NORMAL),
        ParameterSpec.of("delta", "V", 2e-3, 1e-5, 1, "gate smoothing width"),
        ParameterSpec.of("eps", "-", 0.02, 1e-4, 0.5, "tau blend width"),
        ParameterSpec.of("observed", "-", 0, 0, 1, "1: vth/vhold are quasi-static apparent values (fold shift corrected)"),
        ParameterSpec.of("hold", "-", 0, 0, 1, "1: holding-voltage ON branch i = x (|v|-von)+/ron"),
        ParameterSpec.of("von", "V", 0.5, 0, 100, "ON-state holding voltage (hold = 1)"),
        ParameterSpec.of("v0", "V", 0, 0, 10, "voltage scale of tau_on(v) (0 = constant)"),
        ParameterSpec.of("i0", "A", 0, 0, 1, "sub-threshold sinh current prefactor"),
        ParameterSpec.of("va", "V", 0.3, 1e-3, 100, "sub-threshold sinh voltage scale"),
        ParameterSpec.of("cp", "F", 0, 0, 1, "parallel device capacitance"),
        ParameterSpec.of("x0", "-", 0, 0, 1, "initial state"),
        ParameterSpec.of("c2c", "-", 0, 0, 0.5, "cycle-to-cycle relative sigma of vth, vhold"),
        ParameterSpec.of("sdelay", "-", 0, 0, 1, "stochastic fraction of the on-delay (Exp)")));
    l.addAll(common());
    List<ParameterSpec> out = new ArrayList<>();
    for (ParameterSpec p : l) {
      Double d = defaults.get(p.name());
      out.add(d == null ? p : new ParameterSpec(p.name(), p.unit(), d, p.min(), p.max(), p.description(), p.spread()));
    }
    return List.copyOf(out);
  }

  private static Map<String, Double> tsSet(double vth, double vhold, double ron, double roff, double ton,
      double toff, double delta) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("vth", vth);
    m.put("vhold", vhold);
    m.put("ron", ron);
    m.put("roff", roff);
    m.put("tauon", ton);
    m.put("tauoff", toff);
    m.put("delta", delta);
    return m;
  }

  private static Map<String, Double> with(Map<String, Double> base, Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return Map.copyOf(m);
  }

  private static final Consumer<Map<String, Double>> TS_CHECK = v -> {
    if (v.get("vhold") >= v.get("vth")) {
      throw new ModelParameterException("vhold", "vhold = " + v.get("vhold") + " V must be below vth = "
          + v.get("vth") + " V (allowed range [0, vth))");
    }
    if (v.get("vth") - v.get("vhold") < 2 * v.get("delta")) {
      throw new ModelParameterException("delta", "delta = " + v.get("delta") + " V must be at most (vth - vhold)/2 = "
          + (v.get("vth") - v.get("vhold")) / 2 + " V");
    }
  };

  private static ModelType ts() {
    Map<String, Map<String, Double>> presets = new LinkedHashMap<>();
    // physics.md table 3.1 values are used as observed (quasi-static) thresholds; pickett is the internal
    // set physics.md 4.2 computed with
    presets.put("nbox", with(tsSet(1.0, 0.6, 1e3, 1e6, 10e-9, 100e-9, 2e-3), "observed", 1));
    presets.put("vo2", with(tsSet(1.5, 0.9, 1e3, 50e3, 10e-9, 100e-9, 2e-3), "observed", 1));
    presets.put("ag", with(tsSet(0.4, 0.1, 5e3, 1e9, 1e-6, 100e-6, 1e-3), "observed", 1));
    presets.put("ots", with(tsSet(2.0, 0.8, 1e3, 100e6, 5e-9, 50e-9, 5e-3), "observed", 1));
    presets.put("pickett", Map.copyOf(tsSet(1.15, 0.5, 10e3, 10e6, 5e-9, 20e-9, 2e-3)));
    presets.put("yi", with(tsSet(1.5, 0.9, 1e3, 50e3, 10e-9, 100e-9, 2e-3), "observed", 1));
    return new ModelType("ts", "generic volatile threshold switch TS-A (Schmitt-gated, smooth)",
        "physics.md 3.1 [D]; Pickett & Williams, Nanotechnology 23, 215202 (2012)",
        tsSpecs(Map.of()), java.util.Collections.unmodifiableMap(presets), TS_CHECK, ThresholdSwitch::new);
  }

  private static ModelType diffusive() {
    Map<String, Double> ag = with(tsSet(0.4, 0.1, 5e3, 1e9, 1e-6, 100e-6, 1e-3), "v0", 0.05, "sdelay", 0.5,
        "observed", 1);
    Map<String, Map<String, Double>> presets = new LinkedHashMap<>();
    presets.put("ag-sioxny", ag);
    presets.put("ag-siox-fast", with(ag, "tauoff", 10e-6));
    return new ModelType("diffusive", "Ag diffusive memristor (TS-A with tau_on(v) and stochastic delay)",
        "Z. Wang et al., Nat. Mater. 16, 101 (2017); H. Jiang et al., Nat. Commun. 8, 882 (2017); physics.md 3.4",
        tsSpecs(ag), java.util.Collections.unmodifiableMap(presets), TS_CHECK, DiffusiveMemristor::new);
  }

  private static ModelType ots() {
    Map<String, Double> d = with(tsSet(2.0, 0.8, 1e3, 100e6, 5e-9, 50e-9, 5e-3), "von", 0.7, "i0", 1e-9,
        "va", 0.3, "hold", 1, "observed", 1);
    Map<String, Map<String, Double>> presets = new LinkedHashMap<>();
    presets.put("gese", d);
    presets.put("gete", with(d, "vth", 1.2, "vhold", 0.6, "von", 0.5));
    return new ModelType("ots", "ovonic threshold switch (sinh sub-threshold, holding-voltage ON branch)",
        "D. Ielmini, Phys. Rev. B 78, 035308 (2008); physics.md 3.5",
        tsSpecs(d), java.util.Collections.unmodifiableMap(presets), TS_CHECK, OvonicThresholdSwitch::new);
  }

  private static ModelType mott() {
    List<ParameterSpec> l = new ArrayList<>(List.of(
        ParameterSpec.of("tamb", "K", 300, 1, 2000, "ambient temperature"),
        ParameterSpec.of("tc", "K", 1070, 1, 3000, "insulator-metal transition temperature"),
        ParameterSpec.of("w", "K", 5, 0.01, 500, "transition width"),
        ParameterSpec.resistance("ri0", 20e3, 1e-3, BIG, "insulating resistance at tamb"),
        ParameterSpec.of("ea", "eV", 0.05, 0, 2, "activation energy of the insulating phase"),
        ParameterSpec.resistance("rm", 400, 1e-3, BIG, "fully metallic resistance"),
        new ParameterSpec("rth", "K/W", 5e6, 1, 1e12, "thermal resistance to ambient", Spread.LOGNORMAL),
        ParameterSpec.of("cth", "J/K", 1e-16, 1e-24, 1e-3, "thermal capacitance"),
        ParameterSpec.of("lh", "J", 1e-14, 0, 1e-6, "latent heat of the channel"),
        ParameterSpec.of("t0", "K", 0, 0, 3000, "initial temperature (0 = tamb)")));
    l.addAll(common());
    Map<String, Map<String, Double>> presets = new LinkedHashMap<>();
    presets.put("nbo2", Map.of("tamb", 300.0, "tc", 1070.0, "w", 5.0, "ri0", 20e3, "ea", 0.05, "rm", 400.0,
        "rth", 5e6, "cth", 1e-16, "lh", 1e-14));
    presets.put("vo2", Map.of("tamb", 300.0, "tc", 340.0, "w", 2.0, "ri0", 50e3, "ea", 0.05, "rm", 1e3,
        "rth", 1e6, "cth", 1e-16, "lh", 1e-15));
    return new ModelType("mott", "electro-thermal Mott memristor (Joule heating, Newton cooling, latent heat)",
        "M. D. Pickett, R. S. Williams, Nanotechnology 23, 215202 (2012); Nat. Mater. 12, 114 (2013); physics.md 3.2",
        List.copyOf(l), java.util.Collections.unmodifiableMap(presets), v -> {
          if (v.get("tc") <= v.get("tamb")) {
            throw new ModelParameterException("tc", "tc = " + v.get("tc") + " K must exceed tamb = " + v.get("tamb") + " K");
          }
        }, MottMemristor::new);
  }

  private static ModelType vo2() {
    List<ParameterSpec> l = new ArrayList<>(List.of(
        ParameterSpec.of("w", "K", 7.19357064, 0.01, 100, "hysteresis loop width"),
        ParameterSpec.of("tc", "K", 332.805839, 200, 500, "loop centre temperature"),
        ParameterSpec.of("beta", "1/K", 0.252796285, 1e-3, 100, "transition steepness"),
        ParameterSpec.resistance("r0", 5.35882879e-3, 1e-12, BIG, "Arrhenius prefactor"),
        ParameterSpec.of("ea", "K", 5220.47417, 0, 1e5, "activation temperature"),
        ParameterSpec.of("gamma", "-", 0.956269682, 0, 10, "minor-loop shape factor"),
        ParameterSpec.resistance("rm", 262.5 * 4.90025335, 1e-3, BIG, "metallic resistance floor"),
        ParameterSpec.of("cth", "J/K", 49.62776831e-12, 1e-24, 1e-3, "thermal capacitance"),
        ParameterSpec.of("sth", "W/K", 0.20558726e-3, 1e-15, 1, "thermal conductance to the base"),
        ParameterSpec.of("t0", "K", 325, 200, 500, "base temperature"),
        ParameterSpec.of("tinit", "K", 0, 0, 500, "initial temperature (0 = t0)"),
        ParameterSpec.of("tmin", "K", 305, 1, 2000, "lower end of the temperature range of R(T)"),
        ParameterSpec.of("tmax", "K", 370, 1, 2000, "upper end of the temperature range of R(T)"),
        ParameterSpec.of("alpha", "1/K", 0, -0.1, 0.1, "temperature coefficient of the metallic resistance (about tc)"),
        ParameterSpec.resistance("rs", 0, 0, BIG, "series contact resistance (does not heat the film)"),
        ParameterSpec.of("cth2", "J/K", 0, 0, 10, "thermal capacitance of the substrate node (0 = none)"),
        ParameterSpec.of("sth2", "W/K", 0, 0, 100, "thermal conductance substrate -> holder (or base)"),
        ParameterSpec.of("cth3", "J/K", 0, 0, 10, "thermal capacitance of the holder node (0 = none)"),
        ParameterSpec.of("sth3", "W/K", 0, 0, 100, "thermal conductance holder -> base"),
        ParameterSpec.of("rscale", "-", 1, 1e-6, 1e6, "resistance scale of another device of the film (r0, rm, rs)"),
        ParameterSpec.of("tscale", "-", 1, 1e-6, 1e6, "thermal scale of another device of the film (every cth, sth)"),
        ParameterSpec.of("domains", "-", 1, 1, 16, "parallel domains of the film (mixed phase), each with its temperature"),
        ParameterSpec.of("tcspread", "K", 0, 0, 100, "spread (sigma) of the domains' transition centres around tc")));
    l.addAll(common());
    return new ModelType("vo2", "VO2 thermal memristor with hysteretic R(T) and minor loops",
        "Y.-H. Zhang et al., Nat. Commun. (2024); E. Qiu et al., Adv. Mater. (2024) (authors' code); physics.md 3.3",
        List.copyOf(l), Map.of("zhang2024", Map.of()), v -> {
          if (v.get("domains") != Math.rint(v.get("domains"))) {
            throw new ModelParameterException("domains", "domains = " + v.get("domains") + " must be a whole number");
          }
          if (v.get("tmax") <= v.get("tmin")) {
            throw new ModelParameterException("tmax", "tmax = " + v.get("tmax") + " K must exceed tmin = " + v.get("tmin") + " K");
          }
          if (v.get("cth2") > 0 && !(v.get("sth2") > 0)) {
            throw new ModelParameterException("sth2", "a substrate node (cth2 > 0) needs sth2 > 0");
          }
          if (v.get("cth3") > 0 && !(v.get("cth2") > 0 && v.get("sth3") > 0)) {
            throw new ModelParameterException("cth3", "a holder node (cth3 > 0) needs cth2 > 0 and sth3 > 0");
          }
        }, Vo2ThermalMemristor::new);
  }

  private static ModelType proton2() {
    List<ParameterSpec> l = new ArrayList<>(List.of(
        new ParameterSpec("gmin", "S", 1e-6, 1e-15, 1e3, "minimum conductance", Spread.LOGNORMAL),
        new ParameterSpec("gmax", "S", 1e-4, 1e-15, 1e3, "maximum conductance", Spread.LOGNORMAL),
        ParameterSpec.voltage("v0", 0.3, 1e-3, 100, "voltage scale of the sinh drive"),
        new ParameterSpec("tauc", "s", 1e-3, 1e-12, 1e3, "proton relaxation time (fast)", Spread.NORMAL),
        new ParameterSpec("tauw", "s", 50e-3, 1e-12, 1e3, "conductance relaxation time (slow)", Spread.NORMAL),
        ParameterSpec.of("w0", "-", 0, 0, 1, "resting conductance state"),
        ParameterSpec.of("kc", "1/s", 113, 0, 1e12, "proton generation rate"),
        ParameterSpec.of("kw", "1/s", 7, 0, 1e12, "conductance drive rate")));
    l.addAll(common());
    return new ModelType("proton2", "second-order protonic memristor (W/WO3/PEDOT:PSS), states w and c",
        "H.-M. Huang et al., Adv. Mater. 31, 1803849 (2019); physics.md 3.6 [D]",
        List.copyOf(l), Map.of("huang2019", Map.of()), v -> {
          if (v.get("gmax") <= v.get("gmin")) {
            throw new ModelParameterException("gmax", "gmax = " + v.get("gmax") + " S must exceed gmin = " + v.get("gmin") + " S");
          }
        }, ProtonicMemristor::new);
  }

  private static ModelType pcm() {
    List<ParameterSpec> l = new ArrayList<>(List.of(
        ParameterSpec.of("gc", "S", 50e-6, 1e-15, 1e3, "crystalline read conductance G_c"),
        ParameterSpec.of("lambda", "nm", 5, 1e-3, 1e3, "decay length of G with the amorphous thickness"),
        ParameterSpec.of("ua0", "nm", 40, 0, 1e3, "mean amorphous thickness after a RESET"),
        ParameterSpec.of("sigr", "nm", 2, 0, 1e3, "RESET (melt-quench) spread of u_a"),
        ParameterSpec.of("uth", "nm", 5, 0, 1e3, "firing threshold thickness (G_th = G_c exp(-uth/lambda))"),
        ParameterSpec.of("rate", "nm/s", 3e7, 0, 1e15, "crystal growth rate while the cell voltage exceeds vset"),
        ParameterSpec.of("sigg", "-", 0.5 / 3, 0, 10, "relative per-pulse spread of the growth"),
        ParameterSpec.voltage("vset", 1, 1e-3, 100, "crystallizing (SET) voltage threshold"),
        ParameterSpec.voltage("dv", 0.01, 1e-6, 10, "smoothing width of the SET threshold"),
        ParameterSpec.of("tout", "s", 50e-9, 1e-15, 1e3, "duration of the output spike"),
        ParameterSpec.of("taus", "s", 1e-9, 1e-15, 1e3, "rise/fall time of the output spike"),
        ParameterSpec.of("seed", "-", 0, 0, 9e15, "seed of the draws (0: from the netlist seed and name)")));
    l.addAll(common());
    return new ModelType("pcm", "stochastic phase-change integrate-and-fire cell with its RESET controller",
        "T. Tuma et al., Nat. Nanotechnol. 11, 693 (2016); physics.md 3.7/4.6 [D]",
        List.copyOf(l), Map.of("tuma2016", Map.of()), v -> {
          if (v.get("uth") >= v.get("ua0")) {
            throw new ModelParameterException("uth", "uth = " + v.get("uth") + " nm must be below ua0 = " + v.get("ua0") + " nm");
          }
        }, PhaseChangeCell::new);
  }

  private static ModelType synapse() {
    List<ParameterSpec> l = new ArrayList<>(List.of(
        ParameterSpec.resistance("ron", 50, 1e-3, BIG, "low resistance (w = 0)"),
        ParameterSpec.resistance("roff", 1e3, 1e-3, BIG, "high resistance (w = 1)"),
        ParameterSpec.of("von", "V", -0.2, -100, -1e-6, "SET threshold (negative)"),
        ParameterSpec.of("voff", "V", 0.02, 1e-6, 100, "RESET threshold (positive)"),
        ParameterSpec.of("kon", "1/s", 10 / 3e-9, 0, 1e15, "SET rate (VTEAM k_on / D)"),
        ParameterSpec.of("koff", "1/s", 5e-4 / 3e-9, 0, 1e15, "RESET rate (VTEAM k_off / D)"),
        ParameterSpec.of("aon", "-", 3, 1, 20, "SET exponent"),
        ParameterSpec.of("aoff", "-", 1, 1, 20, "RESET exponent"),
        ParameterSpec.of("w0", "-", 0, 0, 1, "initial state"),
        ParameterSpec.of("iv", "-", 0, 0, 1, "I-V law: 0 linear, 1 exponential")));
    l.addAll(common());
    return new ModelType("synapse", "non-volatile VTEAM-like synaptic memristor",
        "S. Kvatinsky et al., IEEE TCAS-II 62, 786 (2015); MemTorch VTEAM defaults; physics.md 3.8",
        List.copyOf(l), Map.of("memtorch", Map.of()), v -> {
          if (v.get("roff") <= v.get("ron")) {
            throw new ModelParameterException("roff", "roff = " + v.get("roff") + " Ohm must exceed ron = " + v.get("ron") + " Ohm");
          }
        }, SynapticMemristor::new);
  }
}
