package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** The compact form of Yi's VO2 neuron against the full circuit: 20 spike times within 1%. */
class CompactYiTest {

  @Test
  void compactAndFullCircuitSpikeTimesAgreeOver20Spikes() {
    NeuronCircuit c = NeuronLibrary.get("yi");
    Map<String, String> p = Map.of("tstop", "72u");
    // rest at 0 V (operating point), then a 2 V step at 2 us: tonic firing
    String step = "pwl(0 0 2u 0 2.01u 2 1 2)";
    double[] full = FullCircuits.spikeTimes("yi", p, step);
    assertThat(full.length).isGreaterThanOrEqualTo(20);
    CompactYi k = CompactYi.of(c, p, 1);
    k.settle(0, 40e-6);
    double dt = 10e-9;
    double[] vin = new double[1];
    double[] off = new double[1];
    List<Double> sp = new ArrayList<>();
    for (int s = 0; s * dt < 72e-6; s++) {
      double t = (s + 0.5) * dt;
      vin[0] = t < 2e-6 ? 0 : t < 2.01e-6 ? 2 * (t - 2e-6) / 0.01e-6 : 2;
      k.step(dt, vin, null, off);
      if (!Double.isNaN(off[0])) {
        sp.add(s * dt + off[0]);
      }
    }
    System.out.println("yi full " + java.util.Arrays.toString(full));
    System.out.println("yi compact " + sp);
    assertThat(sp.size()).isGreaterThanOrEqualTo(20);
    for (int i = 0; i < 20; i++) {
      assertThat(sp.get(i)).isCloseTo(full[i], Percentage.withPercentage(1));
    }
  }
}
