package org.neuristor.netlist.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one analysis as ngspice's front end holds it: a plot named {@code tran1},
 * {@code ac2}, ... with a scale vector ({@code time}, {@code frequency}, {@code v-sweep}; none for
 * an operating point) and the saved vectors. {@code let} adds vectors to the current plot.
 */
public final class Plot {
  private final String name;
  private final String kind;
  private final String title;
  private final String scale;
  private final Map<String, Vec> vecs = new LinkedHashMap<>();

  /**
   * @param kind {@code op}, {@code dc}, {@code tran} or {@code ac}
   * @param scale name of the scale vector (added first), or null for an operating point
   */
  public Plot(String name, String kind, String title, String scale) {
    this.name = name;
    this.kind = kind;
    this.title = title;
    this.scale = scale;
  }

  public String name() {
    return name;
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  /** ngspice's description of the analysis, as in a rawfile's Plotname. */
  public String description() {
    return switch (kind) {
      case "op" -> "Operating Point";
      case "dc" -> "DC transfer characteristic";
      case "ac" -> "AC Analysis";
      default -> "Transient Analysis";
    };
  }

  public void add(Vec v) {
    vecs.put(v.name().toLowerCase(Locale.ROOT), v);
  }

  /** The scale vector, or null (operating point). */
  public Vec scale() {
    return scale == null ? null : vecs.get(scale);
  }

  /** A vector by name (case-insensitive), or null; {@code x#branch} is found as {@code i(x)}. */
  public Vec get(String n) {
    String k = n.toLowerCase(Locale.ROOT);
    Vec v = vecs.get(k);
    if (v == null && k.endsWith("#branch")) {
      v = vecs.get("i(" + k.substring(0, k.length() - 7) + ")");
    }
    return v;
  }

  public List<Vec> vectors() {
    return new ArrayList<>(vecs.values());
  }

  public boolean isComplex() {
    return kind.equals("ac");
  }
}
