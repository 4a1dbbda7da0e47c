package org.neuristor.measure;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import org.neuristor.util.Numbers;

/**
 * Frequency-current (f-I) curve and rheobase of any neuron, model or circuit, given a function that
 * returns the spike times for a constant input.
 *
 * <p>Rate at one input: the steady rate of the spikes after {@code skipBefore} (the first spikes of
 * an adapting or bistable neuron are excluded): (n - 1)/(t_last - t_first) over the spikes in
 * [skipBefore, window], 0 if fewer than {@code minSpikes} fall there. The rheobase is the smallest
 * input with a nonzero steady rate, located by bisection between an input that does not fire
 * repetitively and one that does.
 *
 * @param inputs input values (any unit, increasing)
 * @param rates steady rate at each input, per unit of the spike times' axis (per ms for spike times in
 *     ms, as the biological models give them: multiply by 1000 for Hz; Hz for spike times in s)
 * @param rheobase smallest input with repetitive firing (NaN if not bracketed)
 */
public record FiCurve(double[] inputs, double[] rates, double rheobase) {

  /** Steady rate of {@code spikeTimes} in [from, to] (0 with fewer than {@code minSpikes} spikes). */
  public static double steadyRate(double[] spikeTimes, double from, double to, int minSpikes) {
    int first = -1;
    int last = -1;
    int n = 0;
    for (int k = 0; k < spikeTimes.length; k++) {
      if (spikeTimes[k] >= from && spikeTimes[k] <= to) {
        if (first < 0) {
          first = k;
        }
        last = k;
        n++;
      }
    }
    if (n < Math.max(2, minSpikes)) {
      return 0;
    }
    return (n - 1) / (spikeTimes[last] - spikeTimes[first]);
  }

  /** How many of {@code spikeTimes} fall in [from, to], the window {@link #steadyRate} counts. */
  public static int spikesIn(double[] spikeTimes, double from, double to) {
    int n = 0;
    for (double t : spikeTimes) {
      if (t >= from && t <= to) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether a neuron that fired {@code spikeTimes} under an input switched on at {@code onset} has stopped firing by
   * {@code end}: it is silent after its last spike for more than twice the longest interval it showed (its latency from
   * the onset or an inter-spike interval). A neuron that fired and is silent for less than that may fire again after
   * the window: the perfect IF fires at T and next at 2 T + t_ref, so after one spike in the first half of a window
   * shorter than that it is silent for less than 2 T. HH's one spike a few ms after the onset of 3 uA/cm2, then silence,
   * has stopped. False without spikes (nothing to stop).
   */
  public static boolean stoppedFiring(double[] spikeTimes, double onset, double end) {
    if (spikeTimes.length == 0) {
      return false;
    }
    double longest = spikeTimes[0] - onset;
    for (int k = 1; k < spikeTimes.length; k++) {
      longest = Math.max(longest, spikeTimes[k] - spikeTimes[k - 1]);
    }
    return end - spikeTimes[spikeTimes.length - 1] > 2 * longest;
  }

  /**
   * Measures the curve. {@code spikes} maps an input to spike times (same unit as {@code skipBefore}
   * and {@code window}).
   *
   * @param inputs inputs to evaluate
   * @param spikes simulation: input to spike times
   * @param skipBefore spikes before this time are ignored
   * @param window end of the counting window
   * @param minSpikes spikes needed in the window to count as repetitive firing
   * @param rheobaseTolerance bisection tolerance on the input (0: no bisection, the rheobase is the
   *     first firing input of the list)
   */
  public static FiCurve measure(double[] inputs, DoubleFunction<double[]> spikes, double skipBefore, double window,
      int minSpikes, double rheobaseTolerance) {
    double[] rates = new double[inputs.length];
    for (int k = 0; k < inputs.length; k++) {
      rates[k] = steadyRate(spikes.apply(inputs[k]), skipBefore, window, minSpikes);
    }
    FiCurve grid = new FiCurve(inputs.clone(), rates, firstFiring(inputs, rates));
    return rheobaseTolerance <= 0 ? grid
        : grid.refined(x -> steadyRate(spikes.apply(x), skipBefore, window, minSpikes) > 0, rheobaseTolerance);
  }

  /**
   * The rheobase on a grid, the one definition every f-I and f-V curve uses: the first input whose
   * rate is nonzero (NaN when none fires).
   */
  public static double firstFiring(double[] inputs, double[] rates) {
    for (int k = 0; k < inputs.length; k++) {
      if (rates[k] > 0) {
        return inputs[k];
      }
    }
    return Double.NaN;
  }

  /**
   * This curve with its rheobase located by bisection between the last silent input before the
   * first firing one and that input ({@link #rheobase(DoublePredicate, double, double, double)}); as
   * is when the first input already fires or none does.
   */
  public FiCurve refined(DoublePredicate fires, double tolerance) {
    for (int k = 1; k < inputs.length; k++) {
      if (rates[k] > 0 && rates[k - 1] == 0) {
        return new FiCurve(inputs, rates, rheobase(fires, inputs[k - 1], inputs[k], tolerance));
      }
      if (rates[k - 1] > 0) {
        break;
      }
    }
    return this;
  }

  /**
   * The default rheobase tolerance relative to the answer: the bisection stops when the bracket is narrower than
   * 1/1000 of the first firing input of the grid (the bracket's upper end), so the reported midpoint is within
   * 0.05% of the rheobase (physics.md T3 asks 0.02 uA/cm2 of 6.26, 0.3%).
   */
  public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-3;

  /**
   * The default bisection tolerance of every f-I and f-V command: {@link #DEFAULT_RELATIVE_TOLERANCE} of the first
   * firing input {@code firstFiring} (a relative tolerance is what the printed digits claim), at least 1e-6 of the
   * input range {@code range} (a rheobase at 0 would otherwise need every bisection step).
   */
  public static double defaultTolerance(double firstFiring, double range) {
    if (Double.isNaN(firstFiring)) {
      return range / 1000; // nothing to bisect
    }
    return Math.max(DEFAULT_RELATIVE_TOLERANCE * Math.abs(firstFiring), 1e-6 * Math.abs(range));
  }

  /** How many times longer than the measuring window the window of {@link #windowLimited} is. */
  public static final int LONGER_WINDOW = 4;

  /**
   * Why a bisected rheobase is the window's and not the neuron's, or null: the input {@code tolerance} below it
   * (silent in the measuring window: below the bisection's last silent input) fires repetitively in a window
   * {@link #LONGER_WINDOW} times as long. Either the rate falls continuously to 0 (class 1: IF, AdEx, Izhikevich;
   * there is no lowest rate, and the bisection finds the input whose rate the window can just resolve: the perfect
   * IF's 0.076 nA in 1 s, its rheobase being 0, AdEx's 654.7 pA, 627.3 pA analytic), or the first spikes come later
   * than the window near threshold (Pickett's neuristor fires at 8.9 MHz in the longer run, as at the first firing
   * input of its curve). One run. What {@code model fi}, {@code neuron fi} and the Studio's f-V curve check.
   *
   * @param rheobase the bisection's result
   * @param tolerance its tolerance
   * @param windowSeconds the measuring window (s)
   * @param unit the input's unit, for the reason ("1" for a dimensionless input, which is then written without one)
   * @param rateHz steady rate (Hz; 0 when it does not fire repetitively) at input x in a window of w seconds
   */
  public static String windowLimited(double rheobase, double tolerance, double windowSeconds, String unit,
      DoubleBinaryOperator rateHz) {
    double below = rheobase - tolerance;
    double longer = LONGER_WINDOW * windowSeconds;
    double rate = rateHz.applyAsDouble(below, longer);
    if (!(rate > 0)) {
      return null;
    }
    String u = unit.isEmpty() || unit.equals("1") ? "" : " " + unit;
    return "the window set it: " + Numbers.plain(below) + u + ", silent in the " + Numbers.plain(windowSeconds)
        + " s window, fires at " + Numbers.plain(rate) + " Hz in a " + Numbers.plain(longer) + " s one, so the "
        + "rheobase is below " + Numbers.plain(rheobase) + u + " (the rate falls continuously towards 0 Hz, "
        + "or the first spikes come later near threshold) and the bisection found only where the window first sees "
        + "repetitive firing; a longer --duration lowers the bound";
  }

  /** Smallest bisection tolerance relative to the bracket's magnitude: below it, doubles run out of digits. */
  public static final double MIN_RELATIVE_TOLERANCE = 1e-12;

  /** Most bisection steps (a bracket shrinks 2^60-fold long before). */
  public static final int MAX_BISECTIONS = 60;

  /**
   * Bisection for the threshold of a monotone predicate: {@code fires(lo)} false, {@code fires(hi)}
   * true; returns the midpoint of the final bracket (width below {@code tolerance}, which is floored
   * at {@link #MIN_RELATIVE_TOLERANCE} of max(|lo|, |hi|); at most {@link #MAX_BISECTIONS} steps).
   *
   * @throws IllegalArgumentException if the tolerance is not a positive finite number or lo &gt;= hi
   */
  public static double rheobase(DoublePredicate fires, double lo, double hi, double tolerance) {
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("the bisection tolerance must be a positive number, got " + tolerance);
    }
    return threshold(fires, lo, hi, tolerance, MIN_RELATIVE_TOLERANCE);
  }

  /**
   * The bisection shared by every threshold search (rheobase, strength-duration, f-V): {@code
   * fires(lo)} false, {@code fires(hi)} true; stops when the bracket is narrower than max(absTol,
   * relTol |hi|, {@link #MIN_RELATIVE_TOLERANCE} max(|lo|, |hi|)) or after {@link #MAX_BISECTIONS}
   * steps, and returns its midpoint.
   */
  public static double threshold(DoublePredicate fires, double lo, double hi, double absTol, double relTol) {
    double[] b = bracket(fires, lo, hi, absTol, relTol);
    return 0.5 * (b[0] + b[1]);
  }

  /**
   * The final bracket of {@link #threshold}'s bisection: {@code {lo, hi}}, the largest input found silent and the
   * smallest found firing (the first {@code lo} and {@code hi} when they are already close enough).
   */
  public static double[] bracket(DoublePredicate fires, double lo, double hi, double absTol, double relTol) {
    if (!(hi > lo) || Double.isInfinite(hi) || Double.isInfinite(lo)) {
      throw new IllegalArgumentException("the bisection needs finite lo < hi, got " + lo + " and " + hi);
    }
    double floor = MIN_RELATIVE_TOLERANCE * Math.max(Math.abs(lo), Math.abs(hi));
    for (int step = 0; step < MAX_BISECTIONS && hi - lo > Math.max(floor, Math.max(absTol, relTol * Math.abs(hi)));
        step++) {
      double mid = 0.5 * (lo + hi);
      if (fires.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return new double[] {lo, hi};
  }
}
