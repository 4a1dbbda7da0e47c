package org.neuristor.circuit;

import java.util.List;

/** An analysis request, as written in a netlist's control lines. */
public sealed interface Analysis {

  /** {@code .op}. */
  record Op() implements Analysis {}

  /** {@code .dc source start stop step}; {@code upDown} sweeps forward then back (hysteresis). */
  record Dc(String source, double start, double stop, double step, boolean upDown) implements Analysis {}

  /**
   * {@code .ac dec|oct|lin points fstart fstop}: small-signal analysis linearized at the operating point.
   *
   * @param sweep {@code dec}, {@code oct} or {@code lin}
   * @param points points per decade or octave, or in total ({@code lin})
   */
  record Ac(String sweep, int points, double fstart, double fstop) implements Analysis {
    /** The frequencies of the sweep, as ngspice steps them. */
    public double[] frequencies() {
      java.util.List<Double> f = new java.util.ArrayList<>();
      if (sweep.equals("lin")) {
        double step = points > 1 ? (fstop - fstart) / (points - 1) : 0;
        for (int k = 0; k < points; k++) {
          f.add(fstart + k * step);
        }
      } else {
        double ratio = Math.pow(sweep.equals("dec") ? 10 : 2, 1.0 / points);
        for (double v = fstart; v <= fstop * (1 + 1e-9) && f.size() < 10_000_000; v *= ratio) {
          f.add(v);
        }
      }
      return f.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /** {@code .tran tstep tstop [tstart [tmax]] [uic]}; tmax NaN when not given. */
  record Tran(double tstep, double tstop, double tstart, double tmax, boolean uic) implements Analysis {}

  /** Outcome of one analysis. */
  record Outcome(Analysis analysis, org.neuristor.measure.Trace trace, long accepted, long rejected,
      long iterations, double wallSeconds, java.util.Map<String, Double> sourceEnergy, List<String> warnings) {}
}
