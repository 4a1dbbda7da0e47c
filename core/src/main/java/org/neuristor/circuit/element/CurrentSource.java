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
    // f(p) += I, f(n) -= I moves to the right-hand side with the opposite sign
    addAc(re, im, p, -1);
    addAc(re, im, n, 1);
  }
}
