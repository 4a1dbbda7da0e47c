package org.neuristor.circuit.element;

import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/** G element: voltage-controlled current source, {@code gm * v(cp,cn)} from p through the source to n. */
public final class Vccs extends FourTerminal {
  private final double gm;
  private int[] h;

  public Vccs(String name, String p, String n, String cp, String cn, double gm) {
    super(name, p, n, cp, cn);
    this.gm = gm;
  }

  @Override
  public void bind(Binder bd) {
    super.bind(bd);
    h = new int[] {bd.entry(p, cp), bd.entry(p, cn), bd.entry(n, cp), bd.entry(n, cn)};
  }

  @Override
  public void load(Load l) {
    double i = gm * control(l);
    l.f(p, i);
    l.f(n, -i);
    l.g(h[0], gm);
    l.g(h[1], -gm);
    l.g(h[2], -gm);
    l.g(h[3], gm);
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(card() + " " + Waveform.trimNumber(gm));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
