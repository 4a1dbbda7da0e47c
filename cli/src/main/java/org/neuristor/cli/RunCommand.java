package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.io.CsvWriter;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor run circuit.cir}: runs a netlist's analyses, writes CSV and plots, prints a summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the analyses (.op, .dc, .tran) of an ngspice-compatible netlist.",
      "Writes one CSV per analysis (columns named as ngspice names them: time, v(out), i(v1)) and,",
      "unless --no-plot, a plot of the saved signals; prints steps, Newton iterations and wall time."
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
    if (c.analyses().isEmpty()) {
      throw NeuristorException.input(netlist + ": no analysis (.op, .dc or .tran) in the netlist");
    }
    List<String> saves = !save.isEmpty() ? save : c.saves();
    String base = baseName(netlist);
    Summary summary = new Summary();
    summary.put("netlist", netlist.toString());
    summary.put("unknowns", c.unknowns());
    List<Object> runs = new ArrayList<>();
    for (Analysis a : c.analyses()) {
      if (upDown && a instanceof Analysis.Dc dc) {
        a = new Analysis.Dc(dc.source(), dc.start(), dc.stop(), dc.step(), true);
      }
      String kind = a instanceof Analysis.Op ? "op" : a instanceof Analysis.Dc ? "dc" : "tran";
      Analysis.Outcome o;
      try (ProgressBar bar = a instanceof Analysis.Tran ? new ProgressBar("tran", 1000) : ProgressBar.quiet("op", 1)) {
        long[] done = {0};
        o = Simulation.run(c.circuit(), a, saves, (t, stop) -> {
          long now = (long) (1000 * t / stop);
          if (now > done[0]) {
            bar.stepBy(now - done[0]);
            done[0] = now;
          }
        }, every, atTstep);
      }
      for (String w : o.warnings()) {
        System.err.println("warning: " + w);
      }
      Path csv = output.file(base + "." + kind + ".csv");
      CsvWriter.write(csv, o.trace());
      java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
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
        Path png = output.file(base + "." + kind + "." + output.plotExt());
        Trace tr = o.trace();
        Plotter.lines(png, c.circuit().title() + " (" + kind + ")", axisLabel(tr), "value", tr, tr.names());
        r.put("plot", png.toString());
      }
      runs.add(r);
    }
    summary.put("analyses", runs);
    summary.print(System.out, output.json());
    return 0;
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
