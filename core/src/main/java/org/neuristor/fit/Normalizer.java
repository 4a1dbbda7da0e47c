package org.neuristor.fit;

import java.util.Arrays;
import java.util.Map;
import org.neuristor.NeuristorException;

/**
 * Puts a candidate of the global stage on the measured resistance scale before it is judged: the
 * type's scale parameter ({@link FitPlan#scaleParameter}, e.g. {@code r0} of vo2) is set so that the
 * model's low-bias resistance equals the first file's, and each file's fitted ambient so that the
 * model matches that file's low-bias resistance. Without it almost every random candidate is off by
 * decades in current and the screening compares noise.
 *
 * <p>Low-bias resistance of a file: a DC sweep's {@link IvFeatures#lowBiasResistance} over every row of the file
 * ({@link FileTarget#lowBiasOhm}); a transient's
 * median |v/i| over the rows at its read level (within 5 % of the 5th-percentile |V|). The model's:
 * an operating point at the same bias. Both are matched by bisection on the unbounded coordinate.
 */
final class Normalizer {
  private Normalizer() {}

  /** A low-bias point of a file: bias (V) and resistance (Ohm), or null. */
  record Bias(double volts, double ohms) {}

  static Bias lowBias(Protocol file) {
    Measurement m = file.data();
    double[] v = m.voltage();
    double[] i = m.current();
    if (!m.isTransient()) {
      // read once per file, from every row of it (also of a sweep fitted on one row in k)
      double r = file.target().lowBiasOhm;
      int p = IvFeatures.peak(v);
      return Double.isFinite(r) ? new Bias(0.05 * Math.abs(v[p]), r) : null;
    }
    double[] a = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      a[k] = Math.abs(v[k]);
    }
    double[] s = a.clone();
    Arrays.sort(s);
    double level = s[(int) (0.05 * (s.length - 1))];
    if (!(level > 0)) {
      return null;
    }
    double[] r = new double[v.length];
    int n = 0;
    for (int k = 0; k < v.length; k++) {
      if (Math.abs(a[k] - level) <= 0.05 * level && i[k] != 0) {
        r[n++] = Math.abs(v[k] / i[k]);
      }
    }
    if (n == 0) {
      return null;
    }
    Arrays.sort(r, 0, n);
    return new Bias(level, r[n / 2]);
  }

  /** The candidate u with its scale and ambient coordinates matched to the data (u itself is not changed). */
  static double[] apply(FitProblem prob, String scaleParameter, String ambientParameter, double[] u) {
    double[] x = u.clone();
    int scale = -1;
    for (int j = 0; j < x.length; j++) {
      FreeParameter q = prob.free().get(j);
      if (q.file() < 0 && q.name().equals(scaleParameter)) {
        scale = j;
      }
    }
    if (scale >= 0) {
      for (int f = 0; f < prob.files().size(); f++) {
        if (!ownsFreeDeviceParams(prob, f)) {
          Bias b = lowBias(prob.files().get(f));
          if (b != null) {
            match(prob, x, scale, f, b);
            break;
          }
        }
      }
    }
    if (ambientParameter != null) {
      for (int j = 0; j < x.length; j++) {
        FreeParameter q = prob.free().get(j);
        if (q.file() >= 0 && q.name().equals(ambientParameter)) {
          Bias b = lowBias(prob.files().get(q.file()));
          if (b != null) {
            match(prob, x, j, q.file(), b);
          }
        }
      }
    }
    return x;
  }

  private static boolean ownsFreeDeviceParams(FitProblem prob, int f) {
    for (FreeParameter q : prob.free()) {
      if (q.file() == f && !q.name().equals("series")) {
        return true;
      }
    }
    return false;
  }

  /** Bisection on x[j] so that the model's resistance of file f at the bias equals b.ohms(). */
  private static void match(FitProblem prob, double[] x, int j, int f, Bias b) {
    double lo = -Math.PI / 2;
    double hi = Math.PI / 2;
    Double rlo = model(prob, x, j, lo, f, b);
    Double rhi = model(prob, x, j, hi, f, b);
    if (rlo == null || rhi == null || (rlo - b.ohms()) * (rhi - b.ohms()) > 0) {
      return;
    }
    for (int it = 0; it < 40; it++) {
      double mid = 0.5 * (lo + hi);
      Double r = model(prob, x, j, mid, f, b);
      if (r == null) {
        return;
      }
      if ((r < b.ohms()) == (rlo < b.ohms())) {
        lo = mid;
        rlo = r;
      } else {
        hi = mid;
      }
    }
    x[j] = 0.5 * (lo + hi);
  }

  private static Double model(FitProblem prob, double[] x, int j, double value, int f, Bias b) {
    double keep = x[j];
    x[j] = value;
    try {
      Map<String, Double> p = prob.deviceParams(x, f);
      return Protocol.resistance(prob.type(), p, b.volts()) + prob.series(x, f);
    } catch (NeuristorException e) {
      return null;
    } finally {
      x[j] = keep;
    }
  }
}
