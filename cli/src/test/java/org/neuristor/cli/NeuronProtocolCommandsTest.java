package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

class NeuronProtocolCommandsTest {
  @TempDir Path dir;

  @Test
  void strengthDurationReportsRheobaseChronaxieAndWritesCsv() throws Exception {
    CliHarness.Result r = CliHarness.run("neuron", "sd", "lif", "--widths", "5u,20u,150u", "--max", "20", "--tol",
        "1e-2", "--out", dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    // the 5 us threshold of the RC closed form is 4.47 V (see ProtocolsTest); the DC rheobase 1.13-1.15 V
    assertThat(j.get("threshold_V").get(0).asDouble()).isCloseTo(4.47, org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(j.get("rheobase_V").asDouble()).isBetween(1.12, 1.16);
    assertThat(Files.readAllLines(dir.resolve("lif.sd.csv"))).hasSize(4);
  }

  @Test
  void allOrNothingOnTheNeuristorAndBadInput() throws Exception {
    CliHarness.Result r = CliHarness.run("neuron", "aon", "pickett", "--amps", "0.2,0.24,0.28,0.32", "--width",
        "100n", "--param", "tstop=500n", "--out", dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("all_or_nothing").asBoolean()).isTrue();
    assertThat(j.get("threshold_V").asDouble()).isBetween(0.24, 0.28);
    CliHarness.Result bad = CliHarness.run("neuron", "aon", "pickett", "--amps", "0.3,0.2", "--width", "100n",
        "--out", dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("ascending").doesNotContain("Exception");
  }
}
