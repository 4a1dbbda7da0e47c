package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.LocatedTree;

/** The JIT warm-up of network run: a miniature of the file beside the real run, which it must not change. */
class WarmUpTest {
  /** COBA at a tenth of its size (400 neurons), 0.2 s, with a state monitor. */
  static final String COBA = String.join("\n",
      "name: coba",
      "seed: 3",
      "dt: 0.1ms",
      "duration: 0.2s",
      "populations:",
      "  exc: {model: lif, size: 3200, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV, t_ref: 5ms,",
      "        I_bias: 200pA, integrator: euler, v_init: {normal: [-55mV, 5mV]},",
      "        channels: {exc: {kernel: conductance, tau: 5ms, E: 0mV}, inh: {kernel: conductance, tau: 10ms, E: -80mV}}}",
      "  inh: {model: lif, size: 800, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV, t_ref: 5ms,",
      "        I_bias: 200pA, integrator: euler, v_init: {normal: [-55mV, 5mV]},",
      "        channels: {exc: {kernel: conductance, tau: 5ms, E: 0mV}, inh: {kernel: conductance, tau: 10ms, E: -80mV}}}",
      "projections:",
      "  - {name: ee, from: exc, to: exc, channel: exc, connect: {fixed_probability: 0.002}, weight: 60nS}",
      "  - {name: ei, from: exc, to: inh, channel: exc, connect: {fixed_probability: 0.002}, weight: 60nS}",
      "  - {name: ie, from: inh, to: exc, channel: inh, connect: {fixed_probability: 0.002}, weight: 670nS}",
      "  - {name: ii, from: inh, to: inh, channel: inh, connect: {fixed_probability: 0.002}, weight: 670nS}",
      "monitors:",
      "  - {spikes: exc}",
      "  - {spikes: inh}",
      "  - {state: exc, variable: v, neurons: [0, 3000]}",
      "");

  @Test
  void miniatureCutsEveryPopulationAndDropsStateMonitors() {
    Network mini = NetworkFile.miniature("f.yaml", NetworkFile.miniatureTree("f.yaml", COBA, false)).network();
    assertThat(mini.populations()).extracting(Population::size).containsExactly(64, 16);
    assertThat(mini.projections()).hasSize(4);
    assertThat(mini.spikeMonitors()).hasSize(2);
    assertThat(mini.stateMonitors()).isEmpty();
    assertThat(mini.threads()).isEqualTo(1);
    assertThat(NetworkFile.miniatureSize(10)).isEqualTo(10);
    assertThat(NetworkFile.miniatureSize(100)).isEqualTo(16);
    assertThat(NetworkFile.miniatureSize(3200)).isEqualTo(64);
    assertThat(NetworkFile.miniatureSize(1_000_000)).isEqualTo(256);
  }

  @Test
  void aRunIsBitIdenticalWithAWarmUpBesideIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("coba.yaml");
    Files.writeString(file, COBA);
    List<long[]> alone = run(file, null);
    WarmUp w = WarmUp.start(file);
    // the real run starts once the miniature steps (under load the warm-up thread may not have run a step by
    // the halfway stop: then nothing would have run beside the real run)
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (w.steps() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    List<long[]> beside = run(file, w);
    w.join();
    assertThat(w.steps()).as("the miniature ran").isPositive();
    assertThat(alone.get(0).length).as("exc spikes").isGreaterThan(1000);
    for (int m = 0; m < alone.size(); m++) {
      assertThat(beside.get(m)).isEqualTo(alone.get(m));
    }
  }

  /** Runs the file, stopping the warm-up (if any) halfway: the miniature works during the first half. */
  private static List<long[]> run(Path file, WarmUp w) {
    NetworkFile.Loaded l = NetworkFile.load(file, 0);
    Network net = l.network();
    long steps = Math.round(l.durationSeconds() / net.dt());
    net.runSteps(steps / 2, null);
    if (w != null) {
      w.close();
    }
    net.runSteps(steps - steps / 2, null);
    return DeterminismTest.spikes(net);
  }

  @Test
  void theLifKernelsAreProfiledOverTheRealNetworksBlocks(@TempDir Path dir) throws Exception {
    Path coba = dir.resolve("coba.yaml");
    Files.writeString(coba, COBA);
    Path small = dir.resolve("small.yaml");
    Files.writeString(small, COBA.replace("size: 3200", "size: 100").replace("size: 800", "size: 30"));
    Path adex = dir.resolve("adex.yaml");
    Files.writeString(adex, String.join("\n",
        "dt: 0.1ms",
        "duration: 0.2s",
        "populations:",
        "  a: {model: adex, size: 3200, bias: 650pA, channels: {exc: {kernel: conductance, tau: 5ms, E: 0mV}}}",
        "projections:",
        "  - {from: a, to: a, channel: exc, connect: {fixed_probability: 0.02}, weight: 6nS}",
        ""));
    int[] expected = {LifPopulation.BLOCK, 100, 0};
    Path[] files = {coba, small, adex};
    for (int f = 0; f < files.length; f++) {
      WarmUp w = WarmUp.start(files[f]);
      w.join();
      assertThat(w.steps()).as(files[f].toString()).isGreaterThan(WarmUp.KERNEL_AFTER);
      assertThat(w.kernelNeurons()).as(files[f].toString()).isEqualTo(expected[f]);
    }
    assertThat(NetworkFile.largestPopulation(LocatedTree.parse("f.yaml", COBA, false))).isEqualTo(3200);
  }

  @Test
  void aFileThatDoesNotLoadEndsTheWarmUpQuietly(@TempDir Path dir) throws IOException, InterruptedException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "dt: 0.1ms\npopulations: {a: {model: nothing, size: 10}}\n");
    for (Path p : new Path[] {bad, dir.resolve("missing.yaml")}) {
      WarmUp w = WarmUp.start(p);
      w.join();
      assertThat(w.steps()).isZero();
    }
  }

  @Test
  void theNetworkLoadedAheadIsTheOneTheCommandWouldLoad(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("coba.yaml");
    Files.writeString(file, COBA);
    WarmUp w = WarmUp.start(file, true);
    w.join(); // steps, CSV rounds, then the load-ahead
    assertThat(w.loaded(dir.resolve("other.yaml"), 0)).as("another file").isNull();
    assertThat(w.loaded(file, 2)).as("a thread override").isNull();
    NetworkFile.Loaded ahead = w.loaded(file, 0);
    assertThat(ahead).isNotNull();
    assertThat(w.loaded(file, 0)).as("handed over once").isNull();
    NetworkFile.Loaded own = NetworkFile.load(file, 0);
    assertThat(ahead.network().threads()).isEqualTo(own.network().threads());
    assertThat(ahead.network().synapses()).isEqualTo(own.network().synapses());
    List<long[]> a = runAll(ahead);
    List<long[]> b = runAll(own);
    assertThat(a.get(0).length).as("exc spikes").isGreaterThan(1000);
    for (int m = 0; m < a.size(); m++) {
      assertThat(a.get(m)).isEqualTo(b.get(m));
    }
  }

  @Test
  void withoutLoadAheadTheWarmUpNeverLoadsTheNetwork(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("coba.yaml");
    Files.writeString(file, COBA);
    WarmUp plain = WarmUp.start(file);
    plain.join();
    assertThat(plain.steps()).isPositive();
    assertThat(plain.loaded(file, 0)).isNull();
  }

  @Test
  void aFileThatDoesNotLoadIsNotLoadedAhead(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "dt: 0.1ms\npopulations: {a: {model: nothing, size: 10}}\n");
    WarmUp w = WarmUp.start(bad, true);
    w.join();
    assertThat(w.loaded(bad, 0)).isNull();
  }

  /** Runs a loaded network for its duration; its spikes. */
  private static List<long[]> runAll(NetworkFile.Loaded l) {
    Network net = l.network();
    net.runSteps(Math.round(l.durationSeconds() / net.dt()), null);
    return DeterminismTest.spikes(net);
  }

  @Test
  void beforeALargerRunTheMiniatureEndsItsStepsAndBeforeASmallerOneItStops(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("coba.yaml");
    Files.writeString(file, COBA);
    Network real = NetworkFile.load(file, 0).network();
    // the real run is more work than the whole miniature (4,000 neurons x 2,000 steps > 80 x 20,000): it waits
    WarmUp w = WarmUp.start(file);
    w.beforeRun(real, 2_000);
    assertThat(w.steps()).isEqualTo(WarmUp.MAX_STEPS);
    w.join();
    // one step of the real network is less than the miniature has left: it stops at once (within a chunk)
    WarmUp s = WarmUp.start(file);
    s.beforeRun(real, 1);
    s.join();
    assertThat(s.steps()).isLessThan(WarmUp.MAX_STEPS);
  }

  @Test
  void theWaitForAnIdleJitFindsTheCompilerThreadsAndEndsWithinItsBound() throws Exception {
    String vm = System.getProperty("java.vm.name");
    if (Files.isDirectory(Path.of("/proc/self/task")) && (vm.contains("HotSpot") || vm.contains("Server VM"))) {
      List<Path> compilers = WarmUp.compilerThreads();
      assertThat(compilers).as("C1 and C2 compiler threads").isNotEmpty();
      assertThat(Files.readString(compilers.get(0)).split(" ")[0]).as("CPU nanoseconds").containsOnlyDigits();
    }
    long t0 = System.nanoTime();
    WarmUp.awaitJitIdle();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(WarmUp.JIT_WAIT_MILLIS + 2_000);
  }
}
