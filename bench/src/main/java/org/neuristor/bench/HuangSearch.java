package org.neuristor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.SpikeShape;
import org.neuristor.measure.Trace;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Stimulus;

/**
 * The search that produced the values of M2 and R3 in the {@code huang} circuit (the spiking M2 of
 * docs/neuron-library.md): seeded random sampling, log-uniform over the ranges in {@link #RANGES},
 * then local perturbation around the best. For each candidate, under the circuit's own train (1 ms
 * pulses every 10 ms, 100 ms): the threshold amplitude by bisection, the ratio of the output peaks
 * at 1.03 and 0.97 times it (all-or-nothing: the issue asks for >= 5), and the correlation of the
 * first spike at 1.1 times it with the Hodgkin-Huxley action potential ({@link SpikeShape}, >= 0.9).
 * Score: the ratio (capped at 20) when the correlation is at least 0.92 and the threshold between
 * 0.5 and 2 V, else a tenth of it. A candidate must also simulate a 5x threshold kick from a 0.8x
 * bias and a -5x threshold pulse (abrupt inputs as the behaviour protocols apply). Candidates run in parallel.
 * Run: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.HuangSearch [n] [seed]}
 * (n = 60, seed 7 and six local rounds gave the shipped values).
 */
public final class HuangSearch {
  private HuangSearch() {}

  /** Parameter, lower and upper bound. */
  static final Object[][] RANGES = {{"kc2", 20.0, 300.0}, {"kw2", 2.0, 50.0}, {"kfb2", 6.0, 20.0},
      {"kcons2", 0.3, 3.0}, {"tauc2", 0.3e-3, 3e-3}, {"tauw2", 30e-6, 300e-6}, {"v02", 0.05, 0.2},
      {"r3", 5e3, 50e3}, {"gmax2", 10e-6, 50e-6}};

  record Score(double[] x, double score, double threshold, double ratio, double corr) {}

  static Map<String, String> params(double[] x) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int j = 0; j < x.length; j++) {
      m.put((String) RANGES[j][0], String.format(Locale.ROOT, "%.4g", x[j]));
    }
    return m;
  }

  static Trace run(NeuronCircuit c, Map<String, String> p, double vin) {
    Map<String, String> q = new LinkedHashMap<>(p);
    q.put("vin", String.format(Locale.ROOT, "%.6g", vin));
    return Protocols.run(c, q, null);
  }

  static double peak(Trace t) {
    double m = 0;
    for (double v : t.get("v(b)")) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** The Hodgkin-Huxley action potential of the project's model (a 0.5 ms, 20 uA/cm^2 pulse). */
  static SpikeShape hh() {
    NeuronSimulation.Result r = NeuronSimulation.run(NeuronModel.of(ModelKind.HH), Stimulus.pulses(20, 2, 0.5, 0, 1),
        20, 0.005);
    return SpikeShape.of(r.trace().axis(), r.trace().get("v"));
  }

  /** The first spike of a run: the output from the start of its pulse to 1 ms after that pulse. */
  static SpikeShape firstSpike(Trace t, double period, double width) {
    double[] sp = SpikeFeatures.crossings(t, "nm2.w");
    double t0 = 5e-3 + Math.floor((sp[0] - 5e-3) / period) * period;
    double[] a = t.axis();
    double[] y = t.get("v(b)");
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= t0 && a[i] <= t0 + width + 1e-3) {
        xs.add(a[i]);
        ys.add(y[i]);
      }
    }
    return SpikeShape.of(xs.stream().mapToDouble(Double::doubleValue).toArray(),
        ys.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static Score score(NeuronCircuit c, double[] x, SpikeShape hh) {
    Map<String, String> p = params(x);
    try {
      double lo = 0.2;
      double hi = 4;
      if (SpikeFeatures.crossings(run(c, p, hi), "nm2.w").length == 0) {
        return new Score(x, 0, Double.NaN, 0, 0);
      }
      while (hi - lo > 0.005 * hi) {
        double mid = 0.5 * (lo + hi);
        if (SpikeFeatures.crossings(run(c, p, mid), "nm2.w").length > 0) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      double ratio = peak(run(c, p, 1.03 * hi)) / peak(run(c, p, 0.97 * hi));
      // robustness: strong and abrupt inputs (as the behaviour protocols apply) must simulate
      Map<String, String> q = new LinkedHashMap<>(p);
      q.put("tstop", "20m");
      Protocols.run(c, q, String.format(Locale.ROOT, "pwl(0 %g 5m %g 5.0001m %g 6m %g 6.0001m %g)", 0.8 * hi,
          0.8 * hi, 5 * hi, 5 * hi, 0.8 * hi));
      Protocols.run(c, q, String.format(Locale.ROOT, "pwl(0 0 5m 0 5.0001m %g 6m %g 6.0001m 0)", -5 * hi, -5 * hi));
      double corr = firstSpike(run(c, p, 1.1 * hi), 10e-3, 1e-3).correlation(hh);
      double s = Math.min(ratio, 20);
      boolean ok = corr >= 0.92 && hi >= 0.5 && hi <= 2;
      return new Score(x, ok ? s : 0.1 * s, hi, ratio, corr);
    } catch (RuntimeException e) {
      return new Score(x, 0, Double.NaN, 0, 0);
    }
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
    NeuronCircuit c = NeuronLibrary.get("huang");
    SpikeShape hh = hh();
    SplittableRandom rng = new SplittableRandom(seed);
    List<double[]> cands = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double[] x = new double[RANGES.length];
      for (int j = 0; j < x.length; j++) {
        double lo = (Double) RANGES[j][1];
        double hi = (Double) RANGES[j][2];
        x[j] = lo * Math.pow(hi / lo, rng.nextDouble());
      }
      cands.add(x);
    }
    Score best = cands.parallelStream().map(x -> score(c, x, hh)).peek(HuangSearch::print)
        .max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow();
    System.out.println("random best: " + describe(best));
    for (int round = 0; round < 6; round++) {
      double scale = round < 3 ? 0.3 : 0.1;
      List<double[]> near = new ArrayList<>();
      for (int k = 0; k < 16; k++) {
        double[] x = best.x().clone();
        for (int j = 0; j < x.length; j++) {
          double lo = (Double) RANGES[j][1];
          double hi = (Double) RANGES[j][2];
          x[j] = Math.max(lo, Math.min(hi, x[j] * Math.exp(scale * (2 * rng.nextDouble() - 1))));
        }
        near.add(x);
      }
      for (Score s : near.parallelStream().map(x -> score(c, x, hh)).peek(HuangSearch::print).toList()) {
        if (s.score() > best.score()) {
          best = s;
        }
      }
      System.out.println("round " + round + " best: " + describe(best));
    }
  }

  static String describe(Score s) {
    return String.format(Locale.ROOT, "score %.2f threshold %.4g V ratio %.2f corr %.3f %s", s.score(), s.threshold(),
        s.ratio(), s.corr(), params(s.x()));
  }

  static void print(Score s) {
    System.err.println("  " + describe(s));
  }
}
