package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/** E element: voltage-controlled voltage source {@code v(p,n) = gain * v(cp,cn)}. */
public final class Vcvs implements Element, Circuit.VoltageDefined, Circuit.Terminals {
  private final String name;
  private final List<String> nodes;
  private final double gain;
  private int p;
  private int n;
  private int cp;
  private int cn;
  private int b;
  private int[] h;

  public Vcvs(String name, String p, String n, String cp, String cn, double gain) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(p.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT), cp.toLowerCase(Locale.ROOT),
        cn.toLowerCase(Locale.ROOT));
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
  public int[][] conductingGroups() {
    return new int[][] {{0, 1}, {2, 3}};
  }

  @Override
  public void allocate(Allocator a) {
    b = a.branch(this, "");
  }

  @Override
  public void bind(Binder bd) {
    p = bd.node(nodes.get(0));
    n = bd.node(nodes.get(1));
    cp = bd.node(nodes.get(2));
    cn = bd.node(nodes.get(3));
    h = new int[] {bd.entry(p, b), bd.entry(n, b), bd.entry(b, p), bd.entry(b, n), bd.entry(b, cp), bd.entry(b, cn)};
  }

  @Override
  public void load(Load l) {
    double i = l.v(b);
    l.f(p, i);
    l.f(n, -i);
    l.g(h[0], 1);
    l.g(h[1], -1);
    l.f(b, l.v(p) - l.v(n) - gain * (l.v(cp) - l.v(cn)));
    l.g(h[2], 1);
    l.g(h[3], -1);
    l.g(h[4], -gain);
    l.g(h[5], gain);
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
    return SpiceCard.of(name + " " + String.join(" ", nodes) + " " + Waveform.trimNumber(gain));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
