package org.neuristor.sweep;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.neuristor.NeuristorException;
import org.neuristor.measure.SpikeDetector;
import org.neuristor.measure.Trace;

/**
 * The scalar results of a {@code run} sweep point ({@code max:S}, {@code min:S}, {@code final:S}, {@code mean:S},
 * {@code spikes:S}, {@code rate:S}), computed row by row as a transient records them ({@link Trace.Rows} with
 * {@link Trace.Rows#keep()} false), so a point keeps no trace: a 1 ms transient of ~80,000 accepted steps no longer
 * allocates and copies ~2.3 MB per point, which with two workers is memory traffic both cores pay for. Analyses
 * that do not stream (op, dc, ac) feed their trace through {@link #of(List, Trace)}, the same code.
 *
 * <p>Each reduction gives what the array form gave, bit for bit: {@code max}, {@code min} and {@code mean} are
 * {@link DoubleSummaryStatistics}'s ({@link Math#max} / {@link Math#min} folds and the compensated average, as
 * {@code DoubleStream.max()}, {@code min()} and {@code average()} compute them), {@code spikes} counts
 * the crossings of {@link SpikeDetector#deviceState()}'s {@link SpikeDetector.Trigger}, fed the same segments as
 * {@link SpikeDetector#detect(double[], double[])}, and {@code rate} divides them by the axis span (last minus first
 * sample). Not thread safe: one per run.
 */
final class SignalReductions implements Trace.Rows {
  private final List<String> reductions;
  /** Distinct signals read, lower case, in the order first named. */
  private final List<String> signals = new ArrayList<>();
  private List<String> names = List.of();
  /** Column of each signal in the recorded rows (1-based: 0 is the axis), or -1 when not recorded. */
  private int[] column;
  private DoubleSummaryStatistics[] stats;
  private double[] last;
  private int[] crossings;
  private SpikeDetector.Trigger trigger;
  private double firstT;
  private double lastT;
  private long n;

  /** Reductions {@code KIND:SIGNAL} (no {@code meas:}). */
  SignalReductions(List<String> reductions) {
    this.reductions = List.copyOf(reductions);
    for (String r : reductions) {
      String sig = r.substring(r.indexOf(':') + 1).toLowerCase(java.util.Locale.ROOT);
      if (!signals.contains(sig)) {
        signals.add(sig);
      }
    }
  }

  /** The reductions of a recorded trace (e.g. of an analysis that does not hand its rows over). */
  static SignalReductions of(List<String> reductions, Trace t) {
    SignalReductions s = new SignalReductions(reductions);
    s.start(t.axisName(), t.names());
    double[] ax = t.axis();
    double[][] ys = new double[s.signals.size()][];
    for (int k = 0; k < ys.length; k++) {
      ys[k] = s.column[k] < 0 ? null : t.get(s.signals.get(k));
    }
    for (int i = 0; i < ax.length; i++) {
      for (int k = 0; k < ys.length; k++) {
        if (ys[k] != null) {
          s.sample(k, ax[i], ys[k][i]);
        }
      }
      s.axis(ax[i]);
    }
    return s;
  }

  @Override
  public boolean keep() {
    return false;
  }

  @Override
  public void start(String axisName, List<String> recorded) {
    names = List.copyOf(recorded);
    int m = signals.size();
    column = new int[m];
    stats = new DoubleSummaryStatistics[m];
    last = new double[m];
    crossings = new int[m];
    trigger = SpikeDetector.deviceState().trigger(m);
    for (int k = 0; k < m; k++) {
      int c = names.indexOf(signals.get(k));
      column[k] = c < 0 ? -1 : c + 1;
      stats[k] = new DoubleSummaryStatistics();
    }
  }

  @Override
  public void rows(double[] block, int stride, int from, int to) {
    for (int r = from; r < to; r++) {
      double t = block[r];
      for (int k = 0; k < column.length; k++) {
        if (column[k] > 0) {
          sample(k, t, block[column[k] * stride + r]);
        }
      }
      axis(t);
    }
  }

  @Override
  public void built(int size) {
    // every row was handed over
  }

  /** Signal k's sample y at axis value t (before {@link #axis} of the same row). */
  private void sample(int k, double t, double y) {
    if (n == 0) {
      trigger.start(k, y);
    } else {
      double s = trigger.next(k, lastT, t - lastT, last[k], y);
      if (s == s) {
        crossings[k]++;
      }
    }
    stats[k].accept(y);
    last[k] = y;
  }

  private void axis(double t) {
    if (n == 0) {
      firstT = t;
    }
    lastT = t;
    n++;
  }

  /**
   * The value of reduction {@code r} (one of the constructor's), NaN where undefined (no sample, no span).
   *
   * @param file named in the error for a signal that was not recorded
   */
  double value(String r, String file) {
    int c = r.indexOf(':');
    String kind = r.substring(0, c);
    String sig = r.substring(c + 1);
    int k = signals.indexOf(sig.toLowerCase(java.util.Locale.ROOT));
    if (column[k] < 0) {
      throw NeuristorException.input(file + ": no signal '" + sig + "' (saved: " + String.join(", ", names) + ")");
    }
    return switch (kind) {
      case "max" -> n == 0 ? Double.NaN : stats[k].getMax();
      case "min" -> n == 0 ? Double.NaN : stats[k].getMin();
      case "final" -> n == 0 ? Double.NaN : last[k];
      case "mean" -> n == 0 ? Double.NaN : stats[k].getAverage();
      case "spikes" -> crossings[k];
      case "rate" -> {
        double span = n < 2 ? 0 : lastT - firstT;
        yield span > 0 ? crossings[k] / span : Double.NaN;
      }
      default -> throw new IllegalArgumentException("not a reduction: " + r);
    };
  }
}
