package org.neuristor.measure;

import java.util.Locale;
import java.util.function.DoublePredicate;
import org.neuristor.NeuristorException;

/**
 * The all-or-nothing test: the response amplitude (peak of the output above its resting value) against
 * the stimulus amplitude. A neuron is all-or-nothing when the responses split at one stimulus
 * threshold into small graded ones below and a plateau of near-equal spikes above: the jump at the
 * threshold is at least half of the largest response, and the responses above it stay within
 * {@link #PLATEAU_SPREAD} of their mean.
 *
 * <p>When it is known which stimuli made the neuron spike ({@link #of(double[], double[], boolean[])}),
 * the threshold lies between the largest silent stimulus below the first spiking one and that one (the bracket
 * {@code thresholdBelow}, {@code thresholdAbove}); it is NaN, with the reason, when no stimulus spiked or the lowest
 * already did (the threshold is then outside the tested range). {@link #refined} narrows the bracket by bisection;
 * the threshold is the bracket's midpoint, so within half its width of the true one. Without that knowledge ({@link
 * #of(double[], double[])}) the threshold sits at the largest jump of the responses.
 *
 * @param stimuli stimulus amplitudes, ascending
 * @param responses response amplitude per stimulus
 * @param threshold midpoint of the bracket (NaN when it is not within the stimuli)
 * @param thresholdBelow the bracket's lower end: the largest stimulus found not to spike (NaN when no threshold)
 * @param thresholdAbove the bracket's upper end: the smallest stimulus found to spike (NaN when no threshold)
 * @param largestBelow largest response below the threshold (NaN when there is no threshold)
 * @param meanAbove mean response at and above the threshold (NaN when there is no threshold)
 * @param allOrNothing whether the criterion above holds
 * @param reason why the threshold is NaN, or null
 * @param spiked whether each stimulus made the neuron spike (null when not known)
 */
public record AllOrNothing(double[] stimuli, double[] responses, double threshold, double thresholdBelow,
    double thresholdAbove, double largestBelow, double meanAbove, boolean allOrNothing, String reason,
    boolean[] spiked) {

  /** Largest relative deviation from their mean allowed among the supra-threshold responses. */
  public static final double PLATEAU_SPREAD = 0.25;

  /** The test when spikes are not known separately: the threshold is at the largest jump of the responses. */
  public static AllOrNothing of(double[] stimuli, double[] responses) {
    check(stimuli, responses);
    int jump = 1;
    for (int k = 1; k < stimuli.length; k++) {
      if (responses[k] - responses[k - 1] > responses[jump] - responses[jump - 1]) {
        jump = k;
      }
    }
    return at(stimuli, responses, jump, null);
  }

  /**
   * The test with the spike outcome of each stimulus: the threshold lies between the last silent
   * stimulus and the first that spiked; none when nothing spiked or the lowest stimulus already did.
   */
  public static AllOrNothing of(double[] stimuli, double[] responses, boolean[] spiked) {
    check(stimuli, responses);
    if (spiked.length != stimuli.length) {
      throw NeuristorException.input("all-or-nothing: one spike outcome per stimulus");
    }
    int first = -1;
    for (int k = 0; k < spiked.length && first < 0; k++) {
      if (spiked[k]) {
        first = k;
      }
    }
    if (first < 0) {
      return none(stimuli, responses, spiked, String.format(Locale.ROOT,
          "no threshold: no pulse up to %.4g made the circuit spike", stimuli[stimuli.length - 1]));
    }
    if (first == 0) {
      return none(stimuli, responses, spiked, String.format(Locale.ROOT,
          "no threshold: the lowest amplitude %.4g already spikes", stimuli[0]));
    }
    return at(stimuli, responses, first, spiked);
  }

  private static void check(double[] stimuli, double[] responses) {
    int n = stimuli.length;
    if (n < 2 || responses.length != n) {
      throw NeuristorException.input("all-or-nothing: need at least two stimuli with one response each");
    }
    for (int k = 1; k < n; k++) {
      if (!(stimuli[k] > stimuli[k - 1])) {
        throw NeuristorException.input("all-or-nothing: stimuli must be ascending");
      }
    }
  }

  private static AllOrNothing none(double[] stimuli, double[] responses, boolean[] spiked, String reason) {
    return new AllOrNothing(stimuli.clone(), responses.clone(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, false, reason, spiked.clone());
  }

  /** The criterion with the threshold between stimulus {@code jump - 1} and {@code jump}. */
  private static AllOrNothing at(double[] stimuli, double[] responses, int jump, boolean[] spiked) {
    int n = stimuli.length;
    double max = 0;
    for (double r : responses) {
      max = Math.max(max, Math.abs(r));
    }
    double below = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < jump; k++) {
      below = Math.max(below, responses[k]);
    }
    double mean = 0;
    for (int k = jump; k < n; k++) {
      mean += responses[k];
    }
    mean /= n - jump;
    boolean plateau = true;
    for (int k = jump; k < n; k++) {
      plateau &= Math.abs(responses[k] - mean) <= PLATEAU_SPREAD * Math.abs(mean);
    }
    double step = responses[jump] - responses[jump - 1];
    boolean aon = max > 0 && step >= 0.5 * max && plateau;
    return new AllOrNothing(stimuli.clone(), responses.clone(), 0.5 * (stimuli[jump - 1] + stimuli[jump]),
        stimuli[jump - 1], stimuli[jump], below, mean, aon, null, spiked == null ? null : spiked.clone());
  }

  /**
   * This test with its threshold bracket narrowed by bisection ({@link FiCurve#bracket}) until it is narrower than
   * {@code relTol} times its upper end; {@code spikes} tells whether a stimulus makes the neuron spike. The
   * criterion (jump, plateau) stays on the given stimuli. Unchanged when there is no threshold.
   */
  public AllOrNothing refined(DoublePredicate spikes, double relTol) {
    if (Double.isNaN(threshold)) {
      return this;
    }
    double[] b = FiCurve.bracket(spikes, thresholdBelow, thresholdAbove, 0, relTol);
    return new AllOrNothing(stimuli, responses, 0.5 * (b[0] + b[1]), b[0], b[1], largestBelow, meanAbove,
        allOrNothing, reason, spiked);
  }
}
