package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.measure.SpikeFeatures;

/** The compact form of Yi's VO2 neurons (three input couplings and the adapting variant) against the full circuits: 20 spike times within 1%. */
class CompactYiTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      // rest at 0 V (operating point), then a 2 V step at 2 us: tonic firing (yi, yi-mixed); the phasic
      // variant answers each pulse of a train
      "yi; 72u; pwl(0 0 2u 0 2.01u 2 1 2);",
      "yi-mixed; 110u; pwl(0 0 2u 0 2.01u 2 1 2);",
      "yi-phasic; 210u; pulse(0 5 2u 10n 10n 1u 10u);",
      // the adapting variant: its intervals lengthen under the step (X1's reservoir); it settles for 200 us (5 rb cb)
      // the adapting variant (it settles for 200 us, 5 rb cb): its intervals lengthen under a step until its
      // reservoir stops it (17 spikes with its own values); with rb = 500 Ohm it adapts less and keeps firing
      "yi-adapt; 90u; pwl(0 0 2u 0 2.01u 3 1 3); rb=500,vdc1=7.1"})
  void variantsAgreeWithTheirFullCircuitOver20Spikes(String name, String tstop, String source, String extra) {
    NeuronCircuit c = NeuronLibrary.get(name);
    Map<String, String> p = new java.util.LinkedHashMap<>(Map.of("tstop", tstop));
    if (extra != null && !extra.isBlank()) {
      for (String kv : extra.trim().split(",")) {
        p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    double[] full = c.spikes(Protocols.run(c, p, source));
    assertThat(full.length).as("full-circuit spikes").isGreaterThanOrEqualTo(20);
    java.util.function.DoubleUnaryOperator in = CompactForms.input(c, p, source);
    CompactYi k = CompactYi.of(c, p, 1);
    k.settle(0, c.compact().settleSeconds());
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
