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
      "Writes one CSV per analysis, with columns named as ngspice names them (time, v(out), i(v1)), and unless "
          + "--no-plot a plot of the saved signals, one panel per quantity (voltages, currents, device states). "
          + "Prints steps, Newton iterations and wall time. Files are written only when every analysis succeeded."
    },
    footer = {"", "Examples:", "  ./neuristor run examples/relaxation.cir --out out/relax",
        "  ./neuristor run examples/1ts1c.cir --save 'v(m),v(o)' --json",
        "  ./neuristor run examples/hysteresis.cir --updown"})
@JsonKeys({"netlist", "unknowns", "analyses"})
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
    CircuitCompiler.Compiled c = CircuitCompiler.compile(netlist);
    for (String w : c.warnings()) {
      output.warn(w);
    }
    if (c.analyses().isEmpty()) {
      throw NeuristorException.input(netlist + ": no analysis (.op, .dc or .tran) in the netlist");
    }
    if (every < 1) {
      throw NeuristorException.input("--every must be >= 1, got " + every);
    }
    output.outDir();
    List<String> saves = !save.isEmpty() ? save : c.saves();
    String base = baseName(netlist);
    // run every analysis first: a failing .tran after a good .op leaves no files behind
    List<Analysis> analyses = new ArrayList<>();
    List<Analysis.Outcome> outcomes = new ArrayList<>();
    for (Analysis a : c.analyses()) {
      if (upDown && a instanceof Analysis.Dc dc) {
        a = new Analysis.Dc(dc.source(), dc.start(), dc.stop(), dc.step(), true);
      }
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
        output.warn(w);
      }
      analyses.add(a);
      outcomes.add(o);
    }
    Summary summary = new Summary();
    summary.put("netlist", netlist.toString());
    summary.put("unknowns", c.unknowns());
    List<Object> runs = new ArrayList<>();
    for (int k = 0; k < analyses.size(); k++) {
      Analysis a = analyses.get(k);
      Analysis.Outcome o = outcomes.get(k);
      String kind = a instanceof Analysis.Op ? "op" : a instanceof Analysis.Dc ? "dc" : "tran";
      Path csv = output.file(base + "." + kind + ".csv");
      CsvWriter.write(csv, o.trace());
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
        Path png = output.file(base + "." + kind + "." + output.plotExt());
        Trace tr = o.trace();
        String title = c.circuit().title() + " (" + kind + ")";
        if (a instanceof Analysis.Dc dc && dc.upDown()) {
          Plotter.upDown(png, title, tr.axisName() + " (" + unitOfSource(dc.source()) + ")", tr, tr.names());
        } else {
          Plotter.signals(png, title, tr, tr.names());
        }
        r.put("plot", png.toString());
      }
      runs.add(r);
    }
    summary.put("analyses", runs);
    output.print(summary);
    return 0;
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
