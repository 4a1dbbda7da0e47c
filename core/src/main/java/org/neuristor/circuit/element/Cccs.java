package org.neuristor.circuit.element;

import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/** F element: current-controlled current source, {@code gain * i(vctrl)} from p through the source to n. */
public final class Cccs extends TwoTerminal {
  private final String control;
  private final double gain;
  private int c;
  private int hp;
  private int hn;

  public Cccs(String name, String p, String n, String controlSource, double gain) {
    super(name, p, n);
    this.control = controlSource.toLowerCase(java.util.Locale.ROOT);
    this.gain = gain;
  }

  @Override
  public void bind(Binder bd) {
    super.bind(bd);
    c = bd.branchOf(control);
    hp = bd.entry(p, c);
    hn = bd.entry(n, c);
  }

  @Override
  public void load(Load l) {
    double i = gain * l.v(c);
    l.f(p, i);
    l.f(n, -i);
    l.g(hp, gain);
    l.g(hn, -gain);
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + control + " " + Waveform.trimNumber(gain));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
