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

/** {@link OvonicThresholdSwitch}: device contract and model-specific physics. */
class OvonicThresholdSwitchTest extends DeviceContractTest {
  @Override
  String type() {
    return "ots";
  }

  @Override
  Map<String, Object> params() {
    return Map.of("preset", "gese");
  }

  @Override
  double voltageScale() {
    return 3.0;
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

  static void switchesNearStatedThresholds(String type, String preset, double rate) {
    Map<String, Double> p = DeviceRegistry.resolve(type, Map.of("preset", preset));
    IvSweep.Result r = IvSweep.transient_(type, Map.of("preset", preset), 1.5 * p.get("vth"), rate, 0);
    for (IvSweep.Branch b : List.of(r.positive(), r.negative())) {
      assertThat(b.vthVolts()).as(preset + " vth").isCloseTo(p.get("vth"), within(0.05 * p.get("vth")));
      assertThat(b.vholdVolts()).as(preset + " vhold").isCloseTo(p.get("vhold"), within(0.05 * p.get("vhold")));
      assertThat(b.returnedToHrs()).as(preset + " back to HRS").isTrue();
    }
  }

  @Test
  void everyPresetSwitchesNearItsStatedThresholdsAndReturnsToHrs() {
    for (String preset : List.of("gese", "gete")) {
      switchesNearStatedThresholds("ots", preset, 10.0);
    }
  }

  @Test
  void subThresholdCurrentFollowsTheSinhLaw() {
    Trace t = drive("ots", Map.of("preset", "gese"), new double[] {0, 1e-6}, new double[] {0, 1.0}, 1e-6, 1e-8,
        List.of("v(a)", "i(v1)"));
    double i = -t.get("i(v1)")[t.size() - 1];
    assertThat(i).isCloseTo(1.0 / 100e6 + 1e-9 * Math.sinh(1.0 / 0.3), within(1e-3 * i));
  }
}
