package org.neuristor.circuit.element;

import java.util.List;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Load;

/**
 * Linear inductor with its current as an unknown: {@code d(L i)/dt - (v(p) - v(n)) = 0}; the current
 * flows from p through the inductor to n and is reported as {@code i(lname)}.
 */
public final class Inductor extends TwoTerminal implements Circuit.VoltageDefined {
  private final double henries;
  private final double ic;
  private int b;
  private int hpb;
  private int hnb;
  private int hbp;
  private int hbn;
  private int hbb;

  public Inductor(String name, String p, String n, double henries) {
    this(name, p, n, henries, Double.NaN);
  }

  /** @param ic initial current (A) used by a transient with {@code uic}; NaN for none */
  public Inductor(String name, String p, String n, double henries, double ic) {
    super(name, p, n);
    this.ic = ic;
    if (!(henries > 0) || !Double.isFinite(henries)) {
      throw NeuristorException.input("inductor " + name + ": inductance must be > 0, got " + henries);
    }
    this.henries = henries;
  }

  @Override
  public void allocate(Allocator a) {
    b = a.branch(this, "");
  }

  @Override
  public void initialGuess(double[] x) {
    if (!Double.isNaN(ic)) {
      x[b] = ic;
    }
  }

  /** Inductance (H). */
  public double henries() {
    return henries;
  }

  /** Index of the branch-current unknown. */
  public int branchIndex() {
    return b;
  }

  @Override
  public void bind(Binder binder) {
    super.bind(binder);
    hpb = binder.entry(p, b);
    hnb = binder.entry(n, b);
    hbp = binder.entry(b, p);
    hbn = binder.entry(b, n);
    hbb = binder.entry(b, b);
  }

  @Override
  public void load(Load l) {
    double i = l.v(b);
    l.f(p, i);
    l.f(n, -i);
    l.g(hpb, 1);
    l.g(hnb, -1);
    l.f(b, -voltage(l));
    l.g(hbp, -1);
    l.g(hbn, 1);
    l.q(b, henries * i);
    l.c(hbb, henries);
  }

  @Override
  public List<String> probes() {
    return List.of("i(" + name + ")");
  }

  @Override
  public double probe(String probe, double[] x, double t) {
    return x[b];
  }

  /** Stored energy at solution x (J). */
  public double energy(double[] x) {
    return 0.5 * henries * x[b] * x[b];
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + Waveform.trimNumber(henries)
        + (Double.isNaN(ic) ? "" : " ic=" + Waveform.trimNumber(ic)));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
