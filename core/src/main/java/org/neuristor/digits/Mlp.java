package org.neuristor.digits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import org.neuristor.network.CounterRng;
import org.neuristor.network.Crossbar;
import org.neuristor.util.Tasks;

/**
 * A two-layer rate network {@code in -> hidden (ReLU) -> out}, without biases (so that it maps onto
 * a crossbar plus integrate-and-fire neurons with nothing but weights, as in Diehl et al., IJCNN 2015),
 * trained by mini-batch Adam on the softmax cross-entropy.
 *
 * <p>Deterministic whatever the number of threads: every mini-batch is cut into a fixed number of
 * shards whose gradients are computed independently (in parallel when threads &gt; 1) and summed
 * in shard order; the shuffling and the augmentation shifts are seeded functions of (seed, epoch, sample).
 */
public final class Mlp {
  /** Shards per mini-batch: fixed, so the summation order does not depend on the thread count. */
  private static final int SHARDS = 8;

  private final int nIn;
  private final int nHid;
  private final int nOut;
  /** Input-to-hidden weights, row-major {@code [in][hid]}. */
  public final double[] w1;
  /** Hidden-to-output weights, row-major {@code [hid][out]}. */
  public final double[] w2;

  /** Training settings. */
  public record Options(int epochs, int batch, double learningRate, int maxShift, long seed, int threads) {}

  public Mlp(int nIn, int nHid, int nOut, long seed) {
    this.nIn = nIn;
    this.nHid = nHid;
    this.nOut = nOut;
    w1 = new double[nIn * nHid];
    w2 = new double[nHid * nOut];
    SplittableRandom r = new SplittableRandom(seed);
    double s1 = Math.sqrt(2.0 / nIn);
    double s2 = Math.sqrt(2.0 / nHid);
    for (int i = 0; i < w1.length; i++) {
      w1[i] = s1 * Crossbar.gauss(r);
    }
    for (int i = 0; i < w2.length; i++) {
      w2[i] = s2 * Crossbar.gauss(r);
    }
  }


  public int inputs() {
    return nIn;
  }

  public int hidden() {
    return nHid;
  }

  public int outputs() {
    return nOut;
  }

  /** Hidden activations (ReLU) of x into h. */
  public void hiddenOf(float[] x, double[] h) {
    Arrays.fill(h, 0);
    for (int i = 0; i < nIn; i++) {
      double xi = x[i];
      if (xi != 0) {
        int o = i * nHid;
        for (int j = 0; j < nHid; j++) {
          h[j] += xi * w1[o + j];
        }
      }
    }
    for (int j = 0; j < nHid; j++) {
      h[j] = Math.max(h[j], 0);
    }
  }

  /** Output pre-activations (logits) of hidden activations h into z. */
  public void outputOf(double[] h, double[] z) {
    Arrays.fill(z, 0);
    for (int j = 0; j < nHid; j++) {
      double hj = h[j];
      if (hj != 0) {
        int o = j * nOut;
        for (int k = 0; k < nOut; k++) {
          z[k] += hj * w2[o + k];
        }
      }
    }
  }

  /** Predicted class of x. */
  public int predict(float[] x) {
    double[] h = new double[nHid];
    double[] z = new double[nOut];
    hiddenOf(x, h);
    outputOf(h, z);
    return argmax(z);
  }

  static int argmax(double[] z) {
    int b = 0;
    for (int k = 1; k < z.length; k++) {
      if (z[k] > z[b]) {
        b = k;
      }
    }
    return b;
  }

  /** Fraction of the data set classified correctly. */
  public double accuracy(Dataset d) {
    int ok = 0;
    for (int i = 0; i < d.size(); i++) {
      ok += predict(d.images()[i]) == d.labels()[i] ? 1 : 0;
    }
    return ok / (double) d.size();
  }

  /** Shifts a rows x cols image by (dx, dy) pixels, filling with 0. */
  static void shift(float[] src, float[] dst, int rows, int cols, int dx, int dy) {
    Arrays.fill(dst, 0);
    for (int r = 0; r < rows; r++) {
      int rs = r - dy;
      if (rs < 0 || rs >= rows) {
        continue;
      }
      for (int c = 0; c < cols; c++) {
        int cs = c - dx;
        if (cs >= 0 && cs < cols) {
          dst[r * cols + c] = src[rs * cols + cs];
        }
      }
    }
  }

  /**
   * Trains on d; {@code progress} receives the number of samples done after each mini-batch.
   * Returns the mean training loss of each epoch.
   */
  public double[] train(Dataset d, Options o, IntConsumer progress) {
    double[] m1 = new double[w1.length];
    double[] v1 = new double[w1.length];
    double[] m2 = new double[w2.length];
    double[] v2 = new double[w2.length];
    double b1 = 0.9;
    double b2 = 0.999;
    long[] t = {0};
    return train(d, o, progress, (g1, g2, bs) -> {
      t[0]++;
      double lr = o.learningRate() * Math.sqrt(1 - Math.pow(b2, t[0])) / (1 - Math.pow(b1, t[0]));
      adam(w1, g1, m1, v1, bs, lr, b1, b2);
      adam(w2, g2, m2, v2, bs, lr, b1, b2);
    });
  }

  /** What to do with the summed gradient of a mini-batch of bs samples. */
  public interface Update {
    void apply(double[] g1, double[] g2, int bs);
  }

  /** Sample order of an epoch: a Fisher-Yates shuffle seeded by (seed, stream, epoch). */
  static int[] epochOrder(int n, long seed, long stream, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(CounterRng.hash(seed, stream, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  /**
   * Mini-batch training with a given update rule: for every batch the gradient of the summed loss
   * (computed in fixed shards, so independent of the thread count) is passed to {@code update},
   * which changes {@link #w1} and {@link #w2}. Returns the mean loss of each epoch.
   */
  public double[] train(Dataset d, Options o, IntConsumer progress, Update update) {
    int n = d.size();
    int threads = Math.max(1, o.threads());
    ExecutorService pool = threads > 1 ? Tasks.daemonPool(threads, "mlp-train") : null;
    double[][] g1 = new double[SHARDS][w1.length];
    double[][] g2 = new double[SHARDS][w2.length];
    double[] lossShard = new double[SHARDS];
    double[] losses = new double[o.epochs()];
    int done = 0;
    try {
      for (int e = 0; e < o.epochs(); e++) {
        int[] order = epochOrder(n, o.seed(), 1, e);
        double lossSum = 0;
        final int epoch = e;
        for (int start = 0; start < n; start += o.batch()) {
          final int bs = Math.min(o.batch(), n - start);
          final int s0 = start;
          List<Callable<Void>> tasks = new ArrayList<>();
          for (int s = 0; s < SHARDS; s++) {
            final int shard = s;
            tasks.add(() -> {
              lossShard[shard] = shardGradient(d, order, s0 + shard * bs / SHARDS, s0 + (shard + 1) * bs / SHARDS,
                  g1[shard], g2[shard], o, epoch);
              return null;
            });
          }
          Tasks.run(pool, tasks);
          for (int s = 1; s < SHARDS; s++) {
            add(g1[0], g1[s]);
            add(g2[0], g2[s]);
          }
          for (int s = 0; s < SHARDS; s++) {
            lossSum += lossShard[s];
          }
          update.apply(g1[0], g2[0], bs);
          done += bs;
          if (progress != null) {
            progress.accept(done);
          }
        }
        losses[e] = lossSum / n;
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return losses;
  }

  private static void add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
  }

  private static void adam(double[] w, double[] g, double[] m, double[] v, int bs, double lr, double b1, double b2) {
    double inv = 1.0 / bs;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i] * inv;
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      w[i] -= lr * m[i] / (Math.sqrt(v[i]) + 1e-8);
    }
  }

  /** Gradient (summed, not averaged) of samples order[from..to) into g1, g2; returns the summed loss. */
  private double shardGradient(Dataset d, int[] order, int from, int to, double[] g1, double[] g2, Options o,
      int epoch) {
    Arrays.fill(g1, 0);
    Arrays.fill(g2, 0);
    double[] h = new double[nHid];
    double[] z = new double[nOut];
    double[] dh = new double[nHid];
    float[] xs = new float[nIn];
    double loss = 0;
    for (int q = from; q < to; q++) {
      int idx = order[q];
      float[] x = d.images()[idx];
      if (o.maxShift() > 0) {
        long hs = CounterRng.hash(o.seed(), 2 + epoch, idx);
        int span = 2 * o.maxShift() + 1;
        int dx = (int) Long.remainderUnsigned(hs, span) - o.maxShift();
        int dy = (int) Long.remainderUnsigned(hs >>> 20, span) - o.maxShift();
        shift(x, xs, d.rows(), d.cols(), dx, dy);
        x = xs;
      }
      hiddenOf(x, h);
      outputOf(h, z);
      double mx = z[argmax(z)];
      double sum = 0;
      for (int k = 0; k < nOut; k++) {
        z[k] = Math.exp(z[k] - mx);
        sum += z[k];
      }
      int y = d.labels()[idx];
      loss -= Math.log(z[y] / sum);
      for (int k = 0; k < nOut; k++) {
        z[k] = z[k] / sum - (k == y ? 1 : 0); // dL/dlogit
      }
      Arrays.fill(dh, 0);
      for (int j = 0; j < nHid; j++) {
        double hj = h[j];
        if (hj > 0) {
          int off = j * nOut;
          double acc = 0;
          for (int k = 0; k < nOut; k++) {
            g2[off + k] += hj * z[k];
            acc += w2[off + k] * z[k];
          }
          dh[j] = acc;
        }
      }
      for (int i = 0; i < nIn; i++) {
        double xi = x[i];
        if (xi != 0) {
          int off = i * nHid;
          for (int j = 0; j < nHid; j++) {
            g1[off + j] += xi * dh[j];
          }
        }
      }
    }
    return loss;
  }

  /**
   * The p-quantile (e.g. 0.999) of the positive hidden activations and of the positive output
   * logits over the data set (Rueckauer et al. 2017 robust variant of the data-based normalization
   * of Diehl et al. 2015); returns {lambda_hidden, lambda_output}.
   */
  public double[] activationScales(Dataset d, double p, int maxSamples) {
    int n = Math.min(maxSamples, d.size());
    double[] h = new double[nHid];
    double[] z = new double[nOut];
    double[] hs = new double[n * nHid];
    double[] zs = new double[n * nOut];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      hiddenOf(d.images()[i], h);
      outputOf(h, z);
      for (double v : h) {
        if (v > 0) {
          hs[a++] = v;
        }
      }
      for (double v : z) {
        if (v > 0) {
          zs[b++] = v;
        }
      }
    }
    return new double[] {quantile(hs, a, p), quantile(zs, b, p)};
  }

  private static double quantile(double[] v, int n, double p) {
    if (n == 0) {
      return 1;
    }
    double[] c = Arrays.copyOf(v, n);
    Arrays.sort(c);
    return c[Math.min(n - 1, (int) Math.floor(p * (n - 1)))];
  }
}
