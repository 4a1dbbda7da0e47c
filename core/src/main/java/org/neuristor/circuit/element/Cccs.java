package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/** F element: current-controlled current source, {@code gain * i(vctrl)} from p through the source to n. */
public final class Cccs implements Element {
  private final String name;
  private final List<String> nodes;
  private final String control;
  private final double gain;
  private int p;
  private int n;
  private int c;
  private int hp;
  private int hn;

  public Cccs(String name, String p, String n, String controlSource, double gain) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(p.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
    this.control = controlSource.toLowerCase(Locale.ROOT);
    this.gain = gain;
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
  public void bind(Binder bd) {
    p = bd.node(nodes.get(0));
    n = bd.node(nodes.get(1));
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
    return SpiceCard.of(name + " " + String.join(" ", nodes) + " " + control + " " + Waveform.trimNumber(gain));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
