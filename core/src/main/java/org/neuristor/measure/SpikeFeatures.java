package org.neuristor.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Spike-train and spike-shape features of a trace, shared by the biological models and the
 * memristive neuron circuits.
 *
 * <p>Train features: spike times (detection by {@link SpikeDetector}, interpolated), inter-spike
 * intervals, the steady rate (1/mean ISI after discarding the first two intervals when there are at
 * least five spikes, else over all intervals; 0 below two spikes), the coefficient of variation of
 * the ISIs and the latency (first spike time minus the stimulus onset).
 *
 * <p>Shape features per spike ({@link SpikeShape}): peak, baseline (the minimum between the previous
 * spike's peak, or the trace start, and this peak), amplitude = peak - baseline, full width at half
 * amplitude, 10-90 % rise time and 90-10 % fall time, all linearly interpolated.
 *
 * <p>Circuit convention ({@link #of(Trace, String, String)}, physics.md 4.0): spikes are upward
 * crossings of the spike level (0.5 for a device state in [0, 1]) by the firing device's state, each
 * counted once the state goes on to level + h, and the next only after it has fallen below level - h
 * ({@link SpikeDetector#deviceState()}: h = 0.1; a circuit declares its own level and h, see
 * {@code NeuronCircuit}); the amplitude is the largest |V_out - V_rest| (rest = first sample) and the
 * width the FWHM of that excursion.
 *
 * @param spikeTimes spike times (s, or the trace's axis unit)
 * @param rateHz steady firing rate (per axis unit; Hz for seconds)
 * @param isiSeconds inter-spike intervals
 * @param amplitudeVolts largest excursion (circuit convention) or the first spike's amplitude
 * @param widthSeconds FWHM of that excursion (NaN if none)
 * @param latencySeconds first spike time minus stimulus onset (NaN without spikes)
 * @param cv coefficient of variation of the ISIs (NaN below two intervals)
 * @param shapes per-spike shape features, one per spike
 */
public record SpikeFeatures(double[] spikeTimes, double rateHz, double[] isiSeconds, double amplitudeVolts,
    double widthSeconds, double latencySeconds, double cv, List<SpikeShape> shapes) {

  /**
   * Shape of one spike.
   *
   * @param time detection (threshold-crossing) time
   * @param peakTime time of the maximum
   * @param peak maximum value
   * @param baseline minimum since the previous spike's peak (or the trace start)
   * @param amplitude peak - baseline
   * @param width full width at half amplitude (NaN if the spike does not fall back below half)
   * @param riseTime 10 % to 90 % of the amplitude on the rising flank
   * @param fallTime 90 % to 10 % on the falling flank (NaN if it does not fall to 10 % before the
   *     next spike)
   */
  public record SpikeShape(double time, double peakTime, double peak, double baseline, double amplitude,
      double width, double riseTime, double fallTime) {}

  /**
   * Spike times of a device state in [0, 1] ({@link SpikeDetector#deviceState()}: upward crossings of 0.5,
   * confirmed at 0.6, re-armed below 0.4), linearly interpolated.
   */
  public static double[] crossings(Trace t, String signal) {
    return SpikeDetector.deviceState().detect(t, signal);
  }

  /**
   * Features of a spiking signal, e.g. a membrane potential: spikes detected on {@code signal}
   * itself; shapes measured on it; latency from {@code stimulusOnset} (axis units).
   */
  public static SpikeFeatures analyze(Trace t, String signal, SpikeDetector detector, double stimulusOnset) {
    double[] a = t.axis();
    double[] y = t.get(signal);
    int[] idx = detector.indices(y);
    double[] sp = detector.detect(a, y);
    List<SpikeShape> shapes = shapes(a, y, idx, sp);
    double amp = shapes.isEmpty() ? Double.NaN : shapes.get(0).amplitude();
    double width = shapes.isEmpty() ? Double.NaN : shapes.get(0).width();
    return train(sp, amp, width, stimulusOnset, shapes);
  }

  /**
   * Features of the spikes a model reported itself (e.g. the Hodgkin-Huxley kernel's upward crossings of its
   * {@code v_spike}, counted inside each step without hysteresis), with their shapes measured on {@code signal}: the
   * train features (rate, CV, latency) are those of exactly these spikes, so they never disagree with the spike
   * count printed beside them.
   */
  public static SpikeFeatures analyze(Trace t, String signal, double[] spikeTimes, double stimulusOnset) {
    double[] a = t.axis();
    double[] sp = spikeTimes.clone();
    List<SpikeShape> shapes = shapes(a, t.get(signal), indicesAtOrAfter(a, sp), sp);
    double amp = shapes.isEmpty() ? Double.NaN : shapes.get(0).amplitude();
    double width = shapes.isEmpty() ? Double.NaN : shapes.get(0).width();
    return train(sp, amp, width, stimulusOnset, shapes);
  }

  /**
   * Train features only (no shapes; amplitude and width NaN), from spike times a model reported
   * itself, e.g. the exact threshold-crossing times of an integrate-and-fire kernel whose voltage
   * trace has no spike shape.
   */
  public static SpikeFeatures fromSpikeTimes(double[] spikeTimes, double stimulusOnset) {
    return train(spikeTimes.clone(), Double.NaN, Double.NaN, stimulusOnset, List.of());
  }

  /**
   * Circuit convention (physics.md 4.0): spikes from a device state in [0, 1] ({@link
   * SpikeDetector#deviceState()}), shapes from the output.
   */
  public static SpikeFeatures of(Trace t, String stateSignal, String outputSignal) {
    return of(t, stateSignal, outputSignal, SpikeDetector.deviceState());
  }

  /** As {@link #of(Trace, String, String)} with spikes detected on the state by {@code detector}. */
  public static SpikeFeatures of(Trace t, String stateSignal, String outputSignal, SpikeDetector detector) {
    double[] sp = detector.detect(t, stateSignal);
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
        width = cross(a, y, hi - 1, half) - cross(a, y, lo, half);
      }
    }
    // per-spike shapes of the output, located from the state crossings
    return train(sp, amp, width, 0, shapes(a, y, indicesAtOrAfter(a, sp), sp));
  }

  /** For each spike time, the first sample at or after it (at least 1: a shape needs the sample before). */
  private static int[] indicesAtOrAfter(double[] a, double[] sp) {
    int[] idx = new int[sp.length];
    for (int k = 0; k < sp.length; k++) {
      idx[k] = Math.max(1, firstIndexAtOrAfter(a, sp[k]));
    }
    return idx;
  }

  /** These features with the latency measured from {@code stimulusOnset} (axis units). */
  public SpikeFeatures withOnset(double stimulusOnset) {
    return new SpikeFeatures(spikeTimes, rateHz, isiSeconds, amplitudeVolts, widthSeconds,
        spikeTimes.length > 0 ? spikeTimes[0] - stimulusOnset : Double.NaN, cv, shapes);
  }

  private static SpikeFeatures train(double[] sp, double amp, double width, double onset, List<SpikeShape> shapes) {
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
    double cv = Double.NaN;
    if (isi.length >= 2) {
      double mean = 0;
      for (double d : isi) {
        mean += d;
      }
      mean /= isi.length;
      double var = 0;
      for (double d : isi) {
        var += (d - mean) * (d - mean);
      }
      cv = Math.sqrt(var / isi.length) / mean;
    }
    return new SpikeFeatures(sp, rate, isi, amp, width, sp.length > 0 ? sp[0] - onset : Double.NaN, cv, shapes);
  }

  /** Shapes of the spikes whose crossings are at sample indices {@code idx}. */
  static List<SpikeShape> shapes(double[] a, double[] y, int[] idx, double[] times) {
    List<SpikeShape> out = new ArrayList<>();
    int prevPeak = 0;
    for (int k = 0; k < idx.length; k++) {
      int end = k + 1 < idx.length ? idx[k + 1] - 1 : y.length - 1;
      int p = idx[k];
      for (int i = idx[k]; i <= end; i++) {
        if (y[i] > y[p]) {
          p = i;
        }
      }
      int b = prevPeak;
      for (int i = prevPeak; i <= p; i++) {
        if (y[i] < y[b]) {
          b = i;
        }
      }
      double base = y[b];
      double amp = y[p] - base;
      double half = base + 0.5 * amp;
      double lo10 = base + 0.1 * amp;
      double hi90 = base + 0.9 * amp;
      double tHalfUp = risingCross(a, y, b, p, half);
      double tHalfDown = fallingCross(a, y, p, end, half);
      double rise = risingCross(a, y, b, p, hi90) - risingCross(a, y, b, p, lo10);
      double fall = fallingCross(a, y, p, end, lo10) - fallingCross(a, y, p, end, hi90);
      out.add(new SpikeShape(times[k], a[p], y[p], base, amp, tHalfDown - tHalfUp, rise, fall));
      prevPeak = p;
    }
    return out;
  }

  /** Last upward crossing of {@code level} between sample {@code from} and the peak {@code to}. */
  private static double risingCross(double[] a, double[] y, int from, int to, double level) {
    for (int i = to; i > from; i--) {
      if (y[i - 1] < level && y[i] >= level) {
        return cross(a, y, i - 1, level);
      }
    }
    return Double.NaN;
  }

  /** First downward crossing of {@code level} after the peak {@code from} up to {@code to}. */
  private static double fallingCross(double[] a, double[] y, int from, int to, double level) {
    for (int i = from + 1; i <= to; i++) {
      if (y[i - 1] >= level && y[i] < level) {
        return cross(a, y, i - 1, level);
      }
    }
    return Double.NaN;
  }

  /** Time where the segment (i, i+1) crosses level. */
  private static double cross(double[] a, double[] y, int i, double level) {
    double span = y[i + 1] - y[i];
    return span == 0 ? a[i] : a[i] + (a[i + 1] - a[i]) * (level - y[i]) / span;
  }

  private static int firstIndexAtOrAfter(double[] a, double t) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
