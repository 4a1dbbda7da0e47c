package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.measure.FiCurve;
import org.neuristor.measure.FiringPatternClassifier;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;
import org.neuristor.io.CsvWriter;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;
import org.neuristor.neuron.LifTheory;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.plot.Plotter;
import org.neuristor.util.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor neuron list|show|run|fi|compare|sd|aon}: the library of memristive neuron circuits. */
@Command(name = "neuron", mixinStandardHelpOptions = true,
    description = "The library of memristive neuron circuits: list them, show a netlist, run one with a stimulus, "
        + "measure its f-V curve, strength-duration curve and all-or-nothing response, its 23 behaviours and its "
        + "energy per spike.",
    subcommands = {NeuronCommand.ListCircuits.class, NeuronCommand.Show.class, NeuronCommand.Run.class,
        NeuronCommand.Fv.class, NeuronCommand.Compare.class, NeuronProtocolCommands.StrengthDurationCommand.class,
        NeuronProtocolCommands.AllOrNothingCommand.class, NeuronBehavioursCommand.class,
        NeuronEnergyCommand.class},
    footer = {"", "Examples:", "  ./neuristor neuron list", "  ./neuristor neuron run lif --stim dc:amp=3"})
@JsonKeys({"commands"})
public final class NeuronCommand implements Runnable {
  @Mixin JsonOption json;

  @Override
  public void run() {
    json.usageOrCommands();
  }

  /** Options shared by the commands that run a library circuit: its parameters and the run length. */
  static final class CircuitOptions {
    @Option(names = "--param", paramLabel = "K=V", split = ",",
        description = "A circuit .param (see 'neuron show') or device parameter (vth, or tsw.vth for one model), "
            + "e.g. rin=20k or cm=1nF (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS",
        description = "Simulated time, e.g. 50u (the circuit's tstop; default: the circuit's own).")
    String duration;

    @Option(names = "--device", paramLabel = "FILE.model",
        description = "A .model card (e.g. written by fit) whose device replaces the circuit's device model of the same "
            + "type, with all its parameters (--param still overrides); the circuit's bias is not changed unless "
            + "--rescale-bias is given.")
    Path device;

    @Option(names = "--rescale-bias",
        description = "With --device: scale the circuit's DC bias sources (not the input vin) by V_th(new device) / "
            + "V_th(circuit's device), both from a quasi-static DC sweep of the device alone; refused where the "
            + "circuit has no bias source or a device does not switch.")
    boolean rescaleBias;

    /** What --rescale-bias did (factor, thresholds, scaled rails), or null. */
    Map<String, Object> rescaled;

    /**
     * The checked parameters, with {@code tstop} from {@code --duration} and the --device card's values; what
     * --rescale-bias did is printed on {@code err}.
     */
    Map<String, String> of(NeuronCircuit c, java.io.PrintWriter err) {
      Map<String, String> p = CliArgs.keyValues(params, "--param");
      if (device != null) {
        String text;
        try {
          text = java.nio.file.Files.readString(device, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
          throw NeuristorException.input("--device: cannot read " + device + ": " + NeuristorException.why(e));
        }
        Map<String, String> given = Map.copyOf(p);
        c.deviceOverrides(text, device.toString()).forEach((k, v) -> {
          if (!p.containsKey(k) && !p.containsKey(k.substring(k.indexOf('.') + 1))) {
            p.put(k, v);
          }
        });
        if (rescaleBias) {
          org.neuristor.library.BiasRescale.Result r = org.neuristor.library.BiasRescale.of(c, text, device.toString(), given);
          StringBuilder msg = new StringBuilder(String.format(Locale.ROOT,
              "--rescale-bias: V_th %.4g V (circuit's device) -> %.4g V (%s), bias x%.4g:", r.originalVth(),
              r.fittedVth(), device.getFileName(), r.factor()));
          r.params().forEach((k, v) -> {
            p.put(k, Double.toString(v));
            msg.append(String.format(Locale.ROOT, " %s=%.4g V", k, v));
          });
          err.println(msg);
          err.flush();
          rescaled = new LinkedHashMap<>();
          rescaled.put("factor", r.factor());
          rescaled.put("vth_circuit_device_V", r.originalVth());
          rescaled.put("vth_new_device_V", r.fittedVth());
          rescaled.put("params_V", r.params());
        }
      } else if (rescaleBias) {
        throw NeuristorException.input("--rescale-bias needs --device FILE.model (the device whose threshold sets the bias)");
      }
      if (duration != null) {
        if (p.containsKey("tstop")) {
          throw NeuristorException.input("give --duration or --param tstop, not both");
        }
        p.put("tstop", Double.toString(CliArgs.positive(duration, "--duration", "s")));
      }
      return Protocols.parameters(c, p);
    }

    /** The run length (s) with these parameters. */
    static double tstop(NeuronCircuit c, Map<String, String> p) {
      return CliArgs.positive(p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u")), "tstop",
          org.neuristor.expr.SpiceNumber.ANY_UNIT);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the library circuits, one line each.",
      footer = {"", "Example:", "  ./neuristor neuron list --json"})
  @JsonKeys({"circuits"})
  static final class ListCircuits implements Runnable {
    @Mixin JsonOption json;

    @Override
    public void run() {
      List<Object> rows = new ArrayList<>();
      for (NeuronCircuit c : NeuronLibrary.all()) {
        if (json.json()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", c.name());
          m.put("title", c.title());
          m.put("parameters", c.parameters());
          rows.add(m);
        } else {
          json.out().printf(Locale.ROOT, "%-12s %s%n", c.name(), c.title());
        }
      }
      if (json.json()) {
        json.print(new Summary().put("circuits", rows));
      }
      json.out().flush();
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Print a circuit's netlist.",
          "Neuristor's own form (default) uses N lines for compact device models, which ngspice does not know; "
              + "--format ngspice writes every such device as a B-source subcircuit (see 'device export') so that "
              + "ngspice runs the netlist unchanged (every library circuit; --param and --duration set its values)."},
      footer = {"", "Examples:", "  ./neuristor neuron show pickett > pickett.cir",
          "  ./neuristor neuron show lif --format ngspice > lif.cir && ngspice lif.cir",
          "  ./neuristor neuron show tuma --format ngspice --param sigr=0,sigg=0"})
  @JsonKeys({"circuit", "title", "parameters", "format", "netlist"})
  static final class Show implements Runnable {
    @Parameters(paramLabel = "NAME", description = "A library circuit (see 'neuron list').") String name;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "neuristor",
        description = "neuristor or ngspice (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin CircuitOptions circuit;

    @Mixin JsonOption json;

    @Override
    public void run() {
      NeuronCircuit c = NeuronLibrary.get(name);
      Map<String, String> p = circuit.of(c, json.err());
      String text = switch (format.toLowerCase(java.util.Locale.ROOT)) {
        case "neuristor" -> p.isEmpty() ? c.netlist() : c.netlist(p, null);
        case "ngspice" -> org.neuristor.library.NgspiceNetlist.of(c, p, null);
        default -> throw org.neuristor.NeuristorException.input("--format: neuristor or ngspice, got '" + format + "'");
      };
      if (json.json()) {
        json.print(new Summary().put("circuit", c.name()).put("title", c.title()).put("parameters", c.parameters())
            .put("format", format.toLowerCase(java.util.Locale.ROOT)).put("netlist", text));
        return;
      }
      json.out().print(text);
      json.out().flush();
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = {"Put a device neuron's f-V curve next to the biological LIF reference's f-I curve.",
          "Both are normalized so that their time scales (us against ms) compare: input / the first input of the "
              + "grid that fires (normalized_by_V; the rheobase found by bisection is device_rheobase_V), rate / rate "
              + "at 3 times that input, or at the device's fastest input when it is silent there. pickett, yi and yi-mixed are "
              + "driven with a DC input, pickett2013 with a train of its 42 ns pulses every 800 ns. The rheobase is "
              + "checked as in 'neuron fi': when the input the bisection tolerance below it fires repetitively in a run 4 "
              + "times as long, the run length set it, and device_rheobase_V is null with device_rheobase_reason. "
              + "Writes one table and one figure."},
      footer = {"", "Example:", "  ./neuristor neuron compare lif --points 12"})
  @JsonKeys({"circuit", "device_rheobase_V", "device_rheobase_reason", "normalized_by_V", "lif_rheobase_nA",
      "reference_input_over_rheobase",
      "time_scale", "input_over_rheobase", "device_rate_norm", "lif_rate_norm", "csv", "plot"})
  static final class Compare implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "A library circuit (see 'neuron list').") String name;

    @Option(names = "--points", paramLabel = "N", defaultValue = "12",
        description = "Inputs per curve (default: ${DEFAULT-VALUE}).") int points;

    @Option(names = "--max-input", paramLabel = "VOLTS",
        description = "Largest device input (default: 4 V, or 0.5 V for the neuristors, which are driven with a DC "
            + "input here and stop firing above about 0.45 V: excitation block).")
    String maxInput;

    @Mixin CircuitOptions circuit;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (points < 3) {
        throw NeuristorException.input("--points must be >= 3");
      }
      NeuronCircuit c = NeuronLibrary.get(name);
      Map<String, String> p = circuit.of(c, output.err());
      output.outDir();
      // the circuit's declared tonic drive (the neuristors: DC or a pulse train instead of their single pulse)
      NeuronCircuit.Drive drive = c.drive();
      double hi = maxInput != null ? CliArgs.positive(maxInput, "--max-input", "V") : drive.maxInputVolts();
      double[] v = new double[points];
      for (int k = 0; k < points; k++) {
        v[k] = hi * (k + 1) / points;
      }
      Protocols.FvCurve dev = Protocols.fv(c, v, p);
      if (Double.isNaN(dev.rheobase())) {
        throw NeuristorException.input(c.name() + " does not fire up to " + hi + " V; raise --max-input");
      }
      // the curves are normalized by the first input of the grid that fires (both curves on the same grid of
      // relative inputs); the rheobase itself is found by bisection, checked against the run length as 'neuron fi'
      // checks it, and reported separately
      double rheo = dev.rheobase();
      Protocols.Rheobase refined = dev.points().get(0).spikes() >= 2
          ? new Protocols.Rheobase(Double.NaN, "the lowest input of the grid already fires: the rheobase is at or "
              + "below " + Numbers.plain(v[0]) + " V (the grid starts at --max-input / --points); raise --points")
          : Protocols.rheobaseChecked(c, dev, p, FiCurve.defaultTolerance(rheo, hi), null);
      NeuronModel lif = NeuronModel.of(ModelKind.LIF);
      double lifRheo = LifTheory.rheobaseNa(lif);
      // reference point: 3x rheobase (clamped to the curve), or, when the device is silent there (excitation
      // block, or a circuit that stops resetting), the input of its highest rate
      double refRel = Math.min(3, v[points - 1] / rheo);
      double devRef = rateAt(dev, refRel * rheo);
      if (!(devRef > 0)) {
        for (Protocols.RatePoint rp : dev.points()) {
          if (rp.rateHz() > devRef || !(devRef > 0)) {
            devRef = rp.rateHz();
            refRel = rp.input() / rheo;
          }
        }
      }
      double lifRef = LifTheory.rateHz(lif, (refRel > 1.05 ? refRel : 3) * lifRheo);
      List<List<Object>> rows = new ArrayList<>();
      double[] x = new double[points];
      double[] yd = new double[points];
      double[] yl = new double[points];
      for (int k = 0; k < points; k++) {
        double rel = v[k] / rheo;
        x[k] = rel;
        yd[k] = dev.points().get(k).rateHz() / devRef;
        yl[k] = LifTheory.rateHz(lif, rel * lifRheo) / lifRef;
        rows.add(List.of(rel, dev.points().get(k).rateHz(), LifTheory.rateHz(lif, rel * lifRheo), yd[k], yl[k]));
      }
      Path csv = output.file(c.name() + ".compare.csv");
      CsvWriter.writeTable(csv, List.of("input_over_rheobase", "device_rate_hz", "lif_rate_hz", "device_norm",
          "lif_norm"), rows);
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("device_rheobase_V", Double.isNaN(refined.volts()) ? null : refined.volts());
      if (refined.reason() != null) {
        s.put("device_rheobase_reason", refined.reason());
      }
      s.put("normalized_by_V", rheo);
      s.put("lif_rheobase_nA", lifRheo);
      s.put("reference_input_over_rheobase", refRel);
      s.put("time_scale", lifRef / devRef);
      s.put("input_over_rheobase", x);
      s.put("device_rate_norm", yd);
      s.put("lif_rate_norm", yl);
      s.put("csv", csv.toString());
      if (output.plot()) {
        Path png = output.file(c.name() + ".compare." + output.plotExt());
        Plotter.xy(png, c.name() + " against the biological LIF (normalized)", "input / first firing input (1)",
            "rate / rate at the reference input (1)", List.of(new Plotter.Series(c.name() + " (f-V)", x, yd, true),
                new Plotter.Series("LIF, tau 10 ms (f-I)", x, yl, true)), false, false);
        s.put("plot", png.toString());
      }
      output.print(s);
      return 0;
    }

    private static double rateAt(Protocols.FvCurve f, double input) {
      List<Protocols.RatePoint> p = f.points();
      for (int k = 1; k < p.size(); k++) {
        if (p.get(k).input() >= input) {
          Protocols.RatePoint a = p.get(k - 1);
          Protocols.RatePoint b = p.get(k);
          return a.rateHz() + (b.rateHz() - a.rateHz()) * (input - a.input()) / (b.input() - a.input());
        }
      }
      return p.get(p.size() - 1).rateHz();
    }
  }

  @Command(name = "fi", mixinStandardHelpOptions = true,
      description = {"Measure the f-V curve: firing rate against the input voltage (the circuit's vin).",
          "The input is the circuit's f-V drive, as in 'neuron compare': a constant vin for lif, lif-ag, lif-ots, "
              + "pickett, yi and yi-mixed, a train of its 42 ns pulses every 800 ns for pickett2013, the circuit's own "
              + "source for the others (docs/parameters.md). Runs the inputs in parallel, then finds the rheobase (the "
              + "smallest input that fires repetitively) by bisection between the last silent and the first firing "
              + "input, to --tol. When the input --tol below it fires repetitively in a run 4 times as long, the run "
              + "length set it (a rate falling continuously to 0, or first spikes that come later near threshold): "
              + "the rheobase is null and rheobase_reason gives the bound. Writes CSV and a plot."},
      footer = {"", "Example:", "  ./neuristor neuron fi lif --from 1 --to 4 --points 50"})
  @JsonKeys({"circuit", "rheobase_V", "rheobase_reason", "input_V", "rate_hz", "csv", "wall_s", "plot"})
  static final class Fv implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "A library circuit (see 'neuron list').") String name;

    @Option(names = "--from", paramLabel = "VOLTS", defaultValue = "0",
        description = "Lowest input (default: ${DEFAULT-VALUE} V).") String from;

    @Option(names = "--to", paramLabel = "VOLTS", required = true, description = "Highest input.") String to;

    @Option(names = "--points", paramLabel = "N", defaultValue = "20",
        description = "Number of inputs (default: ${DEFAULT-VALUE}).") int points;

    @Option(names = "--tol", paramLabel = "VOLTS",
        description = "Rheobase bisection tolerance (default: 1/1000 of the first firing input, so the rheobase is "
            + "good to 0.05%% of itself).")
    String tol;

    @Mixin CircuitOptions circuit;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (points < 2) {
        throw NeuristorException.input("--points must be >= 2");
      }
      NeuronCircuit c = NeuronLibrary.get(name);
      Map<String, String> p = circuit.of(c, output.err());
      double lo = CliArgs.finite(from, "--from", "V");
      double hi = CliArgs.finite(to, "--to", "V");
      if (!(hi > lo)) {
        throw NeuristorException.input("--to must exceed --from, got " + lo + " and " + hi + " V");
      }
      double tolSet = tol == null ? Double.NaN : CliArgs.positive(tol, "--tol", "V");
      output.outDir();
      double[] v = new double[points];
      for (int k = 0; k < points; k++) {
        v[k] = lo + (hi - lo) * k / (points - 1);
      }
      long t0 = System.nanoTime();
      Protocols.FvCurve f = Protocols.fv(c, v, p);
      double tolerance = Double.isNaN(tolSet) ? FiCurve.defaultTolerance(f.rheobase(), hi - lo) : tolSet;
      Protocols.Rheobase rb = Protocols.rheobaseChecked(c, f, p, tolerance, null);
      double rheo = rb.volts();
      double wall = (System.nanoTime() - t0) / 1e9;
      double[] rate = f.points().stream().mapToDouble(Protocols.RatePoint::rateHz).toArray();
      List<List<Object>> rows = new ArrayList<>();
      for (int k = 0; k < points; k++) {
        rows.add(List.of(v[k], rate[k], f.points().get(k).spikes()));
      }
      Path csv = output.file(c.name() + ".fi.csv");
      CsvWriter.writeTable(csv, List.of("input_V", "rate_hz", "spikes"), rows);
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("rheobase_V", Double.isNaN(rheo) ? null : rheo);
      if (rb.reason() != null) {
        s.put("rheobase_reason", rb.reason());
      }
      s.put("input_V", v);
      s.put("rate_hz", rate);
      s.put("csv", csv.toString());
      s.put("wall_s", wall);
      if (output.plot()) {
        Path png = output.file(c.name() + ".fi." + output.plotExt());
        Plotter.xy(png, "f-V curve of " + c.name() + (Double.isNaN(rheo) ? "" : " (rheobase "
            + Summary.number(rheo) + " V)"), "input (V)", "rate (Hz)",
            List.of(new Plotter.Series("steady rate", v, rate, true)), false, false);
        s.put("plot", png.toString());
      }
      output.print(s);
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a library circuit with a stimulus on its input source.",
          "Writes CSV and a plot of input, membrane and output, and prints spike features: times, rate, "
              + "amplitude, width, energy per spike, firing pattern. Amplitude and width belong to spikes and are "
              + "null without one; response_V is the largest excursion of the output, spike or not; latency_s is the "
              + "first spike minus the input's onset (when vin first leaves its initial value; 0 for a constant "
              + "input)."},
      footer = {"", "Stimuli (amplitudes in V, times in s, SPICE suffixes or units allowed):",
          "  dc:amp=2",
          "  pulse:amp=0.3,width=100n[,t0=10n][,period=1u]",
          "  pwl:0,0,1u,2,5u,2                   (time,value pairs)",
          "  poisson:rate=1meg,amp=0.3,width=50n,seed=1",
          "The start of a pulse is t0 (delay= is accepted too), as in 'model run'.",
          "", "Examples:", "  ./neuristor neuron run lif --stim dc:amp=3 --duration 50u",
          "  ./neuristor neuron run pickett --stim pulse:amp=0.3,width=100n,t0=10n",
          "  ./neuristor neuron run pickett --stim pulse:amp=0.3,width=100n --refractory"})
  @JsonKeys({"circuit", "csv", "spikes", "spike_times_s", "rate_hz", "rate_reason", "amplitude_V", "width_s",
      "latency_s", "response_V", "firing_pattern", "firing_pattern_reason", "energy_per_spike_J", "refractory_s",
      "refractory_reason", "steps", "wall_s", "plot", "bias_rescale"})
  public static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "A library circuit (see 'neuron list').") String name;

    @Mixin CircuitOptions circuit;

    @Option(names = "--stim", paramLabel = "SPEC", description = "Input stimulus (default: the circuit's own).")
    String stim;

    @Option(names = "--refractory",
        description = "Also measure the refractory period by the paired-pulse protocol (a single --stim pulse that "
            + "fires one spike; without --stim the circuit's own paired-pulse pulse, see docs/parameters.md): the "
            + "smallest gap after the first pulse that gives a second spike of at least 90%% amplitude (physics.md "
            + "4.0), by bisection, up to 20 pulse widths; null with refractory_reason when the pulse does not fire, "
            + "fires several spikes or sets off firing that goes on without input.")
    boolean refractory;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronCircuit c = NeuronLibrary.get(name);
      Map<String, String> p = circuit.of(c, output.err());
      double tstop = CircuitOptions.tstop(c, p);
      String stim = this.stim == null && refractory ? c.refractoryPulse() : this.stim;
      String source = stim == null ? null : Protocols.stimulus(stim, tstop);
      Map<String, Double> pulse = refractory ? singlePulse(stim) : null;
      output.outDir();
      Protocols.Measured m = Protocols.measure(c, p, source);
      Trace t = m.trace();
      SpikeFeatures f = m.features();
      int n = f.spikeTimes().length;
      Path csv = output.file(c.name() + ".csv");
      CsvWriter.write(csv, t);
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("csv", csv.toString());
      s.put("spikes", n);
      s.put("spike_times_s", f.spikeTimes());
      if (circuit.rescaled != null) {
        s.put("bias_rescale", circuit.rescaled);
      }
      features(s::put, c, m, stim);
      if (refractory) {
        // the neuristor's refractoriness is its "Na" channel M1 staying on (physics.md 4.2); M2 fires on
        Protocols.Refractory ref = Protocols.refractoryPeriod(c, c.refractoryState(), p, pulse.get("amp"),
            pulse.get("width"), tstop, null);
        s.put("refractory_s", ref.seconds());
        if (ref.reason() != null) {
          s.put("refractory_reason", ref.reason());
        }
      }
      s.put("steps", m.steps());
      s.put("wall_s", m.wallSeconds());
      if (output.plot()) {
        Path png = output.file(c.name() + "." + output.plotExt());
        List<List<String>> panels = List.of(List.of("v(in)"), List.of(c.membrane()), List.of(c.output()));
        Plotter.stacked(png, c.title(), t, panels, List.of("input v(in) (V)", "membrane " + c.membrane() + " (V)",
            "output " + c.output() + " (V)"));
        s.put("plot", png.toString());
      }
      output.print(s);
      return 0;
    }

    /**
     * The spike features of a run as {@code neuron run --json} prints them (the studio's neuron page shows the same
     * keys): rate (null with {@code rate_reason} for one spike), amplitude and width (null without a spike), latency,
     * response, firing pattern and its reason, energy per spike (null without a spike).
     *
     * @param stim the stimulus spec, or null for the circuit's own
     */
    public static void features(java.util.function.BiConsumer<String, Object> put, NeuronCircuit c,
        Protocols.Measured m, String stim) {
      SpikeFeatures f = m.features();
      int n = f.spikeTimes().length;
      if (n == 1) {
        put.accept("rate_hz", null);
        put.accept("rate_reason", "one spike: no interval to measure a rate from");
      } else {
        put.accept("rate_hz", f.rateHz());
      }
      put.accept("amplitude_V", n > 0 ? f.amplitudeVolts() : null);
      put.accept("width_s", n > 0 ? f.widthSeconds() : null);
      put.accept("latency_s", f.latencySeconds());
      put.accept("response_V", f.amplitudeVolts());
      FiringPatternClassifier.Result fp = Protocols.firingPattern(c, m.trace(), stim, f.spikeTimes());
      put.accept("firing_pattern", fp.label());
      put.accept("firing_pattern_reason", fp.reason());
      put.accept("energy_per_spike_J", n > 0 ? m.energyPerSpikeJoules() : null);
    }

    /** Amplitude and width of a single-pulse stimulus for {@code --refractory}, or a user error. */
    private static Map<String, Double> singlePulse(String stim) {
      String low = stim == null ? "" : stim.toLowerCase(Locale.ROOT).trim();
      if (!low.startsWith("pulse:") || low.contains("period=")) {
        throw NeuristorException.input("--refractory needs a single pulse stimulus, e.g. --stim pulse:amp=0.3,width=100n");
      }
      return org.neuristor.neuron.Stimulus.keyValues(stim.substring(stim.indexOf(':') + 1), "--stim pulse",
          Map.of("amp", "V", "width", "s", "t0", "s", "delay", "s"));
    }
  }
}
