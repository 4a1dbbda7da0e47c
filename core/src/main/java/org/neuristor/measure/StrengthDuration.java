package org.neuristor.measure;

import java.util.stream.IntStream;
import org.neuristor.NeuristorException;
import org.neuristor.util.Numbers;

/**
 * Strength-duration curve: for each pulse duration, the smallest pulse amplitude that elicits a
 * spike (bisection between a silent and a firing amplitude), with the rheobase (the threshold of the
 * longest pulse, which should be several membrane time constants long) and the chronaxie (the
 * duration whose threshold is twice the rheobase, interpolated in log-duration).
 *
 * <p>For a leaky integrator with time constant tau the curve is A_th(d) = A_rh / (1 - exp(-d/tau)),
 * whose chronaxie is tau ln 2 (Lapicque); the tests check this closed form.
 *
 * @param durations pulse durations (s), ascending
 * @param thresholds threshold amplitude per duration (NaN where the highest amplitude did not fire)
 * @param rheobase threshold of the longest duration
 * @param chronaxie duration at twice the rheobase (NaN if not bracketed by the durations)
 */
public record StrengthDuration(double[] durations, double[] thresholds, double rheobase, double chronaxie) {

  /** Whether a pulse of this amplitude and duration makes the neuron spike; must be thread-safe. */
  @FunctionalInterface
  public interface Probe {
    boolean fires(double amplitude, double duration);
  }

  /**
   * Measures the curve, durations in parallel.
   *
   * @param lo an amplitude that never fires
   * @param hi the largest amplitude to try
   * @param relTol bisection stops when the bracket is below relTol times its upper end; at least
   *     {@link FiCurve#MIN_RELATIVE_TOLERANCE}, and at most {@link FiCurve#MAX_BISECTIONS} steps
   */
  public static StrengthDuration measure(Probe probe, double[] durations, double lo, double hi, double relTol) {
    if (durations.length == 0) {
      throw NeuristorException.input("strength-duration: no durations");
    }
    for (int k = 0; k < durations.length; k++) {
      if (!(durations[k] > 0) || (k > 0 && durations[k] <= durations[k - 1])) {
        throw NeuristorException.input("strength-duration: durations must be positive and ascending");
      }
    }
    if (!(hi > lo) || Double.isInfinite(hi) || Double.isInfinite(lo)) {
      throw NeuristorException.input("strength-duration: need finite amplitudes with max > min, got " + lo + " and "
          + hi);
    }
    if (!(relTol >= FiCurve.MIN_RELATIVE_TOLERANCE) || !(relTol < 1)) {
      throw NeuristorException.input("strength-duration: the relative tolerance must be in [" 
          + FiCurve.MIN_RELATIVE_TOLERANCE + ", 1), got " + relTol);
    }
    double[] th = new double[durations.length];
    IntStream.range(0, durations.length).parallel().forEach(k -> th[k] = threshold(probe, durations[k], lo, hi,
        relTol));
    return of(durations, th);
  }

  /**
   * The curve from thresholds measured elsewhere (e.g. a few durations at a time): the rheobase is
   * the last threshold, the chronaxie is interpolated as in {@link #measure}.
   */
  public static StrengthDuration of(double[] durations, double[] thresholds) {
    if (durations.length == 0 || thresholds.length != durations.length) {
      throw NeuristorException.input("strength-duration: need one threshold per duration");
    }
    double rheo = thresholds[thresholds.length - 1];
    return new StrengthDuration(durations.clone(), thresholds.clone(), rheo, chronaxie(durations, thresholds, rheo));
  }

  static double threshold(Probe probe, double d, double lo, double hi, double relTol) {
    if (!probe.fires(hi, d)) {
      return Double.NaN;
    }
    if (probe.fires(lo, d)) {
      throw NeuristorException.input("strength-duration: the lowest amplitude " + lo + " already fires at "
          + d + " s; lower it");
    }
    return FiCurve.threshold(a -> probe.fires(a, d), lo, hi, 0, relTol);
  }

  /**
   * Why this curve's rheobase is not the neuron's, or null. The rheobase is the threshold of the longest pulse, which
   * is the rheobase only when the threshold has stopped falling there: the amplitude {@code relTol} below it (below
   * the bisection's silent end, so silent in the longest pulse) is tried once in a pulse {@link
   * FiCurve#LONGER_WINDOW} times as long; if it fires, the threshold still falls and the rheobase is below it. Also
   * when the longest pulse did not fire at all. What {@code neuron sd} and the Studio's strength-duration curve check.
   */
  public String rheobaseReason(Probe probe, double relTol) {
    double longest = durations[durations.length - 1];
    if (Double.isNaN(rheobase)) {
      return "the longest width (" + Numbers.plain(longest) + " s) did not fire up to --max";
    }
    double below = rheobase * (1 - relTol);
    double longer = FiCurve.LONGER_WINDOW * longest;
    if (!probe.fires(below, longer)) {
      return null;
    }
    return "the threshold still falls at the longest width: " + Numbers.plain(below) + " V, silent in the "
        + Numbers.plain(longest) + " s pulse, fires in a " + Numbers.plain(longer) + " s one, so the rheobase is "
        + "below " + Numbers.plain(rheobase) + " V; add a longer width (several membrane time constants)";
  }

  /** Why {@link #chronaxie} is NaN when the rheobase is {@code rheobaseReason == null}, or null. */
  public String chronaxieReason(String rheobaseReason) {
    if (rheobaseReason != null) {
      return "no rheobase to double";
    }
    if (Double.isNaN(chronaxie)) {
      return "twice the rheobase (" + Numbers.plain(2 * rheobase) + " V) is not between two measured thresholds; "
          + "add shorter widths";
    }
    return null;
  }

  /** Duration where the threshold falls to twice the rheobase, interpolated in log-duration. */
  static double chronaxie(double[] d, double[] th, double rheo) {
    double target = 2 * rheo;
    for (int k = 1; k < d.length; k++) {
      double a = th[k - 1];
      double b = th[k];
      if (Double.isFinite(b) && b <= target && (Double.isNaN(a) || a > target)) {
        if (Double.isNaN(a)) {
          return Double.NaN; // not bracketed: the shorter pulse did not fire at all
        }
        double f = (a - target) / (a - b);
        return Math.exp(Math.log(d[k - 1]) + f * (Math.log(d[k]) - Math.log(d[k - 1])));
      }
    }
    return Double.NaN;
  }
}
