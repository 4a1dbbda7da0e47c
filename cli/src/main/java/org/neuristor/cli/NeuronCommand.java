package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.SpikeFeatures;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.io.CsvWriter;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor neuron list|show|run}: the library of memristive neuron circuits. */
@Command(name = "neuron", mixinStandardHelpOptions = true,
    description = "The library of memristive neuron circuits: list, show the netlist, run with a stimulus.",
    subcommands = {NeuronCommand.ListCircuits.class, NeuronCommand.Show.class, NeuronCommand.Run.class,
        NeuronCommand.Fv.class, NeuronCommand.Compare.class},
    footer = {"", "Example:", "  ./neuristor neuron list", "  ./neuristor neuron run lif --stim dc:amp=3"})
public final class NeuronCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per library circuit.",
      footer = {"", "Example:", "  ./neuristor neuron list"})
  static final class ListCircuits implements Runnable {
    @Override
    public void run() {
      for (NeuronCircuit c : NeuronLibrary.all()) {
        System.out.printf(Locale.ROOT, "%-9s %s%n", c.name(), c.title());
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a circuit's netlist (runs in ngspice).",
      footer = {"", "Example:", "  ./neuristor neuron show pickett > pickett.cir"})
  static final class Show implements Runnable {
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      System.out.print(NeuronLibrary.get(name).netlist());
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = {"Put a device neuron's f-V curve next to the biological LIF reference's f-I curve, each",
          "normalized (input / rheobase, rate / rate at 3x rheobase) so the time scales (us vs ms) compare;",
          "one table and one figure."},
      footer = {"", "Example:", "  ./neuristor neuron compare lif --points 12"})
  static final class Compare implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--points", defaultValue = "12", description = "inputs per curve (default 12)") int points;

    @Option(names = "--max-input", defaultValue = "4", description = "largest device input (V, default 4)")
    String maxInput;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (points < 3) {
        throw NeuristorException.input("--points must be >= 3");
      }
      NeuronCircuit c = NeuronLibrary.get(name);
      double hi = CliArgs.number(maxInput, "--max-input");
      double[] v = new double[points];
      for (int k = 0; k < points; k++) {
        v[k] = hi * (k + 1) / points;
      }
      org.neuristor.library.Protocols.FvCurve dev = org.neuristor.library.Protocols.fv(c, v, Map.of());
      if (Double.isNaN(dev.rheobase())) {
        throw NeuristorException.input(c.name() + " does not fire up to " + hi + " V; raise --max-input");
      }
      org.neuristor.neuron.NeuronModel lif = org.neuristor.neuron.NeuronModel.of(org.neuristor.neuron.ModelKind.LIF);
      double lifRheo = org.neuristor.neuron.LifTheory.rheobaseNa(lif);
      double devRef = rateAt(dev, 3 * dev.rheobase());
      double lifRef = org.neuristor.neuron.LifTheory.rateHz(lif, 3 * lifRheo);
      List<List<Object>> rows = new ArrayList<>();
      double[] x = new double[points];
      double[] yd = new double[points];
      double[] yl = new double[points];
      for (int k = 0; k < points; k++) {
        double rel = v[k] / dev.rheobase();
        x[k] = rel;
        yd[k] = dev.points().get(k).rateHz() / devRef;
        yl[k] = org.neuristor.neuron.LifTheory.rateHz(lif, rel * lifRheo) / lifRef;
        rows.add(List.of(rel, dev.points().get(k).rateHz(), org.neuristor.neuron.LifTheory.rateHz(lif, rel * lifRheo),
            yd[k], yl[k]));
      }
      Path csv = output.file(c.name() + ".compare.csv");
      CsvWriter.writeTable(csv, List.of("input_over_rheobase", "device_rate_hz", "lif_rate_hz", "device_norm",
          "lif_norm"), rows);
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("device_rheobase_V", dev.rheobase());
      s.put("lif_rheobase_nA", lifRheo);
      s.put("time_scale", lifRef / devRef);
      s.put("input_over_rheobase", x);
      s.put("device_rate_norm", yd);
      s.put("lif_rate_norm", yl);
      s.put("csv", csv.toString());
      if (output.plot()) {
        Path png = output.file(c.name() + ".compare." + output.plotExt());
        Plotter.xy(png, c.name() + " vs biological LIF (normalized)", "input / rheobase",
            "rate / rate at 3x rheobase", List.of(new Plotter.Series(c.name(), x, yd, true),
                new Plotter.Series("LIF (tau 10 ms)", x, yl, true)), false, false);
        s.put("plot", png.toString());
      }
      s.print(System.out, output.json());
      return 0;
    }

    private static double rateAt(org.neuristor.library.Protocols.FvCurve f, double input) {
      List<org.neuristor.library.Protocols.RatePoint> p = f.points();
      for (int k = 1; k < p.size(); k++) {
        if (p.get(k).input() >= input) {
          org.neuristor.library.Protocols.RatePoint a = p.get(k - 1);
          org.neuristor.library.Protocols.RatePoint b = p.get(k);
          return a.rateHz() + (b.rateHz() - a.rateHz()) * (input - a.input()) / (b.input() - a.input());
        }
      }
      return p.get(p.size() - 1).rateHz();
    }
  }

  @Command(name = "fi", mixinStandardHelpOptions = true,
      description = {"f-V curve: firing rate against a constant input voltage (the circuit's vin), with the",
          "rheobase; runs the inputs in parallel, writes CSV and a plot."},
      footer = {"", "Example:", "  ./neuristor neuron fi lif --from 1 --to 4 --points 50"})
  static final class Fv implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--from", defaultValue = "0", description = "lowest input (V)") String from;

    @Option(names = "--to", required = true, description = "highest input (V)") String to;

    @Option(names = "--points", defaultValue = "20", description = "number of inputs") int points;

    @Option(names = "--param", paramLabel = "k=v", split = ",", description = "circuit parameters")
    List<String> params = new ArrayList<>();

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (points < 2) {
        throw NeuristorException.input("--points must be >= 2");
      }
      NeuronCircuit c = NeuronLibrary.get(name);
      Map<String, String> p = new LinkedHashMap<>();
      for (String kv : params) {
        String[] a = kv.split("=", 2);
        if (a.length != 2) {
          throw NeuristorException.input("--param expects name=value, got '" + kv + "'");
        }
        p.put(a[0].trim().toLowerCase(Locale.ROOT), a[1].trim());
      }
      double lo = CliArgs.number(from, "--from");
      double hi = CliArgs.number(to, "--to");
      double[] v = new double[points];
      for (int k = 0; k < points; k++) {
        v[k] = lo + (hi - lo) * k / (points - 1);
      }
      long t0 = System.nanoTime();
      org.neuristor.library.Protocols.FvCurve f = org.neuristor.library.Protocols.fv(c, v, p);
      double wall = (System.nanoTime() - t0) / 1e9;
      double[] rate = f.points().stream().mapToDouble(org.neuristor.library.Protocols.RatePoint::rateHz).toArray();
      List<List<Object>> rows = new ArrayList<>();
      for (int k = 0; k < points; k++) {
        rows.add(List.of(v[k], rate[k], f.points().get(k).spikes()));
      }
      Path csv = output.file(c.name() + ".fi.csv");
      CsvWriter.writeTable(csv, List.of("input_V", "rate_hz", "spikes"), rows);
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("rheobase_V", f.rheobase());
      s.put("input_V", v);
      s.put("rate_hz", rate);
      s.put("csv", csv.toString());
      s.put("wall_s", wall);
      if (output.plot()) {
        Path png = output.file(c.name() + ".fi." + output.plotExt());
        Plotter.xy(png, "f-V curve of " + c.name(), "input (V)", "rate (Hz)",
            List.of(new Plotter.Series("rate", v, rate, true)), false, false);
        s.put("plot", png.toString());
      }
      s.print(System.out, output.json());
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a library circuit with a stimulus on its input source; writes CSV, a plot of input,",
          "membrane and output, and prints spike features (times, rate, amplitude, width, energy per spike)."},
      footer = {"", "Stimuli (amplitudes in V, times in s, SPICE suffixes allowed):",
          "  dc:amp=2                     constant input",
          "  pulse:amp=0.3,width=100n,delay=10n[,period=1u]   one pulse, or a train with a period",
          "  pwl:0,0,1u,2,5u,2            piecewise linear time,value pairs",
          "  poisson:rate=1meg,amp=0.3,width=50n,seed=1       Poisson spike train of pulses",
          "", "Example:", "  ./neuristor neuron run lif --stim dc:amp=3 --param tstop=50u",
          "  ./neuristor neuron run pickett --stim pulse:amp=0.3,width=100n,delay=10n --json"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--param", paramLabel = "k=v", split = ",", description = "circuit parameters (see 'show')")
    List<String> params = new ArrayList<>();

    @Option(names = "--stim", description = "input stimulus (default: the circuit's own)")
    String stim;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronCircuit c = NeuronLibrary.get(name);
      Map<String, String> p = new LinkedHashMap<>();
      for (String kv : params) {
        String[] a = kv.split("=", 2);
        if (a.length != 2) {
          throw NeuristorException.input("--param expects name=value, got '" + kv + "'");
        }
        p.put(a[0].trim().toLowerCase(Locale.ROOT), a[1].trim());
      }
      double tstop = CliArgs.number(p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u")), "tstop");
      String source = stim == null ? null : stimulus(stim, tstop);
      CircuitCompiler.Compiled cc = CircuitCompiler.compile(c.netlist(p, source), c.name() + ".cir");
      List<String> saves = new ArrayList<>(cc.saves());
      saves.add("e(sources)");
      Analysis.Outcome o = Simulation.run(cc.circuit(), cc.analyses().get(0), saves, null);
      Trace t = o.trace();
      SpikeFeatures f = c.features(t);
      Path csv = output.file(c.name() + ".csv");
      CsvWriter.write(csv, t);
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("csv", csv.toString());
      s.put("spikes", f.spikeTimes().length);
      s.put("spike_times_s", f.spikeTimes());
      s.put("rate_hz", f.rateHz());
      s.put("amplitude_V", f.amplitudeVolts());
      s.put("width_s", f.widthSeconds());
      s.put("latency_s", f.latencySeconds());
      double[] sp = f.spikeTimes();
      if (sp.length >= 3) {
        // supply energy per spike over whole periods after the first spike (physics.md 4.0)
        double e = t.at("e(sources)", sp[sp.length - 1]) - t.at("e(sources)", sp[0]);
        s.put("energy_per_spike_J", e / (sp.length - 1));
      } else if (sp.length > 0) {
        s.put("energy_per_spike_J", t.get("e(sources)")[t.size() - 1] / sp.length);
      }
      s.put("steps", o.accepted());
      s.put("wall_s", o.wallSeconds());
      if (output.plot()) {
        Path png = output.file(c.name() + "." + output.plotExt());
        List<List<String>> panels = List.of(List.of("v(in)"), List.of(c.membrane()), List.of(c.output()));
        Plotter.stacked(png, c.title(), t, panels, List.of("input (V)", "membrane (V)", "output (V)"));
        s.put("plot", png.toString());
      }
      s.print(System.out, output.json());
      return 0;
    }

    static String stimulus(String spec, double tstop) {
      int colon = spec.indexOf(':');
      String kind = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
      String rest = colon < 0 ? "" : spec.substring(colon + 1);
      if (kind.equals("pwl")) {
        return "pwl(" + rest.replace(',', ' ') + ")";
      }
      Map<String, Double> kv = new LinkedHashMap<>();
      for (String part : rest.isEmpty() ? new String[0] : rest.split(",")) {
        String[] a = part.split("=", 2);
        if (a.length != 2) {
          throw NeuristorException.input("--stim: expected key=value, got '" + part + "'");
        }
        kv.put(a[0].trim().toLowerCase(Locale.ROOT), CliArgs.number(a[1], "--stim " + a[0]));
      }
      double amp = kv.getOrDefault("amp", Double.NaN);
      if (Double.isNaN(amp)) {
        throw NeuristorException.input("--stim " + kind + " needs amp=<volts>");
      }
      switch (kind) {
        case "dc":
          return Double.toString(amp);
        case "pulse": {
          double width = kv.getOrDefault("width", 100e-9);
          double delay = kv.getOrDefault("delay", 0.0);
          double period = kv.getOrDefault("period", 0.0);
          double edge = Math.min(width / 100, 1e-9);
          return period > 0 ? String.format(Locale.ROOT, "pulse(0 %s %s %s %s %s %s)", amp, delay, edge, edge, width,
              period) : String.format(Locale.ROOT, "pulse(0 %s %s %s %s %s %s 1)", amp, delay, edge, edge, width,
              2 * tstop);
        }
        case "poisson": {
          double rate = kv.getOrDefault("rate", Double.NaN);
          if (!(rate > 0)) {
            throw NeuristorException.input("--stim poisson needs rate=<Hz> > 0");
          }
          double width = kv.getOrDefault("width", 50e-9);
          SplittableRandom r = new SplittableRandom(kv.getOrDefault("seed", 1.0).longValue());
          double edge = Math.min(width / 100, 1e-9);
          StringBuilder sb = new StringBuilder("pwl(0 0");
          double t = 0;
          int n = 0;
          while (true) {
            t += -Math.log(1 - r.nextDouble()) / rate;
            if (t + width + 2 * edge > tstop || n > 100_000) {
              break;
            }
            sb.append(String.format(Locale.ROOT, " %s 0 %s %s %s %s %s 0", t, t + edge, amp, t + edge + width, amp,
                t + 2 * edge + width));
            t += width + 2 * edge;
            n++;
          }
          return sb.append(')').toString();
        }
        default:
          throw NeuristorException.input("--stim: unknown kind '" + kind + "' (dc, pulse, pwl, poisson)");
      }
    }
  }
}
