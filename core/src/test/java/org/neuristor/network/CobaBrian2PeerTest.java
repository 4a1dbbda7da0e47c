package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.PeerReference;

/**
 * The COBA example against Brian2 (reference/brian2/coba_brian2.py, Brian2 2.5.1, five seeds):
 * the population mean rate, averaged over three of our seeds, agrees with Brian2's mean within 10 %.
 * The connectivity and initial voltages are random in both programs, so only statistics compare.
 */
class CobaBrian2PeerTest {
  static double brianMeanRate() throws Exception {
    List<Double> rates = PeerReference.column("/reference/brian2/coba_brian2_rates.csv", seed -> true, 1);
    double s = 0;
    for (double r : rates) {
      s += r;
    }
    return s / rates.size();
  }

  static String cobaText() throws Exception {
    return Files.readString(Path.of("..", "examples", "coba.yaml"));
  }

  @Test
  void meanRateAgreesWithBrian2() throws Exception {
    double ref = brianMeanRate();
    String text = cobaText();
    double sum = 0;
    for (int seed = 1; seed <= 3; seed++) {
      NetworkFile.Loaded l = NetworkFile.parse("coba.yaml", text.replace("seed: 1", "seed: " + seed), false, 1);
      l.network().run(l.durationSeconds());
      long spikes = 0;
      for (Network.PopulationStats s : l.network().stats()) {
        spikes += s.spikes();
      }
      assertThat(l.network().synapses()).isBetween(316_000L, 324_000L); // 0.02 x 4000^2 = 320,000
      sum += spikes / 4000.0 / l.durationSeconds();
    }
    double ours = sum / 3;
    assertThat(ref).isBetween(15.0, 30.0);
    assertThat(Math.abs(ours - ref) / ref).as("ours %.3f Hz vs Brian2 %.3f Hz", ours, ref).isLessThan(0.10);
  }
}
