package org.neuristor.measure;

import java.util.Arrays;

/**
 * Spike detection on any sampled signal, a Schmitt trigger timed at the midline: a spike is an
 * upward crossing of {@code threshold} by a signal that was below {@code threshold - hysteresis}
 * (or started below the threshold) and goes on to reach {@code threshold + hysteresis}; the detector
 * then stays disarmed until the signal falls below {@code threshold - hysteresis} again, so noise
 * riding on a crossing or a notched spike top counts once, and a signal resting near the threshold
 * that dips below it and comes back, or wanders across it by less than the hysteresis, is no spike. The crossing time is linearly
 * interpolated between the two samples that bracket it (removing the O(dt) bias of stamping at a
 * sample).
 *
 * <p>Usable for membrane potentials (HH: 0 mV, hysteresis a few mV), device states of circuit
 * neurons ({@link #deviceState()}: 0.5 with hysteresis 0.1), output voltages, or currents.
 *
 * <p>The margin is what makes a count honest: a signal that rests above the threshold (the detector
 * starts disarmed there) and dips just below it and back has not fired; nor has one that dips clearly
 * below it and recovers to a rest just above it. Without hysteresis any dip re-arms the detector and
 * the return counts as a spike.
 *
 * @param threshold crossing level (signal units)
 * @param hysteresis margin around the threshold (>= 0, signal units): re-armed below threshold -
 *     hysteresis, a crossing confirmed at threshold + hysteresis
 */
public record SpikeDetector(double threshold, double hysteresis) {

  public SpikeDetector {
    if (!(hysteresis >= 0) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException("spike detector: need a finite threshold and hysteresis >= 0");
    }
  }

  /**
   * Spike level of a device state in [0, 1] (physics.md 4.0): the middle of the range.
   */
  public static final double STATE_LEVEL = 0.5;

  /**
   * Margin of a device state in [0, 1]: a crossing of 0.5 counts once the state goes on to 0.6, and after
   * a spike the state must fall below 0.4 (a fifth of the way from the level back to the resting state 0)
   * before the next crossing counts.
   */
  public static final double STATE_HYSTERESIS = 0.1;

  /** The circuit convention for a device state in [0, 1]: level 0.5, confirmed at 0.6, re-armed below 0.4. */
  public static SpikeDetector deviceState() {
    return new SpikeDetector(STATE_LEVEL, STATE_HYSTERESIS);
  }

  /** A detector without hysteresis. */
  public static SpikeDetector at(double threshold) {
    return new SpikeDetector(threshold, 0);
  }

  /** Crossing times of {@code signal} in {@code trace} (axis units). */
  public double[] detect(Trace trace, String signal) {
    return detect(trace.axis(), trace.get(signal));
  }

  /** Crossing times for samples {@code x} at times {@code t} (non-finite samples never cross). */
  public double[] detect(double[] t, double[] x) {
    int[] idx = indices(x);
    double[] out = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      int i = idx[k];
      double span = x[i] - x[i - 1];
      out[k] = span == 0 ? t[i] : t[i - 1] + (t[i] - t[i - 1]) * (threshold - x[i - 1]) / span;
    }
    return out;
  }

  /**
   * Sample indices i with {@code x[i-1] < threshold <= x[i]} while armed, each kept once the signal has
   * gone on to reach {@code threshold + hysteresis} before falling below {@code threshold - hysteresis}
   * (with zero hysteresis: every armed crossing).
   */
  public int[] indices(double[] x) {
    int[] out = new int[16];
    int n = 0;
    boolean armed = x.length == 0 || !(x[0] >= threshold);
    int pending = -1;
    for (int i = 1; i < x.length; i++) {
      if (armed) {
        if (x[i - 1] < threshold && x[i] >= threshold) {
          pending = i;
          armed = false;
        }
      } else if (x[i] < threshold - hysteresis) {
        armed = true;
        pending = -1;
      }
      if (pending >= 0 && x[i] >= threshold + hysteresis) {
        if (n == out.length) {
          out = Arrays.copyOf(out, 2 * n);
        }
        out[n++] = pending;
        pending = -1;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
