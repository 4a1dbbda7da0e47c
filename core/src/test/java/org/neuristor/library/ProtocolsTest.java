package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolsTest {

  @Test
  void lifFvCurveHasItsRheobaseBetween11And12VoltsAndRisesMonotonically() {
    double[] v = {1.0, 1.1, 1.2, 1.5, 2.0, 3.0, 4.0};
    Protocols.FvCurve f = Protocols.fv(NeuronLibrary.get("lif"), v, Map.of("tstop", "300u"));
    assertThat(f.rheobase()).isEqualTo(1.2);
    for (int k = 3; k < v.length; k++) {
      assertThat(f.points().get(k).rateHz()).isGreaterThan(f.points().get(k - 1).rateHz());
    }
    // physics.md 4.1: 141.4 kHz at 2 V
    assertThat(f.points().get(4).rateHz()).isCloseTo(141.4e3, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void neuristorAbsoluteRefractoryPeriodFromPairedPulses() {
    // physics.md 4.2: gaps 0/10/20 ns after a 100 ns, 0.30 V pulse -> M1 fires once; >= 30 ns -> twice.
    List<Protocols.PairedPulse> r = Protocols.pairedPulse(NeuronLibrary.get("pickett"), "nm1.x", 0.30, 100e-9,
        new double[] {0, 10e-9, 20e-9, 30e-9, 60e-9}, Map.of("tstop", "500n"));
    assertThat(r.get(0).spikes()).isEqualTo(1);
    assertThat(r.get(1).spikes()).isEqualTo(1);
    assertThat(r.get(2).spikes()).isEqualTo(1);
    assertThat(r.get(3).spikes()).isEqualTo(2);
    assertThat(r.get(4).spikes()).isEqualTo(2);
  }
}
