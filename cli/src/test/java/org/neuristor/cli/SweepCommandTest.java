package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.ResultsLog;
import org.neuristor.sweep.SweepSpec;

class SweepCommandTest {
  @TempDir Path dir;

  /** The example Monte Carlo with a shorter simulation per point and fewer points (test time). */
  Path shortMonteCarlo(int samples) throws Exception {
    String text = Files.readString(Path.of("../examples/sweep-lif-mc.yaml"))
        .replace("samples: 1000", "samples: " + samples).replace("tstop: 100u", "tstop: 20u");
    assertThat(text).contains("samples: " + samples).contains("tstop: 20u");
    Path spec = dir.resolve("mc.yaml");
    Files.writeString(spec, text);
    return spec;
  }

  /** The CSV without the wall-time column, which is the only column allowed to differ between runs. */
  static List<String> withoutWall(Path csv) throws Exception {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(csv)) {
      out.add(l.substring(0, l.lastIndexOf(',')));
    }
    return out;
  }

  @Test
  void resultsDoNotDependOnThreadsAndParquetEqualsCsv() throws Exception {
    Path spec = shortMonteCarlo(24);
    CliHarness.Result one = CliHarness.run("sweep", spec.toString(), "--threads", "1", "--out",
        dir.resolve("t1").toString(), "--json");
    assertThat(one.code()).as(one.err()).isEqualTo(0);
    CliHarness.Result two = CliHarness.run("sweep", spec.toString(), "--threads", "2", "--out",
        dir.resolve("t2").toString(), "--json", "--no-plot");
    assertThat(two.code()).as(two.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(one.out());
    assertThat(j.get("points").asInt()).isEqualTo(24);
    assertThat(j.get("failed").asInt()).isZero();
    assertThat(j.get("plots").size()).isEqualTo(6); // 3 results x 2 sampled parameters
    Path csv1 = dir.resolve("t1/lif-mc.csv");
    assertThat(withoutWall(csv1)).hasSize(25).isEqualTo(withoutWall(dir.resolve("t2/lif-mc.csv")));

    // read the Parquet copy back with the same library and compare every cell with the CSV
    SweepSpec s = SweepSpec.load(spec);
    List<PointResult> rows = ResultsLog.read(csv1, s);
    ParquetReadOptions opts = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(SweepParquet.UNCOMPRESSED).build();
    List<Group> groups = new ArrayList<>();
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(dir.resolve("t1/lif-mc.parquet")), opts)) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      assertThat(schema.getFieldCount()).isEqualTo(PointResult.header(s).size());
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long k = 0; k < pages.getRowCount(); k++) {
          groups.add(rr.read());
        }
      }
    }
    assertThat(groups).hasSize(rows.size());
    for (int k = 0; k < rows.size(); k++) {
      Group g = groups.get(k);
      PointResult p = rows.get(k);
      assertThat(g.getInteger("point", 0)).isEqualTo(p.index());
      assertThat(g.getDouble("vth", 0)).isEqualTo(p.params().get("vth"));
      assertThat(g.getDouble("cm", 0)).isEqualTo(p.params().get("cm"));
      assertThat(g.getDouble("rate_hz", 0)).isEqualTo(p.results().get("rate_hz"));
      assertThat(g.getDouble("spikes", 0)).isEqualTo(p.results().get("spikes"));
      assertThat(g.getDouble("energy_per_spike_J", 0)).isEqualTo(p.results().get("energy_per_spike_J"));
      assertThat(g.getString("status", 0)).isEqualTo("ok");
      assertThat(g.getFieldRepetitionCount("error")).isZero();
      assertThat(g.getDouble("wall_s", 0)).isEqualTo(p.wallSeconds());
    }
  }

  @Test
  void killedSweepResumesToTheSameFileWithoutDuplicatesOrGaps() throws Exception {
    Path spec = shortMonteCarlo(60);
    // reference: one uninterrupted run
    CliHarness.Result ref = CliHarness.run("sweep", spec.toString(), "--out", dir.resolve("ref").toString(),
        "--no-plot", "--threads", "2");
    assertThat(ref.code()).as(ref.err()).isEqualTo(0);
    // the same command in a child JVM, killed (SIGKILL) once at least 10 rows are written
    Path out = dir.resolve("killed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
        Main.class.getName(), "sweep", spec.toString(), "--out", out.toString(), "--no-plot", "--threads", "2")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Path csv = out.resolve("lif-mc.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (rows(csv) < 10 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    int before = rows(csv);
    assertThat(before).as("rows written before the kill").isBetween(10, 59);
    CliHarness.Result again = CliHarness.run("sweep", spec.toString(), "--out", out.toString(), "--no-plot",
        "--json", "--threads", "2");
    assertThat(again.code()).as(again.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(again.out());
    assertThat(j.get("resumed").asInt()).isEqualTo(before);
    assertThat(j.get("ran").asInt()).isEqualTo(60 - before);
    assertThat(withoutWall(csv)).isEqualTo(withoutWall(dir.resolve("ref/lif-mc.csv")));
  }

  private static int rows(Path csv) throws Exception {
    if (!Files.exists(csv)) {
      return 0;
    }
    String t = Files.readString(csv);
    return (int) t.chars().filter(c -> c == '\n').count() - 1;
  }

  @Test
  void twoParameterGridDrawsAHeatMapAndFailingPointsAreRecorded() throws Exception {
    Path spec = dir.resolve("g.yaml");
    Files.writeString(spec, "name: g\njob: {type: neuron, circuit: lif, params: {tstop: 20u}}\nparameters:\n"
        + "  vth: {list: [1.0, -1]}\n  rin: {list: [20k, 40k]}\nresults: [spikes]\n");
    CliHarness.Result r = CliHarness.run("sweep", spec.toString(), "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("failed").asInt()).isEqualTo(2);
    assertThat(j.get("first_error").asText()).contains("vth");
    assertThat(j.get("plots").get(0).asText()).endsWith("g.spikes.png");
    assertThat(Files.size(dir.resolve("g.spikes.png"))).isGreaterThan(1000);
  }

  @Test
  void badSpecIsAUserErrorWithItsLocation() throws Exception {
    Path spec = dir.resolve("bad.yaml");
    Files.writeString(spec, "job: {type: neuron, circuit: lif}\nparameters:\n  vth: {nromal: [1, 0.1]}\n");
    CliHarness.Result r = CliHarness.run("sweep", spec.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.yaml:3:9: unknown distribution 'nromal'").doesNotContain("Exception");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  /** A netlist whose .include is missing: every point of a sweep over it fails. */
  Path missingInclude() throws Exception {
    Path cir = dir.resolve("inc.cir");
    Files.writeString(cir, "* missing include\n.include nothere.lib\n.param r=1k c=1p\nV1 a 0 1\nR1 a 0 {r}\n"
        + "C1 a 0 {c}\n.tran 1n 10n\n.end\n");
    return cir;
  }

  @Test
  void aSweepWhoseEveryPointFailedWritesNoPlot() throws Exception {
    // before: one empty plot per result and parameter (a lone "1" tick per axis) and "plots" in the summary
    missingInclude();
    Path spec = dir.resolve("inc.yaml");
    Files.writeString(spec, "name: inc\njob: {type: run, netlist: inc.cir}\nparameters:\n  r: {list: [1k, 2k]}\n"
        + "results: [\"max:v(a)\", \"final:v(a)\"]\n");
    Path out = dir.resolve("o");
    CliHarness.Result r = CliHarness.run("sweep", spec.toString(), "--out", out.toString(), "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("failed").asInt()).isEqualTo(2);
    assertThat(j.has("plots")).isFalse();
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.endsWith(".png"));
    }
    assertThat(r.err().lines().filter(l -> l.startsWith("warning: no plot of ")))
        .containsExactly("warning: no plot of max:v(a), final:v(a): no point gave a finite value");
  }

  @Test
  void aHeatMapOfNoFiniteCellIsNotWrittenAndTheOthersAre() throws Exception {
    // before: g.spikes.png and an all-grey g.energy_per_spike_J.png (no point spiked)
    Path spec = dir.resolve("g.yaml");
    Files.writeString(spec, "name: g\njob: {type: neuron, circuit: lif, params: {tstop: 2u, vin: 0}}\nparameters:\n"
        + "  vth: {list: [1.0, 1.1]}\n  rin: {list: [20k, 40k]}\nresults: [spikes, energy_per_spike_J]\n");
    CliHarness.Result r = CliHarness.run("sweep", spec.toString(), "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("failed").asInt()).isZero();
    assertThat(j.get("plots")).hasSize(1);
    assertThat(j.get("plots").get(0).asText()).endsWith("g.spikes.png");
    assertThat(dir.resolve("g.energy_per_spike_J.png")).doesNotExist();
    assertThat(r.err()).contains("warning: no plot of energy_per_spike_J: no point gave a finite value");
  }

  @Test
  void axisTitlesCarryTheUnitTheSpecWritesAndNoInventedOne() throws Exception {
    // before: "cm (SI)" and "vth (SI)"
    SweepSpec s = SweepSpec.parse("s.yaml", "job: {type: neuron, circuit: lif}\nparameters:\n"
        + "  cm: {list: [1nF, 2nF]}\n  vth: {list: [1, 1.1]}\n  rin: {loggrid: [5k, 60k, 3]}\n", Path.of("."));
    assertThat(SweepPlots.label(s, s.parameters().get(0))).isEqualTo("cm (F)");
    assertThat(SweepPlots.label(s, s.parameters().get(1))).isEqualTo("vth");
    assertThat(SweepPlots.axis(s, (org.neuristor.sweep.Parameter.Values) s.parameters().get(2))).isEqualTo("log10 rin");
    SweepSpec iv = SweepSpec.parse("s.yaml", "job: {type: iv, device: nbox}\nparameters:\n  ron: {list: [1k, 2k]}\n",
        Path.of("."));
    assertThat(SweepPlots.label(iv, iv.parameters().get(0))).isEqualTo("ron (Ohm)");
    // a model's parameter in figure text (Plotter.unitText), as the other figures show it; before: "g_na (mS/cm2)"
    SweepSpec hh = SweepSpec.parse("s.yaml", "job: {type: model, model: hh}\nparameters:\n  g_na: {list: [100, 120]}\n",
        Path.of("."));
    assertThat(SweepPlots.label(hh, hh.parameters().get(0))).isEqualTo("g_na (mS/cm\u00b2)");
  }
}
