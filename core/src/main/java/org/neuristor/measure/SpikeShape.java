package org.neuristor.measure;

import org.neuristor.NeuristorException;

/**
 * The shape of one spike, normalized so that spikes of different neurons compare: time in units of
 * its full width at half maximum from the peak, voltage as the fraction of its height above the
 * baseline.
 *
 * <pre>
 *   u = (t - t_peak) / FWHM,    s(u) = (y - y_base) / (y_peak - y_base)
 * </pre>
 *
 * where the peak is the maximum of the record, the baseline its lowest value before the peak and
 * the FWHM the time between the crossings of half height on either side of the peak (linearly
 * interpolated). {@link #correlation} aligns two spikes this way (peaks aligned, widths and heights
 * scaled) and gives the Pearson correlation of s over u in [{@link #BEFORE}, {@link #AFTER}]: the
 * upstroke, the downstroke and what follows it (an action potential's after-hyperpolarization).
 *
 * @param peakTime time of the maximum (s)
 * @param base baseline (lowest value before the peak)
 * @param height peak minus baseline
 * @param fwhm full width at half maximum (s)
 */
public record SpikeShape(double peakTime, double base, double height, double fwhm, double[] t, double[] y) {

  /** Start and end of the compared window, in FWHM from the peak. */
  public static final double BEFORE = -1.5;
  public static final double AFTER = 3;

  /** Points at which the normalized shapes are sampled for the correlation. */
  static final int SAMPLES = 400;

  /** The spike of a record holding one spike (its maximum). */
  public static SpikeShape of(double[] t, double[] y) {
    if (t.length < 3 || t.length != y.length) {
      throw NeuristorException.input("spike shape: need at least 3 samples, as many times as values");
    }
    int p = 0;
    for (int i = 1; i < y.length; i++) {
      if (y[i] > y[p]) {
        p = i;
      }
    }
    double base = y[p];
    for (int i = 0; i <= p; i++) {
      base = Math.min(base, y[i]);
    }
    double h = y[p] - base;
    if (!(h > 0)) {
      throw NeuristorException.input("spike shape: the record has no peak above its baseline");
    }
    double half = base + 0.5 * h;
    int l = p;
    while (l > 0 && y[l] > half) {
      l--;
    }
    int r = p;
    while (r < y.length - 1 && y[r] > half) {
      r++;
    }
    if (y[l] > half || y[r] > half) {
      throw NeuristorException.input("spike shape: the record ends before the spike falls to half height");
    }
    double tl = t[l] + (half - y[l]) * (t[l + 1] - t[l]) / (y[l + 1] - y[l]);
    double tr = t[r - 1] + (y[r - 1] - half) * (t[r] - t[r - 1]) / (y[r - 1] - y[r]);
    return new SpikeShape(t[p], base, h, tr - tl, t, y);
  }

  /** The normalized shape s at normalized time u (held at the record's ends). */
  public double at(double u) {
    double x = peakTime + u * fwhm;
    return (Trace.interpolate(t, y, Math.max(t[0], Math.min(t[t.length - 1], x))) - base) / height;
  }

  /**
   * Pearson correlation of two normalized spikes over u in [{@link #BEFORE}, {@link #AFTER}]
   * (peaks aligned, widths and heights scaled).
   */
  public double correlation(SpikeShape other) {
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    for (int k = 0; k < SAMPLES; k++) {
      double u = BEFORE + (AFTER - BEFORE) * k / (SAMPLES - 1.0);
      double a = at(u);
      double b = other.at(u);
      sa += a;
      sb += b;
      saa += a * a;
      sbb += b * b;
      sab += a * b;
    }
    double n = SAMPLES;
    double cov = sab - sa * sb / n;
    return cov / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
  }
}
