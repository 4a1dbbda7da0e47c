package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

class ModelCommandTest {
  @TempDir Path dir;

  @Test
  void lifRateAndSpikeTimesAsJson() throws Exception {
    CliHarness.Result r = CliHarness.run("model", "run", "lif", "--stim", "step:amp=2", "--duration", "200",
        "--dt", "0.1", "--out", dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("rate_hz").asDouble()).isCloseTo(63.04, org.assertj.core.data.Offset.offset(0.01));
    assertThat(j.get("spike_times_s").get(0).asDouble()).isCloseTo(0.0138629, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(j.get("final_state").has("v_V")).isTrue();
  }

  @Test
  void badParametersAndUnstableStepAreUserErrors() {
    CliHarness.Result r = CliHarness.run("model", "run", "lif", "--param", "tref=-1", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("refractory").doesNotContain("Exception");
    r = CliHarness.run("model", "run", "adex", "--param", "c=-5", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("capacitance");
    r = CliHarness.run("model", "run", "hh", "--dt", "0.2", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("dt");
  }
}
