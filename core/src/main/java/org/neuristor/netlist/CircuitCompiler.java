package org.neuristor.netlist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.Temperatures;

/**
 * Compiles an ngspice-compatible netlist into a {@link Circuit} and its analyses.
 *
 * <p>The work is split by concern: {@link NetlistReader} (lines, comments, continuations, includes,
 * encodings), {@link Expander} (definitions per scope and subcircuit flattening), {@link ElementCards}
 * (one parser per element letter), {@link SourceValues} (DC/AC/PULSE/PWL/SIN/EXP) and
 * {@link ControlCards} (analyses, options, initial conditions, saved signals). Every user error is a
 * {@link NetlistException} at {@code file:line:col}; directives that are understood but not run are
 * reported once each as warnings.
 */
public final class CircuitCompiler {

  /**
   * The result: the circuit, its analyses, the signals to save, warnings and the unknown count, plus the
   * {@code .meas} cards, the lines of its {@code .control} blocks, the top-level parameters (for
   * measurements and control expressions) and how to compile it again with changes (for the control
   * commands {@code alter}, {@code altermod}, {@code alterparam} and {@code reset}).
   */
  public record Compiled(Circuit circuit, List<Analysis> analyses, List<String> saves, List<String> warnings,
      int unknowns, List<MeasureCard> measures, List<ControlLine> control,
      java.util.function.Function<String, Double> params, Source source) {
    /**
     * Whether a warning an analysis of this circuit gives was already reported by the compiler: its own, or one of
     * the circuit's checks (which every analysis repeats, and which {@link #warnings} gives with file and line).
     */
    public boolean reported(String warning) {
      return warnings.contains(warning) || circuit.warnings().contains(warning);
    }
  }

  /**
   * The netlist text and where it came from, with the changes control commands made to it; {@code factories} are
   * the device factories given besides those found by ServiceLoader.
   */
  public record Source(String text, String fileName, Path dir, List<DeviceFactory> factories, Overrides overrides) {
    /** The same netlist with other changes. */
    public Source with(Overrides o) {
      return new Source(text, fileName, dir, factories, o);
    }
  }

  /** Compiles a netlist again, e.g. after {@code alter} or {@code alterparam}. */
  public static Compiled compile(Source source) {
    CircuitCompiler c = new CircuitCompiler();
    c.factories.clear();
    c.factories.addAll(source.factories());
    c.overrides = source.overrides();
    return c.run(source.text(), source.fileName(), source.dir());
  }

  /**
   * Device factories found by ServiceLoader, looked up once, when a netlist first creates an {@code N} device: the
   * look-up reads every jar of the class path (a class-path scan per compile cost ~1 ms; the first opens the full
   * jar, which a start served by the start-up archive otherwise never reads).
   */
  private static final class ServiceFactories {
    static final List<DeviceFactory> ALL = load();

    private static List<DeviceFactory> load() {
      List<DeviceFactory> l = new ArrayList<>();
      for (DeviceFactory f : ServiceLoader.load(DeviceFactory.class)) {
        l.add(f);
      }
      return List.copyOf(l);
    }
  }

  /** Creates {@code N} devices through the device factories, seeded per instance. */
  static final class Devices {
    private final List<DeviceFactory> extra;
    private final ControlCards control;

    /** @param extra the factories asked after those found by ServiceLoader */
    Devices(List<DeviceFactory> extra, ControlCards control) {
      this.extra = extra;
      this.control = control;
    }

    Element create(Model m, String name, List<String> nodes, Map<String, Object> params) {
      for (List<DeviceFactory> factories : List.of(ServiceFactories.ALL, extra)) {
        for (DeviceFactory f : factories) {
          if (f.supports(m.type())) {
            long s = control.seed * 0x9E3779B97F4A7C15L + name.hashCode();
            return Card.guarded(m.line(), () -> f.create(m.type(), name, nodes, params, s));
          }
        }
      }
      throw m.line().error(0, "unknown device model type '" + m.type() + "' (no device factory supports it; known: "
          + org.neuristor.device.DeviceRegistry.typeNames() + ")");
    }
  }

  /** The device factories given besides those found by ServiceLoader. */
  private final List<DeviceFactory> factories = new ArrayList<>();
  private Overrides overrides = Overrides.NONE;
  /** Where {@code .include} may reach (null: anywhere), and what it holds; see {@link #compileWithin}. */
  private Path root;
  private String scope;

  private CircuitCompiler() {}

  /**
   * Compiles {@code file}, a netlist under the folder {@code root} (e.g. an upload), whose {@code .include} and
   * {@code .lib FILE} may reach only files under {@code root}: an absolute path, or a {@code ..} that climbs above
   * {@code root}, is an error at its {@code file:line:col} naming {@code scope} ("the uploaded files"), and so is a file
   * that is not there. Files are named relative to {@code root} in messages. (Compiling its {@link Compiled#source()}
   * again, as the control commands do, is not confined.)
   */
  public static Compiled compileWithin(Path root, Path file, String scope) {
    Path r = root.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    if (!f.startsWith(r)) {
      throw NeuristorException.input(file + " is not under " + root);
    }
    String text = read(f, r.relativize(f));
    CircuitCompiler c = new CircuitCompiler();
    c.root = r;
    c.scope = scope;
    return c.run(text, r.relativize(f).toString(), f.getParent());
  }

  /** Compiles a netlist file; {@code .include} paths are relative to it. */
  public static Compiled compile(Path file) {
    String text = read(file, file);
    Path dir = file.toAbsolutePath().getParent();
    return new CircuitCompiler().run(text, file.toString(), dir);
  }

  /** Netlist bytes as the reader decodes them: UTF-8, and a line that is not UTF-8 as Latin-1. */
  public static String decode(byte[] bytes) {
    return NetlistReader.decode(bytes);
  }

  /** The text of a netlist file, named {@code name} in a message. */
  private static String read(Path file, Path name) {
    try {
      return NetlistReader.decode(Files.readAllBytes(file));
    } catch (IOException e) {
      throw NeuristorException.cannotRead("netlist", name, e);
    } catch (RuntimeException e) {
      throw NeuristorException.input("cannot read netlist " + name + ": " + e.getMessage());
    }
  }

  /** Compiles netlist text; {@code .include} paths are relative to the working directory. */
  public static Compiled compile(String text, String fileName) {
    return new CircuitCompiler().run(text, fileName, Path.of("").toAbsolutePath());
  }

  /** Compiles netlist text read from a file in {@code dir}; {@code .include} paths are relative to {@code dir}. */
  public static Compiled compile(String text, String fileName, Path dir) {
    return new CircuitCompiler().run(text, fileName, dir);
  }

  /** Compiles with extra device factories (in addition to those found by ServiceLoader). */
  public static Compiled compile(String text, String fileName, List<DeviceFactory> extra) {
    CircuitCompiler c = new CircuitCompiler();
    c.factories.addAll(extra);
    return c.run(text, fileName, Path.of("").toAbsolutePath());
  }

  private Compiled run(String text, String fileName, Path dir) {
    NetlistReader reader = root == null ? new NetlistReader() : new NetlistReader().within(root, scope);
    reader.read(text, fileName, dir);
    List<String> warnings = new ArrayList<>(reader.warnings);
    ControlCards control = new ControlCards(warnings);
    Temperatures temps = temperatures(reader.lines);
    Expander x = new Expander(globals(reader.lines), currentProbes(reader.lines), expressionCurrents(reader.lines), control,
        new Devices(factories, control), warnings, temps, overrides);
    FunctionTable functions = new FunctionTable();
    Scope top = new Scope(null, new ParamScope(null));
    top.params.random(new java.util.SplittableRandom(seed(reader.lines)));
    top.params.set("temper", temps.circuitKelvin() - Temperatures.CELSIUS_TO_KELVIN);
    List<SourceLine> rest = x.define(reader.lines, top, functions);
    overrides.params().forEach((k, v) -> top.params.set(k, v));
    x.expand(rest, x.new Frame("", Map.of(), top), 0, functions);
    top.params.checkUnused();
    x.checkSubcktDefaults();
    x.resolveCouplings();
    control.flushWarnings();
    checkProbes(x);
    Circuit.Builder b = Circuit.builder(reader.title.isEmpty() ? fileName : reader.title);
    for (Element e : x.elements) {
      b.add(e);
    }
    Set<String> nodes = new LinkedHashSet<>(x.nodeOrigin.keySet());
    requireNodes(".ic", control.ic, nodes);
    requireNodes(".nodeset", control.nodeset, nodes);
    control.icValues.forEach(b::initialCondition);
    control.nodesetValues.forEach(b::nodeset);
    b.options(control.options);
    Circuit circuit;
    try {
      circuit = b.build();
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      if (e.getMessage().equals("the circuit has no elements")) {
        throw new NetlistException(fileName, 1, 1, "the netlist has no elements" + (reader.control.isEmpty() ? ""
            : " (a .control block without a circuit, e.g. a script of let/echo/loops only, is not run)"));
      }
      throw locate(e, x);
    }
    for (String w : circuit.warnings()) {
      // the circuit's own checks name a node; give the file and line of the element that connects it
      ControlCards.Located at = nodeIn(w, x);
      warnings.add(at == null ? w : at.where() + ": " + w);
    }
    int unknowns;
    try {
      unknowns = new MnaSystem(circuit).size();
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      throw locate(e, x);
    }
    List<String> saves = checkedSaves(control, nodes, x, warnings);
    for (String name : x.csparams.names()) {
      x.csparams.get(name); // evaluated now, so that an error is reported at its .csparam line
    }
    java.util.function.Function<String, Double> params = name -> {
      Double v = x.csparams.get(name);
      return v != null ? v : top.params.get(name);
    };
    return new Compiled(circuit, List.copyOf(control.analyses), saves, warnings, unknowns, List.copyOf(control.measures),
        List.copyOf(reader.control), params,
        new Source(text, fileName, dir, List.copyOf(factories), overrides));
  }

  /** Every node a {@code .ic} or {@code .nodeset} card names must be in the circuit (error at the card). */
  private static void requireNodes(String card, Map<String, ControlCards.Located> named, Set<String> nodes) {
    for (Map.Entry<String, ControlCards.Located> e : named.entrySet()) {
      if (!nodes.contains(e.getKey()) && !Circuit.isGround(e.getKey())) {
        throw e.getValue().error(card + " names node " + e.getKey() + ", which is not in the circuit");
      }
    }
  }

  /**
   * The circuit and nominal temperatures from {@code .temp} and {@code .options temp= tnom=} (read
   * before the elements, which are built at their temperature).
   */
  private static Temperatures temperatures(List<SourceLine> lines) {
    double temp = Double.NaN;
    double tnom = Double.NaN;
    ParamScope none = new ParamScope(null);
    for (SourceLine sl : lines) {
      String l = sl.text.toLowerCase(Locale.ROOT);
      if (l.startsWith(".temp")) {
        List<Token> toks = NetlistReader.tokenize(sl);
        if (toks.size() != 2) {
          throw sl.error(toks.size() > 2 ? toks.get(2).index() : 0, toks.size() > 2
              ? ".temp with several temperatures (a temperature sweep) is not supported" : ".temp needs a temperature in C");
        }
        temp = ControlCards.number(sl, toks.get(1), none, "temperature");
      } else if (l.startsWith(".opt")) {
        for (Token t : NetlistReader.tokenize(sl)) {
          String tl = t.lower();
          if (tl.startsWith("temp=") || tl.startsWith("tnom=")) {
            double v = ControlCards.number(sl, new Token(t.text().substring(5), t.index() + 5), none, tl.substring(0, 4));
            if (tl.startsWith("temp")) {
              temp = v;
            } else {
              tnom = v;
            }
          }
        }
      }
    }
    for (double c : new double[] {temp, tnom}) {
      if (!Double.isNaN(c) && !(c > -Temperatures.CELSIUS_TO_KELVIN && c < 1e4)) {
        throw NeuristorException.input("temperature " + c + " C is out of range");
      }
    }
    return new Temperatures(Double.isNaN(temp) ? 300.15 : temp + Temperatures.CELSIUS_TO_KELVIN,
        Double.isNaN(tnom) ? 300.15 : tnom + Temperatures.CELSIUS_TO_KELVIN);
  }

  /** The seed of the random functions: {@code .options seed=N}, else 1 (runs are reproducible). */
  private static long seed(List<SourceLine> lines) {
    long seed = 1;
    for (SourceLine sl : lines) {
      if (sl.text.toLowerCase(Locale.ROOT).startsWith(".opt")) {
        for (Token t : NetlistReader.tokenize(sl)) {
          if (t.lower().startsWith("seed=")) {
            seed = (long) ControlCards.number(sl, new Token(t.text().substring(5), t.index() + 5), new ParamScope(null),
                "seed");
          }
        }
      }
    }
    return seed;
  }

  /** Node names made global by {@code .global} cards anywhere in the netlist. */
  private static Set<String> globals(List<SourceLine> lines) {
    Set<String> g = new LinkedHashSet<>();
    for (SourceLine sl : lines) {
      if (sl.text.toLowerCase(Locale.ROOT).startsWith(".global")) {
        List<Token> toks = NetlistReader.tokenize(sl);
        for (int k = 1; k < toks.size(); k++) {
          g.add(toks.get(k).lower());
        }
      }
    }
    return g;
  }

  /** Terminal letters of the elements whose terminal currents can be saved as {@code i(name:letter)}. */
  private static final Map<Character, String> TERMINALS = Map.of('m', "dgsb", 'q', "cbes", 'j', "dgs", 'd', "ak",
      'z', "dgs");

  /** Elements with a branch current of their own (no probe needed for {@code i(name)}). */
  private static final String BRANCH_LETTERS = "vlehb";

  /** {@code i(name)} or {@code i(name:terminal)} in an output card. */
  private static final Pattern CURRENT_PROBE = Pattern.compile("(?i)\\bi\\(\\s*([^),:\\s]+)\\s*(?::\\s*([a-z0-9]+)\\s*)?\\)");

  /**
   * The element currents that output cards ask for and that need a 0 V probe: {@code i(r1)} (the
   * current into r1's first terminal) and {@code i(m1:s)} (into m1's source terminal).
   */
  private static Map<String, Map<Integer, String>> currentProbes(List<SourceLine> lines) {
    Map<String, Map<Integer, String>> r = new HashMap<>();
    for (SourceLine sl : lines) {
      String l = sl.text.toLowerCase(Locale.ROOT);
      if (!(l.startsWith(".save") || l.startsWith(".print") || l.startsWith(".probe") || l.startsWith(".plot")
          || l.startsWith(".meas"))) {
        continue;
      }
      Matcher m = CURRENT_PROBE.matcher(l);
      while (m.find()) {
        String el = m.group(1);
        String term = m.group(2);
        char kind = el.charAt(0);
        int index = 0;
        if (term != null) {
          String letters = TERMINALS.getOrDefault(kind, "");
          index = term.chars().allMatch(Character::isDigit) ? Integer.parseInt(term) - 1 : letters.indexOf(term);
          if (index < 0 || term.length() != 1 && !term.chars().allMatch(Character::isDigit)) {
            throw sl.error(m.start(2), "element " + el + " has no terminal '" + term + "'"
                + (letters.isEmpty() ? "" : " (terminals: " + String.join(" ", letters.split("")) + ")"));
          }
        } else if (BRANCH_LETTERS.indexOf(kind) >= 0) {
          continue;
        }
        r.computeIfAbsent(el, k -> new HashMap<>()).put(index, "i(" + el + (term == null ? "" : ":" + term) + ")");
      }
    }
    return r;
  }

  /** Element letters whose current an expression may read through a 0 V probe in series (as ngspice-39 does). */
  private static final String PROBED_LETTERS = "rcgi";

  /**
   * The local names of resistors, capacitors and G/I current sources whose current an expression reads
   * ({@code Gx 0 xsv value={I(Gmem)*...}}, HSPICE's {@code cur='i(Rmem)'}): each gets a 0 V probe in series
   * on its first terminal, and {@code I(name)} reads the probe (the current from the element's n+ through
   * it to n-, as ngspice-39 gives it).
   */
  private static Set<String> expressionCurrents(List<SourceLine> lines) {
    Set<String> r = new java.util.HashSet<>();
    for (SourceLine sl : lines) {
      String l = sl.text.toLowerCase(Locale.ROOT);
      if (l.isEmpty() || "begr".indexOf(l.charAt(0)) < 0 || l.indexOf('(') < 0) {
        continue;
      }
      Matcher m = CURRENT_PROBE.matcher(l);
      while (m.find()) {
        if (m.group(2) == null && PROBED_LETTERS.indexOf(m.group(1).charAt(0)) >= 0) {
          r.add(m.group(1));
        }
      }
    }
    return r;
  }

  /** B-source inputs must name existing nodes and elements with a branch current. */
  private static void checkProbes(Expander x) {
    Set<String> elementNames = new java.util.HashSet<>();
    for (Element e : x.elements) {
      elementNames.add(e.name());
    }
    for (Map.Entry<BehavioralSource.Probe, ControlCards.Located> e : x.probeUses.entrySet()) {
      BehavioralSource.Probe p = e.getKey();
      if (p.kind() == BehavioralSource.Probe.Kind.VOLTAGE) {
        for (String n : new String[] {p.a(), p.b()}) {
          if (!Circuit.isGround(n) && !x.nodeOrigin.containsKey(n)) {
            throw e.getValue().error("V(" + n + "): no node " + n + " in the circuit");
          }
        }
      } else if (!elementNames.contains(p.a())) {
        throw e.getValue().error("I(" + p.a() + "): no element " + p.a() + " in the circuit");
      } else if (BRANCH_LETTERS.indexOf(p.a().charAt(0)) < 0 && !p.a().endsWith("#probe")) {
        throw e.getValue().error("I(" + p.a() + "): a behavioural source reads the current of a voltage source,"
            + " inductor or E/H/B voltage source; " + p.a() + " is none");
      }
    }
  }

  /** The saved signals; a node that does not exist is dropped with a warning (ngspice goes on too). */
  private static List<String> checkedSaves(ControlCards control, Set<String> nodes, Expander x, List<String> warnings) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ControlCards.Located> e : control.saves.entrySet()) {
      String s = e.getKey();
      if (s.startsWith("v(") && s.endsWith(")")) {
        boolean ok = true;
        for (String n : s.substring(2, s.length() - 1).split(",")) {
          if (!Circuit.isGround(n) && !nodes.contains(n)) {
            warnings.add(e.getValue().where() + ": " + s + " not saved: no node " + n + " in the circuit");
            ok = false;
            break;
          }
        }
        if (!ok) {
          continue;
        }
      } else if (s.startsWith("i(") && s.endsWith(")") && s.indexOf(':') < 0 && !currentExists(s, x)) {
        String el = s.substring(2, s.length() - 1);
        warnings.add(e.getValue().where() + ": " + s + " not saved: " + (el.matches(".*[*?].*")
            ? "wildcards in names are not supported" : "no element " + el + " in the circuit"));
        continue;
      }
      out.add(s);
    }
    return out;
  }

  /** Whether a current {@code i(name)} names an element or a probe that gives it. */
  private static boolean currentExists(String signal, Expander x) {
    String name = signal.substring(2, signal.length() - 1);
    for (Element el : x.elements) {
      if (el.name().equals(name) || el.probes().contains(signal)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Attaches an engine error that names an element or a node to the line that wrote it: the element named first in
   * the message (the one that reports, as in "f1: element r1 is not a voltage source").
   */
  private static NeuristorException locate(NeuristorException e, Expander x) {
    String msg = e.getMessage();
    SourceLine first = null;
    int firstAt = Integer.MAX_VALUE;
    for (Map.Entry<Element, SourceLine> en : x.origin.entrySet()) {
      String nm = en.getKey().name();
      Matcher m = Pattern.compile("(^|[\\s:])" + Pattern.quote(nm) + "($|[\\s:,)])").matcher(msg);
      if (m.find() && m.start() < firstAt) {
        first = en.getValue();
        firstAt = m.start();
      }
    }
    if (first != null) {
      return first.error(0, msg);
    }
    ControlCards.Located at = nodeIn(msg, x);
    return at != null ? at.error(msg) : e;
  }

  /** Where the first node a message names ({@code node X}, {@code nodes X, ...}) is first connected, or null. */
  private static ControlCards.Located nodeIn(String msg, Expander x) {
    Matcher m = Pattern.compile("\\bnodes? ([^\\s,:]+)").matcher(msg);
    return m.find() ? x.nodeOrigin.get(m.group(1)) : null;
  }
}
