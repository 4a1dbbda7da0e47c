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

/** {@link SynapticMemristor}: device contract and model-specific physics. */
class SynapticMemristorTest extends DeviceContractTest {
  @Override
  String type() {
    return "synapse";
  }

  @Override
  Map<String, Object> params() {
    return Map.of("preset", "memtorch");
  }

  @Override
  double voltageScale() {
    return 0.5;
  }

  @Override
  double[] stateRange(int k) {
    return new double[] {0, 1};
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
  void setAndResetAreNonVolatileAndBounded() {
    // below-threshold reads do not move w; a negative pulse beyond v_on sets to w -> 0 (R_on), positive resets
    Trace t = drive("synapse", Map.of("w0", 0.5), new double[] {0, 1e-9, 1e-6, 1.001e-6, 2e-6, 2.001e-6, 3e-6, 3.001e-6, 1},
        new double[] {0, 0.01, 0.01, -1.0, -1.0, 0, 0, 0.5, 0.5}, 1e-3, 1e-8, List.of("d1.w"));
    assertThat(t.at("d1.w", 1e-6)).isCloseTo(0.5, within(1e-6));
    assertThat(t.at("d1.w", 2e-6)).isLessThan(0.01).isGreaterThanOrEqualTo(-1e-9);
    assertThat(t.at("d1.w", 3e-6)).isEqualTo(t.at("d1.w", 2.5e-6), within(1e-6));
    assertThat(t.at("d1.w", 1e-3)).isGreaterThan(0.9).isLessThanOrEqualTo(1 + 1e-9);
  }
}
