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
    return scan(t, x);
  }

  /**
   * Sample indices i with {@code x[i-1] < threshold <= x[i]} while armed, each kept once the signal has
   * gone on to reach {@code threshold + hysteresis} before falling below {@code threshold - hysteresis}
   * (with zero hysteresis: every armed crossing).
   */
  public int[] indices(double[] x) {
    double[] at = scan(null, x);
    int[] out = new int[at.length];
    for (int k = 0; k < at.length; k++) {
      out[k] = (int) at[k];
    }
    return out;
  }

  /** One stream through a {@link Trigger}: the crossing times, or with {@code t == null} the sample indices. */
  private double[] scan(double[] t, double[] x) {
    Trigger g = trigger(1);
    g.start(0, x.length == 0 ? Double.NaN : x[0]);
    double[] out = new double[16];
    int n = 0;
    for (int i = 1; i < x.length; i++) {
      // with dt = 0 the interpolated time is the sample index itself, exactly
      double s = t == null ? g.next(0, i, 0, x[i - 1], x[i]) : g.next(0, t[i - 1], t[i] - t[i - 1], x[i - 1], x[i]);
      if (s == s) {
        if (n == out.length) {
          out = Arrays.copyOf(out, 2 * n);
        }
        out[n++] = s;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * This detector as a state machine over {@code n} streams fed one segment at a time: the rule {@link #detect}
   * applies to a sampled signal, for signals that are never stored (every neuron of a compact kernel, fed at every
   * sub-step).
   */
  public Trigger trigger(int n) {
    return new Trigger(this, n);
  }

  /**
   * The Schmitt trigger of a {@link SpikeDetector} over {@code n} independent streams, fed segment by segment: a
   * stream is armed while its signal is below the threshold minus the hysteresis (or since it started below the
   * threshold); an upward crossing of the threshold while armed disarms it and is held pending with its
   * interpolated time; the pending crossing is reported by the segment that brings the signal to the threshold plus
   * the hysteresis, and dropped when the signal falls below the threshold minus the hysteresis first (which re-arms
   * the stream). So a segment reports at most one crossing, possibly one of an earlier segment: its time is the
   * level crossing's, not the confirmation's. Allocation-free after construction; stream i's state is touched only
   * by calls for stream i.
   */
  public static final class Trigger {
    private final double level;
    private final double confirm;
    private final double rearm;
    private final boolean[] armed;
    private final double[] pending;

    private Trigger(SpikeDetector d, int n) {
      level = d.threshold;
      confirm = d.threshold + d.hysteresis;
      rearm = d.threshold - d.hysteresis;
      armed = new boolean[n];
      pending = new double[n];
      Arrays.fill(armed, true);
      Arrays.fill(pending, Double.NaN);
    }

    /** Starts stream i at value {@code x}: armed unless x is at or above the threshold, nothing pending. */
    public void start(int i, double x) {
      armed[i] = !(x >= level);
      pending[i] = Double.NaN;
    }

    /**
     * Feeds stream i's segment from {@code x0} at time {@code t0} to {@code x1} at {@code t0 + dt}; returns the
     * time of the crossing this segment confirms, else NaN. A crossing in this segment is timed
     * {@code t0 + dt (threshold - x0) / (x1 - x0)} (linear interpolation; non-finite samples never cross).
     */
    public double next(int i, double t0, double dt, double x0, double x1) {
      if (armed[i]) {
        if (x0 < level && x1 >= level) {
          pending[i] = t0 + dt * (level - x0) / (x1 - x0);
          armed[i] = false;
        }
      } else if (x1 < rearm) {
        armed[i] = true;
        pending[i] = Double.NaN;
      }
      double p = pending[i];
      if (p == p && x1 >= confirm) {
        pending[i] = Double.NaN;
        return p;
      }
      return Double.NaN;
    }

    /**
     * Moves stream i's time origin forward by {@code dt}: a pending crossing's time, for callers that time each step
     * from its own start, becomes relative to the next step's start (negative).
     */
    public void shift(int i, double dt) {
      pending[i] -= dt;
    }
  }
}
