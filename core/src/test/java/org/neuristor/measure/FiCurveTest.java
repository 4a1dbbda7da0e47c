package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.neuristor.neuron.Method;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Stimulus;

class FiCurveTest {

  @Test
  void lifCurveAndRheobaseMatchTheClosedForm() {
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    double[] inputs = {1.0, 1.4, 1.6, 2.0, 3.0};
    FiCurve c = FiCurve.measure(inputs, i -> NeuronSimulation.spikeTimesMs(lif, Stimulus.constant(i), 1000, 0.1,
        Method.EXACT), 100, 1000, 3, 1e-4);
    assertThat(c.rates()[0]).isZero();
    assertThat(c.rates()[1]).isZero();
    // per ms -> Hz
    assertThat(c.rates()[2] * 1000).isCloseTo(33.64, Percentage.withPercentage(0.05));
    assertThat(c.rates()[3] * 1000).isCloseTo(63.04, Percentage.withPercentage(0.05));
    assertThat(c.rates()[4] * 1000).isCloseTo(111.97, Percentage.withPercentage(0.05));
    // R I_rh = 15 mV -> 1.5 nA; repetitive firing within 1 s needs slightly more (ISI <= 450 ms)
    assertThat(c.rheobase()).isCloseTo(1.5, Offset.offset(0.002));
  }

  @Test
  void bisectionHasAToleranceFloorAndAStepCap() {
    // issue 17 item 5: a tolerance of 1e-300 (or 0) ran forever
    int[] calls = {0};
    double r = FiCurve.rheobase(x -> {
      calls[0]++;
      return x > 0.3;
    }, 0, 1, 1e-300);
    assertThat(r).isCloseTo(0.3, Offset.offset(1e-11));
    assertThat(calls[0]).isLessThanOrEqualTo(FiCurve.MAX_BISECTIONS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FiCurve.rheobase(x -> x > 0.3, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrengthDuration.measure((a, d) -> a > 1,
        new double[] {1e-6}, 0, 2, 1e-300)).hasMessageContaining("relative tolerance");
  }

  @Test
  void aWindowSetReasonWritesTheInputsUnitButNoneForADimensionlessInput() {
    // the check input 3.77 fires in the longer window: the reason gives the bound in the input's unit; Izhikevich's
    // input is dimensionless (unit "1"), and "below 3.78 1" read as a number with a stray 1
    String nA = FiCurve.windowLimited(1.5, 0.01, 1.0, "nA", (x, w) -> 5.0);
    assertThat(nA).contains("1.49 nA, silent in the 1 s window").contains("below 1.5 nA (");
    String none = FiCurve.windowLimited(3.78, 0.01, 1.0, "1", (x, w) -> 4.6);
    assertThat(none).contains("the window set it: 3.77, silent in the 1 s window").contains("below 3.78 (")
        .doesNotContain(" 1,").doesNotContain(" 1 (");
    assertThat(FiCurve.windowLimited(3.78, 0.01, 1.0, "1", (x, w) -> 0.0)).isNull();
  }
}
