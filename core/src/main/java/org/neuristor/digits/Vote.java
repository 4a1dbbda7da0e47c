package org.neuristor.digits;

/**
 * The class a classifier's outputs choose, and the tally of a test set, with ties said out loud. The winner is the
 * output with the largest score; among outputs that share it, the one with the largest secondary score (e.g. the
 * spiking classifier's final membrane voltage) when one is given. An output layer that is still tied (typically a
 * silent one: every neuron at zero spikes and at the same voltage) chooses no class ({@link #NONE}): such a sample is
 * counted as wrong and reported as undecided, never as a guess of the first tied class (until round 20 a silent
 * output layer predicted class 0 for every digit, and a network that never fired scored the share of zeros in the
 * test set).
 */
public final class Vote {
  private Vote() {}

  /** The prediction of a sample whose outputs tie: no class. */
  public static final int NONE = -1;

  /**
   * Index of the largest {@code primary} score; among equal ones the largest {@code secondary} (may be null); or
   * {@link #NONE} when the top is still shared.
   */
  public static int winner(double[] primary, double[] secondary) {
    int best = NONE;
    boolean tied = false;
    for (int i = 0; i < primary.length; i++) {
      if (best == NONE) {
        best = i;
        continue;
      }
      int c = compare(primary[i], primary[best]);
      if (c == 0 && secondary != null) {
        c = compare(secondary[i], secondary[best]);
      }
      if (c > 0) {
        best = i;
        tied = false;
      } else if (c == 0) {
        tied = true;
      }
    }
    return tied ? NONE : best;
  }

  /** Numeric order in which 0.0 and -0.0 are equal (Double.compare would rank them). */
  private static int compare(double a, double b) {
    return a > b ? 1 : a == b ? 0 : -1;
  }

  /**
   * A test set's outcome.
   *
   * @param confusion samples per (true class, predicted class), decided samples only
   * @param undecided samples per true class for which no class was chosen
   * @param correct correctly classified samples
   * @param samples all samples (decided or not)
   */
  public record Tally(int[][] confusion, int[] undecided, int correct, int samples) {
    /** Correct over all samples: an undecided sample counts as wrong. NaN for no samples. */
    public double accuracy() {
      return samples == 0 ? Double.NaN : correct / (double) samples;
    }

    /** Samples for which no class was chosen. */
    public int undecidedTotal() {
      int n = 0;
      for (int u : undecided) {
        n += u;
      }
      return n;
    }
  }

  /** A classifier's outcome on a test set, read through its {@link Tally}. */
  public interface Classified {
    Tally tally();

    /** Correct over all samples (undecided ones count as wrong). */
    default double accuracy() {
      return tally().accuracy();
    }

    /** Decided samples per (true, predicted) class. */
    default int[][] confusion() {
      return tally().confusion();
    }

    /** Samples for which no class was chosen. */
    default int undecidedSamples() {
      return tally().undecidedTotal();
    }

    /** Binomial standard error of {@link #accuracy} over the test samples ({@link Dataset#standardError}). */
    default double accuracyStandardError() {
      return Dataset.standardError(accuracy(), tally().samples());
    }

    /** Wilson's 95% interval {low, high} of {@link #accuracy} over the test samples ({@link Dataset#wilsonInterval95}). */
    default double[] accuracyInterval95() {
      return Dataset.wilsonInterval95(accuracy(), tally().samples());
    }
  }

  /** Tallies predictions ({@link #NONE} for undecided) against the labels over {@code classes} classes. */
  public static Tally tally(int[] predicted, int[] labels, int classes) {
    int[][] conf = new int[classes][classes];
    int[] undecided = new int[classes];
    int ok = 0;
    for (int s = 0; s < predicted.length; s++) {
      if (predicted[s] == NONE) {
        undecided[labels[s]]++;
        continue;
      }
      conf[labels[s]][predicted[s]]++;
      ok += predicted[s] == labels[s] ? 1 : 0;
    }
    return new Tally(conf, undecided, ok, predicted.length);
  }
}
