package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

class DeviceCommandsTest {
  @TempDir Path dir;

  String[] run(String... args) {
    CliHarness.Result r = CliHarness.run(args);
    return new String[] {String.valueOf(r.code()), r.out(), r.err()};
  }

  @Test
  void ivPrintsThresholdsPerPolarityAsJson() throws Exception {
    String[] r = run("iv", "ts:nbox", "--sweep", "triangle:amp=1.5,rate=1", "--out", dir.toString(),
        "--json", "--no-plot");
    assertThat(r[0]).isEqualTo("0");
    JsonNode j = Json.mapper().readTree(r[1]);
    for (String pol : new String[] {"positive", "negative"}) {
      assertThat(j.get(pol).get("vth_V").asDouble()).isCloseTo(1.0, org.assertj.core.data.Percentage.withPercentage(1));
      assertThat(j.get(pol).get("vhold_V").asDouble()).isCloseTo(0.6, org.assertj.core.data.Percentage.withPercentage(1));
      assertThat(j.get(pol).get("ron_ohm").asDouble()).isCloseTo(1e3, org.assertj.core.data.Percentage.withPercentage(1));
      assertThat(j.get(pol).get("roff_ohm").asDouble()).isCloseTo(1e6, org.assertj.core.data.Percentage.withPercentage(1));
    }
  }

  @Test
  void monteCarloIsReproducibleWithTheSameSeed() throws Exception {
    String[] a = run("iv", "ts:ag", "--devices", "5", "--seed", "3", "--param", "d2d_v=0.05",
        "--sweep", "triangle:amp=0.6,rate=1", "--out", dir.resolve("a").toString(), "--json", "--no-plot");
    String[] b = run("iv", "ts:ag", "--devices", "5", "--seed", "3", "--param", "d2d_v=0.05",
        "--sweep", "triangle:amp=0.6,rate=1", "--out", dir.resolve("a").toString(), "--json", "--no-plot");
    assertThat(Json.mapper().readTree(a[1]).get("vth_V_sigma").asDouble()).isPositive()
        .isEqualTo(Json.mapper().readTree(b[1]).get("vth_V_sigma").asDouble());
  }

  @Test
  void badPresetAndUnknownTypeAreUserErrors() {
    String[] r = run("iv", "ts:nosuch", "--out", dir.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("unknown preset").doesNotContain("Exception");
    r = run("device", "describe", "nosuch");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("known: ts, diffusive, ots, mott, vo2");
    // a compliance of 0 A meant none: the device switched at full current and the run exited 0
    r = run("iv", "nbox", "--compliance", "0", "--no-plot", "--out", dir.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2].strip()).isEqualTo("error: --compliance must be > 0, got '0'");
  }

  @Test
  void describeListsEveryParameterWithUnitAndRange() {
    String[] r = run("device", "describe", "mott");
    assertThat(r[1]).contains("rth").contains("K/W").contains("presets:").contains("nbo2");
  }
}
