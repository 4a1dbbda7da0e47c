package org.neuristor.circuit.element;

import org.neuristor.circuit.Load;

/** Independent current source: I(t) flows from p through the source to n (ngspice's convention). */
public final class CurrentSource extends DrivenSource {

  public CurrentSource(String name, String p, String n, Waveform w) {
    this(name, p, n, Spec.of(w));
  }

  /** A source with an explicit DC value and AC excitation besides its waveform. */
  public CurrentSource(String name, String p, String n, Spec spec) {
    super(name, p, n, spec);
  }

  public CurrentSource(String name, String p, String n, double amps) {
    this(name, p, n, new Waveform.Dc(amps));
  }

  @Override
  public void load(Load l) {
    double i = l.sourceScale() * drive.value(l.time(), l.dc());
    l.f(p, i);
    l.f(n, -i);
  }

  @Override
  public double power(double[] x, double t) {
    return voltage(x) * drive.value(t, false);
  }

  @Override
  public void acExcitation(double[] re, double[] im) {
    double ph = Math.toRadians(drive.spec().acPhaseDegrees());
    double ar = drive.spec().acMagnitude() * Math.cos(ph);
    double ai = drive.spec().acMagnitude() * Math.sin(ph);
    // f(p) += I, f(n) -= I moves to the right-hand side with the opposite sign
    if (p >= 0) {
      re[p] -= ar;
      im[p] -= ai;
    }
    if (n >= 0) {
      re[n] += ar;
      im[n] += ai;
    }
  }

  @Override
  public double deliveredPower(double[] x, double t) {
    return -power(x, t);
  }

  @Override
  public SpiceCard toSpice() {
    return card();
  }
}
