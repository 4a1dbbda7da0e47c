package org.neuristor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.device.characterize.IvSweep;

/**
 * Round 20: a sweep job of type iv reported the negative half's threshold (which for vo2 is the minor loop the
 * positive half left, 6.83 V) without iv's fresh negative half and history. It now gives them, from the same code.
 */
class IvJobTest {
  @Test
  void anIvJobGivesTheFreshNegativeHalfAndWhetherTheHistoryDiffers() {
    Jobs.IvJob vo2 = new Jobs.IvJob("vo2", 8, 0, 0, 0, Map.of());
    assertThat(vo2.outputs()).contains("vth_neg_fresh_V", "vhold_neg_fresh_V", "neg_history");
    Map<String, Double> out = vo2.run(Map.of(), 1);
    assertThat(out.keySet()).containsExactlyElementsOf(vo2.outputs());
    assertThat(out.get("vth_neg_V")).isCloseTo(6.83061, within(1e-4));
    assertThat(out.get("vth_neg_fresh_V")).isCloseTo(7.08944, within(1e-4));
    assertThat(out.get("vth_neg_fresh_V")).isEqualTo(out.get("vth_V"));
    assertThat(out.get("vhold_neg_fresh_V")).isEqualTo(out.get("vhold_V"));
    assertThat(out.get("neg_history")).isEqualTo(1.0);
    Map<String, Double> nbox = new Jobs.IvJob("nbox", 1.5, 0, 0, 0, Map.of()).run(Map.of(), 1);
    assertThat(nbox.get("neg_history")).isEqualTo(0.0);
    assertThat(nbox.get("vth_neg_fresh_V")).isCloseTo(nbox.get("vth_neg_V"), within(1e-6));
  }

  @Test
  void theJobsNegativeFiguresAreIvsOwn() {
    // the same sweep through IvSweep, as the iv command runs it
    IvSweep.Result r = IvSweep.withFreshNegative(IvSweep.triangle(org.neuristor.device.DeviceRegistry.create("ts",
        "dut", java.util.List.of("a", "0"), Map.of("preset", "ag"), 2), 0.6, 6, 0, 0, 0.6 / 2000),
        () -> org.neuristor.device.DeviceRegistry.create("ts", "dut", java.util.List.of("a", "0"),
            Map.of("preset", "ag"), 2), 6, 0, 0);
    Map<String, Double> out = new Jobs.IvJob("ag", 0.6, 0, 0, 0, Map.of()).run(Map.of(), 2);
    assertThat(out.get("vth_neg_fresh_V")).isEqualTo(r.negativeFresh().vthVolts());
    assertThat(out.get("vhold_neg_fresh_V")).isEqualTo(r.negativeFresh().vholdVolts());
    assertThat(out.get("neg_history")).isEqualTo(r.history() == null ? 0.0 : 1.0);
  }

  @Test
  void anIvJobGivesTheResetOfANonVolatileSynapseAndTheRelaxationOfAVolatileDevice() {
    // round 21: iv names a RESET, a SET and how long a device that ended the ramp ON took to relax; a sweep job of
    // type iv gives the same from the same code (IvSweep.sweep)
    Jobs.IvJob syn = new Jobs.IvJob("synapse", 2, 0, 0, 0, Map.of());
    assertThat(syn.outputs()).contains("vset_V", "vreset_V", "relaxation_s");
    Map<String, Double> out = syn.run(Map.of(), 1);
    assertThat(out.keySet()).containsExactlyElementsOf(syn.outputs());
    IvSweep.Result r = IvSweep.sweep(() -> org.neuristor.device.DeviceRegistry.create("synapse", "dut",
        java.util.List.of("a", "0"), Map.of(), 1), org.neuristor.device.DeviceRegistry.resolve("synapse", Map.of()), 2,
        Double.NaN, 0, 0);
    assertThat(out.get("vreset_V")).isEqualTo(r.positive().vresetVolts()).isBetween(0.02, 0.021);
    assertThat(out.get("switched")).isEqualTo(0.0);
    Map<String, Double> proton = new Jobs.IvJob("proton2", 2, 0, 0, 0, Map.of()).run(Map.of(), 1);
    assertThat(proton.get("relaxation_s")).isBetween(0.005, 0.05);
    assertThat(proton.get("vhold_V")).isNaN();
  }
}
