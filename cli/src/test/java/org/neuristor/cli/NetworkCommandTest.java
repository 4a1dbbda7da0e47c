package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

class NetworkCommandTest {
  @TempDir Path dir;

  @Test
  void runsTheCobaExampleAndReportsPopulations() throws Exception {
    CliHarness.Result r = CliHarness.run("network", "run", "../examples/coba.yaml", "--json", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(0);
    JsonNode pops = Json.mapper().readTree(r.out()).get("populations");
    assertThat(pops.size()).isEqualTo(2);
    assertThat(pops.get(0).get("name").asText()).isEqualTo("exc");
    assertThat(pops.get(0).get("size").asInt()).isEqualTo(3200);
    assertThat(pops.get(0).get("rate_hz").asDouble()).isBetween(15.0, 30.0);
  }

  @Test
  void badNetworkFileNamesTheLine() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "name: bad\ndt: 0.1ms\npopulations:\n  - name: a\n    model: nosuch\n    size: 10\n");
    CliHarness.Result r = CliHarness.run("network", "run", f.toString(), "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.yaml:").doesNotContain("Exception");
  }

  @Test
  void aWarmUpStartsOnlyForNetworkRunOfAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("net.yaml");
    Files.writeString(f, "dt: 0.1ms\n");
    org.neuristor.network.WarmUp w = NetworkCommand.Run.warmUp(new String[] {"network", "run", "--threads", "2", f.toString()});
    assertThat(w).isNotNull();
    w.close();
    assertThat(NetworkCommand.Run.warmUp(new String[] {"network", "run", dir.resolve("none.yaml").toString()})).isNull();
    assertThat(NetworkCommand.Run.warmUp(new String[] {"network", "digits", f.toString()})).isNull();
    assertThat(NetworkCommand.Run.warmUp(new String[] {"run", f.toString()})).isNull();
    assertThat(NetworkCommand.Run.warmUp(new String[] {"network", "run", "--out", dir.toString()})).isNull();
  }

  @Test
  void theCommandAsStartedWritesTheSameSpikesAsWithoutItsWarmUp() throws Exception {
    // as started, a warm-up runs beside the command and may load the network ahead (WarmUp.loaded)
    Path plain = dir.resolve("plain");
    Path started = dir.resolve("started");
    assertThat(CliHarness.run("network", "run", "../examples/coba.yaml", "--no-plot", "--out", plain.toString()).code())
        .isZero();
    assertThat(CliHarness.runAsMain("network", "run", "../examples/coba.yaml", "--no-plot", "--out", started.toString())
        .code()).isZero();
    for (String f : new String[] {"coba.exc.spikes.csv", "coba.inh.spikes.csv"}) {
      assertThat(Files.readAllBytes(started.resolve(f))).as(f).isEqualTo(Files.readAllBytes(plain.resolve(f)));
    }
  }

  @Test
  void aPlainRunIsParsedAsPicocliParsesIt() {
    String f = "../examples/coba.yaml";
    String[][] plain = {
        {"network", "run", f},
        {"network", "run", f, "--out", "o1", "--json"},
        {"network", "run", "--no-plot", "--out=o2", f},
        {"network", "run", "--plot", f, "--json", "--out", "a b"},
        {"network", "run", f, "--threads", "2"},
        {"network", "run", f, "--plot-format", "svg"}};
    for (String[] args : plain) {
      assertThat(QuickStartCheck.check(args)).as(String.join(" ", args)).isTrue();
    }
    String[][] notPlain = {
        {"network", "run"},
        {"network", "run", "--out", "o"},
        {"network", "run", f, "--help"},
        {"network", "run", f, "-h"},
        {"network", "run", f, "--out", "a", "--out", "b"},
        {"network", "run", f, "--json", "--json"},
        {"network", "run", f, "--plot", "--no-plot"},
        {"network", "run", f, "--out"},
        {"network", "run", f, "--out", "--json"},
        {"network", "run", f, "--out="},
        {"network", "run", f, f},
        {"network", "run", "@args"},
        {"network", "run", f, "--"},
        {"network", "run", f, ""},
        {"network", "run", f, "--threads", "-1"},
        {"network", "digits", f},
        {"run", f, "x"}};
    for (String[] args : notPlain) {
      assertThat(QuickStart.parse(args, null)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void aPlainRunPrintsAndWritesWhatPicocliRunsDo() throws Exception {
    Path viaPicocli = dir.resolve("picocli");
    Path viaPlain = dir.resolve("plain");
    for (boolean json : new boolean[] {false, true}) {
      String[] a = {"network", "run", "../examples/coba.yaml", "--out", viaPicocli.toString()};
      String[] b = {"network", "run", "../examples/coba.yaml", "--out", viaPlain.toString()};
      if (json) {
        a = java.util.Arrays.copyOf(a, a.length + 1);
        a[a.length - 1] = "--json";
        b = java.util.Arrays.copyOf(b, b.length + 1);
        b[b.length - 1] = "--json";
      }
      CliHarness.Result r = CliHarness.picocli(a);
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      Integer code = quick(b, out, err);
      assertThat(code).isEqualTo(r.code()).isZero();
      assertThat(withoutWall(out.toString()).replace(viaPlain.toString(), "DIR"))
          .isEqualTo(withoutWall(r.out()).replace(viaPicocli.toString(), "DIR"));
    }
    for (String f : new String[] {"coba.exc.spikes.csv", "coba.inh.spikes.csv", "coba.raster.png"}) {
      assertThat(Files.readAllBytes(viaPlain.resolve(f))).as(f).isEqualTo(Files.readAllBytes(viaPicocli.resolve(f)));
    }
  }

  @Test
  void aPlainRunFailsAsPicocliRunsDo() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "name: bad\ndt: 0.1ms\npopulations:\n  - name: a\n    model: nosuch\n    size: 10\n");
    for (String json : new String[] {"--no-plot", "--json"}) {
      String[] args = {"network", "run", f.toString(), "--out", dir.resolve("o").toString(), json};
      CliHarness.Result r = CliHarness.picocli(args);
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      Integer code = quick(args, out, err);
      assertThat(code).isEqualTo(r.code()).isEqualTo(2);
      assertThat(err.toString()).isEqualTo(r.err()).contains("bad.yaml:");
      assertThat(out.toString()).isEqualTo(r.out());
    }
  }

  /** {@code args} run by QuickStart as the neuristor command runs them: with the warm-up started for them. */
  private static Integer quick(String[] args, java.io.StringWriter out, java.io.StringWriter err) {
    org.neuristor.network.WarmUp w = NetworkCommand.Run.warmUp(args);
    assertThat(w).isNotNull();
    return QuickStart.execute(args, new Main(w, null), new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(err, true));
  }

  @Test
  void aRunThatStopsLeavesNoEmptyOutputFolder() throws Exception {
    // round 21: a network stopped mid-run (here a neuron firing twice within one step) left the --out folder it had
    // made, empty; a folder that existed before stays
    Path f = dir.resolve("twice.yaml");
    Files.writeString(f, String.join("\n", "name: twice", "seed: 3", "dt:   1ms", "duration: 20ms", "populations:",
        "  quiet: {model: poisson, size: 1, rate: 1Hz}", "  fast:", "    model: if", "    size: 2",
        "    parameters: {t_ref: 0.1}", "    bias: 100nA", ""));
    Path fresh = dir.resolve("fresh");
    CliHarness.Result r = CliHarness.run("network", "run", f.toString(), "--out", fresh.resolve("deeper").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("fired twice").doesNotContain("Exception");
    assertThat(fresh).doesNotExist();
    Path existing = Files.createDirectories(dir.resolve("existing"));
    assertThat(CliHarness.run("network", "run", f.toString(), "--out", existing.toString()).code()).isNotZero();
    assertThat(existing).isDirectory();
  }

  /** Command output without its wall_s line or field (the only part that differs between two runs). */
  private static String withoutWall(String s) {
    return s.replaceAll("(?m)^wall_s:.*$", "").replaceAll(",\"wall_s\":[0-9.eE+-]+", "");
  }
}
