package org.neuristor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.NetlistException;

class SweepSpecTest {
  static SweepSpec parse(String text) {
    return SweepSpec.parse("s.yaml", text, Path.of("."));
  }

  static final String JOB = "job: {type: neuron, circuit: lif, params: {tstop: 20u}}\n";

  @Test
  void gridPointsAreTheCartesianProductLastParameterFastest() {
    SweepSpec s = parse(JOB + "parameters:\n  rin: {grid: [10k, 30k, 3]}\n  cm: {list: [1n, 2n]}\n");
    assertThat(s.size()).isEqualTo(6);
    assertThat(s.point(0)).isEqualTo(Map.of("rin", 10e3, "cm", 1e-9));
    assertThat(s.point(1)).isEqualTo(Map.of("rin", 10e3, "cm", 2e-9));
    assertThat(s.point(2)).isEqualTo(Map.of("rin", 20e3, "cm", 1e-9));
    assertThat(s.point(5)).isEqualTo(Map.of("rin", 30e3, "cm", 2e-9));
    assertThat(s.results()).isEqualTo(Jobs.NeuronJob.OUT);
  }

  @Test
  void logGridIsGeometric() {
    SweepSpec s = parse(JOB + "parameters:\n  rin: {loggrid: [1k, 100k, 3]}\n");
    assertThat(s.point(1).get("rin")).isCloseTo(10e3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void randomDrawsDependOnlyOnSeedAndIndex() {
    String text = JOB + "seed: 7\nsamples: 50\nparameters:\n  vth: {normal: [1, 0.05]}\n  cm: {lognormal: [1n, 0.1]}\n"
        + "  rin: {lhs: [10k, 30k]}\n  rout: {uniform: [50, 150]}\n";
    SweepSpec a = parse(text);
    SweepSpec b = parse(text);
    // b is asked in reverse order: the values must not depend on call order or history
    for (int i = 49; i >= 0; i--) {
      assertThat(b.point(i)).isEqualTo(a.point(i));
    }
    SweepSpec other = parse(text.replace("seed: 7", "seed: 8"));
    assertThat(other.point(0)).isNotEqualTo(a.point(0));
  }

  @Test
  void normalAndLogNormalMomentsMatchTheirDistributions() {
    int n = 20_000;
    SweepSpec s = parse(JOB + "samples: " + n + "\nparameters:\n  vth: {normal: [1, 0.05]}\n"
        + "  cm: {lognormal: [1n, 0.1]}\n  rout: {uniform: [50, 150]}\n");
    double sum = 0;
    double sq = 0;
    double logSum = 0;
    double logSq = 0;
    double uSum = 0;
    for (int i = 0; i < n; i++) {
      Map<String, Double> p = s.point(i);
      sum += p.get("vth");
      sq += p.get("vth") * p.get("vth");
      double l = Math.log(p.get("cm") / 1e-9);
      logSum += l;
      logSq += l * l;
      uSum += p.get("rout");
      assertThat(p.get("rout")).isBetween(50.0, 150.0);
    }
    double mean = sum / n;
    double sd = Math.sqrt(sq / n - mean * mean);
    // standard errors: sigma / sqrt(n) for the mean, sigma / sqrt(2n) for the sd; 4 of them allowed
    assertThat(mean).isCloseTo(1.0, org.assertj.core.data.Offset.offset(4 * 0.05 / Math.sqrt(n)));
    assertThat(sd).isCloseTo(0.05, org.assertj.core.data.Offset.offset(4 * 0.05 / Math.sqrt(2.0 * n)));
    double lm = logSum / n;
    assertThat(lm).isCloseTo(0.0, org.assertj.core.data.Offset.offset(4 * 0.1 / Math.sqrt(n)));
    assertThat(Math.sqrt(logSq / n - lm * lm)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(4 * 0.1
        / Math.sqrt(2.0 * n)));
    // uniform on [50, 150): mean 100, sd 100/sqrt(12)
    assertThat(uSum / n).isCloseTo(100.0, org.assertj.core.data.Offset.offset(4 * 100 / Math.sqrt(12.0 * n)));
  }

  @Test
  void latinHypercubeHitsEveryStratumOncePerParameter() {
    int n = 200;
    SweepSpec s = parse(JOB + "samples: " + n + "\nparameters:\n  rin: {lhs: [10k, 30k]}\n  cm: {lhs: [1n, 3n]}\n");
    Set<Integer> a = new HashSet<>();
    Set<Integer> b = new HashSet<>();
    for (int i = 0; i < n; i++) {
      a.add((int) Math.floor((s.point(i).get("rin") - 10e3) / 20e3 * n));
      b.add((int) Math.floor((s.point(i).get("cm") - 1e-9) / 2e-9 * n));
    }
    assertThat(a).hasSize(n);
    assertThat(b).hasSize(n);
  }

  @Test
  void gridTimesSamples() {
    SweepSpec s = parse(JOB + "samples: 4\nparameters:\n  rin: {list: [10k, 20k]}\n  vth: {normal: [1, 0.05]}\n");
    assertThat(s.size()).isEqualTo(8);
    assertThat(s.point(3).get("rin")).isEqualTo(10e3);
    assertThat(s.point(4).get("rin")).isEqualTo(20e3);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  rin: {grid: [1k, 2k, 3]}\\nbogus: 1|4:1|unknown key 'bogus'",
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  rin: {gird: [1k, 2k, 3]}|3:9|unknown distribution 'gird'",
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  rin: {grid: [1k, abc, 3]}|3:20|bad number 'abc'",
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  rin: {grid: [1k, 2k]}|3:15|expected grid: [from, to, points]",
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  foo.bar: {list: [1]}|3:3|parameter 'foo.bar'",
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  rin: {list: [1k]}\\nresults: [rate, spikes]|4:11|unknown result 'rate'",
      "job: {type: neuron, circuit: nope}\\nparameters:\\n  rin: {list: [1k]}|1:6|no neuron circuit 'nope'",
      "job: {type: nope}\\nparameters:\\n  rin: {list: [1k]}|1:13|unknown job type 'nope'",
      "job: {type: model, model: lif}\\nparameters:\\n  tau: {list: [1]}|3:3|parameter 'tau'",
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  vth: {normal: [1, 0.1]}|1:1|need 'samples'",
      "job: {type: neuron, circuit: lif}\\nparameters:\\n  vth: {normal: [1, -0.1]}\\nsamples: 3|3:21|sigma must be >= 0",
  })
  void errorsNameFileLineAndColumn(String text, String where, String message) {
    assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
        .isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("s.yaml:" + where + ":")
        .hasMessageContaining(message);
  }

  @Test
  void jobsAcceptTheirOwnParameterNames() {
    assertThat(parse("job: {type: model, model: lif}\nparameters:\n  tau_m: {list: [10, 20]}\n").size()).isEqualTo(2);
    assertThat(parse("job: {type: iv, device: nbox}\nparameters:\n  vth: {list: [1]}\n").results())
        .contains("vth_V", "vhold_V");
    assertThat(parse("job: {type: neuron, circuit: pickett}\nparameters:\n  mott_ch.vth: {list: [1]}\n").size())
        .isEqualTo(1);
  }
}
