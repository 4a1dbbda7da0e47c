package org.neuristor.circuit.element;

import org.neuristor.NeuristorException;
import org.neuristor.circuit.Load;

/**
 * Linear capacitor, charge {@code q = C (v(p) - v(n))}. An initial voltage ({@code ic}, NaN for none)
 * sets the initial guess {@code v(p) - v(n) = ic}, which a transient with {@code uic} starts from.
 */
public final class Capacitor extends TwoTerminal {
  private final double farads;
  private final double ic;

  public Capacitor(String name, String p, String n, double farads) {
    this(name, p, n, farads, Double.NaN);
  }

  public Capacitor(String name, String p, String n, double farads, double ic) {
    super(name, p, n);
    this.ic = ic;
    if (!(farads >= 0) || !Double.isFinite(farads)) {
      throw NeuristorException.input("capacitor " + name + ": capacitance must be >= 0, got " + farads);
    }
    this.farads = farads;
  }

  public double farads() {
    return farads;
  }

  @Override
  public void initialGuess(double[] x) {
    if (!Double.isNaN(ic)) {
      if (p >= 0) {
        x[p] = (n >= 0 ? x[n] : 0) + ic;
      } else if (n >= 0) {
        x[n] = -ic;
      }
    }
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
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + Waveform.trimNumber(farads)
        + (Double.isNaN(ic) ? "" : " ic=" + Waveform.trimNumber(ic)));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
