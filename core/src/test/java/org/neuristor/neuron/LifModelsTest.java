package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** physics.md 2.1 (IF) and 2.2 / T1 (LIF) against their closed forms. */
class LifModelsTest {

  /** Analytic LIF rate (Hz) for V_reset = E_L, physics.md 2.2. */
  static double analyticLifRate(double tauMs, double tRefMs, double riMv, double dvMv) {
    return riMv <= dvMv ? 0 : 1000.0 / (tRefMs + tauMs * Math.log(riMv / (riMv - dvMv)));
  }

  static double[] spikes(NeuronModel m, double amp, double durationMs, double dtMs, Method method) {
    return NeuronSimulation.spikeTimesMs(m, Stimulus.constant(amp), durationMs, dtMs, method);
  }

  static double rate(double[] sp) {
    return 1000.0 * (sp.length - 1) / (sp[sp.length - 1] - sp[0]);
  }

  @ParameterizedTest(name = "I = {0} nA, dt = {2} ms")
  @CsvSource({"1.6, 33.64, 0.1", "2.0, 63.04, 0.1", "3.0, 111.97, 0.1", "2.0, 63.04, 0.37", "3.0, 111.97, 1.3"})
  void t1LifRateIsTheClosedFormForAnyStep(double iNa, double hz, double dt) {
    // T1: exact integration with exact crossing times: 1e-9 relative (physics.md), any dt
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    double[] sp = spikes(lif, iNa, 2000, dt, Method.EXACT);
    double exact = analyticLifRate(10, 2, 10 * iNa, 15);
    assertThat(rate(sp)).isCloseTo(exact, Percentage.withPercentage(1e-7));
    assertThat(rate(sp)).isCloseTo(hz, Percentage.withPercentage(0.5));
    assertThat(LifTheory.rateHz(lif, iNa)).isCloseTo(exact, Percentage.withPercentage(1e-12));
    // first spike: tau ln(RI/(RI - 15)) from rest
    assertThat(sp[0]).isCloseTo(10 * Math.log(10 * iNa / (10 * iNa - 15)), Offset.offset(1e-9));
  }

  @Test
  void lifSubthresholdStepResponseIsExponential() {
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    NeuronSimulation.Result r = NeuronSimulation.run(lif, Stimulus.constant(1.0), 50, 0.1);
    double[] t = r.trace().axis();
    double[] v = r.trace().get("v");
    for (int k = 0; k < t.length; k += 37) {
      double expected = -70 + 10 * (1 - Math.exp(-t[k] * 1e3 / 10));
      assertThat(v[k] * 1e3).isCloseTo(expected, Offset.offset(1e-9));
    }
    assertThat(r.spikeTimesMs()).isEmpty();
  }

  @Test
  void lifBelowRheobaseNeverFiresAndAboveAlwaysDoes() {
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    assertThat(spikes(lif, 1.4999, 1000, 0.1, Method.EXACT)).isEmpty();
    assertThat(spikes(lif, 1.5001, 1000, 0.1, Method.EXACT)).isNotEmpty();
  }

  @ParameterizedTest(name = "t_ref = {0} ms")
  @CsvSource({"0", "2", "5.55"})
  void ifIsiIsChargeOverCurrentPlusRefractory(double tRef) {
    // physics.md 2.1: C = 1 nF, dV = 15 mV, I = 1 nA -> ISI = 15 ms + t_ref (exact)
    NeuronModel m = NeuronModel.of(ModelKind.IF, Map.of("t_ref", tRef));
    double[] sp = spikes(m, 1.0, 200, 0.1, Method.EXACT);
    assertThat(sp[0]).isCloseTo(15, Offset.offset(1e-9));
    for (int k = 1; k < sp.length; k++) {
      assertThat(sp[k] - sp[k - 1]).isCloseTo(15 + tRef, Offset.offset(1e-9));
    }
  }

  @Test
  void gridMethodConvergesToTheExactRateAsDtShrinks() {
    // the grid method stamps spikes on the grid: its rate error is O(dt)
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    double exact = analyticLifRate(10, 2, 20, 15);
    double e1 = Math.abs(rate(spikes(lif, 2.0, 2000, 0.1, Method.EXACT_GRID)) - exact);
    double e2 = Math.abs(rate(spikes(lif, 2.0, 2000, 0.01, Method.EXACT_GRID)) - exact);
    assertThat(e2).isLessThan(e1 / 3);
    assertThat(e2 / exact).isLessThan(0.01);
  }

  @Test
  void theRefractoryTimeLeftIsNeverNegativeAndZeroOnceOver() {
    // 'model run lif --stim dc:amp=1.2 --noise white:sigma=4 --seed 7 --duration 1s' (biology.md) printed
    // refractory_left_s -6.2e-19: the grid's t_ref countdown (20 steps of 0.1 ms) left its rounding remainder
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    NeuronSimulation.Result r = NeuronSimulation.run(lif, Stimulus.constant(1.2), 1000, 0.1, Method.EXACT_GRID,
        Noise.NONE.plus("white:sigma=4", "nA"), 7, 1);
    double[] sp = r.spikeTimesSeconds();
    assertThat(sp.length).isGreaterThan(20);
    double left = r.finalState().get("refractory_left_s");
    // the last spike is more than t_ref before the end: no refractory time is left
    assertThat(1.0 - sp[sp.length - 1]).isGreaterThan(2e-3);
    assertThat(left).isEqualTo(0.0);
    // a deterministic grid run ending 1.05 ms after a spike (stamped at its step's start): 1 ms still to go
    double[] det = spikes(lif, 2.0, 1000, 0.1, Method.EXACT_GRID);
    double end = det[3] + 1.05;
    NeuronSimulation.Result d = NeuronSimulation.run(lif, Stimulus.constant(2.0), end, 0.1, Method.EXACT_GRID,
        Noise.NONE, 1, 1);
    assertThat(d.finalState().get("refractory_left_s")).isCloseTo(1e-3, Offset.offset(1e-12));
  }
}
