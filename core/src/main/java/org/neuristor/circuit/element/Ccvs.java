package org.neuristor.circuit.element;

import java.util.List;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Load;

/** H element: current-controlled voltage source {@code v(p,n) = r * i(vctrl)}. */
public final class Ccvs extends TwoTerminal implements Circuit.VoltageDefined {
  private final String control;
  private final double ohms;
  private final VoltageBranch branch = new VoltageBranch();
  private int c;
  private int b;
  private int hbc;

  public Ccvs(String name, String p, String n, String controlSource, double ohms) {
    super(name, p, n);
    this.control = controlSource.toLowerCase(java.util.Locale.ROOT);
    this.ohms = ohms;
  }

  @Override
  public void allocate(Allocator a) {
    b = a.branch(this, "");
  }

  @Override
  public void bind(Binder bd) {
    super.bind(bd);
    c = bd.branchOf(control);
    branch.bind(bd, p, n, b);
    hbc = bd.entry(b, c);
  }

  @Override
  public void load(Load l) {
    branch.load(l, ohms * l.v(c));
    l.g(hbc, -ohms);
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
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + control + " " + Waveform.trimNumber(ohms));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
