package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;

/** {@link OvonicThresholdSwitch}: device contract and model-specific physics. */
class OvonicThresholdSwitchTest extends DeviceContractTest {
  @Override
  String type() {
    return "ots";
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
