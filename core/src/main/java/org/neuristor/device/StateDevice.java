package org.neuristor.device;

import java.util.List;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.element.TwoTerminal;

/**
 * Base of two-terminal devices with one internal state s (a filament fraction, a temperature):
 * allocates s and the matrix handles that couple it to the terminals, and reports the device
 * current as {@code i(name)}.
 */
abstract class StateDevice extends TwoTerminal {
  private final String stateLabel;
  private final double stateTol;
  protected int s;
  protected int hsp;
  protected int hsn;
  protected int hss;
  protected int hps;
  protected int hns;

  protected StateDevice(String name, String p, String n, String stateLabel, double stateTol) {
    super(name, p, n);
    this.stateLabel = stateLabel;
    this.stateTol = stateTol;
  }

  @Override
  public boolean nonlinear() {
    return true;
  }

  @Override
  public void allocate(Allocator a) {
    s = a.state(this, stateLabel, stateTol);
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    hsp = b.entry(s, p);
    hsn = b.entry(s, n);
    hss = b.entry(s, s);
    hps = b.entry(p, s);
    hns = b.entry(n, s);
  }

  /** Conductance at state value {@code state} (S). */
  abstract double conductanceAt(double state);

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return conductanceAt(x[s]) * v * v;
  }

  @Override
  public List<String> probes() {
    return List.of("i(" + name + ")");
  }

  @Override
  public double probe(String probe, double[] x, double t) {
    return conductanceAt(x[s]) * voltage(x);
  }
}
