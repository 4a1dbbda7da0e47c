package org.neuristor.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.neuristor.NeuristorException;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.io.LocatedTree;
import org.neuristor.io.LocatedTree.Node;

/**
 * A sweep: one job, the parameters to vary and the results to collect, read from YAML or JSON.
 *
 * <pre>
 * name: lif-mc
 * seed: 1
 * samples: 1000                 # draws of the random parameters (per grid cell)
 * job: {type: neuron, circuit: lif, stim: "dc:amp=3", params: {tstop: 20u}}
 * parameters:
 *   vth: {normal: [1.0, 0.05]}     # device parameter of the circuit's switch
 *   cm:  {lognormal: [1n, 0.1]}    # circuit .param
 *   rin: {grid: [10k, 40k, 4]}     # or {loggrid: [...]}, {list: [1, 2, 5]}, {uniform: [a, b]}, {lhs: [a, b]}
 * results: [rate_hz, spikes]     # default: all of the job's results
 * </pre>
 *
 * <p>Points: the Cartesian product of the grid/list parameters (the last one varying fastest), each
 * repeated {@code samples} times when random parameters are present; point {@code i} is grid cell
 * {@code i / samples}, sample {@code i % samples}. The random values of point {@code i} come from a
 * generator seeded by {@code (seed, i)} only. Errors name {@code file:line:col}.
 */
public final class SweepSpec implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> TOP = Set.of("name", "seed", "samples", "job", "parameters", "results");
  private static final Set<String> DISTS = Set.of("grid", "loggrid", "list", "uniform", "normal", "lognormal", "lhs");

  private final String name;
  private final long seed;
  private final int samples;
  private final PointJob job;
  private final List<Parameter> parameters;
  private final List<String> results;
  private final String text;
  private final Map<String, String> units;
  private transient volatile int[][] lhsOrder;

  public SweepSpec(String name, long seed, int samples, PointJob job, List<Parameter> parameters,
      List<String> results, String text) {
    this(name, seed, samples, job, parameters, results, text, Map.of());
  }

  /**
   * As {@link #SweepSpec(String, long, int, PointJob, List, List, String)}, with the units the spec writes for
   * parameters whose job declares none ({@link #unit}).
   */
  public SweepSpec(String name, long seed, int samples, PointJob job, List<Parameter> parameters,
      List<String> results, String text, Map<String, String> units) {
    this.name = name;
    this.seed = seed;
    this.samples = samples;
    this.job = job;
    this.parameters = List.copyOf(parameters);
    this.results = List.copyOf(results);
    this.text = text;
    this.units = Map.copyOf(units);
  }

  /**
   * The unit of parameter {@code name}: the job's ({@link PointJob#unit}) where it declares one, else the one unit
   * symbol the spec writes after its values ({@code cm: {list: [1nF, 2nF]}}: F), else {@link SpiceNumber#ANY_UNIT}.
   */
  public String unit(String name) {
    String u = job.unit(name);
    return u.equals(SpiceNumber.ANY_UNIT) ? units.getOrDefault(name, u) : u;
  }

  public String name() {
    return name;
  }

  public long seed() {
    return seed;
  }

  public int samples() {
    return samples;
  }

  public PointJob job() {
    return job;
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public List<String> results() {
    return results;
  }

  /** The spec text as read (used to check that a resumed output directory belongs to this spec). */
  public String text() {
    return text;
  }

  /** Names of the varied parameters in declaration order. */
  public List<String> parameterNames() {
    return parameters.stream().map(Parameter::name).toList();
  }

  private boolean anyRandom() {
    return parameters.stream().anyMatch(Parameter::random);
  }

  /** Number of points. */
  public int size() {
    long n = anyRandom() ? samples : 1;
    for (Parameter p : parameters) {
      if (p instanceof Parameter.Values v) {
        n *= v.values().size();
      }
    }
    return (int) n;
  }

  /** Seed of point {@code index}'s own draws (parameters, device sampling, noise). */
  public long pointSeed(int index) {
    return mix(seed * 0x9E3779B97F4A7C15L + index);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Parameter values of point {@code index}, in declaration order. */
  public Map<String, Double> point(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("point " + index + " of " + size());
    }
    int reps = anyRandom() ? samples : 1;
    int sample = index % reps;
    int cell = index / reps;
    // grid digits, last grid parameter fastest
    Map<Parameter, Integer> digit = new LinkedHashMap<>();
    for (int k = parameters.size() - 1; k >= 0; k--) {
      if (parameters.get(k) instanceof Parameter.Values v) {
        digit.put(v, cell % v.values().size());
        cell /= v.values().size();
      }
    }
    SplittableRandom r = new SplittableRandom(pointSeed(index));
    Map<String, Double> out = new LinkedHashMap<>();
    int lhs = 0;
    for (Parameter p : parameters) {
      double u = r.nextDouble();
      double u2 = r.nextDouble();
      double value;
      if (p instanceof Parameter.Values v) {
        value = v.values().get(digit.get(v));
      } else if (p instanceof Parameter.Uniform q) {
        value = q.lo() + (q.hi() - q.lo()) * u;
      } else if (p instanceof Parameter.Normal q) {
        value = q.mean() + q.sigma() * gauss(u, u2);
      } else if (p instanceof Parameter.LogNormal q) {
        value = q.median() * StrictMath.exp(q.sigma() * gauss(u, u2));
      } else {
        Parameter.Lhs q = (Parameter.Lhs) p;
        int stratum = lhsOrder()[lhs++][sample];
        value = q.lo() + (q.hi() - q.lo()) * (stratum + u) / samples;
      }
      out.put(p.name(), value);
    }
    return out;
  }

  /** Box-Muller with StrictMath, so every JVM and platform draws the same bits. */
  private static double gauss(double u1, double u2) {
    return StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }

  private int[][] lhsOrder() {
    int[][] o = lhsOrder;
    if (o == null) {
      List<int[]> rows = new ArrayList<>();
      int d = 0;
      for (Parameter p : parameters) {
        if (p instanceof Parameter.Lhs) {
          int[] perm = new int[samples];
          for (int i = 0; i < samples; i++) {
            perm[i] = i;
          }
          SplittableRandom r = new SplittableRandom(mix(seed ^ (0xC0FFEEL + d++)));
          for (int i = samples - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
          }
          rows.add(perm);
        }
      }
      o = rows.toArray(new int[0][]);
      lhsOrder = o;
    }
    return o;
  }

  /** Loads a spec file; relative netlist/network paths in the job are resolved against its folder. */
  public static SweepSpec load(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw NeuristorException.cannotRead("sweep spec", path, e);
    }
    Path dir = path.toAbsolutePath().getParent();
    return parse(path.toString(), text, dir);
  }

  /** Parses spec text; {@code file} names it in messages, {@code dir} resolves the job's file paths. */
  public static SweepSpec parse(String file, String text, Path dir) {
    Node root = LocatedTree.parse(file, text, file.toLowerCase(Locale.ROOT).endsWith(".json"));
    root.asMap("sweep spec");
    for (String k : root.map.keySet()) {
      if (!TOP.contains(k)) {
        throw root.keyNode(k).error("unknown key '" + k + "' (known: name, seed, samples, job, parameters, results)");
      }
    }
    String name = root.get("name") == null ? "sweep" : root.get("name").fileStem("name");
    long seed = root.get("seed") == null ? 1 : integer(root.get("seed"), "seed");
    PointJob job = job(root.require("job", "sweep spec"), dir);
    Node ps = root.require("parameters", "sweep spec");
    List<Parameter> params = new ArrayList<>();
    Map<String, String> units = new LinkedHashMap<>();
    boolean random = false;
    for (Map.Entry<String, Node> e : ps.asMap("parameters").entrySet()) {
      String why = job.checkParameter(e.getKey());
      if (why != null) {
        throw ps.keyNode(e.getKey()).error("parameter '" + e.getKey() + "': " + why);
      }
      String declared = job.unit(e.getKey());
      Parameter p = parameter(e.getKey(), e.getValue(), declared);
      if (declared.equals(SpiceNumber.ANY_UNIT)) {
        Map<String, Node> written = writtenUnits(e.getValue());
        // a unit the job's netlist refuses for this parameter (rin: 7kV) is refused here, before any point runs
        for (Node v : written.values()) {
          String bad = job.checkValue(e.getKey(), v.text("value").trim());
          if (bad != null) {
            throw v.error("parameter '" + e.getKey() + "': " + bad);
          }
        }
        if (written.size() == 1) {
          units.put(e.getKey(), written.keySet().iterator().next());
        }
      }
      random |= p.random();
      params.add(p);
    }
    if (params.isEmpty()) {
      throw ps.error("no parameters to vary");
    }
    Node sn = root.get("samples");
    int samples = sn == null ? 1 : (int) integer(sn, "samples");
    if (samples < 1) {
      throw sn.error("samples must be >= 1");
    }
    if (random && sn == null) {
      throw root.error("random parameters (uniform, normal, lognormal, lhs) need 'samples'");
    }
    List<String> results;
    Node rn = root.get("results");
    if (rn == null) {
      results = job.outputs();
      if (results.isEmpty()) {
        throw root.error("this job needs a 'results' list");
      }
    } else {
      Set<String> seen = new LinkedHashSet<>();
      for (Node r : rn.asList("results")) {
        String s = r.text("result");
        String why = job instanceof Jobs.NetlistJob ? Jobs.NetlistJob.checkReduction(s)
            : job.outputs().contains(s) ? null : "unknown result '" + s + "' (" + job.describe() + " gives: "
                + String.join(", ", job.outputs()) + ")";
        if (why != null) {
          throw r.error(why);
        }
        if (!seen.add(s)) {
          throw r.error("result '" + s + "' listed twice");
        }
      }
      results = List.copyOf(seen);
      if (results.isEmpty()) {
        throw rn.error("no results");
      }
      if (job instanceof Jobs.NetlistJob nj) {
        job = new Jobs.NetlistJob(nj.file(), nj.text(), nj.fixed(), results);
      }
    }
    SweepSpec s = new SweepSpec(name, seed, samples, job, params, results, text, units);
    if ((long) s.size() > 50_000_000L || s.size() <= 0) {
      throw root.error("too many points");
    }
    return s;
  }

  /**
   * The SI unit symbols written after the values of a parameter whose job declares no unit (its grid point
   * count and log-normal spread, plain numbers, left out), each with the first value that writes it.
   */
  private static Map<String, Node> writtenUnits(Node n) {
    Map<String, Node> seen = new LinkedHashMap<>();
    for (Map.Entry<String, Node> d : n.asMap("parameter").entrySet()) {
      List<Node> args = d.getValue().asList(d.getKey());
      for (int i = 0; i < args.size(); i++) {
        boolean plain = (d.getKey().equals("grid") || d.getKey().equals("loggrid")) && i == 2
            || d.getKey().equals("lognormal") && i == 1;
        String w = plain ? null : SpiceNumber.writtenUnit(args.get(i).text(d.getKey()));
        if (w != null) {
          seen.putIfAbsent(w, args.get(i));
        }
      }
    }
    return seen;
  }

  private static Parameter parameter(String name, Node n, String unit) {
    Map<String, Node> m = n.asMap("parameter '" + name + "'");
    if (m.size() != 1) {
      throw n.error("parameter '" + name + "' needs exactly one of " + String.join(", ", DISTS));
    }
    String kind = m.keySet().iterator().next();
    Node v = m.get(kind);
    if (!DISTS.contains(kind)) {
      throw n.keyNode(kind).error("unknown distribution '" + kind + "' (known: " + String.join(", ", DISTS) + ")");
    }
    List<Node> args = v.asList(kind);
    double[] a = new double[args.size()];
    for (int i = 0; i < a.length; i++) {
      // a grid's point count is a plain number; every other value is in the parameter's unit
      a[i] = number(args.get(i), kind, (kind.equals("grid") || kind.equals("loggrid")) && i == 2 ? "1"
          : (kind.equals("normal") || kind.equals("lognormal")) && i == 1 ? sigmaUnit(kind, unit) : unit);
    }
    switch (kind) {
      case "list": {
        if (a.length == 0) {
          throw v.error("list needs at least one value");
        }
        List<Double> l = new ArrayList<>();
        for (double x : a) {
          l.add(x);
        }
        return new Parameter.Values(name, l, false);
      }
      case "grid":
      case "loggrid": {
        need(v, a, 3, kind + ": [from, to, points]");
        int pts = (int) a[2];
        if (pts != a[2] || pts < 1) {
          throw args.get(2).error("points must be a whole number >= 1");
        }
        boolean log = kind.equals("loggrid");
        if (log && !(a[0] > 0 && a[1] > 0)) {
          throw v.error("loggrid needs positive from and to");
        }
        List<Double> l = new ArrayList<>();
        for (int i = 0; i < pts; i++) {
          double f = pts == 1 ? 0 : (double) i / (pts - 1);
          l.add(log ? a[0] * StrictMath.pow(a[1] / a[0], f) : a[0] + (a[1] - a[0]) * f);
        }
        return new Parameter.Values(name, l, log);
      }
      case "uniform":
      case "lhs":
        need(v, a, 2, kind + ": [low, high]");
        if (!(a[1] > a[0])) {
          throw v.error(kind + " needs high > low");
        }
        return kind.equals("lhs") ? new Parameter.Lhs(name, a[0], a[1]) : new Parameter.Uniform(name, a[0], a[1]);
      case "normal":
        need(v, a, 2, "normal: [mean, sigma]");
        if (!(a[1] >= 0)) {
          throw args.get(1).error("sigma must be >= 0");
        }
        return new Parameter.Normal(name, a[0], a[1]);
      default:
        need(v, a, 2, "lognormal: [median, sigma]");
        if (!(a[0] > 0) || !(a[1] >= 0)) {
          throw v.error("lognormal needs median > 0 and sigma >= 0");
        }
        return new Parameter.LogNormal(name, a[0], a[1]);
    }
  }

  private static void need(Node n, double[] a, int count, String form) {
    if (a.length != count) {
      throw n.error("expected " + form + ", got " + a.length + " values");
    }
  }

  private static final Set<String> NEURON = Set.of("type", "circuit", "stim", "params");
  private static final Set<String> IV = Set.of("type", "device", "amp", "rate", "series", "compliance", "params");
  private static final Set<String> MODEL = Set.of("type", "model", "stim", "duration", "dt", "method", "noise");
  private static final Set<String> RUN = Set.of("type", "netlist", "params");
  private static final Set<String> NETWORK = Set.of("type", "file", "set");

  private static PointJob job(Node j, Path dir) {
    j.asMap("job");
    String type = j.require("type", "job").text("type").toLowerCase(Locale.ROOT);
    Set<String> keys = switch (type) {
      case "neuron" -> NEURON;
      case "iv" -> IV;
      case "model" -> MODEL;
      case "run" -> RUN;
      case "network" -> NETWORK;
      default -> throw j.get("type").error("unknown job type '" + type + "' (neuron, iv, model, run, network)");
    };
    for (String k : j.map.keySet()) {
      if (!keys.contains(k)) {
        throw j.keyNode(k).error("unknown key '" + k + "' for a " + type + " job (known: " + String.join(", ",
            keys.stream().sorted().toList()) + ")");
      }
    }
    try {
      switch (type) {
        case "neuron":
          return new Jobs.NeuronJob(j.require("circuit", "neuron job").text("circuit"), optText(j, "stim"),
              strings(j.get("params"), "params"));
        case "iv": {
          String device = j.require("device", "iv job").text("device");
          Map<String, String> params = new java.util.LinkedHashMap<>();
          if (org.neuristor.fit.ModelCard.isFile(device)) {
            // a .model card (e.g. written by fit): its type, with its values as fixed parameters
            org.neuristor.fit.ModelCard card = org.neuristor.fit.ModelCard.read(dir == null ? Path.of(device)
                : dir.resolve(device));
            card.params().forEach((k, v) -> params.put(k, String.valueOf(v)));
            device = card.type();
          }
          params.putAll(strings(j.get("params"), "params"));
          return new Jobs.IvJob(device, optNumber(j, "amp", 0, "V"),
              optNumber(j, "rate", 0, "V/s"), optNumber(j, "series", 0, "Ohm"), optNumber(j, "compliance", 0, "A"),
              params);
        }
        case "model": {
          List<String> stims = listOrOne(j.get("stim"), "stim");
          double dur = j.get("duration") == null ? 200e-3 : number(j.get("duration"), "duration", "s");
          if (!(dur > 0)) {
            throw j.get("duration").error("duration must be > 0 s");
          }
          double dt = j.get("dt") == null ? Double.NaN : number(j.get("dt"), "dt", "s") * 1e3;
          return new Jobs.ModelJob(j.require("model", "model job").text("model"), stims, dur * 1e3, dt,
              optText(j, "method"), listOrOne(j.get("noise"), "noise"));
        }
        case "run": {
          Node f = j.require("netlist", "run job");
          Path p = dir.resolve(f.text("netlist"));
          return new Jobs.NetlistJob(p.toString(), read(p, f), strings(j.get("params"), "params"),
              List.of());
        }
        default: {
          Node f = j.require("file", "network job");
          Path p = dir.resolve(f.text("file"));
          String t = read(p, f);
          String fn = p.getFileName().toString();
          Map<String, String> set = strings(j.get("set"), "set");
          Jobs.NetworkJob nj = new Jobs.NetworkJob(fn, t, set, Jobs.NetworkJob.populations(fn, t));
          for (String k : set.keySet()) {
            String why = nj.checkParameter(k);
            if (why != null) {
              throw j.get("set").keyNode(k).error("set '" + k + "': " + why);
            }
          }
          return nj;
        }
      }
    } catch (org.neuristor.NetlistException e) {
      throw e;
    } catch (org.neuristor.ModelParameterException e) {
      // point at the fixed parameter the device refused, not at the job
      Node ps = j.get("params");
      Node at = ps != null && ps.isMap() && ps.get(e.parameter()) != null ? ps.keyNode(e.parameter()) : j;
      throw at.error(e.getMessage());
    } catch (NeuristorException e) {
      throw j.error(e.getMessage());
    }
  }

  private static String read(Path p, Node at) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw at.error("cannot read " + p + ": " + NeuristorException.why(e));
    }
  }

  private static String optText(Node j, String k) {
    return j.get(k) == null ? null : j.get(k).text(k);
  }

  private static double optNumber(Node j, String k, double dflt, String unit) {
    return j.get(k) == null ? dflt : number(j.get(k), k, unit);
  }

  private static List<String> listOrOne(Node n, String what) {
    if (n == null) {
      return List.of();
    }
    if (n.isList()) {
      List<String> l = new ArrayList<>();
      for (Node x : n.list) {
        l.add(x.text(what));
      }
      return l;
    }
    return List.of(n.text(what));
  }

  private static Map<String, String> strings(Node n, String what) {
    Map<String, String> m = new LinkedHashMap<>();
    if (n != null) {
      for (Map.Entry<String, Node> e : n.asMap(what).entrySet()) {
        m.put(e.getKey(), e.getValue().text(what + " " + e.getKey()));
      }
    }
    return m;
  }

  /** The unit of a distribution's spread: the parameter's for normal, none (a log-sigma) for lognormal. */
  private static String sigmaUnit(String kind, String unit) {
    return kind.equals("lognormal") ? "1" : unit;
  }

  static double number(Node n, String what) {
    return number(n, what, SpiceNumber.ANY_UNIT);
  }

  /** A finite number in {@code unit}; a wrong unit is an error at the value naming the expected one. */
  static double number(Node n, String what, String unit) {
    String s = n.text(what).trim();
    double v;
    try {
      v = SpiceNumber.parse(s, unit);
    } catch (IllegalArgumentException e) {
      throw n.error(what + ": bad number '" + s + "': " + e.getMessage());
    }
    if (Double.isInfinite(v)) {
      throw n.error(what + ": '" + s + "' is infinite; an infinite value is refused (give a finite number)");
    }
    if (Double.isNaN(v)) {
      throw n.error(what + ": bad number '" + s + "'");
    }
    return v;
  }

  private static long integer(Node n, String what) {
    double v = number(n, what, "1");
    if (v != Math.rint(v) || Math.abs(v) > 9e15) {
      throw n.error(what + " must be a whole number, got '" + n.scalar + "'");
    }
    return (long) v;
  }
}
