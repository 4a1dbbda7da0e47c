package org.neuristor.digits;

import java.util.SplittableRandom;
import org.neuristor.NeuristorException;

/**
 * A labelled image data set: pixel intensities scaled to [0, 1] (row-major, {@code rows x cols}
 * per sample) and class labels 0..classes-1.
 *
 * @param name short name (for messages)
 * @param images one float vector per sample, values in [0, 1]
 * @param labels class of each sample
 * @param rows image height
 * @param cols image width
 */
public record Dataset(String name, float[][] images, int[] labels, int rows, int cols) {
  public Dataset {
    if (images.length != labels.length) {
      throw NeuristorException.input(name + ": " + images.length + " images but " + labels.length + " labels");
    }
  }

  public int size() {
    return labels.length;
  }

  /**
   * Binomial standard error {@code sqrt(p (1 - p) / n)} of an accuracy p measured on n independent test
   * samples: how far the same classifier's accuracy moves between test sets of that size (not between seeds).
   */
  public static double standardError(double accuracy, int samples) {
    if (samples < 1) {
      return Double.NaN;
    }
    return Math.sqrt(accuracy * (1 - accuracy) / samples);
  }

  /**
   * Wilson's 95% score interval {@code {low, high}} of an accuracy p measured on n independent test samples (z = 1.96):
   * unlike {@code p +- 1.96} {@link #standardError}, it stays inside [0, 1] and does not shrink to a point at p = 0 or
   * 1 (9 of 10 right gives [0.596, 0.982], 10 of 10 [0.722, 1]). NaN for no samples.
   */
  public static double[] wilsonInterval95(double accuracy, int samples) {
    if (samples < 1) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double z = 1.959963984540054;
    double z2n = z * z / samples;
    double centre = (accuracy + z2n / 2) / (1 + z2n);
    double half = z / (1 + z2n) * Math.sqrt(accuracy * (1 - accuracy) / samples + z2n / (4 * samples));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * Sample standard deviation {@code sqrt(sum (a - mean)^2 / (n - 1))} of accuracies measured with different seeds
   * (each seed trains, draws its devices and its spikes anew): the spread the binomial {@link #standardError} of one
   * test set does not contain. NaN for fewer than two values.
   */
  public static double sampleStandardDeviation(double[] a) {
    if (a.length < 2) {
      return Double.NaN;
    }
    double mean = java.util.Arrays.stream(a).average().orElseThrow();
    double ss = 0;
    for (double v : a) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (a.length - 1));
  }

  /** Pixels per image. */
  public int features() {
    return rows * cols;
  }

  /** Number of classes (largest label + 1). */
  public int classes() {
    int m = 0;
    for (int l : labels) {
      m = Math.max(m, l);
    }
    return m + 1;
  }

  /** The samples at the given indices, in that order. */
  public Dataset subset(int[] idx, String newName) {
    float[][] x = new float[idx.length][];
    int[] y = new int[idx.length];
    for (int k = 0; k < idx.length; k++) {
      x[k] = images[idx[k]];
      y[k] = labels[idx[k]];
    }
    return new Dataset(newName, x, y, rows, cols);
  }

  /** The first n samples. */
  public Dataset head(int n) {
    int[] idx = new int[Math.min(n, size())];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = k;
    }
    return subset(idx, name);
  }

  /**
   * An evenly spaced subset of n samples (indices {@code floor(k size / n)}), or this set when n is
   * 0 or not smaller than its size: a fixed, class-balanced-enough test subset that does not depend on any seed.
   */
  public Dataset evenly(int n) {
    if (n <= 0 || n >= size()) {
      return this;
    }
    int[] idx = new int[n];
    for (int k = 0; k < n; k++) {
      idx[k] = (int) ((long) k * size() / n);
    }
    return subset(idx, name);
  }

  /**
   * A train/test pair: both non-empty, with images of the same size (a network trained on one image size cannot
   * read another; until round 20 a 10 x 10 training set with a 28 x 28 test set ran on the first 100 pixels).
   */
  public record Split(Dataset train, Dataset test) {
    public Split {
      if (train.size() == 0) {
        throw NeuristorException.input(train.name() + ": no samples to train on");
      }
      if (test.size() == 0) {
        throw NeuristorException.input(test.name() + ": no samples to test on"
            + (train.name().endsWith("-train") ? " (the held-out share of " + (train.size() + test.size())
                + " samples rounds to none in every class)" : ""));
      }
      if (train.rows() != test.rows() || train.cols() != test.cols()) {
        throw NeuristorException.input(test.name() + ": images of " + test.rows() + " x " + test.cols()
            + " pixels, but the training images (" + train.name() + ") are " + train.rows() + " x " + train.cols());
      }
    }
  }

  /**
   * Fixed, seeded, stratified split: the samples of each class are shuffled (Fisher-Yates with
   * {@code SplittableRandom(seed)}, classes in ascending order) and the last
   * {@code round(testFraction * n_class)} of each class go to the test set; both sets are then
   * listed in ascending original index. Independent of anything but the data, the fraction and the seed.
   */
  public Split stratifiedSplit(double testFraction, long seed) {
    if (size() == 0) {
      throw NeuristorException.input(name + ": no samples");
    }
    int c = classes();
    int[] count = new int[c];
    for (int l : labels) {
      count[l]++;
    }
    boolean[] isTest = new boolean[size()];
    SplittableRandom r = new SplittableRandom(seed);
    for (int k = 0; k < c; k++) {
      int[] members = new int[count[k]];
      int m = 0;
      for (int i = 0; i < size(); i++) {
        if (labels[i] == k) {
          members[m++] = i;
        }
      }
      for (int i = m - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = members[i];
        members[i] = members[j];
        members[j] = t;
      }
      int nTest = (int) Math.round(testFraction * m);
      for (int i = m - nTest; i < m; i++) {
        isTest[members[i]] = true;
      }
    }
    int nTest = 0;
    for (boolean b : isTest) {
      nTest += b ? 1 : 0;
    }
    int[] tr = new int[size() - nTest];
    int[] te = new int[nTest];
    int a = 0;
    int b = 0;
    for (int i = 0; i < size(); i++) {
      if (isTest[i]) {
        te[b++] = i;
      } else {
        tr[a++] = i;
      }
    }
    return new Split(subset(tr, name + "-train"), subset(te, name + "-test"));
  }
}
