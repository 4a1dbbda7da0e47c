package org.neuristor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neuristor.behaviour.Behaviour;
import org.neuristor.behaviour.BehaviourRunner;
import org.neuristor.behaviour.Behaviours;
import org.neuristor.behaviour.Scale;
import org.neuristor.behaviour.Subject;
import org.neuristor.behaviour.Subjects;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.measure.FiringPattern;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;

/**
 * The seeded search for Yi's per-behaviour parameter sets ({@code yi-behaviours.yaml},
 * docs/behaviours.md). Yi et al. (2018) measure each of the 23 behaviours on one of three circuits
 * (tonic, phasic, mixed mode) with its own bias and component values (their Fig. 4: "see
 * Supplementary Figs. 10-34", one figure per behaviour); this search does the same within our three
 * variants' topologies.
 *
 * <p>Each candidate is one variant (in turn {@code yi}, {@code yi-phasic}, {@code yi-mixed}) with:
 * its five passive elements log-uniform within a factor {@link #SPAN} of the netlist values; the two
 * bias sources {@code vdc1}, {@code vdc2} uniform in [{@link #BIAS_LO}, {@link #BIAS_HI}] V (below
 * the devices' 7.09 V threshold at rest); and, for every second candidate, the devices' substrate
 * node (the {@code vo2} thermal ladder: {@code cth2} = cth x 10^U(1, 3), {@code sth2} = sth x
 * 10^U(0.3, 1.5)), the slow variable of the same devices. The devices are unchanged otherwise. A
 * candidate runs the behaviour protocols under test ({@code neuron behaviours}, unchanged classifier);
 * one that fires at rest, or whose rheobase is above {@link #MAX_RHEOBASE}, reaches nothing, and a
 * response that settles in another state than it began does not count
 * ({@link BehaviourRunner.Outcome#returnsToRest}; the first runs accepted three such latches as J, L
 * and Q), nor one whose spike state rests above its spike level ({@link #restsBelowSpikeLevel}), nor an
 * after-potential whose hump is a notch in the spike ({@link #humpFollowsRepolarization}). For each
 * behaviour the first candidate (in order) that reaches it is reported as a {@code yi-behaviours.yaml}
 * entry, and later candidates no longer run its protocol.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.YiSearch [n] [seed] [IDS] [SPACE]}
 * (IDS: behaviour letters, default the ones the default-valued variants do not reach; SPACE:
 * {@code plain} (default), {@code ladder}, {@code wide}, {@code near} or {@code adapt}, see {@link Space}); local
 * rounds around a set:
 * {@code YiSearch local VARIANT k=v,... IDS n seed [span]} (see {@link #local}).
 */
public final class YiSearch {
  private YiSearch() {}

  /** The three variants and their five passive elements. */
  static final Map<String, String[]> PASSIVES = new LinkedHashMap<>();

  static {
    PASSIVES.put("yi", new String[] {"rl1", "rl2", "rout", "c1", "c2"});
    PASSIVES.put("yi-phasic", new String[] {"rs", "cin", "rl2", "c1", "c2"});
    PASSIVES.put("yi-mixed", new String[] {"rin", "cin", "rl2", "c1", "c2"});
    PASSIVES.put("yi-adapt", new String[] {"rin", "rb", "cb", "rl2", "c2"});
  }

  /**
   * Largest acceptable rheobase (V): a candidate needing more input than this for a step to fire
   * reaches nothing (an earlier unconstrained run picked a 264 V rheobase; docs/behaviours.md).
   */
  static final double MAX_RHEOBASE = 5;

  /**
   * The largest acceptable rheobase of a candidate: {@link #MAX_RHEOBASE}, scaled with the biases
   * (their mean over 7 V) when the candidate sets the devices' base temperature {@code t0}: a cooler
   * base raises the devices' threshold (12.8 V at 310 K) and every voltage of the circuit with it.
   */
  static double maxRheobase(Map<String, String> params) {
    if (!params.containsKey("t0")) {
      return MAX_RHEOBASE;
    }
    double mean = 0.5 * (SpiceNumber.parse(params.get("vdc1")) + SpiceNumber.parse(params.get("vdc2")));
    return MAX_RHEOBASE * Math.max(1, mean / 7);
  }

  /** Smallest acceptable rheobase (V): below it the candidate fires at (almost) no input. */
  static final double MIN_RHEOBASE = 0.05;

  /** Sampling span of the passives: a factor of 3 either side of the netlist value. */
  static final double SPAN = 3;

  /** Sampling span of the passives in the wide space. */
  static final double WIDE_SPAN = 10;

  /**
   * Bias range (V): below the 7.09 V threshold of the devices at rest; a first run from 6.2 V spent
   * most candidates on rheobases above {@link #MAX_RHEOBASE}.
   */
  static final double BIAS_LO = 6.7;

  static final double BIAS_HI = 7.05;

  /** The zhang2024 device's film thermal capacitance (J/K) and conductance (W/K), the ladder's scale. */
  static final double CTH = 49.62776831e-12;

  static final double STH = 0.20558726e-3;

  /** One candidate: variant and parameter overrides. */
  record Candidate(int index, String variant, Map<String, String> params) {}

  /** The devices' static threshold (V) at rest without a substrate node (zhang2024 at t0 = 325 K). */
  static final double VTH = 7.09;

  /**
   * The sampling spaces. {@code plain}: biases in [{@link #BIAS_LO}, {@link #BIAS_HI}] V, the
   * substrate node on every second group of three candidates (cth2 = cth 10^U(1, 3), sth2 = sth
   * 10^U(0.3, 1.5)). {@code ladder}: the substrate node on every candidate, wider (cth2 = cth
   * 10^U(1, 3.5), sth2 = sth 10^U(-0.5, 1.5)), and the biases as a fraction U(0.945, 0.994) of the
   * static threshold with the node: a static threshold scales as the square root of the film's total
   * conductance to the base, V_th' = V_th sqrt(S / S_th) with 1/S = 1/S_th + 1/S_th2 (V^2/R(T) = S (T -
   * T_0) at the same film temperature), so the biases keep their distance from it (the plain space
   * biased most ladder candidates above it: they latched on at rest). {@code wide}: as plain without
   * the substrate node, the passives within a factor {@link #WIDE_SPAN} (c1 much larger than c2 makes
   * X1's slow relaxation gate X2's fast one: bursts). {@code near}: as plain, the bias sources in
   * [{@link #NEAR_LO}, {@link #NEAR_HI}] V. {@code adapt}: the {@code yi-adapt} circuit only (see
   * {@link #ADAPT_VDC1_LO}).
   */
  enum Space { PLAIN, LADDER, WIDE, NEAR, ADAPT }

  /** The variants the plain, ladder, wide and near spaces cycle through (in this order). */
  static final List<String> CYCLED = List.of("yi", "yi-phasic", "yi-mixed");

  /**
   * The {@code adapt} space: {@code yi-adapt} only, its five passives within {@link #SPAN} of the
   * netlist values, vdc1 in [{@link #ADAPT_VDC1_LO}, {@link #ADAPT_VDC1_HI}] V (X1's load resistor rb
   * takes part of the source's voltage at rest) and vdc2 in [{@link #BIAS_LO}, {@link #BIAS_HI}] V.
   */
  static final double ADAPT_VDC1_LO = 7.0;

  static final double ADAPT_VDC1_HI = 7.6;

  /**
   * Bias range of the {@code near} space (V): the sources above the devices' 7.09 V static threshold,
   * so that the devices themselves sit just below it at rest (the netlists' dividers put about 0.4 V
   * (X1) and 1.2 V (X2) of the source across the rest of the circuit); whether a candidate rests is
   * decided by its rheobase ({@link #MIN_RHEOBASE}).
   */
  static final double NEAR_LO = 7.05;

  static final double NEAR_HI = 7.45;

  static Candidate sample(int index, SplittableRandom rng) {
    return sample(index, rng, Space.PLAIN);
  }

  static Candidate sample(int index, SplittableRandom rng, Space space) {
    if (space == Space.LADDER) {
      return sampleLadder(index, rng);
    }
    List<String> variants = space == Space.ADAPT ? List.of("yi-adapt") : CYCLED;
    String variant = variants.get(index % variants.size());
    Map<String, String> p = passives(variant, space == Space.WIDE ? WIDE_SPAN : SPAN, rng);
    double lo = space == Space.NEAR ? NEAR_LO : space == Space.ADAPT ? ADAPT_VDC1_LO : BIAS_LO;
    double hi = space == Space.NEAR ? NEAR_HI : space == Space.ADAPT ? ADAPT_VDC1_HI : BIAS_HI;
    p.put("vdc1", String.format(Locale.ROOT, "%.3f", lo + (hi - lo) * rng.nextDouble()));
    lo = space == Space.NEAR ? NEAR_LO : BIAS_LO;
    hi = space == Space.NEAR ? NEAR_HI : BIAS_HI;
    p.put("vdc2", String.format(Locale.ROOT, "%.3f", lo + (hi - lo) * rng.nextDouble()));
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    if (space == Space.PLAIN && (index / variants.size()) % 2 == 1) {
      p.put("cth2", fmt(CTH * Math.pow(10, 1 + 2 * u1)));
      p.put("sth2", fmt(STH * Math.pow(10, 0.3 + 1.2 * u2)));
    }
    return new Candidate(index, variant, p);
  }

  /** The variant's five passives, log-uniform within a factor {@code span} of the netlist values. */
  static Map<String, String> passives(String variant, double span, SplittableRandom rng) {
    Map<String, String> defaults = NeuronLibrary.get(variant).parameters();
    Map<String, String> p = new LinkedHashMap<>();
    for (String k : PASSIVES.get(variant)) {
      double x0 = SpiceNumber.parse(defaults.get(k));
      p.put(k, fmt(x0 * Math.pow(span, 2 * rng.nextDouble() - 1)));
    }
    return p;
  }

  static Candidate sampleLadder(int index, SplittableRandom rng) {
    List<String> variants = CYCLED;
    String variant = variants.get(index % variants.size());
    Map<String, String> p = passives(variant, SPAN, rng);
    double cth2 = CTH * Math.pow(10, 1 + 2.5 * rng.nextDouble());
    double sth2 = STH * Math.pow(10, -0.5 + 2 * rng.nextDouble());
    double vth = VTH * Math.sqrt(sth2 / (STH + sth2));
    double lo = BIAS_LO / VTH;
    double hi = BIAS_HI / VTH;
    p.put("vdc1", String.format(Locale.ROOT, "%.3f", vth * (lo + (hi - lo) * rng.nextDouble())));
    p.put("vdc2", String.format(Locale.ROOT, "%.3f", vth * (lo + (hi - lo) * rng.nextDouble())));
    p.put("cth2", fmt(cth2));
    p.put("sth2", fmt(sth2));
    return new Candidate(index, variant, p);
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.3g", x);
  }

  /** The behaviours of {@code ids} that the candidate reaches, with the label found for each. */
  static TreeMap<String, String> labels(Candidate c, List<Behaviour> bs) {
    TreeMap<String, String> out = new TreeMap<>();
    Subject s = Subjects.of(c.variant(), c.params());
    Scale sc = Scale.measure(s);
    if (sc.rheobase() > maxRheobase(c.params()) || sc.rheobase() < MIN_RHEOBASE) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "rheobase %.3g V out of range", sc.rheobase()));
    }
    NeuronCircuit circuit = NeuronLibrary.get(c.variant());
    for (BehaviourRunner.Outcome o : BehaviourRunner.run(s, sc, bs, null)) {
      out.put(o.behaviour().id(), !o.pass() ? o.label().label() : !restsBelowSpikeLevel(circuit, o)
          ? "pass, but the spike state rests above its spike level" : !humpFollowsRepolarization(o)
          ? "pass, but the hump is a notch in the spike" : o.returnsToRest() ? "PASS" : "pass, but a new rest");
    }
    return out;
  }

  /**
   * Whether the circuit's spike state (X2's film temperature) starts the response below its spike level
   * (350 K): a spike is an excursion from a rest below it. Round 6 found that the plain search's M set
   * (substrate node, films resting at 353 K) counted a 0.9 K dip of a resting film below 350 K and back
   * as a rebound spike (the output moved by 0.2 V). True for outcomes without a response.
   */
  static boolean restsBelowSpikeLevel(NeuronCircuit circuit, BehaviourRunner.Outcome o) {
    return o.response() == null || o.response().trace().get(circuit.spikeState())[0] < circuit.spikeLevel();
  }


  /** Default spread of the local rounds: values times exp(U(-0.3, 0.3)), biases plus U(-0.1, 0.1) V. */
  static final double LOCAL_SPAN = 0.3;

  /**
   * Largest height of the trough before a depolarizing after-potential's hump above the final level, as a
   * fraction of the spike's height: the output must have come at least halfway back from its spike.
   */
  static final double MAX_DAP_TROUGH = 0.5;

  /**
   * Whether an outcome labelled depolarizing after-potential has its hump after the spike rather than in it:
   * the first minimum after the spike's peak (the classifier's walk: the peak climbed to from the last spike,
   * then the local extrema) lies at most {@link #MAX_DAP_TROUGH} of the spike's height above the final level.
   * The classifier takes the first maximum after that peak standing 10 % of the height above the final level;
   * round 7's local Q search (seed 73, candidate 22; not the F run of that seed) found a spike whose plateau
   * dips to 82 % of its height and recovers to 87 % (X2's film cooling from 403 K to 335 K and re-heating to
   * 337 K, the output at 8.4-8.9 V) before it falls and undershoots, which that rule reads as an
   * after-potential. True for other labels and for outcomes without a response.
   */
  static boolean humpFollowsRepolarization(BehaviourRunner.Outcome o) {
    if (o.response() == null || o.label() != FiringPattern.DEPOLARIZING_AFTER_POTENTIAL) {
      return true;
    }
    double[] t = o.response().trace().axis();
    double[] v = o.response().trace().get(o.response().membrane());
    double[] spikes = o.response().spikes();
    int i = 0;
    while (i < t.length && t[i] < spikes[spikes.length - 1]) {
      i++;
    }
    int p = Math.max(0, i - 1);
    while (p + 1 < v.length && v[p + 1] >= v[p]) {
      p++;
    }
    double fin = v[v.length - 1];
    for (int k = p + 2; k < v.length - 1; k++) {
      if (v[k] < v[k - 1] && v[k + 1] >= v[k]) {
        return v[k] - fin <= MAX_DAP_TROUGH * (v[p] - fin);
      }
    }
    return true;
  }

  /**
   * A local candidate around {@code base}: each value times exp(U(-0.3, 0.3)), each bias plus
   * U(-0.1, 0.1) V, the devices' base temperature {@code t0} (if given) kept (the local rounds of a
   * search that found a neighbouring behaviour).
   */
  static Candidate local(int index, String variant, Map<String, String> base, SplittableRandom rng) {
    return local(index, variant, base, rng, LOCAL_SPAN);
  }

  /**
   * A local candidate with spread {@code span}: each value times exp(U(-span, span)), each bias plus
   * U(-span/3, span/3) V ({@link #LOCAL_SPAN} gives {@link #local(int, String, Map, SplittableRandom)}). A
   * narrow span (0.05: values within 5 %, biases within 17 mV) maps the neighbourhood of a hand probe that
   * reaches a behaviour at the edge of a regime (round 7's F set).
   */
  static Candidate local(int index, String variant, Map<String, String> base, SplittableRandom rng, double span) {
    Map<String, String> p = new LinkedHashMap<>();
    base.forEach((k, v) -> {
      double x = SpiceNumber.parse(v);
      double u = 2 * rng.nextDouble() - 1;
      p.put(k, k.equals("t0") ? v // the base temperature is chosen, not searched
          : k.startsWith("vdc") ? String.format(Locale.ROOT, "%.3f", x + span / 3 * u) : fmt(x * Math.exp(span * u)));
    });
    return new Candidate(index, variant, p);
  }

  /** {@code k=v,k=v,...} as an ordered map (empty for "" or "-"). */
  static Map<String, String> params(String kvs) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!kvs.isEmpty() && !kvs.equals("-")) {
      for (String kv : kvs.split(",")) {
        m.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
      }
    }
    return m;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("local")) {
      // local VARIANT k=v,k=v IDS n seed [span]
      double span = args.length > 6 ? Double.parseDouble(args[6]) : LOCAL_SPAN;
      Map<String, String> base = params(args[2]);
      List<Behaviour> bs = new ArrayList<>();
      for (String id : args[3].split(",")) {
        bs.add(Behaviours.get(id.trim()));
      }
      int n = Integer.parseInt(args[4]);
      SplittableRandom rng = new SplittableRandom(Long.parseLong(args[5]));
      for (int k = 0; k < n && !bs.isEmpty(); k++) {
        Candidate c = local(k, args[1], base, rng, span);
        String line;
        try {
          TreeMap<String, String> l = labels(c, bs);
          line = "labels " + l;
          l.forEach((id, v) -> {
            if (v.equals("PASS")) {
              System.out.printf(Locale.ROOT, "  - id: %s%n    variant: %s%n    origin: search local %s/%d%s%n"
                  + "    params: %s%n", id, c.variant(), args[5], c.index(), args.length > 6 ? " span " + args[6] : "",
                  c.params());
            }
          });
          bs.removeIf(b -> "PASS".equals(l.get(b.id())));
        } catch (RuntimeException e) {
          line = "rejected: " + e.getMessage();
        }
        System.out.printf(Locale.ROOT, "candidate %d %s %s: %s%n", k, c.variant(), c.params(), line);
        System.out.flush();
      }
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 12;
    String ids = args.length > 2 ? args[2] : "B,C,E,F,G,J,L,M,N,Q,T";
    Space space = args.length > 3 ? Space.valueOf(args[3].toUpperCase(Locale.ROOT)) : Space.PLAIN;
    List<Behaviour> bs = new ArrayList<>();
    for (String id : ids.split(",")) {
      bs.add(Behaviours.get(id.trim()));
    }
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, Candidate> found = new TreeMap<>();
    for (int k = 0; k < n && !bs.isEmpty(); k++) {
      Candidate c = sample(k, rng, space);
      String line;
      try {
        TreeMap<String, String> l = labels(c, bs);
        TreeSet<String> pass = new TreeSet<>();
        l.forEach((id, v) -> {
          if (v.equals("PASS")) {
            pass.add(id);
            found.putIfAbsent(id, c);
          }
        });
        line = "pass " + pass + " labels " + l;
      } catch (RuntimeException e) {
        line = "rejected: " + e.getMessage();
      }
      System.out.printf(Locale.ROOT, "candidate %d %s %s: %s%n", k, c.variant(), c.params(), line);
      System.out.flush();
      bs.removeIf(b -> found.containsKey(b.id())); // a behaviour found is not searched further
    }
    System.out.println("found " + found.size() + " of " + bs.size() + ": " + found.keySet());
    System.out.println("# yi-behaviours.yaml entries (search " + space.name().toLowerCase(Locale.ROOT) + ", seed "
        + seed + ", " + n + " candidates)");
    found.forEach((id, c) -> System.out.printf(Locale.ROOT, "  - id: %s%n    variant: %s%n    candidate: %d%n"
        + "    params: %s%n", id, c.variant(), c.index(), c.params()));
  }
}
