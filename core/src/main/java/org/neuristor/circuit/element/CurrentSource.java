package org.neuristor.circuit.element;

import java.util.function.DoubleConsumer;
import org.neuristor.circuit.Load;

/** Independent current source: I(t) flows from p through the source to n (ngspice's convention). */
public final class CurrentSource extends TwoTerminal implements IndependentSource {
  private final Drive drive;

  public CurrentSource(String name, String p, String n, Waveform w) {
    super(name, p, n);
    this.drive = new Drive(w);
  }

  public CurrentSource(String name, String p, String n, double amps) {
    this(name, p, n, new Waveform.Dc(amps));
  }

  @Override
  public Waveform waveform() {
    return drive.described();
  }

  @Override
  public void sweepValue(double value) {
    drive.sweep(value);
  }

  @Override
  public double valueAt(double t, boolean dc) {
    return drive.value(t, dc);
  }

  @Override
  public void reset() {
    drive.reset();
  }

  @Override
  public void prepareTransient(double tstep, double tstop) {
    drive.prepare(tstep, tstop);
  }

  @Override
  public void load(Load l) {
    double i = l.sourceScale() * drive.value(l.time(), l.dc());
    l.f(p, i);
    l.f(n, -i);
  }

  @Override
  public void breakpoints(double t0, double t1, DoubleConsumer sink) {
    drive.breakpoints(t0, t1, sink);
  }

  @Override
  public double power(double[] x, double t) {
    return voltage(x) * drive.value(t, false);
  }

  @Override
  public double deliveredPower(double[] x, double t) {
    return -power(x, t);
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + drive.described().toSpice());
  }
}
