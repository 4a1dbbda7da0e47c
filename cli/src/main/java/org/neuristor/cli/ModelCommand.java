package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.ModelParameterException;
import org.neuristor.NeuristorException;
import org.neuristor.ParameterSpec;
import org.neuristor.analysis.FiCurve;
import org.neuristor.analysis.FiringPatternClassifier;
import org.neuristor.analysis.SpikeFeatures;
import org.neuristor.analysis.Trace;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.io.CsvWriter;
import org.neuristor.neuron.Method;
import org.neuristor.neuron.ModelFiles;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.ModelRun;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Noise;
import org.neuristor.neuron.Stimulus;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor model list|describe|run|fi}: the biological reference neuron models. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Biological point-neuron models (IF, LIF, Hodgkin-Huxley, AdEx, Izhikevich): list, describe, "
        + "run with a stimulus, f-I curve.",
    subcommands = {ModelCommand.ListModels.class, ModelCommand.Describe.class, ModelCommand.Run.class,
        ModelCommand.Fi.class},
    footer = {"", "Examples:", "  ./neuristor model list", "  ./neuristor model describe adex",
        "  ./neuristor model run lif --stim step:amp=2,t0=10ms", "  ./neuristor model fi hh"})
public final class ModelCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final String UNITS = "Stimulus amplitudes are in the model's current unit: nA (if, lif), pA (adex), "
      + "uA/cm2 (hh), dimensionless I (izhikevich). Times are in seconds with SPICE suffixes (10ms, 50us).";

  @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per model.",
      footer = {"", "Example:", "  ./neuristor model list"})
  static final class ListModels implements Runnable {
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public void run() {
      Summary s = new Summary();
      for (ModelKind k : ModelKind.values()) {
        if (json) {
          s.put(k.cliName(), Map.of("title", k.title(), "current_unit", k.currentUnit(),
              "methods", k.methods().stream().map(Method::cliName).toList()));
        } else {
          System.out.printf(Locale.ROOT, "%-11s %-7s %-22s %s%n", k.cliName(), k.currentUnit(),
              String.join(",", k.methods().stream().map(Method::cliName).toList()), k.title());
        }
      }
      if (json) {
        s.print(System.out, true);
      }
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "A model's equations, parameters (unit, default, range), methods and stable step limits.",
      footer = {"", "Example:", "  ./neuristor model describe hh"})
  static final class Describe implements Runnable {
    @Parameters(paramLabel = "MODEL", description = "if, lif, hh, adex, izhikevich") String name;

    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public void run() {
      ModelKind k = ModelKind.parse(name);
      NeuronModel m = NeuronModel.of(k);
      if (json) {
        Summary s = new Summary();
        s.put("model", k.cliName());
        s.put("title", k.title());
        s.put("reference", k.reference());
        s.put("current_unit", k.currentUnit());
        List<Map<String, Object>> ps = new ArrayList<>();
        for (ParameterSpec p : k.parameters()) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("name", p.name());
          e.put("unit", p.unit());
          e.put("default", p.defaultValue());
          e.put("min", p.min());
          e.put("max", p.max());
          e.put("description", p.description());
          ps.add(e);
        }
        s.put("parameters", ps);
        Map<String, Object> methods = new LinkedHashMap<>();
        for (Method meth : k.methods()) {
          methods.put(meth.cliName(), Map.of("max_dt_s", k.maxDtMs(meth, m) * 1e-3));
        }
        s.put("methods", methods);
        s.print(System.out, true);
        return;
      }
      System.out.println(k.cliName() + ": " + k.title());
      System.out.println("reference: " + k.reference());
      System.out.println("input current unit: " + k.currentUnit());
      System.out.println();
      System.out.printf(Locale.ROOT, "%-9s %-10s %-10s %-24s %s%n", "parameter", "unit", "default", "range",
          "description");
      for (ParameterSpec p : k.parameters()) {
        System.out.printf(Locale.ROOT, "%-9s %-10s %-10s %-24s %s%n", p.name(), p.unit(),
            Double.isNaN(p.defaultValue()) ? "derived" : Summary.number(p.defaultValue()), p.range(), p.description());
      }
      System.out.println();
      System.out.println("methods (first is the default; dt limit for the default parameters):");
      for (Method meth : k.methods()) {
        double max = k.maxDtMs(meth, m);
        System.out.printf(Locale.ROOT, "  %-13s dt <= %s%n", meth.cliName(),
            Double.isInfinite(max) ? "any (unconditionally stable)" : Summary.number(max) + " ms");
      }
      System.out.printf(Locale.ROOT, "default dt: %s ms%n", Summary.number(k.defaultDtMs()));
    }
  }

  /** Options shared by run and fi: model selection, parameters, step and method. */
  static final class ModelOptions {
    @Option(names = "--param", paramLabel = "k=v", split = ",",
        description = "Parameter override in the unit of 'model describe' (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE",
        description = "Load the model from a YAML/JSON file (model:, method:, parameters:); --param still applies.")
    Path file;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "Time step (default: the model's, see describe).")
    String dt;

    @Option(names = "--method", paramLabel = "METHOD",
        description = "Integration method: exact, exact-grid (lif), rk4, exp-euler (hh), rk2, euler (adex), "
            + "author-euler, euler (izhikevich). Default: the model's first.")
    String method;

    NeuronModel model(String name) {
      NeuronModel m;
      Method fromFile = null;
      if (file != null) {
        ModelFiles.Loaded l = ModelFiles.load(file);
        if (name != null && ModelKind.parse(name) != l.model().kind()) {
          throw new ModelParameterException("model", "model " + name + " differs from " + l.model().kind().cliName()
              + " in " + file);
        }
        m = l.model();
        fromFile = l.method();
      } else {
        if (name == null) {
          throw NeuristorException.input("give a MODEL (if, lif, hh, adex, izhikevich) or --file");
        }
        m = NeuronModel.of(ModelKind.parse(name));
      }
      Map<String, Double> over = new LinkedHashMap<>();
      for (String kv : params) {
        String[] a = kv.split("=", 2);
        if (a.length != 2) {
          throw NeuristorException.input("--param expects name=value, got '" + kv + "'");
        }
        double v = SpiceNumber.parse(a[1].trim());
        if (Double.isNaN(v)) {
          throw new ModelParameterException(a[0].trim(), "--param " + a[0].trim() + ": bad number '" + a[1] + "'");
        }
        over.put(a[0].trim(), v);
      }
      this.fileMethod = fromFile;
      return m.with(over);
    }

    private Method fileMethod;

    Method method(NeuronModel m) {
      if (method != null) {
        return Method.parse(method);
      }
      return fileMethod != null ? fileMethod : m.kind().defaultMethod();
    }

    double dtMs(NeuronModel m) {
      return dt == null ? m.kind().defaultDtMs() : seconds(dt, "--dt") * 1e3;
    }
  }

  static double seconds(String s, String what) {
    double v = SpiceNumber.parse(s.trim());
    if (Double.isNaN(v)) {
      throw NeuristorException.input(what + ": bad number '" + s + "' (seconds, e.g. 100ms)");
    }
    return v;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run one neuron under a stimulus; writes <model>.csv (time, v, i and the state variables, SI),",
          "a stacked plot of stimulus and membrane, and prints spike features, the firing-pattern label and",
          "the final state (--json keys: spike_times_s, rate_hz, final_state, ...)."},
      footer = {"", UNITS, "",
          "Stimuli (repeat --stim to add them):",
          "  step:amp=A[,t0=T0][,t1=T1]             A for T0 < t < T1 (default from 0, forever)",
          "  pulse:amp=A,t0=T0,width=W[,period=P,count=N]",
          "  ramp:to=A[,from=A0],t0=T0,t1=T1        linear from A0 to A, 0 outside",
          "  dc:amp=A",
          "Noise (repeat --noise to combine; seeded by --seed):",
          "  ou:sigma=S,tau=T_ms[,mean=M]   Ornstein-Uhlenbeck current (model unit; tau in ms)",
          "  white:sigma=S_mV               white membrane noise, stationary std (lif)",
          "  escape:rho0=R_per_ms,du=D_mV   stochastic threshold (if, lif)",
          "", "Examples:",
          "  ./neuristor model run lif --stim step:amp=2,t0=10ms --duration 200ms",
          "  ./neuristor model run hh --stim step:amp=10,t0=10ms,t1=90ms --duration 100ms --json",
          "  ./neuristor model run adex --param b=500,tau_w=20,v_r=-45.4 --stim step:amp=1000,t0=10ms",
          "  ./neuristor model run lif --stim dc:amp=1.2 --noise white:sigma=4 --seed 7 --duration 1s"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "if, lif, hh, adex, izhikevich") String name;

    @Mixin ModelOptions mo;

    @Option(names = "--stim", paramLabel = "SPEC", description = "Stimulus (repeatable; default: a step from 10 ms "
        + "of 2 nA (lif), 1 nA (if), 10 uA/cm2 (hh), 1000 pA (adex), 10 (izhikevich)).")
    List<String> stims = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "200ms",
        description = "Simulated time (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--noise", paramLabel = "SPEC", description = "Noise term (repeatable), see below.")
    List<String> noises = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronModel m = mo.model(name);
      ModelKind k = m.kind();
      Method method = mo.method(m);
      double dt = mo.dtMs(m);
      double durMs = seconds(duration, "--duration") * 1e3;
      Stimulus stim = ModelRun.stimulus(stims, k);
      Noise noise = ModelRun.noise(noises);
      ModelRun run = ModelRun.run(m, stim, durMs, dt, method, noise, seed);
      NeuronSimulation.Result r = run.result();
      Trace t = r.trace();
      double[] spikes = r.spikeTimesSeconds();
      SpikeFeatures f = run.features();
      FiringPatternClassifier.Result cls = run.pattern();
      String base = k.cliName();
      Path csv = output.file(base + ".csv");
      CsvWriter.write(csv, t);
      Summary s = new Summary();
      s.put("model", k.cliName());
      s.put("method", r.method().cliName());
      s.put("dt_s", dt * 1e-3);
      s.put("duration_s", durMs * 1e-3);
      s.put("seed", seed);
      s.put("spikes", spikes.length);
      s.put("spike_times_s", spikes);
      s.put("rate_hz", f.rateHz());
      s.put("cv_isi", f.cv());
      s.put("latency_s", f.latencySeconds());
      if (!f.shapes().isEmpty()) {
        SpikeFeatures.SpikeShape sh = f.shapes().get(0);
        s.put("first_spike_peak_V", sh.peak());
        s.put("first_spike_amplitude_V", sh.amplitude());
        s.put("first_spike_width_s", sh.width());
        s.put("first_spike_rise_s", sh.riseTime());
        s.put("first_spike_fall_s", sh.fallTime());
      }
      s.put("firing_pattern", cls.pattern().label());
      s.put("firing_pattern_reason", cls.reason());
      s.put("final_state", r.finalState());
      s.put("csv", csv.toString());
      if (output.plot()) {
        Path png = output.plotFile(base);
        List<List<String>> panels = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        panels.add(List.of("i"));
        labels.add("stimulus (" + k.currentSiUnit() + ")");
        panels.add(List.of("v"));
        labels.add("membrane (V)");
        if (t.has("w")) {
          panels.add(List.of("w"));
          labels.add("adaptation w (A)");
        } else if (t.has("u")) {
          panels.add(List.of("u"));
          labels.add("recovery u");
        }
        Plotter.stacked(png, k.cliName() + ": " + spikes.length + " spikes, " + cls.pattern().label(), t, panels,
            labels);
        s.put("plot", png.toString());
      }
      s.print(System.out, output.json());
      return 0;
    }
  }

  @Command(name = "fi", mixinStandardHelpOptions = true,
      description = {"f-I curve: steady firing rate against a constant input (from rest, counted over the second",
          "half of --duration so transient spikes do not count), and the rheobase of repetitive firing by",
          "bisection. Writes <model>.fi.csv and a plot; prints the table."},
      footer = {"", UNITS, "", "hh: spikes are counted at v_spike = -40 mV here (unless --param v_spike=... is given):",
          "above ~60 uA/cm2 the repetitive spikes peak below 0 mV.", "", "Examples:", "  ./neuristor model fi hh",
          "  ./neuristor model fi lif --from 0 --to 4 --points 41 --json",
          "  ./neuristor model fi adex --from 0 --to 2000 --duration 2s"})
  static final class Fi implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "if, lif, hh, adex, izhikevich") String name;

    @Mixin ModelOptions mo;

    @Option(names = "--from", description = "Lowest input (model unit; default 0).") Double from;

    @Option(names = "--to", description = "Highest input (model unit; default: 150 hh, 4 lif/if, 2000 adex, 20 "
        + "izhikevich).") Double to;

    @Option(names = "--points", defaultValue = "31", description = "Number of inputs (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--duration", paramLabel = "SECONDS",
        description = "Simulated time per input (default: 2s for hh, as physics.md's onset window; 1s otherwise).")
    String duration;

    @Option(names = "--tolerance", description = "Rheobase bisection tolerance (model unit; default: 1/1000 of "
        + "the range).") Double tolerance;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronModel given = mo.model(name);
      // the model's f-I defaults (HH: spikes counted at -40 mV, physics.md 2.3) unless the user set them
      Map<String, Double> fiDefaults = new LinkedHashMap<>();
      given.kind().descriptor().fiDefaults().forEach((key, value) -> {
        if (mo.params.stream().noneMatch(p -> p.trim().startsWith(key))) {
          fiDefaults.put(key, value);
        }
      });
      NeuronModel m = given.with(fiDefaults);
      ModelKind k = m.kind();
      Method method = mo.method(m);
      double dt = mo.dtMs(m);
      m.checkStep(method, dt);
      double durMs = duration == null ? k.descriptor().fiDurationMs() : seconds(duration, "--duration") * 1e3;
      if (points < 2) {
        throw NeuristorException.input("--points must be >= 2");
      }
      if (!(durMs > 0)) {
        throw NeuristorException.input("--duration must be > 0");
      }
      double lo = from == null ? 0 : from;
      double hi = to != null ? to : k.descriptor().fiMaxInput();
      if (!(hi > lo)) {
        throw NeuristorException.input("--to must exceed --from");
      }
      double tol = tolerance != null ? tolerance : (hi - lo) / 1000;
      double[] in = new double[points];
      for (int j = 0; j < points; j++) {
        in[j] = lo + (hi - lo) * j / (points - 1);
      }
      long t0 = System.nanoTime();
      java.util.function.DoubleFunction<double[]> sim = x -> NeuronSimulation.spikeTimesMs(m, Stimulus.constant(x),
          durMs, dt, method);
      FiCurve grid;
      try (ProgressBar bar = output.progress("f-I " + k.cliName(), points)) {
        grid = FiCurve.measure(in, x -> {
          double[] sp = sim.apply(x);
          bar.step();
          return sp;
        }, durMs / 2, durMs, 3, 0);
      }
      // refine the rheobase between the last silent and the first firing input
      FiCurve c = grid.refined(x -> FiCurve.steadyRate(sim.apply(x), durMs / 2, durMs, 3) > 0, tol);
      double[] hz = new double[points];
      List<List<Object>> rows = new ArrayList<>();
      for (int j = 0; j < points; j++) {
        hz[j] = c.ratesHz()[j] * 1000;
        rows.add(List.of(in[j], hz[j]));
      }
      String unitKey = k.currentUnit().replace("/", "_per_");
      Path csv = output.file(k.cliName() + ".fi.csv");
      CsvWriter.writeTable(csv, List.of("input_" + unitKey, "rate_hz"), rows);
      Summary s = new Summary();
      s.put("model", k.cliName());
      s.put("method", method.cliName());
      s.put("input_unit", k.currentUnit());
      s.put("rheobase_" + unitKey, c.rheobase());
      s.put("rate_at_rheobase_hz", rateJustAbove(m, c.rheobase(), tol, durMs, dt, method));
      s.put("input_" + unitKey, in);
      s.put("rate_hz", hz);
      s.put("csv", csv.toString());
      s.put("wall_s", (System.nanoTime() - t0) / 1e9);
      if (!output.json()) {
        System.out.printf(Locale.ROOT, "%14s %12s%n", "input (" + k.currentUnit() + ")", "rate (Hz)");
        for (int j = 0; j < points; j++) {
          System.out.printf(Locale.ROOT, "%14s %12s%n", Summary.number(in[j]), Summary.number(hz[j]));
        }
      }
      if (output.plot()) {
        Path png = output.plotFile(k.cliName() + ".fi");
        Plotter.xy(png, "f-I curve of " + k.cliName() + " (rheobase " + Summary.number(c.rheobase()) + " "
            + k.currentUnit() + ")", "input (" + k.currentUnit() + ")", "rate (Hz)",
            List.of(new Plotter.Series("steady rate", in, hz, true)), false, false);
        s.put("plot", png.toString());
      }
      s.print(System.out, output.json());
      return 0;
    }

    /** Rate just above the rheobase: class 1 neurons start near 0 Hz, class 2 at a finite rate. */
    static double rateJustAbove(NeuronModel m, double rheobase, double tol, double durMs, double dt, Method method) {
      if (Double.isNaN(rheobase)) {
        return Double.NaN;
      }
      double[] sp = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(rheobase + tol), durMs, dt, method);
      return FiCurve.steadyRate(sp, durMs / 2, durMs, 3) * 1000;
    }
  }
}
