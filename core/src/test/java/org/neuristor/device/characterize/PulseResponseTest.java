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
  void mottHalfWayDelayAndEnergyMatchTheQuadratureOfItsHeatBalance() {
    // round 19 lead: the half-way delay was not tested. Reference: the separable heat balance of physics.md 3.2
    // integrated from T_amb to T_amb + (T_ss - T_amb)/2 (test resources device/mott_half_way_delay.py, which also
    // gives physics.md's T_c - 2w delays 1.02, 0.48, 0.23, 0.09 ns); 1 kOhm in series, pulses long enough to settle
    double[] amps = {1.2, 1.5, 2.0, 3.0};
    double[] delays = {9.75664e-10, 6.48845e-10, 4.84708e-10, 4.01001e-10};
    double[] energies = {1.49112e-13, 1.9088e-13, 3.02073e-13, 6.5e-13};
    // ngspice-39 on 'device export mott' (device/mott_pulse_ngspice.sh writes device/mott_pulse_ngspice.txt)
    double[] ngspice = {9.75573e-10, 6.49242e-10, 4.85011e-10, 4.01289e-10};
    for (double width : new double[] {5e-9, 20e-9}) {
      for (int k = 0; k < amps.length; k++) {
        PulseResponse.Result r = PulseResponse.run("mott", Map.of(), 1, amps[k], width, 1e3, 5 * width);
        String as = amps[k] + " V, " + width + " s";
        assertThat(r.switched()).as(as).isTrue();
        assertThat(r.reason()).as(as).isNull();
        assertThat(r.delaySeconds()).as(as).isCloseTo(delays[k], within(0.005 * delays[k]))
            .isCloseTo(ngspice[k], within(0.005 * ngspice[k]));
        assertThat(r.switchingEnergyJoules()).as(as).isCloseTo(energies[k], within(0.005 * energies[k]));
        if (amps[k] >= 1.5) {
          // cooling at 0 V from T_ss to the half-way level, both well above T_c (no latent heat): R_th C_th ln 2
          assertThat(r.relaxationSeconds()).as(as).isCloseTo(5e6 * 1e-16 * Math.log(2), within(0.005 * 3.4657e-10));
        }
      }
    }
  }

  @Test
  void aMottPulseThatEndsBeforeItsTemperatureSettlesSaysSo() {
    // 2 ns at 1.5 V: T is still 4 % of its excursion short of T_ss (tau = R_th C_th = 0.5 ns), so the half-way
    // level and the delay (0.632 ns against 0.649 ns) depend on the width; before the fix the reason was null
    // (the rise over the last tenth, 2 % of the excursion, was at the old bound)
    PulseResponse.Result r = PulseResponse.run("mott", Map.of(), 1, 1.5, 2e-9, 1e3, 10e-9);
    assertThat(r.switched()).isTrue();
    assertThat(r.reason()).contains("still rising");
    assertThat(r.delaySeconds()).isLessThan(0.98 * 6.48845e-10);
  }

  @Test
  void aStateThatRisesThroughThePulseAndStaysUpGivesBothReasons() {
    // the pcm cell crystallizes at a steady rate through a 1 us pulse: its half-way point is the middle of the pulse
    // (0.5 us, set by the width) and it does not relax. Before the fix the reason said only 'no relaxation'
    PulseResponse.Result r = PulseResponse.run("pcm", Map.of(), 1, 1.5, 1e-6, 0, 5e-6);
    assertThat(r.switched()).isTrue();
    assertThat(r.delaySeconds()).isCloseTo(0.5e-6, within(0.01e-6));
    assertThat(r.reason()).startsWith("the state was still rising").contains("; no relaxation");
  }

  @Test
  void aShortRelaxationWindowGivesNoRelaxation() {
    PulseResponse.Result r = PulseResponse.run("ts", Map.of("preset", "nbox"), 1, 2, 200e-9, 0, 20e-9);
    assertThat(r.switched()).isTrue();
    assertThat(r.relaxationSeconds()).isNaN();
    assertThat(r.reason()).startsWith("no relaxation");
  }
}
