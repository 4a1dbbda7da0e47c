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

  /** Shared state of a source: the waveform, its resolved form and the sweep override. */
  final class Drive {
    private final Waveform described;
    private Waveform active;
    private double sweep = Double.NaN;

    public Drive(Waveform w) {
      this.described = w;
      this.active = w;
    }

    public Waveform described() {
      return described;
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
        return Double.isNaN(sweep) ? active.dcValue() : sweep;
      }
      return active.value(t);
    }

    public void breakpoints(double t0, double t1, DoubleConsumer sink) {
      active.breakpoints(t0, t1, sink);
    }
  }
}
