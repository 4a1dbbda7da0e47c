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
   * below {@link #MIN_AMPLITUDE_VOLTS}.
   */
  public static MembraneOscillation of(Trace t, String signal, double[] spikeTimes) {
    double[] time = t.axis();
    double[] v = t.get(signal);
    int n = time.length;
    if (n < 3) {
      return null;
    }
    double half = 0.5 * (time[0] + time[n - 1]);
    int counted = 0;
    for (double s : spikeTimes) {
      if (s >= half) {
        counted++;
      }
    }
    if (counted >= 2) {
      return null;
    }
    int from = 0;
    while (from < n && time[from] < half) {
      from++;
    }
    int[] max = new int[n];
    int m = 0;
    for (int k = Math.max(from, 1); k < n - 1; k++) {
      if (v[k] > v[k - 1] && v[k] >= v[k + 1]) {
        max[m++] = k;
      }
    }
    if (m < MIN_MAXIMA) {
      return null;
    }
    double first = v[max[1]] - lowest(v, max[0], max[1]);
    double trough = lowest(v, max[m - 2], max[m - 1]);
    double last = v[max[m - 1]] - trough;
    if (!(last >= MIN_AMPLITUDE_VOLTS)) {
      return null;
    }
    double rate = (m - 1) / (time[max[m - 1]] - time[max[0]]);
    return new MembraneOscillation(rate, v[max[m - 1]], trough, first, last);
  }

  private static double lowest(double[] v, int from, int to) {
    double lo = Double.POSITIVE_INFINITY;
    for (int k = from; k <= to; k++) {
      lo = Math.min(lo, v[k]);
    }
    return lo;
  }
}
