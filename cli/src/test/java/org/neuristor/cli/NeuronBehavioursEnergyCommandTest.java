package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

/** {@code neuron behaviours} and {@code neuron energy} from the command line: output, files, errors. */
class NeuronBehavioursEnergyCommandTest {
  @TempDir Path dir;

  @Test
  void behavioursLabelsAProtocolAndWritesCsvAndGallery() throws Exception {
    CliHarness.Result r = CliHarness.run("neuron", "behaviours", "izhikevich:A", "--only", "A", "--json", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = Json.mapper().readTree(r.out()).get("neurons").get(0);
    assertThat(n.get("name").asText()).isEqualTo("izhikevich:A");
    // the tonic-spiking neuron of Izhikevich 2004 under the protocol transferred to its scale
    assertThat(n.get("behaviours").get(0).get("found").asText()).isEqualTo("tonic spiking");
    assertThat(n.get("passed").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(dir.resolve("behaviours.csv"))).hasSize(2);
    assertThat(dir.resolve("behaviours-izhikevich-A.png")).exists();
  }

  @Test
  void aDimensionlessRheobaseIsPrintedWithoutAUnit() throws Exception {
    // Izhikevich's I is dimensionless: "R = 0.1978 1" read as a unit "1"
    CliHarness.Result r = CliHarness.run("neuron", "behaviours", "izhikevich:K", "--only", "A,I", "--no-plot",
        "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("rheobase R = 0.1978, time scale").containsPattern("R = 0\\.1978 +tonic spiking")
        .containsPattern("unit = [0-9.]+ +spike latency").doesNotContainPattern("[0-9] 1[ ,]");
    // the figure title too; a unit that is one keeps it
    assertThat(NeuronBehavioursCommand.scaleText(0.1978, "1", 0.0155)).isEqualTo("R = 0.198, tau = 15.50 ms");
    assertThat(NeuronBehavioursCommand.scaleText(2.25, "uA/cm2", 11.49e-6)).startsWith("R = 2.25 \u00b5A/cm\u00b2, tau");
    r = CliHarness.run("neuron", "behaviours", "model:hh", "--only", "A", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("rheobase R = [0-9.]+ uA/cm2,");
  }

  /**
   * A neuron that fires without input has no rheobase: the search's last halving is not one. A LIF whose rest (e_l
   * -50 mV) lies above its threshold (-55 mV) said "pwl: times must not decrease (-0.0 then -0.02...)" until round 21
   * (R = 2/2^17 nA, its first spike before the step: a negative time scale).
   */
  @Test
  void aNeuronFiringWithoutInputHasNoRheobaseAndSaysWhy() throws Exception {
    CliHarness.Result r = CliHarness.run("neuron", "behaviours", "model:lif", "--param", "e_l=-50", "--only", "A",
        "--no-plot", "--out", dir.resolve("rest").toString());
    assertThat(r.code()).as(r.out()).isEqualTo(2);
    assertThat(r.err()).contains("model:lif: fires under every step tried, down to 1.526e-05 nA (it fires without "
        + "input:").contains("no rheobase R").doesNotContain("pwl").doesNotContain("Exception");
    assertThat(dir.resolve("rest").resolve("behaviours.csv")).doesNotExist();
  }

  @Test
  void tunedSetsRunEachBehaviourOnItsOwnVariantAndValues() throws Exception {
    CliHarness.Result r = CliHarness.run("neuron", "behaviours", "yi-tuned", "--only", "B", "--json", "--no-plot",
        "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = Json.mapper().readTree(r.out()).get("neurons").get(0);
    assertThat(n.get("name").asText()).isEqualTo("yi-tuned");
    JsonNode b = n.get("behaviours").get(0);
    // phasic spiking on the phasic variant with its own values (yi-behaviours.yaml)
    assertThat(b.get("variant").asText()).isEqualTo("yi-phasic");
    assertThat(b.get("params").get("cin").asText()).isNotEmpty();
    assertThat(b.get("found").asText()).isEqualTo("phasic spiking");
    assertThat(n.get("passed").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(dir.resolve("behaviours.csv")).get(1)).contains("yi-phasic");
    r = CliHarness.run("neuron", "behaviours", "yi-tuned", "--param", "c1=1n", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--param does not apply to tuned sets");
  }

  @Test
  void badNamesAndParametersAreUserErrors() {
    CliHarness.Result r = CliHarness.run("neuron", "behaviours", "nosuch", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no neuron circuit 'nosuch'");
    r = CliHarness.run("neuron", "energy", "lif", "yi", "--param", "rin=1k", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--param needs a single circuit");
  }

  @Test
  void parametersAreCheckedAsNeuronRunChecksThem() {
    // round 18: cm=inf reached the netlist as text ("lif.cir:5:11: unknown parameter 'inf'"), a model's value
    // was read without its unit (tau_m=20mV as 20)
    for (String cmd : new String[] {"energy", "behaviours"}) {
      CliHarness.Result r = CliHarness.run("neuron", cmd, "lif", "--param", "cm=inf", "--out", dir.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("error: circuit lif: parameter cm: 'inf' is not a finite number")
          .doesNotContain("unknown parameter").doesNotContain("at org.");
    }
    CliHarness.Result r = CliHarness.run("neuron", "behaviours", "model:lif", "--param", "tau_m=20mV", "--out",
        dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("parameter tau_m: '20mV': wrong unit, expected a value in ms");
  }

  @Test
  void aSubjectWithoutScaleGetsARowOfReasonsInAMatrix() throws Exception {
    // pickett stops firing above 0.5 V (excitation block): a step of 2 x its 0.26 V rheobase does not fire
    CliHarness.Result r = CliHarness.run("neuron", "behaviours", "pickett", "izhikevich:A", "--only", "A", "--json",
        "--no-plot", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode p = Json.mapper().readTree(r.out()).get("neurons").get(0);
    assertThat(p.get("rheobase").isNull()).isTrue();
    assertThat(p.get("reason").asText()).contains("does not fire");
    assertThat(p.get("behaviours").get(0).get("pass").asBoolean()).isFalse();
    assertThat(Json.mapper().readTree(r.out()).get("neurons").get(1).get("passed").asInt()).isEqualTo(1);
    // alone, the same subject is a user error
    assertThat(CliHarness.run("neuron", "behaviours", "pickett", "--no-plot", "--out", dir.toString()).code())
        .isEqualTo(2);
  }

  @Test
  void energyMeasuresTheCircuitAndListsCmosWithTags() throws Exception {
    CliHarness.Result r = CliHarness.run("neuron", "energy", "lif", "pickett", "yi", "huang", "--json", "--out",
        dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    JsonNode c = j.get("circuits").get(0);
    assertThat(c.get("tellegen_relative_error").asDouble()).isLessThan(1e-6);
    assertThat(c.get("energy_per_spike_J").asDouble()).isBetween(0.8e-9, 0.9e-9);
    // largest capacitor 1 nF -> 1 fF: k = 1e6
    assertThat(c.get("scaled_energy_per_spike_J").asDouble() * 1e6)
        .isCloseTo(c.get("dynamic_energy_per_spike_J").asDouble(), org.assertj.core.data.Percentage.withPercentage(1e-6));
    assertThat(j.get("cmos").size()).isEqualTo(6);
    for (JsonNode m : j.get("cmos")) {
      assertThat(m.get("tag").asText()).isIn("V", "P");
      assertThat(m.get("source").asText()).isNotBlank();
    }
    assertThat(Files.readAllLines(dir.resolve("energy.csv"))).hasSize(1 + 4 + 6);
    assertThat(dir.resolve("energy.png")).exists();
    // README's energy table quotes these four circuits: each row must say what the command measures today
    JsonNode[] cs = new JsonNode[4];
    for (int k = 0; k < 4; k++) {
      cs[k] = j.get("circuits").get(k);
    }
    String[] rows = {
      String.format(java.util.Locale.ROOT, "| `lif` | 1 memristive + 3 R/C | %.0f pJ | %.2f fJ | %.0f kHz |",
          cs[0].get("dynamic_energy_per_spike_J").asDouble() * 1e12,
          cs[0].get("scaled_energy_per_spike_J").asDouble() * 1e15, cs[0].get("max_rate_hz").asDouble() / 1e3),
      String.format(java.util.Locale.ROOT,
          "| `pickett` | 2 memristive + 5 R/C | %.2f pJ (+%.2f uW static) | %.1f fJ | %.2f MHz |",
          cs[1].get("dynamic_energy_per_spike_J").asDouble() * 1e12, cs[1].get("static_power_W").asDouble() * 1e6,
          cs[1].get("scaled_energy_per_spike_J").asDouble() * 1e15, cs[1].get("max_rate_hz").asDouble() / 1e6),
      String.format(java.util.Locale.ROOT,
          "| `yi` | 2 memristive + 5 R/C | %.1f nJ (+%.1f mW static) | %.0f fJ | %.0f kHz |",
          cs[2].get("dynamic_energy_per_spike_J").asDouble() * 1e9, cs[2].get("static_power_W").asDouble() * 1e3,
          cs[2].get("scaled_energy_per_spike_J").asDouble() * 1e15, cs[2].get("max_rate_hz").asDouble() / 1e3),
      String.format(java.util.Locale.ROOT,
          "| `huang` | 2 memristive + 2 R/C | %.1f nJ | no capacitor to scale | pulse-driven |",
          cs[3].get("dynamic_energy_per_spike_J").asDouble() * 1e9)};
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String row : rows) {
      assertThat(readme.contains(row)).as("README should have the row %s", row).isTrue();
    }
  }
}
