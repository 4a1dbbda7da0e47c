package org.neuristor.netlist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.CurrentProbe;

/**
 * Flattens a netlist: collects the definitions of each scope ({@code .param}, {@code .model},
 * {@code .subckt}), expands {@code X} instances recursively into their elements with ngspice's names
 * (element {@code r1} of instance {@code x1} is {@code r.x1.r1}, internal node {@code n} is
 * {@code x1.n}, {@code .global} nodes keep their name), and hands dot cards of the top level to
 * {@link ControlCards}.
 */
final class Expander {
  static final int MAX_DEPTH = 64;
  static final int MAX_ELEMENTS = 1_000_000;

  final List<Element> elements = new ArrayList<>();
  final Map<Element, SourceLine> origin = new HashMap<>();
  /** Where each node was first connected, for errors about nodes. */
  final Map<String, ControlCards.Located> nodeOrigin = new LinkedHashMap<>();
  /** Where each B-source input was first read, for errors about unknown nodes and sources. */
  final Map<BehavioralSource.Probe, ControlCards.Located> probeUses = new LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();
  private final Set<Model> notedModels = new HashSet<>();
  private final Set<String> globals;
  /** Requested current probes: element name -> terminal indices (0 = the element's current). */
  private final Map<String, Map<Integer, String>> currentProbes;
  /** Local names of R, C, G, I elements whose current an expression reads (a probe on their first terminal). */
  private final Set<String> expressionCurrents;

  /** The element whose current {@code I(name)} in an expression reads: the element, or its series probe. */
  String currentSource(String flatName) {
    return probedByExpression(flatName) ? flatName + "#0#probe" : flatName;
  }

  private boolean probedByExpression(String flatName) {
    return expressionCurrents.contains(flatName.substring(flatName.lastIndexOf('.') + 1));
  }
  private final ControlCards control;
  private final CircuitCompiler.Devices devices;
  private final List<String> warnings;
  private final org.neuristor.circuit.element.Temperatures temperatures;
  private final Overrides overrides;

  /** A value changed by {@code alter}, or the value the card gives. */
  double altered(String element, double value) {
    Double v = overrides.elements().get(element);
    return v == null ? value : v;
  }

  /** A source's transient function changed by {@code alter @v1[sin] [...]}, or null. */
  Overrides.Function alteredFunction(String source) {
    return overrides.functions().get(source);
  }

  /** A model with the parameters {@code altermod} changed. */
  Model altered(Model m) {
    Map<String, Double> o = overrides.models().get(m.name());
    if (o == null) {
      return m;
    }
    Map<String, Object> p = new LinkedHashMap<>(m.params());
    p.putAll(o);
    return new Model(m.name(), m.type(), p, m.line());
  }

  Expander(Set<String> globals, Map<String, Map<Integer, String>> currentProbes, Set<String> expressionCurrents,
      ControlCards control,
      CircuitCompiler.Devices devices, List<String> warnings, org.neuristor.circuit.element.Temperatures temperatures,
      Overrides overrides) {
    this.temperatures = temperatures;
    this.overrides = overrides;
    this.globals = globals;
    this.currentProbes = currentProbes;
    this.expressionCurrents = expressionCurrents;
    this.control = control;
    this.devices = devices;
    this.warnings = warnings;
  }

  List<String> warnings() {
    return warnings;
  }

  org.neuristor.circuit.element.Temperatures temperatures() {
    return temperatures;
  }

  /** A model's numeric parameters read against a device's table: errors at the model's line, notes once. */
  org.neuristor.circuit.element.ParamTable.Values modelValues(Card c, Model m,
      org.neuristor.circuit.element.ParamTable table) {
    try {
      org.neuristor.circuit.element.ParamTable.Values v = table.read(m.numeric());
      if (!v.ignored().isEmpty() && notedModels.add(m)) {
        warnings.add(m.line().file(0) + ":" + m.line().line(0) + ": model " + m.name()
            + ": parameters accepted without effect: " + String.join(", ", v.ignored()));
      }
      return v;
    } catch (org.neuristor.ModelParameterException ex) {
      int at = m.line().text.toLowerCase(Locale.ROOT).indexOf(ex.parameter());
      throw m.line().error(Math.max(at, 0), ex.getMessage());
    }
  }

  /** A note about a card, once per distinct message. */
  void notedOnce(Card c, String message) {
    if (notes.add(message)) {
      warnings.add(c.sl.file(0) + ":" + c.sl.line(0) + ": " + message);
    }
  }

  private final Set<String> notes = new HashSet<>();

  /**
   * Builds a model-based element: an error about a model parameter is reported at the parameter on
   * the {@code .model} line, any other at the element's card; notes go to the warnings.
   */
  Element model(Card c, Model m, java.util.function.Supplier<Element> build) {
    Element e;
    try {
      e = build.get();
    } catch (org.neuristor.ModelParameterException ex) {
      int at = m.line().text.toLowerCase(Locale.ROOT).indexOf(ex.parameter() + "=");
      if (at < 0) {
        at = m.line().text.toLowerCase(Locale.ROOT).indexOf(" " + ex.parameter() + " ") + 1;
      }
      throw at > 0 && !c.sl.text.toLowerCase(Locale.ROOT).contains(ex.parameter() + "=") ? m.line().error(at, ex.getMessage())
          : c.sl.error(0, ex.getMessage());
    } catch (org.neuristor.NetlistException ex) {
      throw ex;
    } catch (org.neuristor.NeuristorException ex) {
      throw c.sl.error(0, ex.getMessage());
    }
    if (e instanceof org.neuristor.circuit.element.Annotated an && notedModels.add(m)) {
      for (String note : an.notes()) {
        warnings.add(c.sl.file(0) + ":" + c.sl.line(0) + ": " + note);
      }
    }
    return e;
  }

  /**
   * One level of expansion: the instance prefix ({@code x1.}), its pin map, its scope and the
   * {@code m=} of the outermost enclosing X instance that gives one (NaN if none). As in ngspice-39 that
   * multiplier replaces the m of every device and X instance inside (it does not multiply them).
   */
  final class Frame {
    final String prefix;
    final Map<String, String> pins;
    private final Scope scope;
    final double multiplier;

    Frame(String prefix, Map<String, String> pins, Scope scope) {
      this(prefix, pins, scope, Double.NaN);
    }

    Frame(String prefix, Map<String, String> pins, Scope scope, double multiplier) {
      this.prefix = prefix;
      this.pins = pins;
      this.scope = scope;
      this.multiplier = multiplier;
    }

    Scope scope() {
      return scope;
    }

    Expander expander() {
      return Expander.this;
    }

    /** The flattened name of a node written in this frame. */
    String map(String node) {
      String n = node.toLowerCase(Locale.ROOT);
      if (Circuit.isGround(n)) {
        return "0";
      }
      String m = pins.get(n);
      if (m != null) {
        return m;
      }
      return globals.contains(n) ? n : prefix + n;
    }

    /** The flattened name of an element written in this frame. */
    String element(String local) {
      return flatName(prefix, local.toLowerCase(Locale.ROOT));
    }

    /**
     * The node an element's terminal connects to; where a current probe was requested on that
     * terminal, a 0 V probe is inserted and the terminal moves to the probe's inner node.
     */
    String terminal(String elementName, int index, Token t, SourceLine sl) {
      String node = map(t.lower());
      nodeOrigin.putIfAbsent(node, new ControlCards.Located(sl, t.index()));
      Map<Integer, String> req = currentProbes.get(elementName);
      String signal = req == null ? null : req.get(index);
      if (signal == null && index == 0 && probedByExpression(elementName)) {
        signal = "i(" + elementName + ")";
      }
      if (signal == null) {
        return node;
      }
      String inner = elementName + "#" + index;
      CurrentProbe p = new CurrentProbe(signal, node, inner);
      add(p, sl);
      return inner;
    }
  }

  /**
   * Collects the definitions of one scope and returns its other lines (elements, instances and
   * dot cards) in order.
   */
  /** The {@code .csparam} constants: seen by the {@code .control} block, evaluated among the circuit's parameters. */
  final ParamScope csparams = new ParamScope(null);

  List<SourceLine> define(List<SourceLine> lines, Scope scope, FunctionTable functions) {
    List<SourceLine> rest = new ArrayList<>();
    defineInto(lines, scope, functions, rest);
    return rest;
  }

  private void defineInto(List<SourceLine> lines, Scope scope, FunctionTable functions, List<SourceLine> rest) {
    for (int i = 0; i < lines.size(); i++) {
      SourceLine sl = lines.get(i);
      String lower = sl.text.toLowerCase(Locale.ROOT);
      if (lower.startsWith(".if") && (lower.length() == 3 || !Character.isLetter(lower.charAt(3)))) {
        int end = conditional(lines, i, scope, functions, rest);
        i = end;
      } else if (lower.startsWith(".elseif") || lower.startsWith(".else") || lower.startsWith(".endif")) {
        throw sl.error(0, lower.split("[\\s(]")[0] + " without .if");
      } else if (lower.startsWith(".subckt")) {
        int j = matchingEnds(lines, i);
        Subckt sub = defineSubckt(sl, lines.subList(i + 1, j), scope);
        subckts.putIfAbsent(sl, sub); // a nested definition is made again in each instance of its parent
        i = j;
      } else if (lower.startsWith(".ends")) {
        throw sl.error(0, ".ends without a .subckt");
      } else if (lower.startsWith(".csparam")) {
        // as in ngspice-39: a constant of the .control block, not a circuit parameter (so that
        // '.csparam stime={stime}' passes the .param stime on; the circuit cannot read it)
        functions.params(sl, csparams, scope.params);
      } else if (lower.startsWith(".param")) {
        functions.params(sl, scope.params);
      } else if (lower.startsWith(".model")) {
        scope.defineModel(parseModel(sl, scope.params));
      } else if (lower.startsWith(".func")) {
        functions.func(sl, scope.params);
      } else if (lower.startsWith(".global")) {
        continue; // collected before expansion
      } else {
        rest.add(sl);
      }
    }
  }

  /**
   * A {@code .if (cond) ... .elseif (cond) ... .else ... .endif} block starting at {@code start}: the
   * first branch whose condition (a parameter expression, nonzero = true) holds is defined as if written
   * in place. Returns the index of the {@code .endif}.
   */
  private int conditional(List<SourceLine> lines, int start, Scope scope, FunctionTable functions,
      List<SourceLine> rest) {
    List<Integer> heads = new ArrayList<>(List.of(start));
    int depth = 0;
    int end = -1;
    for (int j = start + 1; j < lines.size() && end < 0; j++) {
      String l = lines.get(j).text.toLowerCase(Locale.ROOT);
      boolean isIf = l.startsWith(".if") && (l.length() == 3 || !Character.isLetter(l.charAt(3)));
      if (isIf) {
        depth++;
      } else if (l.startsWith(".endif")) {
        if (depth == 0) {
          end = j;
        } else {
          depth--;
        }
      } else if (depth == 0 && (l.startsWith(".elseif") || l.startsWith(".else"))) {
        heads.add(j);
      }
    }
    if (end < 0) {
      throw lines.get(start).error(0, ".if without .endif");
    }
    heads.add(end);
    for (int j = start + 1; j < end; j++) {
      SourceLine sl = lines.get(j);
      String l = sl.text.toLowerCase(Locale.ROOT);
      if (l.startsWith(".param") || l.startsWith(".csparam")) {
        // ngspice-39 does not apply .if to .param lines (every branch's .param is read, the last one
        // wins), so a deck written this way means one thing to its author and another to ngspice
        throw sl.error(0, ".param inside .if/.else is not supported (ngspice-39 ignores the condition for "
            + ".param lines and keeps the last definition); write the choice as one .param with a "
            + "conditional expression, e.g. .param r = {sel == 1 ? 1k : 2k}");
      }
    }
    for (int h = 0; h + 1 < heads.size(); h++) {
      SourceLine head = lines.get(heads.get(h));
      String l = head.text.toLowerCase(Locale.ROOT);
      boolean taken;
      if (l.startsWith(".else") && !l.startsWith(".elseif")) {
        taken = true;
      } else {
        int at = l.startsWith(".elseif") ? 7 : 3;
        String cond = head.text.substring(at).trim();
        if (cond.isEmpty()) {
          throw head.error(at, l.substring(0, at) + " needs a condition");
        }
        taken = ParamScope.evaluate("{" + cond + "}", head, head.text.indexOf(cond) - 1, scope.params) != 0;
      }
      if (taken) {
        defineInto(lines.subList(heads.get(h) + 1, heads.get(h + 1)), scope, functions, rest);
        break;
      }
    }
    return end;
  }

  /** Index of the {@code .ends} closing the {@code .subckt} at {@code start} (nesting counted). */
  private static int matchingEnds(List<SourceLine> lines, int start) {
    int depth = 1;
    for (int j = start + 1; j < lines.size(); j++) {
      String l = lines.get(j).text.toLowerCase(Locale.ROOT);
      if (l.startsWith(".subckt")) {
        depth++;
      } else if (l.startsWith(".ends") && --depth == 0) {
        return j;
      }
    }
    throw lines.get(start).error(0, "unclosed .subckt: no matching .ends");
  }

  /** Every {@code .subckt} defined, by its header line (one per definition written, not per instance). */
  private final Map<SourceLine, Subckt> subckts = new LinkedHashMap<>(); // SourceLine: identity equality

  /**
   * Refuses letters that are no unit in the parameter defaults of every subcircuit defined (an instance's value
   * replaces its default, so ngspice never reads a default that every instance gives, nor those of a subcircuit that
   * is never used; such letters are a typo all the same). After the expansion, so that a default an instance uses was
   * refused where it was read, naming the quantity.
   */
  void checkSubcktDefaults() {
    for (Subckt sub : subckts.values()) {
      for (Token d : sub.defaults().values()) {
        ParamScope.checkLetters(d.text(), sub.header(), d.index(), sub.definedIn().params);
      }
    }
  }

  private static Subckt defineSubckt(SourceLine sl, List<SourceLine> body, Scope scope) {
    List<Token> toks = NetlistReader.tokenize(sl);
    if (toks.size() < 2) {
      throw sl.error(0, ".subckt needs a name");
    }
    String name = toks.get(1).lower();
    List<String> pins = new ArrayList<>();
    Map<String, Token> defaults = new LinkedHashMap<>();
    for (int k = 2; k < toks.size(); k++) {
      Token t = toks.get(k);
      String tl = t.lower();
      if (tl.equals("params:")) {
        continue;
      }
      if (tl.startsWith("params:")) {
        tl = tl.substring(7);
        t = new Token(t.text().substring(7), t.index() + 7);
        if (tl.isEmpty()) {
          continue;
        }
      }
      int eq = tl.indexOf('=');
      if (eq > 0) {
        defaults.put(tl.substring(0, eq), new Token(t.text().substring(eq + 1), t.index() + eq + 1));
      } else {
        if (!defaults.isEmpty()) {
          throw sl.error(t.index(), "subcircuit pin '" + t.text() + "' after its parameters");
        }
        pins.add(tl);
      }
    }
    Subckt sub = new Subckt(name, pins, defaults, List.copyOf(body), sl, scope);
    scope.defineSubckt(sub, toks.get(1).index());
    return sub;
  }

  /**
   * ngspice model types whose cards are read strictly, with Neuristor's device types; cards of other types
   * are read as far as they are name=value pairs.
   */
  private static final java.util.Set<String> SIMULATED_MODEL_TYPES = java.util.Set.of("r", "res", "c", "l", "d",
      "nmos", "pmos", "npn", "pnp", "sw", "csw");

  static Model parseModel(SourceLine sl, ParamScope scope) {
    List<Token> toks = NetlistReader.tokenize(sl);
    if (toks.size() < 3) {
      throw sl.error(0, ".model needs a name and a type");
    }
    String name = toks.get(1).lower();
    String type = toks.get(2).lower();
    Map<String, Object> params = new LinkedHashMap<>();
    for (int k = 3; k < toks.size(); k++) {
      Token t = toks.get(k);
      int eq = t.text().indexOf('=');
      String key;
      String val;
      int at;
      if (eq > 0) {
        key = t.text().substring(0, eq).toLowerCase(Locale.ROOT);
        val = t.text().substring(eq + 1);
        at = t.index() + eq + 1;
      } else if (k + 1 < toks.size() && !toks.get(k + 1).text().contains("=") && isName(t.text())) {
        // ngspice also reads "name value" pairs without '=': nmos(level 1 kp 25u)
        key = t.lower();
        Token v = toks.get(++k);
        val = v.text();
        at = v.index();
      } else if (!SIMULATED_MODEL_TYPES.contains(type) && !org.neuristor.device.DeviceRegistry.has(type)) {
        break; // a model type Neuristor does not simulate (cpl, ltra, code models): an element using it is refused
      } else {
        throw sl.error(t.index(), "model parameter must be name=value, got '" + t.text() + "'");
      }
      double num = org.neuristor.expr.SpiceNumber.parse(val);
      if (!Double.isNaN(num)) {
        WrittenUnits.checkModelParameter(sl, at, type, key, val);
        params.put(key, num);
      } else if (val.startsWith("{") || val.startsWith("'") || scope.get(val.toLowerCase(Locale.ROOT)) != null
          || val.startsWith("-") || val.startsWith("+") || val.startsWith(".") || val.startsWith("(")) {
        params.put(key, ParamScope.evaluate(val, sl, at, scope));
      } else {
        params.put(key, val.toLowerCase(Locale.ROOT)); // e.g. preset=nbox
      }
    }
    return new Model(name, type, params, sl);
  }

  private static boolean isName(String s) {
    return !s.isEmpty() && (Character.isLetter(s.charAt(0)) || s.charAt(0) == '_');
  }

  // ------------------------------------------------------------------ expansion

  void expand(List<SourceLine> lines, Frame frame, int depth, FunctionTable functions) {
    for (SourceLine sl : lines) {
      String lower = sl.text.toLowerCase(Locale.ROOT);
      if (lower.startsWith(".")) {
        if (!frame.prefix.isEmpty()) {
          if (lower.startsWith(".ic") && (lower.length() == 3 || Character.isWhitespace(lower.charAt(3)))) {
            control.initialConditions(sl, frame.scope.params, frame::map); // per instance, as ngspice-39
            continue;
          }
          if (lower.startsWith(".nodeset") && (lower.length() == 8 || Character.isWhitespace(lower.charAt(8)))) {
            control.nodesets(sl, frame.scope.params, frame::map); // per instance, as .ic
            continue;
          }
          throw sl.error(0, "control line " + lower.split("\\s+")[0] + " is not allowed inside a .subckt");
        }
        control.apply(sl, frame.scope.params);
        continue;
      }
      List<Token> toks = NetlistReader.tokenize(sl);
      if (toks.isEmpty()) {
        continue;
      }
      if (elements.size() >= MAX_ELEMENTS) {
        throw sl.error(0, "more than " + MAX_ELEMENTS + " elements after flattening subcircuits");
      }
      char kind = Character.toLowerCase(toks.get(0).text().charAt(0));
      if (kind == 'x') {
        instantiate(sl, toks, frame, depth, functions);
      } else {
        Card card = new Card(sl, toks, frame.element(toks.get(0).lower()), frame);
        Element e = ElementCards.parse(card, this);
        if (e != null) {
          add(e, sl);
        }
      }
    }
  }

  void add(Element e, SourceLine sl) {
    if (!names.add(e.name())) {
      throw sl.error(0, "duplicate element name " + e.name());
    }
    elements.add(e);
    origin.put(e, sl);
  }

  private void instantiate(SourceLine sl, List<Token> toks, Frame frame, int depth, FunctionTable functions) {
    if (depth >= MAX_DEPTH) {
      throw sl.error(0, "subcircuits nested deeper than " + MAX_DEPTH + " (recursive .subckt?)");
    }
    String inst = frame.prefix + toks.get(0).lower();
    List<Token> nodes = new ArrayList<>();
    Map<String, Token> given = new LinkedHashMap<>();
    for (int k = 1; k < toks.size(); k++) {
      Token t = toks.get(k);
      String tl = t.lower();
      if (tl.equals("params:")) {
        continue;
      }
      int eq = tl.indexOf('=');
      if (eq > 0) {
        given.put(tl.startsWith("params:") ? tl.substring(7, eq) : tl.substring(0, eq),
            new Token(t.text().substring(eq + 1), t.index() + eq + 1));
      } else {
        if (!given.isEmpty()) {
          throw sl.error(t.index(), "node '" + t.text() + "' after instance parameters");
        }
        nodes.add(t);
      }
    }
    if (nodes.isEmpty()) {
      throw sl.error(0, inst + " needs nodes and a subcircuit name");
    }
    Token subTok = nodes.remove(nodes.size() - 1);
    Subckt sub = frame.scope.subckt(subTok.lower());
    if (sub == null) {
      throw sl.error(subTok.index(), "unknown subcircuit '" + subTok.text() + "'");
    }
    if (nodes.size() != sub.pins().size()) {
      throw sl.error(0, inst + " connects " + nodes.size() + " nodes but subcircuit " + sub.name() + " has "
          + sub.pins().size() + " pins");
    }
    double mult = frame.multiplier;
    if (given.containsKey("m") && !sub.defaults().containsKey("m")) {
      Token mt = given.remove("m");
      double m = ParamScope.evaluate(mt.text(), sl, mt.index(), frame.scope.params);
      if (!(m > 0)) {
        throw sl.error(mt.index(), inst + ": m must be > 0");
      }
      if (Double.isNaN(mult)) {
        mult = m;
      } else if (m != mult) {
        warnings.add(sl.file(0) + ":" + sl.line(0) + ": " + inst + ": m=" + ElementCards.trim(m)
            + " is replaced by the enclosing instance's m=" + ElementCards.trim(mult) + " (as ngspice)");
      }
    }
    for (String k : given.keySet()) {
      if (!sub.defaults().containsKey(k)) {
        throw sl.error(given.get(k).index(), "subcircuit " + sub.name() + " has no parameter '" + k + "'");
      }
    }
    Map<String, String> map = new HashMap<>();
    for (int k = 0; k < nodes.size(); k++) {
      String n = frame.map(nodes.get(k).lower());
      nodeOrigin.putIfAbsent(n, new ControlCards.Located(sl, nodes.get(k).index()));
      map.put(sub.pins().get(k), n);
    }
    ParamScope inner = new ParamScope(sub.definedIn().params);
    for (Map.Entry<String, Token> d : sub.defaults().entrySet()) {
      Token v = given.get(d.getKey());
      if (v != null) {
        double value = ParamScope.evaluate(v.text(), sl, v.index(), frame.scope.params);
        inner.defineIn(d.getKey(), v.text(), sl, v.index(), frame.scope.params); // where it was written (units)
        inner.set(d.getKey(), value);
      } else {
        inner.define(d.getKey(), d.getValue().text(), sub.header(), d.getValue().index());
      }
    }
    Scope body = new Scope(sub.definedIn(), inner);
    List<SourceLine> rest = define(sub.body(), body, functions);
    expand(rest, new Frame(inst + ".", map, body, mult), depth + 1, functions);
    inner.checkUnused(); // as ngspice, which evaluates a subcircuit's parameters for each instance
  }

  /**
   * ngspice's flattened element name: element {@code r1} of instance {@code x1} is {@code r.x1.r1}
   * (the type letter stays first, so the name still says what the element is).
   */
  static String flatName(String prefix, String local) {
    return prefix.isEmpty() ? local : local.charAt(0) + "." + prefix + local;
  }

  /** A K card waiting for its inductors (which may come later in the netlist). */
  record Coupling(Card card, String l1, String l2, Token t1, Token t2, double k) {}

  final List<Coupling> couplings = new ArrayList<>();

  /** Records a K card; {@link #resolveCouplings} builds it once every element exists. */
  Element deferCoupling(Card c, String l1, String l2, Token t1, Token t2, double k) {
    couplings.add(new Coupling(c, l1, l2, t1, t2, k));
    return null;
  }

  /** Builds the K elements after expansion: the inductors must exist. */
  void resolveCouplings() {
    Map<String, Element> byName = new HashMap<>();
    for (Element e : elements) {
      byName.put(e.name(), e);
    }
    for (Coupling k : couplings) {
      Element a = byName.get(k.l1());
      Element b = byName.get(k.l2());
      if (!(a instanceof org.neuristor.circuit.element.Inductor ia)) {
        throw k.card().errorAt(k.t1(), "no inductor " + k.l1() + " for coupling " + k.card().name);
      }
      if (!(b instanceof org.neuristor.circuit.element.Inductor ib)) {
        throw k.card().errorAt(k.t2(), "no inductor " + k.l2() + " for coupling " + k.card().name);
      }
      add(k.card().guarded(() -> new org.neuristor.circuit.element.MutualInductance(k.card().name, ia, ib, k.k())),
          k.card().sl);
    }
  }

  /**
   * Remembers where a B source reads a node or source, for the check after expansion: the first use is kept, and
   * its column ({@code index}, a search of the card's text) is found only for that one.
   */
  void probeUse(BehavioralSource.Probe p, SourceLine sl, java.util.function.IntSupplier index) {
    probeUses.computeIfAbsent(p, k -> new ControlCards.Located(sl, index.getAsInt()));
  }

  /** An {@code N} line: a compact device from a {@link DeviceFactory}. */
  Element device(Card c) {
    List<Token> toks = c.toks;
    SourceLine sl = c.sl;
    // N name node... model: the last bare word is the model.
    int last = toks.size() - 1;
    while (last > 0 && toks.get(last).text().contains("=")) {
      last--;
    }
    if (last < 2) {
      throw sl.error(0, c.name + " needs nodes and a model");
    }
    String[] nodes = c.nodes(last - 1, "nodes and a model");
    Token mt = toks.get(last);
    Model m = c.frame.scope().model(mt.lower());
    if (m == null) {
      throw sl.error(mt.index(), "unknown model '" + mt.text() + "'");
    }
    Map<String, Object> params = new LinkedHashMap<>(m.params());
    for (int k = last + 1; k < toks.size(); k++) {
      Token t = toks.get(k);
      int eq = t.text().indexOf('=');
      String key = t.text().substring(0, eq).toLowerCase(Locale.ROOT);
      String val = t.text().substring(eq + 1);
      double num = org.neuristor.expr.SpiceNumber.parse(val);
      if (!Double.isNaN(num)) {
        WrittenUnits.checkModelParameter(sl, t.index() + eq + 1, m.type(), key, val);
      }
      params.put(key, Double.isNaN(num) && !val.startsWith("{") ? val.toLowerCase(Locale.ROOT)
          : ParamScope.evaluate(val, sl, t.index() + eq + 1, c.params()));
    }
    return devices.create(m, c.name, List.of(nodes), params);
  }
}
