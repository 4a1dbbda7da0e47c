package org.neuristor.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.neuristor.NeuristorException;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.ResultsLog;
import org.neuristor.sweep.SweepSpec;

/**
 * The sweep engine on Apache Spark. The driver reads the spec, skips the points already in the
 * results CSV, and runs the others as Spark jobs of {@link #CHUNK_PER_CORE} points per core; each
 * executor task calls the same {@link PointResult#evaluate} as the local engine, and the driver
 * appends each finished chunk to the same crash-safe CSV (so a killed Spark run resumes too, and the
 * rows equal the local engine's bit for bit).
 *
 * <pre>
 * java -cp neuristor-spark.jar:SPARK_JARS org.neuristor.spark.SparkSweep SPEC --out DIR [--master URL]
 * spark-submit --class org.neuristor.spark.SparkSweep --master URL neuristor-spark.jar SPEC --out DIR
 * </pre>
 *
 * <p>Without {@code --master} and without a {@code spark.master} setting (from spark-submit) the
 * master is {@code local[*]}. The CSV directory must be reachable from the driver only.
 */
public final class SparkSweep {
  /** Points per core in one Spark job (one task per core, each running this many points). */
  static final int CHUNK_PER_CORE = 8;

  private SparkSweep() {}

  public static void main(String[] args) {
    String spec = null;
    String out = "out";
    String master = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = value(args, ++i, "--out");
        case "--master" -> master = value(args, ++i, "--master");
        case "-h", "--help" -> {
          System.out.println("usage: SparkSweep SPEC [--out DIR] [--master URL]");
          return;
        }
        default -> {
          if (spec != null || args[i].startsWith("-")) {
            fail("unexpected argument '" + args[i] + "' (usage: SparkSweep SPEC [--out DIR] [--master URL])");
          }
          spec = args[i];
        }
      }
    }
    if (spec == null) {
      fail("usage: SparkSweep SPEC [--out DIR] [--master URL]");
    }
    int code = 0;
    try {
      SweepSpec s = SweepSpec.load(Path.of(spec));
      SparkConf conf = new SparkConf().setAppName("neuristor sweep " + s.name());
      if (master != null) {
        conf.setMaster(master);
      } else if (!conf.contains("spark.master")) {
        conf.setMaster("local[*]");
      }
      conf.set("spark.ui.enabled", "false");
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      try (ResultsLog log = ResultsLog.open(Path.of(out), s)) {
        int ran = run(JavaSparkContext.fromSparkContext(session.sparkContext()), s, log);
        System.err.println("spark sweep " + s.name() + ": ran " + ran + " points, " + log.count() + " of " + s.size()
            + " recorded in " + log.csv());
      } finally {
        session.stop();
      }
    } catch (NeuristorException e) {
      System.err.println("neuristor: " + e.getMessage());
      code = e.exitCode();
    }
    if (code != 0) {
      System.exit(code);
    }
  }

  private static String value(String[] args, int i, String opt) {
    if (i >= args.length) {
      fail(opt + " needs a value");
    }
    return args[i];
  }

  private static void fail(String msg) {
    System.err.println("neuristor: " + msg);
    System.exit(2);
  }

  /**
   * Runs every point not yet in {@code log} on {@code sc}, appending rows as chunks finish.
   *
   * @return the number of points run
   */
  public static int run(JavaSparkContext sc, SweepSpec spec, ResultsLog log) {
    List<Integer> todo = log.pending();
    if (todo.isEmpty()) {
      return 0;
    }
    int cores = Math.max(1, sc.defaultParallelism());
    int chunk = cores * CHUNK_PER_CORE;
    Broadcast<SweepSpec> b = sc.broadcast(spec);
    List<JavaFutureAction<List<String>>> jobs = new ArrayList<>();
    for (int from = 0; from < todo.size(); from += chunk) {
      List<Integer> part = todo.subList(from, Math.min(todo.size(), from + chunk));
      jobs.add(sc.parallelize(new ArrayList<>(part), Math.min(cores, part.size()))
          .map(i -> PointResult.evaluate(b.value(), i).csvLine(b.value()))
          .collectAsync());
    }
    int ran = 0;
    try {
      boolean[] written = new boolean[jobs.size()];
      int left = jobs.size();
      while (left > 0) {
        boolean progressed = false;
        for (int j = 0; j < jobs.size(); j++) {
          if (!written[j] && jobs.get(j).isDone()) {
            for (String line : jobs.get(j).get()) {
              log.appendLine(Integer.parseInt(line.substring(0, line.indexOf(','))), line);
              ran++;
            }
            written[j] = true;
            left--;
            progressed = true;
          }
        }
        if (!progressed) {
          Thread.sleep(20);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("spark sweep interrupted", e);
    } catch (ExecutionException e) {
      throw new NeuristorException("spark job failed: " + e.getCause(), 1, e);
    } finally {
      b.destroy();
    }
    return ran;
  }
}
