package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

/** The device, iv and pulse commands as a user runs them. */
class DeviceCliTest {
  @TempDir Path dir;

  static CliHarness.Result run(String... args) {
    return CliHarness.run(args);
  }

  @Test
  void ivPrintsTheExtractedFiguresPerPolarityAndWritesCsvAndPlot() throws Exception {
    CliHarness.Result r = run("iv", "nbox", "--json", "--out", dir.toString());
    assertThat(r.code()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    for (String pol : new String[] {"positive", "negative"}) {
      // nbox states observed thresholds 1.0 / 0.6 V
      assertThat(j.get(pol).get("vth_V").asDouble()).isCloseTo(1.0, within(0.005));
      assertThat(j.get(pol).get("vhold_V").asDouble()).isCloseTo(0.6, within(0.005));
      assertThat(j.get(pol).get("ron_ohm").asDouble()).isCloseTo(1e3, within(10.0));
      assertThat(j.get(pol).get("roff_ohm").asDouble()).isCloseTo(1e6, within(1e4));
    }
    assertThat(Files.size(Path.of(j.get("csv").asText()))).isPositive();
    assertThat(Files.size(Path.of(j.get("plot").asText()))).isPositive();
  }

  @Test
  void ivVo2SaysItsNegativeHalfStartsFromTheStateThePositiveHalfLeft() throws Exception {
    // round 19: the negative half printed 6.83 V against 7.09 V with nothing to say why (IvSweepTest has the
    // minor-loop knees); nbox, a device without memory, prints history null
    CliHarness.Result r = run("iv", "vo2", "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("negative").get("vth_V").asDouble()).isCloseTo(6.83, within(0.01));
    assertThat(j.get("negative_fresh").get("vth_V").asDouble()).isEqualTo(j.get("positive").get("vth_V").asDouble());
    assertThat(j.get("negative").get("history").asText()).contains("a fresh device switches at 7.08944 V");
    JsonNode n = Json.mapper().readTree(run("iv", "nbox", "--json", "--no-plot", "--out", dir.toString()).out());
    assertThat(n.get("negative").get("history").isNull()).isTrue();
    assertThat(n.get("negative_fresh").get("vth_V").asDouble()).isCloseTo(1.0, within(0.005));
  }

  @Test
  void theFittedVo2CardThatStaysMetallicHasNoHoldPoint() throws Exception {
    // round 20: the card's I-V printed vhold_V 0.0158 V with returned_to_hrs false. The film switches at 9.82 V and
    // stays metallic (137-144 Ohm against R_off 1505 Ohm) down to 0 V; 0.0158 V was the largest of the steps of its
    // resistance drifting up by 0.16% per sample as it cooled, not a turn-off
    CliHarness.Result r = run("iv", "../examples/models/vo2-galloni2024.model", "--json", "--no-plot", "--out",
        dir.toString());
    assertThat(r.code()).isZero();
    JsonNode p = Json.mapper().readTree(r.out()).get("positive");
    assertThat(p.get("switched").asBoolean()).isTrue();
    assertThat(p.get("vth_V").asDouble()).isCloseTo(9.824, within(0.001));
    assertThat(p.get("vhold_V").isNull()).isTrue();
    assertThat(p.get("window_V").isNull()).isTrue();
    assertThat(p.get("returned_to_hrs").asBoolean()).isFalse();
    assertThat(p.get("reason").asText()).contains("did not turn off on the falling ramp").contains("143.8 Ohm");
    // round 21: held at the read voltage after the ramp the film cools and turns off: volatile, slower than the ramp
    assertThat(p.get("relaxation_s").asDouble()).isBetween(0.01, 0.03);
    assertThat(p.get("vset_V").isNull()).isTrue();
    assertThat(p.get("reason").asText()).contains("it is volatile, but relaxes more slowly than this ramp (160.0 V/s)");
  }

  @Test
  void ivNamesTheResetAndTheSetOfANonVolatileSynapse() throws Exception {
    // round 20: the positive half, a RESET from 50 to 1000 Ohm, said "no switch ... raise the amplitude"
    CliHarness.Result r = run("iv", "synapse", "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    JsonNode p = j.get("positive");
    assertThat(p.get("vreset_V").asDouble()).isBetween(0.02, 0.021);
    assertThat(p.get("ron_ohm").asDouble()).isCloseTo(50, within(0.5));
    assertThat(p.get("roff_ohm").asDouble()).isCloseTo(1000, within(1e-6));
    assertThat(p.get("reason").asText()).startsWith("RESET at").doesNotContain("raise the amplitude");
    JsonNode n = j.get("negative");
    assertThat(n.get("vset_V").asDouble()).isEqualTo(n.get("vth_V").asDouble()).isBetween(0.2, 0.205);
    assertThat(n.get("vhold_V").isNull()).isTrue();
    assertThat(n.get("relaxation_s").isNull()).isTrue();
    assertThat(n.get("reason").asText()).startsWith("SET at").endsWith("it does not relax, so it has no hold point");
  }

  @Test
  void aMonteCarloCountsTheDevicesWithoutAHoldPoint() throws Exception {
    // round 20: iv pcm:tuma2016 --devices 5 gave vhold_V_mean 63.996 V at a 64 V sweep; every cell fires and resets
    // on the rising ramp, so none has a hold point
    CliHarness.Result r = run("iv", "pcm:tuma2016", "--devices", "5", "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("switched_devices").asInt()).isEqualTo(5);
    assertThat(j.get("vhold_devices").asInt()).isZero();
    assertThat(j.get("vhold_V_mean").isNull()).isTrue();
    assertThat(j.get("vhold_reason").asText()).startsWith("no device that switched held its ON state");
    r = run("iv", "pcm:tuma2016", "--devices", "5", "--sweep", "triangle:amp=64", "--json", "--no-plot", "--out",
        dir.toString());
    j = Json.mapper().readTree(r.out());
    assertThat(j.get("vhold_V_mean").isNull()).isTrue();
    assertThat(j.get("vhold_devices").asInt()).isZero();
  }

  @Test
  void monteCarloReportsTheSpread() throws Exception {
    CliHarness.Result r = run("iv", "ts:ag", "--devices", "8", "--seed", "4", "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("vth_V_sigma").asDouble()).isGreaterThan(0.0);
    assertThat(j.get("vth_V_mean").asDouble()).isCloseTo(0.4, within(0.04));
  }

  @Test
  void describeIsGeneratedFromTheDeclarationsAndBadInputIsOneLine() {
    CliHarness.Result d = run("device", "describe", "vo2");
    assertThat(d.code()).isZero();
    assertThat(d.out()).contains("beta").contains("zhang2024");
    CliHarness.Result bad = run("iv", "nbox", "--param", "vhold=2", "--out", dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    CliHarness.Result p = run("pulse", "nbox", "--amps", "1.5,2,3", "--width", "200n", "--json", "--no-plot", "--out", dir.toString());
    assertThat(p.code()).isZero();
  }
}
