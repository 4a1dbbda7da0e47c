package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

class ModelCommandTest {
  @TempDir Path dir;

  @Test
  void runWritesCsvPlotAndJsonWithSpikeTimesRateAndFinalState() throws Exception {
    CliHarness.Result r = CliHarness.run("model", "run", "lif", "--stim", "step:amp=2,t0=10ms", "--duration",
        "200ms", "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    // physics.md 2.2: 2 nA -> 63.04 Hz; first spike tau ln 4 after the onset, which is the first step
    // start strictly after t0 = 10 ms (10.1 ms with dt = 0.1 ms)
    assertThat(j.get("rate_hz").asDouble()).isCloseTo(63.04, Percentage.withPercentage(0.05));
    assertThat(j.get("spike_times_s").get(0).asDouble()).isCloseTo(0.0101 + 0.010 * Math.log(4), Offset.offset(1e-12));
    assertThat(j.get("final_state").get("v_V").isNumber()).isTrue();
    assertThat(j.get("firing_pattern").asText()).isEqualTo("tonic spiking");
    assertThat(Files.readAllLines(dir.resolve("lif.csv")).get(0)).contains("v").contains("i");
    assertThat(Files.size(dir.resolve("lif.png"))).isGreaterThan(1000);
  }

  @Test
  void hhRunReportsSpikeShape() throws Exception {
    CliHarness.Result r = CliHarness.run("model", "run", "hh", "--stim", "step:amp=10", "--duration", "50ms",
        "--out", dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("first_spike_peak_V").asDouble()).isCloseTo(0.0403, Offset.offset(3e-4));
    assertThat(j.get("final_state").has("m")).isTrue();
  }

  /**
   * Round 19 lead: at 100 uA/cm2 HH's spikes peak at -20 mV, and 'model run hh' printed one spike and "phasic
   * spiking ... then silent for 0.199" while the membrane oscillated at 147 Hz (NEURON's hh the same:
   * HodgkinHuxleyBlockPeerTest). It now states the spike level and reports the oscillation, with no label.
   */
  @Test
  void hhRunReportsTheOscillationItsSpikeLevelDoesNotCount() throws Exception {
    CliHarness.Result r = CliHarness.run("model", "run", "hh", "--stim", "dc:amp=100", "--out", dir.toString(),
        "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("spikes").asInt()).isEqualTo(1);
    assertThat(j.get("spike_level_V").asDouble()).isZero();
    assertThat(j.get("oscillation_hz").asDouble()).isCloseTo(147.268, Offset.offset(0.15));
    assertThat(j.get("oscillation_peak_V").asDouble()).isCloseTo(-0.020045, Offset.offset(5e-5));
    assertThat(j.get("oscillation_trough_V").asDouble()).isCloseTo(-0.060511, Offset.offset(5e-5));
    assertThat(j.get("firing_pattern").isNull()).isTrue();
    assertThat(j.get("firing_pattern_reason").asText()).contains("still oscillates").doesNotContain("silent");
    // at 10 uA/cm2 the spikes cross the level: no oscillation key, the label stays
    r = CliHarness.run("model", "run", "hh", "--stim", "dc:amp=10", "--out", dir.toString(), "--json", "--no-plot");
    j = Json.mapper().readTree(r.out());
    assertThat(j.has("oscillation_hz")).isFalse();
    assertThat(j.get("firing_pattern").asText()).isEqualTo("tonic spiking");
  }

  /**
   * 'model fi hh' counts spikes at -40 mV and printed 0 Hz at 154 and 156 uA/cm2 (200 ms) while the membrane still
   * oscillated below that level: NEURON's hh at 169.0974 and 169.7523 Hz there (core's
   * reference/neuron/hh_block.csv, whose HodgkinHuxleyBlockPeerTest checks every row). The rate is now null there
   * with the reason, and oscillation_hz gives the oscillation; at 160 the membrane rests and 0 Hz stays.
   */
  @Test
  void hhFiSaysWhereTheMembraneOscillatesBelowItsSpikeLevel() throws Exception {
    CliHarness.Result r = CliHarness.run("model", "fi", "hh", "--from", "152", "--to", "160", "--points", "5",
        "--duration", "200ms", "--out", dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    JsonNode rate = j.get("rate_hz");
    JsonNode osc = j.get("oscillation_hz");
    assertThat(rate.get(0).asDouble()).isPositive();
    assertThat(osc.get(0).isNull()).isTrue();
    assertThat(rate.get(1).isNull()).as(r.out()).isTrue();
    assertThat(rate.get(2).isNull()).isTrue();
    assertThat(osc.get(1).asDouble()).isCloseTo(169.0974, Percentage.withPercentage(0.1));
    assertThat(osc.get(2).asDouble()).isCloseTo(169.7523, Percentage.withPercentage(0.1));
    assertThat(rate.get(4).asDouble()).isZero();
    assertThat(osc.get(4).isNull()).isTrue();
    assertThat(j.get("rate_reason").asText()).contains("at 154, 156 uA/cm2").contains("v_spike = -40 mV")
        .contains("still oscillates");
    assertThat(Files.readAllLines(dir.resolve("hh.fi.csv")).get(2)).startsWith("154,,169.09");
    // lif has no spike level: no oscillation column in the JSON where it rests
    j = Json.mapper().readTree(CliHarness.run("model", "fi", "lif", "--from", "0", "--to", "2", "--points", "3",
        "--out", dir.toString(), "--json", "--no-plot").out());
    assertThat(j.has("oscillation_hz")).isFalse();
    assertThat(j.get("rate_hz").get(0).asDouble()).isZero();
    assertThat(Files.readAllLines(dir.resolve("lif.fi.csv")).get(0)).isEqualTo("input_nA,rate_hz");
  }

  /**
   * A neuron that fires only once or twice in the second half of the run (where {@code model fi} counts its rate, from
   * 3 spikes on) has no rate there, not 0 Hz: until round 21 the perfect IF printed 0 Hz at 0.02-0.06 nA, where it
   * fires. Its spikes are known in closed form (C dV/dt = I from v_reset to v_th, then t_ref): the k-th at k T + (k -
   * 1) t_ref with T = C (v_th - v_reset) / I; with 3 or more in [0.5, 1] s the rate is 1/(T + t_ref).
   */
  @Test
  void fiGivesNoRateWhereTheNeuronFiresOnlyOnceOrTwiceInTheSecondHalf() throws Exception {
    CliHarness.Result r = fiOfIf("0", "0.1", "6");
    JsonNode j = Json.mapper().readTree(r.out());
    java.util.List<String> csv = Files.readAllLines(dir.resolve("if.fi.csv"));
    int[] seen = new int[4];
    for (int k = 0; k < 6; k++) {
      double nA = j.get("input_nA").get(k).asDouble();
      double period = 1e-9 * 15e-3 / (nA * 1e-9); // C (v_th - v_reset) / I, s
      int counted = 0;
      for (int n = 1; nA > 0 && n * period + (n - 1) * 2e-3 <= 1; n++) {
        counted += n * period + (n - 1) * 2e-3 >= 0.5 ? 1 : 0;
      }
      JsonNode rate = j.get("rate_hz").get(k);
      seen[Math.min(counted, 3)]++;
      if (counted >= 3) {
        assertThat(rate.asDouble()).as("%s nA", nA).isCloseTo(1 / (period + 2e-3), Percentage.withPercentage(1e-7));
      } else if (counted > 0) {
        assertThat(rate.isNull()).as("%s nA fires %d times in the second half: %s", nA, counted, r.out()).isTrue();
        assertThat(j.get("rate_reason").asText()).contains(Summary.number(nA) + " nA (" + counted + " spike");
        String[] cells = csv.get(k + 1).split(",", -1);
        assertThat(Double.parseDouble(cells[0])).isEqualTo(nA);
        assertThat(cells[1]).as("CSV rate at %s nA", nA).isEmpty();
      } else {
        assertThat(rate.asDouble()).as("%s nA", nA).isZero();
      }
    }
    assertThat(seen).as("inputs with 0, 1, 2 and 3+ spikes in the second half").containsExactly(1, 2, 1, 2);
    assertThat(j.get("rate_reason").asText()).contains("fewer than the 3 spikes").contains("a longer --duration");
  }

  /**
   * Round 22: an input whose only spike falls in the first, uncounted half of the run, and whose next would come after
   * it, printed 0 Hz: "it does not fire". The perfect IF's spikes in closed form (k T + (k - 1) t_ref, T = C (v_th -
   * v_reset) / I): at 0.03001 nA the first comes at 0.49983 s and the second at 1.00167 s, after the 1 s window. It
   * has no rate now, and the reason gives its spikes; 0.02995 and 0.03007 nA fire once in the second half (round 21's
   * reason). HH's one spike 4.6 ms after the onset of 3 uA/cm2, then rest for the whole window, stays 0 Hz.
   */
  @Test
  void fiGivesNoRateWhereTheOnlySpikeFallsInTheFirstHalf() throws Exception {
    CliHarness.Result r = fiOfIf("0.02995", "0.03007", "3");
    JsonNode j = Json.mapper().readTree(r.out());
    java.util.List<String> csv = Files.readAllLines(dir.resolve("if.fi.csv"));
    int firstHalfOnly = 0;
    for (int k = 0; k < 3; k++) {
      double nA = j.get("input_nA").get(k).asDouble();
      double period = 1e-9 * 15e-3 / (nA * 1e-9);
      int fired = 0;
      int counted = 0;
      double last = Double.NaN;
      for (int n = 1; n * period + (n - 1) * 2e-3 <= 1; n++) {
        last = n * period + (n - 1) * 2e-3;
        fired++;
        counted += last >= 0.5 ? 1 : 0;
      }
      assertThat(j.get("rate_hz").get(k).isNull()).as("%s nA: %s", nA, r.out()).isTrue();
      assertThat(csv.get(k + 1).split(",", -1)[1]).as("CSV rate at %s nA", nA).isEmpty();
      if (counted == 0) {
        firstHalfOnly++;
        assertThat(fired).isEqualTo(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(Summary.number(nA))
            + " nA \\(1 spike, the last at ([0-9.]+) s\\)").matcher(j.get("rate_reason").asText());
        assertThat(m.find()).as(j.get("rate_reason").asText()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(last, Offset.offset(1e-4)); // dt 0.1 ms
      } else {
        assertThat(j.get("rate_reason").asText()).contains(Summary.number(nA) + " nA (" + counted + " spike)");
      }
    }
    assertThat(firstHalfOnly).isEqualTo(1);
    assertThat(j.get("rate_reason").asText()).contains("fired only in the first half").contains("a longer --duration");
    CliHarness.Result hh = CliHarness.run("model", "fi", "hh", "--from", "3", "--to", "3.1", "--points", "2",
        "--out", dir.toString(), "--json", "--no-plot");
    JsonNode h = Json.mapper().readTree(hh.out());
    assertThat(h.get("rate_hz").get(0).asDouble()).isZero();
    assertThat(h.has("rate_reason")).isFalse();
  }

  /** {@code model fi if} over a grid, JSON on stdout and the CSV in {@link #dir}; it must succeed. */
  private CliHarness.Result fiOfIf(String from, String to, String points) {
    CliHarness.Result r = CliHarness.run("model", "fi", "if", "--from", from, "--to", to, "--points", points, "--out",
        dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  @Test
  void noisyRunsReproduceWithTheSeed() throws Exception {
    String[] args = {"model", "run", "lif", "--stim", "dc:amp=1.2", "--noise", "white:sigma=4", "--duration", "300ms",
        "--seed", "5", "--out", dir.toString(), "--json", "--no-plot"};
    JsonNode a = Json.mapper().readTree(CliHarness.run(args).out());
    JsonNode b = Json.mapper().readTree(CliHarness.run(args).out());
    assertThat(a.get("spike_times_s").size()).isGreaterThan(3);
    assertThat(a.get("spike_times_s")).isEqualTo(b.get("spike_times_s"));
  }

  @Test
  void t7NoisyLifAtTheDefaultDtMatchesSiegert() throws Exception {
    // physics.md T7: mu 12 mV, sigma_V 4 mV; Siegert 30.05 Hz, Monte Carlo within 3%. At the default dt (0.1 ms)
    // this command printed 27.90 Hz (-7.1%) before the bridge crossings; bridge=0 keeps the grid test alone
    String[] args = {"model", "run", "lif", "--stim", "dc:amp=1.2", "--noise", "white:sigma=4", "--seed", "7",
        "--duration", "100s", "--out", dir.toString(), "--json", "--no-plot"};
    CliHarness.Result r = CliHarness.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    double siegert = org.neuristor.neuron.Siegert.rateHz(10, 2, -70, -70, -55, 12, 4);
    assertThat(siegert).isCloseTo(30.05, Offset.offset(0.005));
    assertThat(Json.mapper().readTree(r.out()).get("rate_hz").asDouble()).isCloseTo(siegert,
        Percentage.withPercentage(3));
    args[6] = "white:sigma=4,bridge=0";
    r = CliHarness.run(args);
    assertThat(Json.mapper().readTree(r.out()).get("rate_hz").asDouble()).isLessThan(0.95 * siegert);
  }

  @Test
  void modelFileAndParametersApply(@TempDir Path files) throws Exception {
    Path f = files.resolve("burst.yaml");
    Files.writeString(f, "model: adex\nparameters:\n  tau_w: 20\n  b: 500\n  v_r: -45.4\n");
    CliHarness.Result r = CliHarness.run("model", "run", "--file", f.toString(), "--param", "a=4", "--stim",
        "step:amp=1000,t0=10ms", "--duration", "300ms", "--out", dir.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Json.mapper().readTree(r.out()).get("model").asText()).isEqualTo("adex");
  }

  @Test
  void badParametersAreOneLineErrorsNamingTheParameter() {
    CliHarness.Result r = CliHarness.run("model", "run", "adex", "--param", "c=-281", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: adex: parameter c = -281 pF is outside").doesNotContain("Exception");
    r = CliHarness.run("model", "run", "lif", "--param", "t_ref=-1", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("t_ref");
    r = CliHarness.run("model", "run", "hh", "--dt", "0.1ms", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("dt = 0.1 ms exceeds the stable limit 0.05 ms");
    r = CliHarness.run("model", "run", "lif", "--stim", "step:t0=1ms", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("needs amp=");
    r = CliHarness.run("model", "run", "squid", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown neuron model");
  }

  @Test
  void fiOfHhFindsTheOnsetAndPrintsTheCurve() throws Exception {
    CliHarness.Result r = CliHarness.run("model", "fi", "hh", "--from", "0", "--to", "50", "--points", "11",
        "--tolerance", "0.02", "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    // physics.md: onset 6.26 uA/cm2 (2 s window) at ~52 Hz; f(10) = 68.3, f(50) = 117.0
    assertThat(j.get("rheobase_uA_per_cm2").asDouble()).isCloseTo(6.26, Offset.offset(0.03));
    assertThat(j.get("rate_at_rheobase_hz").asDouble()).isCloseTo(52, Offset.offset(3.0));
    assertThat(j.get("rate_hz").get(2).asDouble()).isCloseTo(68.3, Percentage.withPercentage(0.5));
    assertThat(j.get("rate_hz").get(10).asDouble()).isCloseTo(117.0, Percentage.withPercentage(0.5));
    assertThat(Files.exists(dir.resolve("hh.fi.csv"))).isTrue();
  }

  @Test
  void fiOfHhAtItsDefaultSettingsMeetsT3() throws Exception {
    // './neuristor model fi hh' as documented: physics.md T3 onset 6.26 uA/cm2, tolerance 0.02. The old default
    // tolerance (1/1000 of the range, 0.15) printed 6.2891; the default is now 1/1000 of the first firing input
    CliHarness.Result r = CliHarness.run("model", "fi", "hh", "--out", dir.toString(), "--no-plot", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("rheobase_uA_per_cm2").asDouble()).isCloseTo(6.26, Offset.offset(0.02));
  }

  @Test
  void aRheobaseTheWindowSetIsNullWithTheBound() throws Exception {
    // perfect IF: any positive current fires (f = I / (C dV) with t_ref), so its rheobase is 0; the 1 s window's
    // bisection used to print 0.076 nA, the current whose rate (~5 Hz) the window just resolves
    CliHarness.Result r = CliHarness.run("model", "fi", "if", "--to", "1", "--points", "5", "--out", dir.toString(),
        "--no-plot", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("rheobase_nA").isNull()).as(r.out()).isTrue();
    assertThat(j.get("rate_at_rheobase_hz").isNull()).isTrue();
    assertThat(j.get("rheobase_reason").asText()).contains("falls continuously towards 0 Hz").contains("below 0.0")
        .contains("4 s one");
    // AdEx (analytic steady-state rheobase 627.3 pA): the 1 s window's 654.7 pA is a bound, not the rheobase
    r = CliHarness.run("model", "fi", "adex", "--from", "600", "--to", "700", "--points", "3", "--out",
        dir.toString(), "--no-plot", "--json");
    j = Json.mapper().readTree(r.out());
    assertThat(j.get("rheobase_pA").isNull()).as(r.out()).isTrue();
    // LIF: the rate falls to 0 only logarithmically (tau ln(RI/(RI - 15 mV))): 1.5 nA within --tol, kept
    r = CliHarness.run("model", "fi", "lif", "--points", "5", "--out", dir.toString(), "--no-plot", "--json");
    j = Json.mapper().readTree(r.out());
    assertThat(j.get("rheobase_nA").asDouble()).as(r.out()).isCloseTo(1.5, Offset.offset(0.004));
    assertThat(j.has("rheobase_reason")).isFalse();
  }

  @Test
  void listDescribeAndHelp() {
    CliHarness.Result r = CliHarness.run("model", "list");
    assertThat(r.out()).contains("lif").contains("hh").contains("adex").contains("izhikevich").contains("if ");
    r = CliHarness.run("model", "describe", "hh");
    assertThat(r.out()).contains("g_na").contains("mS/cm2").contains("-54.387").contains("rk4");
    for (String sub : new String[] {"list", "describe", "run", "fi"}) {
      assertThat(CliHarness.run("model", sub, "--help").out()).contains("Example");
    }
    assertThat(CliHarness.run("model", "run", "--help").out()).contains("uA/cm2").contains("pA");
  }

  @Test
  void patternsWritesGalleryAndTable() throws Exception {
    CliHarness.Result r = CliHarness.run("patterns", "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("total").asInt()).isEqualTo(20);
    assertThat(j.get("correct").asInt()).isGreaterThanOrEqualTo(18);
    assertThat(j.get("patterns").get(0).get("expected").asText()).isEqualTo("tonic spiking");
    assertThat(Files.readAllLines(dir.resolve("patterns.csv"))).hasSize(21);
    assertThat(Files.size(dir.resolve("patterns.png"))).isGreaterThan(10_000);
    assertThat(CliHarness.run("patterns", "--help").out()).contains("Example");
  }
}
