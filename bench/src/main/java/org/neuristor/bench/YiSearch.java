package org.neuristor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.neuristor.behaviour.BehaviourRunner;
import org.neuristor.behaviour.Behaviours;
import org.neuristor.behaviour.Scale;
import org.neuristor.behaviour.Subject;
import org.neuristor.behaviour.Subjects;

/**
 * The search for the passive values of one Yi variant ({@code yi-phasic} or {@code yi-mixed}): seeded
 * random sampling, log-uniform over a factor {@link #SPAN} either side of the netlist's values, then
 * local perturbation around the best. Each candidate runs the 23 behaviour protocols
 * ({@code neuron behaviours}, unchanged classifier); the score is the number of behaviours reached by
 * the three Yi variants together (the other two at their shipped values), ties broken by the
 * candidate's own count; a candidate whose rheobase exceeds {@link #MAX_RHEOBASE} scores nothing.
 * Devices and biases stay as in {@code yi.cir}.
 * Run: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.YiSearch VARIANT [n] [rounds] [seed]}
 * (docs/behaviours.md gives the runs behind the shipped values).
 */
public final class YiSearch {
  private YiSearch() {}

  /** Varied parameters of each variant (its passive elements). */
  static final Map<String, String[]> KEYS = Map.of("yi-phasic", new String[] {"rs", "cin", "rl2", "c1", "c2"},
      "yi-mixed", new String[] {"rin", "cin", "rl2", "c1", "c2"});

  /**
   * Largest acceptable rheobase (V): a candidate needing more input than this for a step to fire
   * reaches nothing (the first run, without this bound, picked a 264 V rheobase; docs/behaviours.md).
   */
  static final double MAX_RHEOBASE = 5;

  /** Sampling span: a factor of 3 either side of the netlist value. */
  static final double SPAN = 3;

  record Score(double[] x, int union, int own, TreeSet<String> passed) {}

  static TreeSet<String> passed(String variant, Map<String, String> p) {
    TreeSet<String> ids = new TreeSet<>();
    try {
      Subject s = Subjects.of(variant, p);
      Scale sc = Scale.measure(s);
      if (sc.rheobase() > MAX_RHEOBASE) {
        return ids;
      }
      for (BehaviourRunner.Outcome o : BehaviourRunner.run(s, sc, Behaviours.all(), null)) {
        if (o.pass()) {
          ids.add(o.behaviour().id());
        }
      }
    } catch (RuntimeException e) {
      // a candidate that cannot be simulated or has no rheobase reaches nothing
    }
    return ids;
  }

  static Map<String, String> params(String variant, double[] x) {
    Map<String, String> m = new LinkedHashMap<>();
    String[] k = KEYS.get(variant);
    for (int j = 0; j < k.length; j++) {
      m.put(k[j], String.format(Locale.ROOT, "%.3g", x[j]));
    }
    return m;
  }

  public static void main(String[] args) {
    String variant = args.length > 0 ? args[0] : "yi-mixed";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 11;
    String[] keys = KEYS.get(variant);
    if (keys == null) {
      throw new IllegalArgumentException("variant must be one of " + KEYS.keySet());
    }
    TreeSet<String> others = new TreeSet<>();
    for (String v : List.of("yi", "yi-phasic", "yi-mixed")) {
      if (!v.equals(variant)) {
        TreeSet<String> p = passed(v, Map.of());
        System.out.println(v + " (shipped): " + p.size() + " " + p);
        others.addAll(p);
      }
    }
    Map<String, String> defaults = org.neuristor.library.NeuronLibrary.get(variant).parameters();
    double[] x0 = new double[keys.length];
    for (int j = 0; j < keys.length; j++) {
      x0[j] = org.neuristor.expr.SpiceNumber.parse(defaults.get(keys[j]));
    }
    Score best = score(variant, x0, others);
    System.out.println("shipped " + describe(variant, best));
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < n; k++) {
      double[] x = new double[keys.length];
      for (int j = 0; j < x.length; j++) {
        x[j] = x0[j] * Math.pow(SPAN, 2 * rng.nextDouble() - 1);
      }
      best = better(best, score(variant, x, others), variant);
    }
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 6; k++) {
        double[] x = best.x().clone();
        for (int j = 0; j < x.length; j++) {
          x[j] *= Math.exp(0.3 * (2 * rng.nextDouble() - 1));
        }
        best = better(best, score(variant, x, others), variant);
      }
      System.out.println("round " + r + " best " + describe(variant, best));
    }
    System.out.println("best " + describe(variant, best));
  }

  static Score score(String variant, double[] x, TreeSet<String> others) {
    TreeSet<String> p = passed(variant, params(variant, x));
    TreeSet<String> u = new TreeSet<>(others);
    u.addAll(p);
    return new Score(x, u.size(), p.size(), p);
  }

  static Score better(Score best, Score s, String variant) {
    System.out.println("  " + describe(variant, s));
    return s.union() > best.union() || s.union() == best.union() && s.own() > best.own() ? s : best;
  }

  static String describe(String variant, Score s) {
    return String.format(Locale.ROOT, "union %d own %d %s %s", s.union(), s.own(), s.passed(), params(variant, s.x()));
  }
}
