package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.ParameterSpec;
import org.neuristor.fit.DeviceFitter;
import org.neuristor.fit.FitProblem;
import org.neuristor.fit.FreeParameter;
import org.neuristor.fit.Identification;
import org.neuristor.fit.Measurement;
import org.neuristor.fit.Metrics;
import org.neuristor.fit.SynapseFit;
import org.neuristor.io.AtomicFiles;
import org.neuristor.plot.Plotter;

/** What {@code fit} and {@code fit check} write besides the summary: overlays, tables, row CSVs. */
final class FitOutputs {
  private FitOutputs() {}

  /** What names a file's overlay plot and row CSV: its name without extension, other characters as '_'. */
  static String stem(Measurement m) {
    return m.name().replaceAll("\\.[A-Za-z]+$", "").replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Every file simulated at {@code u} for the reports, with a progress bar over their rows on stderr (a sweep of
   * 200,000 rows takes seconds): per file its metrics and conditions, and its overlay written to {@code dir} under
   * the name {@code model} (dir null: none). A file whose simulation fails gets its metrics without a model.
   */
  static List<Map<String, Object>> fileMetrics(OutputOptions output, FitProblem problem, double[] u, Path dir, String model) {
    List<Measurement> files = new ArrayList<>();
    long rows = 0;
    for (int f = 0; f < problem.files().size(); f++) {
      files.add(problem.files().get(f).data());
      rows += files.get(f).rows();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    try (ProgressBar bar = output.progress("simulating " + (files.size() == 1 ? "the file" : files.size() + " files"), rows)) {
      long[] shown = {0};
      long base = 0;
      for (int f = 0; f < files.size(); f++) {
        Measurement m = files.get(f);
        long from = base;
        double[] current;
        try {
          current = problem.simulate(u, f, (done, total) -> {
            long at = from + Math.round(m.rows() * Math.min(1, done / total));
            if (at > shown[0]) {
              bar.stepBy(at - shown[0]);
              shown[0] = at;
            }
          });
        } catch (NeuristorException e) {
          current = null;
        }
        base += m.rows();
        bar.stepBy(base - shown[0]);
        shown[0] = base;
        Map<String, Object> metrics = Metrics.of(m, current);
        metrics.put("conditions", problem.conditions(u, f));
        out.add(metrics);
        if (dir != null && current != null) {
          overlay(output, dir, model, m, current, metrics);
        }
      }
    }
    return out;
  }

  /** Overlay plot and row CSV (measured and model current) of one file. */
  static void overlay(OutputOptions output, Path dir, String model, Measurement m, double[] current, Map<String, Object> metrics) {
    String base = model + "-" + stem(m);
    StringBuilder csv = new StringBuilder(m.isTransient() ? "time_s,v_V,i_measured_A,i_model_A\n" : "row,v_V,i_measured_A,i_model_A\n");
    for (int k = 0; k < m.rows(); k++) {
      csv.append(m.isTransient() ? fmt(m.time()[k]) : String.valueOf(k)).append(',').append(fmt(m.voltage()[k])).append(',')
          .append(fmt(m.current()[k])).append(',').append(fmt(current[k])).append('\n');
    }
    AtomicFiles.writeString(dir.resolve(base + ".csv"), csv.toString());
    if (!output.plot()) {
      return;
    }
    double rms = metrics.get("rms_rel_err") instanceof Double d ? d : Double.NaN;
    String title = String.format(Locale.ROOT, "%s: %s (RMS relative error %.1f%%)", model, m.name(), 100 * rms);
    if (m.isTransient()) {
      double[] t = new double[m.rows()];
      for (int k = 0; k < t.length; k++) {
        t[k] = 1e3 * (m.time()[k] - m.time()[0]);
      }
      Plotter.xy(dir.resolve(base + "." + output.plotExt()), title, "time (ms)", "|current| (A)",
          List.of(new Plotter.Series("measured", t, m.current(), true), new Plotter.Series("model", t, current, false)),
          false, true);
    } else {
      Plotter.xy(dir.resolve(base + "." + output.plotExt()), title, "voltage (V)", "|current| (A)",
          List.of(new Plotter.Series("measured", m.voltage(), m.current(), true),
              new Plotter.Series("model", m.voltage(), current, false)), false, true);
    }
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.9g", d);
  }

  /** One row per free parameter: label, name, file, value, unit, standard error, relative error. */
  static List<Map<String, Object>> parameterRows(FitProblem problem, DeviceFitter.Result r) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> files = problem.fileNames();
    List<String> labels = problem.free().stream().map(q -> q.label(files)).toList();
    List<Identification> ids = Identification.of(r, labels);
    for (int j = 0; j < r.values().length; j++) {
      FreeParameter q = problem.free().get(j);
      ParameterSpec spec = DeviceRegistry.type(problem.type()).parameter(q.name());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", q.label(files));
      row.put("name", q.name());
      row.put("file", q.file() < 0 ? null : files.get(q.file()));
      row.put("value", r.values()[j]);
      row.put("unit", spec != null ? spec.unit() : q.name().equals("series") ? "Ohm" : "-");
      double se = r.standardErrors()[j];
      row.put("std_err", Double.isFinite(se) ? se : null);
      row.put("rel_std_err", Double.isFinite(se) && r.values()[j] != 0 ? Math.abs(se / r.values()[j]) : null);
      row.put("range", List.of(q.lo(), q.hi()));
      row.put("at_range_end", q.atLimit(r.values()[j]));
      row.put("identified", ids.get(j).identified());
      row.put("identified_reason", ids.get(j).reason());
      rows.add(row);
    }
    return rows;
  }

  /** The labels of the parameters the data do not determine ({@link Identification}). */
  static List<String> notIdentified(List<Map<String, Object>> rows) {
    return rows.stream().filter(row -> !Boolean.TRUE.equals(row.get("identified"))).map(row -> String.valueOf(row.get("label")))
        .toList();
  }

  /**
   * What to do about the parameters the data do not determine: hold the device parameters at their fitted values
   * ({@code --fix K=V}; a file's own condition in its conditions, {@code FILE:K=V}), or add data that depend on them;
   * null when every parameter is identified.
   */
  static String fixHint(List<Map<String, Object>> rows) {
    List<String> fix = new ArrayList<>();
    List<String> own = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (!Boolean.TRUE.equals(row.get("identified"))) {
        String kv = row.get("name") + "=" + String.format(Locale.ROOT, "%.4g", (Double) row.get("value"));
        (row.get("file") == null ? fix : own).add(row.get("file") == null ? kv : row.get("file") + ":" + kv);
      }
    }
    if (fix.isEmpty() && own.isEmpty()) {
      return null;
    }
    return String.join(", ", notIdentified(rows)) + ": the data do not determine "
        + (fix.size() + own.size() == 1 ? "it" : "them") + " (each one's reason above); hold "
        + (fix.size() + own.size() == 1 ? "it" : "them") + (fix.isEmpty() ? "" : " with --fix " + String.join(",", fix))
        + (own.isEmpty() ? "" : (fix.isEmpty() ? " in the files' conditions: " : ", and in the files' conditions: ")
            + String.join(" ", own)) + ", or add measurements that depend on " + (fix.size() + own.size() == 1 ? "it" : "them");
  }

  /**
   * Why a fitted card does not reproduce the data, one line per file (none when it does): a file whose simulation
   * failed, or a DC sweep that switches where the card's simulation of the same sweep does not, with what makes the
   * card unable to (a threshold above every voltage of the data, an ON state less conductive than the OFF state), and
   * {@code remedy} (what to try, starting "; ", or "").
   */
  @SuppressWarnings("unchecked")
  static List<String> cardProblems(FitProblem problem, Map<String, Double> params, List<Map<String, Object>> metrics,
      String remedy) {
    List<String> out = new ArrayList<>();
    double vmax = 0;
    for (var f : problem.files()) {
      vmax = Math.max(vmax, f.data().maxAbsVoltage());
    }
    List<String> why = new ArrayList<>();
    Double vth = params.get("vth");
    if (vth != null && vth > vmax) {
      why.add(String.format(Locale.ROOT, "its vth = %.4g V is above every voltage of the data (largest %.4g V)", vth, vmax));
    }
    String disorder = org.neuristor.fit.FitPlan.disorder(problem.type(), params);
    if (disorder != null) {
      why.add("its " + disorder);
    }
    for (int f = 0; f < metrics.size(); f++) {
      Map<String, Object> m = metrics.get(f);
      String name = problem.files().get(f).data().name();
      if (m.get("error") != null) {
        out.add(name + ": the card's simulation of this file failed");
        continue;
      }
      if (m.get("vth_V") instanceof Map<?, ?> q && q.get("measured") != null && q.get("model") == null) {
        out.add(String.format(Locale.ROOT, "%s: the data switch at %.4g V, the card does not switch on this sweep (%s)%s%s",
            name, (Double) q.get("measured"), q.get("model_reason"), why.isEmpty() ? "" : ": " + String.join(", ", why),
            remedy));
      }
    }
    return out;
  }

  /** {@link #cardProblems} in {@code --json}, as {@code fit} and {@code fit check} both give them. */
  static void cardJson(Map<String, Object> json, List<String> problems) {
    json.put("card_ok", problems.isEmpty());
    json.put("card_problems", problems);
  }

  /**
   * Says what {@link #cardProblems} found, as {@code fit} and {@code fit check} both do: a {@code card} line in the
   * summary and a warning on stderr per problem.
   */
  static void sayCard(OutputOptions output, List<String> problems, Summary s) {
    s.put("card", problems.isEmpty() ? "reproduces the switching of every sweep" : "DOES NOT REPRODUCE THE DATA: "
        + String.join("; ", problems));
    for (String p : problems) {
      output.warn("the card does not reproduce the data: " + p);
    }
  }

  /** Correlation matrix with its labels. */
  static Map<String, Object> correlations(FitProblem problem, DeviceFitter.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    for (FreeParameter q : problem.free()) {
      labels.add(q.label(problem.fileNames()));
    }
    m.put("labels", labels);
    List<List<Object>> rows = new ArrayList<>();
    for (double[] row : r.correlations()) {
      List<Object> l = new ArrayList<>();
      for (double c : row) {
        l.add(Double.isFinite(c) ? Math.round(c * 1e4) / 1e4 : null);
      }
      rows.add(l);
    }
    m.put("matrix", rows);
    return m;
  }

  /** {@code rows} ({@link #parameterRows}) as NAME.params.csv. */
  static Path parameterCsv(Path file, List<Map<String, Object>> rows) {
    StringBuilder sb = new StringBuilder("parameter,file,value,unit,std_err,rel_std_err,identified\n");
    for (Map<String, Object> row : rows) {
      sb.append(row.get("name")).append(',').append(row.get("file") == null ? "" : row.get("file")).append(',')
          .append(row.get("value")).append(',').append(row.get("unit")).append(',')
          .append(row.get("std_err") == null ? "" : row.get("std_err")).append(',')
          .append(row.get("rel_std_err") == null ? "" : row.get("rel_std_err")).append(',')
          .append(row.get("identified")).append('\n');
    }
    return AtomicFiles.writeString(file, sb.toString());
  }

  /** One line per file for the text summary. */
  @SuppressWarnings("unchecked")
  static String brief(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder();
    if (m.get("error") != null) {
      return String.valueOf(m.get("error"));
    }
    sb.append(String.format(Locale.ROOT, "rms %.1f%%", 100 * (Double) m.get("rms_rel_err")));
    if (m.get("pulse_mean") instanceof Map<?, ?> pm) {
      for (String k : new String[] {"end_of_pulse_current_A", "read_current_1ms_A", "read_current_20ms_A"}) {
        Map<String, Object> q = (Map<String, Object>) pm.get(k);
        sb.append(", ").append(k.replace("_current", "").replace("_A", "")).append(' ')
            .append(pair(q.get("measured"), q.get("model"), q.get("rel_err")));
      }
      List<Object> pulses = (List<Object>) m.get("pulses");
      StringBuilder signs = new StringBuilder();
      for (Object p : pulses) {
        Map<String, Object> s = (Map<String, Object>) ((Map<String, Object>) p).get("current_change_sign");
        signs.append(signs.length() == 0 ? "" : " ").append(s.get("measured")).append('/').append(s.get("model"));
      }
      sb.append(", direction ").append(signs);
    } else {
      for (String k : new String[] {"vth_V", "vhold_V", "r_low_bias_ohm"}) {
        Map<String, Object> q = (Map<String, Object>) m.get(k);
        sb.append(", ").append(k).append(' ').append(pair(q.get("measured"), q.get("model"), q.get("rel_err")));
      }
    }
    return sb.toString();
  }

  private static String pair(Object measured, Object model, Object relErr) {
    return String.format(Locale.ROOT, "%s/%s%s", g(measured), g(model),
        relErr instanceof Double d ? String.format(Locale.ROOT, " (%+.1f%%)", 100 * d) : "");
  }

  private static String g(Object o) {
    return o instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : "n/a";
  }

  /** Measured conductance vs pulse with the fitted curves. */
  static void synapsePlot(OutputOptions output, Path dir, String model, double[] ltp, double[] ltd, SynapseFit.Result r) {
    int n = ltp.length;
    double[] x1 = new double[n];
    double[] m1 = new double[n];
    for (int k = 0; k < n; k++) {
      x1[k] = k + 1;
      m1[k] = r.potentiation().at(k + 1);
    }
    int nd = ltd.length;
    double[] x2 = new double[nd];
    double[] m2 = new double[nd];
    for (int k = 0; k < nd; k++) {
      x2[k] = n + k + 1;
      m2[k] = r.depression().at(k + 1);
    }
    Plotter.xy(dir.resolve(model + "." + output.plotExt()),
        String.format(Locale.ROOT, "%s: NeuroSim fit (RMS %.1f%% of range)", model, 100 * r.rmsOfRange()), "pulse",
        "conductance", List.of(new Plotter.Series("potentiation (measured)", x1, ltp, true),
            new Plotter.Series("depression (measured)", x2, ltd, true), new Plotter.Series("potentiation (model)", x1, m1, false),
            new Plotter.Series("depression (model)", x2, m2, false)), false, false);
  }

  /** The result: the JSON object with --json, else the summary (both through picocli's writer). */
  static void print(OutputOptions output, java.util.Map<String, Object> json, Summary s) {
    if (output.json()) {
      output.out().println(org.neuristor.io.Json.write(json));
    } else {
      s.print(output.out(), false);
    }
    output.out().flush();
  }
}
