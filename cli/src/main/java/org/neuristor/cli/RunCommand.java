package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.TransientAnalysis;
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
      "Writes one CSV per analysis (columns named as ngspice names them: time, v(out), i(v1)), the measurements "
          + "as NAME.meas.csv and, unless --no-plot, a plot of the saved signals; prints steps, Newton iterations, "
          + "wall time and the measurements."
    },
    footer = {"", "Example:", "  ./neuristor run examples/relaxation.cir --out out/relax",
        "  ./neuristor run examples/1ts1c.cir --save 'v(m),v(o)' --json"})
public final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NETLIST", description = "netlist file (.cir/.sp)")
  Path netlist;

  @Option(names = "--save", split = ",", paramLabel = "SIGNAL",
      description = "signals to record, e.g. v(out),i(v1),v(a,b) or 'all' (default: .save lines, else all node "
          + "voltages and source currents)")
  List<String> save = new ArrayList<>();

  @Option(names = "--updown", description = "run .dc sweeps forward then backward (shows hysteresis)")
  boolean upDown;

  @Option(names = "--every", paramLabel = "N", defaultValue = "1",
      description = "write every N-th accepted time point of a transient (and the last; default: all)")
  int every = 1;

  @Option(names = "--at-tstep", description = "write a transient on the grid of its .tran step, linearly "
      + "interpolated between accepted points (ngspice's .options interp) instead of at every accepted point")
  boolean atTstep;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(netlist);
    for (String w : c.warnings()) {
      System.err.println("warning: " + w);
    }
    if (c.analyses().isEmpty() && c.control().isEmpty()) {
      throw NeuristorException.input(netlist + ": no analysis (.op, .dc, .tran or .ac) and no .control block in the netlist");
    }
    List<String> saves = !save.isEmpty() ? save : c.saves();
    String base = baseName(netlist);
    List<ProgressBar> bars = new ArrayList<>();
    DeckRunner.Listener listener = new DeckRunner.Listener() {
      @Override
      public TransientAnalysis.Progress starting(Analysis a) {
        ProgressBar bar = a instanceof Analysis.Tran ? new ProgressBar("tran", 1000) : ProgressBar.quiet("op", 1);
        bars.add(bar);
        long[] done = {0};
        return (t, stop) -> {
          long now = (long) (1000 * t / stop);
          if (now > done[0]) {
            bar.stepBy(now - done[0]);
            done[0] = now;
          }
        };
      }

      @Override
      public void finished(Analysis a) {
        bars.remove(bars.size() - 1).close();
      }
    };
    DeckRunner.Result result = DeckRunner.run(c, new DeckRunner.Options(output.out, save, upDown, every, atTstep,
        listener));
    for (String w : result.warnings()) {
      System.err.println("warning: " + w);
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
      CsvWriter.write(csv, tr);
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
          Plotter.lines(png, c.circuit().title() + " (" + kind + ")", axisLabel(tr), "value", tr, tr.names());
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
          System.out.println(line);
        }
      }
    }
    summary.print(System.out, output.json());
    return 0;
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
    List<String> order = new ArrayList<>();
    if (saves.isEmpty()) {
      for (String s : t.names()) {
        if (s.matches("(v|i|vdb|vp|idb|ip)\\(.*") && !s.contains("#")) {
          order.add(s);
        }
      }
    } else {
      for (String raw : saves) {
        String s = raw.toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.equals("all")) {
          t.names().stream().filter(n -> !order.contains(n)).forEach(order::add);
        } else if (t.has(s) && !order.contains(s)) {
          order.add(s);
        }
      }
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    for (String s : order) {
      m.put(s, t.get(s));
    }
    return Trace.of(t.axisName(), t.axis(), m);
  }

  private static String axisLabel(Trace tr) {
    return tr.axisName().equals("time") ? "time (s)" : tr.axisName() + " (V or A)";
  }

  static String baseName(Path p) {
    String f = p.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return (dot > 0 ? f.substring(0, dot) : f).toLowerCase(Locale.ROOT);
  }
}
