package org.neuristor.netlist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.AcAnalysis;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.Simulation;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.netlist.control.Measurement;
import org.neuristor.netlist.control.Plot;
import org.neuristor.netlist.control.Vec;

/**
 * Runs a compiled netlist the way ngspice does: the {@code .control} block when there is one
 * ({@link ControlInterpreter}; the deck's analyses run when it says {@code run}, and also when the
 * block runs none), else the analyses in order, then the {@code .meas} cards on the last plot of
 * their analysis. The result holds every analysis run (its trace and statistics), the plots, the
 * measurements, what the block printed and the files it wrote.
 */
public final class DeckRunner {
  private DeckRunner() {}

  /** Hooks for progress reporting while analyses run. */
  public interface Listener {
    /** A progress sink for an analysis about to run, or null. */
    default TransientAnalysis.Progress starting(Analysis a) {
      return null;
    }

    /**
     * Where a transient about to run hands its recorded rows as they are recorded (see {@link Trace.Rows}), or null.
     */
    default Trace.Rows rows(Analysis a) {
      return null;
    }

    /** Called when an analysis has finished. */
    default void finished(Analysis a) {}
  }

  /**
   * @param directory where files the control block writes go (relative names resolve against it)
   * @param saves signals to record besides everything (empty: the deck's {@code .save} lines)
   * @param upDown run {@code .dc} sweeps forward then back
   * @param every a transient records every {@code every}-th accepted point (1: all)
   * @param atTstep a transient records the grid of its {@code .tran} step (interpolated, as ngspice's interp)
   * @param savedOnly a deck without a {@code .control} block and without {@code .meas} cards records only the
   *     signals of {@code saves} (else of its {@code .save} lines, else ngspice's defaults: node voltages and
   *     source currents) instead of every unknown besides them; its plots then hold only those
   */
  public record Options(Path directory, List<String> saves, boolean upDown, int every, boolean atTstep,
      Listener listener, boolean savedOnly) {
    /** Every unknown recorded (the plots hold every vector). */
    public Options(Path directory, List<String> saves, boolean upDown, int every, boolean atTstep,
        Listener listener) {
      this(directory, saves, upDown, every, atTstep, listener, false);
    }

    /** Every accepted point. */
    public Options(Path directory, List<String> saves, boolean upDown, Listener listener) {
      this(directory, saves, upDown, 1, false, listener);
    }

    public static Options defaults() {
      return new Options(Path.of(""), List.of(), false, new Listener() {});
    }
  }

  /** One analysis that ran: the plot it made, its outcome (trace and statistics). */
  public record Run(String plot, Analysis analysis, Analysis.Outcome outcome) {}

  /** Everything a deck produced. */
  public record Result(List<Run> runs, List<Plot> plots, List<Measurement> measurements, List<String> output,
      List<Path> files, List<String> warnings) {}

  public static Result run(CircuitCompiler.Compiled c, Options o) {
    Session s = new Session(c, o);
    if (!c.control().isEmpty()) {
      new ControlInterpreter(s).execute(c.control());
      if (s.runs.isEmpty() && !s.quitBeforeAnalyses && !c.analyses().isEmpty()) {
        s.warnings.add("the .control block runs no analysis; the netlist's analyses were run instead");
        s.runAll();
      }
    } else {
      s.runAll();
    }
    return new Result(List.copyOf(s.runs), List.copyOf(s.plots), List.copyOf(s.measurements.values()),
        List.copyOf(s.output), List.copyOf(s.files), List.copyOf(s.warnings));
  }

  /** The state of one deck run: the circuit (recompiled after alter/reset), plots, results. */
  static final class Session {
    CircuitCompiler.Compiled compiled;
    final Options options;
    final List<Run> runs = new ArrayList<>();
    final List<Plot> plots = new ArrayList<>();
    Plot current;
    final Map<String, Measurement> measurements = new LinkedHashMap<>();
    final List<String> output = new ArrayList<>();
    final List<Path> files = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Map<String, Integer> counters = new LinkedHashMap<>();
    boolean quitBeforeAnalyses;

    Session(CircuitCompiler.Compiled c, Options o) {
      this.compiled = c;
      this.options = o;
    }

    /** Runs the netlist's analyses in order, then its .meas cards. */
    void runAll() {
      for (Analysis a : compiled.analyses()) {
        run(a);
      }
      measureAll();
    }

    /** The deck's .meas cards, each on the last plot of its analysis. */
    void measureAll() {
      for (MeasureCard m : compiled.measures()) {
        Plot p = null;
        for (Plot q : plots) {
          if (q.kind().equals(m.measure().analysis())) {
            p = q;
          }
        }
        if (p == null) {
          measurements.put(m.measure().name(), Measurement.failed(m.measure().name(), m.measure().analysis(),
              "the netlist runs no ." + m.measure().analysis() + " analysis"));
          continue;
        }
        record(m.measure().evaluate(p, this::value), p);
      }
    }

    void record(Measurement r, Plot p) {
      measurements.put(r.name(), r);
      if (r.value() != null && p != null) {
        p.add(Vec.scalar(r.name(), r.value()));
      }
    }

    /** A scalar by name: a measurement result or a top-level parameter. */
    Double value(String name) {
      Measurement m = measurements.get(name);
      if (m != null && m.value() != null) {
        return m.value();
      }
      return compiled.params().apply(name);
    }

    /** Runs one analysis; its plot becomes the current plot. */
    Plot run(Analysis a) {
      if (options.upDown() && a instanceof Analysis.Dc dc) {
        a = new Analysis.Dc(dc.source(), dc.start(), dc.stop(), dc.step(), true);
      }
      // every unknown, for what the .control block or a .meas card may read, unless nothing reads more than saves
      List<String> save = new ArrayList<>();
      if (!options.savedOnly() || !compiled.control().isEmpty() || !compiled.measures().isEmpty()) {
        save.add("all");
      }
      save.addAll(options.saves().isEmpty() ? compiled.saves() : options.saves());
      TransientAnalysis.Progress progress = options.listener().starting(a);
      String kind = kind(a);
      Analysis.Outcome o;
      Plot p;
      int n = counters.merge(kind, 1, Integer::sum);
      if (a instanceof Analysis.Ac ac) {
        long t0 = System.nanoTime();
        AcAnalysis.Result r = AcAnalysis.run(new MnaSystem(compiled.circuit()), ac, save);
        o = new Analysis.Outcome(a, Simulation.acTrace(r), r.frequencies().length, 0, r.iterations(),
            (System.nanoTime() - t0) / 1e9, Map.of(), r.warnings());
        p = acPlot(kind + n, compiled.circuit().title(), r);
      } else {
        o = Simulation.run(compiled.circuit(), a, save, progress, options.every(), options.atTstep(),
            options.listener().rows(a));
        p = plot(kind + n, kind, compiled.circuit().title(), o.trace());
      }
      options.listener().finished(a);
      plots.add(p);
      current = p;
      runs.add(new Run(p.name(), a, o));
      for (String w : o.warnings()) {
        if (!warnings.contains(w) && !compiled.reported(w)) {
          warnings.add(w);
        }
      }
      return p;
    }
  }

  /** {@code op}, {@code dc}, {@code ac} or {@code tran}. */
  public static String kind(Analysis a) {
    return a instanceof Analysis.Op ? "op" : a instanceof Analysis.Dc ? "dc" : a instanceof Analysis.Ac ? "ac" : "tran";
  }

  /** The complex plot of an AC analysis: the frequency scale and every signal as a complex vector. */
  static Plot acPlot(String name, String title, AcAnalysis.Result r) {
    Plot p = new Plot(name, "ac", title, "frequency");
    p.add(Vec.real("frequency", r.frequencies()));
    int nf = r.frequencies().length;
    for (int k = 0; k < r.names().size(); k++) {
      double[] re = new double[nf];
      double[] im = new double[nf];
      for (int f = 0; f < nf; f++) {
        re[f] = r.re()[f][k];
        im[f] = r.im()[f][k];
      }
      p.add(Vec.complex(r.names().get(k), re, im));
    }
    return p;
  }

  /** A plot of a real-valued trace; an operating point has no scale. */
  static Plot plot(String name, String kind, String title, Trace t) {
    boolean op = kind.equals("op");
    Plot p = new Plot(name, kind, title, op ? null : t.axisName());
    if (!op) {
      p.add(Vec.real(t.axisName(), t.axis()));
    }
    for (String s : t.names()) {
      p.add(Vec.real(s, t.get(s)));
    }
    return p;
  }
}
