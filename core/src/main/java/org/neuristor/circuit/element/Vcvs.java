package org.neuristor.circuit.element;

import java.util.List;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Load;

/** E element: voltage-controlled voltage source {@code v(p,n) = gain * v(cp,cn)}. */
public final class Vcvs extends FourTerminal implements Circuit.VoltageDefined {
  private final double gain;
  private final VoltageBranch branch = new VoltageBranch();
  private int b;
  private int hbcp;
  private int hbcn;

  public Vcvs(String name, String p, String n, String cp, String cn, double gain) {
    super(name, p, n, cp, cn);
    this.gain = gain;
  }

  @Override
  public void allocate(Allocator a) {
    b = a.branch(this, "");
  }

  @Override
  public void bind(Binder bd) {
    super.bind(bd);
    branch.bind(bd, p, n, b);
    hbcp = bd.entry(b, cp);
    hbcn = bd.entry(b, cn);
  }

  @Override
  public void load(Load l) {
    branch.load(l, gain * control(l));
    l.g(hbcp, -gain);
    l.g(hbcn, gain);
  }

  @Override
  public List<String> probes() {
    return List.of("i(" + name + ")");
  }

  @Override
  public double probe(String probe, double[] x, double t) {
    return x[b];
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(card() + " " + Waveform.trimNumber(gain));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
