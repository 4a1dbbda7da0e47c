package org.neuristor.circuit;

import java.util.List;

/** An analysis request, as written in a netlist's control lines. */
public sealed interface Analysis {

  /** {@code .op}. */
  record Op() implements Analysis {}

  /** {@code .dc source start stop step}; {@code upDown} sweeps forward then back (hysteresis). */
  record Dc(String source, double start, double stop, double step, boolean upDown) implements Analysis {}

  /** {@code .tran tstep tstop [tstart [tmax]] [uic]}; tmax NaN when not given. */
  record Tran(double tstep, double tstop, double tstart, double tmax, boolean uic) implements Analysis {}

  /** Outcome of one analysis. */
  record Outcome(Analysis analysis, org.neuristor.analysis.Trace trace, long accepted, long rejected,
      long iterations, double wallSeconds, java.util.Map<String, Double> sourceEnergy, List<String> warnings) {}
}
