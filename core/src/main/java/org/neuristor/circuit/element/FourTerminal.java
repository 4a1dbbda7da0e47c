package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * Base of elements with an output pair (p, n) controlled by the voltage of a second pair (cp, cn):
 * E, G and the S switch. Resolves the four terminals and the handles of the output conductance stamp;
 * the output pair conducts, the control pair is only sensed.
 */
public abstract class FourTerminal implements Element, Circuit.Terminals {
  protected final String name;
  private final List<String> nodes;
  protected int p;
  protected int n;
  protected int cp;
  protected int cn;
  protected int hpp;
  protected int hpn;
  protected int hnp;
  protected int hnn;

  protected FourTerminal(String name, String p, String n, String cp, String cn) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(p, n, cp, cn).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public int[][] conductingGroups() {
    return new int[][] {{0, 1}, {2, 3}};
  }

  @Override
  public void bind(Binder b) {
    p = b.node(nodes.get(0));
    n = b.node(nodes.get(1));
    cp = b.node(nodes.get(2));
    cn = b.node(nodes.get(3));
    hpp = b.entry(p, p);
    hpn = b.entry(p, n);
    hnp = b.entry(n, p);
    hnn = b.entry(n, n);
  }

  /** The control voltage v(cp) - v(cn). */
  protected final double control(Load l) {
    return l.v(cp) - l.v(cn);
  }

  /** The control voltage at solution x. */
  protected final double control(double[] x) {
    return (cp < 0 ? 0 : x[cp]) - (cn < 0 ? 0 : x[cn]);
  }

  /** The output voltage v(p) - v(n) at solution x. */
  protected final double output(double[] x) {
    return (p < 0 ? 0 : x[p]) - (n < 0 ? 0 : x[n]);
  }

  /** Netlist text: the name and the four nodes. */
  protected final String card() {
    return name + " " + String.join(" ", nodes);
  }
}
