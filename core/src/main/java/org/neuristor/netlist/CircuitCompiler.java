package org.neuristor.netlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.SimOptions;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Cccs;
import org.neuristor.circuit.element.Ccvs;
import org.neuristor.circuit.element.CurrentSource;
import org.neuristor.circuit.element.Diode;
import org.neuristor.circuit.element.Inductor;
import org.neuristor.circuit.element.Mosfet1;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VSwitch;
import org.neuristor.circuit.element.Vccs;
import org.neuristor.circuit.element.Vcvs;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.neuristor.expr.Expression;
import org.neuristor.expr.ExpressionException;

/**
 * Compiles an ngspice-compatible netlist into a {@link Circuit} and its analyses.
 *
 * <p>Supported: title line, {@code *}/{@code ;}/{@code $} comments, {@code +} continuations, case
 * insensitivity, engineering suffixes, {@code .param} with expressions and {@code {}} substitution,
 * {@code .model}, {@code .subckt}/{@code .ends} with {@code X} instances and {@code params:},
 * {@code .include}, {@code .ic}, {@code .options}, {@code .op}, {@code .dc}, {@code .tran},
 * {@code .save}/{@code .print}, {@code .end}; {@code .control ... .endc} is skipped with a warning.
 * Elements R C L V I E G F H D M(level 1) S B, and N for Neuristor's compact devices (via
 * {@link DeviceFactory}). Subcircuit contents are flattened with ngspice's naming: element
 * {@code r1} of instance {@code x1} becomes {@code r.x1.r1}, internal node {@code n} becomes
 * {@code x1.n}. Every user error is a {@link NetlistException} at {@code file:line:col}.
 */
public final class CircuitCompiler {
  static final int MAX_DEPTH = 64;
  static final int MAX_ELEMENTS = 1_000_000;

  /** The result: the circuit, its analyses, the signals to save, warnings and the unknown count. */
  public record Compiled(Circuit circuit, List<Analysis> analyses, List<String> saves, List<String> warnings,
      int unknowns) {}

  private final NetlistReader reader = new NetlistReader();
  private final ParamScope global = new ParamScope(null);
  private final Map<String, Subckt> subckts = new HashMap<>();
  private final Map<String, Model> globalModels = new HashMap<>();
  private final List<Element> elements = new ArrayList<>();
  private final Map<Element, SourceLine> origin = new HashMap<>();
  private final List<Analysis> analyses = new ArrayList<>();
  private final List<String> saves = new ArrayList<>();
  private final Map<String, Double> ic = new LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();
  private final List<DeviceFactory> factories = new ArrayList<>();
  private SimOptions options = SimOptions.DEFAULT;
  private long seed = 1;

  private record Model(String name, String type, Map<String, Object> params, SourceLine line) {}

  private record Subckt(String name, List<String> pins, Map<String, Token> defaults, List<SourceLine> body,
      SourceLine header) {}

  /** Device factories found by ServiceLoader, looked up once (a class-path scan per compile cost ~1 ms). */
  private static final List<DeviceFactory> SERVICE_FACTORIES;

  static {
    List<DeviceFactory> l = new ArrayList<>();
    for (DeviceFactory f : ServiceLoader.load(DeviceFactory.class)) {
      l.add(f);
    }
    SERVICE_FACTORIES = List.copyOf(l);
  }

  private CircuitCompiler() {
    factories.addAll(SERVICE_FACTORIES);
  }

  /** Compiles a netlist file; {@code .include} paths are relative to it. */
  public static Compiled compile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw NeuristorException.input("cannot read netlist " + file + ": " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    return new CircuitCompiler().run(text, file.toString(), dir);
  }

  /** Compiles netlist text; {@code .include} paths are relative to the working directory. */
  public static Compiled compile(String text, String fileName) {
    return new CircuitCompiler().run(text, fileName, Path.of("").toAbsolutePath());
  }

  /** Compiles with extra device factories (in addition to those found by ServiceLoader). */
  public static Compiled compile(String text, String fileName, List<DeviceFactory> extra) {
    CircuitCompiler c = new CircuitCompiler();
    c.factories.addAll(extra);
    return c.run(text, fileName, Path.of("").toAbsolutePath());
  }

  private Compiled run(String text, String fileName, Path dir) {
    reader.read(text, fileName, dir);
    List<String> warnings = new ArrayList<>(reader.warnings);
    List<SourceLine> top = collectDefinitions(reader.lines, global, globalModels, warnings);
    expand(top, "", Map.of(), global, globalModels, 0);
    Circuit.Builder b = Circuit.builder(reader.title.isEmpty() ? fileName : reader.title);
    for (Element e : elements) {
      b.add(e);
    }
    ic.forEach(b::initialCondition);
    b.options(options);
    Circuit circuit;
    try {
      circuit = b.build();
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      throw locate(e);
    }
    warnings.addAll(circuit.warnings());
    int unknowns;
    try {
      unknowns = new MnaSystem(circuit).size();
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      throw locate(e);
    }
    return new Compiled(circuit, List.copyOf(analyses), List.copyOf(saves), warnings, unknowns);
  }

  /** Attaches an engine error that names an element to that element's line. */
  private NeuristorException locate(NeuristorException e) {
    String msg = e.getMessage();
    for (Map.Entry<Element, SourceLine> en : origin.entrySet()) {
      String nm = en.getKey().name();
      if (Pattern.compile("(^|[\\s:])" + Pattern.quote(nm) + "($|[\\s:,)])").matcher(msg).find()) {
        return en.getValue().error(0, msg);
      }
    }
    return e;
  }

  // ------------------------------------------------------------------ definitions

  /**
   * Collects .param, .model and .subckt definitions of one scope; returns the remaining lines
   * (elements and control lines) in order.
   */
  private List<SourceLine> collectDefinitions(List<SourceLine> lines, ParamScope scope, Map<String, Model> models,
      List<String> warnings) {
    List<SourceLine> rest = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      SourceLine sl = lines.get(i);
      String lower = sl.text.toLowerCase(Locale.ROOT);
      if (lower.startsWith(".subckt")) {
        int j = matchingEnds(lines, i);
        defineSubckt(sl, lines.subList(i + 1, j));
        i = j;
      } else if (lower.startsWith(".ends")) {
        throw sl.error(0, ".ends without a .subckt");
      } else if (lower.startsWith(".param")) {
        List<Token> toks = NetlistReader.tokenize(sl);
        for (int k = 1; k < toks.size(); k++) {
          Token t = toks.get(k);
          int eq = t.text().indexOf('=');
          if (eq <= 0) {
            throw sl.error(t.index(), ".param needs name=value, got '" + t.text() + "'");
          }
          scope.define(t.text().substring(0, eq).toLowerCase(Locale.ROOT), t.text().substring(eq + 1), sl,
              t.index() + eq + 1);
        }
      } else if (lower.startsWith(".model")) {
        Model m = parseModel(sl, scope);
        if (models.containsKey(m.name())) {
          throw sl.error(0, "model " + m.name() + " is defined twice");
        }
        models.put(m.name(), m);
      } else if (lower.startsWith(".func")) {
        throw sl.error(0, ".func is not supported; write the expression inline or as .param");
      } else {
        rest.add(sl);
      }
    }
    return rest;
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

  private void defineSubckt(SourceLine sl, List<SourceLine> body) {
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
    if (subckts.containsKey(name)) {
      throw sl.error(toks.get(1).index(), "subcircuit " + name + " is defined twice");
    }
    subckts.put(name, new Subckt(name, pins, defaults, List.copyOf(body), sl));
  }

  private Model parseModel(SourceLine sl, ParamScope scope) {
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
      if (eq <= 0) {
        throw sl.error(t.index(), "model parameter must be name=value, got '" + t.text() + "'");
      }
      String key = t.text().substring(0, eq).toLowerCase(Locale.ROOT);
      String val = t.text().substring(eq + 1);
      double num = org.neuristor.expr.SpiceNumber.parse(val);
      if (!Double.isNaN(num)) {
        params.put(key, num);
      } else if (val.startsWith("{") || val.startsWith("'") || scope.get(val.toLowerCase(Locale.ROOT)) != null) {
        params.put(key, ParamScope.evaluate(val, sl, t.index() + eq + 1, scope));
      } else {
        params.put(key, val.toLowerCase(Locale.ROOT)); // e.g. preset=nbox
      }
    }
    return new Model(name, type, params, sl);
  }

  // ------------------------------------------------------------------ expansion

  private void expand(List<SourceLine> lines, String prefix, Map<String, String> pinMap, ParamScope scope,
      Map<String, Model> models, int depth) {
    for (SourceLine sl : lines) {
      String lower = sl.text.toLowerCase(Locale.ROOT);
      if (lower.startsWith(".")) {
        if (!prefix.isEmpty()) {
          throw sl.error(0, "control line " + lower.split("\\s+")[0] + " is not allowed inside a .subckt");
        }
        control(sl, lower, scope);
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
        instantiate(sl, toks, prefix, pinMap, scope, models, depth);
      } else {
        Element e = element(kind, sl, toks, prefix, pinMap, scope, models);
        if (!names.add(e.name())) {
          throw sl.error(0, "duplicate element name " + e.name());
        }
        elements.add(e);
        origin.put(e, sl);
      }
    }
  }

  private void instantiate(SourceLine sl, List<Token> toks, String prefix, Map<String, String> pinMap,
      ParamScope scope, Map<String, Model> models, int depth) {
    if (depth >= MAX_DEPTH) {
      throw sl.error(0, "subcircuits nested deeper than " + MAX_DEPTH + " (recursive .subckt?)");
    }
    String inst = prefix + toks.get(0).lower();
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
    Subckt sub = subckts.get(subTok.lower());
    if (sub == null) {
      throw sl.error(subTok.index(), "unknown subcircuit '" + subTok.text() + "'");
    }
    if (nodes.size() != sub.pins().size()) {
      throw sl.error(0, inst + " connects " + nodes.size() + " nodes but subcircuit " + sub.name() + " has "
          + sub.pins().size() + " pins");
    }
    for (String k : given.keySet()) {
      if (!sub.defaults().containsKey(k)) {
        throw sl.error(given.get(k).index(), "subcircuit " + sub.name() + " has no parameter '" + k + "'");
      }
    }
    Map<String, String> map = new HashMap<>();
    for (int k = 0; k < nodes.size(); k++) {
      map.put(sub.pins().get(k), mapNode(nodes.get(k).lower(), prefix, pinMap));
    }
    ParamScope inner = new ParamScope(global);
    for (Map.Entry<String, Token> d : sub.defaults().entrySet()) {
      Token v = given.get(d.getKey());
      if (v != null) {
        inner.set(d.getKey(), ParamScope.evaluate(v.text(), sl, v.index(), scope));
      } else {
        inner.define(d.getKey(), d.getValue().text(), sub.header(), d.getValue().index());
      }
    }
    Map<String, Model> innerModels = new HashMap<>(models);
    List<String> w = new ArrayList<>();
    List<SourceLine> body = collectDefinitionsLocal(sub.body(), inner, innerModels, w);
    expand(body, inst + ".", map, inner, innerModels, depth + 1);
  }

  /** Like collectDefinitions, but nested .subckt definitions are global (ngspice flattens them). */
  private List<SourceLine> collectDefinitionsLocal(List<SourceLine> lines, ParamScope scope,
      Map<String, Model> models, List<String> w) {
    Map<String, Model> local = new HashMap<>();
    List<SourceLine> rest = new ArrayList<>();
    List<SourceLine> nonSub = new ArrayList<>();
    // nested subckts were registered when first seen; register them once
    for (int i = 0; i < lines.size(); i++) {
      SourceLine sl = lines.get(i);
      if (sl.text.toLowerCase(Locale.ROOT).startsWith(".subckt")) {
        int j = matchingEnds(lines, i);
        List<Token> t = NetlistReader.tokenize(sl);
        if (t.size() > 1 && !subckts.containsKey(t.get(1).lower())) {
          defineSubckt(sl, lines.subList(i + 1, j));
        }
        i = j;
      } else {
        nonSub.add(sl);
      }
    }
    rest.addAll(collectDefinitions(nonSub, scope, local, w));
    models.putAll(local);
    return rest;
  }

  /**
   * ngspice's flattened element name: element {@code r1} of instance {@code x1} is {@code r.x1.r1}
   * (the type letter stays first, so the name still says what the element is).
   */
  static String flatName(String prefix, String local) {
    return prefix.isEmpty() ? local : local.charAt(0) + "." + prefix + local;
  }

  private static String mapNode(String node, String prefix, Map<String, String> pinMap) {
    if (Circuit.isGround(node)) {
      return "0";
    }
    String m = pinMap.get(node);
    if (m != null) {
      return m;
    }
    return prefix + node;
  }

  // ------------------------------------------------------------------ elements

  private Element element(char kind, SourceLine sl, List<Token> toks, String prefix, Map<String, String> pins,
      ParamScope scope, Map<String, Model> models) {
    String name = flatName(prefix, toks.get(0).lower());
    Cursor c = new Cursor(sl, toks, name, scope);
    return switch (kind) {
      case 'r' -> {
        String[] n = c.nodes(2, "2 nodes and a resistance", prefix, pins);
        double r = c.valueOrKey("r", "resistance");
        c.end();
        yield new Resistor(name, n[0], n[1], r);
      }
      case 'c' -> {
        String[] n = c.nodes(2, "2 nodes and a capacitance", prefix, pins);
        double cap = c.valueOrKey("c", "capacitance");
        c.end();
        yield new Capacitor(name, n[0], n[1], cap);
      }
      case 'l' -> {
        String[] n = c.nodes(2, "2 nodes and an inductance", prefix, pins);
        double ind = c.valueOrKey("l", "inductance");
        c.end();
        yield new Inductor(name, n[0], n[1], ind);
      }
      case 'v', 'i' -> {
        String[] n = c.nodes(2, "2 nodes and a source value", prefix, pins);
        Waveform w = c.waveform();
        yield kind == 'v' ? new VoltageSource(name, n[0], n[1], w) : new CurrentSource(name, n[0], n[1], w);
      }
      case 'e', 'g' -> {
        String[] n = c.nodes(2, "2 output nodes", prefix, pins);
        String vt = valueExpr(sl, kind);
        if (vt != null) {
          yield behavioural(name, n[0], n[1], kind == 'e', vt, sl, sl.text.indexOf(vt), prefix, pins, scope);
        }
        String[] cn = c.nodes(2, "4 nodes and a gain", prefix, pins);
        double gain = c.value("gain");
        c.end();
        yield kind == 'e' ? new Vcvs(name, n[0], n[1], cn[0], cn[1], gain) : new Vccs(name, n[0], n[1], cn[0], cn[1], gain);
      }
      case 'f', 'h' -> {
        String[] n = c.nodes(2, "2 nodes, a controlling voltage source and a gain", prefix, pins);
        String ctrl = flatName(prefix, c.word("controlling voltage source"));
        double gain = c.value("gain");
        c.end();
        yield kind == 'f' ? new Cccs(name, n[0], n[1], ctrl, gain) : new Ccvs(name, n[0], n[1], ctrl, gain);
      }
      case 'd' -> {
        String[] n = c.nodes(2, "2 nodes and a model", prefix, pins);
        Model m = c.model(models, "d");
        double area = c.hasMore() && !c.peek().contains("=") ? c.value("area") : 1.0;
        c.end();
        yield guarded(sl, () -> new Diode(name, n[0], n[1], numeric(m), area));
      }
      case 'm' -> {
        String[] n = c.nodes(4, "4 nodes (d g s b) and a model", prefix, pins);
        Model m = c.model(models, "nmos", "pmos");
        Map<String, Double> kv = c.keyValues();
        double l = kv.getOrDefault("l", 100e-6);
        double w = kv.getOrDefault("w", 100e-6);
        yield guarded(sl, () -> new Mosfet1(name, n[0], n[1], n[2], n[3], m.type().equals("pmos"), numeric(m), l, w));
      }
      case 's' -> {
        String[] n = c.nodes(4, "4 nodes and a model", prefix, pins);
        Model m = c.model(models, "sw");
        boolean on = false;
        if (c.hasMore()) {
          String w = c.word("on/off");
          on = w.equals("on");
          if (!on && !w.equals("off")) {
            throw c.errorAtPrevious("expected 'on' or 'off', got '" + w + "'");
          }
        }
        c.end();
        boolean initiallyOn = on;
        yield guarded(sl, () -> new VSwitch(name, n[0], n[1], n[2], n[3], numeric(m), initiallyOn));
      }
      case 'b' -> {
        String[] n = c.nodes(2, "2 nodes and V=expression or I=expression", prefix, pins);
        Matcher mt = Pattern.compile("(?i)\\b([vi])\\s*=").matcher(sl.text);
        int from = toks.get(Math.min(3, toks.size() - 1)).index();
        if (!mt.find(Math.min(from, sl.text.length())) && !mt.find(0)) {
          throw sl.error(0, name + " needs V=expression or I=expression");
        }
        boolean voltage = mt.group(1).equalsIgnoreCase("v");
        String expr = sl.text.substring(mt.end()).trim();
        yield behavioural(name, n[0], n[1], voltage, expr, sl, mt.end() + (sl.text.substring(mt.end()).length()
            - sl.text.substring(mt.end()).stripLeading().length()), prefix, pins, scope);
      }
      case 'n' -> device(name, c, sl, toks, prefix, pins, models);
      default -> throw sl.error(0, "unknown element type '" + toks.get(0).text().charAt(0) + "' in "
          + toks.get(0).text() + " (supported: R C L V I E G F H D M S B N X)");
    };
  }

  private Element device(String name, Cursor c, SourceLine sl, List<Token> toks, String prefix,
      Map<String, String> pins, Map<String, Model> models) {
    // N name node... model: the last bare word is the model.
    int last = toks.size() - 1;
    while (last > 0 && toks.get(last).text().contains("=")) {
      last--;
    }
    if (last < 2) {
      throw sl.error(0, name + " needs nodes and a model");
    }
    List<String> nodes = new ArrayList<>();
    for (int k = 1; k < last; k++) {
      nodes.add(mapNode(toks.get(k).lower(), prefix, pins));
    }
    Token mt = toks.get(last);
    Model m = models.get(mt.lower());
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
      params.put(key, Double.isNaN(num) && !val.startsWith("{") ? val.toLowerCase(Locale.ROOT)
          : ParamScope.evaluate(val, sl, t.index() + eq + 1, c.scope));
    }
    for (DeviceFactory f : factories) {
      if (f.supports(m.type())) {
        long s = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        return guarded(m.line(), () -> f.create(m.type(), name, nodes, params, s));
      }
    }
    throw m.line().error(0, "unknown device model type '" + m.type() + "' (no device factory supports it)");
  }

  private static Map<String, Double> numeric(Model m) {
    Map<String, Double> r = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.params().entrySet()) {
      if (!(e.getValue() instanceof Double d)) {
        throw m.line().error(0, "model parameter " + e.getKey() + " must be a number, got '" + e.getValue() + "'");
      }
      r.put(e.getKey(), d);
    }
    return r;
  }

  private static <T> T guarded(SourceLine sl, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      throw sl.error(0, e.getMessage());
    }
  }

  /** The text after {@code VALUE=} / {@code vol=} / {@code cur=} of an E or G line, or null. */
  private static String valueExpr(SourceLine sl, char kind) {
    Matcher m = Pattern.compile("(?i)\\b(value|vol|cur)\\s*=").matcher(sl.text);
    if (m.find()) {
      return sl.text.substring(m.end()).trim();
    }
    return null;
  }

  private Element behavioural(String name, String p, String n, boolean voltage, String text, SourceLine sl,
      int index, String prefix, Map<String, String> pins, ParamScope scope) {
    String t = text.trim();
    int shift = 0;
    if (t.length() >= 2 && (t.startsWith("{") && t.endsWith("}") || t.startsWith("'") && t.endsWith("'"))) {
      t = t.substring(1, t.length() - 1);
      shift = 1;
    }
    try {
      Expression e = Expression.parse(t);
      List<BehavioralSource.Probe> probes = new ArrayList<>();
      List<BehavioralSource.Probe> local = e.probes();
      for (BehavioralSource.Probe pr : local) {
        probes.add(pr.kind() == BehavioralSource.Probe.Kind.VOLTAGE
            ? BehavioralSource.Probe.voltage(mapNode(pr.a(), prefix, pins), mapNode(pr.b(), prefix, pins))
            : BehavioralSource.Probe.current(flatName(prefix, pr.a())));
      }
      BehavioralSource.Function f = e.compile(scope::get, local);
      return new BehavioralSource(name, p, n, voltage, probes, f, "{" + t + "}");
    } catch (ExpressionException ex) {
      throw sl.error(index + shift + ex.offset(), ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ control lines

  private void control(SourceLine sl, String lower, ParamScope scope) {
    List<Token> toks = NetlistReader.tokenize(sl);
    String cmd = toks.get(0).lower();
    switch (cmd) {
      case ".op" -> analyses.add(new Analysis.Op());
      case ".dc" -> {
        if (toks.size() < 5) {
          throw sl.error(0, ".dc needs a source, start, stop and step");
        }
        if (toks.size() > 5) {
          throw sl.error(toks.get(5).index(), "nested .dc sweeps are not supported");
        }
        analyses.add(new Analysis.Dc(toks.get(1).lower(), num(sl, toks.get(2), scope, "start"),
            num(sl, toks.get(3), scope, "stop"), num(sl, toks.get(4), scope, "step"), false));
      }
      case ".tran" -> {
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
        double tstep = num(sl, vals.get(0), scope, "tstep");
        double tstop = num(sl, vals.get(1), scope, "tstop");
        double tstart = vals.size() > 2 ? num(sl, vals.get(2), scope, "tstart") : 0;
        double tmax = vals.size() > 3 ? num(sl, vals.get(3), scope, "tmax") : Double.NaN;
        try {
          new org.neuristor.circuit.TransientAnalysis(tstep, tstop, tstart, tmax, uic);
        } catch (NeuristorException e) {
          throw sl.error(0, e.getMessage());
        }
        analyses.add(new Analysis.Tran(tstep, tstop, tstart, tmax, uic));
      }
      case ".ic" -> {
        Matcher m = Pattern.compile("(?i)v\\(\\s*([^)\\s]+)\\s*\\)\\s*=\\s*(\\S+)").matcher(sl.text);
        boolean any = false;
        while (m.find()) {
          any = true;
          ic.put(m.group(1).toLowerCase(Locale.ROOT), ParamScope.evaluate(m.group(2), sl, m.start(2), scope));
        }
        if (!any) {
          throw sl.error(0, ".ic needs v(node)=value");
        }
      }
      case ".options", ".option", ".opt" -> {
        for (int k = 1; k < toks.size(); k++) {
          Token t = toks.get(k);
          int eq = t.text().indexOf('=');
          String key = (eq > 0 ? t.text().substring(0, eq) : t.text()).toLowerCase(Locale.ROOT);
          if (key.equals("seed") && eq > 0) {
            seed = (long) num(sl, new Token(t.text().substring(eq + 1), t.index() + eq + 1), scope, "seed");
            continue;
          }
          if (!SimOptions.known(key)) {
            reader.warnings.add(sl.file(t.index()) + ":" + sl.line(t.index()) + ": option '" + key + "' ignored");
            continue;
          }
          if (eq <= 0) {
            throw sl.error(t.index(), "option " + key + " needs a value");
          }
          String val = t.text().substring(eq + 1);
          Object v = key.equals("method") ? val : num(sl, new Token(val, t.index() + eq + 1), scope, key);
          try {
            options = options.with(key, v);
          } catch (NeuristorException e) {
            throw sl.error(t.index(), e.getMessage());
          }
        }
      }
      case ".save", ".print", ".probe", ".plot" -> {
        Matcher m = Pattern.compile("(?i)\\b([vi])\\(\\s*([^)]*?)\\s*\\)").matcher(sl.text);
        while (m.find()) {
          String s = (m.group(1) + "(" + m.group(2).replaceAll("\\s+", "") + ")").toLowerCase(Locale.ROOT);
          if (!saves.contains(s)) {
            saves.add(s);
          }
        }
        // Device states by name, e.g. n1.x (Neuristor's extension; ngspice ignores unknown vectors).
        Matcher st = Pattern.compile("(?i)(?<=\\s)([a-z_][\\w]*\\.[\\w.]+)(?=\\s|$)").matcher(sl.text);
        while (st.find()) {
          String s = st.group(1).toLowerCase(Locale.ROOT);
          if (!saves.contains(s)) {
            saves.add(s);
          }
        }
        if (sl.text.toLowerCase(Locale.ROOT).matches(".*\\ball\\b.*") && !saves.contains("all")) {
          saves.add("all");
        }
      }
      case ".global", ".title", ".width", ".meas", ".measure", ".four", ".ac", ".noise" ->
          reader.warnings.add(sl.file(0) + ":" + sl.line(0) + ": " + cmd + " ignored");
      case ".temp" -> reader.warnings.add(sl.file(0) + ":" + sl.line(0)
          + ": .temp ignored (devices are evaluated at 27 C)");
      default -> throw sl.error(0, "unknown control line " + cmd);
    }
  }

  private static double num(SourceLine sl, Token t, ParamScope scope, String what) {
    try {
      return ParamScope.evaluate(t.text(), sl, t.index(), scope);
    } catch (NetlistException e) {
      if (e.line() != sl.line(t.index()) || !e.file().equals(sl.file(t.index()))) {
        throw e; // the error is in a .param defined elsewhere
      }
      throw sl.error(t.index(), "bad value '" + t.text() + "' for " + what + ": " + e.detail());
    }
  }

  /** Reads the tokens of one element line in order, with positioned errors. */
  private final class Cursor {
    final SourceLine sl;
    final List<Token> toks;
    final String name;
    final ParamScope scope;
    int k = 1;

    Cursor(SourceLine sl, List<Token> toks, String name, ParamScope scope) {
      this.sl = sl;
      this.toks = toks;
      this.name = name;
      this.scope = scope;
    }

    boolean hasMore() {
      return k < toks.size();
    }

    String peek() {
      return toks.get(k).lower();
    }

    /** No tokens may remain on the line. */
    void end() {
      if (k < toks.size()) {
        Token t = toks.get(k);
        String hint = t.lower().startsWith("ic=") ? " (element ic= is not supported; use .ic v(node)=value)" : "";
        throw sl.error(t.index(), "unexpected '" + t.text() + "' after the values of " + name + hint);
      }
    }

    NetlistException errorAtPrevious(String msg) {
      return sl.error(toks.get(k - 1).index(), msg);
    }

    String[] nodes(int count, String needs, String prefix, Map<String, String> pins) {
      String[] r = new String[count];
      for (int i = 0; i < count; i++) {
        if (k >= toks.size() || toks.get(k).text().contains("=")) {
          int at = k < toks.size() ? toks.get(k).index() : sl.text.length();
          throw sl.error(at, name + " needs " + needs);
        }
        r[i] = mapNode(toks.get(k++).lower(), prefix, pins);
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
      return num(sl, toks.get(k++), scope, what + " of " + name);
    }

    double valueOrKey(String key, String what) {
      if (k < toks.size() && toks.get(k).lower().startsWith(key + "=")) {
        Token t = toks.get(k++);
        return num(sl, new Token(t.text().substring(key.length() + 1), t.index() + key.length() + 1), scope,
            what + " of " + name);
      }
      return value(what);
    }

    Map<String, Double> keyValues() {
      Map<String, Double> r = new HashMap<>();
      while (k < toks.size()) {
        Token t = toks.get(k++);
        int eq = t.text().indexOf('=');
        if (eq <= 0) {
          throw sl.error(t.index(), "expected name=value, got '" + t.text() + "'");
        }
        r.put(t.text().substring(0, eq).toLowerCase(Locale.ROOT),
            num(sl, new Token(t.text().substring(eq + 1), t.index() + eq + 1), scope, t.text().substring(0, eq)));
      }
      return r;
    }

    Model model(Map<String, Model> models, String... types) {
      if (k >= toks.size()) {
        throw sl.error(sl.text.length(), name + " needs a model name");
      }
      Token t = toks.get(k++);
      Model m = models.get(t.lower());
      if (m == null) {
        throw sl.error(t.index(), "unknown model '" + t.text() + "'");
      }
      if (!List.of(types).contains(m.type())) {
        throw sl.error(t.index(), "model " + m.name() + " has type " + m.type() + ", " + name + " needs "
            + String.join(" or ", types));
      }
      return m;
    }

    Waveform waveform() {
      if (k >= toks.size()) {
        throw sl.error(sl.text.length(), name + " needs a source value (DC, PULSE, PWL, SIN or EXP)");
      }
      Waveform w = null;
      while (k < toks.size()) {
        Token t = toks.get(k);
        String tl = t.lower();
        switch (tl) {
          case "dc" -> {
            k++;
            w = new Waveform.Dc(value("DC value"));
          }
          case "ac" -> {
            k++;
            // AC magnitude and phase are ignored (no AC analysis).
            while (k < toks.size() && isValue(toks.get(k).text())) {
              k++;
            }
          }
          case "pulse", "pwl", "sin", "exp" -> {
            k++;
            List<Double> v = new ArrayList<>();
            while (k < toks.size() && isValue(toks.get(k).text())) {
              v.add(num(sl, toks.get(k++), scope, tl.toUpperCase(Locale.ROOT) + " parameter of " + name));
            }
            w = build(tl, v, t);
          }
          default -> {
            if (w == null && isValue(t.text())) {
              w = new Waveform.Dc(value("value"));
            } else {
              throw sl.error(t.index(), "unexpected '" + t.text() + "' in source " + name);
            }
          }
        }
      }
      if (w == null) {
        throw sl.error(sl.text.length(), name + " needs a source value");
      }
      return w;
    }

    private boolean isValue(String s) {
      String l = s.toLowerCase(Locale.ROOT);
      if (l.equals("dc") || l.equals("ac") || l.equals("pulse") || l.equals("pwl") || l.equals("sin")
          || l.equals("exp")) {
        return false;
      }
      return !Double.isNaN(org.neuristor.expr.SpiceNumber.parse(s)) || s.startsWith("{") || s.startsWith("'")
          || s.startsWith("-") || s.startsWith("+") || s.startsWith(".") || scope.get(l) != null;
    }

    private Waveform build(String kind, List<Double> v, Token at) {
      double[] a = new double[8];
      java.util.Arrays.fill(a, Double.NaN);
      for (int i = 0; i < Math.min(8, v.size()); i++) {
        a[i] = v.get(i);
      }
      try {
        switch (kind) {
          case "pulse":
            if (v.size() < 2 || v.size() > 8) {
              throw sl.error(at.index(), "PULSE needs 2 to 8 values (v1 v2 td tr tf pw per np)");
            }
            return new Waveform.Pulse(a[0], a[1], a[2], a[3], a[4], a[5], a[6], Double.isNaN(a[7]) ? 0 : a[7]);
          case "sin":
            if (v.size() < 2 || v.size() > 6) {
              throw sl.error(at.index(), "SIN needs 2 to 6 values (vo va freq td theta phase)");
            }
            return new Waveform.Sin(a[0], a[1], a[2], a[3], a[4], a[5]);
          case "exp":
            if (v.size() < 2 || v.size() > 6) {
              throw sl.error(at.index(), "EXP needs 2 to 6 values (v1 v2 td1 tau1 td2 tau2)");
            }
            return new Waveform.Exp(a[0], a[1], a[2], a[3], a[4], a[5]);
          default:
            if (v.isEmpty() || v.size() % 2 != 0) {
              throw sl.error(at.index(), "PWL needs pairs of time and value");
            }
            double[] t = new double[v.size() / 2];
            double[] y = new double[v.size() / 2];
            for (int i = 0; i < t.length; i++) {
              t[i] = v.get(2 * i);
              y[i] = v.get(2 * i + 1);
            }
            return new Waveform.Pwl(t, y);
        }
      } catch (NetlistException e) {
        throw e;
      } catch (NeuristorException e) {
        throw sl.error(at.index(), e.getMessage());
      }
    }
  }
}
