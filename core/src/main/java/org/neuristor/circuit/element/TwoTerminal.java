package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * Base of two-terminal elements: resolves the terminals p (positive) and n and the four matrix
 * handles of a conductance-like stamp. Subclasses call {@link #stampConductance} and friends.
 */
public abstract class TwoTerminal implements Element {
  protected final String name;
  protected final String nodeP;
  protected final String nodeN;
  protected int p;
  protected int n;
  protected int hpp;
  protected int hpn;
  protected int hnp;
  protected int hnn;

  protected TwoTerminal(String name, String nodeP, String nodeN) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodeP = nodeP.toLowerCase(Locale.ROOT);
    this.nodeN = nodeN.toLowerCase(Locale.ROOT);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> nodes() {
    return List.of(nodeP, nodeN);
  }

  @Override
  public void bind(Binder b) {
    p = b.node(nodeP);
    n = b.node(nodeN);
    hpp = b.entry(p, p);
    hpn = b.entry(p, n);
    hnp = b.entry(n, p);
    hnn = b.entry(n, n);
  }

  /** Voltage across the element, v(p) - v(n). */
  protected final double voltage(Load l) {
    return l.v(p) - l.v(n);
  }

  /** Voltage across the element at solution x. */
  protected final double voltage(double[] x) {
    return (p < 0 ? 0 : x[p]) - (n < 0 ? 0 : x[n]);
  }

  /** Adds current i (p to n through the element) and its conductance g = di/dv. */
  protected final void stampCurrent(Load l, double i, double g) {
    l.f(p, i);
    l.f(n, -i);
    stampConductance(l, g);
  }

  /** Adds conductance g between p and n to G. */
  protected final void stampConductance(Load l, double g) {
    l.g(hpp, g);
    l.g(hpn, -g);
    l.g(hnp, -g);
    l.g(hnn, g);
  }

  /** Adds charge on the p plate and its capacitance c = dq/dv. */
  protected final void stampCharge(Load l, double q, double c) {
    l.q(p, q);
    l.q(n, -q);
    l.c(hpp, c);
    l.c(hpn, -c);
    l.c(hnp, -c);
    l.c(hnn, c);
  }
}
