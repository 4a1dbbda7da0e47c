package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.neuristor.device.characterize.IvSweep;

/** {@link ProtonicMemristor}: device contract and model-specific physics. */
class ProtonicMemristorTest extends DeviceContractTest {
  @Override
  String type() {
    return "proton2";
  }

  @Override
  Map<String, Object> params() {
    return Map.of("preset", "huang2019");
  }

  @Override
  double voltageScale() {
    return 1.5;
  }

  @Override
  double[] stateRange(int k) {
    return k == 0 ? new double[] {0, 1} : new double[] {0, 3};
  }

  /** Transient of the device driven directly by a PWL source; returns the trace with v(a) and its states. */
  static Trace drive(String type, Map<String, Object> params, double[] t, double[] v, double tstop, double hmax,
      List<String> save) {
    Circuit c = Circuit.builder("drive")
        .add(new VoltageSource("v1", "a", "0", new Waveform.Pwl(t, v)))
        .add(DeviceRegistry.create(type, "d1", List.of("a", "0"), params, 1))
        .build();
    return new TransientAnalysis(hmax, tstop, 0, hmax, false).run(new MnaSystem(c), save).trace();
  }

  static void switchesNearStatedThresholds(String type, String preset) {
    Map<String, Double> p = DeviceRegistry.resolve(type, Map.of("preset", preset));
    IvSweep.Result r = IvSweep.transient_(type, Map.of("preset", preset), 1.5 * p.get("vth"), 10.0 * p.get("vth"), 0);
    for (IvSweep.Branch b : List.of(r.positive(), r.negative())) {
      assertThat(b.vthVolts()).as(preset + " vth").isCloseTo(p.get("vth"), within(0.05 * p.get("vth")));
      assertThat(b.vholdVolts()).as(preset + " vhold").isCloseTo(p.get("vhold"), within(0.05 * p.get("vhold")));
      assertThat(b.returnedToHrs()).as(preset + " back to HRS").isTrue();
    }
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
