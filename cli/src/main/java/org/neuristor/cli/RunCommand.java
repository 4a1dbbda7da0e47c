package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.io.CsvStream;
import org.neuristor.io.CsvWriter;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.netlist.DeckRunner;
import org.neuristor.netlist.control.Measurement;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor run circuit.cir}: runs a netlist's analyses (or its {@code .control} block), writes
 * CSV and plots, the {@code .meas} results, and prints a summary.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the analyses (.op, .dc, .tran, .ac) and measurements (.meas) of an ngspice-compatible netlist, or its "
          + ".control block (run, tran, meas, let, print, wrdata, write, alter, foreach, ...).",
      "Writes one CSV per analysis, with columns named as ngspice names them (time, v(out), i(v1)), the "
          + "measurements as NAME.meas.csv and, unless --no-plot, a plot of the saved signals, one panel per quantity "
          + "(voltages, currents, device states). Prints steps, Newton iterations, wall time and the measurements. "
          + "Files are written only when every analysis succeeded."
    },
    footer = {"", "Examples:", "  ./neuristor run examples/relaxation.cir --out out/relax",
        "  ./neuristor run examples/1ts1c.cir --save 'v(m),v(o)' --json",
        "  ./neuristor run examples/hysteresis.cir --updown"})
@JsonKeys({"netlist", "unknowns", "analyses", "measurements", "measurement_failures", "measurements_csv", "files",
    "output"})
public final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NETLIST", description = "The netlist file (.cir, .sp).")
  Path netlist;

  @Option(names = "--save", split = ",", paramLabel = "SIGNAL",
      description = "Signals to record, e.g. v(out),i(v1),v(a,b) or all (default: the .save lines, else every node "
          + "voltage and source current).")
  List<String> save = new ArrayList<>();

  @Option(names = "--updown", description = "Run .dc sweeps forward, then back (shows hysteresis).")
  boolean upDown;

  @Option(names = "--every", paramLabel = "N", defaultValue = "1",
      description = "Write every N-th accepted time point of a transient, and the last (default: ${DEFAULT-VALUE}, "
          + "all).")
  int every = 1;

  @Option(names = "--at-tstep", description = "Write a transient on the grid of its .tran step, linearly "
      + "interpolated between accepted points (ngspice's .options interp), instead of at every accepted point.")
  boolean atTstep;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    RunAhead ahead = output.main() != null ? output.main().runAhead() : null;
    // the run-ahead (started before picocli parsed the command line) serves if it compiled this netlist and
    // ran it with these options: no --save, --updown, --every or --at-tstep
    CircuitCompiler.Compiled c = ahead != null ? ahead.compiled(netlist) : null;
    if (c == null) {
      c = CircuitCompiler.compile(netlist);
    }
    for (String w : c.warnings()) {
      output.warn(w);
    }
    if (c.analyses().isEmpty() && c.control().isEmpty()) {
      throw NeuristorException.input(netlist + ": no analysis (.op, .dc, .tran or .ac) and no .control block in the netlist");
    }
    if (every < 1) {
      throw NeuristorException.input("--every must be >= 1, got " + every);
    }
    output.outDir();
    List<String> saves = !save.isEmpty() ? save : c.saves();
    String base = baseName(netlist);
    RunAhead.Done done = null;
    if (ahead != null && c == ahead.compiledNetlist()) {
      if (save.isEmpty() && !upDown && every == 1 && !atTstep) {
        done = ahead.result();
      } else {
        ahead.cancel(); // the run-ahead ran with a plain run's options, not these
      }
    }
    Recording recording;
    DeckRunner.Result result;
    if (done != null) {
      recording = done.recording();
      result = done.result();
    } else {
      recording = new Recording(saves, c.control().isEmpty());
      try {
        result = DeckRunner.run(c, new DeckRunner.Options(output.out, save, upDown, every, atTstep, recording, true));
      } catch (RuntimeException | Error e) {
        recording.cancel();
        throw e;
      }
    }
    for (String w : result.warnings()) {
      output.warn(w);
    }
    Summary summary = new Summary();
    summary.put("netlist", netlist.toString());
    summary.put("unknowns", c.unknowns());
    List<Object> runs = new ArrayList<>();
    for (DeckRunner.Run run : result.runs()) {
      Analysis a = run.analysis();
      Analysis.Outcome o = run.outcome();
      String kind = DeckRunner.kind(a);
      String file = run.plot().equals(kind + "1") ? kind : run.plot();
      Trace tr = columns(o.trace(), a instanceof Analysis.Ac ? acColumns(saves) : saves);
      Path csv = output.file(base + "." + file + ".csv");
      recording.write(run, csv, tr);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("analysis", kind);
      r.put("csv", csv.toString());
      r.put(a instanceof Analysis.Tran ? "steps_accepted" : "points", o.accepted());
      if (a instanceof Analysis.Tran) {
        r.put("steps_rejected", o.rejected());
      }
      r.put("newton_iterations", o.iterations());
      r.put("wall_s", o.wallSeconds());
      if (!o.sourceEnergy().isEmpty()) {
        r.put("source_energy_J", o.sourceEnergy());
      }
      if (output.plot() && !(a instanceof Analysis.Op)) {
        Path png = output.file(base + "." + file + "." + output.plotExt());
        if (a instanceof Analysis.Ac) {
          List<Plotter.Series> db = new ArrayList<>();
          for (String s : tr.names()) {
            if (s.startsWith("vdb(") || s.startsWith("idb(")) {
              db.add(new Plotter.Series(s, tr.axis(), tr.get(s), false));
            }
          }
          Plotter.xy(png, c.circuit().title() + " (ac)", "frequency (Hz)", "magnitude (dB)", db, true, false);
        } else {
          String title = c.circuit().title() + " (" + kind + ")";
          if (a instanceof Analysis.Dc dc && dc.upDown()) {
            Plotter.upDown(png, title, tr.axisName() + " (" + unitOfSource(dc.source()) + ")", tr, tr.names());
          } else {
            Plotter.signals(png, title, tr, tr.names());
          }
        }
        r.put("plot", png.toString());
      }
      runs.add(r);
    }
    summary.put("analyses", runs);
    if (!result.measurements().isEmpty()) {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, Object> failures = new LinkedHashMap<>();
      List<List<?>> rows = new ArrayList<>();
      for (Measurement m : result.measurements()) {
        values.put(m.name(), m.value());
        if (m.value() == null) {
          failures.put(m.name(), m.failure());
        }
        rows.add(java.util.Arrays.asList(m.name(), m.analysis(), m.value(), m.details().get("at"),
            m.details().get("trig"), m.details().get("targ"), m.details().get("from"), m.details().get("to"),
            m.failure()));
      }
      Path mcsv = CsvWriter.writeTable(output.file(base + ".meas.csv"),
          List.of("name", "analysis", "value", "at", "trig", "targ", "from", "to", "failure"), rows);
      summary.put("measurements", values);
      if (!failures.isEmpty()) {
        summary.put("measurement_failures", failures);
      }
      summary.put("measurements_csv", mcsv.toString());
    }
    if (!result.files().isEmpty()) {
      summary.put("files", result.files().stream().map(Path::toString).toList());
    }
    if (!result.output().isEmpty()) {
      if (output.json()) {
        summary.put("output", result.output());
      } else {
        for (String line : result.output()) {
          output.out().println(line);
        }
      }
    }
    output.print(summary);
    return 0;
  }

  /**
   * What a run records besides its results: a progress bar per analysis and, for a netlist without a
   * {@code .control} block, each transient's CSV formatted while it runs ({@link CsvStream}, the CSV columns of
   * {@code saves}).
   */
  static final class Recording implements DeckRunner.Listener {
    /** Formatted CSV text held at most per transient; a longer one is written from its trace at the end. */
    private static final long STREAM_BYTES = 256L << 20;
    private final List<String> saves;
    private final boolean stream;
    private final List<ProgressBar> bars = new ArrayList<>();
    /** The CSV streams of the transients, in the order they ran. */
    private final List<CsvStream> streams = new ArrayList<>();
    private final List<Analysis> streamed = new ArrayList<>();
    private volatile boolean cancelled;

    /**
     * @param saves the CSV columns ({@link #columnNames})
     * @param stream format each transient's CSV while it runs; only for decks that run their analyses in order,
     *     each once (no {@code .control} block)
     */
    Recording(List<String> saves, boolean stream) {
      this.saves = saves;
      this.stream = stream;
    }

    @Override
    public TransientAnalysis.Progress starting(Analysis a) {
      ProgressBar bar = a instanceof Analysis.Tran ? new ProgressBar("tran", 1000) : ProgressBar.quiet("op", 1);
      bars.add(bar);
      long[] done = {0};
      return (t, stop) -> {
        if (cancelled) {
          throw new java.util.concurrent.CancellationException("run cancelled");
        }
        long now = (long) (1000 * t / stop);
        if (now > done[0]) {
          bar.stepBy(now - done[0]);
          done[0] = now;
        }
      };
    }

    @Override
    public Trace.Rows rows(Analysis a) {
      if (!stream || !(a instanceof Analysis.Tran)) {
        return null;
      }
      CsvStream s = new CsvStream(names -> columnNames(names, saves), STREAM_BYTES);
      streams.add(s);
      streamed.add(a);
      return s;
    }

    @Override
    public void finished(Analysis a) {
      bars.remove(bars.size() - 1).close();
    }

    /** Writes the CSV of {@code run}'s trace {@code tr} (its CSV columns) to {@code csv}. */
    void write(DeckRunner.Run run, Path csv, Trace tr) {
      // by identity: a record's equals would bootstrap method handles at run time (~30 classes spun)
      int k = 0;
      while (k < streamed.size() && streamed.get(k) != run.analysis()) {
        k++;
      }
      if (k < streamed.size()) {
        streamed.set(k, null); // each stream serves once, in order
        streams.get(k).write(csv, tr);
      } else {
        CsvWriter.write(csv, tr);
      }
    }

    /** Stops the run at its next progress report and the CSV formatting (the results are not wanted). */
    void cancel() {
      cancelled = true;
      streams.forEach(CsvStream::cancel);
    }
  }

  /** The AC table's columns for requested signals: v(x) becomes vdb(x) and vp(x), i(x) idb(x) and ip(x). */
  static List<String> acColumns(List<String> saves) {
    List<String> out = new ArrayList<>();
    for (String s : saves) {
      String t = s.toLowerCase(Locale.ROOT).replace(" ", "");
      if ((t.startsWith("v(") || t.startsWith("i(")) && t.endsWith(")")) {
        out.add(t.charAt(0) + "db" + t.substring(1));
        out.add(t.charAt(0) + "p" + t.substring(1));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The CSV columns: the requested signals in their order ({@code all}: every unknown), else node
   * voltages and branch currents (no internal unknowns), as ngspice saves by default.
   */
  static Trace columns(Trace t, List<String> saves) {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (String s : columnNames(t.names(), saves)) {
      m.put(s, t.get(s));
    }
    return Trace.of(t.axisName(), t.axis(), m);
  }

  /** The names of the CSV columns ({@link #columns}) among the recorded signal names {@code names}. */
  static List<String> columnNames(List<String> names, List<String> saves) {
    List<String> order = new ArrayList<>();
    if (saves.isEmpty()) {
      for (String s : names) {
        if (s.matches("(v|i|vdb|vp|idb|ip)\\(.*") && !s.contains("#")) {
          order.add(s);
        }
      }
    } else {
      for (String raw : saves) {
        String s = raw.toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.equals("all")) {
          names.stream().filter(n -> !order.contains(n)).forEach(order::add);
        } else if (names.contains(s) && !order.contains(s)) {
          order.add(s);
        }
      }
    }
    return order;
  }

  /** V for a voltage source, A for a current source (SPICE's first letter). */
  private static String unitOfSource(String source) {
    return source.toLowerCase(Locale.ROOT).startsWith("i") ? "A" : "V";
  }

  static String baseName(Path p) {
    String f = p.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return (dot > 0 ? f.substring(0, dot) : f).toLowerCase(Locale.ROOT);
  }
}
