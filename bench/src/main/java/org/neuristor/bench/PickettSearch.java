package org.neuristor.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.measure.Trace;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;

/**
 * The search that produced the {@code pickett2013} neuristor preset: seeded random sampling of
 * rin, rc, rout, c1, c2, pulse width, vdc1 and vdc2 around the physics.md defaults (log-uniform over a
 * decade either side), then six rounds of local perturbation around the best, minimizing
 * |AP(0.3 V) - 0.33|/0.33 + |out(0.2 V) - 0.028|/0.028 on the output v(n2) over 1 us. Candidates run in
 * parallel. Run: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.PickettSearch [n]}
 * (seed 3, n = 2500 reproduces the shipped preset).
 */
public final class PickettSearch {
  private PickettSearch() {}

  static final String[] KEYS = {"rin", "rc", "rout", "c1", "c2", "width", "vdc1", "vdc2"};

  static double peak(NeuronCircuit c, double[] p, double vin) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int j = 0; j < KEYS.length; j++) {
      m.put(KEYS[j], String.format(Locale.ROOT, "%.4g", p[j]));
    }
    m.put("vin", String.valueOf(vin));
    m.put("tstop", "1u");
    try {
      Trace t = Protocols.run(c, m, null);
      double[] y = t.get("v(n2)");
      double best = 0;
      for (double v : y) {
        best = Math.max(best, v - y[0]);
      }
      return best;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  static double error(NeuronCircuit c, double[] p) {
    double up = peak(c, p, 0.3);
    double sub = peak(c, p, 0.2);
    double e = Math.abs(up - 0.33) / 0.33 + Math.abs(sub - 0.028) / 0.028;
    return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
    NeuronCircuit c = NeuronLibrary.get("pickett");
    SplittableRandom rng = new SplittableRandom(3);
    List<double[]> cands = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      cands.add(new double[] {10e3 * Math.pow(10, rng.nextDouble() * 2 - 1), 30e3 * Math.pow(10, rng.nextDouble() * 2 - 1),
          300e3 * Math.pow(10, rng.nextDouble() * 2 - 1), 0.1e-12 * Math.pow(10, rng.nextDouble() * 2 - 1),
          0.5e-12 * Math.pow(10, rng.nextDouble() * 2 - 0.5), 100e-9 * Math.pow(10, rng.nextDouble() * 1.5 - 1),
          0.7 + 0.4 * rng.nextDouble(), 0.4 + 0.7 * rng.nextDouble()});
    }
    double[] best = cands.parallelStream().min((x, y) -> Double.compare(error(c, x), error(c, y))).orElseThrow();
    for (int j = 0; j < best.length; j++) {
      best[j] = Double.parseDouble(String.format(Locale.ROOT, "%.4g", best[j])); // as printed, then refined
    }
    SplittableRandom local = new SplittableRandom(5);
    for (int round = 0; round < 6; round++) {
      double scale = round < 3 ? 0.3 : 0.1;
      List<double[]> near = new ArrayList<>();
      near.add(best);
      for (int k = 0; k < 400; k++) {
        double[] p = best.clone();
        for (int j = 0; j < p.length; j++) {
          p[j] *= Math.exp(scale * (2 * local.nextDouble() - 1));
        }
        near.add(p);
      }
      best = near.parallelStream().min((x, y) -> Double.compare(error(c, x), error(c, y))).orElseThrow();
      System.err.printf(Locale.ROOT, "round %d: error %.4f%n", round, error(c, best));
    }
    System.out.println("best " + Arrays.toString(best) + " -> AP(0.3 V) " + peak(c, best, 0.3) + " V, out(0.2 V) "
        + peak(c, best, 0.2) + " V");
  }
}
