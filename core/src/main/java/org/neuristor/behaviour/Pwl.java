package org.neuristor.behaviour;

import java.util.Locale;
import org.neuristor.NeuristorException;

/**
 * A piecewise-linear waveform: breakpoints (t_k, v_k) with non-decreasing times; two points at the
 * same time make a jump (the later one holds from then on). Before the first point the waveform
 * holds v_0, after the last one v_n.
 *
 * @param t breakpoint times
 * @param v values at the breakpoints
 */
public record Pwl(double[] t, double[] v) {
  public Pwl {
    if (t.length == 0 || t.length != v.length) {
      throw NeuristorException.input("pwl: need as many values as times, at least one");
    }
    for (int k = 1; k < t.length; k++) {
      if (!(t[k] >= t[k - 1])) {
        throw NeuristorException.input("pwl: times must not decrease (" + t[k - 1] + " then " + t[k] + ")");
      }
    }
  }

  /** The value at time {@code x}, right-continuous at jumps. */
  public double valueAt(double x) {
    if (x < t[0]) {
      return v[0];
    }
    int k = t.length - 1;
    while (k > 0 && t[k] > x) {
      k--;
    }
    // t[k] <= x < t[k+1]; at a jump the last point with t[k] <= x is the later value
    if (k == t.length - 1 || t[k + 1] == t[k]) {
      return v[k];
    }
    return v[k] + (v[k + 1] - v[k]) * (x - t[k]) / (t[k + 1] - t[k]);
  }

  /** The waveform with times multiplied by {@code timeScale} and values by {@code valueScale}. */
  public Pwl scaled(double timeScale, double valueScale) {
    double[] tt = new double[t.length];
    double[] vv = new double[v.length];
    for (int k = 0; k < t.length; k++) {
      tt[k] = t[k] * timeScale;
      vv[k] = v[k] * valueScale;
    }
    return new Pwl(tt, vv);
  }

  /** Largest |v - v_0|: how far the waveform departs from its baseline. */
  public double excursion() {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x - v[0]));
    }
    return m;
  }

  /**
   * The SPICE source specification {@code pwl(t0 v0 t1 v1 ...)}, each jump turned into a ramp of
   * {@code edge} seconds (SPICE needs increasing times).
   */
  public String spice(double edge) {
    StringBuilder sb = new StringBuilder("pwl(");
    double last = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < t.length; k++) {
      double x = Math.max(t[k], last + edge);
      if (k > 0 && !(x > last)) {
        x = last + edge;
      }
      if (k > 0) {
        sb.append(' ');
      }
      sb.append(String.format(Locale.ROOT, "%.9g %.9g", x, v[k]));
      last = x;
    }
    return sb.append(')').toString();
  }
}
