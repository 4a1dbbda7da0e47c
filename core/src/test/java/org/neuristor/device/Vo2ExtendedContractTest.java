package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.VoltageSource;

/**
 * The VO2 model with every extension on (metallic temperature coefficient, series contact
 * resistance, three-node thermal ladder, wide temperature range): the device contract (analytic
 * Jacobian = finite differences, no negative power) and the ladder's closed forms.
 */
class Vo2ExtendedContractTest extends DeviceContractTest {
  static final Map<String, Object> EXTENDED = Map.ofEntries(Map.entry("r0", 2e-5), Map.entry("ea", 5800),
      Map.entry("rm", 120), Map.entry("tc", 350), Map.entry("w", 10), Map.entry("beta", 0.08), Map.entry("cth", 3e-6),
      Map.entry("sth", 6e-3), Map.entry("t0", 341.65), Map.entry("tmin", 250), Map.entry("tmax", 700),
      Map.entry("alpha", 3e-3), Map.entry("rs", 15), Map.entry("cth2", 8e-5), Map.entry("sth2", 9e-3),
      Map.entry("cth3", 4e-4), Map.entry("sth3", 7e-3));

  @Override
  String type() {
    return "vo2";
  }

  @Override
  Map<String, Object> params() {
    return EXTENDED;
  }

  @Override
  double voltageScale() {
    return 6;
  }

  @Override
  double[] stateRange(int k) {
    return new double[] {330, 420};
  }

  @Test
  void steadyStateTemperatureFollowsTheSeriesThermalConductances() {
    // at DC the ladder is three conductances in series: T - T0 = P (1/sth + 1/sth2 + 1/sth3), P = i^2 R
    Circuit c = Circuit.builder("dc").add(new VoltageSource("v", "a", "0", 2.0))
        .add(DeviceRegistry.create("vo2", "x", List.of("a", "0"), EXTENDED, 1)).build();
    MnaSystem sys = new MnaSystem(c);
    TransientAnalysis.Result r = new TransientAnalysis(1e-3, 1.0, 0, 1e-2, false).run(sys, List.of("i(v)", "x.t", "x.t2", "x.t3"));
    double i = -r.trace().at("i(v)", 1.0);
    double t = r.trace().at("x.t", 1.0);
    double rs = 15;
    double p = i * (2.0 - i * rs);
    assertThat(t - 341.65).isCloseTo(p * (1 / 6e-3 + 1 / 9e-3 + 1 / 7e-3), within(1e-6 * p * 500));
    assertThat(r.trace().at("x.t3", 1.0) - 341.65).isCloseTo(p / 7e-3, within(1e-6 * p * 500));
  }

  @Test
  void defaultsLeaveTheModelAsPublished() {
    Map<String, Double> d = DeviceRegistry.resolve("vo2", Map.of());
    assertThat(d).containsEntry("alpha", 0.0).containsEntry("rs", 0.0).containsEntry("cth2", 0.0)
        .containsEntry("tmin", 305.0).containsEntry("tmax", 370.0);
  }

  @Test
  void inconsistentLaddersAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceRegistry.resolve("vo2", Map.of("cth3", 1e-3)))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("cth2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceRegistry.resolve("vo2", Map.of("tmin", 400)))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("tmax");
  }
}
