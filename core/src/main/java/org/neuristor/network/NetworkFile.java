package org.neuristor.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neuristor.NeuristorException;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.io.LocatedTree.Node;
import org.neuristor.io.LocatedTree;

/**
 * Reads a network description (YAML, or JSON when the name ends in .json) into a
 * {@link Network}. Numbers are SI, optionally with a SPICE suffix or a unit ({@code 200pF}, {@code
 * 0.1ms}, {@code -60mV}, {@code 200p}); a unit must be the key's own (F for {@code C}, S for a
 * conductance weight, ...) and is never read as a prefix ({@code 1F} is one farad), see {@link
 * SpiceNumber#parse(String, String)}. Weights are in S for a conductance channel, A for an
 * exponential current channel, and V (C for {@code memristive_lif}) for a delta current channel.
 * Every error names the file, line and column. Layout (see examples/coba.yaml):
 *
 * <pre>
 * name: coba            seed: 1          dt: 0.1ms        duration: 1s       threads: 0 (auto)
 * populations:          # name -&gt; spec, in order
 *   exc: {model: lif, size: 3200, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV,
 *         t_ref: 5ms, I_bias: 200pA, integrator: euler|exact, v_init: {normal: [-55mV, 5mV]},
 *         channels: {exc: {kernel: conductance, tau: 5ms, E: 0V}, inh: {...}}}
 *   cells: {model: memristive_lif, size: 10, scale: 1000, V_in: 0, ..., channels: {...}}
 *   input: {model: poisson, size: 100, rate: 20Hz}      # or model: latency, t_max, period, value
 * projections:
 *   - {name: ee, from: exc, to: exc, channel: exc, connect: {fixed_probability: 0.02},
 *      weight: 6nS | {uniform: [a, b]} | {normal: [m, s]}, delay: 0 | {uniform: [a, b]}}
 *      crossbar: {device: neurosim|ideal, w_max: 2e-14, levels: 97, d2d: 0.1, stuck: 0.01, c2c: 0.035,
 *                 read_noise: 0, seed: 1}   # optional: weights become device conductances (see Crossbar)
 *      # connect: all_to_all | one_to_one | {fixed_probability: p, allow_self: true}
 *      #          | {list: [[pre, post], [pre, post, weight], [pre, post, weight, delay], ...]}
 * monitors:
 *   - {spikes: exc}
 *   - {state: exc, variable: v, neurons: [0, 1, 2], every: 10}
 * </pre>
 */
public final class NetworkFile {
  /** A loaded network with the run length the file asks for. */
  public record Loaded(String name, Network network, double durationSeconds) {}

  private static final Set<String> TOP = Set.of("name", "seed", "dt", "duration", "threads", "populations",
      "projections", "monitors");
  private static final Set<String> LIF = Set.of("model", "size", "C", "g_L", "E_L", "V_th", "V_reset", "t_ref",
      "I_bias", "integrator", "v_init", "channels");
  private static final Set<String> MEM = Set.of("model", "size", "scale", "V_th", "V_hold", "R_on", "R_off", "tau_on",
      "tau_off", "delta", "R_in", "C", "R_out", "V_in", "clamp", "energy_per_spike", "channels");
  private static final Set<String> KERNEL = Set.of("model", "size", "method", "parameters", "noise", "bias",
      "v_init", "channels");
  private static final Set<String> CIRCUIT = Set.of("circuit", "size", "parameters", "device", "device_file",
      "source", "bias", "energy_per_spike", "channels");
  private static final Set<String> POISSON = Set.of("model", "size", "rate");
  private static final Set<String> LATENCY = Set.of("model", "size", "t_max", "period", "value");
  private static final Set<String> PROJ = Set.of("name", "from", "to", "channel", "connect", "weight", "delay",
      "crossbar");
  private static final Set<String> CONNECT = Set.of("fixed_probability", "all_to_all", "list", "allow_self");
  private static final Set<String> MONITOR = Set.of("spikes", "state", "variable", "neurons", "every");
  private static final Set<String> XBAR = Set.of("device", "w_max", "levels", "d2d", "stuck", "c2c", "read_noise",
      "seed");

  private NetworkFile() {}

  /** The unit of each numeric key (and of the error names used for list entries). */
  private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("seed", "1"), Map.entry("dt", "s"),
      Map.entry("duration", "s"), Map.entry("threads", "1"), Map.entry("size", "1"), Map.entry("neuron index", "1"),
      Map.entry("every", "1"), Map.entry("levels", "1"), Map.entry("d2d", "1"), Map.entry("stuck", "1"),
      Map.entry("c2c", "1"), Map.entry("read_noise", "1"), Map.entry("C", "F"), Map.entry("g_L", "S"),
      Map.entry("E_L", "V"), Map.entry("V_th", "V"), Map.entry("V_reset", "V"), Map.entry("t_ref", "s"),
      Map.entry("I_bias", "A"), Map.entry("scale", "1"), Map.entry("V_hold", "V"), Map.entry("R_on", "Ohm"),
      Map.entry("R_off", "Ohm"), Map.entry("tau_on", "s"), Map.entry("tau_off", "s"), Map.entry("delta", "V"),
      Map.entry("R_in", "Ohm"), Map.entry("R_out", "Ohm"), Map.entry("V_in", "V"), Map.entry("energy_per_spike", "J"),
      Map.entry("rate", "Hz"), Map.entry("t_max", "s"), Map.entry("period", "s"), Map.entry("value", "1"),
      Map.entry("tau", "s"), Map.entry("E", "V"), Map.entry("v_init", "V"), Map.entry("delay", "s"),
      Map.entry("fixed_probability", "1"), Map.entry("pre index", "1"), Map.entry("post index", "1"));

  /**
   * The unit of the value at a dotted path of a network file's text ({@code populations.exc.V_th} is
   * in V, {@code projections.0.weight} in S for a conductance channel), or {@link
   * SpiceNumber#ANY_UNIT} when the path names no numeric key.
   */
  public static String unit(String file, String text, String path) {
    String[] seg = path.split("\\.");
    String key = seg[seg.length - 1];
    if ((key.equals("weight") || key.equals("w_max")) && seg.length >= 3 && seg[0].equals("projections")) {
      Node root = LocatedTree.parse(file, text, file.toLowerCase(Locale.ROOT).endsWith(".json"));
      try {
        Node pr = root.get("projections").asList("projections").get(Integer.parseInt(seg[1]));
        return weightUnit(root.get("populations").asMap("populations"), pr.get("to").text("to"),
            pr.get("channel").text("channel"));
      } catch (RuntimeException e) {
        return SpiceNumber.ANY_UNIT; // the file's own error is reported when it is loaded
      }
    }
    return UNITS.getOrDefault(key, SpiceNumber.ANY_UNIT);
  }

  /** The unit of a projection's weights: by the kernel of the target channel (see {@link Kernel}). */
  private static String weightUnit(Map<String, Node> pops, String to, String channel) {
    Node p = pops.get(to);
    Node chs = p == null ? null : p.get("channels");
    Node ch = chs == null || !chs.isMap() ? null : chs.get(channel);
    Node k = ch == null || !ch.isMap() ? null : ch.get("kernel");
    if (k == null || !k.isScalar()) {
      return SpiceNumber.ANY_UNIT; // an error about the channel follows
    }
    return switch (k.scalar.toLowerCase(Locale.ROOT)) {
      case "conductance" -> "S";
      case "exponential" -> "A";
      default -> chargeChannels(p) ? "C" : "V";
    };
  }

  /**
   * Whether a population's {@code current} channels take charges (C): memristive_lif and every kernel
   * population (a model of {@code model describe} or a circuit); the conductance LIF takes voltage jumps.
   */
  private static boolean chargeChannels(Node p) {
    if (p.get("circuit") != null) {
      return true;
    }
    if (p.get("model") == null || !p.get("model").isScalar()) {
      return false;
    }
    String model = p.get("model").scalar.toLowerCase(Locale.ROOT);
    return model.equals("memristive_lif") || isKernelModel(model) && !conductanceLif(model, p);
  }

  /** {@code model: lif} with the SI keys of the COBA benchmark's LIF (C, g_L, ...): the conductance LIF. */
  private static boolean conductanceLif(String model, Node p) {
    return model.equals("lif") && LIF.stream().anyMatch(k -> !KERNEL.contains(k) && p.get(k) != null);
  }

  /** Loads a file; {@code threadsOverride} &gt; 0 replaces the file's thread count. */
  public static Loaded load(Path path, int threadsOverride) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw NeuristorException.cannotRead("network file", path, e);
    }
    return parse(path.toString(), text, path.toString().toLowerCase(Locale.ROOT).endsWith(".json"), threadsOverride);
  }

  /** Parses network text; {@code file} is only used in messages. */
  public static Loaded parse(String file, String text, boolean json, int threadsOverride) {
    return parse(file, text, json, threadsOverride, Map.of());
  }

  /**
   * Parses network text with values replaced at dotted paths before interpretation (e.g.
   * {@code populations.exc.V_th -> -52mV}, {@code projections.0.weight -> 5nS}, {@code seed -> 3});
   * a path that does not exist in the file is an error at the nearest location.
   */
  public static Loaded parse(String file, String text, boolean json, int threadsOverride,
      Map<String, String> overrides) {
    Node root = LocatedTree.parse(file, text, json);
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      root = root.withScalar(o.getKey(), o.getValue());
    }
    return build(file, root, threadsOverride, false);
  }

  /**
   * A miniature of a network file for {@link WarmUp}: the same populations, channels, projections and
   * spike monitors, each population cut to {@link #miniatureSize} neurons, one thread, no state monitors
   * (their neuron indices may lie outside the smaller populations). It exercises the code of the real run
   * (same classes, same branches) at a fraction of its cost.
   */
  static Loaded miniature(String file, Node miniatureTree) {
    return build(file, miniatureTree, 1, true);
  }

  /** The tree of a network file with every population's size cut to {@link #miniatureSize}. */
  static Node miniatureTree(String file, String text, boolean json) {
    return miniatureTree(LocatedTree.parse(file, text, json));
  }

  /** {@link #miniatureTree(String, String, boolean)} of a parsed network file. */
  static Node miniatureTree(Node root) {
    Node pops = root.get("populations");
    if (pops != null && pops.isMap()) {
      for (Map.Entry<String, Node> e : pops.asMap("populations").entrySet()) {
        int n = size(e.getValue());
        if (n > 0) {
          root = root.withScalar("populations." + e.getKey() + ".size", Integer.toString(miniatureSize(n)));
        }
      }
    }
    return root;
  }

  /** The largest population size of a parsed network file (0: none written as a number). */
  static int largestPopulation(Node root) {
    Node pops = root.get("populations");
    int largest = 0;
    if (pops != null && pops.isMap()) {
      for (Node p : pops.asMap("populations").values()) {
        largest = Math.max(largest, size(p));
      }
    }
    return largest;
  }

  /** A population's {@code size:} (at least 1), or 0 when it has none as a scalar. */
  private static int size(Node population) {
    Node size = population.isMap() ? population.get("size") : null;
    if (size == null || !size.isScalar()) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, integer(size, "size")));
  }

  /** Neurons of a population of {@code size} in a {@link #miniature}: a fiftieth, at least 16 (or all), at most 256. */
  static int miniatureSize(int size) {
    return Math.min(size, Math.max(16, Math.min(256, size / 50)));
  }

  private static Loaded build(String file, Node root, int threadsOverride, boolean miniature) {
    checkKeys(root, TOP, "network file");
    String name = root.get("name") == null ? "network" : root.get("name").fileStem("name");
    long seed = root.get("seed") == null ? 1 : (long) integer(root.get("seed"), "seed");
    double dt = positive(root.require("dt", "network file"), "dt");
    double duration = root.get("duration") == null ? 0 : number(root.get("duration"), "duration");
    if (!(duration >= 0)) {
      throw root.get("duration").error("duration must be >= 0 s");
    }
    int threads = threadsOverride > 0 ? threadsOverride
        : root.get("threads") == null ? 0 : (int) integer(root.get("threads"), "threads");
    Map<String, Node> pops = root.require("populations", "network file").asMap("populations");
    if (pops.isEmpty()) {
      throw root.get("populations").error("no populations");
    }
    List<Node> projs = root.get("projections") == null ? List.of() : root.get("projections").asList("projections");
    List<Node> mons = root.get("monitors") == null ? List.of() : root.get("monitors").asList("monitors");

    // pass 1: sizes, channels and expected synapses, checked against memory before allocating
    MemoryEstimate est = new MemoryEstimate();
    java.util.Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
    long totalNeurons = 0;
    for (Map.Entry<String, Node> e : pops.entrySet()) {
      Node p = e.getValue();
      root.get("populations").keyNode(e.getKey()).fileStem("population name");
      p.asMap("population '" + e.getKey() + "'");
      Set<String> keys = populationKeys(p);
      if (keys != null) {
        // before 'size' is required: a misspelt key ('sise') is named as unknown, not reported as a missing size
        checkKeys(p, keys, "population '" + e.getKey() + "'");
      }
      double size = integer(p.require("size", "population '" + e.getKey() + "'"), "size");
      if (size < 1 || size > Integer.MAX_VALUE - 8) {
        throw p.get("size").error("population size must be in 1 .. 2^31, got " + (long) size);
      }
      int nch = p.get("channels") == null ? 0 : p.get("channels").asMap("channels").size();
      est.neurons((int) size, nch, 2);
      sizes.put(e.getKey(), (int) size);
      totalNeurons += (long) size;
    }
    int chunks = 4 * (threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    for (Node pr : projs) {
      pr.asMap("projection");
      String from = pr.require("from", "projection").text("from");
      String to = pr.require("to", "projection").text("to");
      Integer a = sizes.get(from);
      Integer b = sizes.get(to);
      if (a == null) {
        throw pr.get("from").error("no population named '" + from + "'");
      }
      if (b == null) {
        throw pr.get("to").error("no population named '" + to + "'");
      }
      String ch = pr.get("channel") == null ? "" : pr.get("channel").text("channel");
      Connector c = connector(pr.require("connect", "projection"), weightUnit(pops, to, ch));
      boolean perSynDelay = pr.get("delay") != null && pr.get("delay").isMap();
      est.synapses(c.expectedSynapses(a, b, from.equals(to)), a, perSynDelay, chunks);
    }
    est.check(file + ": network '" + name + "'");

    // pass 2: build
    Network.Builder bld = Network.builder(dt, seed).threads(threads);
    Path dir = Path.of(file).toAbsolutePath().getParent();
    Node dtValue = root.get("dt");
    for (Map.Entry<String, Node> e : pops.entrySet()) {
      Population pop = population(e.getKey(), e.getValue(), dt, dir);
      if (pop instanceof KernelPopulation kp) {
        // found only while running, but the file says where: at the dt to reduce, naming the population's line
        Node key = root.get("populations").keyNode(e.getKey());
        kp.stepErrorsAt(msg -> dtValue.error(msg + "; population '" + e.getKey() + "' is at line " + key.line));
      }
      bld.add(pop);
    }
    int k = 0;
    List<Object[]> crossbars = new java.util.ArrayList<>();
    for (Node pr : projs) {
      checkKeys(pr, PROJ, "projection");
      String pname = pr.get("name") == null ? "projection" + k : pr.get("name").text("name");
      k++;
      String from = pr.get("from").text("from");
      String to = pr.get("to").text("to");
      String channel = pr.require("channel", "projection '" + pname + "'").text("channel");
      String wu = weightUnit(pops, to, channel);
      Connector c = connector(pr.get("connect"), wu);
      Dist w = dist(pr.require("weight", "projection '" + pname + "'"), "weight", wu);
      Dist d = pr.get("delay") == null ? Dist.constant(0) : dist(pr.get("delay"), "delay", "s");
      try {
        bld.connect(pname, from, to, channel, c, w, d);
      } catch (NeuristorException ex) {
        throw pr.error(ex.getMessage());
      }
      if (pr.get("crossbar") != null) {
        crossbars.add(new Object[] {pname, pr.get("crossbar"), wu});
      }
    }
    // what each monitor writes (POP.spikes.csv, POP.VAR.csv): a second monitor of it replaced the first's file
    java.util.Set<String> monitored = new java.util.HashSet<>();
    for (Node m : mons) {
      checkKeys(m, MONITOR, "monitor");
      String writes = m.get("spikes") != null ? m.get("spikes").text("spikes") + " spikes"
          : m.get("state") != null && m.get("variable") != null
              ? m.get("state").text("state") + " " + m.get("variable").text("variable") : null;
      if (writes != null && !monitored.add(writes)) {
        throw m.error("a second monitor of " + writes + " (it would write the first's file again; list every neuron "
            + "in one monitor)");
      }
      try {
        if (m.get("spikes") != null) {
          bld.monitorSpikes(m.get("spikes").text("spikes"));
        } else if (m.get("state") != null && miniature) {
          continue;
        } else if (m.get("state") != null) {
          String pop = m.get("state").text("state");
          String var = m.require("variable", "state monitor").text("variable");
          List<Node> ns = m.require("neurons", "state monitor").asList("neurons");
          int[] idx = new int[ns.size()];
          for (int i = 0; i < idx.length; i++) {
            idx[i] = (int) integer(ns.get(i), "neuron index");
          }
          int every = m.get("every") == null ? 1 : (int) integer(m.get("every"), "every");
          bld.monitorState(pop, var, idx, every);
        } else {
          throw m.error("monitor must be {spikes: POP} or {state: POP, variable: v, neurons: [...]}");
        }
      } catch (org.neuristor.NetlistException ex) {
        throw ex;
      } catch (NeuristorException ex) {
        throw m.error(ex.getMessage());
      }
    }
    Network net = bld.build();
    for (Object[] cb : crossbars) {
      crossbar(net.projection((String) cb[0]), (Node) cb[1], seed, (String) cb[2]);
    }
    return new Loaded(name, net, duration);
  }

  /**
   * Replaces a projection's drawn weights by what a crossbar of the given device stores: one
   * differential pair per synapse (CSR order), programmed to w / w_max (w_max: the given full
   * scale, else the largest |w|), read back as w_max (G+ - G-)/(G_max - G_min).
   */
  private static void crossbar(Projection p, Node x, long seed, String weightUnit) {
    x.asMap("crossbar");
    checkKeys(x, XBAR, "crossbar");
    String dev = x.get("device") == null ? "neurosim" : x.get("device").text("device");
    int levels = x.get("levels") == null ? 0 : (int) integer(x.get("levels"), "levels");
    // -1: the device's own (a negative d2d or stuck was taken as that, a negative read noise as its absolute value)
    double d2d = x.get("d2d") == null ? -1 : fraction(x.get("d2d"), "d2d");
    double stuck = x.get("stuck") == null ? -1 : fraction(x.get("stuck"), "stuck");
    Double c2c = x.get("c2c") == null ? null : fraction(x.get("c2c"), "c2c");
    double readNoise = x.get("read_noise") == null ? 0 : fraction(x.get("read_noise"), "read_noise");
    long xs = x.get("seed") == null ? CounterRng.hash(seed, 41, p.name().hashCode()) : (long) integer(x.get("seed"),
        "seed");
    org.neuristor.device.PulseProgrammedSynapse.Params params;
    try {
      params = org.neuristor.device.PulseProgrammedSynapse.device(dev, levels, d2d, stuck, c2c);
    } catch (NeuristorException ex) {
      throw x.error(ex.getMessage());
    }
    float[] w = p.weights();
    double[] target = new double[w.length];
    double wMax = 0;
    for (int q = 0; q < w.length; q++) {
      target[q] = w[q];
      wMax = Math.max(wMax, Math.abs(w[q]));
    }
    if (x.get("w_max") != null) {
      wMax = number(x.get("w_max"), "w_max", weightUnit);
    }
    if (!(wMax > 0) || w.length == 0) {
      return;
    }
    Crossbar xb = new Crossbar(1, w.length, params, xs);
    xb.program(target, wMax);
    xb.writeTo(p, wMax, readNoise, 0);
  }

  /**
   * The keys a population of this kind takes, or null when its kind is not yet clear (no or an unknown model,
   * or both model: and circuit:), which the build then reports.
   */
  private static Set<String> populationKeys(Node p) {
    if (p.get("circuit") != null) {
      return p.get("model") == null ? CIRCUIT : null;
    }
    if (p.get("model") == null) {
      return null;
    }
    String model = p.get("model").text("model").toLowerCase(Locale.ROOT);
    if (isKernelModel(model) && !conductanceLif(model, p)) {
      return KERNEL;
    }
    switch (model) {
      case "lif":
        return LIF;
      case "memristive_lif":
        return MEM;
      case "poisson":
        return POISSON;
      case "latency":
        return LATENCY;
      default:
        return null;
    }
  }

  /** Builds a population whose keys {@link #populationKeys} has checked. */
  private static Population population(String name, Node p, double dt, Path dir) {
    String where = "population '" + name + "'";
    int size = (int) integer(p.get("size"), "size");
    if (p.get("circuit") != null) {
      if (p.get("model") != null) {
        throw p.keyNode("model").error(where + ": give either model: or circuit:, not both");
      }
      return channels(circuitPopulation(name, size, p, where, dir), p);
    }
    String model = p.require("model", where).text("model").toLowerCase(Locale.ROOT);
    Population pop;
    try {
      if (isKernelModel(model) && !conductanceLif(model, p)) {
        return channels(kernelPopulation(name, size, model, p, dt, where), p);
      }
      switch (model) {
        case "lif": {
          String integ = p.get("integrator") == null ? "exact" : p.get("integrator").text("integrator");
          if (!integ.equals("euler") && !integ.equals("exact")) {
            throw p.get("integrator").error("integrator must be euler or exact, got '" + integ + "'");
          }
          LifPopulation.Params lp = new LifPopulation.Params(positive(p.require("C", where), "C"),
              positive(p.require("g_L", where), "g_L"), number(p.require("E_L", where), "E_L"),
              number(p.require("V_th", where), "V_th"), number(p.require("V_reset", where), "V_reset"),
              opt(p, "t_ref", 0), opt(p, "I_bias", 0), integ.equals("euler"));
          pop = new LifPopulation(name, size, lp, vinit(p.get("v_init"), lp.eLeakVolts()));
          break;
        }
        case "memristive_lif": {
          MemristiveLifPopulation.Params d = MemristiveLifPopulation.Params.scaled(opt(p, "scale", 1000));
          double c = opt(p, "C", d.cFarads());
          d = new MemristiveLifPopulation.Params(opt(p, "V_th", d.vThVolts()), opt(p, "V_hold", d.vHoldVolts()),
              opt(p, "R_on", d.rOnOhm()), opt(p, "R_off", d.rOffOhm()), opt(p, "tau_on", d.tauOnSeconds()),
              opt(p, "tau_off", d.tauOffSeconds()), opt(p, "delta", d.deltaVolts()), d.eps(), opt(p, "R_in", d.rInOhm()),
              c, opt(p, "R_out", d.rOutOhm()), opt(p, "V_in", d.vInVolts()),
              p.get("clamp") == null || p.get("clamp").bool("clamp"),
              opt(p, "energy_per_spike", 0.84e-9 * c / 1e-9));
          pop = new MemristiveLifPopulation(name, size, d);
          break;
        }
        case "poisson":
          pop = new PoissonPopulation(name, size, number(p.require("rate", where), "rate"));
          return pop;
        case "latency": {
          LatencyPopulation l = new LatencyPopulation(name, size, positive(p.require("t_max", where), "t_max"),
              positive(p.require("period", where), "period"));
          java.util.Arrays.fill(l.values(), opt(p, "value", 1));
          return l;
        }
        default:
          throw p.get("model").error("unknown model '" + model + "' (" + org.neuristor.neuron.ModelKind.names()
              + ", memristive_lif, poisson, latency; or circuit: NAME)");
      }
    } catch (org.neuristor.NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      // the population classes name themselves ("population 'a': rate must be >= 0 Hz"): not twice
      throw p.error(e.getMessage().startsWith(where) ? e.getMessage() : where + ": " + e.getMessage());
    }
    return channels(pop, p);
  }

  private static boolean isKernelModel(String model) {
    for (org.neuristor.neuron.ModelKind k : org.neuristor.neuron.ModelKind.values()) {
      if (k.cliName().equals(model)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A biological model as a population: {@code model: hh}, {@code method:}, {@code parameters:} in
   * the units of {@code model describe} or with their unit (as in a model file), {@code noise:} terms as {@code model run
   * --noise}, {@code bias:} a constant input in the kernel's SI input unit (A; A/m^2 for hh).
   */
  private static Population kernelPopulation(String name, int size, String model, Node p, double dt, String where) {
    org.neuristor.neuron.ModelKind kind = org.neuristor.neuron.ModelKind.parse(model);
    Map<String, Double> values = new java.util.LinkedHashMap<>();
    Map<String, Node> at = new java.util.HashMap<>();
    if (p.get("parameters") != null) {
      for (Map.Entry<String, Node> e : p.get("parameters").asMap("parameters").entrySet()) {
        // a number in the unit of 'model describe', or with its unit (20ms, 0.02s for a parameter in ms)
        double v = number(e.getValue(), where + ": parameter " + e.getKey(), unitOf(kind, e.getKey(), e.getValue()));
        values.put(e.getKey(), v);
        at.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      }
    }
    try {
      org.neuristor.neuron.NeuronModel m = org.neuristor.neuron.NeuronModel.of(kind, values);
      org.neuristor.neuron.Method method = p.get("method") == null ? kind.defaultMethod()
          : org.neuristor.neuron.Method.parse(p.get("method").text("method"));
      org.neuristor.neuron.Noise noise = org.neuristor.neuron.Noise.NONE;
      if (p.get("noise") != null) {
        List<Node> terms = p.get("noise").isList() ? p.get("noise").asList("noise") : List.of(p.get("noise"));
        for (Node t : terms) {
          noise = noise.plus(t.text("noise"), kind.currentUnit());
        }
      }
      org.neuristor.neuron.NeuronKernel k = m.uninitializedKernel(size, method, noise);
      m.checkStep(method, dt * 1e3);
      double bias = p.get("bias") == null ? 0 : number(p.get("bias"), "bias", kind.currentSiUnit());
      KernelPopulation pop = new KernelPopulation(name, k, bias, 0);
      return p.get("v_init") == null ? pop : pop.initialMembrane(vinit(p.get("v_init"), Double.NaN));
    } catch (org.neuristor.ModelParameterException e) {
      Node n = at.get(e.parameter());
      if (n == null && p.get(e.parameter()) != null) {
        n = p.get(e.parameter());
      }
      throw (n != null ? n : p).error(where + ": " + e.getMessage());
    }
  }

  private static String unitOf(org.neuristor.neuron.ModelKind kind, String key, Node n) {
    try {
      return kind.parameter(key).unit();
    } catch (org.neuristor.ModelParameterException e) {
      throw n.error(e.getMessage());
    }
  }

  /**
   * A library circuit's compact form as a population: {@code circuit: pickett}, {@code parameters:}
   * its {@code .param} values, {@code device:} device-model parameters ({@code key} on every
   * {@code .model} card, {@code model.key} on one), {@code source:} a replacement input source
   * ({@code dc 0.3}, {@code pulse(...)}, default the circuit's own), {@code bias:} a constant current
   * (A) into the membrane node, {@code device_file:} a file of {@code .model} cards (e.g. a fitted
   * device) applied to the circuit's devices of the same type before {@code device:}. Values in SPICE
   * syntax; the file's path is relative to the network file.
   */
  private static Population circuitPopulation(String name, int size, Node p, String where, Path dir) {
    org.neuristor.library.NeuronCircuit c;
    try {
      c = org.neuristor.library.NeuronLibrary.get(p.get("circuit").text("circuit"));
    } catch (NeuristorException e) {
      throw p.get("circuit").error(e.getMessage());
    }
    Map<String, String> params = new java.util.LinkedHashMap<>();
    if (p.get("device_file") != null) {
      Node f = p.get("device_file");
      Path path = dir == null ? Path.of(f.text("device_file")) : dir.resolve(f.text("device_file"));
      try {
        params.putAll(c.deviceOverrides(Files.readString(path, StandardCharsets.UTF_8), path.toString()));
      } catch (IOException e) {
        throw f.error(where + ": cannot read device file " + path + ": " + NeuristorException.why(e));
      } catch (NeuristorException e) {
        throw f.error(where + ": " + e.getMessage());
      }
    }
    if (p.get("parameters") != null) {
      for (Map.Entry<String, Node> e : p.get("parameters").asMap("parameters").entrySet()) {
        if (!c.parameters().containsKey(e.getKey().toLowerCase(Locale.ROOT))) {
          throw e.getValue().error(where + ": circuit " + c.name() + " has no parameter '" + e.getKey()
              + "' (parameters: " + String.join(", ", c.parameters().keySet()) + "; device parameters go under device:)");
        }
        params.put(e.getKey(), e.getValue().text(e.getKey()));
      }
    }
    if (p.get("device") != null) {
      for (Map.Entry<String, Node> e : p.get("device").asMap("device").entrySet()) {
        if (c.parameters().containsKey(e.getKey().toLowerCase(Locale.ROOT))) {
          throw e.getValue().error(where + ": '" + e.getKey() + "' is a circuit parameter of " + c.name()
              + "; give it under parameters:");
        }
        params.put(e.getKey(), e.getValue().text(e.getKey()));
      }
    }
    // read here, not in the try below: their errors point into this file, not into the circuit's netlist
    double bias = p.get("bias") == null ? 0 : number(p.get("bias"), "bias", "A");
    double energyPerSpike = opt(p, "energy_per_spike", 0);
    try {
      org.neuristor.library.CompactKernel k = c.compact(size, params);
      if (p.get("source") != null) {
        k.drive(org.neuristor.library.CompactForms.input(c, params, p.get("source").text("source")));
      }
      return new KernelPopulation(name, k, bias, energyPerSpike);
    } catch (org.neuristor.NetlistException e) {
      throw p.error(where + ": circuit " + c.name() + ": " + e.getMessage());
    } catch (NeuristorException e) {
      throw p.error(where + ": " + e.getMessage());
    }
  }

  /** Adds the {@code channels:} of a population spec. */
  private static Population channels(Population pop, Node p) {
    if (p.get("channels") != null) {
      for (Map.Entry<String, Node> ce : p.get("channels").asMap("channels").entrySet()) {
        Node c = ce.getValue();
        c.asMap("channel '" + ce.getKey() + "'");
        checkKeys(c, Set.of("kernel", "tau", "E"), "channel '" + ce.getKey() + "'");
        String k = c.require("kernel", "channel '" + ce.getKey() + "'").text("kernel").toLowerCase(Locale.ROOT);
        Kernel kernel;
        switch (k) {
          case "current":
            kernel = Kernel.CURRENT;
            break;
          case "exponential":
            kernel = Kernel.EXPONENTIAL;
            break;
          case "conductance":
            kernel = Kernel.CONDUCTANCE;
            break;
          default:
            throw c.get("kernel").error("kernel must be current, exponential or conductance, got '" + k + "'");
        }
        double tau = kernel == Kernel.CURRENT ? 0 : positive(c.require("tau", "channel '" + ce.getKey() + "'"), "tau");
        double e = kernel == Kernel.CONDUCTANCE ? number(c.require("E", "channel '" + ce.getKey() + "'"), "E") : 0;
        pop.addChannel(ce.getKey(), kernel, tau, e);
      }
    }
    return pop;
  }

  private static LifPopulation.Init vinit(Node n, double el) {
    if (n == null) {
      return LifPopulation.Init.constant(el);
    }
    if (n.isScalar()) {
      return LifPopulation.Init.constant(number(n, "v_init"));
    }
    Map<String, Node> m = n.asMap("v_init");
    if (m.size() != 1) {
      throw n.error("v_init must be a value, {uniform: [a, b]} or {normal: [mean, sd]}");
    }
    Map.Entry<String, Node> e = m.entrySet().iterator().next();
    double[] ab = pair(e.getValue(), "v_init " + e.getKey(), "V");
    if (!e.getKey().equals("uniform") && !e.getKey().equals("normal")) {
      throw n.error("v_init: unknown distribution '" + e.getKey() + "' (uniform, normal)");
    }
    return new LifPopulation.Init(e.getKey(), ab[0], ab[1]);
  }

  private static Dist dist(Node n, String what, String unit) {
    if (n.isScalar()) {
      return Dist.constant(number(n, what, unit));
    }
    Map<String, Node> m = n.asMap(what);
    if (m.size() != 1) {
      throw n.error(what + " must be a value, {uniform: [a, b]} or {normal: [mean, sd]}");
    }
    Map.Entry<String, Node> e = m.entrySet().iterator().next();
    if (!e.getKey().equals("uniform") && !e.getKey().equals("normal")) {
      throw n.keyNode(e.getKey()).error(what + ": unknown distribution '" + e.getKey() + "' (uniform, normal)");
    }
    double[] ab = pair(e.getValue(), what, unit);
    return new Dist(e.getKey(), ab[0], ab[1]);
  }

  private static Connector connector(Node n, String weightUnit) {
    if (n.isScalar()) {
      switch (n.scalar) {
        case "all_to_all":
          return new Connector.AllToAll(true);
        case "one_to_one":
          return new Connector.OneToOne();
        default:
          throw n.error("connect must be all_to_all, one_to_one, {fixed_probability: p} or {list: [...]}, got '"
              + n.scalar + "'");
      }
    }
    checkKeys(n, CONNECT, "connect");
    Map<String, Node> m = n.asMap("connect");
    boolean self = m.get("allow_self") == null || m.get("allow_self").bool("allow_self");
    if (m.get("fixed_probability") != null) {
      double p = number(m.get("fixed_probability"), "fixed_probability");
      if (!(p >= 0 && p <= 1)) {
        throw m.get("fixed_probability").error("connection probability must be in [0, 1], got " + p);
      }
      return new Connector.FixedProbability(p, self);
    }
    if (m.get("all_to_all") != null) {
      return new Connector.AllToAll(self);
    }
    if (m.get("list") != null) {
      List<Node> l = m.get("list").asList("list");
      int[] pre = new int[l.size()];
      int[] post = new int[l.size()];
      double[] w = null;
      double[] d = null;
      for (int i = 0; i < l.size(); i++) {
        List<Node> t = l.get(i).asList("synapse");
        if (t.size() < 2 || t.size() > 4) {
          throw l.get(i).error("a synapse is [pre, post] or [pre, post, weight] or [pre, post, weight, delay]");
        }
        pre[i] = (int) integer(t.get(0), "pre index");
        post[i] = (int) integer(t.get(1), "post index");
        if (t.size() >= 3) {
          if (w == null) {
            if (i > 0) {
              throw l.get(i).error("either every synapse of the list has a weight or none");
            }
            w = new double[l.size()];
          }
          w[i] = number(t.get(2), "weight", weightUnit);
        } else if (w != null) {
          throw l.get(i).error("either every synapse of the list has a weight or none");
        }
        if (t.size() == 4) {
          if (d == null) {
            if (i > 0) {
              throw l.get(i).error("either every synapse of the list has a delay or none");
            }
            d = new double[l.size()];
          }
          d[i] = number(t.get(3), "delay");
        } else if (d != null) {
          throw l.get(i).error("either every synapse of the list has a delay or none");
        }
      }
      return new Connector.Explicit(pre, post, w, d);
    }
    throw n.error("connect needs fixed_probability, all_to_all or list");
  }

  private static void checkKeys(Node n, Set<String> allowed, String where) {
    for (String k : n.asMap(where).keySet()) {
      if (!allowed.contains(k)) {
        throw n.keyNode(k).error(where + ": unknown key '" + k + "' (allowed: "
            + new java.util.TreeSet<>(allowed) + ")");
      }
    }
  }

  private static double[] pair(Node n, String what, String unit) {
    List<Node> l = n.asList(what);
    if (l.size() != 2) {
      throw n.error(what + " needs two values [a, b]");
    }
    return new double[] {number(l.get(0), what, unit), number(l.get(1), what, unit)};
  }

  private static double opt(Node p, String key, double dflt) {
    return p.get(key) == null ? dflt : number(p.get(key), key);
  }

  /** A number in the unit {@link #UNITS} declares for {@code what}. */
  static double number(Node n, String what) {
    String unit = UNITS.get(what);
    if (unit == null) {
      throw new IllegalStateException("no unit declared for network key " + what);
    }
    return number(n, what, unit);
  }

  /** A number in {@code unit}: a wrong unit is an error at the value naming the expected unit. */
  static double number(Node n, String what, String unit) {
    String s = n.text(what).trim();
    double v;
    try {
      v = SpiceNumber.parse(s, unit);
    } catch (IllegalArgumentException e) {
      throw n.error(what + ": " + e.getMessage());
    }
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw n.error(what + ": not a finite number: '" + s + "'");
    }
    return v;
  }

  /** A fraction (a plain number or a percentage) between 0 and 1, as the digits options take it. */
  private static double fraction(Node n, String what) {
    double v = number(n, what);
    if (!(v >= 0 && v <= 1)) {
      throw n.error(what + " must be between 0 and 1 (or 0% and 100%), got " + n.scalar);
    }
    return v;
  }

  private static double positive(Node n, String what) {
    double v = number(n, what);
    if (!(v > 0)) {
      throw n.error(what + " must be > 0, got " + v);
    }
    return v;
  }

  private static double integer(Node n, String what) {
    double v = number(n, what);
    if (v != Math.rint(v)) {
      throw n.error(what + " must be a whole number, got " + n.scalar);
    }
    return v;
  }
}
