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

  /**
   * The rheobase is the threshold of the longest pulse only where the threshold has stopped falling: with widths
   * 2u,10u it printed 2.53 V (the 10 us threshold) where longer pulses fire at 1.14 V, and a chronaxie from it. The
   * amplitude --tol below it now runs once in a pulse 4 times as long; it fires, so both are null with the reason.
   */
  @Test
  void aRheobaseFromAPulseTooShortIsNullWithTheBound() throws Exception {
    CliHarness.Result r = CliHarness.run("neuron", "sd", "lif", "--widths", "2u,10u", "--max", "20", "--out",
        dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("threshold_V").get(1).asDouble()).isCloseTo(2.5305, org.assertj.core.data.Offset.offset(0.003));
    assertThat(j.get("rheobase_V").isNull()).as(r.out()).isTrue();
    assertThat(j.get("rheobase_reason").asText()).contains("still falls").contains("below 2.53052 V")
        .contains("4e-5 s");
    assertThat(j.get("chronaxie_s").isNull()).isTrue();
    assertThat(j.get("chronaxie_reason").asText()).isEqualTo("no rheobase to double");
    // nothing fires: the reason says so
    r = CliHarness.run("neuron", "sd", "lif", "--widths", "2u,5u", "--max", "0.5", "--out", dir.toString(), "--json",
        "--no-plot");
    j = Json.mapper().readTree(r.out());
    assertThat(j.get("rheobase_reason").asText()).contains("did not fire up to --max");
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
