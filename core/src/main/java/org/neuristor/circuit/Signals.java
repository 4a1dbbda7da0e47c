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
        int k = i;
        s.add(nm, (x, t) -> x[k]);
      }
    }
    return s;
  }

  /** Every unknown, including device states and internal nodes. */
  public static Signals all(MnaSystem sys) {
    Signals s = new Signals();
    for (int i = 0; i < sys.size(); i++) {
      int k = i;
      s.add(sys.name(i), (x, t) -> x[k]);
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
        Signals a = all(sys);
        s.names.addAll(a.names);
        s.extractors.addAll(a.extractors);
        continue;
      }
      s.add(r, resolve(sys, r));
    }
    return s;
  }

  private static Extractor resolve(MnaSystem sys, String r) {
    if (r.startsWith("v(") && r.endsWith(")")) {
      String inner = r.substring(2, r.length() - 1);
      String[] parts = inner.split(",");
      if (parts.length == 1) {
        int a = sys.node(parts[0]);
        return (x, t) -> a < 0 ? 0 : x[a];
      }
      if (parts.length == 2) {
        int a = sys.node(parts[0]);
        int b = sys.node(parts[1]);
        return (x, t) -> (a < 0 ? 0 : x[a]) - (b < 0 ? 0 : x[b]);
      }
    }
    if (r.startsWith("i(") && r.endsWith(")")) {
      String el = r.substring(2, r.length() - 1);
      int b = sys.branch(el);
      if (b >= 0) {
        return (x, t) -> x[b];
      }
      for (Element e : sys.elements()) {
        if (e.probes().contains(r)) {
          return (x, t) -> e.probe(r, x, t);
        }
      }
      throw NeuristorException.input("cannot save " + r + ": " + el + " has no branch current");
    }
    for (int i = 0; i < sys.size(); i++) {
      if (sys.name(i).equals(r)) {
        int k = i;
        return (x, t) -> x[k];
      }
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
    names.add(name);
    extractors.add(e);
  }

  public List<String> names() {
    return List.copyOf(names);
  }

  public int size() {
    return names.size();
  }

  /** Evaluates every signal into the first {@link #size()} entries of {@code out}. */
  void sample(double[] x, double t, double[] out) {
    int n = extractors.size();
    for (int k = 0; k < n; k++) {
      out[k] = extractors.get(k).value(x, t);
    }
  }
}
