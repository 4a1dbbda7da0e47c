package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

/** {@code network stdp-digits} on a tiny budget; the crossbar options of {@code network digits}. */
class StdpDigitsCommandTest {
  @TempDir Path dir;

  @Test
  void tinyStdpRunReportsAccuracyEnergyAndReceptiveFields() throws Exception {
    CliHarness.Result r = CliHarness.run("network", "stdp-digits", "--dataset", "digits", "--neurons", "10", "--epochs", "1",
        "--train-samples", "60", "--test-samples", "30", "--presentation", "0.1", "--synapse", "neurosim", "--json",
        "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("test_samples").asInt()).isEqualTo(30);
    double p = j.get("accuracy").asDouble();
    assertThat(j.get("accuracy_standard_error").asDouble()).isEqualTo(Math.sqrt(p * (1 - p) / 30));
    assertThat(j.get("energy_per_inference_J").asDouble()).isPositive();
    assertThat(j.get("programming_energy_J").asDouble()).isPositive();
    assertThat(j.get("learning_pulses").get(0).asLong()).isPositive();
    // the receptive fields' whole title is in the image: no ink of the title band on the image's edge columns
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve("stdp_receptive_fields.png").toFile());
    int w = img.getWidth();
    int inkLeft = 0;
    int inkRight = 0;
    int ink = 0;
    for (int y = 0; y < 40; y++) { // the title band
      for (int x = 0; x < w; x++) {
        if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
          ink++;
          inkLeft += x < 3 ? 1 : 0;
          inkRight += x >= w - 3 ? 1 : 0;
        }
      }
    }
    assertThat(ink).as("title ink").isPositive();
    assertThat(inkLeft).as("title ink at the left edge").isZero();
    assertThat(inkRight).as("title ink at the right edge").isZero();
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    CliHarness.Result r = CliHarness.run("network", "stdp-digits", "--synapse", "pcm", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--synapse").doesNotContain("Exception");
    CliHarness.Result n = CliHarness.run("network", "stdp-digits", "--neurons", "0", "--out", dir.toString());
    assertThat(n.code()).isEqualTo(2);
  }

  @Test
  void digitsReadThroughTheCrossbarCircuitAndTrainInSitu() throws Exception {
    CliHarness.Result r = CliHarness.run("network", "digits", "--dataset", "digits", "--hidden", "16", "--epochs", "2",
        "--steps", "100", "--test-samples", "40", "--wire-r", "10", "--tile", "32", "--json", "--no-plot", "--out",
        dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("wire_r_ohm").asDouble()).isEqualTo(10);
    assertThat(j.get("tile").asInt()).isEqualTo(32);
    CliHarness.Result s = CliHarness.run("network", "digits", "--dataset", "digits", "--hidden", "16", "--epochs", "2",
        "--steps", "100", "--test-samples", "40", "--train", "insitu", "--levels", "97", "--json", "--no-plot", "--out",
        dir.toString());
    assertThat(s.code()).as(s.err()).isEqualTo(0);
    JsonNode k = Json.mapper().readTree(s.out());
    assertThat(k.get("train").asText()).isEqualTo("insitu");
    assertThat(k.get("programming_pulses").asLong()).isPositive();
    // the energy per inference with its parts, as the offline path reports it
    assertThat(k.get("energy_per_inference_J").asDouble()).isEqualTo(k.get("read_energy_per_inference_J").asDouble()
        + k.get("neuron_energy_per_inference_J").asDouble());
    assertThat(k.get("input_spikes_per_inference").asDouble()).isPositive();
    CliHarness.Result bad = CliHarness.run("network", "digits", "--train", "online", "--out", dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--train");
    CliHarness.Result sel = CliHarness.run("network", "digits", "--selector", "diode", "--out", dir.toString());
    assertThat(sel.code()).isEqualTo(2);
  }
}
