package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuristor.NeuristorException;

/**
 * The signals an analysis records, named as ngspice names them: {@code v(node)}, {@code v(a,b)},
 * {@code i(vsource)} (also inductors and E/H sources), and Neuristor's device states
 * {@code element.state} (e.g. {@code nts.x}). Each signal is a cheap function of the solution.
 */
public final class Signals {
  private final List<String> names = new ArrayList<>();
  private final List<Extractor> extractors = new ArrayList<>();
  /**
   * Per signal (the first {@link #size()} entries), the unknown it is (its value x[i]), {@link #GROUND} for v(0), or
   * {@link #COMPUTED} for a signal that is not one unknown's value (a difference, a probe).
   */
  private int[] picks = new int[8];
  private static final int GROUND = -1;
  private static final int COMPUTED = -2;
  /** Whether every signal is an unknown's value or 0 (no {@link #COMPUTED} one): {@link #sample} then reads x directly. */
  private boolean plain = true;

  @FunctionalInterface
  interface Extractor {
    double value(double[] x, double t);
  }

  private Signals() {}

  /**
   * ngspice's default selection: every node voltage and every branch current of voltage sources,
   * inductors and voltage-defined controlled sources.
   */
  public static Signals defaults(MnaSystem sys) {
    Signals s = new Signals();
    for (int i = 0; i < sys.size(); i++) {
      String nm = sys.name(i);
      if ((sys.kind(i) == MnaSystem.Kind.NODE && !nm.contains("#")) || (sys.kind(i) == MnaSystem.Kind.BRANCH
          && !nm.contains("#"))) {
        s.add(nm, i);
      }
    }
    return s;
  }

  /** Every unknown, including device states and internal nodes. */
  public static Signals all(MnaSystem sys) {
    Signals s = new Signals();
    for (int i = 0; i < sys.size(); i++) {
      s.add(sys.name(i), i);
    }
    return s;
  }

  /** The named signals; throws a user error naming an unknown signal and listing what exists. */
  public static Signals of(MnaSystem sys, List<String> requested) {
    if (requested.isEmpty()) {
      return defaults(sys);
    }
    Signals s = new Signals();
    for (String raw : requested) {
      String r = raw.trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (r.equals("all")) {
        for (int i = 0; i < sys.size(); i++) {
          s.add(sys.name(i), i);
        }
        continue;
      }
      int pick = pick(sys, r);
      if (pick != COMPUTED) {
        s.add(r, pick);
      } else {
        s.add(r, resolve(sys, r));
      }
    }
    return s;
  }

  /**
   * The unknown whose value signal r is ({@link #GROUND} for a node voltage of ground), or {@link #COMPUTED} when r
   * is anything else ({@link #resolve} then makes its extractor, or names the error).
   */
  private static int pick(MnaSystem sys, String r) {
    if (r.startsWith("v(") && r.endsWith(")")) {
      String[] parts = r.substring(2, r.length() - 1).split(",");
      if (parts.length == 1) {
        int a = sys.node(parts[0]);
        return a < 0 ? GROUND : a;
      }
      if (parts.length == 2) {
        return COMPUTED; // a difference
      }
    }
    if (r.startsWith("i(") && r.endsWith(")")) {
      int b = sys.branch(r.substring(2, r.length() - 1));
      return b >= 0 ? b : COMPUTED;
    }
    for (int i = 0; i < sys.size(); i++) {
      if (sys.name(i).equals(r)) {
        return i;
      }
    }
    return COMPUTED;
  }

  /** The extractor of a signal that {@link #pick} found to be {@link #COMPUTED}, or the user error naming it. */
  private static Extractor resolve(MnaSystem sys, String r) {
    if (r.startsWith("v(") && r.endsWith(")")) {
      String[] parts = r.substring(2, r.length() - 1).split(",");
      if (parts.length == 2) {
        int a = sys.node(parts[0]);
        int b = sys.node(parts[1]);
        return (x, t) -> (a < 0 ? 0 : x[a]) - (b < 0 ? 0 : x[b]);
      }
    }
    if (r.startsWith("i(") && r.endsWith(")")) {
      for (Element e : sys.elements()) {
        if (e.probes().contains(r)) {
          return (x, t) -> e.probe(r, x, t);
        }
      }
      throw NeuristorException.input("cannot save " + r + ": " + r.substring(2, r.length() - 1)
          + " has no branch current");
    }
    for (Element e : sys.elements()) {
      if (e.probes().contains(r)) {
        return (x, t) -> e.probe(r, x, t);
      }
    }
    throw NeuristorException.input("unknown signal " + r + "; use v(node), v(a,b), i(source) or a state such as "
        + firstState(sys));
  }

  private static String firstState(MnaSystem sys) {
    for (int i = 0; i < sys.size(); i++) {
      if (sys.kind(i) == MnaSystem.Kind.STATE) {
        return sys.name(i);
      }
    }
    return "element.state";
  }

  private void add(String name, Extractor e) {
    add(name, COMPUTED, e);
  }

  /** Adds a signal that is the value of unknown {@code pick} (or 0 for {@link #GROUND}). */
  private void add(String name, int pick) {
    add(name, pick, pick == GROUND ? (x, t) -> 0 : (x, t) -> x[pick]);
  }

  private void add(String name, int pick, Extractor e) {
    names.add(name);
    extractors.add(e);
    int k = names.size() - 1;
    if (k == picks.length) {
      picks = java.util.Arrays.copyOf(picks, 2 * k); // doubling: Signals.all of a large circuit adds one per unknown
    }
    picks[k] = pick;
    plain &= pick != COMPUTED;
  }

  /**
   * The unknown each signal is the value of (-1 for ground's voltage, which is 0), or null when some signal is
   * computed otherwise: then {@link #sample} is the way to read them.
   */
  int[] picks() {
    return plain ? java.util.Arrays.copyOf(picks, names.size()) : null;
  }

  public List<String> names() {
    return List.copyOf(names);
  }

  public int size() {
    return names.size();
  }

  /** Evaluates every signal into the first {@link #size()} entries of {@code out}. */
  void sample(double[] x, double t, double[] out) {
    if (plain) {
      int[] p = picks;
      for (int k = 0, n = names.size(); k < n; k++) {
        out[k] = p[k] < 0 ? 0 : x[p[k]];
      }
      return;
    }
    int n = extractors.size();
    for (int k = 0; k < n; k++) {
      out[k] = extractors.get(k).value(x, t);
    }
  }
}
