package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.MembraneOscillation;

/**
 * {@link ModelRun.FiRun}: one run per f-I input gives the spikes and the oscillation below the spike level. Until
 * round 21 {@code model fi} ran every input without a rate a second time, with a trace, for the oscillation check
 * (up to twice the cost of a silent input); the one run, its membrane fed to a {@link MembraneOscillation.Tracker}
 * as it steps, must give the same spikes, bit for bit, as the trace-less run and the same oscillation as the separate
 * run with a trace.
 */
class ModelRunFiRunTest {

  @Test
  void oneRunGivesTheSpikesAndTheOscillationOfTheTwoRunsItReplaces() {
    NeuronModel hh = NeuronModel.of(ModelKind.HH, Map.of("v_spike", -40.0));
    // 153 uA/cm2: the membrane oscillates below -40 mV; 100: spikes counted; 160: block, at rest
    for (double amp : new double[] {153, 100, 160}) {
      ModelRun.FiRun one = ModelRun.FiRun.of(hh, amp, 200, 0.01, Method.RK4);
      assertThat(one.spikeTimesMs()).as("%s uA/cm2", amp)
          .containsExactly(NeuronSimulation.spikeTimesMs(hh, Stimulus.constant(amp), 200, 0.01, Method.RK4));
      NeuronSimulation.Result traced = NeuronSimulation.run(hh, Stimulus.constant(amp), 200, 0.01, Method.RK4,
          Noise.NONE, 0, 1);
      MembraneOscillation two = MembraneOscillation.of(traced.trace(), "v", traced.spikeTimesSeconds());
      assertThat(one.oscillation()).as("%s uA/cm2", amp).isEqualTo(two);
      assertThat(one.oscillation() != null).as("%s uA/cm2 oscillates below the level", amp).isEqualTo(amp == 153);
    }
    // a model without a spike level: its spikes, no oscillation
    NeuronModel lif = NeuronModel.of(ModelKind.LIF, Map.of());
    ModelRun.FiRun l = ModelRun.FiRun.of(lif, 2, 300, 0.1, Method.EXACT);
    assertThat(l.spikeTimesMs()).hasSizeGreaterThan(3)
        .containsExactly(NeuronSimulation.spikeTimesMs(lif, Stimulus.constant(2), 300, 0.1, Method.EXACT));
    assertThat(l.oscillation()).isNull();
  }
}
