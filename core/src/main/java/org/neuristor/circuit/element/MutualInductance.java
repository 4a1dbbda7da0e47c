package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * The coupling {@code K} of two inductors: mutual inductance {@code M = k sqrt(L1 L2)} added to the
 * inductors' flux rows, {@code phi1 = L1 i1 + M i2}, {@code phi2 = L2 i2 + M i1} (the first node of each
 * inductor is its dotted end, as in SPICE).
 */
public final class MutualInductance implements Element {
  private final String name;
  private final Inductor l1;
  private final Inductor l2;
  private final double k;
  private final double m;
  private int b1;
  private int b2;
  private int h12;
  private int h21;

  public MutualInductance(String name, Inductor l1, Inductor l2, double k) {
    this.name = name.toLowerCase(Locale.ROOT);
    if (!(Math.abs(k) > 0 && Math.abs(k) <= 1)) {
      throw NeuristorException.input("coupling " + name + ": k must satisfy 0 < |k| <= 1, got " + k);
    }
    if (l1 == l2) {
      throw NeuristorException.input("coupling " + name + " couples " + l1.name() + " with itself");
    }
    this.l1 = l1;
    this.l2 = l2;
    this.k = k;
    this.m = k * Math.sqrt(l1.henries() * l2.henries());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> nodes() {
    return List.of();
  }

  /** Mutual inductance M (H). */
  public double mutual() {
    return m;
  }

  @Override
  public void bind(Binder b) {
    b1 = b.branchOf(l1.name());
    b2 = b.branchOf(l2.name());
    h12 = b.entry(b1, b2);
    h21 = b.entry(b2, b1);
  }

  @Override
  public void load(Load l) {
    l.q(b1, m * l.v(b2));
    l.q(b2, m * l.v(b1));
    l.c(h12, m);
    l.c(h21, m);
  }

  @Override
  public boolean linearConstant() {
    return true;
  }

  @Override
  public double power(double[] x, double t) {
    return 0;
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + l1.name() + " " + l2.name() + " " + Waveform.trimNumber(k));
  }
}
