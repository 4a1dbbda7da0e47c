package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.List;
import org.neuristor.measure.Trace;

/**
 * Records the saved signals of a transient run from {@code tstart} on: at every accepted time point
 * (ngspice's default), at every n-th accepted point (and always the last), or on the uniform grid
 * tstart + k dt, linearly interpolated between the accepted points around each grid time (as ngspice's
 * {@code .options interp}). Optionally appends {@code e(sources)}, the energy delivered by the independent
 * sources so far. Not thread safe: one per run.
 */
final class Recorder {
  private final Signals signals;
  private final boolean energySignal;
  private final Trace.Builder tb;
  private final double[] row;
  private final double[] prevRow;
  private final double[] out;
  private final double tstart;
  /** Times below this are before {@link #tstart} (tstart less a relative 1e-15), not recorded. */
  private final double from;
  /**
   * The unknown each recorded signal reads (see {@link Signals#picks}), or null when some signal is computed
   * otherwise or {@code e(sources)} is recorded: a row then goes through {@link #row}.
   */
  private final int[] picks;
  private final int every;
  private final double grid;
  /** Accepted points until the next one recorded (1: the next); counts down instead of a division per step. */
  private int untilNext = 1;
  private double nextGrid;
  private long gridIndex;
  private double prevT = Double.NaN;
  private double lastT = Double.NaN;

  /**
   * @param every record every n-th accepted point (1 = all); ignored when {@code grid > 0}
   * @param grid interval of the uniform output grid (s), or 0 for accepted points
   * @param rowsOut receives the recorded rows as they are recorded (null: none)
   */
  Recorder(MnaSystem sys, List<String> save, double tstart, int every, double grid, Trace.Rows rowsOut) {
    this.energySignal = save.contains("e(sources)");
    List<String> plain = new ArrayList<>(save);
    plain.remove("e(sources)");
    this.signals = Signals.of(sys, plain);
    List<String> names = new ArrayList<>(signals.names());
    if (energySignal) {
      names.add("e(sources)");
    }
    this.tb = new Trace.Builder("time", names, rowsOut);
    this.row = new double[names.size()];
    this.prevRow = new double[names.size()];
    this.out = new double[names.size()];
    this.tstart = tstart;
    this.from = tstart * (1 - 1e-15);
    this.picks = energySignal ? null : signals.picks();
    this.every = Math.max(1, every);
    this.grid = grid;
    this.nextGrid = tstart;
  }

  /** Whether the recorded signals include {@code e(sources)}. */
  boolean wantsSourceEnergy() {
    return energySignal;
  }

  /** Records the accepted point (t, x); {@code sourceEnergy} is the delivered energy so far. */
  void accepted(double[] x, double t, double sourceEnergy) {
    if (grid > 0) {
      sample(x, t, sourceEnergy);
      onGrid(t);
      System.arraycopy(row, 0, prevRow, 0, row.length);
      prevT = t;
      return;
    }
    if (t < from) {
      return;
    }
    if (--untilNext == 0) {
      untilNext = every;
      record(x, t, sourceEnergy);
      lastT = t;
    }
  }

  /** Appends the row of the signals at (x, t). */
  private void record(double[] x, double t, double sourceEnergy) {
    if (picks != null) {
      tb.addPicked(t, x, picks);
    } else {
      sample(x, t, sourceEnergy);
      tb.addRow(t, row);
    }
  }

  /** Records the final point if the every-n-th rule skipped it. */
  void finish(double[] x, double t, double sourceEnergy) {
    if (grid <= 0 && lastT != t && t >= from) {
      record(x, t, sourceEnergy);
    }
  }

  private void sample(double[] x, double t, double sourceEnergy) {
    signals.sample(x, t, row);
    if (energySignal) {
      row[row.length - 1] = sourceEnergy;
    }
  }

  private void onGrid(double t) {
    double eps = 1e-9 * grid;
    while (nextGrid <= t + eps) {
      if (Double.isNaN(prevT) || nextGrid >= t - eps) {
        tb.addRow(Double.isNaN(prevT) ? t : nextGrid, row);
      } else {
        double w = (nextGrid - prevT) / (t - prevT);
        for (int k = 0; k < row.length; k++) {
          out[k] = prevRow[k] + w * (row[k] - prevRow[k]);
        }
        tb.addRow(nextGrid, out);
      }
      gridIndex++;
      nextGrid = tstart + gridIndex * grid;
    }
  }

  Trace build() {
    return tb.build();
  }
}
