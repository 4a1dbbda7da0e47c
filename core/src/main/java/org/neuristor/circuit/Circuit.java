package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neuristor.NeuristorException;

/**
 * A circuit: a title, a list of elements connected by named nodes ({@code 0} and {@code gnd} are
 * ground), initial conditions and options. Build one with {@link #builder(String)} or from a netlist.
 * The description is immutable; elements keep only discrete device state that analyses reset.
 */
public final class Circuit {
  private final String title;
  private final List<Element> elements;
  private final Map<String, Double> initialConditions;
  private final Map<String, Double> nodesets;
  private final SimOptions options;
  private final List<String> warnings;

  private Circuit(String title, List<Element> elements, Map<String, Double> ic, Map<String, Double> nodesets,
      SimOptions options, List<String> warnings) {
    this.title = title;
    this.elements = List.copyOf(elements);
    this.initialConditions = Collections.unmodifiableMap(new LinkedHashMap<>(ic));
    this.nodesets = Collections.unmodifiableMap(new LinkedHashMap<>(nodesets));
    this.options = options;
    this.warnings = List.copyOf(warnings);
  }

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public String title() {
    return title;
  }

  public List<Element> elements() {
    return elements;
  }

  /** Element by (case-insensitive) name. */
  public Element element(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    for (Element e : elements) {
      if (e.name().equals(key)) {
        return e;
      }
    }
    throw NeuristorException.input("no element named " + name);
  }

  /** Node voltages from {@code .ic}, by node name. */
  public Map<String, Double> initialConditions() {
    return initialConditions;
  }

  /**
   * Node voltages from {@code .nodeset}, by node name: held while the operating point is first solved, then
   * released (a start that picks one of several operating points).
   */
  public Map<String, Double> nodesets() {
    return nodesets;
  }

  public SimOptions options() {
    return options;
  }

  /** Topology warnings found when the circuit was built (e.g. nodes with one connection). */
  public List<String> warnings() {
    return warnings;
  }

  /** A copy with other options. */
  public Circuit withOptions(SimOptions o) {
    return new Circuit(title, elements, initialConditions, nodesets, o, warnings);
  }

  /** True for the ground node names. */
  public static boolean isGround(String node) {
    return node.equals("0") || node.equalsIgnoreCase("gnd");
  }

  /** All non-ground node names in order of first appearance. */
  public List<String> nodeNames() {
    Set<String> s = new LinkedHashSet<>();
    for (Element e : elements) {
      for (String n : e.nodes()) {
        if (!isGround(n)) {
          s.add(n);
        }
      }
    }
    return new ArrayList<>(s);
  }

  /** Collects elements and checks the topology on {@link #build()}. */
  public static final class Builder {
    private final String title;
    private final List<Element> elements = new ArrayList<>();
    private final Map<String, Double> ic = new LinkedHashMap<>();
    private final Map<String, Double> nodesets = new LinkedHashMap<>();
    private SimOptions options = SimOptions.DEFAULT;

    private Builder(String title) {
      this.title = title;
    }

    public Builder add(Element e) {
      elements.add(e);
      return this;
    }

    public Builder initialCondition(String node, double volts) {
      ic.put(node.toLowerCase(Locale.ROOT), volts);
      return this;
    }

    public Builder nodeset(String node, double volts) {
      nodesets.put(node.toLowerCase(Locale.ROOT), volts);
      return this;
    }

    public Builder options(SimOptions o) {
      this.options = o;
      return this;
    }

    public Circuit build() {
      Set<String> names = new java.util.HashSet<>();
      for (Element e : elements) {
        if (!names.add(e.name())) {
          throw NeuristorException.input("duplicate element name " + e.name());
        }
      }
      List<String> warnings = new ArrayList<>();
      Topology.check(elements, warnings);
      requireNodes(".ic", ic);
      requireNodes(".nodeset", nodesets);
      return new Circuit(title, elements, ic, nodesets, options, warnings);
    }

    private void requireNodes(String card, Map<String, Double> values) {
      for (String node : values.keySet()) {
        boolean found = false;
        for (Element e : elements) {
          if (e.nodes().contains(node)) {
            found = true;
            break;
          }
        }
        if (!found && !isGround(node)) {
          throw NeuristorException.input(card + " names node " + node + ", which is not in the circuit");
        }
      }
    }
  }

  /** Floating-island and voltage-loop checks, by union-find over node names. */
  static final class Topology {
    private final Map<String, String> parent = new HashMap<>();

    private String find(String a) {
      String p = parent.getOrDefault(a, a);
      if (p.equals(a)) {
        return a;
      }
      String r = find(p);
      parent.put(a, r);
      return r;
    }

    private boolean union(String a, String b) {
      String ra = find(ground(a));
      String rb = find(ground(b));
      if (ra.equals(rb)) {
        return false;
      }
      parent.put(ra, rb);
      return true;
    }

    private static String ground(String n) {
      return isGround(n) ? "0" : n;
    }

    static void check(List<Element> elements, List<String> warnings) {
      if (elements.isEmpty()) {
        throw NeuristorException.input("the circuit has no elements");
      }
      // 1. loops of ideal voltage-defined branches (V, E, H, L): singular matrix.
      Topology loops = new Topology();
      for (Element e : elements) {
        if (e instanceof VoltageDefined vd) {
          List<String> n = e.nodes();
          String a = n.get(0);
          String b = n.get(1);
          if (ground(a).equals(ground(b))) {
            throw NeuristorException.input(
                "voltage source " + e.name() + " is shorted: both terminals on node " + a);
          }
          if (!loops.union(a, b)) {
            throw NeuristorException.input("voltage-source loop: " + e.name()
                + " closes a loop of voltage sources/inductors between nodes " + a + " and " + b);
          }
        }
      }
      // 2. islands of nodes with no connection to ground.
      Topology islands = new Topology();
      Map<String, Integer> connections = new LinkedHashMap<>();
      for (Element e : elements) {
        List<String> n = e.nodes();
        for (String node : n) {
          connections.merge(ground(node), 1, Integer::sum);
        }
        for (int[] group : e instanceof Terminals t ? t.conductingGroups() : new int[][] {all(n.size())}) {
          for (int k = 1; k < group.length; k++) {
            islands.union(n.get(group[0]), n.get(group[k]));
          }
        }
      }
      String groundRoot = islands.find("0");
      Map<String, List<String>> floating = new LinkedHashMap<>();
      for (String node : connections.keySet()) {
        if (!node.equals("0") && !islands.find(node).equals(groundRoot)) {
          floating.computeIfAbsent(islands.find(node), k -> new ArrayList<>()).add(node);
        }
      }
      if (!connections.containsKey("0")) {
        throw NeuristorException.input("the circuit has no ground node (0 or gnd)");
      }
      if (!floating.isEmpty()) {
        List<String> first = floating.values().iterator().next();
        throw NeuristorException.input("floating node" + (first.size() > 1 ? "s " : " ")
            + String.join(", ", first) + ": no connection to ground through any element");
      }
      for (Map.Entry<String, Integer> c : connections.entrySet()) {
        if (c.getValue() < 2 && !c.getKey().equals("0")) {
          warnings.add("node " + c.getKey() + " has only one connection");
        }
      }
    }

    private static int[] all(int n) {
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = i;
      }
      return a;
    }
  }

  /** Marker of elements that define the voltage between their first two terminals (V, E, H, L). */
  public interface VoltageDefined {}

  /** Elements whose terminals are not all connected to each other (controlled sources, switches). */
  public interface Terminals {
    /** Groups of terminal indices that conduct among themselves. */
    int[][] conductingGroups();
  }
}
