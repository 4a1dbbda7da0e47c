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
}
