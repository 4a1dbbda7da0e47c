package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

/**
 * A measurement never plots what did not happen: a curve with no finite point is not drawn (it was an empty frame
 * with a lone "1" tick per axis); one warning line says so, the CSV and summary keep the measured (missing) values
 * and the exit code is unchanged. The sweep's own cases are in SweepCommandTest.
 */
class NoPlotOfNothingTest {
  @TempDir Path dir;

  @Test
  void aStrengthDurationCurveWhereNothingFiredIsNotPlotted() throws Exception {
    // --max 0.2 V: no width fires, every threshold is n/a
    CliHarness.Result r = CliHarness.run("neuron", "sd", "lif", "--widths", "2u,5u", "--max", "0.2", "--out",
        dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("threshold_V").get(0).isNull()).isTrue();
    assertThat(j.has("plot")).isFalse();
    assertThat(dir.resolve("lif.sd.png")).doesNotExist();
    assertThat(dir.resolve("lif.sd.csv")).exists();
    assertThat(r.err().lines().filter(l -> l.startsWith("warning: no plot")))
        .containsExactly("warning: no plot of threshold_V: no point gave a finite value");
  }

  @Test
  void aDelayCurveWhereNoPulseSwitchedIsNotPlotted() throws Exception {
    CliHarness.Result r = CliHarness.run("pulse", "mott", "--series", "1k", "--amps", "0.1,0.2", "--width", "2n",
        "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.has("plot")).isFalse();
    assertThat(dir.resolve("pulse-mott.png")).doesNotExist();
    assertThat(dir.resolve("pulse-mott-delay.csv")).exists();
    assertThat(r.err().lines().filter(l -> l.startsWith("warning: no plot")))
        .containsExactly("warning: no plot of delay_s: no pulse switched");
  }

  @Test
  void aDelayCurveWithOneSwitchedPulseIsStillPlotted() throws Exception {
    CliHarness.Result r = CliHarness.run("pulse", "mott", "--series", "1k", "--amps", "0.1,3", "--width", "2n",
        "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Json.mapper().readTree(r.out()).get("plot").asText()).endsWith("pulse-mott.png");
    assertThat(Files.size(dir.resolve("pulse-mott.png"))).isGreaterThan(1000);
    assertThat(r.err()).doesNotContain("no plot");
  }
}
