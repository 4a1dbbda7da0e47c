package org.neuristor.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuristor.NeuristorException;
import org.neuristor.sweep.ResultsLog;
import org.neuristor.sweep.SweepSpec;

/**
 * {@code sweep --engine spark}: runs the {@code spark} module's {@code SparkSweep} in a child JVM
 * with Spark's jars, so that this CLI jar never carries Spark. The child appends rows to the same
 * results CSV; this side shows the progress by counting them, then finishes (Parquet, plots).
 *
 * <p>The module is found at {@code spark/target/} of the source tree the CLI jar was built in, or
 * via the environment variable {@code NEURISTOR_SPARK_JAR} (path of {@code neuristor-spark.jar},
 * with {@code spark-classpath.txt} next to it).
 */
final class SparkChild {
  private SparkChild() {}

  static int run(Path specFile, Path dir, String master, SweepSpec spec, OutputOptions output) {
    Path jar = sparkJar();
    Path cpFile = jar.resolveSibling("spark-classpath.txt");
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(cpFile)) {
      throw NeuristorException.input("the Spark engine is not built (" + jar + " or " + cpFile + " missing): run "
          + "'mvn -B -pl spark -am package -DskipTests' (downloads Spark once, ~280 MB), or set NEURISTOR_SPARK_JAR");
    }
    String cp;
    try {
      cp = Files.readString(cpFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw NeuristorException.cannotRead("", cpFile, e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = System.getenv("NEURISTOR_SPARK_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      cmd.addAll(List.of(opts.trim().split("\\s+")));
    }
    cmd.add("-Dlog4j2.configurationFile=org/neuristor/spark/log4j2-quiet.properties");
    cmd.add("-cp");
    cmd.add(jar + java.io.File.pathSeparator + cp);
    cmd.add("org.neuristor.spark.SparkSweep");
    cmd.add(specFile.toString());
    cmd.add("--out");
    cmd.add(dir.toString());
    cmd.add("--master");
    cmd.add(master);
    Path csv = ResultsLog.csvPath(dir, spec);
    int before = rows(csv);
    // the child's output (Spark's warnings, its one-line report) goes to our stderr: our stdout is the summary
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    int code;
    try (ProgressBar bar = output.progress("sweep " + spec.name() + " (spark " + master + ")", spec.size() - before)) {
      Process p = pb.start();
      Thread pump = new Thread(() -> {
        try {
          p.getInputStream().transferTo(System.err);
        } catch (IOException e) {
          // the child ended
        }
      }, "spark-output");
      pump.setDaemon(true);
      pump.start();
      Thread kill = new Thread(p::destroy);
      Runtime.getRuntime().addShutdownHook(kill);
      int shown = 0;
      while (!p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        int now = rows(csv) - before;
        if (now > shown) {
          bar.stepBy(now - shown);
          shown = now;
        }
      }
      int now = rows(csv) - before;
      if (now > shown) {
        bar.stepBy(now - shown);
      }
      code = p.exitValue();
      pump.join(2000);
      Runtime.getRuntime().removeShutdownHook(kill);
    } catch (IOException e) {
      throw NeuristorException.input("cannot start the Spark engine: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NeuristorException("interrupted", 1);
    }
    if (code != 0) {
      throw new NeuristorException("the Spark engine failed (exit " + code + "); rows done so far are kept in " + csv
          + " and a rerun resumes", code == 2 ? 2 : 1);
    }
    return rows(csv) - before;
  }

  private static int rows(Path csv) {
    try {
      byte[] b = Files.readAllBytes(csv);
      int n = 0;
      for (byte x : b) {
        if (x == '\n') {
          n++;
        }
      }
      return Math.max(0, n - 1);
    } catch (IOException e) {
      return 0;
    }
  }

  static Path sparkJar() {
    String env = System.getenv("NEURISTOR_SPARK_JAR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    try {
      // cli/target/neuristor.jar (or cli/target/classes) -> <root>/spark/target/neuristor-spark.jar
      Path here = Path.of(SparkChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = here.getParent().getParent().getParent();
      return root.resolve("spark").resolve("target").resolve("neuristor-spark.jar");
    } catch (URISyntaxException | NullPointerException e) {
      return Path.of("spark", "target", "neuristor-spark.jar");
    }
  }
}
