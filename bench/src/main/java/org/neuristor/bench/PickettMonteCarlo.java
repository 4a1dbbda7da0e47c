package org.neuristor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * A Monte Carlo of Pickett's neuristor (physics.md 4.2 default, tonic firing under a 0.35 V step) over
 * N devices: each of the two Mott channels (TS-A written as B sources, as in the f-V bench) draws its
 * V_th, V_hold, R_on, R_off, tau_on and tau_off from N(nominal, (5% nominal)^2) with a seed, so each
 * device is its own netlist. The same N netlists are run by Neuristor (compile + transient, in
 * process; all cores and one core) and by ngspice in batch mode, one process per netlist, as many
 * processes at a time as there are cores (the fair parallel use of a single-threaded simulator;
 * ngspice's own "Total analysis time", which excludes its start-up, is reported too). A few devices
 * are also compared point for point: first-spike time and firing rate.
 *
 * <p>Usage: {@code java -jar bench/target/benchmarks.jar mc [--n 1000] [--seed 1] [--check 5]}.
 */
public final class PickettMonteCarlo {
  private PickettMonteCarlo() {}

  static final String TS = "(%s + V(%s)*(%s-%s)) * V(%s,%s)";

  /** The netlist of device k: nominal values scaled by draws of 1 + spread N(0,1). */
  static String netlist(long seed, int k, double spread) {
    SplittableRandom r = new SplittableRandom(seed).split();
    for (int j = 0; j < k; j++) {
      r = r.split();
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "Pickett neuristor Monte Carlo device %d (seed %d, %.3g spread), TS-A channels as B sources%n", k, seed,
        spread));
    sb.append("vin in 0 pulse(0 0.35 10n 1n 1n 1 2)\nrl1 in n1 10k\nc1 n1 0 0.1p\nvdc1 b1 0 -0.9\n")
        .append("rl2 n1 n2 30k\nc2 n2 0 0.5p\nvdc2 b2 0 0.9\nrout n2 0 300k\n");
    for (int m = 1; m <= 2; m++) {
      double vth = 1.15 * draw(r, spread);
      double vhold = 0.5 * draw(r, spread);
      double gon = 1 / (10e3 * draw(r, spread));
      double goff = 1 / (10e6 * draw(r, spread));
      double ton = 5e-9 * draw(r, spread);
      double toff = 20e-9 * draw(r, spread);
      String n = "n" + m;
      String b = "b" + m;
      String x = "x" + m;
      String v = String.format(Locale.ROOT, "abs(V(%s,%s))", n, b);
      String xinf = String.format(Locale.ROOT, "(1/(1+exp(-(%s-%.9g+%.9g*V(%s))/2m)))", v, vth, vth - vhold, x);
      sb.append(String.format(Locale.ROOT, "bm%d %s %s I = (%.9g + V(%s)*%.9g) * V(%s,%s)%n", m, n, b, goff, x,
          gon - goff, n, b));
      sb.append(String.format(Locale.ROOT, "cx%d %s 0 1%n", m, x));
      sb.append(String.format(Locale.ROOT, "bx%d 0 %s I = (%s - V(%s)) / (%.9g + (%.9g)/(1+exp(-((%s - V(%s))/0.02))))%n",
          m, x, xinf, x, toff, ton - toff, xinf, x));
    }
    sb.append(".ic v(x1)=0 v(x2)=0 v(n1)=0 v(n2)=0\n.tran 1n 1u uic\n.save v(n2) v(x1) v(x2)\n.end\n");
    return sb.toString();
  }

  private static double draw(SplittableRandom r, double spread) {
    double u1 = 1 - r.nextDouble();
    double u2 = r.nextDouble();
    return 1 + spread * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  static Trace runNeuristor(String net) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(net, "mc.cir");
    Analysis a = c.analyses().get(0);
    return Simulation.run(c.circuit(), a, c.saves(), null).trace();
  }

  /** First-spike time and rate (spikes after the first over the time since it) from the x2 crossings. */
  static double[] features(Trace t) {
    double[] s = SpikeFeatures.crossings(t, "v(x2)");
    if (s.length < 2) {
      return new double[] {s.length == 1 ? s[0] : Double.NaN, 0};
    }
    return new double[] {s[0], (s.length - 1) / (s[s.length - 1] - s[0])};
  }

  public static void main(String[] args) throws Exception {
    int n = 1000;
    long seed = 1;
    int check = 5;
    double spread = 0.05;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--n" -> n = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--check" -> check = Integer.parseInt(args[++i]);
        default -> { }
      }
    }
    System.out.println(report(n, seed, spread, check));
  }

  /** Runs the whole comparison and returns the report text. */
  static String report(int n, long seed, double spread, int check) throws Exception {
    List<String> nets = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      nets.add(netlist(seed, k, spread));
    }
    int cores = Runtime.getRuntime().availableProcessors();
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    // warm-up (JIT): 200 runs on all cores, then 50 on one
    for (int w = 0; w < 2; w++) {
      nets.subList(0, Math.min(n, 100)).parallelStream().forEach(PickettMonteCarlo::runNeuristor);
    }
    nets.subList(0, Math.min(n, 50)).forEach(PickettMonteCarlo::runNeuristor);
    NgspiceRunner plain = NgspiceRunner.defaults();
    boolean peer = plain.version().isPresent();
    Path dir = Files.createTempDirectory("neuristor-mc");
    // ngspice's process CPU time (user + system, start-up included) through /usr/bin/time when present:
    // unlike wall time it does not depend on how loaded the machine is
    Path cpuLog = dir.resolve("cpu.log");
    Path wrapper = dir.resolve("ngspice-timed.sh");
    boolean cpuTimed = peer && Files.isExecutable(Path.of("/usr/bin/time"));
    if (cpuTimed) {
      Files.writeString(wrapper, "#!/bin/sh\nexec /usr/bin/time -a -o '" + cpuLog + "' -f 'cpu %U %S' ngspice \"$@\"\n",
          StandardCharsets.UTF_8);
      wrapper.toFile().setExecutable(true);
    }
    NgspiceRunner ng = cpuTimed ? new NgspiceRunner(wrapper.toString(), java.time.Duration.ofMinutes(10),
        NgspiceRunner.RawFormat.BINARY, false) : plain;
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "# Pickett neuristor Monte Carlo: %d devices, seed %d, %.0f%% spread on the"
        + " 6 TS-A parameters of each channel, 0.35 V step, 1 us; %d cores, load average at start %.1f%n", n, seed,
        100 * spread, cores, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    double usAll = 0;
    double usOne = 0;
    double usOneCpu = 0;
    double ngAll = 0;
    double ngAnalysis = 0;
    int failed = 0;
    double[] rates = new double[n];
    List<Path> files = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      for (int k = 0; k < n; k++) {
        Path f = dir.resolve("mc" + k + ".cir");
        Files.writeString(f, nets.get(k), StandardCharsets.UTF_8);
        files.add(f);
      }
      // interleaved chunks, so that a changing machine load hits all three measurements alike
      int chunk = 50;
      for (int from = 0; from < n; from += chunk) {
        int to = Math.min(n, from + chunk);
        List<String> part = nets.subList(from, to);
        long t0 = System.nanoTime();
        double[] r = part.parallelStream().mapToDouble(s -> features(runNeuristor(s))[1]).toArray();
        usAll += (System.nanoTime() - t0) / 1e9;
        System.arraycopy(r, 0, rates, from, r.length);
        t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        for (String s : part) {
          runNeuristor(s);
        }
        usOneCpu += (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        usOne += (System.nanoTime() - t0) / 1e9;
        if (peer) {
          t0 = System.nanoTime();
          List<Future<NgspiceRunner.Result>> fut = new ArrayList<>();
          for (Path f : files.subList(from, to)) {
            fut.add(pool.submit(() -> ng.timeOnly(f)));
          }
          for (Future<NgspiceRunner.Result> f : fut) {
            NgspiceRunner.Result res = f.get();
            if (!res.ok()) {
              failed++;
            } else {
              ngAnalysis += res.analysisSeconds();
            }
          }
          ngAll += (System.nanoTime() - t0) / 1e9;
        }
        System.err.printf(Locale.ROOT, "mc: %d of %d devices%n", to, n);
      }
    } finally {
      pool.shutdown();
    }
    double rMin = Double.POSITIVE_INFINITY;
    double rMax = 0;
    int firing = 0;
    for (double r : rates) {
      if (r > 0) {
        firing++;
        rMin = Math.min(rMin, r);
        rMax = Math.max(rMax, r);
      }
    }
    out.append(String.format(Locale.ROOT, "devices firing tonically: %d of %d, rate %.3f .. %.3f MHz%n", firing, n,
        rMin / 1e6, rMax / 1e6));
    out.append(String.format(Locale.ROOT, "%-50s %10s %12s%n", "", "time (s)", "devices/s"));
    out.append(String.format(Locale.ROOT, "%-50s %10.3f %12.1f%n", "neuristor, all cores (in process), wall", usAll,
        n / usAll));
    out.append(String.format(Locale.ROOT, "%-50s %10.3f %12.1f%n", "neuristor, one core, wall", usOne, n / usOne));
    out.append(String.format(Locale.ROOT, "%-50s %10.3f %12.1f%n", "neuristor, one core, thread CPU time", usOneCpu,
        n / usOneCpu));
    try {
      if (!peer) {
        out.append("ngspice peer skipped: ").append(plain.unavailableReason().orElse("?")).append('\n');
        return out.toString();
      }
      out.append(String.format(Locale.ROOT, "%-50s %10.3f %12.1f%n",
          "ngspice, " + cores + " batch processes at a time, wall", ngAll, n / ngAll));
      out.append(String.format(Locale.ROOT, "%-50s %10.3f %12.1f%n", "ngspice, sum of its own analysis times",
          ngAnalysis, n / ngAnalysis));
      double ngCpu = Double.NaN;
      if (cpuTimed && Files.isRegularFile(cpuLog)) {
        ngCpu = 0;
        for (String line : Files.readAllLines(cpuLog)) {
          String[] f = line.trim().split("\\s+");
          if (f.length == 3 && f[0].equals("cpu")) {
            ngCpu += Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
          }
        }
        out.append(String.format(Locale.ROOT, "%-50s %10.3f %12.1f%n", "ngspice, process CPU time (user+sys)", ngCpu,
            n / ngCpu));
      }
      out.append(String.format(Locale.ROOT, "throughput ratio, all cores (ngspice wall / neuristor wall): %.2fx%n",
          ngAll / usAll));
      out.append(String.format(Locale.ROOT, "throughput ratio, one core (ngspice process CPU / neuristor thread CPU,"
          + " compile included): %.2fx%n", ngCpu / usOneCpu));
      if (failed > 0) {
        out.append("ngspice runs failed: ").append(failed).append('\n');
      }
      out.append("device, first spike neuristor / ngspice (ns), rate neuristor / ngspice (MHz), differences\n");
      int shown = 0;
      for (int k = 0; k < n && shown < check; k++) {
        if (!(rates[k] > 0)) {
          continue; // compare devices that fire tonically
        }
        shown++;
        double[] a = features(runNeuristor(nets.get(k)));
        NgspiceRunner.Result r = ng.run(files.get(k));
        if (r.trace().isEmpty()) {
          out.append(k).append(": ngspice failed: ").append(r.failure()).append('\n');
          continue;
        }
        double[] b = features(r.trace().get());
        out.append(String.format(Locale.ROOT, "%d, %.3f / %.3f, %.4f / %.4f, %+.2f%% / %+.2f%%%n", k, a[0] * 1e9,
            b[0] * 1e9, a[1] / 1e6, b[1] / 1e6, 100 * (a[0] / b[0] - 1), 100 * (a[1] / b[1] - 1)));
      }
    } finally {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return out.toString();
  }
}
