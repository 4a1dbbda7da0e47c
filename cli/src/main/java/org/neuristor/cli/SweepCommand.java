package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.sweep.LocalEngine;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.ResultsLog;
import org.neuristor.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor sweep spec.yaml}: parameter sweeps and Monte Carlo on all cores or on Spark. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Run a parameter sweep or Monte Carlo described in a YAML spec.",
        "The spec names a job, the varied parameters and the results (docs/sweep.md); values take SPICE suffixes "
            + "and the parameter's unit. One row per point (inputs, results, status, error, wall time) is appended "
            + "to DIR/<name>.csv as soon as the point is done; rerunning the same command resumes and skips "
            + "finished points; a failing point is recorded with its error. At the end: the CSV in point order, a "
            + "Parquet copy, and a plot of each result against each parameter (a heat map for a two-parameter "
            + "grid)."},
    footer = {"", "Examples:", "  ./neuristor sweep examples/sweep-lif-mc.yaml --out out/mc",
        "  ./neuristor sweep examples/sweep-pickett-phase.yaml --threads 2 --json",
        "  ./neuristor sweep examples/sweep-lif-mc.yaml --engine spark"})
@JsonKeys({"sweep", "job", "engine", "points", "resumed", "ran", "failed", "first_error", "csv", "parquet", "plots",
    "wall_s"})
public final class SweepCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC", description = "The sweep spec (.yaml, .yml or .json).") Path specFile;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Local worker threads (0: all cores); results do not depend on it.")
  int threads;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
      description = "local (all cores of this machine) or spark (Apache Spark, see --master) (default: "
          + "${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
      description = "Spark master URL for --engine spark, e.g. local[2] or spark://host:7077 (default: "
          + "${DEFAULT-VALUE}, embedded).")
  String master;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    NetworkCommand.threads(threads);
    if (!engine.equals("local") && !engine.equals("spark")) {
      throw NeuristorException.input("--engine must be local or spark, got '" + engine + "'");
    }
    SweepSpec spec = SweepSpec.load(specFile);
    Path dir = output.outDir();
    long t0 = System.nanoTime();
    int before;
    int ran;
    List<PointResult> rows;
    try (ResultsLog log = ResultsLog.open(dir, spec)) {
      before = log.count();
      switch (engine) {
        case "local" -> {
          try (ProgressBar bar = output.progress("sweep " + spec.name(), spec.size() - before)) {
            ran = LocalEngine.run(spec, log, threads, r -> bar.step());
          }
        }
        case "spark" -> {
          log.close();
          ran = SparkChild.run(specFile, dir, master, spec, output);
        }
        default -> throw NeuristorException.input("--engine must be local or spark, got '" + engine + "'");
      }
    }
    try (ResultsLog log = ResultsLog.open(dir, spec)) {
      rows = log.finish();
    }
    if (rows.size() != spec.size()) {
      throw new NeuristorException("sweep incomplete: " + rows.size() + " of " + spec.size() + " points in "
          + ResultsLog.csvPath(dir, spec), 1);
    }
    Path parquet = SweepParquet.write(dir.resolve(spec.name() + ".parquet"), spec, rows);
    List<String> plots = new ArrayList<>();
    if (output.plot()) {
      for (Path p : SweepPlots.write(spec, rows, output)) {
        plots.add(p.toString());
      }
    }
    long failed = rows.stream().filter(r -> !r.ok()).count();
    Summary s = new Summary();
    s.put("sweep", spec.name());
    s.put("job", spec.job().describe());
    s.put("engine", engine);
    s.put("points", spec.size());
    s.put("resumed", before);
    s.put("ran", ran);
    s.put("failed", failed);
    if (failed > 0) {
      s.put("first_error", rows.stream().filter(r -> !r.ok()).findFirst().get().error());
    }
    s.put("csv", ResultsLog.csvPath(dir, spec).toString());
    s.put("parquet", parquet.toString());
    if (!plots.isEmpty()) {
      s.put("plots", plots);
    }
    s.put("wall_s", (System.nanoTime() - t0) / 1e9);
    output.print(s);
    return 0;
  }
}
