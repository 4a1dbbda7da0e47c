package org.neuristor.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.fit.DeviceFitter;
import org.neuristor.fit.FitPlan;
import org.neuristor.fit.FitProblem;
import org.neuristor.fit.Measurement;
import org.neuristor.fit.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor fit check MODEL.model --pulse FILE ...}: the metrics of {@code fit} for files a fit
 * did not see (held-out data), measured vs model. A condition written {@code fit} (e.g. the unrecorded
 * ambient of a sweep) is fitted for that file alone; the model's parameters are never changed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Compare a fitted model with measured files it was not fitted to (same metrics as fit).",
        "--json prints {\"files\":[{\"file\":..., \"pulses\":[...], \"rms_rel_err\":...}, ...]}: per pulse the "
        + "measured and model end-of-pulse current, read currents 1 ms and 20 ms after it and the sign of the "
        + "current change; per sweep vth_V, vhold_V and r_low_bias_ohm. card_ok is false and card_problems names "
        + "each file where the card does not switch as the data do (also a warning on stderr), as in fit."},
    footer = {"", "Example:",
        "  ./neuristor fit check vo2fit.model --pulse p6V.csv:ambient=68.5C --json"})
@JsonKeys({"model", "card_ok", "card_problems", "files"})
public final class FitCheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "A .model card written by fit (or any .model file of a fit type).")
  Path model;

  @Mixin FitData data;

  @Option(names = "--threads", description = "Worker threads (default: all cores; results do not depend on it).")
  Integer threads;

  @Mixin OutputOptions output;

  /** Told each stage's progress besides the bar on stderr (the studio's progress and cancel); may throw to stop. */
  private DeviceFitter.Progress listener;

  /** Tells {@code l} the fit's progress (stage, done, total) as the bar on stderr shows it. */
  public FitCheckCommand listen(DeviceFitter.Progress l) {
    listener = l;
    return this;
  }

  @Override
  public Integer call() {
    ModelCard card = ModelCard.read(model);
    if (!FitPlan.types().contains(card.type())) {
      throw NeuristorException.input(model + ": fit check compares types " + String.join(", ", FitPlan.types())
          + "; this card is " + card.type());
    }
    List<Measurement> files = data.load(false, output);
    if (files.isEmpty()) {
      throw NeuristorException.input("fit check: give measured files with --iv or --pulse");
    }
    FitPlan plan = FitPlan.of(card.type(), null).withFree(List.of());
    FitProblem problem = FitProblem.of(plan, card.resolved(), files);
    double[] u = problem.start();
    if (!problem.free().isEmpty()) {
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
      try (StageBar bar = new StageBar(output, listener)) {
        u = DeviceFitter.fit(problem, new DeviceFitter.Options(1, 8, 1, 60, DeviceFitter.Global.STARTS), n, bar).u();
      }
    }
    Summary s = new Summary();
    s.put("model", model.toString());
    List<Map<String, Object>> out = FitOutputs.fileMetrics(output, problem, u, output.plot() ? output.outDir() : null,
        card.name() + "-check");
    List<String> problems = FitOutputs.cardProblems(problem, card.resolved(), out,
        "; refit it with these files, or with --start/--range vth near the measured threshold");
    FitOutputs.sayCard(output, problems, s);
    for (int f = 0; f < files.size(); f++) {
      s.put("file " + files.get(f).name(), FitOutputs.brief(out.get(f)));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model.toString());
    FitOutputs.cardJson(json, problems);
    json.put("files", out);
    FitOutputs.print(output, json, s);
    return 0;
  }
}
