package org.neuristor.analysis;

import org.neuristor.NeuristorException;

/**
 * The all-or-nothing test: the response amplitude (peak of the output above its resting value) against
 * the stimulus amplitude. A neuron is all-or-nothing when the responses split at one stimulus
 * threshold into small graded ones below and a plateau of near-equal spikes above: the jump at the
 * threshold is at least half of the largest response, and the responses above it stay within
 * {@link #PLATEAU_SPREAD} of their mean.
 *
 * @param stimuli stimulus amplitudes, ascending
 * @param responses response amplitude per stimulus
 * @param threshold midpoint of the two stimuli around the largest jump
 * @param largestBelow largest response below the threshold
 * @param meanAbove mean response at and above the threshold
 * @param allOrNothing whether the criterion above holds
 */
public record AllOrNothing(double[] stimuli, double[] responses, double threshold, double largestBelow,
    double meanAbove, boolean allOrNothing) {

  /** Largest relative deviation from their mean allowed among the supra-threshold responses. */
  public static final double PLATEAU_SPREAD = 0.25;

  public static AllOrNothing of(double[] stimuli, double[] responses) {
    int n = stimuli.length;
    if (n < 2 || responses.length != n) {
      throw NeuristorException.input("all-or-nothing: need at least two stimuli with one response each");
    }
    for (int k = 1; k < n; k++) {
      if (!(stimuli[k] > stimuli[k - 1])) {
        throw NeuristorException.input("all-or-nothing: stimuli must be ascending");
      }
    }
    int jump = 1;
    double max = Math.abs(responses[0]);
    for (int k = 1; k < n; k++) {
      max = Math.max(max, Math.abs(responses[k]));
      if (responses[k] - responses[k - 1] > responses[jump] - responses[jump - 1]) {
        jump = k;
      }
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
    return new AllOrNothing(stimuli.clone(), responses.clone(), 0.5 * (stimuli[jump - 1] + stimuli[jump]), below,
        mean, aon);
  }
}
