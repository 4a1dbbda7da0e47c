package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;

/**
 * {@link ProtonicMemristor} with the two terms Neuristor adds to physics.md 3.6 (autocatalytic growth
 * {@code kfb}, proton consumption {@code kcons}), as M2 of the {@code huang} circuit: the device
 * contract (analytic Jacobian against finite differences, no power from nothing) and the spike these
 * terms are there for. The default model (both 0) is {@link ProtonicMemristorTest}.
 */
class SpikingProtonicMemristorTest extends DeviceContractTest {
  static final Map<String, Object> M2 = Map.of("gmin", 0.2e-6, "gmax", 12.3e-6, "v0", 0.158, "kc", 220.0, "kw", 32.8,
      "tauc", 0.304e-3, "tauw", 42.8e-6, "kfb", 20.0, "kcons", 0.709);

  @Override
  String type() {
    return "proton2";
  }

  @Override
  Map<String, Object> params() {
    return M2;
  }

  @Override
  double voltageScale() {
    return 1.0;
  }

  @Override
  double[] stateRange(int k) {
    return k == 0 ? new double[] {0, 1} : new double[] {0, 3};
  }

  @Test
  void switchesRegenerativelyAboveAVoltageAndSpendsItsProtons() {
    // a constant voltage across the device: at 0.5 V the conductance only creeps up (w < 0.02); at 1 V
    // the growth runs away (w through 0.5 to ~1) and spends the protons
    double[] t = {0, 1e-6, 1};
    Trace low = drive("proton2", M2, t, new double[] {0, 0.5, 0.5}, 2e-3, 1e-6, List.of("d1.w", "d1.c"));
    Trace high = drive("proton2", M2, t, new double[] {0, 1.0, 1.0}, 2e-3, 1e-6, List.of("d1.w", "d1.c"));
    assertThat(SpikeFeatures.crossings(low, "d1.w")).isEmpty();
    double wlow = 0;
    for (double w : low.get("d1.w")) {
      wlow = Math.max(wlow, w);
    }
    assertThat(wlow).isLessThan(0.02);
    double[] sp = SpikeFeatures.crossings(high, "d1.w");
    assertThat(sp).isNotEmpty();
    double wmax = 0;
    for (double w : high.get("d1.w")) {
      wmax = Math.max(wmax, w);
    }
    assertThat(wmax).isGreaterThan(0.95);
    // the growth spends the mobile protons: c falls below half of what it was when w crossed 0.5
    double cAt = high.at("d1.c", sp[0]);
    double cAfter = Double.POSITIVE_INFINITY;
    for (int i = 0; i < high.size(); i++) {
      if (high.axis()[i] > sp[0] && high.axis()[i] < sp[0] + 5 * 42.8e-6) {
        cAfter = Math.min(cAfter, high.get("d1.c")[i]);
      }
    }
    assertThat(cAfter).isLessThan(0.5 * cAt);
    // without consumption (kcons = 0) the same drive keeps c up
    Map<String, Object> noCons = new java.util.HashMap<>(M2);
    noCons.put("kcons", 0.0);
    Trace plain = drive("proton2", noCons, t, new double[] {0, 1.0, 1.0}, 2e-3, 1e-6, List.of("d1.w", "d1.c"));
    assertThat(plain.at("d1.c", sp[0] + 5 * 42.8e-6)).isGreaterThan(cAt);
  }
}
