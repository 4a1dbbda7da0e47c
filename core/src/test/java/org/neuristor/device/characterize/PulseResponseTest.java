package org.neuristor.device.characterize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 17 items 1 and 2: a pulse that does not switch reports nothing; the delay does not depend on the width. */
class PulseResponseTest {
  static PulseResponse.Result nbox(double amp, double width) {
    return PulseResponse.run("ts", Map.of("preset", "nbox"), 1, amp, width, 0, 5 * width);
  }

  @Test
  void subThresholdPulsesReportNoDelayRelaxationOrEnergy() {
    // nbox switches above ~1 V: 0.5 V, 0.9 V and 0 V leave x ~ 1e-112; before the fix each gave a delay
    for (double amp : new double[] {0.5, 0.9, 0}) {
      PulseResponse.Result r = nbox(amp, 200e-9);
      assertThat(r.switched()).as("amp " + amp).isFalse();
      assertThat(r.delaySeconds()).as("amp " + amp).isNaN();
      assertThat(r.relaxationSeconds()).as("amp " + amp).isNaN();
      assertThat(r.switchingEnergyJoules()).as("amp " + amp).isNaN();
      assertThat(r.reason()).startsWith("no switch");
    }
    // the VO2 thermal device warms by a fraction of a kelvin under 2 V for 100 ns
    PulseResponse.Result vo2 = PulseResponse.run("vo2", Map.of(), 1, 2.0, 100e-9, 0, 500e-9);
    assertThat(vo2.switched()).isFalse();
    assertThat(vo2.delaySeconds()).isNaN();
    assertThat(vo2.conductanceRatio()).isLessThan(1.1);
  }

  @Test
  void delayAndRelaxationDoNotDependOnThePulseWidth() {
    // before the fix: 7.0, 7.9, 17, 108 ns delays and 69, 69, 63, 10.5 ns relaxations, -3.5e13 s at 1 s
    PulseResponse.Result ref = nbox(2, 200e-9);
    assertThat(ref.switched()).isTrue();
    assertThat(ref.reason()).isNull();
    for (double w : new double[] {2e-6, 200e-6, 1}) {
      PulseResponse.Result r = nbox(2, w);
      assertThat(r.delaySeconds()).as("width " + w).isCloseTo(ref.delaySeconds(), within(0.01 * ref.delaySeconds()));
      assertThat(r.relaxationSeconds()).as("width " + w).isCloseTo(100e-9 * Math.log(2), within(0.02 * 69.3e-9));
      assertThat(r.switchingEnergyJoules()).as("width " + w).isCloseTo(ref.switchingEnergyJoules(),
          within(0.01 * ref.switchingEnergyJoules()));
    }
  }

  @Test
  void aPulseTooShortToFinishSwitchingSaysSo() {
    // tau_on ~ 10 ns at 2 V: a 20 ns pulse ends with the state still rising
    PulseResponse.Result r = nbox(2, 20e-9);
    assertThat(r.switched()).isTrue();
    assertThat(r.reason()).contains("still rising");
  }

  @Test
  void aShortRelaxationWindowGivesNoRelaxation() {
    PulseResponse.Result r = PulseResponse.run("ts", Map.of("preset", "nbox"), 1, 2, 200e-9, 0, 20e-9);
    assertThat(r.switched()).isTrue();
    assertThat(r.relaxationSeconds()).isNaN();
    assertThat(r.reason()).startsWith("no relaxation");
  }
}
