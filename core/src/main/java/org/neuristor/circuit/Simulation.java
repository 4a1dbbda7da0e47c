package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuristor.measure.Trace;

/**
 * Runs a circuit's analyses in order and collects their traces and statistics; the one entry point
 * the CLI, the neuron library and sweeps share.
 */
public final class Simulation {
  private Simulation() {}

  /** Runs one analysis on a fresh MNA system of the circuit, recording every accepted time point. */
  public static Analysis.Outcome run(Circuit circuit, Analysis a, List<String> save,
      TransientAnalysis.Progress progress) {
    return run(circuit, a, save, progress, 1, false);
  }

  /**
   * Runs one analysis on a fresh MNA system of the circuit; a transient records every {@code every}-th
   * accepted time point, or, with {@code atTstep}, the uniform grid of its {@code .tran} step (linearly
   * interpolated, as ngspice's {@code .options interp}).
   */
  public static Analysis.Outcome run(Circuit circuit, Analysis a, List<String> save,
      TransientAnalysis.Progress progress, int every, boolean atTstep) {
    return run(circuit, a, save, progress, every, atTstep, null);
  }

  /**
   * As {@link #run(Circuit, Analysis, List, TransientAnalysis.Progress, int, boolean)}; a transient also hands its
   * recorded rows to {@code rows} as they are recorded (null: none).
   */
  public static Analysis.Outcome run(Circuit circuit, Analysis a, List<String> save,
      TransientAnalysis.Progress progress, int every, boolean atTstep, Trace.Rows rows) {
    long t0 = System.nanoTime();
    MnaSystem sys = new MnaSystem(circuit);
    if (a instanceof Analysis.Op) {
      OperatingPoint.Result r = OperatingPoint.solve(sys);
      Signals s = Signals.of(sys, save);
      double[] row = new double[s.size()];
      s.sample(r.x(), 0.0, row);
      Trace.Builder tb = new Trace.Builder("op", s.names());
      tb.addRow(0.0, row);
      List<String> w = new ArrayList<>(circuit.warnings());
      w.addAll(r.warnings());
      return new Analysis.Outcome(a, tb.build(), 1, 0, r.iterations(), seconds(t0), Map.of(), w);
    }
    if (a instanceof Analysis.Dc dc) {
      DcSweep.Result r = new DcSweep(dc.source(), dc.start(), dc.stop(), dc.step(), dc.upDown()).run(sys, save);
      return new Analysis.Outcome(a, r.trace(), r.points(), 0, r.iterations(), seconds(t0), Map.of(),
          circuit.warnings());
    }
    if (a instanceof Analysis.Ac ac) {
      AcAnalysis.Result r = AcAnalysis.run(sys, ac, save);
      return new Analysis.Outcome(a, acTrace(r), r.frequencies().length, 0, r.iterations(), seconds(t0), Map.of(),
          r.warnings());
    }
    Analysis.Tran tr = (Analysis.Tran) a;
    TransientAnalysis ta = new TransientAnalysis(tr.tstep(), tr.tstop(), tr.tstart(), tr.tmax(), tr.uic());
    if (progress != null) {
      ta.progress(progress);
    }
    ta.every(every);
    ta.rows(rows);
    if (atTstep) {
      ta.grid(tr.tstep());
    }
    TransientAnalysis.Result r = ta.run(sys, save);
    return new Analysis.Outcome(a, r.trace(), r.accepted(), r.rejected(), r.iterations(), seconds(t0),
        new LinkedHashMap<>(r.sourceEnergy()), r.warnings());
  }

  /**
   * The real-valued table of an AC result: for each signal its magnitude in dB and its phase in
   * radians, named as ngspice names them ({@code vdb(out)}, {@code vp(out)}, {@code idb(v1)},
   * {@code ip(v1)}). Signals with no AC response at all (a DC supply node) are left out: their dB
   * value does not exist.
   */
  public static Trace acTrace(AcAnalysis.Result r) {
    List<String> cols = new ArrayList<>();
    List<Integer> src = new ArrayList<>();
    for (int k = 0; k < r.names().size(); k++) {
      String s = r.names().get(k);
      boolean silent = true;
      for (int f = 0; f < r.frequencies().length && silent; f++) {
        silent = r.re()[f][k] == 0 && r.im()[f][k] == 0;
      }
      if (!silent && s.length() > 3 && (s.startsWith("v(") || s.startsWith("i(")) && s.endsWith(")")) {
        cols.add(s.charAt(0) + "db" + s.substring(1));
        cols.add(s.charAt(0) + "p" + s.substring(1));
        src.add(k);
      }
    }
    Trace.Builder tb = new Trace.Builder("frequency", cols);
    double[] row = new double[cols.size()];
    for (int f = 0; f < r.frequencies().length; f++) {
      for (int j = 0; j < src.size(); j++) {
        double re = r.re()[f][src.get(j)];
        double im = r.im()[f][src.get(j)];
        row[2 * j] = 20 * Math.log10(Math.hypot(re, im));
        row[2 * j + 1] = Math.atan2(im, re);
      }
      tb.addRow(r.frequencies()[f], row);
    }
    return tb.build();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
