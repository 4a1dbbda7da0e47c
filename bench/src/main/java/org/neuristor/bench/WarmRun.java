package org.neuristor.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * The warm in-process figure of one netlist: {@code java -jar bench/target/benchmarks.jar warm [CASE]
 * [--warmup N] [--runs M]}. Each run compiles the netlist and runs every analysis in this JVM (no output
 * written), as a program embedding the simulator would; the figure is the thread CPU time of a run, best
 * and median of M runs after N warm-up runs (the JIT has compiled the loop by then). Thread CPU, not wall
 * time, so that other processes on the machine change it little; it is not a whole-process time (see
 * {@code single} for that).
 *
 * <p>CASE: {@code reference} (default: {@code examples/1ts1c-bsource.cir}, the 1 ms B-source 1TS-1C
 * netlist, or the bench's copy of it when run elsewhere), {@code oscillator} (the relaxation oscillator,
 * 1,000 periods), {@code ladder} (RC ladder, 1,000 sections) or a netlist file.
 */
final class WarmRun {
  private WarmRun() {}

  /** The outcome of the measurement: thread CPU seconds per run and the counts of the last run. */
  record Result(double best, double median, long accepted, long rejected, long iterations) {}

  public static void main(String[] args) throws Exception {
    String which = "reference";
    int warmup = 40;
    int runs = 60;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> which = args[i];
      }
    }
    String netlist = switch (which) {
      case "reference" -> {
        Path example = Path.of("examples", "1ts1c-bsource.cir");
        yield Files.exists(example) ? Files.readString(example) : WholeProcess.referenceNetlist(2.0);
      }
      case "oscillator" -> BenchMain.oscillator(1000);
      case "ladder" -> BenchMain.ladder(1000);
      default -> Files.readString(Path.of(which));
    };
    Result r = measure(netlist, warmup, runs);
    System.out.printf(Locale.ROOT, "warm in-process, %s: thread CPU per run (compile + simulate, no output) best %.2f ms,"
        + " median %.2f ms of %d runs after %d warm-ups; %d accepted, %d rejected steps, %d Newton iterations"
        + " (load average %s; %s)%n", which, r.best() * 1e3, r.median() * 1e3, runs, warmup, r.accepted(), r.rejected(),
        r.iterations(), SweepScaling.loadAverage(), jvm());
  }

  /**
   * The garbage collector in use and the JVM options given on the command line ("default JVM options" when none):
   * the collector changes the figure (G1's write barriers, and the fresh pages a run's allocation touches).
   */
  static String jvm() {
    StringBuilder gc = new StringBuilder();
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc.append(gc.length() == 0 ? "" : ", ").append(b.getName());
    }
    List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return "collector " + gc + "; " + (options.isEmpty() ? "default JVM options" : "JVM options " + String.join(" ", options));
  }

  /** Thread CPU of compiling and running every analysis of {@code netlist}, best and median of runs after warm-ups. */
  static Result measure(String netlist, int warmup, int runs) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] counts = new long[3];
    for (int i = 0; i < warmup; i++) {
      run(netlist, counts);
    }
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      run(netlist, counts);
      cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    }
    Arrays.sort(cpu);
    return new Result(cpu[0], cpu[runs / 2], counts[0], counts[1], counts[2]);
  }

  private static void run(String netlist, long[] counts) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(netlist, "warm.cir");
    Arrays.fill(counts, 0);
    for (Analysis a : c.analyses()) {
      Analysis.Outcome o = Simulation.run(c.circuit(), a, c.saves(), null);
      counts[0] += o.accepted();
      counts[1] += o.rejected();
      counts[2] += o.iterations();
    }
  }
}
