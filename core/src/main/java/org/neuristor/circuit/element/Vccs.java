package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/** G element: voltage-controlled current source, {@code gm * v(cp,cn)} from p through the source to n. */
public final class Vccs implements Element, Circuit.Terminals {
  private final String name;
  private final List<String> nodes;
  private final double gm;
  private int p;
  private int n;
  private int[] h;

  public Vccs(String name, String p, String n, String cp, String cn, double gm) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(p.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT), cp.toLowerCase(Locale.ROOT),
        cn.toLowerCase(Locale.ROOT));
    this.gm = gm;
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

  private int cp;
  private int cn;

  @Override
  public void bind(Binder bd) {
    p = bd.node(nodes.get(0));
    n = bd.node(nodes.get(1));
    cp = bd.node(nodes.get(2));
    cn = bd.node(nodes.get(3));
    h = new int[] {bd.entry(p, cp), bd.entry(p, cn), bd.entry(n, cp), bd.entry(n, cn)};
  }

  @Override
  public void load(Load l) {
    double i = gm * (l.v(cp) - l.v(cn));
    l.f(p, i);
    l.f(n, -i);
    l.g(h[0], gm);
    l.g(h[1], -gm);
    l.g(h[2], -gm);
    l.g(h[3], gm);
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + String.join(" ", nodes) + " " + Waveform.trimNumber(gm));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
