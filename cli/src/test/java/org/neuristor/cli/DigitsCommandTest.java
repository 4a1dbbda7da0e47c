package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

class DigitsCommandTest {
  @TempDir Path dir;

  @Test
  void smallDigitsRunReportsAccuracyEnergyAndWritesWeights() throws Exception {
    CliHarness.Result r = CliHarness.run("network", "digits", "--dataset", "digits", "--hidden", "32", "--epochs",
        "10", "--steps", "150", "--test-samples", "100", "--synapse", "neurosim", "--threads", "2", "--json",
        "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    // 32 hidden neurons, 10 epochs: well above chance (0.1) even at this size
    assertThat(j.get("accuracy").asDouble()).isGreaterThan(0.7);
    assertThat(j.get("energy_per_inference_J").asDouble()).isPositive();
    assertThat(j.get("spikes_per_inference").asDouble()).isPositive();
    assertThat(j.get("test_samples").asInt()).isEqualTo(100);
    assertThat(Files.size(dir.resolve("digits_weights.png"))).isPositive();
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    CliHarness.Result r = CliHarness.run("network", "digits", "--dataset", "cifar", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--dataset").doesNotContain("Exception");
    CliHarness.Result s = CliHarness.run("network", "digits", "--synapse", "foo", "--out", dir.toString());
    assertThat(s.code()).isEqualTo(2);
    assertThat(s.err()).contains("unknown synapse").doesNotContain("Exception");
    CliHarness.Result d = CliHarness.run("network", "digits", "--data", dir.resolve("none").toString(), "--out",
        dir.toString());
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err()).doesNotContain("Exception");
  }
}
