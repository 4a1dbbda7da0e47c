package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/** H element: current-controlled voltage source {@code v(p,n) = r * i(vctrl)}. */
public final class Ccvs implements Element, Circuit.VoltageDefined {
  private final String name;
  private final List<String> nodes;
  private final String control;
  private final double ohms;
  private int p;
  private int n;
  private int c;
  private int b;
  private int[] h;

  public Ccvs(String name, String p, String n, String controlSource, double ohms) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(p.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
    this.control = controlSource.toLowerCase(Locale.ROOT);
    this.ohms = ohms;
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
  public void allocate(Allocator a) {
    b = a.branch(this, "");
  }

  @Override
  public void bind(Binder bd) {
    p = bd.node(nodes.get(0));
    n = bd.node(nodes.get(1));
    c = bd.branchOf(control);
    h = new int[] {bd.entry(p, b), bd.entry(n, b), bd.entry(b, p), bd.entry(b, n), bd.entry(b, c)};
  }

  @Override
  public void load(Load l) {
    double i = l.v(b);
    l.f(p, i);
    l.f(n, -i);
    l.g(h[0], 1);
    l.g(h[1], -1);
    l.f(b, l.v(p) - l.v(n) - ohms * l.v(c));
    l.g(h[2], 1);
    l.g(h[3], -1);
    l.g(h[4], -ohms);
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
    return SpiceCard.of(name + " " + String.join(" ", nodes) + " " + control + " " + Waveform.trimNumber(ohms));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
