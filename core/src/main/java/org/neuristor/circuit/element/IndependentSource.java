package org.neuristor.circuit.element;

import java.util.function.DoubleConsumer;
import org.neuristor.circuit.Element;

/** An independent voltage or current source driven by a {@link Waveform}; DC sweeps override its value. */
public interface IndependentSource extends Element {

  /** The source's waveform as described. */
  Waveform waveform();

  /** Overrides the value in DC analyses with a sweep value; NaN removes the override. */
  void sweepValue(double value);

  /** The source value at time t in the current analysis. */
  double valueAt(double t, boolean dc);

  /** Power delivered by the source to the circuit (W) at solution x. */
  double deliveredPower(double[] x, double t);

  /**
   * Adds this source's small-signal excitation (its {@code AC} magnitude and phase) to the right-hand
   * side of {@code (G + j omega C) X = B}, real and imaginary parts.
   */
  default void acExcitation(double[] re, double[] im) {}

  /** The source's full value as written: transient function, explicit DC value and AC excitation. */
  Spec spec();

  /**
   * A source value as ngspice reads it: the transient function, an explicit {@code DC} value (NaN when
   * not written; DC analyses then use the function's value at t = 0, as ngspice does) and the small-signal
   * {@code AC} magnitude and phase (degrees) used by {@code .ac}.
   */
  record Spec(Waveform waveform, double dc, double acMagnitude, double acPhaseDegrees) {
    public Spec {
      if (!Double.isFinite(acMagnitude) || !Double.isFinite(acPhaseDegrees)) {
        throw org.neuristor.NeuristorException.input("AC magnitude and phase must be finite");
      }
    }

    /** A source with only a transient function (or a DC waveform). */
    public static Spec of(Waveform w) {
      return new Spec(w, Double.NaN, 0, 0);
    }

    /** The value DC analyses use: the explicit DC value, else the function at t = 0. */
    public double dcValue() {
      return Double.isNaN(dc) ? waveform.dcValue() : dc;
    }

    /** ngspice syntax, e.g. {@code DC 0.25 AC 1 PULSE(...)}. */
    public String toSpice() {
      StringBuilder sb = new StringBuilder();
      if (!Double.isNaN(dc) && !(waveform instanceof Waveform.Dc)) {
        sb.append("DC ").append(Waveform.trimNumber(dc)).append(' ');
      }
      if (acMagnitude != 0 || acPhaseDegrees != 0) {
        sb.append("AC ").append(Waveform.trimNumber(acMagnitude));
        if (acPhaseDegrees != 0) {
          sb.append(' ').append(Waveform.trimNumber(acPhaseDegrees));
        }
        sb.append(' ');
      }
      return sb.append(waveform.toSpice()).toString();
    }
  }

  /** Shared state of a source: the waveform, its resolved form and the sweep override. */
  final class Drive {
    private final Spec spec;
    private final Waveform described;
    private Waveform active;
    private double sweep = Double.NaN;

    public Drive(Waveform w) {
      this(Spec.of(w));
    }

    public Drive(Spec spec) {
      this.spec = spec;
      this.described = spec.waveform();
      this.active = described;
    }

    public Waveform described() {
      return described;
    }

    public Spec spec() {
      return spec;
    }

    public void reset() {
      active = described;
      sweep = Double.NaN;
    }

    public void prepare(double tstep, double tstop) {
      active = described.resolve(tstep, tstop);
    }

    public void sweep(double v) {
      sweep = v;
    }

    public double value(double t, boolean dc) {
      if (dc) {
        return Double.isNaN(sweep) ? (Double.isNaN(spec.dc()) ? active.dcValue() : spec.dc()) : sweep;
      }
      return active.value(t);
    }

    public void breakpoints(double t0, double t1, DoubleConsumer sink) {
      active.breakpoints(t0, t1, sink);
    }
  }
}
