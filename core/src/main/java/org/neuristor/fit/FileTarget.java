package org.neuristor.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Objective} compares a file's model currents with, read off the measured data once per file (its
 * {@link Protocol} holds it, and every stage of a fit shares the protocols): the compared rows and their weight, the
 * current floor, ln(|i_meas| + floor) of every compared row, and the file's features with their measured values.
 *
 * <ul>
 *   <li>a transient: the feature instants (per pulse its end row and read times, {@link Metrics#pulses} and
 *       {@link Metrics#readTimes}), the kind of each (0 end of pulse, 1.. read delays) and mean(i_meas) + floor of
 *       its kind;
 *   <li>a DC sweep: the current levels on both sides of its measured jumps ({@link IvFeatures#rise},
 *       {@link IvFeatures#fall}) with the measured voltages at which they are crossed, its low-bias resistance and
 *       the row of its largest |V|.
 * </ul>
 *
 * Until round 18 all of this was recomputed in every evaluation of every file (the pulses found by sorting the
 * voltage column four times, the jumps by a logarithm per row, the low-bias rows sorted, the largest |V| scanned
 * for every threshold row): the data do not change during a fit.
 */
final class FileTarget {
  /** Which rows are compared ({@link Measurement#comparedRows}) and how many. */
  final boolean[] compared;
  final int comparedCount;
  /** The current floor of the log comparison (A). */
  final double floor;
  /** ln(|i_meas| + floor) of the compared rows, in row order. */
  final double[] logMeasured;
  /** Transient: feature instants (s), their kinds, and mean(i_meas of the kind) + floor per feature. */
  final double[] featureTimes;
  final int[] featureKinds;
  final double[] featureMeanPlusFloor;
  /** Sweep: the row of the largest |V| among the rows of the target (where the model's up branch ends). */
  final int peak;
  /** Sweep: the current levels of the threshold rows (up branch first), their branch and the measured crossings (V). */
  final double[] levels;
  final boolean[] up;
  final double[] measuredCrossing;
  /** Sweep: the measured low-bias resistance (Ohm; NaN: no row). */
  final double lowBiasOhm;

  FileTarget(Measurement m) {
    this(m, m);
  }

  /**
   * The target of the rows of {@code m} (what is simulated and compared, e.g. a thinned sweep: {@link Measurement#thinned})
   * with the current floor and the sweep's features read off {@code all}, every row of the file: a jump, a crossing
   * and the low-bias resistance are what the data say, not what one row in k says (a gradual return thinned to 2 V
   * steps looks like a jump).
   */
  FileTarget(Measurement m, Measurement all) {
    compared = m.comparedRows();
    comparedCount = Measurement.count(compared);
    floor = all.currentFloor();
    double[] meas = m.current();
    logMeasured = new double[comparedCount];
    int q = 0;
    for (int k = 0; k < m.rows(); k++) {
      if (compared[k]) {
        logMeasured[q++] = Math.log(Math.abs(meas[k]) + floor);
      }
    }
    if (m.isTransient()) {
      List<Metrics.Pulse> pulses = Metrics.pulses(m);
      double[][] reads = Metrics.readTimes(m, pulses, null);
      List<Double> times = new ArrayList<>();
      List<Integer> kinds = new ArrayList<>();
      for (int p = 0; p < pulses.size(); p++) {
        times.add(m.time()[pulses.get(p).end()]);
        kinds.add(0);
        for (int d = 0; d < reads[p].length; d++) {
          if (!Double.isNaN(reads[p][d])) {
            times.add(reads[p][d]);
            kinds.add(d + 1);
          }
        }
      }
      featureTimes = times.stream().mapToDouble(Double::doubleValue).toArray();
      featureKinds = kinds.stream().mapToInt(Integer::intValue).toArray();
      double[] sum = new double[Metrics.READ_DELAYS.length + 1];
      int[] cnt = new int[sum.length];
      for (int k = 0; k < featureTimes.length; k++) {
        sum[featureKinds[k]] += Math.abs(Metrics.interpolate(m.time(), meas, featureTimes[k]));
        cnt[featureKinds[k]]++;
      }
      featureMeanPlusFloor = new double[featureTimes.length];
      for (int k = 0; k < featureTimes.length; k++) {
        featureMeanPlusFloor[k] = sum[featureKinds[k]] / cnt[featureKinds[k]] + floor;
      }
      peak = -1;
      levels = new double[0];
      up = new boolean[0];
      measuredCrossing = new double[0];
      lowBiasOhm = Double.NaN;
    } else {
      featureTimes = new double[0];
      featureKinds = new int[0];
      featureMeanPlusFloor = new double[0];
      peak = IvFeatures.peak(m.voltage());
      double[] v = all.voltage();
      double[] i = all.current();
      int allPeak = IvFeatures.peak(v);
      IvFeatures.Step rise = IvFeatures.rise(v, i);
      IvFeatures.Step fall = IvFeatures.fall(v, i);
      int nr = rise.switched() ? 2 : 0;
      int n = nr + (fall.switched() ? 2 : 0);
      levels = new double[n];
      up = new boolean[n];
      measuredCrossing = new double[n];
      for (int k = 0; k < n; k++) {
        // both sides of the jump: the model must reach both levels at the measured voltage (Objective)
        up[k] = k < nr;
        levels[k] = Math.abs(i[(up[k] ? rise : fall).row() + k % 2]);
        measuredCrossing[k] = IvFeatures.crossing(v, i, levels[k], up[k], allPeak);
      }
      lowBiasOhm = IvFeatures.lowBiasResistance(v, i, allPeak);
    }
  }

  /** Rows of the file's residual vector: compared rows, then features (transient) or threshold and resistance rows. */
  int size() {
    return comparedCount + featureTimes.length + levels.length + (Double.isFinite(lowBiasOhm) ? 1 : 0);
  }
}
