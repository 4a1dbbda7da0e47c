package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.measure.SpikeFeatures;

/** The compact form of Yi's VO2 neurons (three input couplings) against the full circuits: 20 spike times within 1%. */
class CompactYiTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      // rest at 0 V (operating point), then a 2 V step at 2 us: tonic firing (yi, yi-mixed); the phasic
      // variant answers each pulse of a train
      "yi; 72u; pwl(0 0 2u 0 2.01u 2 1 2)",
      "yi-mixed; 110u; pwl(0 0 2u 0 2.01u 2 1 2)",
      "yi-phasic; 210u; pulse(0 5 2u 10n 10n 1u 10u)"})
  void variantsAgreeWithTheirFullCircuitOver20Spikes(String name, String tstop, String source) {
    NeuronCircuit c = NeuronLibrary.get(name);
    Map<String, String> p = Map.of("tstop", tstop);
    double[] full = SpikeFeatures.crossings(Protocols.run(c, p, source), c.spikeState(), c.spikeLevel());
    assertThat(full.length).as("full-circuit spikes").isGreaterThanOrEqualTo(20);
    java.util.function.DoubleUnaryOperator in = CompactForms.input(c, p, source);
    CompactYi k = CompactYi.of(c, p, 1);
    k.settle(0, 40e-6);
    double dt = 10e-9;
    double[] vin = new double[1];
    double[] off = new double[1];
    List<Double> sp = new ArrayList<>();
    for (long s = 0; s * dt < full[19] * 1.05; s++) {
      vin[0] = in.applyAsDouble(s * dt + (k.rampsInput() ? dt : 0.5 * dt));
      k.step(dt, vin, null, off);
      if (!Double.isNaN(off[0])) {
        sp.add(s * dt + off[0]);
      }
    }
    assertThat(sp.size()).as("compact spikes").isGreaterThanOrEqualTo(20);
    double worst = 0;
    for (int i = 0; i < 20; i++) {
      worst = Math.max(worst, Math.abs(sp.get(i) / full[i] - 1));
    }
    System.out.printf("compact %s: worst spike-time error %.4f%%%n full %s%n compact %s%n", name, 100 * worst,
        java.util.Arrays.toString(full), sp);
    assertThat(worst).isLessThan(0.01);
  }
}
