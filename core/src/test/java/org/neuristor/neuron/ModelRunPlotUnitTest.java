package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;

/** The stimulus a run plots is in the unit its --stim is written in, not the kernel's SI unit. */
class ModelRunPlotUnitTest {
  static double max(double[] v) {
    return Arrays.stream(v).max().orElseThrow();
  }

  @Test
  void theStimulusIsPlottedInTheModelsCurrentUnit() {
    // HH: --stim step:amp=10 is 10 uA/cm2, the kernel's 0.1 A/m2
    for (Object[] c : new Object[][] {{ModelKind.HH, "step:amp=10,t0=10ms", 10.0, 0.1},
        {ModelKind.LIF, "step:amp=2,t0=10ms", 2.0, 2e-9}, {ModelKind.IZHIKEVICH, "step:amp=10,t0=10ms", 10.0, 10.0}}) {
      ModelKind k = (ModelKind) c[0];
      ModelRun run = ModelRun.run(NeuronModel.of(k), ModelRun.stimulus(List.of((String) c[1]), k), 30,
          k.defaultDtMs(), k.defaultMethod(), Noise.NONE, 1);
      Trace si = run.result().trace();
      Trace plotted = ModelRun.stimulusInModelUnit(si, k);
      assertThat(max(si.get("i"))).as(k.cliName()).isCloseTo((Double) c[3], org.assertj.core.data.Percentage.withPercentage(1e-9));
      assertThat(max(plotted.get("i"))).as(k.cliName()).isCloseTo((Double) c[2], org.assertj.core.data.Percentage.withPercentage(1e-9));
      assertThat(plotted.names()).isEqualTo(si.names());
      assertThat(plotted.get("v")).isSameAs(si.get("v"));
    }
  }
}
