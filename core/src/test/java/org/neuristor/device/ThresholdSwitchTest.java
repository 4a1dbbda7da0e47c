package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuristor.ModelParameterException;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

class ThresholdSwitchTest extends DeviceContractTest {

  @Override
  Element device() {
    return build("ts", Map.of());
  }

  @Override
  double voltageRange() {
    return 2.0;
  }

  @Override
  double randomState(SplittableRandom r) {
    return r.nextDouble();
  }

  /** Up/down DC sweep of a source directly across the device; returns {V_th,app, V_hold,app}. */
  static double[] sweptThresholds(String preset, double top, double step) {
    String net = "ts sweep\nv1 a 0 0\nn1 a 0 sw\n.model sw ts (" + (preset.isEmpty() ? "" : "preset=" + preset)
        + ")\n.dc v1 0 " + top + " " + step + "\n.end\n";
    CircuitCompiler.Compiled c = CircuitCompiler.compile(net, "sweep.cir");
    Analysis.Dc dc = (Analysis.Dc) c.analyses().get(0);
    Trace t = Simulation.run(c.circuit(), new Analysis.Dc(dc.source(), dc.start(), dc.stop(), dc.step(), true),
        List.of("n1.x"), null).trace();
    double[] v = t.axis();
    double[] x = t.get("n1.x");
    int topIdx = 0;
    for (int i = 0; i < v.length; i++) {
      if (Math.abs(v[i]) > Math.abs(v[topIdx])) {
        topIdx = i;
      }
    }
    double on = Double.NaN;
    double off = Double.NaN;
    for (int i = 1; i <= topIdx; i++) {
      if (x[i - 1] < 0.5 && x[i] >= 0.5) {
        on = v[i - 1]; // the last stable OFF point: the fold lies between v[i-1] and v[i]
        break;
      }
    }
    for (int i = topIdx + 1; i < v.length; i++) {
      if (x[i - 1] >= 0.5 && x[i] < 0.5) {
        off = v[i - 1];
        break;
      }
    }
    return new double[] {on, off, x[x.length - 1]};
  }

  @Test
  void quasiStaticThresholdsMatchTheAnalyticFolds() {
    // physics.md T8: 0.98740 / 0.61260 V within 0.5 mV.
    double[] th = sweptThresholds("", 1.2, 1e-4);
    assertThat(th[0]).isCloseTo(0.98740, org.assertj.core.data.Offset.offset(5e-4));
    assertThat(th[1]).isCloseTo(0.61260, org.assertj.core.data.Offset.offset(5e-4));
    assertThat(th[2]).as("back in the high-resistance state").isLessThan(0.01);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nbox", "vo2", "ag", "ots", "pickett"})
  void everyPresetSwitchesNearItsStatedThresholds(String preset) {
    ModelType t = DeviceRegistry.type("ts");
    Map<String, Double> p = t.resolve("n1", Map.of("preset", preset), new SplittableRandom(1));
    ThresholdSwitch d = new ThresholdSwitch("n1", "a", "0", p);
    double[] th = sweptThresholds(preset, p.get("vth") * 1.2, p.get("vth") / 2000);
    assertThat(th[0]).isCloseTo(p.get("vth"), org.assertj.core.data.Percentage.withPercentage(5));
    assertThat(th[1]).isCloseTo(p.get("vhold"), org.assertj.core.data.Percentage.withPercentage(5));
    assertThat(th[0]).isCloseTo(d.apparentThreshold(), org.assertj.core.data.Offset.offset(p.get("vth") / 1000));
    assertThat(th[1]).isCloseTo(d.apparentHold(), org.assertj.core.data.Offset.offset(p.get("vth") / 1000));
    assertThat(th[2]).isLessThan(0.01);
  }

  @Test
  void switchingIsUnipolar() {
    double[] pos = sweptThresholds("", 1.2, 1e-3);
    double[] neg = sweptThresholds("", -1.2, -1e-3);
    assertThat(-neg[0]).isCloseTo(pos[0], org.assertj.core.data.Offset.offset(2e-3));
    assertThat(-neg[1]).isCloseTo(pos[1], org.assertj.core.data.Offset.offset(2e-3));
  }

  @Test
  void badParametersAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> build("ts", Map.of("vth", 0.5, "vhold", 0.8)))
        .isInstanceOfSatisfying(ModelParameterException.class, e -> assertThat(e.parameter()).isEqualTo("vhold"));
    assertThatThrownBy(() -> build("ts", Map.of("ron", -5.0)))
        .isInstanceOfSatisfying(ModelParameterException.class, e -> {
          assertThat(e.parameter()).isEqualTo("ron");
          assertThat(e.getMessage()).contains("allowed range");
        });
    assertThatThrownBy(() -> build("ts", Map.of("preset", "nosuch")))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("nbox");
  }

  @Test
  void deviceToDeviceSpreadIsSeeded() {
    Map<String, Object> p = Map.of("preset", "nbox", "sigma_vth", 0.05);
    ModelType t = DeviceRegistry.type("ts");
    Map<String, Double> a = t.resolve("n1", p, new SplittableRandom(42));
    Map<String, Double> b = t.resolve("n1", p, new SplittableRandom(42));
    Map<String, Double> c = t.resolve("n1", p, new SplittableRandom(43));
    assertThat(a).isEqualTo(b);
    assertThat(a.get("vth")).isNotEqualTo(c.get("vth"));
  }
}
