package org.neuristor.studio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.ParameterSpec;
import org.neuristor.measure.AllOrNothing;
import org.neuristor.measure.FiCurve;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.StrengthDuration;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.cli.CliArgs;
import org.neuristor.cli.IvCommand;
import org.neuristor.cli.NeuronCommand;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ModelType;
import org.neuristor.device.characterize.IvSweep;
import org.neuristor.device.characterize.PulseResponse;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.fit.ModelCard;
import org.neuristor.io.CsvWriter;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.netlist.DeckRunner;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.ModelRun;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Noise;
import org.neuristor.neuron.Stimulus;
import org.neuristor.plot.Plotter;

/**
 * The one place where the studio calls Neuristor's Java API: library neuron circuits
 * ({@link Protocols}), uploaded netlists ({@link CircuitCompiler}), device characterization
 * ({@link IvSweep}, {@link PulseResponse}) and the biological models ({@link ModelRun}). Each method
 * returns what the page shows ({@link View}), the CLI command that reproduces it, and a CSV writer
 * with the columns the CLI writes. Keep it thin: the numbers come from the same calls the CLI makes.
 */
final class Simulations {
  /** Points per plotted series (min/max per column, so spikes survive; CSV has every point). */
  static final int PLOT_COLUMNS = 1000;

  private Simulations() {}

  // ---------------------------------------------------------------------------------------------
  // catalogue

  /** Circuits, device types and biological models with their parameters, for the pages' menus. */
  static Map<String, Object> catalogue() {
    List<Map<String, Object>> circuits = new ArrayList<>();
    for (NeuronCircuit c : NeuronLibrary.all()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("title", c.title());
      m.put("params", c.parameters());
      m.put("membrane", c.membrane());
      m.put("output", c.output());
      m.put("refractory_pulse", c.refractoryPulse());
      circuits.add(m);
    }
    List<Map<String, Object>> devices = new ArrayList<>();
    for (ModelType t : DeviceRegistry.types()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", t.type());
      m.put("title", t.description());
      m.put("presets", new ArrayList<>(t.presets().keySet()));
      // each preset's resolved parameter values and default I-V amplitude, to start the page's fields
      Map<String, Object> values = new LinkedHashMap<>();
      for (String preset : t.presets().keySet()) {
        Map<String, Double> resolved = DeviceRegistry.resolve(t.type(), Map.of("preset", preset));
        values.put(preset, Map.of("params", resolved, "iv_amp", IvSweep.defaultAmplitude(resolved)));
      }
      Map<String, Double> plain = DeviceRegistry.resolve(t.type(), Map.of());
      values.put("", Map.of("params", plain, "iv_amp", IvSweep.defaultAmplitude(plain)));
      m.put("values", values);
      List<Map<String, Object>> ps = new ArrayList<>();
      for (ParameterSpec p : t.parameters()) {
        ps.add(parameter(p));
      }
      m.put("params", ps);
      devices.add(m);
    }
    List<Map<String, Object>> models = new ArrayList<>();
    for (ModelKind k : ModelKind.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", k.cliName());
      m.put("title", k.title());
      m.put("current_unit", k.currentUnit());
      m.put("default_amp", ModelRun.defaultStimulus(k).at(1e9));
      List<Map<String, Object>> ps = new ArrayList<>();
      for (ParameterSpec p : k.parameters()) {
        ps.add(parameter(p));
      }
      m.put("params", ps);
      models.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("circuits", circuits);
    out.put("devices", devices);
    out.put("models", models);
    return out;
  }

  /** One declared parameter (device or neuron model: the same record) as the page shows it. */
  private static Map<String, Object> parameter(ParameterSpec p) {
    return parameter(p.name(), p.unit(), p.defaultValue(), p.min(), p.max(), p.description());
  }

  private static Map<String, Object> parameter(String name, String unit, double def, double min, double max,
      String description) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("name", name);
    q.put("unit", unit);
    q.put("default", def);
    q.put("min", min);
    q.put("max", max);
    q.put("description", description);
    return q;
  }

  // ---------------------------------------------------------------------------------------------
  // neuron circuits

  /** A library circuit run: {@code neuron run NAME --param k=v ... [--stim SPEC]}. */
  record NeuronRequest(String circuit, Map<String, String> params, String stim) {}

  static Output neuron(NeuronRequest r, JobQueue.Control ctl) {
    return neuron(r, ctl, 0, 1);
  }

  /** As {@link #neuron(NeuronRequest, JobQueue.Control)}, reporting progress from {@code from} to {@code to}. */
  private static Output neuron(NeuronRequest r, JobQueue.Control ctl, double from, double to) {
    NeuronCircuit c = NeuronLibrary.get(r.circuit());
    Map<String, String> given = params(r.params());
    Map<String, String> p = Protocols.parameters(c, given);
    String stim = blankToNull(r.stim());
    double tstop = number(p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u")), "tstop");
    String source = stim == null ? null : Protocols.stimulus(stim, tstop);
    Protocols.Measured m = Protocols.measure(c, p, source,
        (t, stop) -> ctl.progress(from + (to - from) * t / stop, simulated(t, stop)));
    Trace t = m.trace();
    SpikeFeatures f = m.features();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("circuit", c.name());
    v.put("spikes", f.spikeTimes().length);
    // the keys and nulls (with their reasons) of neuron run --json, from the same code
    NeuronCommand.Run.features(v::put, c, m, stim);
    v.put("spike_times_s", f.spikeTimes());
    v.put("steps", m.steps());
    v.put("wall_s", m.wallSeconds());
    List<View.Panel> panels = List.of(
        panel("input", t, "v(in)", "input (V)"),
        panel("membrane", t, c.membrane(), "membrane " + c.membrane() + " (V)"),
        panel("output", t, c.output(), "output " + c.output() + " (V)"));
    StringBuilder cmd = new StringBuilder("./neuristor neuron run " + c.name());
    appendParams(cmd, given);
    if (stim != null) {
      cmd.append(" --stim ").append(Shell.quote(stim));
    }
    cmd.append(" --json");
    return new Output(new View(c.title(), panels, v, cmd.toString(), c.netlist(given, source), "netlist",
        c.name() + ".csv", List.of()), file -> CsvWriter.write(file, t));
  }

  /**
   * An uploaded netlist: {@code run FILE}; {@code .include} reaches only the uploaded files. {@code files} maps a path
   * within the upload ({@code models/x.model}) to its text; {@code zip} is a zip file (base64) named {@code zipName}
   * whose files join them; {@code main} names the netlist to run (default: {@link UploadSandbox#main}).
   */
  record NetlistRequest(Map<String, String> files, String main, String zipName, String zip) {}

  static Output netlist(NetlistRequest r, JobQueue.Control ctl) {
    try (UploadSandbox box = UploadSandbox.of(r.files(), r.zipName(), r.zip())) {
      String main = box.main(r.main());
      CircuitCompiler.Compiled cc = CircuitCompiler.compileWithin(box.root(), box.path(main), UploadSandbox.SCOPE);
      if (cc.analyses().isEmpty()) {
        throw NeuristorException.input(main + ": no analysis (.tran, .dc or .op) to run");
      }
      Analysis.Outcome o = Simulation.run(cc.circuit(), cc.analyses().get(0), cc.saves(),
          (t, stop) -> ctl.progress(t / stop, simulated(t, stop)));
      Trace t = o.trace();
      List<View.Panel> panels = new ArrayList<>();
      for (String s : t.names()) {
        if (panels.size() == 6) {
          break;
        }
        panels.add(panel(s, t, s, s));
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("netlist", main);
      // named and counted as run --json names them (a .dc was "v-sweep", its sweep points "steps_accepted")
      Analysis a = cc.analyses().get(0);
      v.put("analysis", DeckRunner.kind(a));
      v.put("signals", t.names());
      v.put(a instanceof Analysis.Tran ? "steps_accepted" : "points", o.accepted());
      if (a instanceof Analysis.Tran) {
        v.put("steps_rejected", o.rejected());
      }
      v.put("newton_iterations", o.iterations());
      // the compiler's warnings (with file and line), then what the analysis added
      List<String> warnings = new ArrayList<>(cc.warnings());
      if (cc.analyses().size() > 1) {
        warnings.add("the studio runs the netlist's first analysis (" + DeckRunner.kind(a) + ") of "
            + cc.analyses().size() + "; ./neuristor run runs them all");
      }
      o.warnings().stream().filter(w -> !cc.reported(w)).distinct().forEach(warnings::add);
      v.put("warnings", warnings);
      v.put("wall_s", o.wallSeconds());
      String base = main.replaceAll("^.*/", "").replaceAll("\\.[^.]*$", "");
      return new Output(new View(cc.circuit().title(), panels, v, "./neuristor run " + Shell.quote(main) + " --json",
          box.text(main), "netlist", base + ".csv", List.of()), file -> CsvWriter.write(file, t));
    }
  }

  /** f-V curve: {@code neuron fi NAME --from A --to B --points N}. */
  record FvRequest(String circuit, Map<String, String> params, String from, String to, String points) {
    double fromVolts() {
      return blankToNull(from) == null ? 0 : CliArgs.finite(from, "--from", "V");
    }

    double toVolts() {
      return required(to, "--to", "V");
    }

    int pointCount() {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, whole(points, "--points", 20)));
    }
  }

  static Output fv(FvRequest r, JobQueue.Control ctl) {
    NeuronCircuit c = NeuronLibrary.get(r.circuit());
    Map<String, String> p = Protocols.parameters(c, params(r.params()));
    double from = r.fromVolts();
    double to = r.toVolts();
    int n = r.pointCount();
    if (!(to > from)) {
      throw NeuristorException.input("--to must exceed --from, got " + num(from) + " and " + num(to) + " V");
    }
    if (n < 2 || n > 200) {
      throw NeuristorException.input("--points must be 2..200 here, got " + n);
    }
    double[] in = new double[n];
    for (int k = 0; k < in.length; k++) {
      in[k] = from + (to - from) * k / (in.length - 1);
    }
    // in chunks of one point per core (each chunk runs in parallel), so that a cancel stops between chunks
    List<Protocols.RatePoint> points = new ArrayList<>();
    double rheobase = Double.NaN;
    for (double[] chunk : chunks(in)) {
      ctl.progress(FV_POINTS_SHARE * points.size() / in.length, of("inputs", points.size(), chunk.length, in.length));
      Protocols.FvCurve part = Protocols.fv(c, chunk, p);
      points.addAll(part.points());
      if (Double.isNaN(rheobase)) {
        rheobase = part.rheobase();
      }
    }
    Protocols.FvCurve f = new Protocols.FvCurve(points, rheobase);
    double[] rate = f.points().stream().mapToDouble(Protocols.RatePoint::rateHz).toArray();
    ctl.check();
    // as neuron fi: bisected between the last silent and the first firing input, none if the first already fires;
    // its runs are counted as they start (simulated time starts again from 0)
    double tol = FiCurve.defaultTolerance(f.rheobase(), to - from);
    double[] last = {Double.POSITIVE_INFINITY};
    int[] run = {0};
    int most = Math.max(1, (int) Math.ceil(Math.log((to - from) / (n - 1) / tol) / Math.log(2)));
    Protocols.Rheobase rheo = Protocols.rheobaseChecked(c, f, p, tol, (t, stop) -> {
      if (t < last[0]) {
        run[0]++;
      }
      last[0] = t;
      ctl.progress(FV_POINTS_SHARE + (1 - FV_POINTS_SHARE) * Math.min(1, (run[0] - 1 + t / stop) / most),
          "rheobase: bisection run " + run[0] + " of about " + most);
    });
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("circuit", c.name());
    v.put("rheobase_V", Double.isNaN(rheo.volts()) ? null : rheo.volts());
    if (rheo.reason() != null) {
      v.put("rheobase_reason", rheo.reason());
    }
    v.put("input_V", in);
    v.put("rate_hz", rate);
    StringBuilder cmd = new StringBuilder("./neuristor neuron fi " + c.name() + " --from " + num(from) + " --to "
        + num(to) + " --points " + n);
    appendParams(cmd, p);
    List<List<Object>> rows = new ArrayList<>();
    for (int k = 0; k < in.length; k++) {
      rows.add(List.of(in[k], rate[k], f.points().get(k).spikes()));
    }
    return new Output(new View("f-V curve of " + c.name(), List.of(new View.Panel("f-V", "input (V)", "rate (Hz)",
        "points", false, false, List.of(View.Series.of("rate", in, rate)), List.of(), null)), v,
        cmd.append(" --json").toString(), c.netlist(p, null), "netlist", c.name() + ".fi.csv", List.of()),
        file -> CsvWriter.writeTable(file, List.of("input_V", "rate_hz", "spikes"), rows));
  }

  /** Share of the f-V job's progress bar that its points take; the rheobase bisection takes the rest. */
  static final double FV_POINTS_SHARE = 0.9;

  /** {@code "inputs 5-6 of 16"}: a piece of {@code count} items starting after {@code done} of {@code total}. */
  static String of(String what, int done, int count, int total) {
    return what + " " + (count == 1 ? String.valueOf(done + 1) : (done + 1) + "-" + (done + count)) + " of " + total;
  }

  /** {@code "simulated 40 us of 100 us"}, for a transient's progress. */
  static String simulated(double t, double stop) {
    return "simulated " + ParameterSpec.fmt(Double.parseDouble(String.format(Locale.ROOT, "%.3g", t))) + " s of "
        + ParameterSpec.fmt(stop) + " s";
  }

  /** Strength-duration curve: {@code neuron sd NAME --widths ... --max V}. */
  record SdRequest(String circuit, Map<String, String> params, String widths, String max) {
    double maxVolts() {
      return required(max, "--max", "V");
    }
  }

  static Output strengthDuration(SdRequest r, JobQueue.Control ctl) {
    NeuronCircuit c = NeuronLibrary.get(r.circuit());
    Map<String, String> p = Protocols.parameters(c, params(r.params()));
    double[] w = numbers(r.widths(), "widths", "s");
    double max = r.maxVolts();
    double[] th = new double[w.length];
    int done = 0;
    for (double[] chunk : chunks(w)) {
      ctl.progress((double) done / w.length, of("pulse widths", done, chunk.length, w.length)
          + " (each a bisection of its threshold)");
      double[] part = Protocols.strengthDuration(c, chunk, 0, max, 1e-3, p, (t, stop) -> ctl.check())
          .thresholds();
      System.arraycopy(part, 0, th, done, part.length);
      done += part.length;
    }
    StrengthDuration sd = StrengthDuration.of(w, th);
    ctl.progress(1, "checking the rheobase with a pulse 4 times as long as the longest");
    String rheoReason = Protocols.strengthDurationRheobaseReason(c, sd, 1e-3, p, (t, stop) -> ctl.check());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("circuit", c.name());
    v.putAll(Protocols.strengthDurationValues(sd, rheoReason));
    v.put("width_s", w);
    v.put("threshold_V", sd.thresholds());
    StringBuilder cmd = new StringBuilder("./neuristor neuron sd " + c.name() + " --widths " + r.widths().replace(" ", "")
        + " --max " + num(max));
    appendParams(cmd, p);
    return new Output(new View("strength-duration curve of " + c.name(), List.of(new View.Panel("strength-duration",
        "pulse width (s)", "threshold amplitude (V)", "points", true, true,
        List.of(View.Series.of("threshold", w, sd.thresholds())), List.of(), null)), v,
        cmd.append(" --json").toString(), c.netlist(p, null), "netlist", c.name() + ".sd.csv", List.of()),
        file -> CsvWriter.writeTable(file, List.of("width_s", "threshold_V"), column2(w, sd.thresholds())));
  }

  /** All-or-nothing test: {@code neuron aon NAME --amps ... --width W}. */
  record AonRequest(String circuit, Map<String, String> params, String amps, String width) {
    double widthSeconds() {
      if (blankToNull(width) == null) {
        throw NeuristorException.input("--width: give a value");
      }
      return CliArgs.positive(width, "--width", "s");
    }
  }

  static Output allOrNothing(AonRequest r, JobQueue.Control ctl) {
    NeuronCircuit c = NeuronLibrary.get(r.circuit());
    Map<String, String> p = Protocols.parameters(c, params(r.params()));
    double[] a = numbers(r.amps(), "amps", "V");
    double width = r.widthSeconds();
    double[] responses = new double[a.length];
    boolean[] spiked = new boolean[a.length];
    int done = 0;
    for (double[] chunk : chunks(a)) {
      ctl.progress((double) done / a.length, of("amplitudes", done, chunk.length, a.length));
      AllOrNothing part = Protocols.allOrNothing(c, chunk, width, p);
      System.arraycopy(part.responses(), 0, responses, done, chunk.length);
      System.arraycopy(part.spiked(), 0, spiked, done, chunk.length);
      done += chunk.length;
    }
    ctl.progress(1, "threshold by bisection");
    AllOrNothing aon = Protocols.allOrNothingRefined(c, AllOrNothing.of(a, responses, spiked), width, p,
        FiCurve.DEFAULT_RELATIVE_TOLERANCE, (t, stop) -> ctl.check());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("circuit", c.name());
    v.putAll(Protocols.allOrNothingValues(aon));
    v.put("amplitude_V", a);
    v.put("response_V", aon.responses());
    StringBuilder cmd = new StringBuilder("./neuristor neuron aon " + c.name() + " --amps " + r.amps().replace(" ", "")
        + " --width " + num(width));
    appendParams(cmd, p);
    return new Output(new View("all-or-nothing test of " + c.name(), List.of(new View.Panel("all-or-nothing",
        "pulse amplitude (V)", "response (V)", "points", false, false,
        List.of(View.Series.of("response", a, aon.responses())), List.of(), null)), v,
        cmd.append(" --json").toString(), c.netlist(p, null), "netlist", c.name() + ".aon.csv", List.of()),
        file -> CsvWriter.writeTable(file, List.of("amplitude_V", "response_V"), column2(a, aon.responses())));
  }

  /** Share of the refractory protocol's progress bar that the single pulse takes. */
  static final double SINGLE_PULSE_SHARE = 0.1;

  /** Refractory period by the paired-pulse protocol: {@code neuron run NAME --stim pulse:... --refractory}. */
  static Output refractory(NeuronRequest r, JobQueue.Control ctl) {
    NeuronCircuit c = NeuronLibrary.get(r.circuit());
    Map<String, String> p = Protocols.parameters(c, params(r.params()));
    String stim = blankToNull(r.stim());
    if (stim == null || !stim.toLowerCase(Locale.ROOT).startsWith("pulse:")
        || stim.toLowerCase(Locale.ROOT).contains("period=")) {
      throw NeuristorException.input("--refractory needs a single pulse stimulus, e.g. --stim pulse:amp=0.3,width=100n");
    }
    // progress: the single pulse to 10%, the protocol's runs (its own single pulse, then up to 13 pairs) the rest
    Output single = neuron(r, ctl, 0, SINGLE_PULSE_SHARE);
    ctl.check();
    Map<String, Double> pulse = org.neuristor.neuron.Stimulus.keyValues(stim.substring(stim.indexOf(':') + 1),
        "--stim pulse", Map.of("amp", "V", "width", "s", "t0", "s", "delay", "s"));
    double tstop = number(p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u")), "tstop");
    // as neuron run --refractory: the neuristors' refractoriness is their M1 channel staying on
    Protocols.Refractory ref = Protocols.refractoryPeriod(c, c.refractoryState(), p,
        pulse.getOrDefault("amp", Double.NaN), pulse.getOrDefault("width", 100e-9), tstop,
        (t, stop) -> ctl.progress(SINGLE_PULSE_SHARE + (1 - SINGLE_PULSE_SHARE) * t / stop, refractoryStage(t, stop)));
    Map<String, Object> v = new LinkedHashMap<>(single.view().values());
    v.put("refractory_s", Double.isNaN(ref.seconds()) ? null : ref.seconds());
    if (ref.reason() != null) {
      v.put("refractory_reason", ref.reason());
    }
    View s = single.view();
    return new Output(new View("refractory period of " + c.name(), s.panels(), v,
        s.command().replace(" --json", " --refractory --json"), s.netlist(), "netlist", c.name() + ".refractory.csv",
        List.of()),
        single.csv());
  }

  /**
   * What the refractory protocol is doing at {@code (runs done + fraction of the current run, most runs)} ({@link
   * Protocols#refractoryPeriod}): its first run is the single pulse alone, the others pairs; the bisection may end
   * before the most.
   */
  static String refractoryStage(double t, double most) {
    int run = (int) Math.min(most, Math.floor(t) + 1);
    return (run == 1 ? "the single pulse alone" : "paired pulses") + ": run " + run + " of at most " + (int) most;
  }

  // ---------------------------------------------------------------------------------------------
  // your own device: fit, fit check and device export, run by the commands themselves

  /**
   * A measured file as uploaded: a plain file name, its protocol ({@code iv} or {@code pulse}, the option it goes
   * to), its conditions as written after the colon on the command line ({@code ambient=68.5C,series=50}; blank for
   * none) and its text.
   */
  record DataFile(String name, String kind, String conditions, String text) {}

  /**
   * {@code fit TYPE --iv FILE:COND --pulse FILE:COND ...}, each option as typed (blank: the command's default, not
   * given): {@code fix}, {@code start} and {@code range} as their K=V lists.
   */
  record FitRequest(String type, List<DataFile> files, String columns, String name, String seed, String starts,
      String fix, String start, String range, String maxRows, String iterations) {}

  /** {@code fit check CARD --iv FILE:COND ...}: the card's text and file name, and the held-out files. */
  record FitCheckRequest(String card, String cardName, List<DataFile> files, String columns) {}

  /**
   * {@code device export CARD --name NAME --format FORMAT}: the card's text and file name, the subcircuit's name
   * (blank: the card's) and the format (ngspice, ltspice, verilog-a; blank: ngspice).
   */
  record ExportRequest(String card, String cardName, String name, String format) {}

  /**
   * A fit as {@code fit TYPE ... --out DIR --json} runs it, in process: the command's own code reads every option and
   * file, fits and writes the card, its JSON and parameter table, and the overlays into {@code DIR}, which is
   * {@code OUT/studio/fit-DIGEST/} (the uploaded files are saved there first, so that the command shown runs as it
   * is). The values are the command's {@code --json} output. Progress is the fit's stage by stage; a cancel stops it
   * at its next progress report. A fit that fails or is cancelled leaves no folder.
   */
  static Output fit(FitRequest r, Path studio, JobQueue.Control ctl) {
    List<String> opts = new ArrayList<>();
    option(opts, "--name", r.name());
    option(opts, "--seed", r.seed());
    option(opts, "--starts", r.starts());
    option(opts, "--fix", r.fix());
    option(opts, "--start", r.start());
    option(opts, "--range", r.range());
    option(opts, "--max-rows", r.maxRows());
    option(opts, "--iterations", r.iterations());
    option(opts, "--columns", r.columns());
    String type = blankToNull(r.type()) == null ? "" : r.type().trim();
    if (type.toLowerCase(Locale.ROOT).startsWith("synapse")) {
      // it writes no .model card: nothing for the device page, a netlist or an export to take
      throw NeuristorException.input("the studio fits " + String.join(", ", org.neuristor.fit.FitPlan.types())
          + " (a .model card); a synapse's conductance-vs-pulse data: ./neuristor fit synapse --pulses FILE");
    }
    Ran ran = command(List.of("fit"), List.of(type), r.files(), null, null, opts, studio, ctl,
        l -> new picocli.CommandLine(new org.neuristor.cli.FitCommand().listen(l)));
    String model = String.valueOf(ran.values().get("name"));
    Path card = ran.dir().resolve(model + ".model");
    Path params = ran.dir().resolve(model + ".params.csv");
    return new Output(new View("fit " + type + ": " + model, overlays(ran.dir(), model + "-"), ran.values(),
        ran.command(), read(card), "model card", model + ".params.csv", List.of()), file -> copyFile(params, file));
  }

  /** {@code fit check CARD --iv FILE:COND ... --out DIR --json} in process, as {@link #fit}. */
  static Output fitCheck(FitCheckRequest r, Path studio, JobQueue.Control ctl) {
    String cardName = cardName(r.cardName());
    List<String> opts = new ArrayList<>();
    option(opts, "--columns", r.columns());
    Ran ran = command(List.of("fit", "check"), List.of(), r.files(), cardName, r.card(), opts, studio, ctl,
        l -> new picocli.CommandLine(new org.neuristor.cli.FitCheckCommand().listen(l)));
    String model = ModelCard.parse(r.card(), cardName).name();
    return new Output(new View("fit check " + cardName, overlays(ran.dir(), model + "-check-"), ran.values(),
        ran.command(), r.card(), "model card", null, List.of()), null);
  }

  /**
   * {@code device export CARD --name NAME --format FORMAT --json}: the card as an ngspice or LTspice subcircuit or a
   * Verilog-A module, from the command's code, written to {@code NAME.sub}, {@code NAME.lib} or {@code NAME.va}.
   */
  static Output export(ExportRequest r, Path studio, JobQueue.Control ctl) {
    String cardName = cardName(r.cardName());
    org.neuristor.device.ExportFormat format = blankToNull(r.format()) == null ? org.neuristor.device.ExportFormat.NGSPICE
        : org.neuristor.device.ExportFormat.of(r.format());
    List<String> opts = new ArrayList<>();
    option(opts, "--name", r.name());
    if (format != org.neuristor.device.ExportFormat.NGSPICE) {
      option(opts, "--format", format.label());
    }
    // the subcircuit's name names its file in OUT/studio/: plain only
    String name = blankToNull(r.name()) == null ? null : UploadSandbox.checkName(r.name().trim());
    Ran ran = command(List.of("device", "export"), List.of(), List.of(), cardName, r.card(), opts, studio, ctl, null);
    Map<String, Object> v;
    String sub;
    try {
      v = new LinkedHashMap<>(
          org.neuristor.cli.DeviceCommand.export(ran.dir().resolve(cardName).toString(), List.of(), name, format).asMap());
      sub = String.valueOf(v.get("netlist"));
      Path file = ran.dir().resolve(UploadSandbox.checkName(v.get("name") + "." + format.extension()));
      v.put("file", org.neuristor.io.AtomicFiles.writeString(file, sub).toString());
    } catch (RuntimeException e) {
      // a card that does not export (e.g. with device-to-device spread) leaves no folder
      deleteTree(ran.dir());
      throw e;
    }
    return new Output(new View((format == org.neuristor.device.ExportFormat.VERILOG_A ? "Verilog-A module "
        : format.label() + " subcircuit ") + v.get("name"), List.of(), v, ran.command(), sub,
        format == org.neuristor.device.ExportFormat.VERILOG_A ? "module" : "subcircuit", null, List.of()), null);
  }

  /** A card's file name: plain ({@link UploadSandbox#checkName}), {@code fitted.model} when not given. */
  private static String cardName(String name) {
    return UploadSandbox.checkName(blankToNull(name) == null ? "fitted.model" : name.trim());
  }

  /** What a command run in process gave: its folder, its {@code --json} output and the command line that repeats it. */
  private record Ran(Path dir, Map<String, Object> values, String command) {}

  /** Builds the command line of a command run in process, with the listener of its progress. */
  private interface Cli {
    picocli.CommandLine build(org.neuristor.fit.DeviceFitter.Progress listener);
  }

  /**
   * Saves the uploaded files (and the card) into {@code OUT/studio/WORD-DIGEST/} and runs the command there with
   * {@code --json} ({@code cli} null: only saves them). The digest is of the command and the files, so the same
   * upload and options reuse the folder and another never overwrites it. Nothing stays when the command fails or is
   * cancelled.
   */
  private static Ran command(List<String> words, List<String> lead, List<DataFile> files, String cardName, String card,
      List<String> opts, Path studio, JobQueue.Control ctl, Cli cli) {
    List<DataFile> data = files == null ? List.of() : files;
    if (data.size() > UploadSandbox.MAX_FILES) {
      throw NeuristorException.input("at most " + UploadSandbox.MAX_FILES + " files per upload, got " + data.size());
    }
    StringBuilder key = new StringBuilder(String.join(" ", words)).append(lead).append('\n').append(opts).append('\n');
    java.util.Set<String> names = new java.util.HashSet<>();
    for (DataFile d : data) {
      UploadSandbox.checkName(d.name());
      if (!"iv".equals(d.kind()) && !"pulse".equals(d.kind())) {
        throw NeuristorException.input(d.name() + ": give the protocol of the file: iv (a DC sweep) or pulse (a"
            + " transient), got '" + d.kind() + "'");
      }
      if (!names.add(d.name()) || d.name().equals(cardName)) {
        throw NeuristorException.input(d.name() + " is uploaded twice");
      }
      key.append(d.kind()).append(' ').append(d.name()).append(':').append(d.conditions()).append('\n')
          .append(d.text()).append('\n');
    }
    if (card != null) {
      key.append(cardName).append('\n').append(card);
    }
    String word = words.get(words.size() - 1).equals("check") ? "fit-check" : words.get(words.size() - 1);
    Path dir = studio.resolve(View.runName(word, key.toString(), "").replaceAll("\\.csv$", ""));
    List<String> args = new ArrayList<>(lead);
    if (card != null) {
      args.add(dir.resolve(cardName).toString());
    }
    for (DataFile d : data) {
      String cond = blankToNull(d.conditions()) == null ? "" : ":" + d.conditions().trim();
      args.add("--" + d.kind());
      args.add(dir.resolve(d.name()) + cond);
    }
    args.addAll(opts);
    if (cli != null) {
      args.addAll(List.of("--out", dir.toString(), "--json"));
    }
    String command = "./neuristor " + String.join(" ", words) + " " + String.join(" ", args.stream().map(Shell::quote).toList());
    try {
      deleteTree(dir);
      Files.createDirectories(dir);
      for (DataFile d : data) {
        Files.writeString(dir.resolve(d.name()), d.text() == null ? "" : d.text(), StandardCharsets.UTF_8);
      }
      if (card != null) {
        Files.writeString(dir.resolve(cardName), card, StandardCharsets.UTF_8);
      }
      if (cli == null) {
        return new Ran(dir, Map.of(), command);
      }
      java.io.StringWriter out = new java.io.StringWriter();
      picocli.CommandLine cl = cli.build(new org.neuristor.fit.DeviceFitter.Progress() {
        /** The whole fit's share ({@link org.neuristor.fit.DeviceFitter.Progress#overall}); -1 until told (fit check). */
        private volatile double share = -1;

        @Override
        public void overall(double fraction) {
          share = fraction;
        }

        @Override
        public void update(String stage, long done, long total) {
          // the bar is the whole fit's share, monotone across its stages; the text names the stage and its count
          double s = share;
          ctl.progress(s >= 0 ? s : total > 0 ? Math.min(1, (double) done / total) : 0,
              words.get(0) + " " + stage + ": " + done + " of " + total);
        }
      });
      cl.setOut(new java.io.PrintWriter(out, true));
      java.io.StringWriter err = new java.io.StringWriter();
      cl.setErr(new java.io.PrintWriter(err, true));
      Object task;
      try {
        task = cl.parseArgs(args.toArray(new String[0])).commandSpec().userObject();
      } catch (picocli.CommandLine.ParameterException e) {
        throw NeuristorException.input(e.getMessage());
      }
      ((java.util.concurrent.Callable<?>) task).call();
      @SuppressWarnings("unchecked")
      Map<String, Object> values = org.neuristor.io.Json.mapper().readValue(out.toString(), LinkedHashMap.class);
      // every residual of the fit: the command's JSON file has them, the page's table would drown in them
      values.remove("residuals");
      // what the command says on stderr (skipped rows, a long sweep): the page shows it with the result
      List<String> warnings = err.toString().lines().filter(l -> l.startsWith("warning: "))
          .map(l -> l.substring("warning: ".length())).toList();
      if (!warnings.isEmpty()) {
        values.put("warnings", warnings);
      }
      return new Ran(dir, values, command);
    } catch (RuntimeException | Error e) {
      deleteTree(dir);
      if (ctl.cancelled()) {
        throw new JobQueue.Cancelled();
      }
      throw e;
    } catch (Exception e) {
      deleteTree(dir);
      throw NeuristorException.input("cannot save the upload in " + dir + ": " + e.getMessage());
    }
  }

  /** Adds {@code option value} when the value is given. */
  private static void option(List<String> args, String option, String value) {
    if (blankToNull(value) != null) {
      args.add(option);
      args.add(value.trim());
    }
  }

  /**
   * The overlays the command wrote ({@code PREFIX*.csv}: measured and model current per row), one panel per file:
   * |i| against time for a transient, against voltage for a sweep, on a log axis as the command's plots.
   */
  private static List<View.Panel> overlays(Path dir, String prefix) {
    List<View.Panel> panels = new ArrayList<>();
    try (java.util.stream.Stream<Path> all = Files.list(dir)) {
      for (Path f : all.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        ResultsFolder.Table t = ResultsFolder.Table.read(f);
        boolean transient_ = t.columns().get(0).equals("time_s");
        double[] x = t.numbers(transient_ ? "time_s" : "v_v");
        double[] meas = java.util.Arrays.stream(t.numbers("i_measured_a")).map(Math::abs).toArray();
        double[] model = java.util.Arrays.stream(t.numbers("i_model_a")).map(Math::abs).toArray();
        String name = f.getFileName().toString().substring(prefix.length()).replaceAll("\\.csv$", "");
        panels.add(new View.Panel(name, transient_ ? "time (s)" : "voltage (V)", "|current| (A)", "line", false, true,
            List.of(View.Series.of("measured", x, meas), View.Series.of("model", x, model)), List.of(), null));
      }
    } catch (java.io.IOException e) {
      throw NeuristorException.input("cannot read the overlays in " + dir + ": " + e.getMessage());
    }
    return panels;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw NeuristorException.input("cannot read " + f + ": " + e.getMessage());
    }
  }

  private static Path copyFile(Path from, Path to) {
    try {
      return Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw NeuristorException.input("cannot copy " + from.getFileName() + ": " + e.getMessage());
    }
  }

  /** Deletes a folder of the studio's and what is in it (nothing when it is not there). */
  private static void deleteTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (java.io.IOException e) {
      throw NeuristorException.input("cannot clear " + dir + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // devices

  /**
   * A device selection (type, preset or type:preset) with parameter overrides, or instead of the
   * selection the text of a {@code .model} card (e.g. one written by {@code fit}) and its file name.
   */
  record DeviceRequest(String model, Map<String, String> params, String amp, String rate, String series,
      String width, String devices, String seed, String card, String cardName) {
    /** The amplitude in V, or null when not given; {@code what} names it as the command does. */
    Double ampVolts(String what) {
      return blankToNull(amp) == null ? null : CliArgs.finite(amp, what, "V");
    }

    /** The sweep rate in V/s, or null when not given. */
    Double rateVoltsPerSecond() {
      return blankToNull(rate) == null ? null : CliArgs.finite(rate, "rate", "V/s");
    }

    /** The series resistance in Ohm (0 when not given). */
    double seriesOhms() {
      return blankToNull(series) == null ? 0 : CliArgs.nonNegative(series, "--series", "Ohm");
    }

    /** The pulse width in s, or null when not given. */
    Double widthSeconds() {
      return blankToNull(width) == null ? null : CliArgs.positive(width, "--width", "s");
    }

    int deviceCount() {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, whole(devices, "--devices", 50)));
    }

    long seedValue() {
      return whole(seed, "--seed", 1);
    }
  }

  /**
   * The device under test of a request.
   *
   * @param params preset or card values with the request's overrides on top
   * @param label what the page calls it
   * @param spec what the CLI command names: the type/preset, or the card's file name
   * @param card the uploaded card's text, or null
   */
  record Dut(DeviceRegistry.Selection sel, Map<String, Object> params, String label, String spec, String card) {}

  /**
   * A request's device: a type or preset from the menu, or an uploaded {@code .model} card, read as
   * the CLI reads a card file ({@link ModelCard#parse}) but from the uploaded text: the studio never
   * opens a path a request names (a model named like a file is just an unknown device type).
   */
  static Dut dut(DeviceRequest r) {
    if (r.card() != null) {
      String file = UploadSandbox.checkName(r.cardName() == null || r.cardName().isBlank() ? "fitted.model"
          : r.cardName().trim());
      ModelCard card = ModelCard.parse(r.card(), file);
      Map<String, Object> params = new LinkedHashMap<>(card.params());
      params.putAll(params(r.params()));
      return new Dut(new DeviceRegistry.Selection(DeviceRegistry.type(card.type()), null), params,
          card.name() + " (" + card.type() + ", " + file + ")", file, r.card());
    }
    if (r.model() == null || r.model().isBlank()) {
      throw NeuristorException.input("give a device type or preset, or a .model card");
    }
    DeviceRegistry.Selection sel = DeviceRegistry.lookup(r.model().trim());
    return new Dut(sel, deviceParams(sel, r.params()), label(sel), r.model().trim(), null);
  }

  /** The card's parameter values and the default I-V amplitude, for the page's fields. */
  static Map<String, Object> card(DeviceRequest r) {
    Dut d = dut(r);
    Map<String, Double> resolved = DeviceRegistry.resolve(d.sel().type().type(), d.params());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", d.label());
    out.put("type", d.sel().type().type());
    out.put("file", d.spec());
    out.put("params", resolved);
    out.put("iv_amp", IvSweep.defaultAmplitude(resolved));
    return out;
  }

  /** I-V hysteresis: {@code iv MODEL --sweep triangle:amp=A,rate=R}. */
  static Output iv(DeviceRequest r, JobQueue.Control ctl) {
    Dut d = dut(r);
    DeviceRegistry.Selection sel = d.sel();
    Map<String, Object> params = d.params();
    Map<String, Double> resolved = DeviceRegistry.resolve(sel.type().type(), params);
    double rs = r.seriesOhms();
    Double a = r.ampVolts("amp");
    Double rt = r.rateVoltsPerSecond();
    if (a != null && !(a > 0) || rt != null && !(rt > 0)) {
      throw NeuristorException.input("--sweep: amp and rate must be positive and finite");
    }
    ctl.check();
    // as iv: without an amplitude the sweep doubles it until the device switches
    java.util.function.Supplier<org.neuristor.circuit.Element> dev = () -> DeviceRegistry.create(sel.type().type(),
        "dut", List.of("a", "0"), params, seedOf(r));
    IvSweep.Result res = IvSweep.sweep(dev, resolved, a != null ? a : Double.NaN, rt != null ? rt : Double.NaN, rs, 0);
    double amp = res.amplitude();
    double rate = rt != null ? rt : IvSweep.defaultRate(amp);
    Trace t = res.trace();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("model", d.label());
    v.put("amp_V", amp);
    v.put("rate_V_per_s", rate);
    v.put("positive", IvCommand.branch(res.positive()));
    v.put("negative", IvCommand.negative(res));
    v.put("negative_fresh", IvCommand.branch(res.negativeFresh()));
    List<View.Marker> marks = new ArrayList<>();
    mark(marks, "V_th", res.positive().vthVolts());
    mark(marks, "V_hold", res.positive().vholdVolts());
    mark(marks, "-V_th", -res.negative().vthVolts());
    mark(marks, "-V_hold", -res.negative().vholdVolts());
    double[] absI = t.get("i").clone();
    for (int k = 0; k < absI.length; k++) {
      absI[k] = Math.abs(absI[k]);
    }
    String cmd = "./neuristor iv " + Shell.quote(d.spec()) + " --sweep triangle:amp=" + num(amp) + ",rate=" + num(rate)
        + (rs > 0 ? " --series " + num(rs) : "") + deviceParamArgs(r.params()) + " --json";
    return new Output(new View("I-V of " + d.label(), List.of(new View.Panel("I-V", "device voltage (V)",
        "|current| (A)", "line", false, true, List.of(View.Series.of("|i|", t.get("v"), absI)), marks, null)),
        v, cmd, modelCard(d, r.params(), "triangle sweep " + num(amp) + " V at " + num(rate) + " V/s"
            + (rs > 0 ? " through " + num(rs) + " Ohm" : "")), "model card", "iv-" + base(d)
            + ".csv", List.of()), file -> CsvWriter.write(file, t));
  }

  /** Pulse response: {@code pulse MODEL --amp A --width W}. */
  static Output pulse(DeviceRequest r, JobQueue.Control ctl) {
    Dut d = dut(r);
    DeviceRegistry.Selection sel = d.sel();
    Map<String, Object> params = d.params();
    Double amp = r.ampVolts("--amp");
    Double width = r.widthSeconds();
    if (amp == null || width == null) {
      throw NeuristorException.input("give --amp and --width");
    }
    double rs = r.seriesOhms();
    ctl.check();
    PulseResponse.Result p = PulseResponse.run(sel.type().type(), params, seedOf(r), amp, width, rs, 5 * width);
    Trace t = p.trace();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("model", d.label());
    v.put("amp_V", amp);
    v.put("width_s", width);
    v.put("switched", p.switched());
    v.put("delay_s", p.delaySeconds());
    v.put("relaxation_s", p.relaxationSeconds());
    v.put("switching_energy_J", p.switchingEnergyJoules());
    if (p.reason() != null) {
      v.put("reason", p.reason());
    }
    List<View.Panel> panels = List.of(panel("voltage", t, "v", "device voltage (V)"),
        panel("current", t, "i", "device current (A)"), panel("state", t, "s", "device state s"));
    String cmd = "./neuristor pulse " + Shell.quote(d.spec()) + " --amp " + num(amp) + " --width " + num(width)
        + (rs > 0 ? " --series " + num(rs) : "") + deviceParamArgs(r.params()) + " --json";
    return new Output(new View("pulse response of " + d.label(), panels, v, cmd, modelCard(d, r.params(),
        "one pulse of " + num(amp) + " V for " + num(width) + " s" + (rs > 0 ? " through " + num(rs)
            + " Ohm" : "")), "model card", "pulse-" + base(d) + ".csv", List.of()),
        file -> CsvWriter.write(file, t));
  }

  /** Monte Carlo of V_th over sampled devices: {@code iv MODEL --devices N --seed S}. */
  static Output monteCarlo(DeviceRequest r, JobQueue.Control ctl) {
    Dut dut = dut(r);
    DeviceRegistry.Selection sel = dut.sel();
    Map<String, Object> params = dut.params();
    int n = r.deviceCount();
    if (n < 2 || n > 2000) {
      throw NeuristorException.input("--devices must be 2..2000 here");
    }
    params.putIfAbsent("d2d_v", "0.05");
    params.putIfAbsent("d2d_r", "0.2");
    Map<String, Double> resolved = DeviceRegistry.resolve(sel.type().type(), params);
    Double a = r.ampVolts("amp");
    Double rt = r.rateVoltsPerSecond();
    if (a != null && !(a > 0) || rt != null && !(rt > 0)) {
      throw NeuristorException.input("--sweep: amp and rate must be positive and finite");
    }
    double amp = a != null ? a : IvSweep.defaultAmplitude(resolved);
    double rate = rt != null ? rt : IvSweep.defaultRate(amp);
    long seed = seedOf(r);
    double[] vth = new double[n];
    double[] vhold = new double[n];
    for (int d = 0; d < n; d++) {
      ctl.progress((double) d / n, "device " + (d + 1) + " of " + n);
      IvSweep.Result res = IvSweep.triangle(DeviceRegistry.create(sel.type().type(), "dut", List.of("a", "0"), params,
          seed + d), amp, rate, 0, 0, IvSweep.resolution(amp));
      vth[d] = res.positive().vthVolts();
      vhold[d] = res.positive().vholdVolts();
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("model", dut.label());
    // as iv --devices N --json: how many switched, and the statistics over those
    IvCommand.monteCarlo(v::put, vth, vhold);
    double[][] h = histogram(vth, Math.max(5, n / 5));
    List<List<Object>> rows = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      rows.add(java.util.Arrays.asList(d, seed + d, finite(vth[d]), finite(vhold[d])));
    }
    String cmd = "./neuristor iv " + Shell.quote(dut.spec()) + " --devices " + n + " --seed " + seed + " --sweep triangle:amp="
        + num(amp) + ",rate=" + num(rate) + deviceParamArgs(r.params()) + " --json";
    return new Output(new View("V_th over " + n + " devices of " + dut.label(), List.of(new View.Panel("V_th histogram",
        "V_th (V)", "devices", "bars", false, false, List.of(View.Series.of("devices", h[0], h[1])), List.of(), null)),
        v, cmd, modelCard(dut, r.params(), n + " devices, seeds " + seed + ".." + (seed + n - 1)
            + ", device-to-device spread d2d_v=" + params.get("d2d_v") + " d2d_r=" + params.get("d2d_r")),
        "model card", "iv-mc-" + base(dut) + ".csv", List.of()),
        file -> CsvWriter.writeTable(file, List.of("device", "seed", "vth_V", "vhold_V"), rows));
  }

  // ---------------------------------------------------------------------------------------------
  // biological models

  /** A model run: {@code model run MODEL --param k=v --stim SPEC --duration T}. */
  record ModelRequest(String model, Map<String, String> params, List<String> stim, String duration, Long seed) {}

  static Output model(ModelRequest r, JobQueue.Control ctl) {
    ModelKind k = ModelKind.parse(r.model());
    Map<String, Double> over = new LinkedHashMap<>();
    Map<String, String> given = params(r.params());
    for (Map.Entry<String, String> e : given.entrySet()) {
      try {
        over.put(e.getKey(), k.parameter(e.getKey()).parse(e.getValue()));
      } catch (org.neuristor.ModelParameterException ex) {
        throw new org.neuristor.ModelParameterException(ex.parameter(), "--param: " + ex.getMessage());
      }
    }
    NeuronModel m = NeuronModel.of(k).with(over);
    String duration = r.duration() == null || r.duration().isBlank() ? "200ms" : r.duration().trim();
    double durMs = number(duration, "--duration", "s") * 1e3;
    if (!(durMs > 0) || durMs > 100_000) {
      throw NeuristorException.input("--duration must be in (0, 100 s]");
    }
    List<String> stims = r.stim() == null ? List.of() : r.stim().stream().filter(s -> !s.isBlank()).toList();
    Stimulus stim = ModelRun.stimulus(stims, k);
    long seed = r.seed() == null ? 1 : r.seed();
    ctl.check();
    ModelRun run = ModelRun.run(m, stim, durMs, k.defaultDtMs(), k.defaultMethod(), Noise.NONE, seed);
    NeuronSimulation.Result res = run.result();
    Trace t = res.trace();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("model", k.cliName());
    v.put("method", res.method().cliName());
    v.put("spikes", res.spikeTimesSeconds().length);
    // the keys and nulls (with their reasons) of model run --json, from the same code
    run.putFeatures(v::put, m);
    v.put("spike_times_s", res.spikeTimesSeconds());
    List<View.Panel> panels = new ArrayList<>();
    panels.add(panel("stimulus", ModelRun.stimulusInModelUnit(t, k), "i",
        Plotter.plainTitle("stimulus", k.currentUnit())));
    panels.add(panel("membrane", t, "v", "membrane (V)"));
    if (t.has("w")) {
      panels.add(panel("adaptation", t, "w", "adaptation w (A)"));
    } else if (t.has("u")) {
      panels.add(panel("recovery", t, "u", "recovery u"));
    }
    StringBuilder cmd = new StringBuilder("./neuristor model run " + k.cliName());
    for (Map.Entry<String, String> e : given.entrySet()) {
      cmd.append(" --param ").append(Shell.quote(e.getKey() + "=" + e.getValue()));
    }
    for (String s : stims) {
      cmd.append(" --stim ").append(Shell.quote(s));
    }
    cmd.append(" --duration ").append(Shell.quote(duration)).append(" --json");
    StringBuilder file = new StringBuilder("# ./neuristor model run --file this.yaml\nmodel: " + k.cliName()
        + "\nmethod: " + res.method().cliName() + "\nparameters:\n");
    for (ParameterSpec p : k.parameters()) {
      double x = m.get(p.name());
      if (!Double.isNaN(x)) {
        file.append("  ").append(p.name()).append(": ").append(num(x)).append("   # ").append(p.unit()).append('\n');
      }
    }
    return new Output(new View(k.title() + (run.pattern().pattern() == null ? "" : ": " + run.pattern().label()), panels, v, cmd.toString(),
        file.toString(), "model file", "model-" + k.cliName() + ".csv", List.of()), out -> CsvWriter.write(out, t));
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** One panel of one signal, min/max-decimated for the screen. */
  static View.Panel panel(String label, Trace t, String signal, String yLabel) {
    double[][] d = Plotter.decimate(t.axis(), t.get(signal), PLOT_COLUMNS);
    String x = t.axisName().equals("time") ? "time (s)" : t.axisName();
    return View.Panel.line(label, x, yLabel, List.of(View.Series.of(signal, d[0], d[1])));
  }

  private static Map<String, String> params(Map<String, String> given) {
    Map<String, String> p = new LinkedHashMap<>();
    if (given != null) {
      for (Map.Entry<String, String> e : given.entrySet()) {
        String k = e.getKey().trim().toLowerCase(Locale.ROOT);
        String val = e.getValue() == null ? "" : e.getValue().trim();
        if (k.isEmpty() || val.isEmpty()) {
          throw NeuristorException.input("--param needs key=value, got '" + e.getKey() + "=" + val + "'");
        }
        p.put(k, val);
      }
    }
    return p;
  }

  private static Map<String, Object> deviceParams(DeviceRegistry.Selection sel, Map<String, String> given) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (sel.preset() != null) {
      params.put("preset", sel.preset());
    }
    params.putAll(params(given));
    return params;
  }

  private static void appendParams(StringBuilder cmd, Map<String, String> p) {
    for (Map.Entry<String, String> e : p.entrySet()) {
      cmd.append(" --param ").append(Shell.quote(e.getKey() + "=" + e.getValue()));
    }
  }

  private static String deviceParamArgs(Map<String, String> given) {
    StringBuilder sb = new StringBuilder();
    appendParams(sb, params(given));
    return sb.toString();
  }

  /** The device's model card: the uploaded card as it was, or one of the selection and overrides. */
  private static String modelCard(Dut d, Map<String, String> given, String bench) {
    if (d.card() != null) {
      StringBuilder sb = new StringBuilder("* test bench: " + bench + "\n");
      if (!params(given).isEmpty()) {
        sb.append("* with --param ").append(params(given).toString().replaceAll("[{}]", "")).append('\n');
      }
      return sb.append(d.card().endsWith("\n") ? d.card() : d.card() + "\n").toString();
    }
    DeviceRegistry.Selection sel = d.sel();
    StringBuilder sb = new StringBuilder("* test bench: " + bench + "\n* device line: N<name> n+ n- dut\n.model dut "
        + sel.type().type() + " (");
    List<String> kv = new ArrayList<>();
    if (sel.preset() != null) {
      kv.add("preset=" + sel.preset());
    }
    for (Map.Entry<String, String> e : params(given).entrySet()) {
      kv.add(e.getKey() + "=" + e.getValue());
    }
    return sb.append(String.join(" ", kv)).append(")\n").toString();
  }

  /** A file-name stem for the device's CSV. */
  private static String base(Dut d) {
    return (d.card() != null ? d.spec().replaceFirst("(?i)\\.model$", "") : d.spec()).replaceAll("[^A-Za-z0-9._-]", "-");
  }

  private static String label(DeviceRegistry.Selection sel) {
    return sel.type().type() + (sel.preset() == null ? "" : ":" + sel.preset());
  }

  private static long seedOf(DeviceRequest r) {
    return r.seedValue();
  }

  /** A required number of a request, read as the CLI reads the option {@code what}. */
  static double required(String s, String what, String unit) {
    if (blankToNull(s) == null) {
      throw NeuristorException.input(what + ": give a value");
    }
    return CliArgs.finite(s, what, unit);
  }

  /** A whole number of a request (the default when not given), or a user error naming {@code what}. */
  static long whole(String s, String what, long otherwise) {
    String t = blankToNull(s);
    if (t == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw NeuristorException.input(what + ": not a whole number: '" + t + "'");
    }
  }

  private static void mark(List<View.Marker> marks, String label, double x) {
    if (Double.isFinite(x)) {
      marks.add(new View.Marker(label, x));
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Bin left edges and counts of the finite values (equal-width bins over their range). */
  static double[][] histogram(double[] values, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi >= lo)) {
      return new double[][] {new double[0], new double[0]};
    }
    double w = hi > lo ? (hi - lo) / bins : Math.max(Math.abs(lo) * 1e-3, 1e-12);
    double[] edges = new double[bins];
    double[] counts = new double[bins];
    for (int b = 0; b < bins; b++) {
      edges[b] = lo + b * w;
    }
    for (double v : values) {
      if (Double.isFinite(v)) {
        counts[(int) Math.min(bins - 1, Math.floor((v - lo) / w))]++;
      }
    }
    return new double[][] {edges, counts};
  }

  private static List<List<Object>> column2(double[] x, double[] y) {
    List<List<Object>> rows = new ArrayList<>();
    for (int k = 0; k < x.length; k++) {
      rows.add(java.util.Arrays.asList(x[k], finite(y[k])));
    }
    return rows;
  }

  /**
   * Consecutive pieces of one value per core, at least two each (the all-or-nothing analysis needs
   * two); protocol inputs run in parallel within a piece, and a cancel stops between pieces.
   */
  private static List<double[]> chunks(double[] xs) {
    int n = Math.max(2, Runtime.getRuntime().availableProcessors());
    List<double[]> out = new ArrayList<>();
    int k = 0;
    while (k < xs.length) {
      int end = xs.length - (k + n) == 1 ? xs.length : Math.min(xs.length, k + n);
      out.add(java.util.Arrays.copyOfRange(xs, k, end));
      k = end;
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static double number(String s, String what) {
    return number(s, what, SpiceNumber.ANY_UNIT);
  }

  /** A number in {@code unit} as the CLI reads it (SPICE suffixes, units converted or refused). */
  static double number(String s, String what, String unit) {
    return org.neuristor.cli.CliArgs.number(s, what, unit);
  }

  private static double[] numbers(String list, String what, String unit) {
    if (list == null || list.isBlank()) {
      throw NeuristorException.input(what + ": give a comma-separated list");
    }
    String[] parts = list.split(",");
    double[] out = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      out[k] = number(parts[k], what, unit);
    }
    return out;
  }

  /** A number as the CLI accepts it back (shortest round-trip form). */
  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
