package org.neuristor.circuit.element;

import org.neuristor.NeuristorException;
import org.neuristor.circuit.Load;

/** Linear capacitor, charge {@code q = C (v(p) - v(n))}. */
public final class Capacitor extends TwoTerminal {
  private final double farads;

  public Capacitor(String name, String p, String n, double farads) {
    super(name, p, n);
    if (!(farads >= 0) || !Double.isFinite(farads)) {
      throw NeuristorException.input("capacitor " + name + ": capacitance must be >= 0, got " + farads);
    }
    this.farads = farads;
  }

  public double farads() {
    return farads;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    stampCharge(l, farads * v, farads);
  }

  /** Stored energy at solution x (J). */
  public double energy(double[] x) {
    double v = voltage(x);
    return 0.5 * farads * v * v;
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + Waveform.trimNumber(farads));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
