package org.neuristor.fit;

import java.util.Arrays;

/**
 * Features of a DC sweep given as rows in sweep order (voltage, current): the up branch runs to the
 * row of largest |V|, the down branch from there on.
 *
 * <ul>
 *   <li>threshold V_th: the voltage of the last row before the largest rise of the conductance |i/v|
 *       between neighbouring rows on the up branch, if that rise is at least a factor {@link #JUMP};
 *       otherwise the sweep did not switch and there is no V_th;
 *   <li>hold V_hold: the voltage of the last row before the largest fall of the conductance on the
 *       down branch, under the same rule;
 *   <li>low-bias resistance: the median |v/i| of the up-branch rows with |V| up to 10 % of the
 *       largest |V|.
 * </ul>
 *
 * {@link #crossing} is the continuous counterpart that a fit needs: the voltage at which a current
 * first reaches a level, interpolated in log current between rows.
 */
public final class IvFeatures {
  /** The smallest conductance step between neighbouring rows that counts as a switch. */
  public static final double JUMP = 2.0;

  private IvFeatures() {}

  /** A conductance step between rows {@code row} and {@code row + 1}; row -1 when there is none. */
  public record Step(int row, double factor) {
    public boolean switched() {
      return row >= 0 && factor >= JUMP;
    }
  }

  /** Index of the row with the largest |V| (the end of the up branch). */
  public static int peak(double[] v) {
    int p = 0;
    for (int k = 1; k < v.length; k++) {
      if (Math.abs(v[k]) > Math.abs(v[p])) {
        p = k;
      }
    }
    return p;
  }

  /** The largest conductance rise on the up branch. */
  public static Step rise(double[] v, double[] i) {
    return step(v, i, 0, peak(v), true);
  }

  /** The largest conductance fall on the down branch. */
  public static Step fall(double[] v, double[] i) {
    return step(v, i, peak(v), v.length - 1, false);
  }

  private static Step step(double[] v, double[] i, int from, int to, boolean up) {
    int best = -1;
    double bestLog = 0;
    for (int k = from; k < to; k++) {
      double g0 = conductance(v[k], i[k]);
      double g1 = conductance(v[k + 1], i[k + 1]);
      if (!(g0 > 0) || !(g1 > 0)) {
        continue;
      }
      double d = Math.log(g1 / g0) * (up ? 1 : -1);
      if (d > bestLog) {
        bestLog = d;
        best = k;
      }
    }
    return new Step(best, Math.exp(bestLog));
  }

  private static double conductance(double v, double i) {
    return v == 0 ? Double.NaN : Math.abs(i / v);
  }

  /** Median |v/i| over the up-branch rows with 0 &lt; |V| &le; 10 % of the largest |V|; NaN if none. */
  public static double lowBiasResistance(double[] v, double[] i) {
    return lowBiasResistance(v, i, peak(v));
  }

  /** {@link #lowBiasResistance(double[], double[])} with the row of the largest |V| known ({@link #peak}). */
  static double lowBiasResistance(double[] v, double[] i, int p) {
    double lim = 0.1 * Math.abs(v[p]);
    double[] r = new double[p + 1];
    int n = 0;
    for (int k = 0; k <= p; k++) {
      if (Math.abs(v[k]) > 0 && Math.abs(v[k]) <= lim && i[k] != 0) {
        r[n++] = Math.abs(v[k] / i[k]);
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(r, 0, n);
    return n % 2 == 1 ? r[n / 2] : 0.5 * (r[n / 2 - 1] + r[n / 2]);
  }

  /**
   * The voltage at which |i| first reaches {@code level} on the up branch ({@code up}) or first falls
   * to it on the down branch, interpolated linearly in ln|i| between the two rows around it. A
   * current that never gets there is extended continuously beyond the branch end:
   * V_end (1 + 0.1 |ln(level / i_end)|) on the up branch, V_end / (1 + 0.1 |ln(level / i_end)|) on the down branch.
   */
  public static double crossing(double[] v, double[] i, double level, boolean up) {
    return crossing(v, i, level, up, peak(v));
  }

  /** {@link #crossing(double[], double[], double, boolean)} with the row of the largest |V| known ({@link #peak}). */
  static double crossing(double[] v, double[] i, double level, boolean up, int p) {
    int from = up ? 0 : p;
    int to = up ? p : v.length - 1;
    double ll = Math.log(level);
    for (int k = from + 1; k <= to; k++) {
      double a = Math.log(Math.abs(i[k - 1]) + 1e-300);
      double b = Math.log(Math.abs(i[k]) + 1e-300);
      boolean hit = up ? b >= ll : b <= ll;
      if (hit) {
        boolean before = up ? a >= ll : a <= ll;
        if (before || a == b) {
          return Math.abs(v[k - 1]);
        }
        return Math.abs(v[k - 1]) + (Math.abs(v[k]) - Math.abs(v[k - 1])) * (ll - a) / (b - a);
      }
    }
    double end = Math.abs(v[to]);
    double f = 1 + 0.1 * Math.abs(ll - Math.log(Math.abs(i[to]) + 1e-300));
    return up ? end * f : end / f;
  }
}
