package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.crossbar.ArrayGeometry;
import org.neuristor.crossbar.CrossbarNetlist;
import org.neuristor.crossbar.IrDropStudy;
import org.neuristor.crossbar.Selector;
import org.neuristor.crossbar.SneakPath;
import org.neuristor.io.AtomicFiles;
import org.neuristor.io.CsvWriter;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuristor network crossbar}: crossbar reads as circuits (IR drop, sneak paths, selectors). */
@Command(name = "crossbar", mixinStandardHelpOptions = true,
    description = {"Read crossbar arrays as resistive circuits: wire resistance (IR drop), driver and sense "
        + "resistance, selectors (none, 1t1r, threshold switches).",
        "'ir' compares the fast reads with the exact one against wire resistance, 'sneak' gives the sneak-path read "
            + "error against array size, 'netlist' writes a read as a netlist for './neuristor run'."},
    subcommands = {CrossbarCommand.Ir.class, CrossbarCommand.Sneak.class, CrossbarCommand.Netlist.class},
    footer = {"", "Examples:", "  ./neuristor network crossbar ir", "  ./neuristor network crossbar sneak",
        "  ./neuristor network crossbar netlist --file x16.cir"})
@JsonKeys({"commands"})
final class CrossbarCommand implements Runnable {
  @Mixin JsonOption json;

  @Override
  public void run() {
    json.usageOrCommands();
  }

  /** NeuroSim Ag:a-Si conductance range (physics.md 3.8c). */
  static final double G_MIN = 3.0769e-9;
  static final double G_MAX = 3.8462e-8;

  @Command(name = "ir", mixinStandardHelpOptions = true,
      description = {"Compare the exact IR-drop read with the first-order read and the ideal product.",
          "For each wire resistance: exact read (Schur-complement CG with line solves) against the first-order read "
              + "and the ideal product; conductances uniform in the NeuroSim Ag:a-Si range, digit-like inputs (20 %% "
              + "of the rows at the read voltage). Writes crossbar_ir.csv and a plot."},
      footer = {"", "Example:", "  ./neuristor network crossbar ir --rows 784 --cols 600 --wire-r 0.1,1,10,100"})
  @JsonKeys({"array", "conductance_S", "rows", "csv", "plot"})
  static final class Ir implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", defaultValue = "784", description = "Rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", paramLabel = "N", defaultValue = "600",
        description = "Columns (default: ${DEFAULT-VALUE}, 300 differential pairs).")
    int cols;

    @Option(names = "--wire-r", paramLabel = "OHMS,...", defaultValue = "0.1,0.3,1,3,10,30,100,300,1000",
        description = "Wire resistances per cell segment (default: ${DEFAULT-VALUE}).")
    String wire;

    @Option(names = "--driver-r", paramLabel = "OHMS", defaultValue = "0",
        description = "Row driver resistance (default: ${DEFAULT-VALUE}).")
    String driver;

    @Option(names = "--sense-r", paramLabel = "OHMS", defaultValue = "0",
        description = "Sense amplifier resistance (default: ${DEFAULT-VALUE}).")
    String sense;

    @Option(names = "--read-v", paramLabel = "VOLTS", defaultValue = "0.5",
        description = "Read voltage (default: ${DEFAULT-VALUE}).")
    String readV;

    @Option(names = "--reads", paramLabel = "N", defaultValue = "30",
        description = "Random inputs per wire resistance (default: ${DEFAULT-VALUE}).")
    int reads;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
        description = "Seed of conductances and inputs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      double[] wires = CliArgs.numbers(wire, "--wire-r", "Ohm");
      for (double w : wires) {
        if (!(w > 0)) {
          throw NeuristorException.input("--wire-r values must be > 0, got " + w);
        }
      }
      if (rows < 1 || cols < 1 || reads < 1) {
        throw NeuristorException.input("--rows, --cols and --reads must be >= 1");
      }
      double driverOhm = CliArgs.nonNegative(driver, "--driver-r", "Ohm");
      double senseOhm = CliArgs.nonNegative(sense, "--sense-r", "Ohm");
      double readVolts = CliArgs.positive(readV, "--read-v", "V");
      double[] wire = wires;
      List<IrDropStudy.Row> res;
      try (ProgressBar bar = output.progress("crossbar ir", wire.length)) {
        res = IrDropStudy.run(rows, cols, G_MIN, G_MAX, readVolts, driverOhm, senseOhm, wire, reads, 10, seed,
            bar::step);
      }
      List<List<?>> table = new ArrayList<>();
      List<Object> json = new ArrayList<>();
      double[] fo = new double[res.size()];
      double[] id = new double[res.size()];
      for (int k = 0; k < res.size(); k++) {
        IrDropStudy.Row r = res.get(k);
        table.add(List.of(r.wireOhm(), r.iterations(), r.cpuMillis(), r.firstOrderMaxError(), r.firstOrderRmsError(),
            r.idealMaxError(), r.idealRmsError()));
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("wire_ohm", r.wireOhm());
        m.put("iterations", r.iterations());
        m.put("cpu_ms", r.cpuMillis());
        m.put("first_order_max_error", r.firstOrderMaxError());
        m.put("first_order_rms_error", r.firstOrderRmsError());
        m.put("ideal_max_error", r.idealMaxError());
        m.put("ideal_rms_error", r.idealRmsError());
        json.add(m);
        fo[k] = r.firstOrderMaxError();
        id[k] = r.idealMaxError();
      }
      Path csv = CsvWriter.writeTable(output.file("crossbar_ir.csv"), List.of("wire_ohm", "iterations", "cpu_ms",
          "first_order_max_error", "first_order_rms_error", "ideal_max_error", "ideal_rms_error"), table);
      Summary s = new Summary();
      s.put("array", rows + " x " + cols);
      s.put("conductance_S", List.of(G_MIN, G_MAX));
      s.put("rows", json);
      s.put("csv", csv.toString());
      if (output.plot()) {
        s.put("plot", Plotter.xy(output.plotFile("crossbar_ir"),
            "Read error vs wire resistance (" + rows + " x " + cols + ", NeuroSim conductances)",
            "wire resistance per segment (Ohm)", "max relative column-current error",
            List.of(new Plotter.Series("first-order read (1 pass)", wire, fo, true),
                new Plotter.Series("ideal product (no wires)", wire, id, true)), true, true).toString());
      }
      output.print(s);
      return 0;
    }
  }

  @Command(name = "sneak", mixinStandardHelpOptions = true,
      description = {"Compute the sneak-path read error of one cell against array size n (n x n).",
          "The selected cell (far corner) is in its high-resistance state, all others low-resistance; error = "
              + "|I_column - I_cell| / I_cell with I_cell the cell alone. 1R and 1T1R arrays are solved by the line "
              + "solver, threshold-switch selectors by the circuit engine (a transient from the selected selector "
              + "switched on, the others off; no value where it cannot hold, docs/crossbar.md). Writes "
              + "crossbar_sneak.csv and a plot."},
      footer = {"", "Example:", "  ./neuristor network crossbar sneak --sizes 2,4,8,16,32,64 --scheme third"})
  @JsonKeys({"scheme", "lrs_ohm", "hrs_ohm", "wire_ohm", "points", "csv", "plot"})
  static final class Sneak implements Callable<Integer> {
    @Option(names = "--sizes", paramLabel = "N,...", split = ",", defaultValue = "2,4,8,16,32,64",
        description = "Array sizes n (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--selector", paramLabel = "NAME,...", split = ",",
        defaultValue = "none,1t1r,ots,ots:gese:ron=10k:roff=1g:i0=100p",
        description = "Selectors: none, 1t1r[:OHMS], ots (ots/gese preset) or TYPE:PRESET[:NAME=VALUE...] with "
            + "parameter values replacing the preset's (default: ${DEFAULT-VALUE}).")
    List<String> selectors;

    @Option(names = "--scheme", paramLabel = "NAME", defaultValue = "floating",
        description = "Unselected lines: floating, half (V/2) or third (V/3) (default: ${DEFAULT-VALUE}).")
    String scheme;

    @Option(names = "--lrs", paramLabel = "OHMS", defaultValue = "10k",
        description = "Low-resistance state (default: ${DEFAULT-VALUE}).")
    String lrs;

    @Option(names = "--hrs", paramLabel = "OHMS", defaultValue = "100k",
        description = "High-resistance state (default: ${DEFAULT-VALUE}).")
    String hrs;

    @Option(names = "--read-v", paramLabel = "VOLTS", defaultValue = "0.5",
        description = "Read voltage of 1R and 1T1R arrays (default: ${DEFAULT-VALUE}).")
    String readV;

    @Option(names = "--read-v-switch", paramLabel = "VOLTS", defaultValue = "3",
        description = "Read voltage with threshold-switch selectors, above the selector threshold (default: "
            + "${DEFAULT-VALUE}).")
    String readVSwitch;

    @Option(names = "--wire-r", paramLabel = "OHMS", defaultValue = "1",
        description = "Wire resistance per segment (default: ${DEFAULT-VALUE}).")
    String wireR;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      double[] states = CliArgs.resistanceStates(lrs, hrs);
      double rl = states[0];
      double rh = states[1];
      double readVolts = CliArgs.positive(readV, "--read-v", "V");
      double switchVolts = CliArgs.positive(readVSwitch, "--read-v-switch", "V");
      double wire = CliArgs.nonNegative(wireR, "--wire-r", "Ohm");
      SneakPath.Scheme sch = SneakPath.Scheme.parse(scheme);
      List<Selector> sels = new ArrayList<>();
      for (String s : selectors) {
        sels.add(Selector.parse(s));
      }
      for (int n : sizes) {
        if (n < 1 || n > 4096) {
          throw NeuristorException.input("--sizes must be 1..4096, got " + n);
        }
      }
      List<List<?>> table = new ArrayList<>();
      List<Plotter.Series> series = new ArrayList<>();
      List<Object> json = new ArrayList<>();
      try (ProgressBar bar = output.progress("sneak paths", (long) sizes.size() * sels.size())) {
        for (Selector sel : sels) {
          double v = sel.nonlinear() ? switchVolts : readVolts;
          SneakPath.Config c = new SneakPath.Config(rl, rh, v, wire, 0, 0, sch);
          double[] xs = new double[sizes.size()];
          double[] ys = new double[sizes.size()];
          for (int k = 0; k < sizes.size(); k++) {
            int n = sizes.get(k);
            SneakPath.Point p = SneakPath.read(n, sel, c);
            xs[k] = n;
            ys[k] = p.relativeError();
            table.add(java.util.Arrays.asList(sel.label(), n, v, p.columnAmps(), p.cellAmps(),
                CliArgs.orNull(p.relativeError()), p.reason() == null ? "" : p.reason()));
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("selector", sel.label());
            m.put("size", n);
            m.put("read_v", v);
            m.put("column_A", p.columnAmps());
            m.put("cell_A", p.cellAmps());
            m.put("relative_error", CliArgs.orNull(p.relativeError()));
            if (p.reason() != null) {
              m.put("relative_error_reason", p.reason());
              output.warn(sel.label() + ", n = " + n + ": no sneak-path error: " + p.reason());
            }
            json.add(m);
            bar.step();
          }
          series.add(new Plotter.Series(sel.label() + " (" + v + " V)", xs, ys, true));
        }
      }
      Path csv = CsvWriter.writeTable(output.file("crossbar_sneak.csv"),
          List.of("selector", "size", "read_v", "column_A", "cell_A", "relative_error", "reason"), table);
      Summary s = new Summary();
      s.put("scheme", sch.name().toLowerCase(java.util.Locale.ROOT));
      s.put("lrs_ohm", rl);
      s.put("hrs_ohm", rh);
      s.put("wire_ohm", wire);
      s.put("points", json);
      s.put("csv", csv.toString());
      if (output.plot()) {
        s.put("plot", Plotter.xy(output.plotFile("crossbar_sneak"),
            "Sneak-path read error (selected HRS, others LRS, " + s.asMap().get("scheme") + " lines)",
            "array size n (n x n)", "relative read error", series, true, true).toString());
      }
      output.print(s);
      return 0;
    }
  }

  @Command(name = "netlist", mixinStandardHelpOptions = true,
      description = {"Write a crossbar read as a netlist (.op) that './neuristor run' (and ngspice, for 1R/1T1R) "
          + "solves.",
          "Cells log-uniform between --lrs and --hrs, row voltages cycling 0.1..0.5 V, columns sensed at 0 V through "
              + "0 V sources vs<j> (i(vs<j>) is the column current). Prints the exact line-solver currents for "
              + "comparison (1R/1T1R; ideal wires: the ideal product; a threshold-switch selector: none, with the "
              + "reason)."},
      footer = {"", "Example (then: ./neuristor run x16.cir):",
          "  ./neuristor network crossbar netlist --rows 16 --cols 16 --file x16.cir"})
  @JsonKeys({"netlist", "run", "column_currents_A", "column_currents_A_reason"})
  static final class Netlist implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", defaultValue = "16", description = "Rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", paramLabel = "N", defaultValue = "16",
        description = "Columns (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--wire-r", paramLabel = "OHMS", defaultValue = "2.5",
        description = "Wire resistance per segment (default: ${DEFAULT-VALUE}).")
    String wire;

    @Option(names = "--driver-r", paramLabel = "OHMS", defaultValue = "50",
        description = "Row driver resistance (default: ${DEFAULT-VALUE}).")
    String driver;

    @Option(names = "--sense-r", paramLabel = "OHMS", defaultValue = "20",
        description = "Sense resistance (default: ${DEFAULT-VALUE}).")
    String sense;

    @Option(names = "--lrs", paramLabel = "OHMS", defaultValue = "10k",
        description = "Lowest cell resistance (default: ${DEFAULT-VALUE}).")
    String lrs;

    @Option(names = "--hrs", paramLabel = "OHMS", defaultValue = "100k",
        description = "Highest cell resistance (default: ${DEFAULT-VALUE}).")
    String hrs;

    @Option(names = "--selector", paramLabel = "NAME", defaultValue = "none",
        description = "None, 1t1r[:OHMS], ots or TYPE:PRESET[:NAME=VALUE...] (default: ${DEFAULT-VALUE}).")
    String selector;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "15",
        description = "Seed of the cell resistances (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--file", paramLabel = "PATH", required = true, description = "Netlist file to write.")
    Path file;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (rows < 1 || cols < 1) {
        throw NeuristorException.input("--rows and --cols must be >= 1");
      }
      double wireOhm = CliArgs.nonNegative(wire, "--wire-r", "Ohm");
      ArrayGeometry geo = new ArrayGeometry(rows, cols, wireOhm, wireOhm, CliArgs.nonNegative(driver, "--driver-r",
          "Ohm"), CliArgs.nonNegative(sense, "--sense-r", "Ohm"));
      double[] states = CliArgs.resistanceStates(lrs, hrs);
      double rl = states[0];
      double rh = states[1];
      SplittableRandom r = new SplittableRandom(seed);
      double[] g = new double[rows * cols];
      for (int k = 0; k < g.length; k++) {
        g[k] = 1 / (rl * Math.pow(rh / rl, r.nextDouble()));
      }
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = 0.1 + 0.4 * (i % 5) / 4.0;
      }
      Selector sel = Selector.parse(selector);
      double[] u = new double[cols];
      String text = CrossbarNetlist.write(rows + "x" + cols + " crossbar read (" + sel.label() + ")", geo, g, sel, v, u);
      AtomicFiles.writeString(file, text);
      Summary s = new Summary();
      s.put("netlist", file.toString());
      s.put("run", "./neuristor run " + file);
      // the currents for comparison; until round 20 they were left out without a word for ideal wires (where the
      // ideal product is exact) and for threshold-switch selectors
      if (sel.nonlinear()) {
        s.put("column_currents_A", null);
        s.put("column_currents_A_reason", "the " + sel.label() + " selector is non-linear: only the circuit engine "
            + "solves this read (run the netlist)");
      } else {
        double[] gc = g.clone();
        if (sel instanceof Selector.Transistor tr) {
          for (int k = 0; k < gc.length; k++) {
            gc[k] = 1 / (1 / gc[k] + tr.onOhm());
          }
        }
        double[] out = new double[cols];
        if (geo.ideal()) {
          org.neuristor.crossbar.LinearRead.ideal(gc, rows, cols, v, u, out);
        } else {
          org.neuristor.crossbar.LinearRead lr = new org.neuristor.crossbar.LinearRead(geo).tolerance(1e-12);
          lr.conductances(gc);
          lr.read(v, u, out);
        }
        s.put("column_currents_A", out);
      }
      output.print(s);
      return 0;
    }
  }
}
