package org.neuristor.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.sweep.LocalEngine;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.ResultsLog;
import org.neuristor.sweep.SweepSpec;

/** The Spark engine against the local engine; one local[2] session for every test (start-up is 5-11 s). */
class SparkSweepTest {
  static SparkSession session;
  static JavaSparkContext sc;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    session = SparkSession.builder().config(new SparkConf().setMaster("local[2]").setAppName("neuristor-test")
        .set("spark.ui.enabled", "false")).getOrCreate();
    sc = JavaSparkContext.fromSparkContext(session.sparkContext());
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.stop();
    }
  }

  /**
   * The example 1,000-point Monte Carlo of the 1TS-1C neuron (V_th and C spread), with 20 us of
   * simulated time per point instead of 100 us to keep the test short.
   */
  static SweepSpec monteCarlo(String name) throws Exception {
    String text = Files.readString(Path.of("../examples/sweep-lif-mc.yaml")).replace("tstop: 100u", "tstop: 20u")
        .replace("name: lif-mc", "name: " + name);
    assertThat(text).contains("samples: 1000").contains("tstop: 20u");
    return SweepSpec.parse("mc.yaml", text, dir);
  }

  static List<String> withoutWall(Path csv) throws Exception {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(csv)) {
      out.add(l.substring(0, l.lastIndexOf(',')));
    }
    return out;
  }

  @Test
  void thousandPointMonteCarloEqualsTheLocalEngineRowForRow() throws Exception {
    SweepSpec s = monteCarlo("mc");
    try (ResultsLog log = ResultsLog.open(dir.resolve("local"), s)) {
      assertThat(LocalEngine.run(s, log, 2, null)).isEqualTo(1000);
      log.finish();
    }
    try (ResultsLog log = ResultsLog.open(dir.resolve("spark"), s)) {
      assertThat(SparkSweep.run(sc, s, log)).isEqualTo(1000);
      log.finish();
    }
    List<String> local = withoutWall(dir.resolve("local/mc.csv"));
    List<String> spark = withoutWall(dir.resolve("spark/mc.csv"));
    assertThat(local).hasSize(1001);
    assertThat(spark).isEqualTo(local);
    // the sweep really varies the rate: the spread of V_th and C shows up in the results
    List<PointResult> rows = ResultsLog.read(dir.resolve("spark/mc.csv"), s);
    assertThat(rows.stream().filter(PointResult::ok).count()).isEqualTo(1000);
    assertThat(rows.stream().mapToDouble(r -> r.results().get("spikes")).distinct().count()).isGreaterThan(1);

    // resume on Spark: a log holding the first 300 local rows gets only the other 700 from Spark
    Path part = dir.resolve("resume");
    Files.createDirectories(part);
    List<String> lines = Files.readAllLines(dir.resolve("local/mc.csv"));
    Files.writeString(part.resolve("mc.csv"), String.join("\n", lines.subList(0, 301)) + "\n");
    try (ResultsLog log = ResultsLog.open(part, s)) {
      assertThat(log.count()).isEqualTo(300);
      assertThat(SparkSweep.run(sc, s, log)).isEqualTo(700);
      log.finish();
    }
    assertThat(withoutWall(part.resolve("mc.csv"))).isEqualTo(local);
  }
}
