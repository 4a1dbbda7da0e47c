package org.neuristor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Times the peer simulator ngspice on the benchmark netlists shipped in {@code bench/src/main/resources/bench/}
 * (or on netlist files given as arguments): each netlist is run {@code --repeat} times (default 3) in batch mode
 * with the tolerances written in the netlist, results kept in memory (not written), and the median wall time of the ngspice process and the median of
 * ngspice's own "Total analysis time" are printed, with the number of accepted time points.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.NgspicePeerTimes [--repeat N]
 * [netlist.cir ...]}. Exit status 0 also when ngspice is missing (it prints why), so that benchmark scripts can
 * run on machines without the peer.
 */
public final class NgspicePeerTimes {
  /** Benchmark netlists bundled as class-path resources. */
  public static final List<String> BUNDLED = List.of("bench/sw_relaxation_10k.cir", "bench/rc_ladder1000.cir");

  private NgspicePeerTimes() {}

  public static void main(String[] args) throws IOException {
    int repeat = 3;
    List<Path> files = new ArrayList<>();
    Path tmp = null;
    for (int k = 0; k < args.length; k++) {
      if (args[k].equals("--repeat") && k + 1 < args.length) {
        repeat = Integer.parseInt(args[++k]);
      } else {
        files.add(Path.of(args[k]));
      }
    }
    NgspiceRunner runner = NgspiceRunner.defaults();
    Optional<String> version = runner.version();
    if (version.isEmpty()) {
      System.out.println("ngspice peer skipped: " + runner.unavailableReason().orElse("unknown reason"));
      return;
    }
    if (files.isEmpty()) {
      tmp = Files.createTempDirectory("neuristor-bench");
      for (String res : BUNDLED) {
        Path f = tmp.resolve(res.substring(res.lastIndexOf('/') + 1));
        try (InputStream in = NgspicePeerTimes.class.getClassLoader().getResourceAsStream(res)) {
          if (in == null) {
            throw new IOException("missing class-path resource " + res);
          }
          Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
        }
        files.add(f);
      }
    }
    System.out.printf(Locale.ROOT, "# %s, %d runs each, medians%n", version.get(), repeat);
    System.out.println("netlist,wall_s,analysis_s,time_points,iterations,status");
    try {
      for (Path f : files) {
        double[] wall = new double[repeat];
        double[] analysis = new double[repeat];
        NgspiceRunner.Result last = null;
        for (int r = 0; r < repeat; r++) {
          last = runner.timeOnly(f);
          wall[r] = last.wallSeconds();
          analysis[r] = last.analysisSeconds();
        }
        System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%d,%d,%s%n", f.getFileName(), median(wall), median(analysis),
            last.timePoints(), last.iterations(), last.ok() ? "ok" : last.failure().replace(',', ';'));
      }
    } finally {
      if (tmp != null) {
        try (var s = Files.walk(tmp)) {
          for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
