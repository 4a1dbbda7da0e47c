package org.neuristor.circuit.element;

import java.util.function.DoubleConsumer;

/**
 * Base of the independent V and I sources: holds the {@link IndependentSource.Drive} (waveform,
 * transient defaults, DC-sweep override) and forwards the source life-cycle calls to it.
 */
abstract class DrivenSource extends TwoTerminal implements IndependentSource {
  protected final Drive drive;

  DrivenSource(String name, String p, String n, Spec spec) {
    super(name, p, n);
    this.drive = new Drive(spec);
  }

  @Override
  public Waveform waveform() {
    return drive.described();
  }

  @Override
  public Spec spec() {
    return drive.spec();
  }

  @Override
  public final SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodeP + " " + nodeN + " " + drive.spec().toSpice());
  }

  @Override
  public final double deliveredPower(double[] x, double t) {
    return -power(x, t);
  }

  /** Adds sign times the AC excitation's phasor (magnitude, phase) at row of the right-hand side; none at ground. */
  protected final void addAc(double[] re, double[] im, int row, double sign) {
    if (row >= 0) {
      double ph = Math.toRadians(drive.spec().acPhaseDegrees());
      re[row] += sign * (drive.spec().acMagnitude() * Math.cos(ph));
      im[row] += sign * (drive.spec().acMagnitude() * Math.sin(ph));
    }
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
  public boolean chargeFree() {
    return true; // f and G only, from a pure waveform
  }

  @Override
  public void prepareTransient(double tstep, double tstop) {
    drive.prepare(tstep, tstop);
  }

  @Override
  public void breakpoints(double t0, double t1, DoubleConsumer sink) {
    drive.breakpoints(t0, t1, sink);
  }
}
