package org.neuristor.netlist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Analysis;
import org.neuristor.io.AtomicFiles;
import org.neuristor.netlist.control.Measure;
import org.neuristor.netlist.control.Measurement;
import org.neuristor.netlist.control.Plot;
import org.neuristor.netlist.control.Vec;
import org.neuristor.netlist.control.VecExpr;

/**
 * Runs the batch subset of ngspice's {@code .control} language:
 *
 * <ul>
 *   <li>analyses: {@code run} (the netlist's analyses and {@code .meas}), {@code op}, {@code tran},
 *       {@code dc}, {@code ac}; each makes a plot ({@code tran1}, ...) that becomes the current one;
 *   <li>variables and vectors: {@code set}/{@code unset} ({@code $name}, {@code ${name}},
 *       {@code $&vector} substitution), {@code let}/{@code unlet} with vector expressions
 *       ({@link VecExpr}), {@code setplot}, {@code linearize};
 *   <li>results: {@code meas}, {@code print}, {@code echo}, {@code wrdata} ({@code wr_singlescale},
 *       {@code wr_vecnames}), {@code write} (raw file, ascii with {@code set filetype=ascii}, else
 *       binary);
 *   <li>changes: {@code alter}, {@code altermod}, {@code alterparam} + {@code reset}, {@code option};
 *   <li>flow: {@code if}/{@code else}/{@code end}, {@code while}, {@code repeat}, {@code dowhile},
 *       {@code foreach}, {@code break}, {@code continue}, {@code quit}/{@code exit}.
 * </ul>
 *
 * Interactive and plotting commands ({@code plot}, {@code gnuplot}, {@code display}, ...) are skipped
 * with one warning each; other unknown commands are skipped with a warning naming them. Files go to
 * the run's output directory, written atomically.
 */
final class ControlInterpreter {
  private static final int MAX_LOOP = 1_000_000;
  private static final Set<String> INTERACTIVE = Set.of("plot", "gnuplot", "display", "hardcopy", "iplot",
      "asciiplot", "xgraph", "plot2d", "listing", "show", "showmod", "version", "rusage", "status", "history",
      "alias", "unalias", "destroy", "remcirc", "help", "where", "trace", "step", "stop", "resume", "delete",
      "bug", "cdump", "edit", "diff", "settype", "setcs", "compose", "inventory", "psd", "spec", "wrs2p");
  private static final Set<String> NO_EFFECT = Set.of("save", "*", "title", "snsave", "snload");

  private final DeckRunner.Session s;
  private final Map<String, String> vars = new LinkedHashMap<>();
  /**
   * The words of the variables that hold a list ({@code set l = ( 1k 2.5 abc )}, whose {@code vars} entry is the words
   * one space apart): {@code $l[2]} and {@code $#l} read them. A variable set without a value (a boolean) is in
   * {@link #flags}.
   */
  private final Map<String, List<String>> lists = new HashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final Set<String> warned = new HashSet<>();
  /** The {@code define}d functions: name to parameter names and body. */
  private final Map<String, Define> defines = new LinkedHashMap<>();

  /** A function the block defined ({@code define mismatch(a, b, err) abs(a-b)>err}). */
  private record Define(List<String> params, String body) {}
  private CircuitCompiler.Source pending;
  private boolean quit;
  private boolean breaking;
  private boolean continuing;

  ControlInterpreter(DeckRunner.Session s) {
    this.s = s;
    this.pending = s.compiled.source();
  }

  void execute(List<ControlLine> lines) {
    block(lines, 0, lines.size());
  }

  private static String word(ControlLine l) {
    String t = l.text().trim();
    int sp = 0;
    while (sp < t.length() && !Character.isWhitespace(t.charAt(sp)) && t.charAt(sp) != '=') {
      sp++;
    }
    return t.substring(0, sp).toLowerCase(Locale.ROOT);
  }

  private static String rest(ControlLine l) {
    String t = l.text().trim();
    String w = t.split("[\\s=]", 2)[0];
    return t.substring(w.length()).trim();
  }

  private NetlistException error(ControlLine l, String message) {
    return new NetlistException(l.file(), l.line(), l.column(), message);
  }

  /** Index of the {@code end} closing the block opened at {@code start}; fills {@code elseAt} for if. */
  private int matchEnd(List<ControlLine> lines, int start, int to, int[] elseAt) {
    int depth = 0;
    for (int j = start + 1; j < to; j++) {
      String w = word(lines.get(j));
      if (List.of("if", "while", "repeat", "dowhile", "foreach").contains(w)) {
        depth++;
      } else if (w.equals("end")) {
        if (depth == 0) {
          return j;
        }
        depth--;
      } else if (w.equals("else") && depth == 0 && elseAt != null && elseAt[0] < 0) {
        elseAt[0] = j;
      }
    }
    throw error(lines.get(start), word(lines.get(start)) + " without a matching end");
  }

  private void block(List<ControlLine> lines, int from, int to) {
    for (int i = from; i < to && !quit && !breaking && !continuing; i++) {
      ControlLine cl = lines.get(i);
      String w = word(cl);
      switch (w) {
        case "if" -> {
          int[] el = {-1};
          int end = matchEnd(lines, i, to, el);
          if (condition(cl, rest(cl))) {
            block(lines, i + 1, el[0] >= 0 ? el[0] : end);
          } else if (el[0] >= 0) {
            block(lines, el[0] + 1, end);
          }
          i = end;
        }
        case "while", "dowhile", "repeat", "foreach" -> {
          int end = matchEnd(lines, i, to, null);
          loop(lines, i, end, w);
          i = end;
        }
        case "break" -> breaking = true;
        case "continue" -> continuing = true;
        case "end", "else" -> throw error(cl, w + " without a matching if/while/foreach");
        default -> command(cl);
      }
    }
  }

  private void loop(List<ControlLine> lines, int start, int end, String kind) {
    ControlLine head = lines.get(start);
    String arg = rest(head);
    List<String> items = null;
    String var = null;
    int count = -1;
    if (kind.equals("foreach")) {
      String[] p = substitute(head, arg).trim().split("\\s+");
      if (p.length < 1 || p[0].isEmpty()) {
        throw error(head, "foreach needs a variable and values");
      }
      var = p[0];
      items = List.of(p).subList(1, p.length);
    } else if (kind.equals("repeat")) {
      count = arg.isEmpty() ? -1 : (int) scalar(head, substitute(head, arg));
    }
    for (int n = 0; ; n++) {
      if (n >= MAX_LOOP) {
        throw error(head, kind + " loop ran " + MAX_LOOP + " times; stopped");
      }
      if (kind.equals("foreach")) {
        if (n >= items.size()) {
          break;
        }
        assign(var, items.get(n), null);
      } else if (kind.equals("repeat")) {
        if (count >= 0 && n >= count) {
          break;
        }
      } else if (kind.equals("while") && !condition(head, arg)) {
        break;
      }
      block(lines, start + 1, end);
      continuing = false;
      if (breaking) {
        breaking = false;
        break;
      }
      if (quit || kind.equals("dowhile") && !condition(head, arg)) {
        break;
      }
    }
  }

  private boolean condition(ControlLine cl, String text) {
    String t = substitute(cl, text).trim();
    if (t.isEmpty()) {
      throw error(cl, "missing condition");
    }
    Vec v = eval(cl, t);
    return v.length() > 0 && (v.re(0) != 0 || v.im(0) != 0);
  }

  private double scalar(ControlLine cl, String text) {
    Vec v = eval(cl, text);
    if (v.length() == 0) {
      throw error(cl, "'" + text + "' has no value");
    }
    return v.re(0);
  }

  /** ngspice's constant plot ({@code const}), which holds what {@code let} made before any analysis, or null. */
  private Plot constants() {
    for (Plot p : s.plots) {
      if (p.kind().equals("const")) {
        return p;
      }
    }
    return null;
  }

  /**
   * Names are looked up as ngspice's {@code vec_get} looks them up: in the current plot, then in the constant plot
   * (so a vector made by {@code let} before a {@code run} is still read after it, as a loop counter is), then among
   * the netlist's parameters and as plot-qualified names.
   */
  private VecExpr.Scope scope() {
    return VecExpr.scope(s.current, n -> {
      Plot c = constants();
      Vec k = c == null || c == s.current ? null : c.get(n);
      if (k != null) {
        return k;
      }
      Double d = s.value(n);
      if (d != null) {
        return Vec.scalar(n, d);
      }
      int dot = n.indexOf('.');
      if (dot > 0) {
        for (Plot p : s.plots) {
          if (p.name().equalsIgnoreCase(n.substring(0, dot))) {
            return p.get(n.substring(dot + 1)); // plot-qualified: tran1.v3a
          }
        }
      }
      return null;
    });
  }

  private Vec eval(ControlLine cl, String text) {
    try {
      return VecExpr.parse(defined(cl, text)).evaluate(scope());
    } catch (VecExpr.VecException e) {
      throw error(cl, e.getMessage() + " in '" + text + "'");
    }
  }

  /**
   * {@code $name}, {@code ${name}}, {@code $&vector}, {@code $?name}, {@code $#name}, each with an optional range
   * {@code [2]}, {@code [2-3]}, {@code [$i]}: the braces only in pairs ({@code n{$i}_t}).
   */
  private static final Pattern VAR = Pattern.compile(
      "\\$(?:\\{([&?#]?)([A-Za-z_][\\w]*)\\}|([&?#]?)([A-Za-z_][\\w]*))(?:\\[([^\\]\\s]*)\\])?");

  /** Substitutes {@code $var}, {@code ${var}}, {@code $&vector}, {@code $?var}, {@code $#var} and ranges. */
  private String substitute(ControlLine cl, String text) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    Matcher m = VAR.matcher(text);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (last < text.length() && m.find(last)) {
      boolean braced = m.group(2) != null;
      String name = m.group(braced ? 2 : 4).toLowerCase(Locale.ROOT);
      String kind = m.group(braced ? 1 : 3);
      String range = m.group(5);
      int end = m.end();
      if (kind.equals("&") && !braced && range == null && end < text.length() && text.charAt(end) == '(') {
        // $&v(out), $&i(v1): ngspice takes the vector expression to its closing parenthesis (span_var_expr)
        int close = closing(text, end);
        if (close > 0) {
          name = text.substring(m.start(4), close + 1).toLowerCase(Locale.ROOT);
          end = close + 1;
        }
      }
      String rep;
      if (kind.equals("?")) {
        rep = vars.containsKey(name) ? "1" : "0"; // ngspice ignores a range here
      } else if (kind.equals("#")) {
        if (!vars.containsKey(name)) {
          throw error(cl, "$#" + name + ": no such variable");
        }
        rep = Integer.toString(lists.containsKey(name) ? lists.get(name).size() : flags.contains(name) ? 0 : 1);
      } else if (kind.equals("&") && range != null) {
        throw error(cl, "$&" + name + "[" + range + "]: ngspice-39 refuses a range after $&vector (\"no such "
            + "variable\"); write let x = " + name + "[" + range + "] and $&x");
      } else if (kind.equals("&")) {
        Vec v = eval(cl, name);
        StringBuilder vals = new StringBuilder();
        for (int k = 0; k < v.length(); k++) {
          vals.append(k == 0 ? "" : " ").append(asWord(v.re(k)));
        }
        rep = vals.toString();
      } else if (name.equals("curplot")) {
        rep = s.current == null ? "" : s.current.name();
      } else {
        rep = vars.get(name);
        if (rep == null) {
          warnOnce(cl, "variable " + name, "$" + name + " is not set");
          rep = "";
        } else if (range != null) {
          rep = String.join(" ", range(lists.getOrDefault(name, List.of(rep)), substitute(cl, range)));
        }
      }
      sb.append(text, last, m.start()).append(rep);
      last = end;
    }
    sb.append(text, last, text.length());
    return braces(sb.toString());
  }

  /** The index of the parenthesis that closes the one at {@code open}, or -1. */
  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The words of {@code $var[range]} as ngspice's vareval and wl_range take them: {@code [n]} the n-th (from 1; 0
   * reads as 1), {@code [n-m]} n to m (reversed when m < n), {@code [n-]} n to the last; an index past the end gives
   * no word; a range that does not start with a digit reads as 0.
   */
  static List<String> range(List<String> words, String range) {
    int i = 0;
    int low = 0;
    while (i < range.length() && Character.isDigit(range.charAt(i))) {
      low = low * 10 + range.charAt(i++) - '0';
    }
    int up = low;
    if (i < range.length() && range.charAt(i) == '-') {
      i++;
      if (i < range.length() && Character.isDigit(range.charAt(i))) {
        up = 0;
        while (i < range.length() && Character.isDigit(range.charAt(i))) {
          up = up * 10 + range.charAt(i++) - '0';
        }
      } else {
        up = words.size();
      }
    }
    low--;
    up--;
    boolean reverse = low > up;
    if (reverse) {
      int t = low;
      low = up;
      up = t;
    }
    int from = Math.max(low, 0);
    int to = Math.min(words.size(), from + (up - low) + 1); // wl_range keeps up - low + 1 words after dropping low
    List<String> out = new ArrayList<>(from < to ? words.subList(from, to) : List.of());
    if (reverse) {
      java.util.Collections.reverse(out);
    }
    return out;
  }

  /**
   * ngspice's brace expansion of each word after variable substitution ({@code cp_doglob}): {@code n{1001}_t} is
   * {@code n1001_t}. A word whose braces do not pair, or with alternatives ({@code a{b,c}d}, which ngspice-39 refuses
   * with "missing }" in echo), is left as it is.
   */
  static String braces(String text) {
    if (text.indexOf('{') < 0) {
      return text;
    }
    Matcher w = WORD.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (w.find()) {
      String opened = w.group().indexOf('{') < 0 ? null : unbrace(w.group());
      w.appendReplacement(sb, Matcher.quoteReplacement(opened == null ? w.group() : opened));
    }
    w.appendTail(sb);
    return sb.toString();
  }

  private static final Pattern WORD = Pattern.compile("\\S+");

  /** One word with its brace groups opened ({@code brac1} without alternatives), or null (left as it is). */
  private static String unbrace(String word) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (--depth < 0) {
          return null;
        }
      } else if (c == ',' && depth > 0) {
        return null;
      } else {
        sb.append(c);
      }
    }
    return depth == 0 ? sb.toString() : null;
  }

  /**
   * A number as ngspice substitutes it ({@code $&vector}, a {@code set} variable holding a number): C's {@code %G},
   * six significant digits ({@code 1001}, {@code 2.5E-06}, {@code 3.14159}), so that {@code alter r1 $&r} sets what
   * ngspice sets.
   */
  static String asWord(double v) {
    if (Double.isNaN(v)) {
      return "NAN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "INF" : "-INF";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    java.math.BigDecimal r = new java.math.BigDecimal(v).round(new java.math.MathContext(6,
        java.math.RoundingMode.HALF_EVEN));
    int exp = r.precision() - r.scale() - 1;
    if (exp < -4 || exp >= 6) {
      java.math.BigDecimal mant = r.movePointLeft(exp).stripTrailingZeros();
      String m = mant.scale() <= 0 ? mant.setScale(0).toPlainString() : mant.toPlainString();
      return m + "E" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    java.math.BigDecimal f = r.stripTrailingZeros();
    return f.scale() <= 0 ? f.setScale(0).toPlainString() : f.toPlainString();
  }

  /** A number as {@code print} shows it. */
  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6e", v);
  }

  private void warnOnce(ControlLine cl, String key, String message) {
    if (warned.add(key)) {
      s.warnings.add(cl.where() + ": " + message);
    }
  }

  // ---------------------------------------------------------------- commands

  private void command(ControlLine raw) {
    String w = word(raw);
    String arg = substitute(raw, rest(raw));
    ControlLine cl = raw;
    try {
      switch (w) {
        case "run" -> s.runAll();
        case "op", "tran", "dc", "ac" -> analysis(cl, w, arg);
        case "set" -> set(cl, arg);
        case "define" -> define(cl, arg);
        case "undefine" -> defines.keySet().removeAll(args(arg.toLowerCase(Locale.ROOT)));
        case "unset" -> {
          for (String v : arg.split("\\s+")) {
            assign(v.toLowerCase(Locale.ROOT), null, null);
          }
        }
        case "let" -> let(cl, arg);
        case "unlet" -> { }
        case "echo" -> s.output.add(echo(arg));
        case "print" -> print(cl, arg);
        case "meas", "measure" -> measure(cl, arg);
        case "wrdata" -> wrdata(cl, arg);
        case "write" -> write(cl, arg);
        case "setplot" -> setplot(cl, arg);
        case "linearize" -> linearize(cl, arg);
        case "alter" -> alter(cl, arg);
        case "altermod" -> altermod(cl, arg);
        case "alterparam" -> alterparam(cl, arg);
        case "reset" -> recompile(cl, pending);
        case "option", "options", "opt" -> option(cl, arg);
        case "quit", "exit" -> {
          quit = true;
          if (s.runs.isEmpty()) {
            s.quitBeforeAnalyses = true;
          }
        }
        default -> {
          if (NO_EFFECT.contains(w) || w.startsWith("*")) {
            return;
          }
          if (INTERACTIVE.contains(w)) {
            warnOnce(cl, w, w + " skipped (interactive or plotting command)");
          } else {
            warnOnce(cl, w, "control command '" + w + "' is not supported; skipped");
          }
        }
      }
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      throw error(cl, e.getMessage());
    }
  }

  private SourceLine synthetic(ControlLine cl, String text) {
    int n = text.length();
    String[] f = new String[n];
    int[] l = new int[n];
    int[] c = new int[n];
    for (int k = 0; k < n; k++) {
      f[k] = cl.file();
      l[k] = cl.line();
      c[k] = cl.column() + Math.max(0, k - 1);
    }
    return new SourceLine(text, f, l, c);
  }

  private void analysis(ControlLine cl, String kind, String arg) {
    SourceLine sl = synthetic(cl, "." + kind + (arg.isEmpty() ? "" : " " + arg));
    ControlCards cc = new ControlCards(new ArrayList<>());
    cc.apply(sl, ParamScope.over(s.compiled.params()));
    if (cc.analyses.isEmpty()) {
      warnOnce(cl, kind, kind + " is not supported here; skipped");
      return;
    }
    s.run(cc.analyses.get(0));
  }

  /** What ngspice's {@code echo} prints: the words without their quotes ({@code ""} an empty one), one space apart. */
  static String echo(String arg) {
    List<String> out = new ArrayList<>();
    for (String w : args(arg)) {
      out.add(w.replace("\"", ""));
    }
    return String.join(" ", out);
  }

  private static final Pattern DEFINE = Pattern.compile("\\s*([A-Za-z_]\\w*)\\s*\\(([^)]*)\\)\\s*(.*\\S)\\s*");

  /** {@code define name(a, b) expression}: a vector function, expanded where an expression calls it (as ngspice). */
  private void define(ControlLine cl, String arg) {
    if (arg.isBlank()) {
      return; // lists the definitions in ngspice
    }
    Matcher m = DEFINE.matcher(arg);
    if (!m.matches()) {
      throw error(cl, "define needs name(arguments) expression, got '" + arg.trim() + "'");
    }
    List<String> params = new ArrayList<>();
    for (String p : m.group(2).split(",")) {
      if (!p.isBlank()) {
        params.add(p.trim().toLowerCase(Locale.ROOT));
      }
    }
    defines.put(m.group(1).toLowerCase(Locale.ROOT), new Define(params, m.group(3)));
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][\\w]*");

  /**
   * {@code text} with every call of a {@code define}d function replaced by its body, each parameter by the argument
   * written in the call (in parentheses), as ngspice substitutes them into the parse tree.
   */
  private String defined(ControlLine cl, String text) {
    if (defines.isEmpty()) {
      return text;
    }
    String t = text;
    for (int round = 0; ; round++) {
      String next = expandOnce(cl, t);
      if (next.equals(t)) {
        return t;
      }
      if (round > 64) {
        throw error(cl, "define: recursive definition in '" + text + "'");
      }
      t = next;
    }
  }

  private String expandOnce(ControlLine cl, String text) {
    Matcher m = NAME.matcher(text);
    int from = 0;
    while (m.find(from)) {
      Define d = defines.get(m.group().toLowerCase(Locale.ROOT));
      int open = m.end();
      while (open < text.length() && text.charAt(open) == ' ') {
        open++;
      }
      boolean word = m.start() == 0 || !(Character.isLetterOrDigit(text.charAt(m.start() - 1))
          || text.charAt(m.start() - 1) == '_' || text.charAt(m.start() - 1) == '.');
      if (d == null || !word || open >= text.length() || text.charAt(open) != '(') {
        from = m.end();
        continue;
      }
      List<String> args = new ArrayList<>();
      int depth = 0;
      int start = open + 1;
      int close = -1;
      for (int i = open; i < text.length() && close < 0; i++) {
        char c = text.charAt(i);
        if (c == '(' || c == '[') {
          depth++;
        } else if (c == ')' || c == ']') {
          depth--;
          if (depth == 0) {
            close = i;
          }
        }
        if ((c == ',' && depth == 1) || close == i) {
          args.add(text.substring(start, i).trim());
          start = i + 1;
        }
      }
      if (close < 0) {
        throw error(cl, m.group() + "(: missing ')' in '" + text + "'");
      }
      if (args.size() == 1 && args.get(0).isEmpty()) {
        args.clear();
      }
      if (args.size() != d.params().size()) {
        throw error(cl, m.group() + "() takes " + d.params().size() + " argument" + (d.params().size() == 1 ? "" : "s")
            + " (define), got " + args.size() + " in '" + text + "'");
      }
      Matcher b = NAME.matcher(d.body());
      StringBuilder body = new StringBuilder();
      while (b.find()) {
        int k = d.params().indexOf(b.group().toLowerCase(Locale.ROOT));
        boolean w = b.start() == 0 || d.body().charAt(b.start() - 1) != '.';
        b.appendReplacement(body, Matcher.quoteReplacement(k >= 0 && w ? "(" + args.get(k) + ")" : b.group()));
      }
      b.appendTail(body);
      return text.substring(0, m.start()) + "(" + body + ")" + text.substring(close + 1);
    }
    return text;
  }


  private void set(ControlLine cl, String arg) {
    if (arg.isBlank()) {
      return;
    }
    Matcher m = Pattern.compile("([A-Za-z_][\\w]*)\\s*(?:=\\s*(\\([^)]*\\)|\"[^\"]*\"|\\S+))?").matcher(arg);
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      String v = m.group(2);
      if (v == null) {
        assign(name, "", null);
        flags.add(name);
      } else if (v.startsWith("(")) {
        // a list: each word kept as ngspice keeps a value (set l = ( 1k abc ) reads back 1000 abc)
        List<String> words = new ArrayList<>();
        for (String word : v.substring(1, v.length() - 1).trim().split("\\s+")) {
          if (!word.isEmpty()) {
            words.add(setValue(word));
          }
        }
        assign(name, String.join(" ", words), List.copyOf(words));
      } else {
        assign(name, v.startsWith("\"") ? v.substring(1, v.length() - 1).trim() : setValue(v), null);
      }
    }
  }

  /** A word as {@code set} keeps it: a number as ngspice does (an int: 1k reads back 1000; else %G, 3.14159). */
  private static String setValue(String v) {
    String[] w = org.neuristor.expr.SpiceNumber.written(v);
    if (w != null && w[1].isEmpty() && !v.isEmpty()) {
      double d = org.neuristor.expr.SpiceNumber.parse(v);
      return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? Integer.toString((int) d) : asWord(d);
    }
    return v;
  }

  /** Sets variable {@code name} to {@code text} ({@code words}: a list's, else null), or removes it (text null). */
  private void assign(String name, String text, List<String> words) {
    flags.remove(name);
    lists.remove(name);
    if (text == null) {
      vars.remove(name);
      return;
    }
    vars.put(name, text);
    if (words != null) {
      lists.put(name, words);
    }
  }

  private void let(ControlLine cl, String arg) {
    int eq = arg.indexOf('=');
    if (eq <= 0) {
      throw error(cl, "let needs name = expression");
    }
    String name = arg.substring(0, eq).trim().toLowerCase(Locale.ROOT);
    Vec v = eval(cl, arg.substring(eq + 1).trim()).named(name);
    if (s.current == null) {
      s.current = new Plot("const", "const", s.compiled.circuit().title(), null);
      s.plots.add(s.current);
    }
    Plot c = constants();
    // as ngspice's let: the vector the name finds (current plot, then the constant plot) is assigned, else a new one
    (s.current.get(name) == null && c != null && c.get(name) != null ? c : s.current).add(v);
  }

  /** Splits arguments at white space outside parentheses, brackets and quotes. */
  static List<String> args(String text) {
    return org.neuristor.netlist.control.Words.split(text);
  }

  private void print(ControlLine cl, String arg) {
    List<String> a = new ArrayList<>(args(arg));
    if (!a.isEmpty() && List.of("col", "line").contains(a.get(0).toLowerCase(Locale.ROOT))) {
      a.remove(0);
    }
    if (a.size() == 1 && a.get(0).equalsIgnoreCase("all") && s.current != null) {
      a.clear();
      for (Vec v : s.current.vectors()) {
        if (v != s.current.scale()) {
          a.add(v.name());
        }
      }
    }
    List<Vec> vs = new ArrayList<>();
    for (String e : a) {
      vs.add(eval(cl, e).named(e.toLowerCase(Locale.ROOT)));
    }
    boolean scalars = vs.stream().allMatch(v -> v.length() == 1);
    if (scalars) {
      for (Vec v : vs) {
        s.output.add(v.name() + " = " + (v.isComplex() ? fmt(v.re(0)) + "," + fmt(v.im(0)) : fmt(v.re(0))));
      }
      return;
    }
    Vec sc = s.current == null ? null : s.current.scale();
    StringBuilder h = new StringBuilder("Index   ").append(sc == null ? "" : String.format("%-16s", sc.name()));
    for (Vec v : vs) {
      h.append(String.format("%-16s", v.name()));
    }
    s.output.add(h.toString().stripTrailing());
    int n = vs.stream().mapToInt(Vec::length).max().orElse(0);
    for (int k = 0; k < n; k++) {
      StringBuilder r = new StringBuilder(String.format("%-8d", k));
      if (sc != null && k < sc.length()) {
        r.append(String.format("%-16s", fmt(sc.re(k))));
      }
      for (Vec v : vs) {
        int i = v.length() == 1 ? 0 : k;
        r.append(String.format("%-16s", i < v.length() ? fmt(v.re(i)) + (v.isComplex() ? "," + fmt(v.im(i)) : "") : ""));
      }
      s.output.add(r.toString().stripTrailing());
    }
  }

  private void measure(ControlLine cl, String arg) {
    Measure m;
    try {
      m = Measure.parse(arg);
    } catch (Measure.MeasureException e) {
      throw error(cl, e.getMessage());
    }
    Plot p = s.current != null && s.current.kind().equals(m.analysis()) ? s.current : null;
    if (p == null) {
      for (Plot q : s.plots) {
        if (q.kind().equals(m.analysis())) {
          p = q;
        }
      }
    }
    Measurement r = p == null ? Measurement.failed(m.name(), m.analysis(), "no " + m.analysis() + " plot to measure")
        : m.evaluate(p, s::value);
    s.record(r, p);
    s.output.add(r.line());
  }

  private Path file(String name) {
    String n = name;
    if (n.length() >= 2 && (n.startsWith("\"") && n.endsWith("\"") || n.startsWith("'") && n.endsWith("'"))) {
      n = n.substring(1, n.length() - 1);
    }
    return s.options.directory().resolve(n);
  }

  private List<Vec> vectors(ControlLine cl, List<String> exprs) {
    List<Vec> vs = new ArrayList<>();
    if (exprs.isEmpty() && s.current != null) {
      for (Vec v : s.current.vectors()) {
        if (v != s.current.scale()) {
          vs.add(v);
        }
      }
    }
    for (String e : exprs) {
      vs.add(eval(cl, e).named(vectorName(e)));
    }
    return vs;
  }

  /**
   * A vector's name as ngspice gives it: lower case, except text in double quotes, which keeps its case and loses its
   * quotes ({@code v("/A")} is {@code v(/A)}, KiCad's node names).
   */
  static String vectorName(String expr) {
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < expr.length(); i++) {
      char ch = expr.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else {
        sb.append(quoted ? ch : Character.toLowerCase(ch));
      }
    }
    return sb.toString();
  }

  /** ngspice's wrdata: the scale and each vector (real and imaginary parts for complex ones) as columns. */
  private void wrdata(ControlLine cl, String arg) {
    List<String> a = args(arg);
    if (a.isEmpty()) {
      throw error(cl, "wrdata needs a file name");
    }
    Path f = file(a.get(0));
    List<Vec> vs = vectors(cl, a.subList(1, a.size()));
    Vec sc = s.current == null ? null : s.current.scale();
    if (sc == null && s.current != null && s.current.kind().equals("op") && !s.current.vectors().isEmpty()) {
      sc = s.current.vectors().get(0); // an operating point's default scale in ngspice: its first vector, v(first node)
    }
    boolean single = vars.containsKey("wr_singlescale");
    boolean names = vars.containsKey("wr_vecnames");
    int n = vs.stream().mapToInt(Vec::length).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    if (names) {
      for (int j = 0; j < vs.size(); j++) {
        if (sc != null && (j == 0 || !single)) {
          sb.append(String.format(" %-15s", sc.name()));
        }
        sb.append(String.format(" %-15s", vs.get(j).name()));
        if (vs.get(j).isComplex()) {
          sb.append(String.format(" %-15s", vs.get(j).name()));
        }
      }
      sb.append('\n');
    }
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < vs.size(); j++) {
        Vec v = vs.get(j);
        int i = v.length() == 1 ? 0 : k;
        if (sc != null && (j == 0 || !single)) {
          sb.append(num(k < sc.length() ? sc.re(k) : 0));
        }
        sb.append(num(i < v.length() ? v.re(i) : 0));
        if (v.isComplex()) {
          sb.append(num(i < v.length() ? v.im(i) : 0));
        }
      }
      sb.append('\n');
    }
    writeText(f, sb.toString());
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "% .8e ", v);
  }

  private void writeText(Path f, String text) {
    AtomicFiles.write(f, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    if (!s.files.contains(f)) {
      s.files.add(f);
    }
  }

  /** A rawfile of the current plot (or the given vectors): ascii with {@code filetype=ascii}, else binary. */
  private void write(ControlLine cl, String arg) {
    List<String> a = args(arg);
    Path f = file(a.isEmpty() ? "rawspice.raw" : a.get(0));
    if (s.current == null) {
      throw error(cl, "write: no plot to write (run an analysis first)");
    }
    Plot p = s.current;
    List<Vec> vs = new ArrayList<>();
    if (p.scale() != null) {
      vs.add(p.scale());
    }
    for (Vec v : vectors(cl, a.size() > 1 ? a.subList(1, a.size()) : List.of())) {
      if (v != p.scale()) {
        vs.add(v);
      }
    }
    boolean ascii = "ascii".equalsIgnoreCase(vars.getOrDefault("filetype", "binary"));
    boolean complex = vs.stream().anyMatch(Vec::isComplex) || p.isComplex();
    int n = vs.stream().mapToInt(Vec::length).max().orElse(0);
    StringBuilder h = new StringBuilder();
    h.append("Title: ").append(p.title()).append('\n');
    h.append("Date: ").append(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)).append('\n');
    h.append("Plotname: ").append(p.description()).append('\n');
    h.append("Flags: ").append(complex ? "complex" : "real").append('\n');
    h.append("No. Variables: ").append(vs.size()).append('\n');
    h.append("No. Points: ").append(n).append('\n');
    h.append("Variables:\n");
    for (int j = 0; j < vs.size(); j++) {
      String nm = vs.get(j).name();
      String type = nm.startsWith("i(") ? "current" : nm.equals("time") ? "time" : nm.equals("frequency") ? "frequency"
          : "voltage";
      h.append('\t').append(j).append('\t').append(nm).append('\t').append(type).append('\n');
    }
    h.append(ascii ? "Values:\n" : "Binary:\n");
    byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(f, out -> {
      out.write(head);
      if (ascii) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
          for (int j = 0; j < vs.size(); j++) {
            Vec v = vs.get(j);
            int i = v.length() == 1 ? 0 : Math.min(k, v.length() - 1);
            b.append(j == 0 ? k + "\t" : "\t");
            b.append(String.format(Locale.ROOT, "%.15e", v.re(i)));
            if (complex) {
              b.append(',').append(String.format(Locale.ROOT, "%.15e", v.im(i)));
            }
            b.append('\n');
          }
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      } else {
        ByteBuffer bb = ByteBuffer.allocate(8 * (complex ? 2 : 1) * vs.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
          bb.clear();
          for (Vec v : vs) {
            int i = v.length() == 1 ? 0 : Math.min(k, v.length() - 1);
            bb.putDouble(v.re(i));
            if (complex) {
              bb.putDouble(v.im(i));
            }
          }
          out.write(bb.array());
        }
      }
    });
    if (!s.files.contains(f)) {
      s.files.add(f);
    }
  }

  private void setplot(ControlLine cl, String arg) {
    if (arg.isBlank()) {
      return;
    }
    for (Plot p : s.plots) {
      if (p.name().equalsIgnoreCase(arg.trim())) {
        s.current = p;
        return;
      }
    }
    throw error(cl, "setplot: no plot named " + arg.trim());
  }

  /** A new transient plot on a uniform grid of the analysis's print step. */
  private void linearize(ControlLine cl, String arg) {
    Plot p = s.current;
    if (p == null || !p.kind().equals("tran")) {
      throw error(cl, "linearize needs a transient plot");
    }
    DeckRunner.Run run = null;
    for (DeckRunner.Run r : s.runs) {
      if (r.plot().equals(p.name())) {
        run = r;
      }
    }
    Analysis.Tran tr = (Analysis.Tran) run.analysis();
    double[] t = p.scale().re();
    double t0 = tr.tstart();
    int n = (int) Math.floor((tr.tstop() - t0) / tr.tstep() + 1e-9) + 1;
    double[] grid = new double[n];
    for (int k = 0; k < n; k++) {
      grid[k] = Math.min(t0 + k * tr.tstep(), tr.tstop());
    }
    int count = s.counters.merge("tran", 1, Integer::sum);
    Plot q = new Plot("tran" + count, "tran", p.title(), p.scale().name());
    q.add(Vec.real(p.scale().name(), grid));
    List<String> want = args(arg);
    for (Vec v : p.vectors()) {
      if (v == p.scale() || v.length() != t.length || !want.isEmpty() && !want.contains(v.name())) {
        continue;
      }
      double[] y = new double[n];
      for (int k = 0; k < n; k++) {
        y[k] = org.neuristor.measure.Trace.interpolate(t, v.re(), grid[k]);
      }
      q.add(Vec.real(v.name(), y));
    }
    s.plots.add(q);
    s.current = q;
  }

  /** {@code alter r1 = 2k}, {@code alter r1 resistance = 2k}, {@code alter @r1[resistance] = 2k}. */
  private void alter(ControlLine cl, String arg) {
    String text = arg.trim();
    Matcher fn = Pattern.compile("(?i)^@([vi][^\\s\\[]*)\\[(pulse|sin|exp|pwl)\\]\\s*=?\\s*\\[(.*)\\]\\s*$").matcher(text);
    if (fn.matches()) { // alter @v1[sin] [ 0 3 1.1e8 ]: a new transient function (ngspice's vector form)
      List<Double> values = new ArrayList<>();
      for (String v : fn.group(3).trim().split("[\\s,]+")) {
        if (!v.isEmpty()) {
          values.add(scalar(cl, v));
        }
      }
      String kind = fn.group(2).toLowerCase(Locale.ROOT);
      pending = pending.with(pending.overrides().withFunction(fn.group(1).toLowerCase(Locale.ROOT), kind, values));
      recompile(cl, pending);
      return;
    }
    Matcher simple = Pattern.compile("(?i)^@?([^\\s\\[=]+)(?:\\[([a-z0-9_]+)\\])?\\s*(?:([a-z_][a-z0-9_]*)\\s*)?=\\s*(.+)$")
        .matcher(text);
    Matcher bare = Pattern.compile("(?i)^([^\\s=]+)\\s+(\\S+)$").matcher(text);
    String el;
    String value;
    if (simple.matches()) {
      el = simple.group(1);
      value = simple.group(4);
    } else if (bare.matches()) {
      el = bare.group(1);
      value = bare.group(2);
    } else {
      throw error(cl, "alter needs element = value (e.g. alter r1 = 2k)");
    }
    String name = el.toLowerCase(Locale.ROOT);
    if ("rclvi".indexOf(name.charAt(0)) < 0) {
      throw error(cl, "alter of " + name + " is not supported (supported: the value of R, C, L, the DC value of V, I"
          + " and their function, alter @v1[sin] [0 1 1k])");
    }
    double v = scalar(cl, value);
    pending = pending.with(pending.overrides().withElement(name, v));
    recompile(cl, pending);
  }

  /** {@code altermod nm kp = 1e-4 [vto = 1]}. */
  private void altermod(ControlLine cl, String arg) {
    List<String> a = args(arg.replaceAll("\\s*=\\s*", "="));
    if (a.size() < 2) {
      throw error(cl, "altermod needs a model and parameter=value");
    }
    String model = a.get(0).toLowerCase(Locale.ROOT);
    CircuitCompiler.Source src = pending;
    for (String kv : a.subList(1, a.size())) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw error(cl, "altermod needs parameter=value, got '" + kv + "'");
      }
      src = src.with(src.overrides().withModel(model, kv.substring(0, eq).toLowerCase(Locale.ROOT),
          scalar(cl, kv.substring(eq + 1))));
    }
    pending = src;
    recompile(cl, pending);
  }

  /** {@code alterparam name = value}: takes effect at the next {@code reset}, as in ngspice. */
  private void alterparam(ControlLine cl, String arg) {
    int eq = arg.indexOf('=');
    if (eq <= 0) {
      throw error(cl, "alterparam needs name = value");
    }
    pending = pending.with(pending.overrides().withParam(arg.substring(0, eq).trim().toLowerCase(Locale.ROOT),
        scalar(cl, arg.substring(eq + 1).trim())));
  }

  private void recompile(ControlLine cl, CircuitCompiler.Source src) {
    try {
      s.compiled = CircuitCompiler.compile(src);
    } catch (NetlistException e) {
      throw error(cl, "after this change the netlist fails: " + e.getMessage());
    }
  }

  private void option(ControlLine cl, String arg) {
    org.neuristor.circuit.SimOptions o = s.compiled.circuit().options();
    for (String kv : args(arg.replaceAll("\\s*=\\s*", "="))) {
      int eq = kv.indexOf('=');
      String key = (eq > 0 ? kv.substring(0, eq) : kv).toLowerCase(Locale.ROOT);
      if (!org.neuristor.circuit.SimOptions.known(key) || eq <= 0) {
        warnOnce(cl, "option " + key, "option " + key + " not used by Neuristor; ignored");
        continue;
      }
      String val = kv.substring(eq + 1);
      o = o.with(key, key.equals("method") ? val : (Object) scalar(cl, val));
    }
    CircuitCompiler.Compiled c = s.compiled;
    s.compiled = new CircuitCompiler.Compiled(c.circuit().withOptions(o), c.analyses(), c.saves(), c.warnings(),
        c.unknowns(), c.measures(), c.control(), c.params(), c.source());
  }
}
