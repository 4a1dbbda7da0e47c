package org.neuristor.circuit.element;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * The {@code ddt(h)} of a behavioural source: an unknown y with {@code y = d/dt h(V, I)}, written in
 * the engine's charge form as {@code d/dt(-h) + y = 0} (so y is exact to the integration method's
 * order, and 0 in DC analyses, as ngspice's ddt). The source reads y as the current {@code I(name)}.
 * It only senses its inputs; no current flows into any node.
 */
public final class TimeDerivative implements Element, Circuit.Terminals {
  private final String name;
  private final List<BehavioralSource.Probe> probes;
  private final BehavioralSource.Function h;
  private final List<String> nodes;
  private int y;
  private int hyy;
  private int[] ia;
  private int[] ib;
  private int[] hya;
  private int[] hyb;
  private final double[] in;
  private final double[] grad;

  public TimeDerivative(String name, List<BehavioralSource.Probe> probes, BehavioralSource.Function h) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.probes = List.copyOf(probes);
    this.h = h;
    Set<String> n = new LinkedHashSet<>();
    for (BehavioralSource.Probe p : probes) {
      if (p.kind() == BehavioralSource.Probe.Kind.VOLTAGE) {
        n.add(p.a());
        n.add(p.b());
      }
    }
    n.removeIf(Circuit::isGround);
    this.nodes = new ArrayList<>(n);
    this.in = new double[probes.size()];
    this.grad = new double[probes.size()];
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
    return new int[0][];
  }

  @Override
  public boolean nonlinear() {
    return true;
  }

  @Override
  public void allocate(Allocator a) {
    y = a.branch(this, "");
  }

  @Override
  public void bind(Binder b) {
    int m = probes.size();
    int[][] io = BehavioralSource.inputs(b, probes);
    ia = io[0];
    ib = io[1];
    hya = new int[m];
    hyb = new int[m];
    for (int k = 0; k < m; k++) {
      hya[k] = b.entry(y, ia[k]);
      hyb[k] = b.entry(y, ib[k]);
    }
    hyy = b.entry(y, y);
  }

  @Override
  public void load(Load l) {
    BehavioralSource.gather(l.x(), ia, ib, in);
    double v = h.valueAndGradient(in, l.time(), grad);
    l.f(y, l.v(y));
    l.g(hyy, 1);
    l.q(y, -v);
    for (int k = 0; k < in.length; k++) {
      l.c(hya[k], -grad[k]);
      l.c(hyb[k], grad[k]);
    }
  }

  @Override
  public List<String> probes() {
    return List.of("i(" + name + ")");
  }

  @Override
  public double probe(String probe, double[] x, double t) {
    return x[y];
  }
}
