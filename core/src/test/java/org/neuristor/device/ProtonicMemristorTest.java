package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;

/** {@link ProtonicMemristor}: device contract and model-specific physics. */
class ProtonicMemristorTest extends DeviceContractTest {
  @Override
  String type() {
    return "proton2";
  }

  @Test
  void pairedPulseFacilitationAndVolatileDecay() {
    // two 1 V, 1 ms pulses 0.5 ms apart: the second raises w more (c has not decayed, tau_c = 1 ms)
    Trace t = drive("proton2", Map.of(), new double[] {0, 1e-6, 1e-3, 1.001e-3, 1.5e-3, 1.501e-3, 2.5e-3, 2.501e-3, 1},
        new double[] {0, 1, 1, 0, 0, 1, 1, 0, 0}, 200e-3, 5e-6, List.of("d1.w"));
    double w1 = t.at("d1.w", 1.0e-3);
    double w15 = t.at("d1.w", 1.5e-3);
    double w2 = t.at("d1.w", 2.5e-3);
    assertThat(w2 - w15).isGreaterThan(w1);
    double end = t.at("d1.w", 200e-3);
    assertThat(end).isLessThan(w2 * Math.exp(-150.0 / 50) * 1.2);
  }
}
