package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.measure.FiringPattern;
import org.neuristor.measure.FiringPatternClassifier;
import org.neuristor.io.CsvWriter;
import org.neuristor.neuron.IzhikevichPatterns;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuristor patterns}: Izhikevich's 20 firing patterns (IEEE TNN 15, 1063 (2004)) with the
 * protocols of figure1.m, one gallery image and a table of expected versus classified pattern.
 */
@Command(name = "patterns", mixinStandardHelpOptions = true,
    description = {"Run Izhikevich's 20 firing patterns and classify each with the firing-pattern classifier.",
        "Uses the author's Euler scheme and protocols (physics.md 2.5); writes one gallery image (20 panels of "
            + "membrane potential) and patterns.csv: pattern, expected class, class found, spike count and the "
            + "classifier's reason."},
    footer = {"", "Examples:", "  ./neuristor patterns", "  ./neuristor patterns --json --no-plot",
        "  ./neuristor patterns --no-membrane"})
@JsonKeys({"patterns", "correct", "total", "csv", "plot"})
public final class PatternsCommand implements Callable<Integer> {
  @Option(names = "--no-membrane",
      description = "Classify from spikes and stimulus only, without the membrane trace (DAP and subthreshold "
          + "oscillations need it).")
  boolean noMembrane;

  @Option(names = "--columns", paramLabel = "N", defaultValue = "4",
      description = "Gallery columns (default: ${DEFAULT-VALUE}).")
  int columns;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    if (columns < 1) {
      throw org.neuristor.NeuristorException.input("--columns must be >= 1, got " + columns);
    }
    output.outDir();
    List<Plotter.Panel> panels = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    List<Map<String, Object>> table = new ArrayList<>();
    int correct = 0;
    for (IzhikevichPatterns.Pattern p : IzhikevichPatterns.all()) {
      NeuronSimulation.Result r = p.run();
      FiringPatternClassifier.Result c = FiringPatternClassifier.classify(r.trace(), "i", noMembrane ? null : "v",
          r.spikeTimesSeconds());
      boolean ok = c.pattern() == p.expected();
      correct += ok ? 1 : 0;
      double[] t = r.trace().axis();
      double[] v = r.trace().get("v");
      double[] tMs = new double[t.length];
      double[] vMv = new double[t.length];
      for (int k = 0; k < t.length; k++) {
        tMs[k] = t[k] * 1e3;
        vMv[k] = v[k] * 1e3;
      }
      panels.add(new Plotter.Panel("(" + p.id() + ") " + p.name() + (ok ? "" : " [" + c.pattern().label() + "]"),
          tMs, vMv, "time (ms)", "v (mV)"));
      rows.add(List.of(p.id(), p.name(), p.expected().label(), c.pattern().label(), ok, r.spikeTimesMs().length,
          c.reason()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", p.id());
      row.put("expected", p.expected().label());
      row.put("found", c.pattern().label());
      row.put("correct", ok);
      row.put("spikes", r.spikeTimesMs().length);
      table.add(row);
    }
    Path csv = output.file("patterns.csv");
    CsvWriter.writeTable(csv, List.of("id", "pattern", "expected_class", "found_class", "correct", "spikes", "reason"),
        rows);
    Summary s = new Summary();
    if (!output.json()) {
      output.out().printf(Locale.ROOT, "%-3s %-30s %-30s %s%n", "id", "expected class", "class found", "spikes");
      for (List<Object> row : rows) {
        output.out().printf(Locale.ROOT, "%-3s %-30s %-30s %s%s%n", row.get(0), row.get(2), row.get(3), row.get(5),
            (Boolean) row.get(4) ? "" : "   <- differs");
      }
    } else {
      s.put("patterns", table);
    }
    s.put("correct", correct);
    s.put("total", rows.size());
    s.put("csv", csv.toString());
    if (output.plot()) {
      Path img = output.plotFile("patterns");
      Plotter.gallery(img, "Izhikevich (2004) firing patterns: " + correct + "/20 classified as expected", panels,
          Math.max(1, columns));
      s.put("plot", img.toString());
    }
    output.print(s);
    return 0;
  }

  /** The expected classes in figure order (for help text and tests). */
  static List<FiringPattern> expected() {
    return IzhikevichPatterns.all().stream().map(IzhikevichPatterns.Pattern::expected).toList();
  }
}
