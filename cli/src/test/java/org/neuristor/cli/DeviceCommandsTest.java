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

  /**
   * device export --format: ltspice and verilog-a write the library's LTspice subcircuit and Verilog-A module (the
   * --json format key names them); an unknown format and a name Verilog-A cannot take are one-line errors, exit 2,
   * nothing on standard output.
   */
  @Test
  void deviceExportWritesEachFormatAndRefusesWhatItCannot() throws Exception {
    String[] lt = run("device", "export", "ts:nbox", "--format", "ltspice", "--name", "nbox");
    assertThat(lt[0]).isEqualTo("0");
    assertThat(lt[1]).isEqualTo(org.neuristor.device.SpiceExport.export("nbox", "ts", java.util.Map.of("preset", "nbox"),
        java.util.List.of("Neuristor device ts:nbox as LTspice B sources (device export)"),
        org.neuristor.device.ExportFormat.LTSPICE));
    String[] va = run("device", "export", "ts:nbox", "--format", "verilog-a", "--json");
    assertThat(va[0]).isEqualTo("0");
    JsonNode j = Json.mapper().readTree(va[1]);
    assertThat(j.get("format").asText()).isEqualTo("verilog-a");
    assertThat(j.get("name").asText()).isEqualTo("ts_nbox");
    assertThat(j.get("netlist").asText()).startsWith("// Neuristor device ts:nbox as a Verilog-A module (device export)\n")
        .contains("module ts_nbox(p, n);").contains("I(x) <+ ddt(V(x));").endsWith("endmodule\n");
    String[] bad = run("device", "export", "ts:nbox", "--format", "spectre");
    assertThat(bad[0]).isEqualTo("2");
    assertThat(bad[1]).isEmpty();
    assertThat(bad[2].strip()).isEqualTo("error: --format: unknown format 'spectre' (formats: ngspice, ltspice, verilog-a)");
    String[] name = run("device", "export", "ts:nbox", "--format", "verilog-a", "--name", "2nd");
    assertThat(name[0]).isEqualTo("2");
    assertThat(name[1]).isEmpty();
    assertThat(name[2].strip()).startsWith("error: verilog-a: '2nd' is not a Verilog-A module name");
    // round 22's review: Verilog-AMS keywords admsXml refuses (from, inf, exclude, potential) were taken, and a SPICE
    // name with a blank wrote ".subckt x y p n" (a subcircuit x with the pins y p n), exit 0
    for (String keyword : new String[] {"from", "inf", "exclude", "potential"}) {
      String[] k = run("device", "export", "ts:nbox", "--format", "verilog-a", "--name", keyword);
      assertThat(k[0]).as(keyword).isEqualTo("2");
      assertThat(k[1]).as(keyword).isEmpty();
      assertThat(k[2].strip()).startsWith("error: verilog-a: '" + keyword + "' is not a Verilog-A module name");
    }
    for (String format : new String[] {"ltspice", "ngspice"}) {
      for (String bad2 : new String[] {"x y", "", "a=b"}) {
        String[] k = run("device", "export", "ts:nbox", "--format", format, "--name", bad2);
        assertThat(k[0]).as(format + " '" + bad2 + "'").isEqualTo("2");
        assertThat(k[1]).as(format + " '" + bad2 + "'").isEmpty();
        assertThat(k[2].strip()).contains("is not a subcircuit name");
      }
    }
    String[] spread = run("device", "export", "ts:nbox", "--format", "ltspice", "--param", "d2d_r=0.1");
    assertThat(spread[0]).isEqualTo("2");
    assertThat(spread[2]).contains("d2d_r").doesNotContain("Exception");
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
