package org.neuristor.circuit.element;

import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/**
 * The MNA stamp shared by every element that fixes a voltage through a branch current b (V and E
 * sources, H, B with V=, inductors, current probes): the current b leaves node p through the element
 * into node n, and the branch row states {@code v(p) - v(n) - value = 0}. Subclasses add the
 * derivatives of {@code value} to the branch row.
 */
final class VoltageBranch {
  private int p;
  private int n;
  private int b;
  private int hpb;
  private int hnb;
  private int hbp;
  private int hbn;

  void bind(Binder bd, int p, int n, int b) {
    this.p = p;
    this.n = n;
    this.b = b;
    hpb = bd.entry(p, b);
    hnb = bd.entry(n, b);
    hbp = bd.entry(b, p);
    hbn = bd.entry(b, n);
  }

  /** Stamps the branch with {@code v(p) - v(n) = value}. */
  void load(Load l, double value) {
    double i = l.v(b);
    l.f(p, i);
    l.f(n, -i);
    l.g(hpb, 1);
    l.g(hnb, -1);
    l.f(b, l.v(p) - l.v(n) - value);
    l.g(hbp, 1);
    l.g(hbn, -1);
  }

  /** The branch row (for the derivatives of the value). */
  int row() {
    return b;
  }
}
