package org.neuristor.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Axis ticks without AWT: "nice" tick values (1, 2 or 5 times a power of ten) and their labels. */
final class Ticks {
  private Ticks() {}

  /** Tick label: up to 4 significant digits, plain for 1e-3 <= |v| < 1e5, else compact exponent. */
  static String label(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return Double.isFinite(v) ? "0" : "";
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) {
      return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
    return exponent(v);
  }

  /** {@code v} with up to 4 significant digits and a compact exponent: {@code 1e-3}, {@code 2.5e-5}, {@code 1e0}. */
  static String exponent(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return Double.isFinite(v) ? "0" : "";
    }
    String s = String.format(Locale.ROOT, "%.3e", v);
    int e = s.indexOf('e');
    String mant = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
    return mant + "e" + Integer.parseInt(s.substring(e + 1));
  }

  /**
   * Tick values in [lo, hi]: multiples of a step of 1, 2 or 5 times a power of ten, the smallest such
   * step that gives at most {@code maxTicks} ticks (at least 2 are asked for). Values within a
   * billionth of a step of zero are exactly 0. Empty if the range is not finite and increasing. Not {@code
   * Plotter.niceTicks} (about N ticks): the raster sizes N from the room per label, which that rule exceeds on
   * about half of all ranges (labels would overlap).
   */
  static double[] values(double lo, double hi, int maxTicks) {
    if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      return new double[0];
    }
    int max = Math.max(2, maxTicks);
    double raw = (hi - lo) / max;
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = pow;
    for (double m : new double[] {1, 2, 5, 10}) {
      step = m * pow;
      if (Math.floor(hi / step) - Math.ceil(lo / step) + 1 <= max) {
        break;
      }
    }
    return multiples(lo, hi, step, 1e-9, Integer.MAX_VALUE);
  }

  /**
   * The multiples of {@code step} in [lo, hi], each end widened by {@code tol} steps, at most {@code cap} of them from
   * the low end; values within a billionth of a step of zero are exactly 0.
   */
  static double[] multiples(double lo, double hi, double step, double tol, int cap) {
    long first = (long) Math.ceil(lo / step - tol);
    long last = (long) Math.floor(hi / step + tol);
    double[] v = new double[(int) Math.max(0, Math.min(cap, last - first + 1))];
    for (int i = 0; i < v.length; i++) {
      double t = (first + i) * step;
      v[i] = Math.abs(t) < step * 1e-9 ? 0 : t;
    }
    return v;
  }

  /** The label ({@link #label}) of every value. */
  static String[] labels(double[] values) {
    String[] l = new String[values.length];
    for (int k = 0; k < l.length; k++) {
      l[k] = label(values[k]);
    }
    return l;
  }
}
