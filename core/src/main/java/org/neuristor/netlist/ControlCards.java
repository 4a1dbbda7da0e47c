package org.neuristor.netlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.SimOptions;

/**
 * The dot cards of a netlist that are not definitions: analyses ({@code .op .dc .tran}), initial
 * conditions, options and the signals to save. Directives Neuristor knows but does not run are
 * reported once per directive with the {@code file:line} of their first use, never dropped silently;
 * an unknown directive is an error.
 */
final class ControlCards {
  final List<Analysis> analyses = new ArrayList<>();
  /** The {@code .meas} cards, checked for syntax, in order. */
  final List<MeasureCard> measures = new ArrayList<>();
  /** Requested signals (lower case, ngspice names) with the line and column they were written at. */
  final Map<String, Located> saves = new LinkedHashMap<>();
  /** {@code .ic} node voltages by node name, with where each was written. */
  final Map<String, Located> ic = new LinkedHashMap<>();
  final Map<String, Double> icValues = new LinkedHashMap<>();
  /** {@code .nodeset} node voltages by node name, with where each was written. */
  final Map<String, Located> nodeset = new LinkedHashMap<>();
  final Map<String, Double> nodesetValues = new LinkedHashMap<>();
  SimOptions options = SimOptions.DEFAULT;
  long seed = 1;
  private final List<String> warnings;
  private final Map<String, int[]> unsupported = new LinkedHashMap<>();
  private final Map<String, String> unsupportedFirst = new LinkedHashMap<>();

  /** Where a name was written, for errors found after the whole netlist is read. */
  record Located(SourceLine line, int index) {
    NetlistException error(String message) {
      return line.error(index, message);
    }

    String where() {
      return line.file(index) + ":" + line.line(index) + ":" + line.col(index);
    }
  }

  /** Directives that are understood but not run, and why. */
  private static final Map<String, String> NOT_RUN = Map.ofEntries(
      Map.entry(".four", "Fourier analysis is not supported"),
      Map.entry(".noise", "noise analysis is not supported"),
      Map.entry(".sens", "sensitivity analysis is not supported"),
      Map.entry(".tf", "transfer-function analysis is not supported"),
      Map.entry(".pz", "pole-zero analysis is not supported"),
      Map.entry(".disto", "distortion analysis is not supported"),
      Map.entry(".width", "output width has no meaning here"));

  ControlCards(List<String> warnings) {
    this.warnings = warnings;
  }

  /** Applies one dot card of the top level. */
  void apply(SourceLine sl, ParamScope scope) {
    List<Token> toks = NetlistReader.tokenize(sl);
    String cmd = toks.get(0).lower();
    switch (cmd) {
      case ".op" -> analyses.add(new Analysis.Op());
      case ".dc" -> dc(sl, toks, scope);
      case ".tran" -> tran(sl, toks, scope);
      case ".ac" -> ac(sl, toks, scope);
      case ".ic" -> initialConditions(sl, scope, java.util.function.UnaryOperator.identity());
      case ".nodeset" -> nodesets(sl, scope, java.util.function.UnaryOperator.identity());
      case ".options", ".option", ".opt" -> options(sl, toks, scope);
      case ".save", ".print", ".probe", ".plot" -> save(sl);
      case ".global", ".title", ".temp" -> { } // read before expansion
      case ".csparam" -> { } // a .control constant, defined before expansion
      case ".meas", ".measure" -> measure(sl, toks);
      default -> {
        String why = NOT_RUN.get(cmd);
        if (why == null) {
          throw sl.error(0, "unknown control line " + toks.get(0).text() + (cmd.equals(".step")
              ? " (LTspice's .step; ngspice-39 refuses it too: write a .control loop with alter or alterparam, or use"
              + " neuristor sweep)" : ""));
        }
        notRun(sl, cmd, why);
      }
    }
  }

  /** Records a directive that is not run; one warning per directive, written at the end. */
  void notRun(SourceLine sl, String cmd, String why) {
    int[] n = unsupported.computeIfAbsent(cmd, k -> new int[1]);
    if (n[0]++ == 0) {
      unsupportedFirst.put(cmd, sl.file(0) + ":" + sl.line(0) + ": " + cmd + " ignored: " + why);
    }
  }

  /** Emits the once-per-directive warnings. */
  void flushWarnings() {
    for (Map.Entry<String, String> e : unsupportedFirst.entrySet()) {
      int more = unsupported.get(e.getKey())[0] - 1;
      warnings.add(e.getValue() + (more > 0 ? " (and " + more + " more " + e.getKey() + " line" + (more > 1 ? "s" : "") + ")" : ""));
    }
    unsupportedFirst.clear();
  }

  /** A {@code .meas} card: read now (errors at its line), evaluated after the analyses run. */
  private void measure(SourceLine sl, List<Token> toks) {
    String text = toks.size() > 1 ? sl.text.substring(toks.get(1).index()) : "";
    try {
      measures.add(new MeasureCard(org.neuristor.netlist.control.Measure.parse(text), sl.file(0) + ":" + sl.line(0)));
    } catch (org.neuristor.netlist.control.Measure.MeasureException e) {
      throw sl.error(toks.size() > 1 ? toks.get(1).index() : 0, e.getMessage());
    }
  }

  private void dc(SourceLine sl, List<Token> toks, ParamScope scope) {
    if (toks.size() < 5) {
      throw sl.error(0, ".dc needs a source, start, stop and step");
    }
    if (toks.size() > 5) {
      throw sl.error(toks.get(5).index(), "nested .dc sweeps (a second source) are not supported");
    }
    analyses.add(new Analysis.Dc(toks.get(1).lower(), number(sl, toks.get(2), scope, "start"),
        number(sl, toks.get(3), scope, "stop"), number(sl, toks.get(4), scope, "step"), false));
  }

  private void ac(SourceLine sl, List<Token> toks, ParamScope scope) {
    if (toks.size() != 5) {
      throw sl.error(0, ".ac needs dec|oct|lin, points, fstart and fstop");
    }
    String sweep = toks.get(1).lower();
    if (!List.of("dec", "oct", "lin").contains(sweep)) {
      throw sl.error(toks.get(1).index(), ".ac sweep must be dec, oct or lin, got '" + toks.get(1).text() + "'");
    }
    double np = number(sl, toks.get(2), scope, "points");
    double f1 = number(sl, toks.get(3), scope, "fstart", "Hz");
    double f2 = number(sl, toks.get(4), scope, "fstop", "Hz");
    if (!(np >= 1) || np != Math.rint(np) || np > 1e6) {
      throw sl.error(toks.get(2).index(), ".ac needs a whole number of points >= 1, got " + np);
    }
    if (!(f1 >= 0) || !(f2 >= f1) || !Double.isFinite(f2) || (!sweep.equals("lin") && !(f1 > 0))) {
      throw sl.error(toks.get(3).index(), ".ac needs 0 < fstart <= fstop (lin: 0 <= fstart)");
    }
    if (!sweep.equals("lin") && np * Math.log(f2 / f1) / Math.log(sweep.equals("dec") ? 10 : 2) > 1e7) {
      throw sl.error(toks.get(2).index(), ".ac sweep has more than 10^7 points");
    }
    analyses.add(new Analysis.Ac(sweep, (int) np, f1, f2));
  }

  private void tran(SourceLine sl, List<Token> toks, ParamScope scope) {
    List<Token> vals = new ArrayList<>();
    boolean uic = false;
    for (int k = 1; k < toks.size(); k++) {
      if (toks.get(k).lower().equals("uic")) {
        uic = true;
      } else {
        vals.add(toks.get(k));
      }
    }
    if (vals.size() < 2 || vals.size() > 4) {
      throw sl.error(0, ".tran needs tstep tstop [tstart [tmax]] [uic]");
    }
    double tstep = number(sl, vals.get(0), scope, "tstep", "s");
    double tstop = number(sl, vals.get(1), scope, "tstop", "s");
    double tstart = vals.size() > 2 ? number(sl, vals.get(2), scope, "tstart", "s") : 0;
    double tmax = vals.size() > 3 ? number(sl, vals.get(3), scope, "tmax", "s") : Double.NaN;
    try {
      new org.neuristor.circuit.TransientAnalysis(tstep, tstop, tstart, tmax, uic);
    } catch (NeuristorException e) {
      throw sl.error(0, e.getMessage());
    }
    analyses.add(new Analysis.Tran(tstep, tstop, tstart, tmax, uic));
  }

  // The cards' patterns, compiled once (a netlist is compiled per run of a warm loop).
  private static final Pattern IC = Pattern.compile("(?i)v\\(\\s*([^)\\s]+)\\s*\\)\\s*=\\s*(\\S+)");
  private static final Pattern SAVE_PROBE = Pattern.compile("(?i)\\b([vi])\\(\\s*([^)]*?)\\s*\\)");
  private static final Pattern SAVE_STATE = Pattern.compile("(?i)(?<=\\s)([a-z_][\\w]*\\.[\\w.]+)(?=\\s|$)");
  private static final Pattern SAVE_ALL = Pattern.compile("(?i)(?<=\\s)all(?=\\s|$)");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /**
   * A {@code .ic} card; {@code node} flattens the node names written in it (inside a subcircuit, as
   * ngspice-39 does: {@code .ic v(xsv)=x0} in {@code X1} sets {@code x1.xsv}, or the outer node a pin
   * is connected to, with the value evaluated in the instance's parameter scope).
   */
  void initialConditions(SourceLine sl, ParamScope scope, java.util.function.UnaryOperator<String> node0) {
    nodeValues(".ic", sl, scope, node0, ic, icValues);
  }

  /** A {@code .nodeset} card, read as {@link #initialConditions} (also per subcircuit instance). */
  void nodesets(SourceLine sl, ParamScope scope, java.util.function.UnaryOperator<String> node0) {
    nodeValues(".nodeset", sl, scope, node0, nodeset, nodesetValues);
  }

  private static void nodeValues(String card, SourceLine sl, ParamScope scope, java.util.function.UnaryOperator<String> node0,
      Map<String, Located> where, Map<String, Double> values) {
    Matcher m = IC.matcher(sl.text);
    boolean any = false;
    while (m.find()) {
      any = true;
      String node = node0.apply(m.group(1).toLowerCase(Locale.ROOT));
      where.put(node, new Located(sl, m.start(1)));
      WrittenUnits.check(sl, new Token(m.group(2), m.start(2)), scope, "V", card + " value of v(" + m.group(1) + ")");
      values.put(node, ParamScope.evaluate(m.group(2), sl, m.start(2), scope));
    }
    if (!any) {
      throw sl.error(0, card + " needs v(node)=value");
    }
  }

  private void options(SourceLine sl, List<Token> toks, ParamScope scope) {
    for (int k = 1; k < toks.size(); k++) {
      Token t = toks.get(k);
      int eq = t.text().indexOf('=');
      String key = (eq > 0 ? t.text().substring(0, eq) : t.text()).toLowerCase(Locale.ROOT);
      if (key.equals("temp") || key.equals("tnom")) {
        continue; // read before expansion (elements are built at their temperature)
      }
      if (key.equals("seed") && eq > 0) {
        seed = (long) number(sl, new Token(t.text().substring(eq + 1), t.index() + eq + 1), scope, "seed");
        continue;
      }
      if (!SimOptions.known(key)) {
        notRun(sl, "option " + key, "not used by Neuristor");
        continue;
      }
      if (eq <= 0) {
        throw sl.error(t.index(), "option " + key + " needs a value");
      }
      String val = t.text().substring(eq + 1);
      Object v = key.equals("method") ? val : number(sl, new Token(val, t.index() + eq + 1), scope, key);
      try {
        options = options.with(key, v);
      } catch (NeuristorException e) {
        throw sl.error(t.index(), e.getMessage());
      }
    }
  }

  private void save(SourceLine sl) {
    Matcher m = SAVE_PROBE.matcher(sl.text);
    while (m.find()) {
      String s = (m.group(1) + "(" + SPACES.matcher(m.group(2)).replaceAll("") + ")").toLowerCase(Locale.ROOT);
      saves.putIfAbsent(s, new Located(sl, m.start()));
    }
    // Device states by name, e.g. n1.x (Neuristor's extension; ngspice ignores unknown vectors).
    Matcher st = SAVE_STATE.matcher(sl.text);
    while (st.find()) {
      saves.putIfAbsent(st.group(1).toLowerCase(Locale.ROOT), new Located(sl, st.start()));
    }
    Matcher all = SAVE_ALL.matcher(sl.text);
    if (all.find()) {
      saves.putIfAbsent("all", new Located(sl, all.start()));
    }
  }

  /**
   * Evaluates a value in {@code unit}: as {@link #number(SourceLine, Token, ParamScope, String)}, and a
   * unit written after the number (or in the {@code .param} it names) must fit (see {@link WrittenUnits}).
   */
  static double number(SourceLine sl, Token t, ParamScope scope, String what, String unit) {
    WrittenUnits.check(sl, t, scope, unit, what);
    return number(sl, t, scope, what);
  }

  /** Evaluates a value token; an error names what the value is for, at the token. */
  static double number(SourceLine sl, Token t, ParamScope scope, String what) {
    try {
      return ParamScope.evaluate(t.text(), sl, t.index(), scope);
    } catch (NetlistException e) {
      if (e.line() != sl.line(t.index()) || !e.file().equals(sl.file(t.index()))) {
        throw e; // the error is in a .param defined elsewhere
      }
      throw sl.error(t.index(), "bad value '" + t.text() + "' for " + what + ": " + e.detail());
    }
  }
}
