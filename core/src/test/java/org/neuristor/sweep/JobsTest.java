package org.neuristor.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.neuron.LifTheory;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;

/** Each job against a closed form, through a parsed spec and the local engine's point evaluation. */
class JobsTest {
  @TempDir Path dir;

  @Test
  void modelJobRateFollowsTheLifClosedForm() {
    SweepSpec s = SweepSpecTest.parse("job: {type: model, model: lif, stim: 'dc:amp=2', duration: 1s}\n"
        + "parameters:\n  tau_m: {list: [5, 10, 20]}\nresults: [rate_hz]\n");
    for (int i = 0; i < s.size(); i++) {
      PointResult r = PointResult.evaluate(s, i);
      assertThat(r.ok()).as(r.error()).isTrue();
      double expect = LifTheory.rateHz(NeuronModel.of(ModelKind.LIF).with("tau_m", r.params().get("tau_m")), 2);
      assertThat(r.results().get("rate_hz")).isCloseTo(expect, Percentage.withPercentage(1));
    }
  }

  /**
   * A model job collects the oscillation below the spike level that 'model run' prints: HH at 100 uA/cm2 counts one
   * spike at 0 mV while the membrane oscillates at 147.268 Hz between -60.511 and -20.045 mV (NEURON,
   * reference/neuron/hh_block.csv); at v_spike = -40 mV its peaks are spikes and there is no oscillation to report.
   */
  @Test
  void modelJobReportsTheOscillationBelowTheSpikeLevel() {
    SweepSpec s = SweepSpecTest.parse("job: {type: model, model: hh, stim: 'dc:amp=100', duration: 200ms}\n"
        + "parameters:\n  v_spike: {list: [0, -40]}\n"
        + "results: [spikes, oscillation_hz, oscillation_peak_V, oscillation_trough_V]\n");
    PointResult at0 = PointResult.evaluate(s, 0);
    assertThat(at0.ok()).as(at0.error()).isTrue();
    assertThat(at0.results().get("spikes")).isEqualTo(1.0);
    assertThat(at0.results().get("oscillation_hz")).isCloseTo(147.268, Percentage.withPercentage(0.1));
    assertThat(at0.results().get("oscillation_peak_V")).isCloseTo(-0.020045, org.assertj.core.data.Offset.offset(5e-5));
    assertThat(at0.results().get("oscillation_trough_V")).isCloseTo(-0.060511,
        org.assertj.core.data.Offset.offset(5e-5));
    PointResult at40 = PointResult.evaluate(s, 1);
    assertThat(at40.results().get("spikes")).isGreaterThan(20.0);
    assertThat(at40.results().get("oscillation_hz")).isNaN();
  }

  @Test
  void networkJobOverridesAValueOfTheFile() throws Exception {
    Files.writeString(dir.resolve("one.yaml"), String.join("\n", "dt: 0.1ms", "duration: 1s", "populations:",
        "  n: {model: lif, size: 4, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV, t_ref: 2ms,"
            + " I_bias: 0pA}", ""));
    Files.writeString(dir.resolve("s.yaml"), "job: {type: network, file: one.yaml}\nparameters:\n"
        + "  populations.n.I_bias: {list: [150p, 300p]}\nresults: [n.rate_hz]\n");
    SweepSpec s = SweepSpec.load(dir.resolve("s.yaml"));
    // tau = C/g_L = 20 ms, V_inf = E_L + I/g_L; ISI = t_ref + tau ln((V_inf - V_reset)/(V_inf - V_th))
    for (int i = 0; i < 2; i++) {
      PointResult r = PointResult.evaluate(s, i);
      assertThat(r.ok()).as(r.error()).isTrue();
      double rise = r.params().get("populations.n.I_bias") / 10e-9;
      double isi = 2e-3 + 20e-3 * Math.log(rise / (rise - 10e-3));
      assertThat(r.results().get("n.rate_hz")).isCloseTo(1 / isi, Percentage.withPercentage(2));
    }
  }

  @Test
  void netlistJobOverridesParams() throws Exception {
    Files.writeString(dir.resolve("rc.cir"), String.join("\n", "rc charging", ".param r=1k", "v1 in 0 1",
        "r1 in out {r}", "c1 out 0 1u", ".ic v(out)=0", ".tran 1u 1m uic", ".end", ""));
    Files.writeString(dir.resolve("s.yaml"), "job: {type: run, netlist: rc.cir}\nparameters:\n  r: {list: [500, 2k]}\n"
        + "results: ['final:v(out)', 'max:v(out)']\n");
    SweepSpec s = SweepSpec.load(dir.resolve("s.yaml"));
    for (int i = 0; i < 2; i++) {
      PointResult r = PointResult.evaluate(s, i);
      assertThat(r.ok()).as(r.error()).isTrue();
      double expect = 1 - Math.exp(-1e-3 / (r.params().get("r") * 1e-6));
      assertThat(r.results().get("final:v(out)")).isCloseTo(expect, Percentage.withPercentage(0.5));
    }
  }

  @Test
  void netlistJobSpikesReductionReArmsOnlyBelowTheHysteresis() throws Exception {
    // a state in [0, 1] driven by a PWL source: up to 0.9, a notch to 0.45 and back (no spike: it never fell below
    // 0.4), down to 0 and up again: two spikes, the notch not counted
    Files.writeString(dir.resolve("x.cir"), String.join("\n", "notched state", "v1 x 0 pwl(0 0 1u 0.9 2u 0.45 3u 0.9 4u 0"
        + " 5u 0 6u 0.9 7u 0)", "r1 x 0 1k", ".tran 10n 8u", ".end", ""));
    Files.writeString(dir.resolve("s.yaml"), "job: {type: run, netlist: x.cir}\nparameters:\n  r: {list: [1]}\n"
        + "results: ['spikes:v(x)', 'rate:v(x)']\n");
    PointResult r = PointResult.evaluate(SweepSpec.load(dir.resolve("s.yaml")), 0);
    assertThat(r.ok()).as(r.error()).isTrue();
    assertThat(r.results().get("spikes:v(x)")).isEqualTo(2.0);
    assertThat(r.results().get("rate:v(x)")).isCloseTo(2 / 8e-6, Percentage.withPercentage(0.01));
  }

  /** A netlist job's .include is read from the netlist's folder (as ./neuristor run does), not the working directory. */
  @Test
  void netlistJobIncludesRelativeToTheNetlist() throws Exception {
    Files.createDirectories(dir.resolve("nets/models"));
    Files.writeString(dir.resolve("nets/models/load.inc"), "r2 out 0 {r}\n");
    Files.writeString(dir.resolve("nets/div.cir"), String.join("\n", "divider", ".param r=1k", "v1 in 0 1",
        "r1 in out 1k", ".include models/load.inc", ".op", ".end", ""));
    Files.writeString(dir.resolve("s.yaml"), "job: {type: run, netlist: nets/div.cir}\nparameters:\n  r: {list: [1k, 3k]}\n"
        + "results: ['final:v(out)']\n");
    SweepSpec s = SweepSpec.load(dir.resolve("s.yaml"));
    for (int i = 0; i < 2; i++) {
      PointResult r = PointResult.evaluate(s, i);
      assertThat(r.ok()).as(r.error()).isTrue();
      double rl = r.params().get("r");
      assertThat(r.results().get("final:v(out)")).isCloseTo(rl / (rl + 1000), Percentage.withPercentage(0.01));
    }
  }

  /** Issue 18: .meas results are sweep results (meas:NAME); a measurement that fails is an empty cell. */
  @Test
  void netlistJobReportsMeasurements() throws Exception {
    Files.writeString(dir.resolve("rc.cir"), String.join("\n", "rc", ".param r=1k", "v1 in 0 1",
        "r1 in out {r}", "c1 out 0 1u", ".ic v(out)=0", ".tran 1u 3m uic", ".meas tran thalf when v(out)=0.5",
        ".meas tran never when v(out)=2", ".end", ""));
    Files.writeString(dir.resolve("s.yaml"), "job: {type: run, netlist: rc.cir}\nparameters:\n  r: {list: [500, 2k]}\n"
        + "results: ['meas:thalf', 'meas:never']\n");
    SweepSpec s = SweepSpec.load(dir.resolve("s.yaml"));
    for (int i = 0; i < 2; i++) {
      PointResult r = PointResult.evaluate(s, i);
      assertThat(r.ok()).as(r.error()).isTrue();
      assertThat(r.results().get("meas:thalf")).isCloseTo(r.params().get("r") * 1e-6 * Math.log(2),
          Percentage.withPercentage(0.5));
      assertThat(r.results().get("meas:never")).isNaN();
    }
  }

  @Test
  void ivJobFindsTheThresholdItWasGiven() {
    SweepSpec s = SweepSpecTest.parse("job: {type: iv, device: ts}\nparameters:\n  vth: {list: [0.8, 1.2]}\n"
        + "results: [switched, vth_V]\n");
    for (int i = 0; i < 2; i++) {
      PointResult r = PointResult.evaluate(s, i);
      assertThat(r.ok()).as(r.error()).isTrue();
      assertThat(r.results().get("switched")).isEqualTo(1.0);
      assertThat(r.results().get("vth_V")).isCloseTo(r.params().get("vth"), Percentage.withPercentage(3));
    }
  }
}
