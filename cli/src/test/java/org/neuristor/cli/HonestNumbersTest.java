package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

/**
 * Issue 17, one test per item, each running the command as the issue wrote it: measurements report
 * null and a reason when their event did not happen, units are honoured or refused, bad options
 * fail at once with exit 2.
 */
class HonestNumbersTest {
  @TempDir Path dir;

  CliHarness.Result run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 3);
    all[args.length] = "--out";
    all[args.length + 1] = dir.toString();
    all[args.length + 2] = "--no-plot";
    return CliHarness.run(all);
  }

  /** No firing-pattern label, and a reason that starts with {@code reason}. */
  static void assertNoLabel(JsonNode j, String reason) {
    assertThat(j.get("firing_pattern").isNull()).isTrue();
    assertThat(j.get("firing_pattern_reason").asText()).startsWith(reason);
  }

  JsonNode json(CliHarness.Result r) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  @Test
  void item1PulseThatDoesNotSwitchReportsNoDelay() throws Exception {
    JsonNode p = json(run("pulse", "nbox", "--amp", "0.5", "--width", "200n", "--json")).get("pulses").get(0);
    assertThat(p.get("switched").asBoolean()).isFalse();
    assertThat(p.get("delay_s").isNull()).isTrue();
    assertThat(p.get("relaxation_s").isNull()).isTrue();
    assertThat(p.get("switching_energy_J").isNull()).isTrue();
    assertThat(p.get("reason").asText()).startsWith("no switch");
  }

  @Test
  void item3UnitsOfModelParametersAreNotPrefixes() throws Exception {
    // before: tau_m=20ms was 0.02 ms (94 spikes instead of 6), v_th=-50mV became -0.05 mV
    JsonNode a = json(run("model", "run", "lif", "--param", "tau_m=20ms", "--json"));
    JsonNode b = json(run("model", "run", "lif", "--param", "tau_m=20", "--json"));
    assertThat(a.get("spikes").asInt()).isEqualTo(b.get("spikes").asInt()).isBetween(4, 8);
    JsonNode c = json(run("model", "run", "lif", "--param", "v_th=-50mV", "--json"));
    assertThat(c.get("spikes").asInt()).isEqualTo(json(run("model", "run", "lif", "--param", "v_th=-0.05V",
        "--json")).get("spikes").asInt());
    CliHarness.Result bad = run("model", "run", "lif", "--param", "tau_m=20mV");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("tau_m").contains("in ms");
    bad = run("model", "run", "lif", "--param", "tau_m=20m");
    assertThat(bad.err()).contains("ambiguous");
    // --duration 200ms is 0.2 s, and the --file YAML accepts 20ms like the command line
    assertThat(json(run("model", "run", "lif", "--duration", "200ms", "--json")).get("duration_s").asDouble())
        .isEqualTo(0.2);
  }

  @Test
  void item3ModelFilesTakeUnits() throws Exception {
    Path f = dir.resolve("lif.yaml");
    Files.writeString(f, "model: lif\nparameters:\n  tau_m: 20ms\n  v_th: -0.05V\n");
    JsonNode a = json(run("model", "run", "--file", f.toString(), "--json"));
    JsonNode b = json(run("model", "run", "lif", "--param", "tau_m=20,v_th=-50", "--json"));
    assertThat(a.get("spike_times_s")).isEqualTo(b.get("spike_times_s"));
  }

  @Test
  void item5ToleranceFloorsInsteadOfRunningForever() {
    CliHarness.Result r = run("model", "fi", "lif", "--tolerance", "0", "--points", "3");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--tol");
    assertThat(run("model", "fi", "lif", "--tol", "-1", "--points", "3").code()).isEqualTo(2);
    // the old name and the new one together: which one was meant is not clear
    r = run("model", "fi", "lif", "--tol", "0.1", "--tolerance", "0.2", "--points", "3");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("give --tol or its old name --tolerance, not both").doesNotContain("Exception");
    r = run("neuron", "sd", "lif", "--widths", "5u", "--max", "20", "--tol", "1e-300");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--tol must be in");
  }

  @Test
  void item6AllOrNothingWithoutASpikeHasNoThreshold() throws Exception {
    // the lif circuit needs 4.49 V for a 5 us pulse: none of these fires (before: threshold_V 3.5)
    JsonNode j = json(run("neuron", "aon", "lif", "--amps", "1,2,3,4", "--width", "5u", "--json"));
    assertThat(j.get("threshold_V").isNull()).isTrue();
    assertThat(j.get("threshold_reason").asText()).contains("no pulse");
    assertThat(j.get("all_or_nothing").asBoolean()).isFalse();
  }

  @Test
  void item7IvWithoutASwitchReportsNoThresholdAndVo2FindsItsOwn() throws Exception {
    JsonNode p = json(run("iv", "nbox", "--sweep", "triangle:amp=0.5", "--json")).get("positive");
    assertThat(p.get("switched").asBoolean()).isFalse();
    assertThat(p.get("vth_V").isNull()).isTrue();
    assertThat(p.get("vhold_V").isNull()).isTrue();
    assertThat(p.get("window_V").isNull()).isTrue();
    assertThat(p.get("roff_ohm").asDouble()).isGreaterThan(1e5);
    assertThat(p.get("reason").asText()).contains("no switch");
    // before: 2 V, below the VO2 device's thermal threshold of about 7.1 V
    JsonNode v = json(run("iv", "vo2", "--json"));
    assertThat(v.get("positive").get("switched").asBoolean()).isTrue();
    assertThat(v.get("positive").get("vth_V").asDouble()).isBetween(6.5, 7.5);
    assertThat(v.get("amp_V").asDouble()).isEqualTo(8.0);
  }

  @Test
  void item8SingularOperatingPointsAreRefused() throws Exception {
    for (String net : new String[] {"icap\ni1 0 a 1m\nc1 a 0 1u\n.op\n.end\n",
        "negdiv\nv1 a 0 1\nr1 a b 1k\nr2 b 0 -1k\n.op\n.end\n"}) {
      Path f = dir.resolve("s.cir");
      Files.writeString(f, net);
      CliHarness.Result r = run("run", f.toString(), "--json");
      assertThat(r.code()).as(net).isEqualTo(2);
      assertThat(Json.mapper().readTree(r.out()).get("error").get("message").asText()).contains("singular");
      assertThat(dir.resolve("s.op.csv")).doesNotExist();
    }
  }

  @Test
  void neuronFiBisectsTheRheobaseAndRefusesADescendingRange() throws Exception {
    // before: the first grid point that fired (1.26 V here); the DC rheobase is 1.13-1.15 V (ProtocolsTest)
    JsonNode j = json(run("neuron", "fi", "lif", "--from", "0.9", "--to", "1.5", "--points", "4", "--tol", "5m",
        "--duration", "300u", "--json"));
    assertThat(j.get("rheobase_V").asDouble()).isBetween(1.13, 1.155);
    CliHarness.Result r = run("neuron", "fi", "lif", "--from", "2", "--to", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--to must exceed --from");
  }

  @Test
  void neuronRunRefusesBadPulsesLikeModelRun() {
    for (String stim : new String[] {"pulse:amp=1,width=0", "pulse:amp=1,width=-1u", "pulse:amp=1,width=2u,period=1u",
        "pulse:amp=1,width=1u,bogus=3", "pulse:amp=1V,width=1uF"}) {
      CliHarness.Result r = run("neuron", "run", "lif", "--stim", stim);
      assertThat(r.code()).as(stim).isEqualTo(2);
      assertThat(r.err()).as(stim).doesNotContain("Exception");
    }
  }

  @Test
  void refractoryIsNotZeroWhenThePulseItselfFiresSeveralSpikes() throws Exception {
    JsonNode j = json(run("neuron", "run", "lif", "--stim", "pulse:amp=3,width=30u", "--refractory", "--json"));
    assertThat(j.get("spikes").asInt()).isGreaterThan(1);
    assertThat(j.get("refractory_s").isNull()).isTrue();
    assertThat(j.get("refractory_reason").asText()).contains("fires " + j.get("spikes").asInt() + " spikes");
  }

  @Test
  void firingPatternReasonsDoNotContradictThemselves() throws Exception {
    // a periodic train where some pulses fire: no protocol the classifier was made for, so no label at all
    // (it used to be neither integrator nor resonator, but still a label)
    JsonNode j = json(run("neuron", "run", "lif", "--stim", "pulse:amp=3,width=600n,period=1u", "--duration", "40u",
        "--json"));
    assertNoLabel(j, "the input is a periodic train of");
    // one yi spike with an overdamped recovery is not a subthreshold oscillation
    JsonNode y = json(run("neuron", "run", "yi", "--json"));
    assertThat(y.get("spikes").asInt()).isEqualTo(1);
    assertThat(y.get("firing_pattern").asText()).isNotEqualTo("subthreshold oscillations");
    assertThat(y.get("rate_hz").isNull()).isTrue();
    assertThat(y.get("rate_reason").asText()).contains("one spike");
  }

  @Test
  void aPwlStimulusIsLabelledOnlyWhenItIsAStepAPulseOrARamp() throws Exception {
    // a zigzag read "tonic spiking ... through a sustained step"
    JsonNode zigzag = json(run("neuron", "run", "lif", "--stim", "pwl:0,0,10u,0,20u,3,30u,1.5,40u,3,50u,1.5,60u,3",
        "--json"));
    assertThat(zigzag.get("spikes").asInt()).isGreaterThan(1);
    assertNoLabel(zigzag, "the pwl input is an arbitrary waveform");
    // a step and a ramp written as pwl keep the labels the rules give them
    JsonNode step = json(run("neuron", "run", "lif", "--stim", "pwl:0,0,10u,0,10.01u,2", "--json"));
    assertThat(step.get("firing_pattern").asText()).isEqualTo("tonic spiking");
    JsonNode ramp = json(run("neuron", "run", "lif", "--stim", "pwl:0,0,10u,0,100u,4", "--json"));
    assertThat(ramp.get("firing_pattern").asText()).isEqualTo("class 1 excitable");
  }

  @Test
  void noFiringPatternUnderInputsTheClassifierIsNotMadeFor() throws Exception {
    // tuma's own input is a train of 300 pulses: it read "depolarizing after-potential" (25 spikes)
    JsonNode train = json(run("neuron", "run", "tuma", "--json"));
    assertThat(train.get("spikes").asInt()).isGreaterThan(1);
    assertNoLabel(train, "the input is a periodic train of 300 equal");
    // a Poisson train read "resonator"
    JsonNode poisson = json(run("neuron", "run", "tuma", "--stim", "poisson:rate=1meg,amp=1.5,width=100n,seed=1",
        "--json"));
    assertThat(poisson.get("spikes").asInt()).isGreaterThan(1);
    assertNoLabel(poisson, "the input is a Poisson pulse train");
    // a noisy LIF read "tonic bursting"
    JsonNode noisy = json(run("model", "run", "lif", "--noise", "white:sigma=4", "--json"));
    assertThat(noisy.get("spikes").asInt()).isGreaterThan(1);
    assertNoLabel(noisy, "the run has a noise term");
    String text = run("model", "run", "lif", "--noise", "white:sigma=4").out();
    assertThat(text).containsPattern("firing_pattern: +-\\n").contains("firing_pattern_reason: the run has a noise");
    // the same LIF under its step without noise keeps its label
    assertThat(json(run("model", "run", "lif", "--json")).get("firing_pattern").asText())
        .isEqualTo("tonic spiking");
  }

  @Test
  void spiceSuffixesAndUnitsWorkInEveryOption() throws Exception {
    JsonNode j = json(run("iv", "nbox", "--param", "ron=1k", "--seed", "1k", "--sweep", "triangle:amp=1.5V,rate=15",
        "--json"));
    assertThat(j.get("positive").get("ron_ohm").asDouble()).isCloseTo(1e3, org.assertj.core.data.Percentage
        .withPercentage(1));
    j = json(run("pulse", "nbox", "--param", "ron=1kOhm", "--amp", "2V", "--width", "200ns", "--json"));
    assertThat(j.get("width_s").asDouble()).isEqualTo(200e-9);
    j = json(run("model", "fi", "lif", "--to", "4nA", "--points", "3", "--duration", "0.5", "--json"));
    assertThat(j.get("input_nA").get(2).asDouble()).isEqualTo(4.0);
    CliHarness.Result r = run("model", "fi", "lif", "--to", "4n", "--points", "3");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ambiguous");
    // --d2d 10% parses (the run then fails on the bad --out before any training)
    picocli.CommandLine cl = Main.commandLine();
    cl.parseArgs("network", "digits", "--d2d", "10%", "--stuck", "1%");
    DigitsCommand d = (DigitsCommand) cl.getSubcommands().get("network").getSubcommands().get("digits")
        .getCommandSpec().userObject();
    assertThat(d.d2d).isEqualTo(0.1);
    assertThat(d.stuck).isEqualTo(0.01);
  }

  @Test
  void networkRunWritesItsMonitorsAndChecksItsOptions() throws Exception {
    Path f = dir.resolve("net.yaml");
    Files.writeString(f, String.join("\n", "name: small", "dt: 0.1ms", "duration: 50ms", "populations:",
        "  in: {model: poisson, size: 20, rate: 200Hz}",
        "  n: {model: lif, size: 5, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV,",
        "      channels: {e: {kernel: exponential, tau: 5ms}}}",
        "projections:", "  - {from: in, to: n, channel: e, connect: all_to_all, weight: 1nA}",
        "monitors:", "  - {spikes: in}", "  - {state: n, variable: v, neurons: [0, 1]}", ""));
    CliHarness.Result ok = CliHarness.run("network", "run", f.toString(), "--out", dir.resolve("o").toString(),
        "--json");
    JsonNode j = json(ok);
    assertThat(j.get("files").size()).isEqualTo(4);
    List<String> spikes = Files.readAllLines(dir.resolve("o").resolve("small.in.spikes.csv"));
    assertThat(spikes.get(0)).isEqualTo("time_s,neuron");
    assertThat(spikes.size()).isGreaterThan(50);
    assertThat(dir.resolve("o").resolve("small.raster.png")).exists();
    assertThat(Files.readAllLines(dir.resolve("o").resolve("small.n.v.csv")).get(0)).isEqualTo("time_s,v[0],v[1]");
    assertThat(CliHarness.run("network", "run", f.toString(), "--out", "/proc/x").code()).isEqualTo(2);
    for (String t : new String[] {"-1", "100000"}) {
      CliHarness.Result r = CliHarness.run("network", "run", f.toString(), "--threads", t, "--out", dir.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("--threads must be between 0");
    }
  }

  @Test
  void digitsRefusesBadNonIdealitiesAndABadOutBeforeTraining() {
    for (String[] bad : new String[][] {{"--read-noise", "-0.1"}, {"--stuck", "-0.1"}, {"--d2d", "-1"},
        {"--c2c", "-0.5"}, {"--levels", "1"}, {"--levels", "-3"}}) {
      CliHarness.Result r = CliHarness.run("network", "digits", "--data", "/nonexistent", bad[0], bad[1]);
      assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", bad)).contains(bad[0]);
    }
    // the output directory is checked before the data are even read (so before training)
    CliHarness.Result r = CliHarness.run("network", "digits", "--data", "/nonexistent", "--out", "/proc/x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("/proc/x");
  }

  @Test
  void ivAndPulseCsvColumnsComeInAFixedOrder() throws Exception {
    json(run("iv", "nbox", "--json"));
    assertThat(Files.readAllLines(dir.resolve("iv-nbox.csv")).get(0)).isEqualTo("time,v,i,vs");
    json(run("pulse", "nbox", "--amp", "2", "--width", "200n", "--json"));
    assertThat(Files.readAllLines(dir.resolve("pulse-nbox.csv")).get(0)).isEqualTo("time,v,i,s");
  }

  @Test
  void pcmWorksInIvAndPulse() throws Exception {
    // before: "singular matrix at dut.p" (the cell's state has no DC equation; the sweeps now start from it)
    json(run("pulse", "pcm", "--amp", "1.5", "--width", "1u", "--json"));
    json(run("iv", "pcm", "--sweep", "triangle:amp=1.5,rate=1meg", "--json"));
  }

  @Test
  void aLongRunSaysWhatLimitItHit() {
    // before: exit 3, "did not converge"; the lif circuit needs ~380 steps per 7 us spike, 5e7 steps for 1 s
    CliHarness.Result r = run("neuron", "run", "lif", "--param", "tstop=1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("more time steps than one run may take").doesNotContain("did not converge");
  }

  @Test
  void parameterErrorsNameTheCircuitNotItsLibraryFile() {
    CliHarness.Result r = run("neuron", "run", "lif", "--param", "vth=0.5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("circuit lif with vth=").contains("vhold").doesNotContain("lif.cir");
    r = run("neuron", "run", "lif", "--param", "cm=1F");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("femto");
    // lead's finding: a unit of another quantity was read as its number (rin=20kV ran with 20 kOhm)
    r = run("neuron", "run", "lif", "--param", "rin=20kV");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("circuit lif with rin=20kV").contains("V is not a unit of resistance")
        .doesNotContain("lif.cir");
  }

  @Test
  void aFailedTranLeavesNoOpCsvBehind() throws Exception {
    Path net = dir.resolve("relay.cir");
    Files.writeString(net, "relay\nc1 a 0 1n\nr1 a 0 1k\nb1 a 0 I=V(a) > 0 ? 1m : -1m\n.ic v(a)=1\n.op\n"
        + ".tran 1u 1m uic\n.end\n");
    Path out = dir.resolve("o2");
    CliHarness.Result r = CliHarness.run("run", net.toString(), "--out", out.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(out.resolve("relay.op.csv")).doesNotExist();
  }

  @Test
  void runRefusesAnEveryBelowOne() throws Exception {
    Path net = dir.resolve("rc.cir");
    Files.writeString(net, "rc\nv1 in 0 1\nr1 in out 1k\nc1 out 0 1u\n.tran 10u 1m\n.end\n");
    CliHarness.Result r = run("run", net.toString(), "--every", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--every must be >= 1");
  }

  @Test
  void neuronShowDoesNotClaimNgspiceRunsIt() {
    String help = CliHarness.run("neuron", "show", "--help").out().replaceAll("\\s+", " ");
    assertThat(help).doesNotContain("runs in ngspice").contains("ngspice does not know");
  }
}
