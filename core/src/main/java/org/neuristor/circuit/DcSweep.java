package org.neuristor.circuit;

import java.util.List;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.element.IndependentSource;

/**
 * DC sweep of an independent source's value. Each point starts Newton from the previous point's
 * solution, so device states are carried along the sweep; with {@code upDown} the sweep runs
 * forward then back, which shows hysteresis (threshold and hold voltages of a switch).
 *
 * <p>The axis of the result is named as ngspice names it, e.g. {@code v-sweep} or {@code i-sweep}.
 */
public final class DcSweep {
  private final String source;
  private final double start;
  private final double stop;
  private final double step;
  private final boolean upDown;
  private final double[] list;
  private TransientAnalysis.Progress progress;

  /** Points between progress reports. */
  private static final int PROGRESS_EVERY = 1000;

  /**
   * A sweep through a given list of source values, in order (e.g. the rows of a measured sweep);
   * each point starts from the previous one's solution like every sweep.
   */
  public DcSweep(String source, double[] values) {
    if (values.length == 0) {
      throw NeuristorException.input(".dc sweep needs at least one value");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw NeuristorException.input(".dc sweep values must be finite, got " + v);
      }
    }
    this.source = source.toLowerCase(java.util.Locale.ROOT);
    this.start = values[0];
    this.stop = values[values.length - 1];
    this.step = 0;
    this.upDown = false;
    this.list = values.clone();
  }

  public DcSweep(String source, double start, double stop, double step, boolean upDown) {
    if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
      throw NeuristorException.input(".dc needs a finite start, stop and non-zero step");
    }
    if (Math.abs((stop - start) / step) > 1e7) {
      throw NeuristorException.input(".dc sweep has more than 10^7 points");
    }
    this.source = source.toLowerCase(java.util.Locale.ROOT);
    this.start = start;
    this.stop = stop;
    this.step = (stop >= start) == (step > 0) ? step : -step;
    this.upDown = upDown;
    this.list = null;
  }

  private double[] values() {
    int count = (int) Math.floor((stop - start) / step + 1e-9) + 1;
    double[] values = new double[upDown ? 2 * count - 1 : count];
    for (int k = 0; k < count; k++) {
      values[k] = start + k * step;
    }
    if (upDown) {
      for (int k = 1; k < count; k++) {
        values[count - 1 + k] = values[count - 1 - k];
      }
    }
    return values;
  }

  /**
   * Receives progress as {@code at(points done, points)}: every thousand points and at the end (a measured sweep
   * can have hundreds of thousands of rows).
   */
  public DcSweep progress(TransientAnalysis.Progress p) {
    this.progress = p;
    return this;
  }

  /** Result: the trace, and iteration totals. */
  public record Result(Trace trace, int points, int iterations) {}

  public Result run(MnaSystem sys, List<String> save) {
    Element el = sys.circuit().element(source);
    if (!(el instanceof IndependentSource src)) {
      throw NeuristorException.input(".dc sweeps an independent V or I source; " + source + " is not one");
    }
    Signals signals = Signals.of(sys, save);
    String axis = (el.name().startsWith("i") ? "i" : "v") + "-sweep";
    Trace.Builder tb = new Trace.Builder(axis, signals.names());
    double[] row = new double[signals.size()];
    int before = sys.totalIterations();
    double[] values = list != null ? list : values();
    double[] x = null;
    int done = 0;
    try {
      for (double v : values) {
        src.sweepValue(v);
        if (x == null) {
          x = OperatingPoint.solve(sys).x();
        } else {
          OperatingPoint.solveFrom(sys, x, 0.0);
          OperatingPoint.settleEvents(sys, x, 0.0);
        }
        for (Element e : sys.elements()) {
          e.accept(x, 0.0);
        }
        signals.sample(x, 0.0, row);
        tb.addRow(v, row);
        if (progress != null && (++done % PROGRESS_EVERY == 0 || done == values.length)) {
          progress.at(done, values.length);
        }
      }
    } finally {
      src.sweepValue(Double.NaN);
    }
    return new Result(tb.build(), values.length, sys.totalIterations() - before);
  }
}
