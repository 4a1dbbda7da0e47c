package org.neuristor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.sweep.LocalEngine;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.ResultsLog;
import org.neuristor.sweep.SweepSpec;

/** The bookkeeping of {@link SweepScaling}'s paired rounds and machine readings (nothing here is timed). */
class SweepScalingTest {

  @Test
  void blocksCoverTheSweepInConsecutiveNearlyEqualParts() {
    assertThat(SweepScaling.blocks(20, 40)).hasDimensions(1, 20);
    assertThat(SweepScaling.blocks(20, 40)[0]).startsWith(0, 1).endsWith(19);
    int[][] b = SweepScaling.blocks(1000, 40);
    assertThat(b).hasNumberOfRows(25);
    int expect = 0;
    for (int[] block : b) {
      assertThat(block).hasSize(40);
      for (int i : block) {
        assertThat(i).isEqualTo(expect++);
      }
    }
    assertThat(expect).isEqualTo(1000);
    assertThat(Arrays.stream(SweepScaling.blocks(10, 4)).mapToInt(x -> x.length).toArray()).containsExactly(3, 3, 4);
    assertThatThrownBy(() -> SweepScaling.blocks(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SweepScaling.blocks(5, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundsAlternateWhichThreadCountGoesFirstAndMakeWholePasses() {
    assertThat(SweepScaling.roundOrder(0)).containsExactly(1, 2);
    assertThat(SweepScaling.roundOrder(1)).containsExactly(2, 1);
    assertThat(SweepScaling.roundOrder(6)).containsExactly(1, 2);
    assertThat(SweepScaling.rounds(20, 1)).isEqualTo(20);
    assertThat(SweepScaling.rounds(20, 25)).isEqualTo(25);
    assertThat(SweepScaling.rounds(20, 3)).isEqualTo(21);
  }

  @Test
  void readsStealAndBusyTicksFromProcStat() {
    long[] a = SweepScaling.parseCpuLine("cpu  3746880 2509 202568 1009266 3425 0 2501 34545 0 0");
    long[] b = SweepScaling.parseCpuLine("cpu  3747080 2509 202618 1009300 3425 0 2511 34555 0 0");
    assertThat(a).hasSize(10);
    double[] d = SweepScaling.machineDelta(a, b);
    // steal 10 ticks; busy = user 200 + system 50 + softirq 10 (idle, iowait and steal are not busy)
    assertThat(d[0]).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(d[1]).isCloseTo(2.60, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(SweepScaling.machineDelta(null, b)[0]).isNaN();
    assertThatThrownBy(() -> SweepScaling.parseCpuLine("cpu0 1 2 3 4 5 6 7 8"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SweepScaling.parseRunQueue("1829958000 4512 77\n")).isEqualTo(4512);
  }

  @Test
  void measureCountsEveryWorkerThreadAndKeepsTheBestRun() throws Exception {
    SweepScaling.Phase p = new SweepScaling.Phase("test");
    long[] sink = new long[1];
    for (int rep = 0; rep < 2; rep++) {
      p.measure(perThread -> {
        List<Thread> ts = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          Thread t = new Thread(() -> {
            // 2 x 4 MB on each of two new threads, read by each thread itself after each "point"
            for (int k = 0; k < 2; k++) {
              byte[] b = new byte[4_000_000];
              sink[0] += b.length;
              perThread.accept(null);
            }
          });
          ts.add(t);
          t.start();
        }
        for (Thread t : ts) {
          t.join();
        }
      });
    }
    assertThat(p.runs).hasSize(2);
    assertThat(p.best.wall()).isEqualTo(Math.min(p.runs.get(0).wall(), p.runs.get(1).wall()));
    for (SweepScaling.Run r : p.runs) {
      assertThat(r.allocated()).isGreaterThanOrEqualTo(16e6);
      assertThat(r.workers()).isGreaterThanOrEqualTo(0);
      assertThat(r.runQueue()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void theHostProbeDoesTheSameWorkOnEachThread() throws Exception {
    double[] a = new double[HostProbe.N * HostProbe.N];
    double once = HostProbe.work(1, a, HostProbe.matrix());
    assertThat(once).isGreaterThan(0);
    assertThat(HostProbe.work(3, a, HostProbe.matrix())).isEqualTo(3 * once);
    HostProbe.Result r = HostProbe.measure(50);
    assertThat(r.wall1()).isGreaterThan(0);
    assertThat(r.wall2()).isGreaterThan(0);
    assertThat(r.speedUp()).isEqualTo(2 * r.wall1() / r.wall2());
  }

  @Test
  void aBlockIsASweepResumedWithTheOtherRowsAlreadyRecorded(@TempDir Path tmp) {
    SweepSpec spec = SweepSpec.parse("s.yaml", "name: b\njob: {type: neuron, circuit: lif, params: {tstop: 20u}}\n"
        + "parameters:\n  rin: {grid: [10k, 30k, 6]}\nresults: [spikes]\n", Path.of("."));
    List<PointResult> rows = new ArrayList<>();
    try (ResultsLog all = ResultsLog.open(tmp.resolve("all"), spec)) {
      LocalEngine.run(spec, all, 1, rows::add);
    }
    try (ResultsLog log = SweepScaling.openBlock(tmp.resolve("block"), spec, rows, new int[] {2, 3})) {
      assertThat(log.pending()).containsExactly(2, 3);
      List<Integer> ran = new ArrayList<>();
      LocalEngine.run(spec, log, 2, r -> ran.add(r.index()));
      assertThat(ran).containsExactlyInAnyOrder(2, 3);
      assertThat(log.pending()).isEmpty();
    }
  }

  @Test
  void printsTheMedianPerRoundSpeedUpWithItsQuartilesAndTheSummedWalls() {
    List<SweepScaling.Run> one = new ArrayList<>();
    List<SweepScaling.Run> two = new ArrayList<>();
    double[] w2 = {1, 1.25, 0.8};
    List<HostProbe.Result> probes = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      // other processes: 0.5 + 0.2 s in the first round's 3 s (23% of a core), then 0.05 + 0.05 s (under 5%)
      one.add(new SweepScaling.Run(2, 1.0, 0.9, 0.05, 0, 0, 0, 0.01, 0, r == 0 ? 0.5 : 0.05));
      two.add(new SweepScaling.Run(w2[r], 1.0, 0.95, 0.05, 0, 0, 0, 0.2, 0.01, r == 0 ? 0.2 : 0.05));
      probes.add(new HostProbe.Result(0.03, 0.03 * 2 / (2.0 - r * 0.1), 0.03, 0.03 * (1 + r * 0.1)));
    }
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      SweepScaling.printRounds(one, two, probes, SweepScaling.blocks(20, 40), 3);
    } finally {
      System.setOut(out);
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    // per-round speed-ups 2, 1.6, 2.5: the median is not the summed walls' ratio (6 / 3.05)
    assertThat(text).contains("speed-up per round (1-thread wall / 2-thread wall): median 2.00x (quartiles 1.80x to "
        + "2.25x, range 1.60x to 2.50x); all rounds summed 6.00 s / 3.05 s = 1.97x");
    assertThat(text).contains("2 threads against 1 in the same round: median +5.6%");
    assertThat(text).contains("at most (2 x one thread's worker CPU / two threads' process CPU): median 1.80x");
    assertThat(text).contains("steal 0.00 s during the 1-thread runs and 0.03 s during the 2-thread runs");
    // probes 2.0x, 1.9x, 1.8x; the engine's over the probe's: 1.0, 0.84, 1.39
    assertThat(text).contains("speed-up median 1.90x (quartiles 1.85x to 1.95x, range 1.80x to 2.00x); a loop's CPU on "
        + "2 threads against 1: median +10.0%");
    assertThat(text).contains("the engine's speed-up over the probe's in the same round: median 1.00 (");
    assertThat(text).contains("(the same work every round, so this is the host's speed): median 30.0 (quartiles 30.0 to "
        + "30.0, range 30.0 to 30.0)");
    assertThat(text).contains("the 2 rounds in which other processes used under 5% of a core: speed-up median 2.05x");
  }

  @Test
  void aDetailLineGivesPerPointFigures() {
    SweepScaling.Run r = new SweepScaling.Run(0.8, 0.84, 0.8, 0.04, 0, 0, 0, 0.02, 0.01, 0.5);
    assertThat(SweepScaling.detailLine("round 3, points 0-19, 1 thread", r, 20)).isEqualTo("    round 3, points 0-19, 1 "
        + "thread: 0.800 s, workers 40.0 ms/point, JIT 2.0, process 42.0, run queue 1.0, steal 0.01 s, others 0.50 s");
  }
}
