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
    subcommands = {NeuronCommand.ListCircuits.class, NeuronCommand.Show.class, NeuronCommand.Run.class},
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
      double tstop = IvCommand.number(p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u")), "tstop");
      String source = stim == null ? null : stimulus(stim, tstop);
      CircuitCompiler.Compiled cc = CircuitCompiler.compile(c.netlist(p, source), c.name() + ".cir");
      List<String> saves = new ArrayList<>(cc.saves());
      saves.add("e(sources)");
      Analysis.Outcome o = Simulation.run(cc.circuit(), cc.analyses().get(0), saves, null);
      Trace t = o.trace();
      SpikeFeatures f = SpikeFeatures.of(t, c.spikeState(), c.output());
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
        kv.put(a[0].trim().toLowerCase(Locale.ROOT), IvCommand.number(a[1], "--stim " + a[0]));
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
