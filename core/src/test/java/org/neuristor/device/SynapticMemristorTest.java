package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;

/** {@link SynapticMemristor}: device contract and model-specific physics. */
class SynapticMemristorTest extends DeviceContractTest {
  @Override
  String type() {
    return "synapse";
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
