package org.neuristor.netlist;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuristor.expr.Expression;
import org.neuristor.expr.ExpressionException;

/**
 * Nested {@code .param} scopes (global, subcircuit, instance) with lazy evaluation and detection
 * of circular definitions.
 */
final class ParamScope {
  private final ParamScope parent;
  private final Map<String, Def> defs = new LinkedHashMap<>();
  private final Map<String, Double> values = new HashMap<>();
  private final Deque<String> evaluating;

  /** A definition and where it was written. */
  record Def(String text, SourceLine line, int index, ParamScope evalScope) {}

  private final java.util.function.Function<String, Double> fallback;
  private final Map<String, Expression.UserFunction> functions = new HashMap<>();
  private java.util.random.RandomGenerator random;

  /** Defines a user function in this scope ({@code .func} or {@code .param f(x) = ...}). */
  void defineFunction(Expression.UserFunction f) {
    functions.put(f.name(), f);
  }

  /** Sets the seeded generator of agauss/gauss/aunif/unif (top-level scope). */
  void random(java.util.random.RandomGenerator r) {
    this.random = r;
  }

  /** What expressions in this scope may call: user functions up the scope chain, the random draws. */
  Expression.Context context() {
    return new Expression.Context() {
      @Override
      public Expression.UserFunction function(String name) {
        for (ParamScope p = ParamScope.this; p != null; p = p.parent) {
          Expression.UserFunction f = p.functions.get(name);
          if (f != null) {
            return f;
          }
        }
        return null;
      }

      @Override
      public java.util.random.RandomGenerator random() {
        ParamScope p = ParamScope.this;
        while (p.parent != null) {
          p = p.parent;
        }
        return p.random;
      }

      @Override
      public Double param(String name) {
        return get(name);
      }
    };
  }

  ParamScope(ParamScope parent) {
    this.parent = parent;
    this.evaluating = parent == null ? new ArrayDeque<>() : parent.evaluating;
    this.fallback = null;
  }

  private ParamScope(java.util.function.Function<String, Double> lookup) {
    this.parent = null;
    this.evaluating = new ArrayDeque<>();
    this.fallback = lookup;
  }

  /** A scope that resolves names with a lookup (e.g. a compiled netlist's top-level parameters). */
  static ParamScope over(java.util.function.Function<String, Double> lookup) {
    return new ParamScope(lookup);
  }

  void define(String name, String text, SourceLine line, int index) {
    defs.put(name, new Def(text, line, index, this));
    values.remove(name);
  }

  /** Defines a value evaluated in another scope (instance parameters are evaluated in the caller's scope). */
  void defineIn(String name, String text, SourceLine line, int index, ParamScope evalScope) {
    defs.put(name, new Def(text, line, index, evalScope));
    values.remove(name);
  }

  /** The definition a name resolves to (this scope, then its parents), or null (undefined or set as a value). */
  Def definition(String name) {
    for (ParamScope p = this; p != null; p = p.parent) {
      Def d = p.defs.get(name);
      if (d != null) {
        return d;
      }
      if (p.values.containsKey(name)) {
        return null;
      }
    }
    return null;
  }

  /** The names this scope defines itself (not its parents'), in the order written. */
  java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(defs.keySet());
  }

  /**
   * Refuses in each definition of this scope that no value used what {@link #evaluate} would refuse there, without
   * evaluating it: ngspice evaluates every {@code .param}, and a subcircuit's parameters for each
   * instance, so letters that are no unit ({@code .param x=5kq}, {@code .param y={2kq*3}}), which ngspice reads
   * silently, and an unknown parameter or function, which ngspice refuses, are refused at the definition even when no
   * value reads it. A used one was refused where it was read, naming the quantity where known.
   */
  void checkUnused() {
    for (Map.Entry<String, Def> e : defs.entrySet()) {
      Def d = e.getValue();
      if (!values.containsKey(e.getKey())) {
        read(d.text(), d.line(), d.index(), d.evalScope(), Reading.CHECK);
      }
    }
  }

  /** Whether {@link #get} finds a value or a definition of {@code name} (without evaluating it). */
  private boolean known(String name) {
    for (ParamScope p = this; p != null; p = p.parent) {
      if (p.values.containsKey(name) || p.defs.containsKey(name)) {
        return true;
      }
      if (p.parent == null && p.fallback != null) {
        return p.fallback.apply(name) != null;
      }
    }
    return false;
  }

  /**
   * What an expression checked without evaluating may call: this scope's user functions, and random draws from a
   * throwaway generator (so that the netlist's seeded sequence, which the used values draw from, stays as it is), their
   * arguments' parameters known but not evaluated.
   */
  private Expression.Context checking() {
    Expression.Context real = context();
    java.util.random.RandomGenerator throwaway = new java.util.SplittableRandom(0);
    return new Expression.Context() {
      @Override
      public Expression.UserFunction function(String name) {
        return real.function(name);
      }

      @Override
      public java.util.random.RandomGenerator random() {
        return throwaway;
      }

      @Override
      public Double param(String name) {
        return known(name) ? 1.0 : null;
      }
    };
  }

  /**
   * Refuses the letters that are no unit in a value text that is not evaluated here, as {@link #evaluate} would
   * (a subcircuit's parameter default, which an instance may replace: ngspice then never reads it, but the letters are
   * a typo all the same). Other errors are reported where the value is evaluated.
   */
  static void checkLetters(String text, SourceLine line, int index, ParamScope scope) {
    read(text, line, index, scope, Reading.LETTERS);
  }

  void set(String name, double value) {
    values.put(name, value);
  }

  /** Value of a parameter, or null if no scope defines it. */
  Double get(String name) {
    Double v = values.get(name);
    if (v != null) {
      return v;
    }
    Def d = defs.get(name);
    if (d != null) {
      String key = System.identityHashCode(this) + ":" + name;
      if (evaluating.contains(key)) {
        StringBuilder cycle = new StringBuilder();
        for (String k : evaluating) {
          cycle.insert(0, k.substring(k.indexOf(':') + 1) + " -> ");
        }
        throw d.line().error(d.index(), "circular .param definition: " + cycle + name);
      }
      evaluating.push(key);
      try {
        double val = evaluate(d.text(), d.line(), d.index(), d.evalScope() == this ? this : d.evalScope());
        values.put(name, val);
        return val;
      } finally {
        evaluating.pop();
      }
    }
    if (parent == null) {
      return fallback == null ? null : fallback.apply(name);
    }
    return parent.get(name);
  }

  /** Evaluates a value text ({@code {expr}}, {@code 'expr'}, a number or a parameter name). */
  static double evaluate(String text, SourceLine line, int index, ParamScope scope) {
    return read(text, line, index, scope, Reading.EVALUATE);
  }

  /** How {@link #read} reads a value text. */
  private enum Reading {
    /** Its value. */
    EVALUATE,
    /** What evaluating it would refuse (a number's letters, an expression's syntax, functions and names), NaN. */
    CHECK,
    /** Only letters that are no unit, NaN. */
    LETTERS
  }

  /**
   * Reads a value text: evaluates it, or checks it without evaluating it (no parameter's value is asked for and no
   * random draw taken from the netlist's generator).
   */
  private static double read(String text, SourceLine line, int index, ParamScope scope, Reading how) {
    String t = text.trim();
    int shift = 0;
    if (t.length() >= 2 && (t.startsWith("{") && t.endsWith("}") || t.startsWith("'") && t.endsWith("'"))) {
      t = t.substring(1, t.length() - 1);
      shift = 1;
    }
    double n = org.neuristor.expr.SpiceNumber.parse(t);
    if (!Double.isNaN(n)) {
      String why = org.neuristor.expr.UnitLetters.noUnit(t);
      if (why != null) {
        throw line.error(index + shift, why);
      }
      return n;
    }
    try {
      if (how == Reading.EVALUATE) {
        return Expression.parse(t, scope.context()).evaluate(scope::get);
      }
      Expression x = Expression.parse(t, scope.checking());
      if (how == Reading.CHECK) {
        x.check(scope::known);
      }
      return Double.NaN;
    } catch (ExpressionException e) {
      if (how == Reading.LETTERS && !e.letters()) {
        return Double.NaN;
      }
      int at = index + shift + e.offset();
      String msg = e.getMessage();
      if (!e.letters() && shift == 0 && !t.isEmpty() && !Character.isLetter(t.charAt(0)) && !t.startsWith("(")) {
        msg = "bad number '" + text + "'";
        at = index;
      }
      throw line.error(at, msg);
    }
  }
}
