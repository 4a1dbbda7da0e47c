package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.measure.FiringPattern;
import org.neuristor.behaviour.Behaviour;
import org.neuristor.behaviour.BehaviourRunner;
import org.neuristor.behaviour.Behaviours;
import org.neuristor.behaviour.Protocol;
import org.neuristor.behaviour.Scale;
import org.neuristor.behaviour.Subject;
import org.neuristor.behaviour.Subjects;
import org.neuristor.behaviour.TunedSets;
import org.neuristor.io.CsvWriter;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor neuron behaviours NAME...|all}: the 23 behaviours of Yi et al. (2018) (Izhikevich's
 * 20, all-or-nothing, refractory period, excitation block) on library circuits or models, each
 * protocol written once in units of the neuron's rheobase and natural time scale
 * ({@code org.neuristor.behaviour}), each response labelled by the firing-pattern classifier.
 */
@JsonKeys({"neurons", "csv", "plots"})
@Command(name = "behaviours", mixinStandardHelpOptions = true,
    description = {"Run the 23 behaviour protocols of Yi et al. 2018 on library circuits or models and label each "
        + "response with the firing-pattern classifier.",
        "The protocols are Izhikevich 2004's 20 plus all-or-nothing, refractory period and excitation block, each "
            + "written once: times in units of the neuron's natural time scale tau (the latency of a 2 R step), levels "
            + "in units of its rheobase R (the smallest step that fires) or of a threshold calibrated by bisection.",
        "Prints a table per circuit (and the behaviour matrix for several), writes behaviours.csv, a gallery of the "
            + "23 responses per circuit and, for several circuits, behaviour-matrix.png; in a matrix, a circuit whose "
            + "rheobase cannot be measured gets a row of reasons."},
    footer = {"", "Names: library circuits (neuron list), 'all' for every one of them, model:KIND (model:hh),",
        "izhikevich:A..T (the neuron of one Izhikevich pattern) or yi-tuned (each behaviour on its own parameter set",
        "of a Yi variant, as Yi et al. measured them; the sets are data, yi-behaviours.yaml).", "", "Examples:",
        "  ./neuristor neuron behaviours yi", "  ./neuristor neuron behaviours yi yi-phasic yi-mixed --out out/yi",
        "  ./neuristor neuron behaviours yi-tuned",
        "  ./neuristor neuron behaviours all --no-plot --json", "  ./neuristor neuron behaviours model:hh --only U,V,W"})
public final class NeuronBehavioursCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", arity = "1..*",
      description = "Circuits (or 'all'), model:KIND, izhikevich:ID, yi-tuned.")
  List<String> names;

  @Option(names = "--only", paramLabel = "ID,...", split = ",", description = "Behaviours to run (A..W; default all 23).")
  List<String> only = new ArrayList<>();

  @Option(names = "--param", paramLabel = "k=v", split = ",",
      description = "Parameters of the (single) circuit or model, e.g. cin=400p.")
  List<String> params = new ArrayList<>();

  @Option(names = "--columns", defaultValue = "4", description = "Gallery columns (default: ${DEFAULT-VALUE}).")
  int columns;

  @Mixin OutputOptions output;

  /**
   * The outcomes of one subject; {@code failure} says why none was run (its scale could not be
   * measured), null when they were. A family's tuned sets ({@code yi-tuned}) are one run whose
   * {@code tuned} list gives each behaviour's own circuit and scale (null for a plain subject).
   */
  record Run(String name, Scale scale, List<BehaviourRunner.Outcome> outcomes, String failure,
      List<TunedSets.Result> tuned) {
    long passed() {
      return outcomes.stream().filter(BehaviourRunner.Outcome::pass).count();
    }

    /** The scale behaviour {@code k} ran at (its own for a tuned set). */
    Scale scale(int k) {
      if (tuned == null) {
        return scale;
      }
      Scale s = tuned.get(k).scale();
      return s == null ? new Scale(Double.NaN, Double.NaN, "V") : s;
    }
  }

  @Override
  public Integer call() {
    List<String> subjects = new ArrayList<>();
    for (String n : names) {
      if (n.equalsIgnoreCase("all")) {
        NeuronLibrary.all().forEach(c -> subjects.add(c.name()));
      } else {
        subjects.add(n);
      }
    }
    Map<String, String> p = CliArgs.keyValues(params, "--param");
    if (!p.isEmpty() && subjects.size() > 1) {
      throw NeuristorException.input("--param needs a single circuit or model, got " + subjects.size());
    }
    List<Behaviour> bs = only.isEmpty() ? Behaviours.all() : only.stream().map(Behaviours::get).toList();
    if (!p.isEmpty() && subjects.stream().anyMatch(TunedSets::names)) {
      throw NeuristorException.input("--param does not apply to tuned sets (each behaviour has its own values)");
    }
    // resolve every name first, so that a bad one fails before any simulation
    List<Object> resolved = subjects.stream().map(n -> TunedSets.names(n) ? (Object) TunedSets.of(n)
        : (Object) Subjects.of(n, p)).toList();
    List<Run> runs = new ArrayList<>();
    try (ProgressBar bar = output.progress("behaviours", (long) resolved.size() * (bs.size() + 1))) {
      for (int j = 0; j < resolved.size(); j++) {
        if (resolved.get(j) instanceof List<?> sets) {
          @SuppressWarnings("unchecked")
          List<TunedSets.Set> ts = (List<TunedSets.Set>) sets;
          bar.step();
          List<TunedSets.Result> res = TunedSets.run(ts, bs, o -> bar.step());
          runs.add(new Run(subjects.get(j).toLowerCase(Locale.ROOT), new Scale(Double.NaN, Double.NaN, "V"),
              res.stream().map(TunedSets.Result::outcome).toList(), null, res));
          continue;
        }
        Subject s = (Subject) resolved.get(j);
        Scale scale;
        try {
          scale = Scale.measure(s);
        } catch (NeuristorException e) {
          if (resolved.size() == 1) {
            throw e;
          }
          // in a matrix, a subject without a rheobase or time scale gets a row of "not run" with the reason
          bar.stepBy(bs.size() + 1);
          runs.add(new Run(s.name(), new Scale(Double.NaN, Double.NaN, s.inputUnit()), bs.stream().map(b ->
              new BehaviourRunner.Outcome(b, null, Double.NaN, null, null, e.getMessage())).toList(), e.getMessage(),
              null));
          continue;
        }
        bar.step();
        runs.add(new Run(s.name(), scale, BehaviourRunner.run(s, scale, bs, o -> bar.step()), null, null));
      }
    }
    Path csv = output.file("behaviours.csv");
    List<List<Object>> rows = new ArrayList<>();
    for (Run r : runs) {
      for (int k = 0; k < r.outcomes().size(); k++) {
        BehaviourRunner.Outcome o = r.outcomes().get(k);
        Scale sc = r.scale(k);
        TunedSets.Set set = r.tuned() == null ? null : r.tuned().get(k).set();
        rows.add(java.util.Arrays.asList(r.name(), o.behaviour().id(), o.behaviour().name(),
            o.behaviour().shape(), finite(o.level()), sc.unit(), finite(sc.rheobase()), finite(sc.timeScale()),
            o.label().label(), o.pass(), o.response() == null ? null : o.response().spikes().length, o.reason(),
            set == null ? null : set.variant(), set == null || set.variant() == null ? null : set.changes()));
      }
    }
    CsvWriter.writeTable(csv, List.of("neuron", "id", "behaviour", "stimulus", "level", "unit", "rheobase",
        "time_scale_s", "found", "pass", "spikes", "reason", "variant", "values"), rows);
    Summary sum = new Summary();
    List<Map<String, Object>> json = new ArrayList<>();
    List<String> plots = new ArrayList<>();
    for (Run r : runs) {
      if (!output.json()) {
        printTable(output.out(), r);
      }
      json.add(jsonOf(r));
      if (output.plot() && r.failure() == null) {
        plots.add(gallery(r).toString());
      }
    }
    if (runs.size() > 1) {
      if (!output.json()) {
        printMatrix(output.out(), runs, bs);
      }
      if (output.plot()) {
        plots.add(matrix(runs, bs).toString());
      }
    }
    if (output.json()) {
      sum.put("neurons", json);
    }
    sum.put("csv", csv.toString());
    if (!plots.isEmpty()) {
      sum.put("plots", plots);
    }
    output.print(sum);
    return 0;
  }

  /** Level description: the level unit used for the protocol, in the subject's input unit. */
  static String level(BehaviourRunner.Outcome o, Scale s) {
    Protocol.Unit u = o.behaviour().protocol().unit();
    return String.format(Locale.ROOT, "%s = %.4g%s", u == Protocol.Unit.RHEOBASE ? "R" : "unit", o.level(),
        Plotter.unitAfter(s.unit()));
  }

  private static void printTable(java.io.PrintWriter out, Run r) {
    if (r.tuned() != null) {
      printTuned(out, r);
      return;
    }
    Scale s = r.scale();
    if (r.failure() != null) {
      out.printf(Locale.ROOT, "%s: not run: %s%n", r.name(), r.failure());
      return;
    }
    out.printf(Locale.ROOT, "%s: rheobase R = %.4g%s, time scale tau = %s, %d of %d behaviours%n",
        r.name(), s.rheobase(), Plotter.unitAfter(s.unit()), seconds(s.timeScale()), r.passed(), r.outcomes().size());
    out.printf(Locale.ROOT, "  %-2s %-29s %-27s %-22s %-29s %s%n", "id", "behaviour", "stimulus", "level",
        "label found", "pass");
    for (BehaviourRunner.Outcome o : r.outcomes()) {
      out.printf(Locale.ROOT, "  %-2s %-29s %-27s %-22s %-29s %s%n", o.behaviour().id(), o.behaviour().name(),
          o.behaviour().shape(), level(o, s), o.error() != null ? "not run" : o.label().label(), o.pass() ? "yes" : "-");
    }
  }

  /** The table of a family's tuned sets: each behaviour with its variant, values, scale and label. */
  private static void printTuned(java.io.PrintWriter out, Run r) {
    out.printf(Locale.ROOT, "%s: %d of %d behaviours, each on its own parameter set (variant and values changed)%n",
        r.name(), r.passed(), r.outcomes().size());
    out.printf(Locale.ROOT, "  %-2s %-29s %-10s %-9s %-10s %-29s %-4s %s%n", "id", "behaviour", "variant", "R",
        "tau", "label found", "pass", "values");
    for (int k = 0; k < r.outcomes().size(); k++) {
      BehaviourRunner.Outcome o = r.outcomes().get(k);
      TunedSets.Result t = r.tuned().get(k);
      Scale s = r.scale(k);
      out.printf(Locale.ROOT, "  %-2s %-29s %-10s %-9s %-10s %-29s %-4s %s%n", o.behaviour().id(), o.behaviour().name(),
          t.set() == null || t.set().variant() == null ? "-" : t.set().variant(),
          Double.isFinite(s.rheobase()) ? String.format(Locale.ROOT, "%.3g V", s.rheobase()) : "-",
          Double.isFinite(s.timeScale()) ? seconds(s.timeScale()) : "-",
          o.error() != null ? cell(o) : o.label().label(), o.pass() ? "yes" : "-",
          t.set() == null || t.set().variant() == null ? o.reason() : t.set().changes());
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** The scale in a figure's title: {@code R = 2.25 µA/cm², tau = 11.49 µs} (the terminal keeps uA/cm2, us). */
  static String scaleText(double rheobase, String unit, double tau) {
    return String.format(Locale.ROOT, "R = %.3g%s, tau = %s", rheobase, Plotter.unitText(Plotter.unitAfter(unit)),
        Plotter.unitText(seconds(tau)));
  }

  static String seconds(double s) {
    String[] p = {"s", "ms", "us", "ns", "ps"};
    int k = 0;
    while (k < p.length - 1 && Math.abs(s) < 1) {
      s *= 1e3;
      k++;
    }
    return String.format(Locale.ROOT, "%.4g %s", s, p[k]);
  }

  /** Short cell text: a check mark, or the label found. */
  static String cell(BehaviourRunner.Outcome o) {
    if (o.pass()) {
      return "yes";
    }
    if (o.error() != null) {
      return o.error().startsWith("not reached") ? "not reached" : "not run";
    }
    return o.label() == FiringPattern.QUIESCENT ? "silent" : o.label().label();
  }

  private static void printMatrix(java.io.PrintWriter out, List<Run> runs, List<Behaviour> bs) {
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-33s", "behaviour"));
    for (Run r : runs) {
      head.append(String.format(Locale.ROOT, " %-12s", r.name()));
    }
    out.println();
    out.println("behaviour matrix (yes: the classifier gives the behaviour's label; otherwise the label found)");
    out.println(head);
    for (int k = 0; k < bs.size(); k++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-33s", bs.get(k).id() + " " + bs.get(k).name()));
      for (Run r : runs) {
        String c = cell(r.outcomes().get(k));
        line.append(String.format(Locale.ROOT, " %-12s", c.length() > 12 ? c.substring(0, 12) : c));
      }
      out.println(line);
    }
    StringBuilder tot = new StringBuilder(String.format(Locale.ROOT, "%-33s", "behaviours shown"));
    for (Run r : runs) {
      tot.append(String.format(Locale.ROOT, " %-12s", r.passed() + "/" + r.outcomes().size()));
    }
    out.println(tot);
  }

  private static Map<String, Object> jsonOf(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("rheobase", r.failure() == null ? r.scale().rheobase() : null);
    m.put("unit", r.scale().unit());
    m.put("time_scale_s", r.failure() == null ? r.scale().timeScale() : null);
    if (r.failure() != null) {
      m.put("reason", r.failure());
    }
    m.put("passed", r.passed());
    List<Map<String, Object>> list = new ArrayList<>();
    for (int k = 0; k < r.outcomes().size(); k++) {
      BehaviourRunner.Outcome o = r.outcomes().get(k);
      Map<String, Object> b = new LinkedHashMap<>();
      if (r.tuned() != null) {
        TunedSets.Set set = r.tuned().get(k).set();
        b.put("variant", set == null ? null : set.variant());
        b.put("params", set == null ? null : set.params());
        b.put("origin", set == null ? null : set.origin());
        b.put("rheobase", finite(r.scale(k).rheobase()));
        b.put("time_scale_s", finite(r.scale(k).timeScale()));
      }
      b.put("id", o.behaviour().id());
      b.put("behaviour", o.behaviour().name());
      b.put("stimulus", o.behaviour().shape());
      b.put("level", finite(o.level()));
      b.put("found", o.label().label());
      b.put("pass", o.pass());
      b.put("spikes", o.response() == null ? null : o.response().spikes().length);
      b.put("reason", o.reason());
      list.add(b);
    }
    m.put("behaviours", list);
    return m;
  }

  private Path gallery(Run r) {
    List<Plotter.MultiPanel> panels = new ArrayList<>();
    for (int k = 0; k < r.outcomes().size(); k++) {
      BehaviourRunner.Outcome o = r.outcomes().get(k);
      double tau = r.scale(k).timeScale();
      String title = "(" + o.behaviour().id() + ") " + o.behaviour().name()
          + (r.tuned() != null && r.tuned().get(k).set() != null && r.tuned().get(k).set().variant() != null
              ? ", " + r.tuned().get(k).set().variant() : "")
          + (o.pass() ? "" : " [" + cell(o) + "]");
      if (o.response() == null) {
        panels.add(new Plotter.MultiPanel(title, List.of(), "t / tau", "output"));
        continue;
      }
      Subject.Response resp = o.response();
      double[] t = resp.trace().axis();
      double[] y = resp.trace().get(resp.membrane());
      double[] stim = resp.trace().get(resp.stimulus());
      double[] x = new double[t.length];
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double slo = Double.POSITIVE_INFINITY;
      double shi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < t.length; i++) {
        x[i] = t[i] / tau;
        lo = Math.min(lo, y[i]);
        hi = Math.max(hi, y[i]);
        slo = Math.min(slo, stim[i]);
        shi = Math.max(shi, stim[i]);
      }
      // the stimulus, scaled into a band below the response (its shape, not its value)
      double span = hi > lo ? hi - lo : 1;
      double[] s = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        s[i] = lo - 0.35 * span + 0.3 * span * (shi > slo ? (stim[i] - slo) / (shi - slo) : 0.5);
      }
      String yLabel = resp.membrane().startsWith("v") ? "output (V)" : resp.membrane();
      panels.add(new Plotter.MultiPanel(title, List.of(new Plotter.Series("response", x, y, false),
          new Plotter.Series("stimulus", x, s, false)), "t / tau", yLabel));
    }
    Path png = output.plotFile("behaviours-" + r.name().replace(':', '-'));
    String title = r.tuned() != null ? String.format(Locale.ROOT,
        "%s: %d of %d behaviours, each on its own parameter set of its variant (response; stimulus scaled below)",
        r.name(), r.passed(), r.outcomes().size()) : String.format(Locale.ROOT,
        "%s: %d of %d behaviours (response; stimulus scaled below; %s)", r.name(), r.passed(), r.outcomes().size(),
        scaleText(r.scale().rheobase(), r.scale().unit(), r.scale().timeScale()));
    return Plotter.multiGallery(png, title, panels, Math.max(1, columns));
  }

  private Path matrix(List<Run> runs, List<Behaviour> bs) {
    List<String> rows = bs.stream().map(b -> b.id() + "  " + b.name()).toList();
    List<String> cols = runs.stream().map(Run::name).toList();
    String[][] text = new String[bs.size()][runs.size()];
    boolean[][] ok = new boolean[bs.size()][runs.size()];
    for (int j = 0; j < runs.size(); j++) {
      for (int k = 0; k < bs.size(); k++) {
        BehaviourRunner.Outcome o = runs.get(j).outcomes().get(k);
        ok[k][j] = o.pass();
        text[k][j] = o.pass() ? "\u2713" : cell(o);
      }
    }
    return Plotter.matrix(output.plotFile("behaviour-matrix"),
        "Behaviours by circuit (green: the classifier gives the behaviour's label; grey: the label found)", rows, cols,
        text, ok);
  }
}
