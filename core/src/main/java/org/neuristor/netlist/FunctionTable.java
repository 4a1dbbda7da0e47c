package org.neuristor.netlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuristor.expr.Expression;

/**
 * {@code .param} cards and user functions ({@code .func f(x, y) = {body}}, {@code .param f(x) = body}),
 * defined in the scope they are written in; calls are inlined by the expression parser.
 */
final class FunctionTable {

  /** One {@code name = value} (or {@code f(x, y) = body}) assignment of a card, with positions. */
  record Assignment(String name, List<String> args, String value, int nameIndex, int valueIndex) {}

  /**
   * Splits the assignments of a {@code .param}-like card after {@code from}: each starts at a name
   * (optionally with an argument list) followed by a single {@code =} at nesting depth 0, and its value
   * runs to the next assignment, so values may hold spaces, commas and function calls
   * ({@code .param a = max(1, 2) b = 3}).
   */
  static List<Assignment> assignments(SourceLine sl, int from) {
    String s = sl.text;
    List<int[]> starts = new ArrayList<>(); // {nameStart, nameEnd, argsEnd or -1, valueStart}
    int depth = 0;
    boolean quote = false;
    int i = from;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (ch == '\'') {
        quote = !quote;
        i++;
        continue;
      }
      if (quote) {
        i++;
        continue;
      }
      if (ch == '(' || ch == '{') {
        depth++;
      } else if (ch == ')' || ch == '}') {
        depth--;
      }
      boolean boundary = i == from || Character.isWhitespace(s.charAt(i - 1)) || s.charAt(i - 1) == ',';
      if (depth == 0 && boundary && (Character.isLetter(ch) || ch == '_')) {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
          j++;
        }
        int nameEnd = j;
        int argsEnd = -1;
        int k = j;
        while (k < s.length() && s.charAt(k) == ' ') {
          k++;
        }
        if (k < s.length() && s.charAt(k) == '(') {
          int close = s.indexOf(')', k);
          if (close > 0 && s.substring(k + 1, close).matches("[\\w\\s,]*")) {
            argsEnd = close + 1;
            k = close + 1;
            while (k < s.length() && s.charAt(k) == ' ') {
              k++;
            }
          }
        }
        if (k < s.length() && s.charAt(k) == '=' && (k + 1 >= s.length() || s.charAt(k + 1) != '=')) {
          starts.add(new int[] {i, nameEnd, argsEnd, k + 1});
          i = k + 1;
          continue;
        }
        i = Math.max(j, i + 1);
        continue;
      }
      i++;
    }
    List<Assignment> out = new ArrayList<>();
    for (int a = 0; a < starts.size(); a++) {
      int[] st = starts.get(a);
      int end = a + 1 < starts.size() ? starts.get(a + 1)[0] : s.length();
      String raw = s.substring(st[3], end);
      String value = raw.strip();
      while (value.endsWith(",")) {
        value = value.substring(0, value.length() - 1).strip();
      }
      int valueIndex = st[3] + (raw.length() - raw.stripLeading().length());
      if (value.isEmpty()) {
        throw sl.error(st[3] - 1, "'" + s.substring(st[0], st[1]) + " =' needs a value");
      }
      List<String> args = new ArrayList<>();
      if (st[2] > 0) {
        for (String x : s.substring(s.indexOf('(', st[1]) + 1, st[2] - 1).split(",")) {
          if (!x.isBlank()) {
            args.add(x.strip().toLowerCase(Locale.ROOT));
          }
        }
      }
      out.add(new Assignment(s.substring(st[0], st[1]).toLowerCase(Locale.ROOT), st[2] > 0 ? args : null, value,
          st[0], valueIndex));
    }
    return out;
  }

  /** A {@code .param name=value ...} card: defines each parameter in the scope. */
  void params(SourceLine sl, ParamScope scope) {
    params(sl, scope, scope);
  }

  /**
   * A {@code .param}-like card whose values are defined in {@code scope} but evaluated in {@code evalIn}
   * ({@code .csparam}: constants of the {@code .control} block, evaluated among the circuit's parameters).
   */
  void params(SourceLine sl, ParamScope scope, ParamScope evalIn) {
    int from = sl.text.indexOf(' ');
    List<Assignment> as = from < 0 ? List.of() : assignments(sl, from + 1);
    if (as.isEmpty()) {
      throw sl.error(Math.max(0, from + 1), ".param needs name=value");
    }
    String head = sl.text.substring(from + 1, as.get(0).nameIndex()).strip();
    if (!head.isEmpty()) {
      throw sl.error(from + 1, ".param needs name=value, got '" + head + "'");
    }
    for (Assignment a : as) {
      if (a.args() != null) {
        scope.defineFunction(new Expression.UserFunction(a.name(), a.args(), body(a.value())));
      } else {
        scope.defineIn(a.name(), a.value(), sl, a.valueIndex(), evalIn);
      }
    }
  }

  /** The body of a user function without its braces or quotes. */
  private static String body(String v) {
    String t = v.trim();
    if (t.length() >= 2 && (t.startsWith("{") && t.endsWith("}") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static final java.util.regex.Pattern FUNC = java.util.regex.Pattern.compile(
      "(?i)^\\.func\\s+([a-z_][\\w]*)\\s*\\(([^)]*)\\)\\s*=?\\s*(.+)$");

  /** A {@code .func name(a, b) = {body}} card (the '=' is optional, as in ngspice). */
  void func(SourceLine sl, ParamScope scope) {
    java.util.regex.Matcher m = FUNC.matcher(sl.text.trim());
    if (!m.matches()) {
      throw sl.error(0, ".func needs name(arguments) = {expression}");
    }
    List<String> args = new java.util.ArrayList<>();
    for (String a : m.group(2).split(",")) {
      if (!a.isBlank()) {
        if (!a.trim().matches("[A-Za-z_]\\w*")) {
          throw sl.error(sl.text.indexOf(a.trim()), ".func argument '" + a.trim() + "' is not a name");
        }
        args.add(a.trim().toLowerCase(Locale.ROOT));
      }
    }
    scope.defineFunction(new Expression.UserFunction(m.group(1).toLowerCase(Locale.ROOT), args, body(m.group(3))));
  }
}
