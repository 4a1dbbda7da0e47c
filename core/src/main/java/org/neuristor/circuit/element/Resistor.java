package org.neuristor.circuit.element;

import org.neuristor.NeuristorException;
import org.neuristor.circuit.Load;

/** Linear resistor, {@code i = (v(p) - v(n)) / R}. */
public final class Resistor extends TwoTerminal {
  private final double ohms;
  private final double g;

  public Resistor(String name, String p, String n, double ohms) {
    super(name, p, n);
    if (ohms == 0 || !Double.isFinite(ohms)) {
      throw NeuristorException.input("resistor " + name + ": resistance must be finite and non-zero, got " + ohms);
    }
    this.ohms = ohms;
    this.g = 1.0 / ohms;
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
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * v * g;
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + Waveform.trimNumber(ohms));
  }

  @Override
  public boolean linearConstant() {
    return true;
  }
}
