package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.ParameterSpec;
import org.neuristor.fit.DataSpec;
import org.neuristor.fit.DeviceFitter;
import org.neuristor.fit.FitPlan;
import org.neuristor.fit.FitProblem;
import org.neuristor.fit.FreeParameter;
import org.neuristor.fit.IvFeatures;
import org.neuristor.fit.Measurement;
import org.neuristor.fit.ModelCard;
import org.neuristor.fit.SynapseFit;
import org.neuristor.io.AtomicFiles;
import org.neuristor.io.Json;
import org.neuristor.io.LocatedTree;
import org.neuristor.io.MeasuredData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor fit TYPE --iv FILE --pulse FILE ... --out DIR}: fits a device model to measured
 * files (protocols simulated with the engine; see {@link DeviceFitter}) and writes the model card,
 * the parameter table with standard errors and correlations, metrics per file, overlay plots.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fit a device model to measured data: DC sweeps (--iv), pulse transients (--pulse), or synapse "
        + "conductance-vs-pulse data (--pulses, type synapse).",
        "Writes DIR/NAME.model (a .model card for netlists and every command that takes a device), NAME.fit.json, "
        + "NAME.params.csv (values, standard errors, correlations) and overlay plots of measured vs model.",
        "Conditions per file: FILE:ambient=68.5C,series=50,compliance=0.1, or any device parameter (then for that "
        + "file only); 'fit' fits a condition for that file alone (ambient=fit). Temperatures are in K unless "
        + "written with C. The whole VO2 walk-through is in docs/fitting.md."},
    footer = {"", "Examples:",
        "  ./neuristor fit vo2 --iv sweep.csv:ambient=fit --pulse p5V.csv:ambient=68.5C",
        "  ./neuristor fit ts --iv sweep.csv:series=1k --out out/tsfit --json",
        "  ./neuristor fit synapse --pulses examples/data/synapse-gong/gong_et_al.csv",
        "  ./neuristor fit check out/vo2fit.model --pulse p6V.csv:ambient=68.5C"},
    subcommands = {FitCheckCommand.class})
@JsonKeys({"model", "type", "model_card", "evaluations", "simulations", "wall_s", "cost", "parameters", "files",
    "fit_json", "params_csv", "plots", "card_ok", "card_problems", "not_identified", "held"})
public final class FitCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE",
      description = "ts, mott, vo2, diffusive, ots or synapse (optionally type:preset, the starting point).")
  String type;

  @Mixin FitData data;

  @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: TYPE + 'fit').")
  String name;

  @Option(names = "--fix", paramLabel = "K=V", split = ",", description = "Hold device parameters at these values (in their units).")
  List<String> fix = new ArrayList<>();

  @Option(names = "--start", paramLabel = "K=V", split = ",", description = "Start free parameters here (in their units).")
  List<String> start = new ArrayList<>();

  @Option(names = "--range", paramLabel = "K=LO:HI", split = ",", description = "Search range of a free parameter (in its unit).")
  List<String> range = new ArrayList<>();

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the global stage (default: ${DEFAULT-VALUE}); the same seed gives the same fit.")
  long seed;

  @Option(names = "--starts", defaultValue = "8", description = "Random candidates of the global stage; in a staged fit also the joint stage's hops (default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(names = "--polish", defaultValue = "1", description = "Best candidates refined by Levenberg-Marquardt (default: ${DEFAULT-VALUE}).")
  int polish;

  @Option(names = "--iterations", defaultValue = "60", description = "Levenberg-Marquardt iterations per candidate (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--global", defaultValue = "starts", description = "Global stage: starts (Latin hypercube) or cmaes (default: ${DEFAULT-VALUE}).")
  String global;

  @Option(names = "--joint", description = "One Levenberg-Marquardt run over all parameters from their starts, instead of staging files that have conditions of their own.")
  boolean joint;

  @Option(names = "--threads", description = "Worker threads (default: all cores; results do not depend on it).")
  Integer threads;

  @Option(names = "--max-rows", paramLabel = "N", description = "Fit a DC sweep of more than N rows on every k-th row "
      + "(k = rows/N rounded up) and the rows around its jumps and of its largest |V|; the reports use every row "
      + "(default: every row).")
  Integer maxRows;

  /** Rows of a sweep above which fit suggests --max-rows. */
  static final int LONG_SWEEP = 20_000;

  @Mixin OutputOptions output;

  /** Told each stage's progress besides the bar on stderr (the studio's progress and cancel); may throw to stop. */
  private DeviceFitter.Progress listener;

  /** Tells {@code l} the fit's progress (stage, done, total) as the bar on stderr shows it. */
  public FitCommand listen(DeviceFitter.Progress l) {
    listener = l;
    return this;
  }

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    if (type == null) {
      throw NeuristorException.input("fit: missing TYPE (" + String.join(", ", FitPlan.types()) + ", synapse) or 'check'");
    }
    if (name != null && !LocatedTree.isFileStem(name)) {
      // --name ../x wrote the model card outside --out, --name '' hidden files
      throw NeuristorException.input("--name " + LocatedTree.FILE_STEM_RULE + ", got '" + name + "'");
    }
    String[] ts = type.toLowerCase(Locale.ROOT).split(":", 2);
    if (ts[0].equals("synapse")) {
      return synapse(t0);
    }
    if (!FitPlan.types().contains(ts[0])) {
      throw NeuristorException.input("fit: type '" + type + "' cannot be fitted (fit types: "
          + String.join(", ", FitPlan.types()) + ", synapse)");
    }
    List<Measurement> files = data.load(false, output);
    if (files.isEmpty()) {
      throw NeuristorException.input("fit: give at least one measured file with --iv or --pulse");
    }
    requireSwitching(files);
    FitPlan declared = FitPlan.of(ts[0], ts.length > 1 ? ts[1] : null);
    FitPlan plan = declared.forData(files, named());
    plan = plan.withFree(adjust(plan, plan.free()));
    Map<String, Double> fixed = values(fix, "--fix", plan.type());
    FitProblem problem = FitProblem.of(plan, fixed, files);
    if (maxRows != null && maxRows < 3) {
      throw NeuristorException.input("--max-rows must be at least 3, got " + maxRows);
    }
    FitProblem fitted = maxRows == null ? problem : FitProblem.of(plan, fixed, files, maxRows);
    sayRows(files, fitted);
    String modelName = name != null ? name : plan.type() + "fit";
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (nThreads < 1) {
      throw NeuristorException.input("--threads must be at least 1");
    }
    DeviceFitter.Global g = switch (global.toLowerCase(Locale.ROOT)) {
      case "starts" -> DeviceFitter.Global.STARTS;
      case "cmaes" -> DeviceFitter.Global.CMAES;
      default -> throw NeuristorException.input("--global: starts or cmaes, got '" + global + "'");
    };
    if (starts < 0 || polish < 1 || iterations < 0) {
      throw NeuristorException.input("--starts must be >= 0, --polish >= 1, --iterations >= 0");
    }
    Path dir = output.outDir();
    DeviceFitter.Result r;
    try (StageBar bar = new StageBar(output, listener)) {
      r = DeviceFitter.fit(fitted, new DeviceFitter.Options(seed, starts, polish, iterations, g, !joint), nThreads, bar);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    List<Map<String, Object>> metrics = FitOutputs.fileMetrics(output, problem, r.u(), dir, modelName);
    ModelCard card = ModelCard.of(modelName, plan.type(), r.params());
    List<String> problems = FitOutputs.cardProblems(problem, r.params(), metrics,
        "; try more --starts or --start/--range vth near the measured threshold");
    List<Map<String, Object>> paramRows = FitOutputs.parameterRows(problem, r);
    Map<String, Object> held = held(declared, plan, r.params(), fixed.keySet());
    List<String> comments = new ArrayList<>();
    comments.add("Neuristor fitted model: " + plan.type() + ", " + String.format(Locale.ROOT, "cost %.6g, %d model evaluations, seed %d",
        r.cost(), r.evaluations(), seed));
    for (String p : problems) {
      comments.add("WARNING: the card does not reproduce the data: " + p);
    }
    for (int f = 0; f < files.size(); f++) {
      int rows = fitted.files().get(f).data().rows();
      comments.add("data: " + files.get(f).spec().kind().option() + " " + files.get(f).spec() + "  fitted conditions "
          + fmt(problem.conditions(r.u(), f)) + (rows < files.get(f).rows()
          ? String.format(Locale.ROOT, "  fitted on %d of %d rows (--max-rows %d)", rows, files.get(f).rows(), maxRows) : ""));
    }
    comments.add("use: .include this file, then N1 a b " + modelName);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", plan.type());
    json.put("name", modelName);
    FitOutputs.cardJson(json, problems);
    json.put("parameters", paramRows);
    json.put("not_identified", FitOutputs.notIdentified(paramRows));
    json.put("held", held);
    json.put("correlations", FitOutputs.correlations(problem, r));
    for (int f = 0; f < files.size(); f++) {
      if (fitted.files().get(f).data().rows() < files.get(f).rows()) {
        metrics.get(f).put("fitted_rows", fitted.files().get(f).data().rows());
      }
    }
    json.put("files", metrics);
    json.put("cost", r.cost());
    json.put("residuals", r.residuals());
    json.put("evaluations", r.evaluations());
    json.put("simulations", r.simulations());
    json.put("failed_simulations", r.failures());
    json.put("seed", seed);
    json.put("threads", nThreads);
    json.put("wall_s", wall);
    Path jsonFile = AtomicFiles.writeString(dir.resolve(modelName + ".fit.json"), Json.write(json) + "\n");
    Path csv = FitOutputs.parameterCsv(dir.resolve(modelName + ".params.csv"), paramRows);
    Path modelFile = card.write(dir.resolve(modelName + ".model"), comments);
    Summary s = new Summary();
    s.put("model", modelFile.toString());
    s.put("type", plan.type());
    FitOutputs.sayCard(output, problems, s);
    for (Map<String, Object> row : paramRows) {
      s.put(String.valueOf(row.get("label")), row.get("value") + (row.get("std_err") == null ? "" : " +- " + row.get("std_err"))
          + (Boolean.TRUE.equals(row.get("identified")) ? "" : "  (not identified: " + row.get("identified_reason") + ")"));
    }
    held.forEach((k, v) -> s.put(k, ((Map<?, ?>) v).get("value") + "  (" + ((Map<?, ?>) v).get("reason") + ")"));
    String fixHint = FitOutputs.fixHint(paramRows);
    if (fixHint != null) {
      s.put("not_identified", fixHint);
    }
    for (Map<String, Object> m : metrics) {
      s.put("file " + Path.of(String.valueOf(m.get("file"))).getFileName(), FitOutputs.brief(m));
    }
    s.put("cost", r.cost());
    s.put("evaluations", r.evaluations());
    s.put("wall_s", wall);
    s.put("json", jsonFile.toString());
    s.put("params_csv", csv.toString());
    FitOutputs.print(output, json, s);
    return 0;
  }

  private Integer synapse(long t0) {
    if (data.pulses == null || data.pulses.isEmpty()) {
      throw NeuristorException.input("fit synapse: give the conductance-vs-pulse file with --pulses");
    }
    if (!data.iv.isEmpty() || !data.pulse.isEmpty()) {
      throw NeuristorException.input("fit synapse takes --pulses files only");
    }
    if (data.pulses.size() > 1) {
      throw NeuristorException.input("fit synapse: one --pulses file (potentiation and depression columns)");
    }
    DataSpec spec = DataSpec.parse(DataSpec.Kind.PULSES, data.pulses.get(0));
    for (String k : spec.conditions().keySet()) {
      if (!k.equals("potentiation") && !k.equals("depression")) {
        throw NeuristorException.input("--pulses " + spec + ": unknown condition '" + k
            + "' (potentiation=COLUMN, depression=COLUMN: names or 1-based numbers)");
      }
    }
    String first = spec.conditions().getOrDefault("potentiation", "1");
    MeasuredData p = MeasuredData.read(Path.of(spec.file()), Map.of(MeasuredData.Role.CONDUCTANCE, first), false,
        MeasuredData.Role.CONDUCTANCE);
    String second = spec.conditions().getOrDefault("depression", "2");
    MeasuredData d = MeasuredData.read(Path.of(spec.file()), Map.of(MeasuredData.Role.CONDUCTANCE, second), false,
        MeasuredData.Role.CONDUCTANCE);
    SynapseFit.Result r;
    try {
      r = SynapseFit.fit(p.get(MeasuredData.Role.CONDUCTANCE), d.get(MeasuredData.Role.CONDUCTANCE), seed);
    } catch (NeuristorException e) {
      // what is wrong with the data, said of the file
      throw new NeuristorException(spec.file() + ": " + e.getMessage(), e.exitCode(), e);
    }
    String modelName = name != null ? name : "synapsefit";
    Path dir = output.outDir();
    Map<String, Object> json = r.toJson();
    json.put("file", spec.file());
    json.put("seed", seed);
    json.put("wall_s", (System.nanoTime() - t0) / 1e9);
    Path jsonFile = AtomicFiles.writeString(dir.resolve(modelName + ".synapse.json"), Json.write(json) + "\n");
    if (output.plot()) {
      FitOutputs.synapsePlot(output, dir, modelName, p.get(MeasuredData.Role.CONDUCTANCE), d.get(MeasuredData.Role.CONDUCTANCE), r);
    }
    if (output.json()) {
      output.out().println(Json.write(json));
      output.out().flush();
    } else {
      Summary s = new Summary();
      json.forEach((k, v) -> {
        if (!(v instanceof Map)) {
          s.put(k, v);
        }
      });
      s.put("json", jsonFile.toString());
      s.print(output.out(), false);
    }
    return 0;
  }

  /**
   * Says which sweeps --max-rows thinned ({@link Measurement#thinned}); without it a sweep of more than
   * {@link #LONG_SWEEP} rows gets a hint (every evaluation simulates every row: an operating point of the device each).
   */
  private void sayRows(List<Measurement> files, FitProblem fitted) {
    for (int f = 0; f < files.size(); f++) {
      Measurement m = files.get(f);
      int rows = fitted.files().get(f).data().rows();
      if (rows < m.rows()) {
        output.warn(String.format(Locale.ROOT, "%s: %d rows; fitted on %d of them (one row in %d, and the rows around its"
            + " jumps and of its largest |V|: --max-rows %d); its jumps, crossings and low-bias resistance are read from"
            + " every row, and the reports simulate every row", m.spec().file(), m.rows(), rows,
            (m.rows() + maxRows - 1) / maxRows, maxRows));
      } else if (maxRows == null && !m.isTransient() && m.rows() > LONG_SWEEP) {
        output.warn(String.format(Locale.ROOT, "%s: %d rows, each an operating point of the device in every evaluation of"
            + " the fit; --max-rows %d fits it on one row in %d", m.spec().file(), m.rows(), LONG_SWEEP / 2,
            (m.rows() + LONG_SWEEP / 2 - 1) / (LONG_SWEEP / 2)));
      }
    }
  }

  /** A sweep that never switches cannot identify a switching model's threshold: refuse it. */
  static void requireSwitching(List<Measurement> files) {
    boolean any = false;
    String none = null;
    for (Measurement m : files) {
      if (m.isTransient()) {
        any = true;
      } else {
        IvFeatures.Step s = IvFeatures.rise(m.voltage(), m.current());
        if (s.switched()) {
          any = true;
        } else if (none == null) {
          none = String.format(Locale.ROOT, "%s: the sweep never switches (largest conductance step between rows x%.3g, a switch"
              + " needs x%.0f), so a switching model's threshold and hold cannot be identified from it; add a sweep that"
              + " switches or a pulse file, or fix them with --fix", m.spec().file(), s.factor(), IvFeatures.JUMP);
        }
      }
    }
    if (!any && none != null) {
      throw NeuristorException.input(none);
    }
  }

  /** The parameters named by --start and --range (they stay free whatever the data, {@link FitPlan#forData}). */
  private java.util.Set<String> named() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String kv : start) {
      out.add(kv.split("=", 2)[0].trim().toLowerCase(Locale.ROOT));
    }
    for (String kv : range) {
      out.add(kv.split("=", 2)[0].trim().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /**
   * The free parameters of the declared plan that the data's plan holds ({@link FitPlan#forData}), with their values
   * and why: without a transient, a DC sweep does not depend on them (those the user fixed with --fix are not listed).
   */
  static Map<String, Object> held(FitPlan declared, FitPlan plan, Map<String, Double> values, java.util.Set<String> fixed) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (FreeParameter p : declared.free()) {
      if (plan.range(p.name()) == null && values.containsKey(p.name()) && !fixed.contains(p.name())) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("value", values.get(p.name()));
        h.put("reason", "not fitted: every file is a DC sweep (operating points), which does not depend on it; held at"
            + " its start (a --pulse file decides it, or --start/--range frees it)");
        out.put(p.name(), h);
      }
    }
    return out;
  }

  private List<FreeParameter> adjust(FitPlan plan, List<FreeParameter> free) {
    Map<String, Double> st = values(start, "--start", plan.type());
    Map<String, double[]> rg = new LinkedHashMap<>();
    for (String kv : range) {
      String[] a = kv.split("=", 2);
      String[] b = a.length == 2 ? a[1].split(":", 2) : new String[0];
      if (b.length != 2) {
        throw NeuristorException.input("--range needs K=LO:HI, got '" + kv + "'");
      }
      String key = a[0].trim().toLowerCase(Locale.ROOT);
      String unit = unitOf(plan.type(), key);
      rg.put(key, new double[] {CliArgs.number(b[0], "--range " + key, unit), CliArgs.number(b[1], "--range " + key, unit)});
    }
    List<FreeParameter> out = new ArrayList<>();
    for (FreeParameter p : free) {
      FreeParameter q = p;
      if (rg.containsKey(p.name())) {
        double[] lh = rg.remove(p.name());
        if (!(lh[1] > lh[0])) {
          throw NeuristorException.input("--range " + p.name() + ": HI must exceed LO");
        }
        q = q.withRange(lh[0], lh[1]);
      }
      if (st.containsKey(p.name())) {
        double v = st.remove(p.name());
        if (!(v >= q.lo() && v <= q.hi())) {
          // it was moved to the nearest end of the range without a word
          throw NeuristorException.input("--start " + p.name() + " = " + ParameterSpec.fmt(v) + " is outside its "
              + "search range [" + ParameterSpec.fmt(q.lo()) + ", " + ParameterSpec.fmt(q.hi()) + "] (set it with --range)");
        }
        q = q.withStart(v);
      }
      out.add(q);
    }
    if (!rg.isEmpty() || !st.isEmpty()) {
      String k = !rg.isEmpty() ? rg.keySet().iterator().next() : st.keySet().iterator().next();
      throw NeuristorException.input("'" + k + "' is not a free parameter of the " + plan.type() + " fit (free: "
          + String.join(" ", free.stream().map(FreeParameter::name).toList()) + ")");
    }
    return out;
  }

  private static Map<String, Double> values(List<String> kvs, String option, String type) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String kv : kvs) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw NeuristorException.input(option + " needs K=V, got '" + kv + "'");
      }
      String k = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      ParameterSpec spec = DeviceRegistry.type(type).parameter(k);
      if (spec == null) {
        throw NeuristorException.input(option + ": " + type + " has no parameter '" + k + "'");
      }
      out.put(k, CliArgs.number(kv.substring(eq + 1), option + " " + k, spec.unit()));
    }
    return out;
  }

  /** The declared unit of a device parameter or a fitted condition ("-" when unknown, checked later). */
  private static String unitOf(String type, String key) {
    if (key.equals("ambient")) {
      return "K";
    }
    if (key.equals("series")) {
      return "Ohm";
    }
    ParameterSpec spec = DeviceRegistry.type(type).parameter(key);
    return spec == null ? "-" : spec.unit();
  }

  static String fmt(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(String.format(Locale.ROOT, "%.6g", v)));
    return sb.length() == 0 ? "(none)" : sb.toString();
  }
}
