package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.FiringPatternClassifier;
import org.neuristor.analysis.SpikeFeatures;
import org.neuristor.analysis.Trace;
import org.neuristor.io.CsvWriter;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor neuron list|show|run}: the library of memristive neuron circuits. */
@Command(name = "neuron", mixinStandardHelpOptions = true,
    description = "The library of memristive neuron circuits: list, show the netlist, run with a stimulus.",
    subcommands = {NeuronCommand.ListCircuits.class, NeuronCommand.Show.class, NeuronCommand.Run.class,
        NeuronCommand.Fv.class, NeuronCommand.Compare.class, NeuronProtocolCommands.StrengthDurationCommand.class,
        NeuronProtocolCommands.AllOrNothingCommand.class, NeuronBehavioursCommand.class,
        NeuronEnergyCommand.class},
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
          "normalized (input / rheobase, rate / rate at 3x rheobase, or at the device's fastest input when it is silent",
          "there) so the time scales (us vs ms) compare; pickett is driven with a DC input, pickett2013 with",
          "a train of its 42 ns pulses every 800 ns;",
          "one table and one figure."},
      footer = {"", "Example:", "  ./neuristor neuron compare lif --points 12"})
  static final class Compare implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--points", defaultValue = "12", description = "inputs per curve (default 12)") int points;

    @Option(names = "--max-input", description = {"largest device input (V; default 4, or 0.5 for the neuristors,",
        "which are driven with a DC input here and stop firing (excitation block) above ~0.45 V)"})
    String maxInput;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (points < 3) {
        throw NeuristorException.input("--points must be >= 3");
      }
      NeuronCircuit c = NeuronLibrary.get(name);
      // the neuristors' own input is a single pulse: drive them with a DC input (tonic firing, physics.md 4.2)
      // (pickett2013, tuned for single 42 ns pulses, does not fire tonically: a 42 ns pulse every 800 ns drives it)
      boolean dcDrive = c.name().startsWith("pickett");
      String drive = !dcDrive ? null : c.name().equals("pickett2013") ? "pulse(0 {vin} 10n 1p 1p {width} 800n)" : "{vin}";
      double hi = maxInput != null ? CliArgs.number(maxInput, "--max-input") : dcDrive ? 0.5 : 4;
      double[] v = new double[points];
      for (int k = 0; k < points; k++) {
        v[k] = hi * (k + 1) / points;
      }
      org.neuristor.library.Protocols.FvCurve dev = org.neuristor.library.Protocols.fv(c, v,
          c.name().equals("pickett2013") ? Map.of("tstop", "8u") : Map.of(), drive);
      if (Double.isNaN(dev.rheobase())) {
        throw NeuristorException.input(c.name() + " does not fire up to " + hi + " V; raise --max-input");
      }
      org.neuristor.neuron.NeuronModel lif = org.neuristor.neuron.NeuronModel.of(org.neuristor.neuron.ModelKind.LIF);
      double lifRheo = org.neuristor.neuron.LifTheory.rheobaseNa(lif);
      // reference point: 3x rheobase (clamped to the curve), or, when the device is silent there (excitation
      // block, or a circuit that stops resetting), the input of its highest rate
      double refRel = Math.min(3, v[points - 1] / dev.rheobase());
      double devRef = rateAt(dev, refRel * dev.rheobase());
      if (!(devRef > 0)) {
        for (org.neuristor.library.Protocols.RatePoint rp : dev.points()) {
          if (rp.rateHz() > devRef || !(devRef > 0)) {
            devRef = rp.rateHz();
            refRel = rp.input() / dev.rheobase();
          }
        }
      }
      double lifRef = org.neuristor.neuron.LifTheory.rateHz(lif, (refRel > 1.05 ? refRel : 3) * lifRheo);
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
      s.put("reference_input_over_rheobase", refRel);
      s.put("time_scale", lifRef / devRef);
      s.put("input_over_rheobase", x);
      s.put("device_rate_norm", yd);
      s.put("lif_rate_norm", yl);
      s.put("csv", csv.toString());
      if (output.plot()) {
        Path png = output.file(c.name() + ".compare." + output.plotExt());
        Plotter.xy(png, c.name() + " vs biological LIF (normalized)", "input / rheobase",
            "rate / rate at the reference input", List.of(new Plotter.Series(c.name(), x, yd, true),
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
      Map<String, String> p = CliArgs.circuitParams(params);
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

    @Option(names = "--refractory", description = {"also measure the refractory period by the paired-pulse",
        "protocol (needs a single --stim pulse): smallest gap after the first pulse that gives a second spike",
        "of >= 90% amplitude (physics.md 4.0), by bisection"})
    boolean refractory;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronCircuit c = NeuronLibrary.get(name);
      if (refractory && (stim == null || !stim.toLowerCase(Locale.ROOT).startsWith("pulse:")
          || stim.toLowerCase(Locale.ROOT).contains("period="))) {
        throw NeuristorException.input("--refractory needs a single pulse stimulus, e.g. --stim pulse:amp=0.3,width=100n");
      }
      Map<String, String> p = CliArgs.circuitParams(params);
      double tstop = CliArgs.number(p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u")), "tstop");
      String source = stim == null ? null : org.neuristor.library.Protocols.stimulus(stim, tstop);
      org.neuristor.library.Protocols.Measured m = org.neuristor.library.Protocols.measure(c, p, source);
      Trace t = m.trace();
      SpikeFeatures f = m.features();
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
      FiringPatternClassifier.Result fp = FiringPatternClassifier.classify(t, "v(in)", c.membrane(), f.spikeTimes());
      s.put("firing_pattern", fp.pattern().label());
      s.put("firing_pattern_reason", fp.reason());
      if (f.spikeTimes().length > 0) {
        s.put("energy_per_spike_J", m.energyPerSpikeJoules());
      }
      if (refractory) {
        double ref = refractoryPeriod(c, p, stim, f.amplitudeVolts());
        if (!Double.isNaN(ref)) {
          s.put("refractory_s", ref);
        } else {
          s.put("refractory_s", "not measured (no full second spike up to a gap of 20 pulse widths)");
        }
      }
      s.put("steps", m.steps());
      s.put("wall_s", m.wallSeconds());
      if (output.plot()) {
        Path png = output.file(c.name() + "." + output.plotExt());
        List<List<String>> panels = List.of(List.of("v(in)"), List.of(c.membrane()), List.of(c.output()));
        Plotter.stacked(png, c.title(), t, panels, List.of("input (V)", "membrane (V)", "output (V)"));
        s.put("plot", png.toString());
      }
      s.print(System.out, output.json());
      return 0;
    }

    /**
     * Relative refractory period by the paired-pulse protocol: the smallest gap (from the end of the
     * first pulse to the start of the second) at which the second pulse gives a spike of at least 90%
     * of the single-pulse amplitude; bisection to 1% of the pulse width. NaN if even 20 widths fail.
     */
    static double refractoryPeriod(NeuronCircuit c, Map<String, String> p, String spec, double amplitude) {
      Map<String, Double> kv = pulseKeys(spec);
      double amp = kv.getOrDefault("amp", Double.NaN);
      double width = kv.getOrDefault("width", 100e-9);
      double tstop = CliArgs.number(p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u")), "tstop");
      java.util.function.DoublePredicate full = gap -> {
        Map<String, String> q = new LinkedHashMap<>(p);
        q.put("tstop", Double.toString(Math.max(tstop, 10e-9 + 2 * width + gap + 0.5 * tstop)));
        // the neuristor's refractoriness is its "Na" channel M1 staying on (physics.md 4.2); M2 fires on
        org.neuristor.library.Protocols.PairedPulse r = org.neuristor.library.Protocols.pairedPulse(c,
            c.name().startsWith("pickett") ? "nm1.x" : c.spikeState(), amp, width, new double[] {gap}, q).get(0);
        return r.spikes() >= 2 && r.secondAmplitude() >= 0.9 * Math.abs(amplitude);
      };
      double hi = 20 * width;
      if (!full.test(hi)) {
        return Double.NaN;
      }
      double lo = 0;
      if (full.test(lo)) {
        return 0;
      }
      while (hi - lo > 0.01 * width) {
        double mid = 0.5 * (lo + hi);
        if (full.test(mid)) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return hi;
    }

    private static Map<String, Double> pulseKeys(String spec) {
      Map<String, Double> kv = new LinkedHashMap<>();
      String rest = spec.substring(spec.indexOf(':') + 1);
      for (String part : rest.split(",")) {
        String[] a = part.split("=", 2);
        if (a.length == 2) {
          kv.put(a[0].trim().toLowerCase(Locale.ROOT), CliArgs.number(a[1], "--stim " + a[0]));
        }
      }
      return kv;
    }
  }
}
