package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.ModelParameterException;
import org.neuristor.device.characterize.IvSweep;

/** TS-A: contract, physics.md T8 (apparent quasi-static thresholds), returns to HRS, parameter checks. */
class ThresholdSwitchTest extends DeviceContractTest {
  @Override
  String type() {
    return "ts";
  }

  @Test
  void t8ApparentThresholdsOfTheQuasiStaticSweep() {
    // physics.md 3.1 / T8: V_th,app = 0.98740 V, V_hold,app = 0.61260 V within 0.5 mV
    // triangle at 1 V/s as in physics.md (which reports 0.98742 / 0.61258 V), 0.1 mV resolution
    // defaults = internal V_th 1.0, V_hold 0.6, delta 2 mV (the nbox preset states these as observed values)
    IvSweep.Result r = IvSweep.triangle(DeviceRegistry.create("ts", "d", List.of("a", "0"), Map.of(), 1),
        1.2, 1.0, 0, 0, 1e-4);
    IvSweep.Branch pos = r.positive();
    assertThat(pos.vthVolts()).isCloseTo(0.98740, within(5e-4));
    assertThat(pos.vholdVolts()).isCloseTo(0.61260, within(5e-4));
    assertThat(pos.ronOhm()).isCloseTo(1e3, within(20.0));
    assertThat(pos.roffOhm()).isCloseTo(1e6, within(2e4));
    assertThat(pos.switched()).isTrue();
    // unipolar: the negative sweep mirrors the positive one
    assertThat(r.negative().vthVolts()).isCloseTo(0.98740, within(5e-4));
    assertThat(r.negative().vholdVolts()).isCloseTo(0.61260, within(5e-4));
  }

  @Test
  void everyPresetSwitchesNearItsStatedThresholdsAndReturnsToHrs() {
    for (String preset : List.of("nbox", "vo2", "ag", "ots", "pickett", "yi")) {
      Map<String, Double> p = DeviceRegistry.resolve("ts", Map.of("preset", preset));
      IvSweep.Result r = IvSweep.transient_("ts", Map.of("preset", preset), 1.5 * p.get("vth"), 10.0 * p.get("vth"), 0);
      for (IvSweep.Branch b : List.of(r.positive(), r.negative())) {
        assertThat(b.vthVolts()).as(preset + " vth").isCloseTo(p.get("vth"), within(0.05 * p.get("vth")));
        assertThat(b.vholdVolts()).as(preset + " vhold").isCloseTo(p.get("vhold"), within(0.05 * p.get("vhold")));
        assertThat(b.returnedToHrs()).as(preset + " back to HRS").isTrue();
      }
    }
  }

  @Test
  void pulseRelaxesWithTauOffLn2() {
    // 2 V for 200 ns switches the nbox device fully on; at 0 V x decays as e^{-t/tau_off}: half-way after
    // tau_off ln 2 = 69.3 ns
    org.neuristor.device.characterize.PulseResponse.Result r = org.neuristor.device.characterize.PulseResponse.run(
        "ts", Map.of("preset", "nbox"), 1, 2.0, 200e-9, 0, 500e-9);
    assertThat(r.relaxationSeconds()).isCloseTo(100e-9 * Math.log(2), within(0.02 * 69.3e-9));
    assertThat(r.delaySeconds()).isBetween(1e-9, 100e-9);
    assertThat(r.switchingEnergyJoules()).isPositive();
  }

  @Test
  void badParametersAreRefusedNamingTheParameterAndRange() {
    assertThatThrownBy(() -> DeviceRegistry.create("ts", "n1", List.of("a", "0"), Map.of("vhold", 1.2), 1))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("vhold").hasMessageContaining("vth");
    assertThatThrownBy(() -> DeviceRegistry.create("ts", "n1", List.of("a", "0"), Map.of("ron", -5.0), 1))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("ron").hasMessageContaining("[0.001,");
    assertThatThrownBy(() -> DeviceRegistry.create("ts", "n1", List.of("a", "0"), Map.of("vtx", 1.0), 1))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("vtx");
    assertThatThrownBy(() -> DeviceRegistry.create("ts", "n1", List.of("a", "0"), Map.of("preset", "foo"), 1))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("foo").hasMessageContaining("nbox");
    assertThatThrownBy(() -> DeviceRegistry.create("nope", "n1", List.of("a", "0"), Map.of(), 1))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("nope");
    ModelParameterException e = org.junit.jupiter.api.Assertions.assertThrows(ModelParameterException.class,
        () -> DeviceRegistry.resolve("mott", Map.of("rth", 0.0)));
    assertThat(e.parameter()).isEqualTo("rth");
  }

  @Test
  void deviceToDeviceSamplingIsSeededAndSpreads() {
    Map<String, Object> p = Map.of("preset", "nbox", "d2d_v", 0.05, "d2d_r", 0.2);
    ModelType t = DeviceRegistry.type("ts");
    Map<String, Double> a = DeviceRegistry.sample(t, DeviceRegistry.resolve("ts", p), 11);
    Map<String, Double> b = DeviceRegistry.sample(t, DeviceRegistry.resolve("ts", p), 11);
    Map<String, Double> c = DeviceRegistry.sample(t, DeviceRegistry.resolve("ts", p), 12);
    assertThat(a).isEqualTo(b);
    assertThat(a.get("vth")).isNotEqualTo(c.get("vth"));
    double sum = 0;
    double sum2 = 0;
    int n = 2000;
    for (int s = 0; s < n; s++) {
      double v = DeviceRegistry.sample(t, DeviceRegistry.resolve("ts", p), s).get("vth");
      sum += v;
      sum2 += v * v;
    }
    double mean = sum / n;
    double sd = Math.sqrt(sum2 / n - mean * mean);
    assertThat(mean).isCloseTo(1.0, within(0.005));
    assertThat(sd).isCloseTo(0.05, within(0.005));
  }
}
