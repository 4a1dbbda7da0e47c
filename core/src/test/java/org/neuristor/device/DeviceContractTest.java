package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.ElementContract;
import org.neuristor.circuit.ElementHarness;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.neuristor.device.characterize.IvSweep;

/**
 * Contract every device model satisfies (each device test extends this class and names its type;
 * where to probe comes from the type's declaration): the analytic Jacobians G = df/dx and C = dq/dx
 * equal central finite differences at random seeded states and voltages; zero bias gives zero
 * terminal current; the dissipated power v i is never negative.
 */
abstract class DeviceContractTest {

  /** Model type name: the only thing a device's test must give. */
  abstract String type();

  /** Parameters (may contain a preset): the type's declared probe ({@link ModelType#probe()}). */
  Map<String, Object> params() {
    return DeviceRegistry.type(type()).probe().params();
  }

  /** Largest terminal voltage magnitude to probe (V): the type's declared probe. */
  double voltageScale() {
    return DeviceRegistry.type(type()).probe().voltageScale();
  }

  /** Range {lo, hi} of internal unknown k (0-based among the internal ones): the type's declared probe. */
  double[] stateRange(int k) {
    return DeviceRegistry.type(type()).probe().stateRange(k);
  }

  /** Transient of a device driven directly by a PWL source; returns the trace with v(a) and its states. */
  static Trace drive(String type, Map<String, Object> params, double[] t, double[] v, double tstop, double hmax,
      List<String> save) {
    Circuit c = Circuit.builder("drive")
        .add(new VoltageSource("v1", "a", "0", new Waveform.Pwl(t, v)))
        .add(DeviceRegistry.create(type, "d1", List.of("a", "0"), params, 1))
        .build();
    return new TransientAnalysis(hmax, tstop, 0, hmax, false).run(new MnaSystem(c), save).trace();
  }

  /** A triangular I-V sweep at {@code rate} V/s finds the preset's stated V_th and V_hold within 5%, both polarities. */
  static void switchesNearStatedThresholds(String type, String preset, double rate) {
    Map<String, Double> p = DeviceRegistry.resolve(type, Map.of("preset", preset));
    IvSweep.Result r = IvSweep.transient_(type, Map.of("preset", preset), 1.5 * p.get("vth"), rate, 0);
    for (IvSweep.Branch b : List.of(r.positive(), r.negative())) {
      assertThat(b.vthVolts()).as(preset + " vth").isCloseTo(p.get("vth"), within(0.05 * p.get("vth")));
      assertThat(b.vholdVolts()).as(preset + " vhold").isCloseTo(p.get("vhold"), within(0.05 * p.get("vhold")));
      assertThat(b.returnedToHrs()).as(preset + " back to HRS").isTrue();
    }
  }

  Element device() {
    return DeviceRegistry.create(type(), "d1", List.of("a", "b"), params(), 7);
  }

  static LongStream seeds() {
    return LongStream.range(0, 25);
  }

  private double[] randomPoint(ElementHarness h, SplittableRandom r, boolean zeroBias) {
    double[] x = h.initial();
    double vs = voltageScale();
    // keep |v| away from 0 where |v| enters the models (their kink there is exp-small, not FD-resolvable)
    double v = (0.02 + 0.98 * r.nextDouble()) * vs * (r.nextBoolean() ? 1 : -1);
    double vb = (r.nextDouble() - 0.5) * vs;
    x[0] = zeroBias ? vb : vb + v;
    x[1] = vb;
    for (int k = 2; k < h.size(); k++) {
      double[] rg = stateRange(k - 2);
      x[k] = rg[0] + (rg[1] - rg[0]) * r.nextDouble();
    }
    return x;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void jacobianMatchesFiniteDifferences(long seed) {
    Element e = device();
    ElementHarness h = new ElementHarness(e);
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = randomPoint(h, r, false);
    double[] scales = new double[h.size()];
    for (int j = 0; j < scales.length; j++) {
      scales[j] = j < 2 ? voltageScale() : Math.max(Math.abs(stateRange(j - 2)[1]), 1e-12);
    }
    ElementContract.jacobianMatchesFiniteDifferences(h, x, scales, type(), false);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void zeroBiasGivesZeroCurrent(long seed) {
    Element e = device();
    ElementHarness h = new ElementHarness(e);
    double[] x = randomPoint(h, new SplittableRandom(seed), true);
    double[][] ev = h.eval(x, false);
    assertThat(Math.abs(ev[0][0])).isLessThanOrEqualTo(1e-30);
    assertThat(Math.abs(ev[0][1])).isLessThanOrEqualTo(1e-30);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void dissipatedPowerIsNeverNegative(long seed) {
    Element e = device();
    ElementHarness h = new ElementHarness(e);
    double[] x = randomPoint(h, new SplittableRandom(seed + 1000), false);
    double[][] ev = h.eval(x, false);
    double v = x[0] - x[1];
    assertThat(v * ev[0][0]).isGreaterThanOrEqualTo(0.0);
    assertThat(e.power(x, 0)).isGreaterThanOrEqualTo(0.0);
  }
}
