package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hodgkin-Huxley spike times against NEURON 8.2 (built-in hh, CVODE atol 1e-8, rate tables off),
 * reference produced by src/test/resources/reference/neuron/hh_neuron.py: within 0.1 ms over 100 ms.
 */
class HodgkinHuxleyNeuronPeerTest {

  static List<Double> reference(double amp) throws Exception {
    List<Double> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        HodgkinHuxleyNeuronPeerTest.class.getResourceAsStream("/reference/neuron/hh_neuron_spikes.csv"),
        StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] p = line.split(",");
        if (Double.parseDouble(p[0]) == amp) {
          out.add(Double.parseDouble(p[1]));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "I = {0} uA/cm2")
  @ValueSource(doubles = {10, 20, 50})
  void spikeTimesAgreeWithNeuronWithinATenthOfAMillisecond(double amp) throws Exception {
    List<Double> ref = reference(amp);
    double[] ours = HodgkinHuxley.spikeTimes(amp, 100, 0.01);
    assertThat(ours).hasSize(ref.size());
    for (int k = 0; k < ours.length; k++) {
      assertThat(ours[k]).as("spike %d", k).isCloseTo(ref.get(k), Offset.offset(0.1));
    }
  }
}
