package org.neuristor.netlist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;

/**
 * One element card being parsed: reads its tokens in order (nodes, values, model, key=value pairs)
 * and reports every problem at the token's {@code file:line:col}.
 */
final class Card {
  final SourceLine sl;
  final List<Token> toks;
  /** The flattened element name, e.g. {@code r.x1.r1}. */
  final String name;
  final Expander.Frame frame;
  int k = 1;
  private int terminal;

  Card(SourceLine sl, List<Token> toks, String name, Expander.Frame frame) {
    this.sl = sl;
    this.toks = toks;
    this.name = name;
    this.frame = frame;
  }

  char kind() {
    return Character.toLowerCase(toks.get(0).text().charAt(0));
  }

  ParamScope params() {
    return frame.scope().params;
  }

  boolean hasMore() {
    return k < toks.size();
  }

  String peek() {
    return toks.get(k).lower();
  }

  Token token() {
    return toks.get(k);
  }

  /** No tokens may remain on the line. */
  void end() {
    if (k < toks.size()) {
      Token t = toks.get(k);
      throw sl.error(t.index(), "unexpected '" + t.text() + "' after the values of " + name);
    }
  }

  NetlistException error(String msg) {
    return sl.error(0, msg);
  }

  NetlistException errorAt(Token t, String msg) {
    return sl.error(t.index(), msg);
  }

  NetlistException errorAtPrevious(String msg) {
    return sl.error(toks.get(k - 1).index(), msg);
  }

  /** Reads {@code count} terminal nodes, mapped to their flattened names. */
  String[] nodes(int count, String needs) {
    String[] r = new String[count];
    for (int i = 0; i < count; i++) {
      if (k >= toks.size() || toks.get(k).text().contains("=")) {
        int at = k < toks.size() ? toks.get(k).index() : sl.text.length();
        throw sl.error(at, name + " needs " + needs);
      }
      Token t = toks.get(k++);
      r[i] = frame.terminal(name, terminal++, t, sl);
    }
    return r;
  }

  String word(String what) {
    if (k >= toks.size()) {
      throw sl.error(sl.text.length(), name + " needs a " + what);
    }
    return toks.get(k++).lower();
  }

  double value(String what) {
    if (k >= toks.size()) {
      throw sl.error(sl.text.length(), name + " needs a " + what);
    }
    return number(toks.get(k++), what + " of " + name);
  }

  /** A value written bare or as {@code key=value}. */
  double valueOrKey(String key, String what) {
    if (k < toks.size() && toks.get(k).lower().startsWith(key + "=")) {
      Token t = toks.get(k++);
      return number(new Token(t.text().substring(key.length() + 1), t.index() + key.length() + 1), what + " of " + name);
    }
    return value(what);
  }

  /** Whether the next token is a value (a number, an expression or a parameter name), not a key or a word. */
  boolean nextIsValue() {
    if (k >= toks.size()) {
      return false;
    }
    String s = toks.get(k).text();
    return !s.contains("=") && isValue(s);
  }

  boolean isValue(String s) {
    return !Double.isNaN(org.neuristor.expr.SpiceNumber.parse(s)) || s.startsWith("{") || s.startsWith("'")
        || s.startsWith("-") || s.startsWith("+") || s.startsWith(".") || params().get(s.toLowerCase(Locale.ROOT)) != null;
  }

  /** The remaining {@code key=value} tokens, keys in lower case, in order; a bare word is an error. */
  Map<String, Double> keyValues() {
    Map<String, Double> r = new LinkedHashMap<>();
    while (k < toks.size()) {
      Token t = toks.get(k++);
      int eq = t.text().indexOf('=');
      if (eq <= 0) {
        throw sl.error(t.index(), "expected name=value, got '" + t.text() + "'");
      }
      r.put(t.text().substring(0, eq).toLowerCase(Locale.ROOT),
          number(new Token(t.text().substring(eq + 1), t.index() + eq + 1), t.text().substring(0, eq)));
    }
    return r;
  }

  /**
   * The remaining instance parameters: {@code key=value} pairs and the given flags (e.g. {@code off}),
   * a flag reading as 1.
   */
  Map<String, Double> instanceParameters(String... flags) {
    Map<String, Double> r = new LinkedHashMap<>();
    while (k < toks.size()) {
      Token t = toks.get(k);
      if (!t.text().contains("=") && List.of(flags).contains(t.lower())) {
        r.put(t.lower(), 1.0);
        k++;
      } else if (t.text().contains("=")) {
        int eq = t.text().indexOf('=');
        k++;
        r.put(t.text().substring(0, eq).toLowerCase(Locale.ROOT),
            number(new Token(t.text().substring(eq + 1), t.index() + eq + 1), t.text().substring(0, eq) + " of " + name));
      } else {
        throw sl.error(t.index(), "unexpected '" + t.text() + "' in " + name + " (expected name=value"
            + (flags.length > 0 ? " or " + String.join("/", flags) : "") + ")");
      }
    }
    return r;
  }

  /** Reads a model name and checks its type. */
  Model model(String... types) {
    if (k >= toks.size()) {
      throw sl.error(sl.text.length(), name + " needs a model name");
    }
    Token t = toks.get(k++);
    Model m = frame.scope().model(t.lower());
    if (m == null) {
      throw sl.error(t.index(), "unknown model '" + t.text() + "'");
    }
    if (!List.of(types).contains(m.type())) {
      throw sl.error(t.index(), "model " + m.name() + " has type " + m.type() + ", " + name + " needs "
          + String.join(" or ", types));
    }
    return frame.expander().altered(m);
  }

  /** Evaluates a value token in this card's parameter scope, with a positioned error. */
  double number(Token t, String what) {
    return ControlCards.number(sl, t, params(), what);
  }

  /** Runs an element constructor; an engine error becomes an error at this card's line. */
  <T> T guarded(Supplier<T> s) {
    return guarded(sl, s);
  }

  static <T> T guarded(SourceLine sl, Supplier<T> s) {
    try {
      return s.get();
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      throw sl.error(0, e.getMessage());
    }
  }
}
