package org.neuristor.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Spike features of a neuron-circuit trace with physics.md 4.0's definitions: a spike is an upward
 * crossing of 0.5 by the firing device's state (linear interpolation), the amplitude is the largest
 * |V_out - V_rest| (rest = the output at the first sample), the width is the full width at half
 * maximum of the first complete output excursion, the rate is 1/mean ISI after discarding the first
 * two intervals when there are at least five spikes.
 *
 * @param spikeTimes spike times (s)
 * @param rateHz mean firing rate (0 for fewer than two spikes)
 * @param isiSeconds inter-spike intervals
 * @param amplitudeVolts largest output excursion from rest (signed)
 * @param widthSeconds FWHM of the first output spike (NaN if none)
 * @param latencySeconds time of the first spike (NaN if none)
 */
public record SpikeFeatures(double[] spikeTimes, double rateHz, double[] isiSeconds, double amplitudeVolts,
    double widthSeconds, double latencySeconds) {

  /** Upward crossings of {@code level} by {@code signal}, linearly interpolated. */
  public static double[] crossings(Trace t, String signal, double level) {
    double[] a = t.axis();
    double[] x = t.get(signal);
    List<Double> out = new ArrayList<>();
    for (int i = 1; i < a.length; i++) {
      if (x[i - 1] < level && x[i] >= level) {
        out.add(a[i - 1] + (a[i] - a[i - 1]) * (level - x[i - 1]) / (x[i] - x[i - 1]));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  public static SpikeFeatures of(Trace t, String stateSignal, String outputSignal) {
    double[] sp = crossings(t, stateSignal, 0.5);
    double[] isi = new double[Math.max(0, sp.length - 1)];
    for (int k = 1; k < sp.length; k++) {
      isi[k - 1] = sp[k] - sp[k - 1];
    }
    double rate = 0;
    if (isi.length > 0) {
      int from = sp.length >= 5 ? 2 : 0;
      double sum = 0;
      for (int k = from; k < isi.length; k++) {
        sum += isi[k];
      }
      rate = (isi.length - from) / sum;
    }
    double[] y = t.get(outputSignal);
    double[] a = t.axis();
    double rest = y[0];
    double amp = 0;
    int peak = 0;
    for (int i = 0; i < y.length; i++) {
      if (Math.abs(y[i] - rest) > Math.abs(amp)) {
        amp = y[i] - rest;
        peak = i;
      }
    }
    double width = Double.NaN;
    if (amp != 0) {
      double half = rest + amp / 2;
      int lo = peak;
      while (lo > 0 && (y[lo] - half) * Math.signum(amp) > 0) {
        lo--;
      }
      int hi = peak;
      while (hi < y.length - 1 && (y[hi] - half) * Math.signum(amp) > 0) {
        hi++;
      }
      if (lo > 0 && hi < y.length - 1) {
        double tl = a[lo] + (a[lo + 1] - a[lo]) * (half - y[lo]) / (y[lo + 1] - y[lo]);
        double th = a[hi - 1] + (a[hi] - a[hi - 1]) * (half - y[hi - 1]) / (y[hi] - y[hi - 1]);
        width = th - tl;
      }
    }
    return new SpikeFeatures(sp, rate, isi, amp, width, sp.length > 0 ? sp[0] : Double.NaN);
  }
}
