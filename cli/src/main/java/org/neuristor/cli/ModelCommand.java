package org.neuristor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleFunction;
import org.neuristor.ModelParameterException;
import org.neuristor.NeuristorException;
import org.neuristor.ParameterSpec;
import org.neuristor.measure.FiCurve;
import org.neuristor.measure.FiringPatternClassifier;
import org.neuristor.measure.MembraneOscillation;
import org.neuristor.measure.Trace;
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
    description = "The biological point-neuron models (IF, LIF, Hodgkin-Huxley, AdEx, Izhikevich): list and describe "
        + "them, run one with a stimulus, measure its f-I curve.",
    subcommands = {ModelCommand.ListModels.class, ModelCommand.Describe.class, ModelCommand.Run.class,
        ModelCommand.Fi.class},
    footer = {"", "Examples:", "  ./neuristor model list", "  ./neuristor model describe adex",
        "  ./neuristor model run lif --stim step:amp=2,t0=10ms", "  ./neuristor model fi hh"})
@JsonKeys({"commands"})
public final class ModelCommand implements Runnable {
  @Mixin JsonOption json;

  @Override
  public void run() {
    json.usageOrCommands();
  }

  static final String UNITS = "Stimulus amplitudes are in the model's current unit: nA (if, lif), pA (adex), "
      + "uA/cm2 (hh), dimensionless I (izhikevich), as a plain number or with the unit (2nA). Times are in seconds "
      + "with SPICE suffixes or units (0.01, 10m, 10ms). Parameters are in the unit 'model describe' lists (tau_m=20 "
      + "or tau_m=20ms; a bare suffix such as 20m is refused there as ambiguous).";

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models, one line each.",
      footer = {"", "Example:", "  ./neuristor model list"})
  @JsonKeys({"models"})
  static final class ListModels implements Runnable {
    @Mixin JsonOption json;

    @Override
    public void run() {
      List<Object> rows = new ArrayList<>();
      for (ModelKind k : ModelKind.values()) {
        if (json.json()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", k.cliName());
          m.put("title", k.title());
          m.put("current_unit", k.currentUnit());
          m.put("methods", k.methods().stream().map(Method::cliName).toList());
          rows.add(m);
        } else {
          json.out().printf(Locale.ROOT, "%-11s %-7s %-22s %s%n", k.cliName(), k.currentUnit(),
              String.join(",", k.methods().stream().map(Method::cliName).toList()), k.title());
        }
      }
      if (json.json()) {
        json.print(new Summary().put("models", rows));
      }
      json.out().flush();
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Describe a model: its equations, parameters (unit, default, range), methods and stable step "
          + "limits.",
      footer = {"", "Example:", "  ./neuristor model describe hh"})
  @JsonKeys({"model", "title", "reference", "current_unit", "parameters", "methods"})
  static final class Describe implements Runnable {
    @Parameters(paramLabel = "MODEL", description = "One of if, lif, hh, adex, izhikevich.") String name;

    @Mixin JsonOption json;

    @Override
    public void run() {
      ModelKind k = ModelKind.parse(name);
      NeuronModel m = NeuronModel.of(k);
      PrintWriter out = json.out();
      if (json.json()) {
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
        json.print(s);
        return;
      }
      out.println(k.cliName() + ": " + k.title());
      out.println("reference: " + k.reference());
      out.println("input current unit: " + k.currentUnit());
      out.println();
      out.printf(Locale.ROOT, "%-9s %-10s %-10s %-24s %s%n", "parameter", "unit", "default", "range",
          "description");
      for (ParameterSpec p : k.parameters()) {
        out.printf(Locale.ROOT, "%-9s %-10s %-10s %-24s %s%n", p.name(), p.unit(),
            Double.isNaN(p.defaultValue()) ? "derived" : Summary.number(p.defaultValue()), p.range(), p.description());
      }
      out.println();
      out.println("methods (first is the default; dt limit for the default parameters):");
      for (Method meth : k.methods()) {
        double max = k.maxDtMs(meth, m);
        out.printf(Locale.ROOT, "  %-13s dt <= %s%n", meth.cliName(),
            Double.isInfinite(max) ? "any (unconditionally stable)" : Summary.number(max) + " ms");
      }
      out.printf(Locale.ROOT, "default dt: %s ms%n", Summary.number(k.defaultDtMs()));
      out.flush();
    }
  }

  /** Options shared by run and fi: model selection, parameters, step and method. */
  static final class ModelOptions {
    @Option(names = "--param", paramLabel = "K=V", split = ",",
        description = "Parameter override in the unit 'model describe' lists, or with its unit: tau_m=20 or "
            + "tau_m=20ms (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE",
        description = "Load the model from a YAML or JSON file (model:, method:, parameters:); --param still applies.")
    Path file;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "Time step, e.g. 0.1ms (default: the model's, "
        + "see describe).")
    String dt;

    @Option(names = "--method", paramLabel = "METHOD",
        description = "Integration method: exact, exact-grid (lif), rk4, exp-euler (hh), rk2, euler (adex), "
            + "author-euler, euler (izhikevich); default: the model's first.")
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
      for (Map.Entry<String, String> kv : CliArgs.keyValues(params, "--param").entrySet()) {
        try {
          over.put(kv.getKey(), m.kind().parameter(kv.getKey()).parse(kv.getValue()));
        } catch (ModelParameterException e) {
          throw new ModelParameterException(e.parameter(), "--param: " + e.getMessage());
        }
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
      return dt == null ? m.kind().defaultDtMs() : CliArgs.positive(dt, "--dt", "s") * 1e3;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run one neuron model under a stimulus.",
          "Writes <model>.csv (time, v, i and the state variables, SI), a stacked plot of stimulus and membrane, "
              + "and prints spike features, the firing-pattern label and the final state. hh counts a spike at each "
              + "upward crossing of v_spike (spike_level_V, 0 mV by default, as NEURON's NetCon); when the membrane "
              + "still oscillates in the run's second half without reaching it (hh above about 62 uA/cm2: the spikes "
              + "shrink towards depolarisation block), oscillation_hz, oscillation_peak_V and oscillation_trough_V "
              + "give that oscillation and the firing pattern is null with the reason."},
      footer = {"", UNITS, "",
          "Stimuli (repeat --stim to add them):",
          "  step:amp=A[,t0=T0][,t1=T1]        A for T0 < t < T1 (default 0, forever)",
          "  pulse:amp=A,width=W[,t0=T0][,period=P,count=N]",
          "  ramp:to=A[,from=A0],t0=T0,t1=T1   linear from A0 to A, 0 outside",
          "  dc:amp=A",
          "The start of a pulse is t0 (delay= is accepted too), as in 'neuron run'.",
          "Noise (repeat --noise to combine; seeded by --seed):",
          "  ou:sigma=S,tau=T[,mean=M]    Ornstein-Uhlenbeck current (tau in ms)",
          "  white:sigma=S[,bridge=0]     white membrane noise, std in mV (lif), fires",
          "                               also between grid points by the OU bridge's",
          "                               crossing probability (bridge=0: grid only)",
          "  escape:rho0=R,du=D           stochastic threshold, R per ms, D in mV",
          "", "Examples:",
          "  ./neuristor model run lif --stim step:amp=2,t0=10ms --duration 200ms",
          "  ./neuristor model run hh --stim step:amp=10,t0=10ms,t1=90ms --json",
          "  ./neuristor model run adex --param b=500,tau_w=20ms --stim dc:amp=1000",
          "  ./neuristor model run lif --stim dc:amp=1.2 --noise white:sigma=4 --seed 7"})
  @JsonKeys({"model", "method", "dt_s", "duration_s", "seed", "spikes", "spike_times_s", "spike_level_V", "rate_hz",
      "rate_reason", "cv_isi", "latency_s", "first_spike_peak_V", "first_spike_amplitude_V", "first_spike_width_s",
      "first_spike_rise_s", "first_spike_fall_s", "oscillation_hz", "oscillation_peak_V", "oscillation_trough_V",
      "firing_pattern", "firing_pattern_reason", "final_state", "csv", "plot"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "One of if, lif, hh, adex, izhikevich.")
    String name;

    @Mixin ModelOptions mo;

    @Option(names = "--stim", paramLabel = "SPEC", description = "Stimulus (repeatable; default: a step from 10 ms "
        + "of 2 nA (lif), 1 nA (if), 10 uA/cm2 (hh), 1000 pA (adex), 10 (izhikevich)).")
    List<String> stims = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "200ms",
        description = "Simulated time, e.g. 0.2 or 200ms (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--noise", paramLabel = "SPEC", description = "Noise term (repeatable), see below.")
    List<String> noises = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
        description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronModel m = mo.model(name);
      ModelKind k = m.kind();
      Method method = mo.method(m);
      double dt = mo.dtMs(m);
      double durMs = CliArgs.positive(duration, "--duration", "s") * 1e3;
      Stimulus stim = ModelRun.stimulus(stims, k);
      Noise noise = ModelRun.noise(noises, k);
      if (!stims.isEmpty() && ModelRun.zeroThroughout(stim, durMs, dt)) {
        output.err().println("warning: --stim is 0 over the whole run (0 to " + Summary.number(durMs * 1e-3)
            + " s): times are in seconds unless a unit is written (t0=10 is 10 s; 10 ms is t0=10ms)");
      }
      output.outDir();
      ModelRun run = ModelRun.run(m, stim, durMs, dt, method, noise, seed);
      NeuronSimulation.Result r = run.result();
      Trace t = r.trace();
      double[] spikes = r.spikeTimesSeconds();
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
      run.putFeatures(s::put, m);
      s.put("final_state", r.finalState());
      s.put("csv", csv.toString());
      if (output.plot()) {
        Path png = output.plotFile(base);
        List<List<String>> panels = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        panels.add(List.of("i"));
        labels.add(Plotter.axisTitle("stimulus", k.currentUnit()));
        panels.add(List.of("v"));
        labels.add("membrane (V)");
        if (t.has("w")) {
          panels.add(List.of("w"));
          labels.add("adaptation w (A)");
        } else if (t.has("u")) {
          panels.add(List.of("u"));
          labels.add("recovery u");
        }
        Plotter.stacked(png, k.cliName() + ": " + spikes.length + " spikes"
            + (cls.pattern() == null ? "" : ", " + cls.label()), ModelRun.stimulusInModelUnit(t, k), panels,
            labels);
        s.put("plot", png.toString());
      }
      output.print(s);
      return 0;
    }
  }

  @Command(name = "fi", mixinStandardHelpOptions = true,
      description = {"Measure the f-I curve: steady firing rate against a constant input, and the rheobase.",
          "Each input runs from rest; spikes are counted over the second half of --duration, so transient spikes "
              + "do not count; a rate needs 3 spikes there, and an input with only 1 or 2 (a neuron firing too slowly "
              + "for the window) has no rate (null), rate_reason names it; so has one that fired only in the first half and was "
              + "silent after it for no more than twice its longest interval (it may fire again after the window; a "
              + "longer silence is at rest: 0 Hz). The rheobase of repetitive firing is found by bisection to --tol; when an input --tol "
              + "below it fires in a window 4 times as long (a rate that falls continuously to 0, class 1), the "
              + "window set it: the rheobase is null and rheobase_reason gives the bound. Writes <model>.fi.csv and "
              + "a plot, and prints the table."},
      footer = {"", UNITS, "", "hh: spikes are counted at v_spike = -40 mV here (unless --param v_spike=... is "
          + "given): above about 60 uA/cm2 the repetitive spikes peak below 0 mV. Where no rate is counted but the "
          + "membrane still oscillates in the second half without reaching the level (hh between about 152 and 154.6 "
          + "uA/cm2), rate_hz is null there, oscillation_hz gives the oscillation and rate_reason says so.", "",
          "Examples:",
          "  ./neuristor model fi hh",
          "  ./neuristor model fi lif --from 0 --to 4nA --points 41 --json",
          "  ./neuristor model fi adex --from 0 --to 2000 --duration 2s"})
  @JsonKeys({"model", "method", "input_unit", "rheobase_nA", "rheobase_pA", "rheobase_uA_per_cm2", "rheobase_1",
      "rheobase_reason", "rate_at_rheobase_hz", "input_nA", "input_pA", "input_uA_per_cm2", "input_1", "rate_hz",
      "oscillation_hz", "rate_reason", "csv", "wall_s", "plot"})
  static final class Fi implements Callable<Integer> {
    /** Spikes in the second half of the run from which a steady rate is counted (repetitive firing). */
    static final int MIN_SPIKES = 3;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "One of if, lif, hh, adex, izhikevich.")
    String name;

    @Mixin ModelOptions mo;

    @Option(names = "--from", paramLabel = "CURRENT", description = "Lowest input in the model's current unit "
        + "(default: 0).") String from;

    @Option(names = "--to", paramLabel = "CURRENT", description = "Highest input in the model's current unit "
        + "(default: 150 hh, 4 lif and if, 2000 adex, 20 izhikevich).") String to;

    @Option(names = "--points", paramLabel = "N", defaultValue = "31",
        description = "Number of inputs (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--duration", paramLabel = "SECONDS",
        description = "Simulated time per input (default: 2s for hh, as physics.md's onset window; 1s otherwise).")
    String duration;

    @Option(names = "--tol", paramLabel = "CURRENT",
        description = "Rheobase bisection tolerance in the model's current unit (default: 1/1000 of the first "
            + "firing input of the grid, so the rheobase is good to 0.05%% of itself).")
    String tolerance;

    /**
     * The old spelling of {@code --tol}, kept working but not shown (a field, not a setter method, so that the
     * launcher's quick start serves {@code model fi}).
     */
    @Option(names = "--tolerance", hidden = true, paramLabel = "CURRENT", description = "Old name of --tol.")
    String oldTolerance;

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
      double durMs = duration == null ? k.descriptor().fiDurationMs()
          : CliArgs.positive(duration, "--duration", "s") * 1e3;
      if (points < 2) {
        throw NeuristorException.input("--points must be >= 2");
      }
      String unit = k.currentUnit();
      double lo = from == null ? 0 : CliArgs.finite(from, "--from", unit);
      double hi = to != null ? CliArgs.finite(to, "--to", unit) : k.descriptor().fiMaxInput();
      if (!(hi > lo)) {
        throw NeuristorException.input("--to must exceed --from, got " + lo + " and " + hi + " " + unit);
      }
      if (tolerance != null && oldTolerance != null) {
        throw NeuristorException.input("model fi: give --tol or its old name --tolerance, not both");
      }
      String tolGiven = tolerance != null ? tolerance : oldTolerance;
      double tolSet = tolGiven != null ? CliArgs.positive(tolGiven, "--tol", unit) : Double.NaN;
      output.outDir();
      double[] in = new double[points];
      for (int j = 0; j < points; j++) {
        in[j] = lo + (hi - lo) * j / (points - 1);
      }
      long t0 = System.nanoTime();
      FiCurve c;
      // the progress bar's estimate of the bisection: the default tolerance for an onset half-way up the range
      double tolGuess = Double.isNaN(tolSet) ? FiCurve.defaultTolerance((lo + hi) / 2, hi - lo) : tolSet;
      long bisections = Math.min(FiCurve.MAX_BISECTIONS,
          Math.max(0, (long) Math.ceil(Math.log((hi - lo) / (points - 1) / tolGuess) / Math.log(2))));
      String rheoReason = null;
      double rheo;
      double tol;
      ModelRun.FiRun[] grid = new ModelRun.FiRun[points];
      try (ProgressBar bar = output.progress("f-I " + k.cliName(), points + bisections + 1)) {
        // the grid: spikes and, for a model with a spike level, the membrane's oscillation below it, from one run each
        double[] rates = new double[points];
        for (int j = 0; j < points; j++) {
          grid[j] = ModelRun.FiRun.of(m, in[j], durMs, dt, method);
          rates[j] = FiCurve.steadyRate(grid[j].spikeTimesMs(), durMs / 2, durMs, MIN_SPIKES);
          bar.step();
        }
        c = new FiCurve(in, rates, FiCurve.firstFiring(in, rates));
        // then the rheobase by bisection between the last silent and the first firing input
        DoubleFunction<double[]> spikes = x -> {
          double[] sp = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(x), durMs, dt, method);
          bar.step();
          return sp;
        };
        tol = Double.isNaN(tolSet) ? FiCurve.defaultTolerance(c.rheobase(), hi - lo) : tolSet;
        c = c.refined(x -> FiCurve.steadyRate(spikes.apply(x), durMs / 2, durMs, MIN_SPIKES) > 0, tol);
        rheo = c.rheobase();
        if (Double.isNaN(rheo)) {
          rheoReason = "no input up to " + Summary.number(hi) + " " + unit + " fires repetitively; raise --to";
        } else if (c.rates()[0] > 0) {
          rheoReason = "the lowest input " + Summary.number(lo) + " " + unit + " already fires: the rheobase is at "
              + "or below it; lower --from";
          rheo = Double.NaN;
        } else {
          rheoReason = windowLimited(m, rheo, tol, durMs, dt, method, unit);
          if (rheoReason != null) {
            rheo = Double.NaN;
          }
        }
        bar.step();
      }
      double[] hz = new double[points];
      // where the count gives no rate, a membrane that still oscillates below the spike level is not at rest: no rate
      // there (hh between about 152 and 154.6 uA/cm2, its peaks below -40 mV), but the oscillation's; nor is a neuron
      // that fired once or twice in the second half (too slowly for the window: the perfect IF below 0.075 nA in 1 s)
      double[] oscHz = new double[points];
      List<String> oscillating = new ArrayList<>();
      List<String> tooFew = new ArrayList<>();
      List<String> firstHalfOnly = new ArrayList<>();
      for (int j = 0; j < points; j++) {
        hz[j] = c.rates()[j] * 1000; // spike times in ms: rates per ms
        MembraneOscillation o = hz[j] > 0 ? null : grid[j].oscillation();
        oscHz[j] = o == null ? Double.NaN : o.rateHz();
        int counted = FiCurve.spikesIn(grid[j].spikeTimesMs(), durMs / 2, durMs);
        if (o != null) {
          hz[j] = Double.NaN;
          oscillating.add(Summary.number(in[j]));
        } else if (hz[j] == 0 && counted > 0) {
          hz[j] = Double.NaN;
          tooFew.add(Summary.number(in[j]) + " " + unit + " (" + counted + (counted == 1 ? " spike)" : " spikes)"));
        } else if (hz[j] == 0 && grid[j].spikeTimesMs().length > 0
            && !FiCurve.stoppedFiring(grid[j].spikeTimesMs(), 0, durMs)) {
          // it fired in the first half only and may fire again after the window: 0 Hz would say it does not fire
          double[] sp = grid[j].spikeTimesMs();
          hz[j] = Double.NaN;
          firstHalfOnly.add(Summary.number(in[j]) + " " + unit + " (" + sp.length + (sp.length == 1 ? " spike, the last"
              : " spikes, the last") + " at " + Summary.number(sp[sp.length - 1] / 1e3) + " s)");
        }
      }
      // the oscillation column only where there is an oscillation, as the JSON key: the two-column file stays as it was
      List<List<Object>> rows = new ArrayList<>();
      for (int j = 0; j < points; j++) {
        List<Object> row = new ArrayList<>(java.util.Arrays.asList(in[j], Double.isNaN(hz[j]) ? null : hz[j]));
        if (!oscillating.isEmpty()) {
          row.add(Double.isNaN(oscHz[j]) ? null : oscHz[j]);
        }
        rows.add(row);
      }
      String unitKey = unit.replace("/", "_per_");
      Path csv = output.file(k.cliName() + ".fi.csv");
      CsvWriter.writeTable(csv, oscillating.isEmpty() ? List.of("input_" + unitKey, "rate_hz")
          : List.of("input_" + unitKey, "rate_hz", "oscillation_hz"), rows);
      Summary s = new Summary();
      s.put("model", k.cliName());
      s.put("method", method.cliName());
      s.put("input_unit", unit);
      s.put("rheobase_" + unitKey, rheo);
      if (rheoReason != null) {
        s.put("rheobase_reason", rheoReason);
      }
      s.put("rate_at_rheobase_hz", rateJustAbove(m, rheo, tol, durMs, dt, method));
      s.put("input_" + unitKey, in);
      s.put("rate_hz", hz);
      List<String> rateReasons = new ArrayList<>();
      if (!oscillating.isEmpty()) {
        String level = k.descriptor().spikeLevelParameter();
        s.put("oscillation_hz", oscHz);
        rateReasons.add("at " + String.join(", ", oscillating) + " " + unit + " the membrane still oscillates in "
            + "the second half without reaching the spike level " + level + " = " + Summary.number(m.get(level))
            + " mV (oscillation_hz): not at rest, so no rate from the spikes counted there; a lower --param " + level
            + " counts its peaks");
      }
      if (!tooFew.isEmpty()) {
        rateReasons.add("at " + String.join(", ", tooFew) + " the second half of the run (" + Summary.number(durMs
            / 2e3) + " to " + Summary.number(durMs / 1e3) + " s) holds fewer than the " + MIN_SPIKES + " spikes a "
            + "steady rate is counted from: the neuron fires there, too slowly for the window, so no rate; a longer "
            + "--duration measures it");
      }
      if (!firstHalfOnly.isEmpty()) {
        rateReasons.add("at " + String.join(", ", firstHalfOnly) + " the neuron fired only in the first half of the "
            + "run, which is not counted, and was silent after it for no more than twice its longest interval (its "
            + "latency or an inter-spike interval): it may fire again after the window, so no rate (0 Hz would say it "
            + "does not fire); a longer --duration measures it");
      }
      if (!rateReasons.isEmpty()) {
        s.put("rate_reason", String.join("; ", rateReasons));
      }
      s.put("csv", csv.toString());
      s.put("wall_s", (System.nanoTime() - t0) / 1e9);
      if (!output.json()) {
        String oscColumn = oscillating.isEmpty() ? "" : String.format(Locale.ROOT, " %16s", "oscillation (Hz)");
        output.out().printf(Locale.ROOT, "%14s %12s%s%n", "input (" + unit + ")", "rate (Hz)", oscColumn);
        for (int j = 0; j < points; j++) {
          output.out().printf(Locale.ROOT, "%14s %12s%s%n", Summary.number(in[j]), Summary.number(hz[j]),
              oscillating.isEmpty() ? "" : String.format(Locale.ROOT, " %16s", Summary.number(oscHz[j])));
        }
      }
      if (output.plot()) {
        Path png = output.plotFile(k.cliName() + ".fi");
        Plotter.xy(png, "f-I curve of " + k.cliName() + (Double.isNaN(rheo) ? "" : " (rheobase "
            + Summary.number(rheo) + " " + Plotter.unitText(unit) + ")"), "input (" + Plotter.unitText(unit) + ")",
            "rate (Hz)", oscillating.isEmpty() ? List.of(new Plotter.Series("steady rate", in, hz, true))
                : List.of(new Plotter.Series("steady rate", in, hz, true),
                    new Plotter.Series("oscillation below the spike level", in, oscHz, true)), false, false);
        s.put("plot", png.toString());
      }
      output.print(s);
      return 0;
    }

    /**
     * Why the bisected rheobase is the window's and not the neuron's, or null ({@link FiCurve#windowLimited}): the
     * model run in a window 4 times as long as --duration, its rate counted over the second half.
     */
    static String windowLimited(NeuronModel m, double rheobase, double tol, double durMs, double dt, Method method,
        String unit) {
      return FiCurve.windowLimited(rheobase, tol, durMs * 1e-3, unit, (x, seconds) -> {
        double ms = seconds * 1e3;
        double[] sp = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(x), ms, dt, method);
        return FiCurve.steadyRate(sp, ms / 2, ms, MIN_SPIKES) * 1000;
      });
    }

    /** Rate just above the rheobase: class 1 neurons start near 0 Hz, class 2 at a finite rate. */
    static double rateJustAbove(NeuronModel m, double rheobase, double tol, double durMs, double dt, Method method) {
      if (Double.isNaN(rheobase)) {
        return Double.NaN;
      }
      double[] sp = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(rheobase + tol), durMs, dt, method);
      return FiCurve.steadyRate(sp, durMs / 2, durMs, MIN_SPIKES) * 1000;
    }
  }
}
