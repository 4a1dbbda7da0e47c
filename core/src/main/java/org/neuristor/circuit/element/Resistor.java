package org.neuristor.circuit.element;

import org.neuristor.NeuristorException;
import org.neuristor.circuit.Load;

/**
 * Linear resistor, {@code i = (v(p) - v(n)) / R}. With an AC resistance (ngspice's {@code ac=}), the small-signal
 * analysis uses that instead of R, as ngspice's RESacload; the operating point and the transient use R.
 */
public final class Resistor extends TwoTerminal {
  private final double ohms;
  private final double g;
  private final double acOhms;

  public Resistor(String name, String p, String n, double ohms) {
    this(name, p, n, ohms, ohms);
  }

  /** A resistor of {@code ohms} whose small-signal (.ac) resistance is {@code acOhms}. */
  public Resistor(String name, String p, String n, double ohms, double acOhms) {
    super(name, p, n);
    check(name, ohms);
    check(name, acOhms);
    this.ohms = ohms;
    this.g = 1.0 / ohms;
    this.acOhms = acOhms;
  }

  private static void check(String name, double ohms) {
    if (ohms == 0 || !Double.isFinite(ohms)) {
      throw NeuristorException.input("resistor " + name + ": resistance must be finite and non-zero, got " + ohms);
    }
  }

  public double ohms() {
    return ohms;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    stampCurrent(l, g * v, g);
  }

  @Override
  public void loadSmallSignal(Load l) {
    if (acOhms != ohms) {
      stampConductance(l, 1.0 / acOhms - g);
    }
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * v * g;
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + Waveform.trimNumber(ohms)
        + (acOhms != ohms ? " ac=" + Waveform.trimNumber(acOhms) : ""));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
