package org.neuristor.netlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.Bjt;
import org.neuristor.circuit.element.Cccs;
import org.neuristor.circuit.element.Ccvs;
import org.neuristor.circuit.element.CurrentSource;
import org.neuristor.circuit.element.Diode;
import org.neuristor.circuit.element.IndependentSource.Spec;
import org.neuristor.circuit.element.Mosfet1;
import org.neuristor.circuit.element.TimeDerivative;
import org.neuristor.circuit.element.CSwitch;
import org.neuristor.circuit.element.VSwitch;
import org.neuristor.circuit.element.Vccs;
import org.neuristor.circuit.element.Vcvs;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.expr.Expression;
import org.neuristor.expr.ExpressionException;

/**
 * The element cards: one parser per first letter of the instance name, in one table. Each parser
 * reads its card with {@link Card} (nodes, values, model, key=value pairs) and builds the element;
 * every error names the card's {@code file:line:col}.
 */
final class ElementCards {
  private ElementCards() {}

  /** Builds one element from its card. */
  @FunctionalInterface
  interface Parser {
    Element parse(Card c, Expander x);
  }

  /** Element letters and their parsers ({@code X} instances are expanded by {@link Expander}). */
  static final Map<Character, Parser> TABLE = table();

  private static Map<Character, Parser> table() {
    Map<Character, Parser> t = new LinkedHashMap<>();
    t.put('r', Passives::parse);
    t.put('c', Passives::parse);
    t.put('l', Passives::parse);
    t.put('v', ElementCards::source);
    t.put('i', ElementCards::source);
    t.put('e', ElementCards::voltageControlled);
    t.put('g', ElementCards::voltageControlled);
    t.put('f', ElementCards::currentControlled);
    t.put('h', ElementCards::currentControlled);
    t.put('d', ElementCards::diode);
    t.put('m', ElementCards::mosfet);
    t.put('q', ElementCards::bjt);
    t.put('k', ElementCards::coupling);
    t.put('s', ElementCards::vswitch);
    t.put('w', ElementCards::cswitch);
    t.put('b', ElementCards::behavioural);
    t.put('n', (c, x) -> x.device(c));
    return java.util.Collections.unmodifiableMap(t);
  }

  /** The supported letters, for the error on an unknown one. */
  static String letters() {
    StringBuilder sb = new StringBuilder();
    for (char ch : TABLE.keySet()) {
      sb.append(Character.toUpperCase(ch)).append(' ');
    }
    return sb.append('X').toString();
  }

  static Element parse(Card c, Expander x) {
    Parser p = TABLE.get(c.kind());
    if (p == null && c.kind() == 'a') {
      throw c.error(c.toks.get(0).text() + ": XSPICE code-model instances (A elements) are out of scope in Neuristor;"
          + " write the device as a subcircuit of B sources or use an N device (neuristor device list)");
    }
    if (p == null) {
      throw c.error("unknown element type '" + c.toks.get(0).text().charAt(0) + "' in " + c.toks.get(0).text()
          + " (supported: " + letters() + ")");
    }
    return p.parse(c, x);
  }

  private static Element source(Card c, Expander x) {
    String[] n = c.nodes(2, "2 nodes and a source value");
    Spec parsed = SourceValues.parse(c, x.warnings());
    Overrides.Function f = x.alteredFunction(c.name);
    if (f != null) { // alter @v1[sin] [...]: the function replaced, the DC and AC values kept
      parsed = new Spec(SourceValues.build(c, f.kind(), f.values(), c.toks.get(0)), parsed.dc(), parsed.acMagnitude(),
          parsed.acPhaseDegrees());
    }
    double dc = x.altered(c.name, Double.NaN);
    Spec s = Double.isNaN(dc) ? parsed : new Spec(parsed.waveform() instanceof org.neuristor.circuit.element.Waveform.Dc
        ? new org.neuristor.circuit.element.Waveform.Dc(dc) : parsed.waveform(), dc, parsed.acMagnitude(),
        parsed.acPhaseDegrees());
    return c.kind() == 'v' ? new VoltageSource(c.name, n[0], n[1], s) : new CurrentSource(c.name, n[0], n[1], s);
  }

  // Patterns compiled once (a netlist is compiled per run of a warm loop).
  private static final Pattern CONTROLLED_VALUE = Pattern.compile("(?i)\\b(value|vol|cur)\\s*=");
  private static final Pattern BEHAVIOURAL_KIND = Pattern.compile("(?i)\\b([vi])\\s*=");

  private static Element voltageControlled(Card c, Expander x) {
    String[] n = c.nodes(2, "2 output nodes");
    boolean e = c.kind() == 'e';
    Matcher m = CONTROLLED_VALUE.matcher(c.sl.text);
    if (m.find()) {
      String vt = c.sl.text.substring(m.end()).trim();
      return behaviouralSource(c, x, n, e, vt, c.sl.text.indexOf(vt, m.end()));
    }
    if (c.hasMore() && c.peek().equals("poly")) {
      return poly(c, x, n, e, true);
    }
    if (c.hasMore() && c.peek().equals("table")) {
      return table(c, x, n, e);
    }
    unsupportedForms(c);
    String[] cn = c.nodes(2, "4 nodes and a gain");
    double gain = c.value("gain");
    c.end();
    return e ? new Vcvs(c.name, n[0], n[1], cn[0], cn[1], gain) : new Vccs(c.name, n[0], n[1], cn[0], cn[1], gain);
  }

  private static final Pattern TABLE_POINT = Pattern.compile("\\(\\s*([^\\s,()]+)\\s*,?\\s*([^\\s,()]+)\\s*\\)");

  /**
   * ngspice's {@code E/G ... TABLE {expression} = (x0, y0) (x1, y1) ...}, as ngspice-39 rewrites it (an XSPICE pwl
   * code model with input_domain=0.1 fraction=true limit=true): a B source {@code tablepwl(expression, x0, y0, ...)},
   * linear between the points, flat beyond them, the corners rounded (the {@code =} and the commas are optional).
   */
  private static Element table(Card c, Expander x, String[] n, boolean voltage) {
    Token at = c.token();
    String text = c.sl.text;
    int open = text.indexOf('{', at.index());
    int close = open < 0 ? -1 : text.indexOf('}', open);
    if (close < 0) {
      throw c.errorAt(at, "TABLE needs {expression} = (x0, y0) (x1, y1) ...");
    }
    String rest = text.substring(close + 1);
    Matcher m = TABLE_POINT.matcher(rest);
    List<double[]> points = new ArrayList<>();
    StringBuilder left = new StringBuilder();
    int from = 0;
    while (m.find()) {
      left.append(rest, from, m.start());
      from = m.end();
      double[] p = new double[2];
      for (int g = 1; g <= 2; g++) {
        p[g - 1] = c.number(new Token(m.group(g), close + 1 + m.start(g)), "TABLE point of " + c.name);
      }
      if (!points.isEmpty() && !(p[0] > points.get(points.size() - 1)[0])) {
        throw c.sl.error(close + 1 + m.start(1), c.name + ": TABLE x values must increase, got " + m.group(1)
            + " after " + trim(points.get(points.size() - 1)[0]));
      }
      points.add(p);
    }
    left.append(rest.substring(from));
    String stray = left.toString().replaceFirst("^\\s*=", "").replaceAll("[\\s(),]", "");
    if (!stray.isEmpty() || points.size() < 2) {
      throw c.sl.error(points.size() < 2 ? at.index() : close + 1 + rest.indexOf(stray.charAt(0)),
          c.name + ": TABLE needs {expression} = (x0, y0) (x1, y1) ..., at least two points"
          + (stray.isEmpty() ? "" : ", got '" + stray + "'"));
    }
    StringBuilder sb = new StringBuilder("tablepwl((").append(text, open + 1, close).append(')');
    for (double[] p : points) {
      sb.append(", (").append(p[0]).append("), (").append(p[1]).append(')');
    }
    return behaviouralSource(c, x, n, voltage, sb.append(')').toString(), open + 1 - "tablepwl((".length());
  }

  /** The enclosing X instance's {@code m=} replaces a device's own {@code m} (as ngspice-39 does). */
  static void multiply(Map<String, Double> inst, Card c) {
    double m = c.frame.multiplier;
    if (!Double.isNaN(m)) {
      if (inst.containsKey("m") && inst.get("m") != m) {
        c.frame.expander().notedOnce(c, c.name + ": m=" + trim(inst.get("m")) + " is replaced by the enclosing"
            + " instance's m=" + trim(m) + " (as ngspice)");
      }
      inst.put("m", m);
    }
  }

  static String trim(double v) {
    return org.neuristor.circuit.element.Waveform.trimNumber(v);
  }

  /** E/G/F/H forms ngspice knows and Neuristor does not: an error that names them. */
  private static void unsupportedForms(Card c) {
    if (!c.hasMore()) {
      return;
    }
    String w = c.peek();
    if (List.of("and", "or", "nand", "nor", "table", "laplace", "freq", "tf", "cheb").contains(w)) { // table: F/H
      throw c.errorAt(c.token(), Character.toUpperCase(c.kind()) + " sources of the " + w.toUpperCase(Locale.ROOT)
          + " form are not supported (supported: gain, POLY(n), VALUE={expression}" + (c.kind() == 'e' || c.kind() == 'g'
          ? ", TABLE" : "") + "; or write a B source)");
    }
  }

  /**
   * SPICE's polynomial controlled source {@code POLY(n)}: n controlling voltages (E, G: node pairs) or
   * currents (F, H: voltage sources) and coefficients p0 p1 ... in SPICE's order (constant, linear
   * terms, then products of non-decreasing variable indices by degree), built as a B source.
   */
  private static Element poly(Card c, Expander x, String[] out, boolean voltageOut, boolean voltageIn) {
    Token at = c.token();
    c.k++;
    double dims = c.value("POLY dimension");
    if (dims != Math.rint(dims) || dims < 1 || dims > 20) {
      throw c.errorAtPrevious("POLY needs a dimension from 1 to 20, got " + dims);
    }
    int d = (int) dims;
    List<String> vars = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      if (voltageIn) {
        Token a = c.token();
        c.k++;
        Token b = c.token();
        c.k++;
        vars.add("v(" + a.text() + "," + b.text() + ")");
      } else {
        vars.add("i(" + c.word("controlling voltage source") + ")");
      }
    }
    List<Double> coef = new ArrayList<>();
    while (c.hasMore()) {
      coef.add(c.value("POLY coefficient"));
    }
    if (coef.isEmpty()) {
      throw c.errorAt(at, "POLY(" + d + ") needs coefficients");
    }
    StringBuilder sb = new StringBuilder();
    List<int[]> terms = new ArrayList<>();
    terms.add(new int[0]);
    for (int degree = 1; terms.size() < coef.size(); degree++) {
      addTerms(terms, new int[degree], 0, 0, d);
    }
    for (int k = 0; k < coef.size(); k++) {
      if (coef.get(k) == 0) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : " + ").append('(').append(coef.get(k)).append(')');
      for (int v : terms.get(k)) {
        sb.append('*').append(vars.get(v));
      }
    }
    String text = sb.length() == 0 ? "0" : sb.toString();
    return behaviouralSource(c, x, out, voltageOut, text, at.index());
  }

  /** Appends the monomials of one degree: variable indices non-decreasing, in lexicographic order. */
  private static void addTerms(List<int[]> terms, int[] cur, int pos, int from, int d) {
    if (pos == cur.length) {
      terms.add(cur.clone());
      return;
    }
    for (int v = from; v < d; v++) {
      cur[pos] = v;
      addTerms(terms, cur, pos + 1, v, d);
    }
  }

  private static Element currentControlled(Card c, Expander x) {
    String[] n = c.nodes(2, "2 nodes, a controlling voltage source and a gain");
    if (c.hasMore() && c.peek().equals("poly")) {
      return poly(c, x, n, c.kind() == 'h', false);
    }
    unsupportedForms(c);
    String ctrl = c.frame.element(c.word("controlling voltage source"));
    double gain = c.value("gain");
    c.end();
    return c.kind() == 'f' ? new Cccs(c.name, n[0], n[1], ctrl, gain) : new Ccvs(c.name, n[0], n[1], ctrl, gain);
  }

  private static Element diode(Card c, Expander x) {
    String[] n = c.nodes(2, "2 nodes and a model");
    Model m = c.model("d");
    Map<String, Double> inst = new LinkedHashMap<>();
    if (c.nextIsValue()) {
      inst.put("area", c.value("area"));
    }
    inst.putAll(c.instanceParameters("off"));
    multiply(inst, c);
    if (inst.containsKey("ic")) {
      throw c.error(c.name + ": diode ic= is not supported (set the node voltages with .ic)");
    }
    return x.model(c, m, () -> new Diode(c.name, n[0], n[1], m.numeric(), inst, x.temperatures()));
  }

  private static Element mosfet(Card c, Expander x) {
    String[] n = c.nodes(4, "4 nodes (d g s b) and a model");
    Model m = c.model("nmos", "pmos");
    Map<String, Double> inst = c.instanceParameters("off");
    multiply(inst, c);
    for (String k : List.of("ic", "icvds", "icvgs", "icvbs")) {
      if (inst.containsKey(k)) {
        throw c.error(c.name + ": MOSFET " + k + "= is not supported (set the node voltages with .ic)");
      }
    }
    return x.model(c, m, () -> new Mosfet1(c.name, n[0], n[1], n[2], n[3], m.type().equals("pmos"), m.numeric(), inst,
        x.temperatures()));
  }

  /** {@code k l1 l2 coupling}: the inductors may be written anywhere in the same subcircuit level. */
  private static Element coupling(Card c, Expander x) {
    if (c.toks.size() < 4) {
      throw c.error(c.name + " needs two inductors and a coupling coefficient");
    }
    Token t1 = c.token();
    String l1 = c.frame.element(c.word("first inductor"));
    Token t2 = c.token();
    String l2 = c.frame.element(c.word("second inductor"));
    for (Token t : List.of(t1, t2)) {
      if (Character.toLowerCase(t.text().charAt(0)) != 'l') {
        throw c.errorAt(t, c.name + " couples inductors (L...), not " + t.text());
      }
    }
    if (c.hasMore() && !c.nextIsValue() && !c.peek().startsWith("k=")) {
      throw c.errorAt(c.token(), c.name + ": only two inductors per K card are supported (write one K per pair)");
    }
    double k = c.valueOrKey("k", "coupling coefficient");
    c.end();
    return x.deferCoupling(c, l1, l2, t1, t2, k);
  }

  /** {@code q c b e [s] model [area] [areab= areac= m= temp= dtemp= off]}. */
  private static Element bjt(Card c, Expander x) {
    String[] n = c.nodes(3, "3 nodes (c b e), an optional substrate node and a model");
    String sub = "0";
    if (c.hasMore() && c.k + 1 < c.toks.size() && !c.toks.get(c.k + 1).text().contains("=")
        && c.frame.scope().model(c.peek()) == null) {
      sub = c.nodes(1, "a substrate node")[0];
    }
    Model m = c.model("npn", "pnp");
    Map<String, Double> inst = new LinkedHashMap<>();
    if (c.nextIsValue()) {
      inst.put("area", c.value("area"));
    }
    inst.putAll(c.instanceParameters("off"));
    multiply(inst, c);
    for (String k : List.of("ic", "icvbe", "icvce")) {
      if (inst.containsKey(k)) {
        throw c.error(c.name + ": BJT " + k + "= is not supported (set the node voltages with .ic)");
      }
    }
    String s = sub;
    return x.model(c, m, () -> new Bjt(c.name, n[0], n[1], n[2], s, m.type().equals("pnp"), m.numeric(), inst,
        x.temperatures()));
  }

  private static Element vswitch(Card c, Expander x) {
    String[] n = c.nodes(4, "4 nodes and a model");
    Model m = c.model("sw");
    boolean on = initialSwitchState(c);
    return c.guarded(() -> new VSwitch(c.name, n[0], n[1], n[2], n[3], m.numeric(), on));
  }

  /** {@code w1 p n vcontrol model [on|off]}: ngspice's current-controlled switch. */
  private static Element cswitch(Card c, Expander x) {
    String[] n = c.nodes(2, "2 nodes, a controlling voltage source and a model");
    String ctrl = c.frame.element(c.word("controlling voltage source"));
    Model m = c.model("csw");
    boolean on = initialSwitchState(c);
    return c.guarded(() -> new CSwitch(c.name, n[0], n[1], ctrl, m.numeric(), on));
  }

  /** A switch card's optional last word, {@code on} or {@code off} (the default). */
  private static boolean initialSwitchState(Card c) {
    boolean on = false;
    if (c.hasMore()) {
      String w = c.word("on/off");
      on = w.equals("on");
      if (!on && !w.equals("off")) {
        throw c.errorAtPrevious("expected 'on' or 'off', got '" + w + "'");
      }
    }
    c.end();
    return on;
  }

  private static Element behavioural(Card c, Expander x) {
    String[] n = c.nodes(2, "2 nodes and V=expression or I=expression");
    Matcher mt = BEHAVIOURAL_KIND.matcher(c.sl.text);
    int from = c.toks.get(Math.min(3, c.toks.size() - 1)).index();
    if (!mt.find(Math.min(from, c.sl.text.length())) && !mt.find(0)) {
      throw c.error(c.name + " needs V=expression or I=expression");
    }
    boolean voltage = mt.group(1).equalsIgnoreCase("v");
    String rest = c.sl.text.substring(mt.end());
    return behaviouralSource(c, x, n, voltage, rest.trim(), mt.end() + rest.length() - rest.stripLeading().length());
  }

  /** A B source (or E/G with VALUE=) from expression text at {@code index} of the card's line. */
  static BehavioralSource behaviouralSource(Card c, Expander x, String[] n, boolean voltage, String text,
      int index) {
    String t = text.trim();
    int shift = 0;
    if (t.length() >= 2 && (t.startsWith("{") && t.endsWith("}") || t.startsWith("'") && t.endsWith("'"))) {
      t = t.substring(1, t.length() - 1);
      shift = 1;
    }
    t = unquote(t);
    try {
      Expression e = Expression.parse(t, c.params().context());
      for (Expression.Derivative d : e.derivatives()) {
        List<BehavioralSource.Probe> local = d.body().probes();
        x.add(new TimeDerivative(c.name + "#" + d.id(), flatProbes(c, x, local, t, index + shift),
            d.body().compile(c.params()::get, local)), c.sl);
      }
      List<BehavioralSource.Probe> local = e.probes();
      List<BehavioralSource.Probe> probes = flatProbes(c, x, local, t, index + shift);
      BehavioralSource.Function f = e.compile(c.params()::get, local);
      return new BehavioralSource(c.name, n[0], n[1], voltage, probes, f, "{" + t + "}");
    } catch (ExpressionException ex) {
      throw c.sl.error(index + shift + ex.offset(), ex.getMessage());
    }
  }

  /** The probes of an expression with flattened node and element names ({@code ddt#k} names this card's derivatives). */
  private static List<BehavioralSource.Probe> flatProbes(Card c, Expander x, List<BehavioralSource.Probe> local,
      String text, int at) {
    List<BehavioralSource.Probe> probes = new ArrayList<>();
    for (BehavioralSource.Probe pr : local) {
      BehavioralSource.Probe flat;
      if (pr.kind() == BehavioralSource.Probe.Kind.VOLTAGE) {
        flat = BehavioralSource.Probe.voltage(c.frame.map(pr.a()), c.frame.map(pr.b()));
      } else if (pr.a().startsWith("ddt#")) {
        flat = BehavioralSource.Probe.current(c.name + "#" + pr.a());
      } else {
        flat = BehavioralSource.Probe.current(x.currentSource(c.frame.element(pr.a())));
      }
      probes.add(flat);
      x.probeUse(flat, c.sl, () -> at + probeOffset(text, pr));
    }
    return probes;
  }

  /**
   * ngspice reads a quoted part of an expression like a parenthesized one ({@code time < 'td' ? 0 : 1});
   * the quotes become parentheses (same length, so error offsets stay right).
   */
  static String unquote(String t) {
    if (t.indexOf('\'') < 0) {
      return t;
    }
    StringBuilder sb = new StringBuilder(t);
    boolean open = true;
    for (int i = 0; i < sb.length(); i++) {
      if (sb.charAt(i) == '\'') {
        sb.setCharAt(i, open ? '(' : ')');
        open = !open;
      }
    }
    return sb.toString();
  }

  /** Offset of a probe's first mention in expression text (for errors about its node or source). */
  private static int probeOffset(String text, BehavioralSource.Probe p) {
    String name = p.a();
    Matcher m = Pattern.compile("(?i)\\b" + (p.kind() == BehavioralSource.Probe.Kind.VOLTAGE ? "v" : "i")
        + "\\s*\\(\\s*(" + Pattern.quote(name) + ")\\s*[,)]").matcher(text);
    return m.find() ? m.start(1) : 0;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
