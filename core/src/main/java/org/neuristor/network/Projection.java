package org.neuristor.network;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.neuristor.NeuristorException;

/**
 * Synapses from one population to a receptor channel of another, in compressed sparse row (CSR)
 * form by presynaptic neuron: the targets of pre neuron j are {@code post[rowPtr[j] ..
 * rowPtr[j+1])}, ascending, with float weights (channel unit: V, A or S) and delays in steps
 * (one per projection, or a short per synapse when they differ). Memory: 8 bytes per synapse
 * (int target + float weight), 10 with per-synapse delays, plus 4 bytes per pre neuron and chunk.
 *
 * <p>Delivery is split by post-synaptic chunk: {@code chunkPtr[j * (K+1) + k]} is where row j's
 * targets inside chunk k begin, so chunk k's task writes only its own neurons' ring slots, without
 * locks. Every post neuron receives its inputs in spike order then row order whatever the chunking,
 * so sums are bit-identical for any thread count.
 */
public final class Projection {
  final String name;
  final Population pre;
  final Population post;
  final Channel channel;
  final int[] rowPtr;
  final int[] postIdx;
  final float[] weight;
  final short[] delay;
  final int delayConst;
  final int maxDelaySteps;
  int[] chunkPtr;
  int chunks;
  /**
   * Whether every weight is {@code weight[0]} and stays so: a constant weight, and nobody has taken the live array
   * ({@link #weights()}), whose holder may write into it. Delivery then adds that one value and reads no weight
   * array, which halves the synapse bytes it streams (the same sums: the same float widened to double).
   */
  private boolean uniform;

  private Projection(String name, Population pre, Population post, Channel channel, int[] rowPtr, int[] postIdx,
      float[] weight, short[] delay, int delayConst, int maxDelaySteps) {
    this.name = name;
    this.pre = pre;
    this.post = post;
    this.channel = channel;
    this.rowPtr = rowPtr;
    this.postIdx = postIdx;
    this.weight = weight;
    this.delay = delay;
    this.delayConst = delayConst;
    this.maxDelaySteps = maxDelaySteps;
  }

  public String name() {
    return name;
  }

  public Population pre() {
    return pre;
  }

  public Population post() {
    return post;
  }

  public Channel channel() {
    return channel;
  }

  /** Number of synapses. */
  public int synapses() {
    return postIdx.length;
  }

  /** CSR row pointers (length n_pre + 1), live. */
  public int[] rowPointers() {
    return rowPtr;
  }

  /** Target neuron of each synapse, live. */
  public int[] targets() {
    return postIdx;
  }

  /** Weight of each synapse, live: crossbars write device conductances (scaled) into it. */
  public float[] weights() {
    uniform = false;
    return weight;
  }

  /** Heap bytes held by the synapse arrays. */
  public long bytes() {
    return 4L * rowPtr.length + 4L * postIdx.length + 4L * weight.length + (delay == null ? 0 : 2L * delay.length)
        + (chunkPtr == null ? 0 : 4L * chunkPtr.length);
  }

  private static int steps(double seconds, double dt, String name) {
    if (!(seconds >= 0)) {
      throw NeuristorException.input("projection '" + name + "': delays must be >= 0 s, got " + seconds);
    }
    long d = Math.round(seconds / dt);
    if (d > Short.MAX_VALUE) {
      throw NeuristorException.input("projection '" + name + "': delay " + seconds + " s exceeds "
          + Short.MAX_VALUE + " steps");
    }
    return (int) d;
  }

  /** Builds the synapses; {@code stream} distinguishes projections in the seeded draws. */
  static Projection build(String name, Population pre, Population post, Channel channel, Connector c, Dist w,
      Dist delaySeconds, long seed, long stream, double dt) {
    int nPre = pre.size;
    int nPost = post.size;
    boolean same = pre == post;
    int[] rowPtr = new int[nPre + 1];
    int[] idx;
    double[] explicitW = null;
    double[] explicitD = null;
    if (c instanceof Connector.Explicit e) {
      if (e.pre().length != e.post().length) {
        throw NeuristorException.input("projection '" + name + "': pre and post lists differ in length");
      }
      int m = e.pre().length;
      Integer[] order = new Integer[m];
      for (int k = 0; k < m; k++) {
        if (e.pre()[k] < 0 || e.pre()[k] >= nPre || e.post()[k] < 0 || e.post()[k] >= nPost) {
          throw NeuristorException.input("projection '" + name + "': synapse " + k + " (" + e.pre()[k] + " -> "
              + e.post()[k] + ") is out of range (" + nPre + " x " + nPost + ")");
        }
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> e.pre()[a] != e.pre()[b] ? Integer.compare(e.pre()[a], e.pre()[b])
          : e.post()[a] != e.post()[b] ? Integer.compare(e.post()[a], e.post()[b]) : Integer.compare(a, b));
      idx = new int[m];
      if (e.weights() != null) {
        explicitW = new double[m];
      }
      if (e.delaysSeconds() != null) {
        explicitD = new double[m];
      }
      for (int k = 0; k < m; k++) {
        int o = order[k];
        rowPtr[e.pre()[o] + 1]++;
        idx[k] = e.post()[o];
        if (explicitW != null) {
          explicitW[k] = e.weights()[o];
        }
        if (explicitD != null) {
          explicitD[k] = e.delaysSeconds()[o];
        }
      }
      for (int j = 0; j < nPre; j++) {
        rowPtr[j + 1] += rowPtr[j];
      }
    } else if (c instanceof Connector.FixedProbability f && f.p() > 0 && f.p() < 1) {
      // one pass straight into a growing buffer (the same draws as row(), which counts then fills)
      double expected = f.p() * nPre * (double) nPost;
      int[] buf = new int[(int) Math.min(Integer.MAX_VALUE - 8, expected + 6 * Math.sqrt(expected) + 16)];
      int total = 0;
      double lq = Math.log1p(-f.p());
      int skip = same && !f.allowSelf() ? -1 : Integer.MIN_VALUE;
      for (int j = 0; j < nPre; j++) {
        // one call per row (a small method the JIT compiles after a few thousand rows, rather than an
        // on-stack compilation of this whole method while it runs)
        int got = drawRow(new SplittableRandom(CounterRng.hash(seed, stream, j)), lq, nPost, skip == -1 ? j : skip,
            buf, total);
        while (got < 0) { // the buffer is full: grow it and draw the row again (same generator, same draws)
          if (buf.length >= Integer.MAX_VALUE - 8) {
            throw NeuristorException.input("projection '" + name + "': more than 2^31 synapses");
          }
          buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, buf.length + (buf.length >> 2) + 16L));
          got = drawRow(new SplittableRandom(CounterRng.hash(seed, stream, j)), lq, nPost, skip == -1 ? j : skip,
              buf, total);
        }
        total = got;
        rowPtr[j + 1] = total;
      }
      idx = total == buf.length ? buf : Arrays.copyOf(buf, total);
    } else {
      if (c instanceof Connector.OneToOne && nPre != nPost) {
        throw NeuristorException.input("projection '" + name + "': one_to_one needs equal sizes, got " + nPre
            + " and " + nPost);
      }
      long total = 0;
      for (int j = 0; j < nPre; j++) {
        total += row(c, j, nPost, same, seed, stream, null, 0);
        if (total > Integer.MAX_VALUE - 8) {
          throw NeuristorException.input("projection '" + name + "': more than 2^31 synapses");
        }
        rowPtr[j + 1] = (int) total;
      }
      idx = new int[(int) total];
      for (int j = 0; j < nPre; j++) {
        row(c, j, nPost, same, seed, stream, idx, rowPtr[j]);
      }
    }
    int m = idx.length;
    float[] weight = new float[m];
    boolean constDelay = explicitD == null && delaySeconds.isConstant();
    short[] delay = constDelay ? null : new short[m];
    int delayConst = constDelay ? steps(delaySeconds.a(), dt, name) : 0;
    int maxD = delayConst;
    if (explicitW == null && w.isConstant() && delay == null) {
      fill(weight, (float) w.a()); // nothing drawn: no generator per row
      Projection p = new Projection(name, pre, post, channel, rowPtr, idx, weight, null, delayConst, maxD);
      p.uniform = m > 0;
      return p;
    }
    for (int j = 0; j < nPre; j++) {
      SplittableRandom r = new SplittableRandom(CounterRng.hash(seed, stream | (1L << 40), j));
      for (int k = rowPtr[j]; k < rowPtr[j + 1]; k++) {
        weight[k] = (float) (explicitW != null ? explicitW[k] : w.draw(r));
        if (delay != null) {
          int d = steps(explicitD != null ? explicitD[k] : delaySeconds.draw(r), dt, name);
          delay[k] = (short) d;
          maxD = Math.max(maxD, d);
        }
      }
    }
    return new Projection(name, pre, post, channel, rowPtr, idx, weight, delay, delayConst, maxD);
  }

  /** Generates row j's targets (ascending) into out (if not null); returns their number. */
  private static int row(Connector c, int j, int nPost, boolean same, long seed, long stream, int[] out, int at) {
    int n = 0;
    if (c instanceof Connector.AllToAll a) {
      for (int i = 0; i < nPost; i++) {
        if (same && !a.allowSelf() && i == j) {
          continue;
        }
        if (out != null) {
          out[at + n] = i;
        }
        n++;
      }
    } else if (c instanceof Connector.OneToOne) {
      if (out != null) {
        out[at] = j;
      }
      n = 1;
    } else {
      Connector.FixedProbability f = (Connector.FixedProbability) c;
      double p = f.p();
      if (p <= 0) {
        return 0;
      }
      SplittableRandom r = new SplittableRandom(CounterRng.hash(seed, stream, j));
      if (p >= 1) {
        return row(new Connector.AllToAll(f.allowSelf()), j, nPost, same, seed, stream, out, at);
      }
      // geometric skipping: the gap to the next target is Geometric(p), cost ~ number of synapses
      double lq = Math.log1p(-p);
      long i = -1;
      while (true) {
        i = nextTarget(r, i, lq);
        if (i >= nPost) {
          break;
        }
        if (same && !f.allowSelf() && i == j) {
          continue;
        }
        if (out != null) {
          out[at + n] = (int) i;
        }
        n++;
      }
    }
    return n;
  }

  /** Splits every row at the post chunk boundaries {@code starts} (K+1 values, 0 .. n_post). */
  void chunk(int[] starts) {
    int k1 = starts.length;
    chunks = k1 - 1;
    int nPre = pre.size;
    chunkPtr = new int[nPre * k1];
    for (int j = 0; j < nPre; j++) {
      int q = rowPtr[j];
      int end = rowPtr[j + 1];
      chunkPtr[j * k1] = q;
      // the inner bounds only: the first chunk starts at the row's start and the last ends at its end (with one
      // chunk, scanning up to the last bound walked every synapse once, in a cold JVM's interpreter)
      for (int k = 1; k < k1 - 1; k++) {
        int bound = starts[k];
        while (q < end && postIdx[q] < bound) {
          q++;
        }
        chunkPtr[j * k1 + k] = q;
      }
      if (k1 > 1) {
        chunkPtr[j * k1 + k1 - 1] = end;
      }
    }
  }

  /**
   * {@code a} filled with {@code v} by doubling copies: the same array as {@link Arrays#fill(float[], float)}, in
   * a few native copies instead of a loop that a cold JVM interprets (COBA: 205,000 weights in its largest
   * projection) and then compiles on the stack.
   */
  static void fill(float[] a, float v) {
    if (a.length == 0) {
      return;
    }
    a[0] = v;
    for (int n = 1; n < a.length; n += Math.min(n, a.length - n)) {
      System.arraycopy(a, 0, a, n, Math.min(n, a.length - n));
    }
  }

  /**
   * Adds the weights of the pre population's last spikes into chunk k's ring slots (or, for a
   * direct channel, into its state). The inner loop is a plain gather-add over one CSR row segment:
   * no branch, no division per synapse.
   */
  void deliver(long step, int k) {
    int[] sp = pre.spikes;
    int ns = pre.spikeCount;
    if (ns == 0) {
      return;
    }
    int k1 = chunks + 1;
    int[] cp = chunkPtr;
    int[] tgt = postIdx;
    float[] w = weight;
    if (channel.ring == null) {
      double[] st = channel.state;
      if (uniform) {
        double wu = w[0];
        for (int s = 0; s < ns; s++) {
          int base = sp[s] * k1 + k;
          int end = cp[base + 1];
          for (int q = cp[base]; q < end; q++) {
            st[tgt[q]] += wu;
          }
        }
        return;
      }
      for (int s = 0; s < ns; s++) {
        int base = sp[s] * k1 + k;
        int end = cp[base + 1];
        for (int q = cp[base]; q < end; q++) {
          st[tgt[q]] += w[q];
        }
      }
      return;
    }
    double[] ring = channel.ring;
    int slots = channel.slots;
    int n = post.size;
    int now = (int) (step % slots);
    if (delay == null) {
      int sl = now + delayConst;
      int off = (sl >= slots ? sl - slots : sl) * n;
      for (int s = 0; s < ns; s++) {
        int base = sp[s] * k1 + k;
        int end = cp[base + 1];
        for (int q = cp[base]; q < end; q++) {
          ring[off + tgt[q]] += w[q];
        }
      }
    } else {
      short[] d = delay;
      for (int s = 0; s < ns; s++) {
        int base = sp[s] * k1 + k;
        int end = cp[base + 1];
        for (int q = cp[base]; q < end; q++) {
          int sl = now + d[q]; // < 2 slots: delays are < slots
          ring[(sl >= slots ? sl - slots : sl) * n + tgt[q]] += w[q];
        }
      }
    }
  }

  /**
   * One row of fixed-probability connectivity by geometric skipping: the targets below {@code nPost} except
   * {@code self} (Integer.MIN_VALUE: none) into {@code buf} from {@code at}; returns the new end, or -1 if
   * {@code buf} is too small (nothing is kept then: the caller grows it and draws the row again).
   */
  private static int drawRow(SplittableRandom r, double lq, int nPost, int self, int[] buf, int at) {
    long i = -1;
    int total = at;
    while (true) {
      i = nextTarget(r, i, lq);
      if (i >= nPost) {
        return total;
      }
      if (i == self) {
        continue;
      }
      if (total == buf.length) {
        return -1;
      }
      buf[total++] = (int) i;
    }
  }

  /**
   * Geometric skipping for fixed-probability connectivity: the target after {@code i}, the gap being
   * Geometric(p) with {@code lq = log(1 - p)}; cost ~ number of synapses drawn.
   */
  private static long nextTarget(SplittableRandom r, long i, double lq) {
    double u = 1 - r.nextDouble();
    return i + 1 + (long) Math.floor(Math.log(u) / lq);
  }
}
