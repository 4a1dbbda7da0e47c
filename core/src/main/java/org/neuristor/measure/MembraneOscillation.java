package org.neuristor.measure;

/**
 * The membrane's oscillation over the second half of a record, where fewer than two spikes were counted there: what
 * a spike level that the oscillation's peaks no longer reach hides. Hodgkin-Huxley's repetitive spikes shrink as the
 * input grows (at 6.3 degC they peak below 0 mV above about 62 uA/cm2, at -20 mV at 100 uA/cm2) until the
 * oscillation dies out near 154.6 uA/cm2 (the upper Hopf bifurcation: depolarisation block); a run at 100 uA/cm2
 * counted one spike at 0 mV and was "silent" after it while the membrane oscillated at 147 Hz between -60.5 and
 * -20.0 mV (NEURON's hh the same: reference/neuron/hh_block.py).
 *
 * <p>The maxima are the samples above the one before and not below the one after; a cycle's amplitude is its
 * maximum minus the lowest sample since the maximum before it. The oscillation is reported while its last cycle
 * still has {@link #MIN_AMPLITUDE_VOLTS} or more, whether it is steady or dying out ({@link #firstAmplitude} against
 * {@link #lastAmplitude} tells which; near the bifurcation the run may end before it settles either way).
 *
 * @param rateHz cycles per second, (maxima - 1) over the time from the first maximum to the last
 * @param peak the last maximum (V)
 * @param trough the lowest sample between the last two maxima (V)
 * @param firstAmplitude the first cycle's amplitude in the second half (V)
 * @param lastAmplitude the last cycle's amplitude (V)
 */
public record MembraneOscillation(double rateHz, double peak, double trough, double firstAmplitude,
    double lastAmplitude) {

  /** Smallest peak-to-peak amplitude of the last cycle that counts as an oscillation (V). */
  public static final double MIN_AMPLITUDE_VOLTS = 1e-3;

  /** Fewest maxima in the second half (three whole cycles). */
  public static final int MIN_MAXIMA = 4;

  /**
   * The oscillation of {@code signal} over the second half of {@code t}, or null: when two or more of {@code
   * spikeTimes} fall in it (the spikes show the firing), with fewer than {@link #MIN_MAXIMA} maxima, or a last cycle
   * below {@link #MIN_AMPLITUDE_VOLTS}. The record's samples go through a {@link Tracker}, as a run does without one.
   */
  public static MembraneOscillation of(Trace t, String signal, double[] spikeTimes) {
    double[] time = t.axis();
    double[] v = t.get(signal);
    int n = time.length;
    if (n < 3) {
      return null;
    }
    Tracker tr = new Tracker(0.5 * (time[0] + time[n - 1]));
    for (int k = 0; k < n; k++) {
      tr.add(time[k], v[k]);
    }
    return tr.result(spikeTimes);
  }

  /**
   * {@link #of} while a record is made, sample by sample, without keeping it: what {@code model fi} measures on each
   * input's own run (a trace of every input cost it 1.7 times the time and 5 times the memory of the runs). Fed the
   * samples of a record, it gives what {@link #of} gives.
   */
  public static final class Tracker {
    private final double half;
    private int samples;
    private double before = Double.NaN;
    private double last = Double.NaN;
    private double lastTime = Double.NaN;
    /** The lowest sample since the last maximum (that maximum included), up to the sample before the newest. */
    private double lowestSince = Double.POSITIVE_INFINITY;
    private int maxima;
    private double firstMaxTime;
    private double firstAmplitude;
    private double maxValue;
    private double maxTime;
    private double trough;

    /**
     * @param halfTime the start of the record's second half (the axis' unit; s for {@link #of}): maxima count from it
     */
    public Tracker(double halfTime) {
      this.half = halfTime;
    }

    /** The next sample: the signal {@code value} at {@code time} (after every earlier one). */
    public void add(double time, double value) {
      if (samples >= 2) {
        // the sample before this one, k: a maximum when above its predecessor and not below this one
        lowestSince = Math.min(lowestSince, last);
        if (lastTime >= half && last > before && last >= value) {
          maxima++;
          if (maxima == 1) {
            firstMaxTime = lastTime;
          } else {
            trough = lowestSince;
            if (maxima == 2) {
              firstAmplitude = last - lowestSince;
            }
          }
          maxValue = last;
          maxTime = lastTime;
          lowestSince = last;
        }
      }
      before = last;
      last = value;
      lastTime = time;
      samples++;
    }

    /** The oscillation of the samples so far (see {@link #of}); {@code spikeTimes} in the axis' unit. */
    public MembraneOscillation result(double[] spikeTimes) {
      if (samples < 3) {
        return null;
      }
      int counted = 0;
      for (double s : spikeTimes) {
        if (s >= half) {
          counted++;
        }
      }
      if (counted >= 2 || maxima < MIN_MAXIMA) {
        return null;
      }
      double lastAmplitude = maxValue - trough;
      if (!(lastAmplitude >= MIN_AMPLITUDE_VOLTS)) {
        return null;
      }
      return new MembraneOscillation((maxima - 1) / (maxTime - firstMaxTime), maxValue, trough, firstAmplitude,
          lastAmplitude);
    }
  }
}
