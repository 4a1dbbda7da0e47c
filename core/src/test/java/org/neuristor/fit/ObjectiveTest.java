package org.neuristor.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The residual rows of {@link Objective}: a transient's samples by least squares on the log scale
 * (a large error is the shape of the switching and keeps its full weight), a DC sweep's by the
 * soft-L1 loss.
 */
class ObjectiveTest {
  /** The true parameters as the only start, so the model at the start is the data before they were changed. */
  static FitPlan exact() {
    return new FitPlan("vo2", "t0", null, Map.of("t0", 330.0), List.of(
        new FreeParameter("cth", -1, 1e-10, 1e-6, true, 2e-8),
        new FreeParameter("sth", -1, 1e-5, 1e-2, true, 3e-4),
        new FreeParameter("ea", -1, 2000, 8000, false, 5000)));
  }

  /** Residuals at the true parameters of data whose current is the model's times {@code factor} on rows [from, to). */
  static double[] residuals(Measurement exactData, int from, int to, double factor) {
    double[] i = exactData.current().clone();
    for (int k = from; k < to; k++) {
      i[k] *= factor;
    }
    Measurement m = Measurement.of(exactData.spec(), exactData.time(), exactData.voltage(), i);
    FitProblem p = FitProblem.of(exact(), Map.of(), List.of(m));
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      return new Objective(p, pool).residuals(p.start());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void theComparedRowsAreThoseAtOnePercentOfTheLargestVoltageOrMore() {
    Measurement m = Measurement.of(DataSpec.parse(DataSpec.Kind.IV, "sweep.csv"), null,
        new double[] {0, 0.005, 0.01, -0.5, -2.0, 0.0199, 0.02}, new double[] {1, 2, 3, 4, 5, 6, 7});
    assertThat(m.comparedRows()).containsExactly(false, false, false, true, true, false, true);
    assertThat(Measurement.count(m.comparedRows())).isEqualTo(3);
    // the median of |I| over rows 3, 4, 6 is 5 A: the floor is 1e-3 of it
    assertThat(m.currentFloor()).isCloseTo(5e-3, within(1e-18));
  }

  @Test
  void aTransientsSamplesKeepTheirFullLogErrorNotTheSoftLoss() {
    Measurement data = FitRecoveryTest.synthetic();
    double[] r = residuals(data, 30, 50, 1.3);
    int n = Measurement.count(data.comparedRows());
    assertThat(n).isEqualTo(data.rows());
    double w = 1 / Math.sqrt(n);
    double floor = data.currentFloor();
    for (int k = 0; k < data.rows(); k++) {
      double i = Math.abs(data.current()[k]);
      double d = k >= 30 && k < 50 ? Math.log((i + floor) / (1.3 * i + floor)) : 0;
      assertThat(r[k]).as("row %d", k).isCloseTo(w * d, within(1e-12));
    }
    // a 26 % log error: the soft loss would have counted it as 19 %
    double d = Math.log(1 / 1.3);
    assertThat(Objective.softL1(d) / d).isCloseTo(0.733, within(0.01));
  }

  @Test
  void aSweepsSamplesUseTheSoftLoss() {
    int n = 60;
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = 0.1 + 0.05 * k;
    }
    Measurement shape = Measurement.of(new DataSpec(DataSpec.Kind.IV, "sweep.csv", Map.of()), null, v, new double[n]);
    double[] i = Protocol.of(shape).simulate("vo2", org.neuristor.device.DeviceRegistry.resolve("vo2", FitRecoveryTest.TRUE), 0, 0);
    Measurement data = Measurement.of(shape.spec(), null, v, i);
    double[] r = residuals(data, 10, 20, 1.3);
    double w = 1 / Math.sqrt(n);
    double floor = data.currentFloor();
    for (int k = 0; k < n; k++) {
      double ik = Math.abs(data.current()[k]);
      double d = k >= 10 && k < 20 ? Math.log((ik + floor) / (1.3 * ik + floor)) : 0;
      assertThat(r[k]).as("row %d", k).isCloseTo(w * Objective.softL1(d), within(1e-12));
    }
  }

  /**
   * What the residuals compare the model with is read off the data once per file, not in every evaluation: after
   * the first evaluation the measured currents are overwritten (here by their double, a model twice off), and the
   * residuals at the same point do not move, bit for bit. Until round 18 every evaluation read the currents again
   * (the compared rows' logarithms, the sweep's jumps, crossings and low-bias resistance, a pulse file's features),
   * so the second evaluation here gave other residuals. The files are the shipped sweep, which switches up
   * (threshold and low-bias rows; it returns gradually), and the shipped 6.5 V pulse file (its end-of-pulse and read
   * features).
   */
  @Test
  void whatTheDataSayIsReadOncePerFileNotInEveryEvaluation() {
    java.nio.file.Path dir = java.nio.file.Path.of("../examples/data/vo2-galloni2024");
    Measurement sweep = Measurement.read(DataSpec.parse(DataSpec.Kind.IV,
        dir.resolve("iv_dc_dual_sweep.csv") + ":ambient=314.774,rscale=1.64485,tscale=2.14483"), Map.of());
    Measurement pulse = Measurement.read(DataSpec.parse(DataSpec.Kind.PULSE,
        dir.resolve("pulses/6.5V_0.01s_68.5C.csv") + ":ambient=68.5C"), Map.of());
    FitProblem p = FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep, pulse));
    FileTarget swept = p.files().get(0).target();
    FileTarget pulsed = p.files().get(1).target();
    assertThat(swept.levels).hasSize(2); // the measured return is gradual: no second jump
    assertThat(swept.lowBiasOhm).isCloseTo(5046, within(1.0));
    assertThat(pulsed.featureTimes).hasSize(6);
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      Objective o = new Objective(p, pool);
      double[] u = p.start();
      double[] before = o.residuals(u);
      assertThat(before).hasSize(Measurement.count(sweep.comparedRows()) + 3 + Measurement.count(pulse.comparedRows()) + 6);
      for (Measurement m : List.of(sweep, pulse)) {
        double[] i = m.current();
        for (int k = 0; k < i.length; k++) {
          i[k] *= 2;
        }
      }
      assertThat(o.residuals(u)).containsExactly(before);
      // a new fit of the same files (a new problem, so new protocols) reads the changed data
      FitProblem again = FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep, pulse));
      assertThat(new Objective(again, pool).residuals(u)).isNotEqualTo(before);
    } finally {
      pool.shutdown();
    }
  }
}
