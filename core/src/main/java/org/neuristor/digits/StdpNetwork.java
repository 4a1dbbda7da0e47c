package org.neuristor.digits;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.neuristor.NeuristorException;
import org.neuristor.device.PulseProgrammedSynapse;
import org.neuristor.network.CounterRng;
import org.neuristor.network.Crossbar;

/**
 * The unsupervised spiking network of Diehl and Cook (Front. Comput. Neurosci. 9, 99 (2015)),
 * as a compact, allocation-free simulation: Poisson inputs (one per pixel), {@code n} excitatory
 * conductance-based LIF neurons with adaptive thresholds, each driving one inhibitory neuron that
 * inhibits all other excitatory neurons (soft winner-take-all), and plastic input-to-excitatory
 * synapses learning by STDP, either ideal (continuous weights in [0, 1]) or stored on a crossbar
 * of {@link PulseProgrammedSynapse}s where every weight change is applied as programming pulses.
 *
 * <pre>
 *   excitatory:  tau_e dv/dt = (v_rest - v) + g_e (E_exc - v) + g_i (E_inh,e - v),   tau_e = 100 ms
 *                spike when v &gt; v_th + theta - offset (-52 mV + theta - 20 mV), reset -65 mV, refractory 5 ms,
 *                theta += 0.05 mV per spike, tau_theta = 1e4 s (training), fixed afterwards
 *   inhibitory:  tau_i dv/dt = (v_rest,i - v) + g_e (E_exc - v) + g_i (E_inh,i - v),  tau_i = 10 ms,
 *                threshold -40 mV, reset -45 mV, refractory 2 ms
 *   synapses:    g_e += w at an input spike (tau_ge 1 ms), g_e,i += 10.4 (exc -&gt; its inh neuron),
 *                g_i += 17 on every other exc neuron at an inh spike (tau_gi 2 ms)
 *   STDP:        pre spike:  x_pre = 1;  w -= nu_pre x_post1           (nu_pre = 1e-4, tau 20 ms)
 *                post spike: w += nu_post x_pre x_post2(before);  x_post1 = x_post2 = 1
 *                (nu_post = 1e-2, tau_post1 20 ms, tau_post2 40 ms), w clipped to [0, 1]
 *   normalization: each neuron's input weights are scaled to sum to 78 after every example
 *   presentation: 350 ms with rates x 63.75 Hz (x the pixel intensity in [0, 1]); with fewer than
 *                5 excitatory spikes the example is shown again 31.875 Hz stronger
 * </pre>
 *
 * <p>Deviations, for speed and reproducibility: instead of simulating the 150 ms rest between
 * examples the neuron and trace state is reset (theta decays by the rest duration in closed form);
 * conductances and traces decay exactly, membranes by forward Euler at dt = 0.5 ms (Brian's
 * Euler in the original). On a device, a weight change {@code dw} becomes {@code floor(|dw| L) + 1}
 * pulses with probability {@code frac(|dw| L)} (stochastic rounding, L the device's level count, so
 * the expected number of pulses is the nominal one), LTP pulses for dw &gt; 0 and LTD pulses for
 * dw &lt; 0, each through the device's non-linear update with its cycle-to-cycle noise; the
 * normalization is applied the same way, to a neuron whose weight sum is more than
 * {@code normTolerance} off the target (the periphery reads the column's total conductance).
 *
 * <p>Training is sequential (online learning); presentations of a trained network with frozen
 * weights and thresholds ({@link #respond}) are independent and thread-safe, each seeded by its
 * own key, so results do not depend on the thread count.
 */
public final class StdpNetwork {
  /**
   * Parameters (SI units).
   *
   * @param neurons excitatory (and inhibitory) neurons
   * @param dtSeconds time step
   * @param presentSeconds presentation time of one example
   * @param restSeconds rest between examples (only theta's decay over it is applied)
   * @param maxRateHz input rate of a pixel of intensity 1 at the first presentation
   * @param rateStepHz rate added per intensity 1 at each repetition
   * @param minSpikes fewer excitatory spikes than this repeat the example
   * @param maxRepeats repetitions at most
   * @param nuPre depression per pre spike (times x_post1)
   * @param nuPost potentiation per post spike (times x_pre x_post2)
   * @param normTotal sum of each neuron's input weights after normalization for 784 inputs (scaled in
   *     proportion to the number of inputs)
   * @param normTolerance relative deviation of a weight sum that triggers normalization on a device
   * @param initialWeight weights start uniform in {@code (0.01 + U) initialWeight}
   * @param adaptive whether theta adapts during training
   */
  public record Params(int neurons, double dtSeconds, double presentSeconds, double restSeconds, double maxRateHz,
      double rateStepHz, int minSpikes, int maxRepeats, double nuPre, double nuPost, double normTotal,
      double normTolerance, double initialWeight, boolean adaptive) {
    public Params {
      if (neurons < 1 || !(dtSeconds > 0) || !(presentSeconds >= dtSeconds) || !(restSeconds >= 0)
          || !(maxRateHz > 0) || !(rateStepHz >= 0) || minSpikes < 0 || maxRepeats < 0 || !(nuPre >= 0)
          || !(nuPost >= 0) || !(normTotal > 0) || !(normTolerance >= 0) || !(initialWeight > 0)) {
        throw NeuristorException.input("invalid STDP network parameters: " + this);
      }
    }

    /** Diehl and Cook's values for n excitatory neurons. */
    public static Params diehlCook(int neurons) {
      return new Params(neurons, 0.5e-3, 0.35, 0.15, 63.75, 31.875, 5, 20, 1e-4, 1e-2, 78, 0.01, 0.3, true);
    }

    public Params withNeurons(int n) {
      return new Params(n, dtSeconds, presentSeconds, restSeconds, maxRateHz, rateStepHz, minSpikes, maxRepeats,
          nuPre, nuPost, normTotal, normTolerance, initialWeight, adaptive);
    }

    public Params withPresentation(double seconds) {
      return new Params(neurons, dtSeconds, seconds, restSeconds, maxRateHz, rateStepHz, minSpikes, maxRepeats,
          nuPre, nuPost, normTotal, normTolerance, initialWeight, adaptive);
    }

    public Params withLearningRates(double pre, double post) {
      return new Params(neurons, dtSeconds, presentSeconds, restSeconds, maxRateHz, rateStepHz, minSpikes,
          maxRepeats, pre, post, normTotal, normTolerance, initialWeight, adaptive);
    }

    public Params withNormTolerance(double tol) {
      return new Params(neurons, dtSeconds, presentSeconds, restSeconds, maxRateHz, rateStepHz, minSpikes,
          maxRepeats, nuPre, nuPost, normTotal, tol, initialWeight, adaptive);
    }
  }

  // Diehl and Cook's neuron and synapse constants (volts, seconds)
  static final double V_REST_E = -65e-3;
  static final double V_RESET_E = -65e-3;
  static final double V_THRESH_E = -52e-3;
  static final double OFFSET = 20e-3;
  static final double THETA_INIT = 20e-3;
  static final double THETA_PLUS = 0.05e-3;
  static final double TAU_THETA = 1e4;
  static final double REFRAC_E = 5e-3;
  static final double TAU_E = 100e-3;
  static final double E_EXC = 0;
  static final double E_INH_E = -100e-3;
  static final double V_REST_I = -60e-3;
  static final double V_RESET_I = -45e-3;
  static final double V_THRESH_I = -40e-3;
  static final double REFRAC_I = 2e-3;
  static final double TAU_I = 10e-3;
  static final double E_INH_I = -85e-3;
  static final double TAU_GE = 1e-3;
  static final double TAU_GI = 2e-3;
  static final double W_EI = 10.4;
  static final double W_IE = 17.0;
  static final double TAU_PRE = 20e-3;
  static final double TAU_POST1 = 20e-3;
  static final double TAU_POST2 = 40e-3;
  static final double W_MAX = 1.0;

  private final Params p;
  private final int nIn;
  private final int n;
  /** Weights w[i n + j], input i to neuron j, in [0, 1] (a mirror of the device conductances on a crossbar). */
  final double[] w;
  final double[] theta;
  private final Crossbar xb;
  private final double gRange;
  private final long seed;
  private final SplittableRandom learnRng;
  private long presentations;
  private long updatePulsesUp;
  private long updatePulsesDown;

  /**
   * A fresh network with random initial weights from the seed; with a device the weights are
   * stored on a crossbar of it (one device per synapse on G+, G- kept at G_min), programmed to the
   * initial weights by pulses (counted).
   */
  public StdpNetwork(int inputs, Params params, PulseProgrammedSynapse.Params device, long seed) {
    this.p = params;
    this.nIn = inputs;
    this.n = params.neurons();
    this.seed = seed;
    w = new double[nIn * n];
    theta = new double[n];
    Arrays.fill(theta, THETA_INIT);
    SplittableRandom r = new SplittableRandom(CounterRng.hash(seed, 41, 0));
    for (int q = 0; q < w.length; q++) {
      w[q] = (r.nextDouble() + 0.01) * params.initialWeight();
    }
    learnRng = new SplittableRandom(CounterRng.hash(seed, 43, 0));
    if (device != null) {
      xb = new Crossbar(nIn, n, device, CounterRng.hash(seed, 42, 0));
      gRange = xb.gMax() - xb.gMin();
      xb.program(w, W_MAX);
      for (int q = 0; q < w.length; q++) {
        w[q] = xb.weight(q) * W_MAX;
      }
    } else {
      xb = null;
      gRange = 0;
    }
    normalize(true);
    // the initial normalization is part of programming the initial weights, not of learning
    updatePulsesUp = 0;
    updatePulsesDown = 0;
  }

  public Params params() {
    return p;
  }

  public int inputs() {
    return nIn;
  }

  public int neurons() {
    return n;
  }

  /** The crossbar holding the weights, or null for ideal synapses. */
  public Crossbar crossbar() {
    return xb;
  }

  /** Weight of input i onto neuron j, in [0, 1]. */
  public double weight(int i, int j) {
    return w[i * n + j];
  }

  /** Adaptive threshold of neuron j (V). */
  public double theta(int j) {
    return theta[j];
  }

  /** Examples presented in training, repetitions included. */
  public long presentations() {
    return presentations;
  }

  /** LTP and LTD pulses applied by learning (STDP and normalization; the initial programming excluded). */
  public long[] learningPulses() {
    return new long[] {updatePulsesUp, updatePulsesDown};
  }

  /** Changes weight q by dw: exactly (ideal) or as stochastically rounded programming pulses (device). */
  private void change(int q, double dw) {
    if (xb == null) {
      double v = w[q] + dw;
      w[q] = v < 0 ? 0 : v > W_MAX ? W_MAX : v;
      return;
    }
    boolean up = dw > 0;
    double nominal = Math.abs(dw) / W_MAX * (up ? xb.device().levelsLtp() : xb.device().levelsLtd());
    int k = (int) nominal;
    if (learnRng.nextDouble() < nominal - k) {
      k++;
    }
    if (k == 0) {
      return;
    }
    int d = 2 * q;
    double z = 0;
    for (int m = 0; m < k; m++) {
      z = xb.device().sigmaC2C() > 0 ? Crossbar.gauss(learnRng) : 0;
      xb.pulseWith(d, up, z);
    }
    if (up) {
      updatePulsesUp += k;
    } else {
      updatePulsesDown += k;
    }
    w[q] = xb.weight(q) * W_MAX;
  }


  /** Scales each neuron's weights to sum to normTotal (all neurons if force, else those off by the tolerance). */
  private void normalize(boolean force) {
    double[] sum = new double[n];
    for (int i = 0; i < nIn; i++) {
      int o = i * n;
      for (int j = 0; j < n; j++) {
        sum[j] += w[o + j];
      }
    }
    for (int j = 0; j < n; j++) {
      if (!(sum[j] > 0)) {
        continue;
      }
      double f = p.normTotal() * nIn / 784.0 / sum[j];
      if (xb == null) {
        for (int i = 0; i < nIn; i++) {
          w[i * n + j] = Math.min(w[i * n + j] * f, W_MAX);
        }
      } else if (force || Math.abs(f - 1) > p.normTolerance()) {
        for (int i = 0; i < nIn; i++) {
          int q = i * n + j;
          change(q, w[q] * (f - 1));
        }
      }
    }
  }

  /** Per-presentation working state (one per thread). */
  final class State {
    final double[] vE = new double[n];
    final double[] geE = new double[n];
    final double[] giE = new double[n];
    final double[] vI = new double[n];
    final double[] geI = new double[n];
    final double[] giI = new double[n];
    final int[] refE = new int[n];
    final int[] refI = new int[n];
    final double[] post1 = new double[n];
    final double[] post2 = new double[n];
    final int[] spikeE = new int[n];
    final int[] spikeI = new int[n];
    final int[] counts = new int[n];
    final int[] active = new int[nIn];
    final double[] prob = new double[nIn];
    final long[] next = new long[nIn];
    final long[] lastPre = new long[nIn];
    final int[] postActive = new int[n];
    long inputSpikes;
    long inhSpikes;
    double rowRead;

    void reset() {
      Arrays.fill(vE, V_REST_E);
      Arrays.fill(geE, 0);
      Arrays.fill(giE, 0);
      Arrays.fill(vI, V_REST_I);
      Arrays.fill(geI, 0);
      Arrays.fill(giI, 0);
      Arrays.fill(refE, 0);
      Arrays.fill(refI, 0);
      Arrays.fill(post1, 0);
      Arrays.fill(post2, 0);
      Arrays.fill(counts, 0);
      Arrays.fill(lastPre, Long.MIN_VALUE);
    }
  }

  /** A new per-thread state for {@link #respond}. */
  public Object newState() {
    return new State();
  }

  private static long geometric(SplittableRandom r, double logq) {
    // number of failures before the first success of a Bernoulli(p) sequence, logq = ln(1 - p)
    return (long) Math.floor(Math.log(1 - r.nextDouble()) / logq);
  }

  /**
   * One presentation of image x at the given intensity multiple; returns the excitatory spike count.
   * With learn, STDP changes the weights and theta adapts.
   */
  private int present(State s, float[] x, int repeat, SplittableRandom r, boolean learn) {
    s.reset();
    double dt = p.dtSeconds();
    int steps = (int) Math.round(p.presentSeconds() / dt);
    double rate = p.maxRateHz() + repeat * p.rateStepHz();
    int na = 0;
    for (int i = 0; i < nIn; i++) {
      double pr = x[i] * rate * dt;
      if (pr > 0) {
        pr = Math.min(pr, 1 - 1e-12);
        s.active[na++] = i;
        s.prob[i] = Math.log(1 - pr);
        s.next[i] = geometric(r, s.prob[i]);
      }
    }
    double dGe = Math.exp(-dt / TAU_GE);
    double dGi = Math.exp(-dt / TAU_GI);
    double dP1 = Math.exp(-dt / TAU_POST1);
    double dP2 = Math.exp(-dt / TAU_POST2);
    double dTh = Math.exp(-dt / TAU_THETA);
    double kE = dt / TAU_E;
    double kI = dt / TAU_I;
    int refE = (int) Math.round(REFRAC_E / dt);
    int refI = (int) Math.round(REFRAC_I / dt);
    double preDecay = -dt / TAU_PRE;
    int total = 0;
    int nPost = 0; // neurons with a live post trace (learning)
    for (int step = 0; step < steps; step++) {
      // 1. state update
      int nE = 0;
      int nI = 0;
      for (int j = 0; j < n; j++) {
        double ge = s.geE[j];
        double gi = s.giE[j];
        double v = s.vE[j];
        if (s.refE[j] > 0) {
          s.refE[j]--;
        } else {
          v = membrane(v, kE, ge, gi, V_REST_E, E_INH_E);
        }
        s.geE[j] = ge * dGe;
        s.giE[j] = gi * dGi;
        if (learn && p.adaptive()) {
          theta[j] *= dTh;
        }
        if (s.refE[j] == 0 && v > theta[j] - OFFSET + V_THRESH_E) {
          v = V_RESET_E;
          s.refE[j] = refE;
          s.spikeE[nE++] = j;
          s.counts[j]++;
          if (learn && p.adaptive()) {
            theta[j] += THETA_PLUS;
          }
        }
        s.vE[j] = v;
        double gei = s.geI[j];
        double gii = s.giI[j];
        double vi = s.vI[j];
        if (s.refI[j] > 0) {
          s.refI[j]--;
        } else {
          vi = membrane(vi, kI, gei, gii, V_REST_I, E_INH_I);
        }
        s.geI[j] = gei * dGe;
        s.giI[j] = gii * dGi;
        if (s.refI[j] == 0 && vi > V_THRESH_I) {
          vi = V_RESET_I;
          s.refI[j] = refI;
          s.spikeI[nI++] = j;
        }
        s.vI[j] = vi;
      }
      if (learn && nPost > 0) {
        int keep = 0;
        for (int a = 0; a < nPost; a++) {
          int j = s.postActive[a];
          s.post1[j] *= dP1;
          s.post2[j] *= dP2;
          if (s.post2[j] > 1e-7) {
            s.postActive[keep++] = j;
          } else {
            s.post1[j] = 0;
            s.post2[j] = 0;
          }
        }
        nPost = keep;
      }
      // 2. input spikes of this step: g_e += w, then the pre rule
      for (int a = 0; a < na; a++) {
        int i = s.active[a];
        if (s.next[i] != step) {
          continue;
        }
        s.next[i] = step + 1 + geometric(r, s.prob[i]);
        s.inputSpikes++;
        if (rowG != null) {
          s.rowRead += rowG[i];
        }
        int o = i * n;
        for (int j = 0; j < n; j++) {
          s.geE[j] += w[o + j];
        }
        if (learn) {
          s.lastPre[i] = step;
          for (int b = 0; b < nPost; b++) {
            int j = s.postActive[b];
            change(o + j, -p.nuPre() * s.post1[j]);
          }
        }
      }
      // 3. excitatory spikes: drive the inhibitory partner; post rule
      for (int e = 0; e < nE; e++) {
        int j = s.spikeE[e];
        s.geI[j] += W_EI;
        if (learn) {
          double post2Before = s.post2[j];
          if (post2Before > 0) {
            for (int a = 0; a < na; a++) {
              int i = s.active[a];
              long lp = s.lastPre[i];
              if (lp != Long.MIN_VALUE) {
                change(i * n + j, p.nuPost() * Math.exp(preDecay * (step - lp)) * post2Before);
              }
            }
          }
          if (s.post2[j] == 0) {
            s.postActive[nPost++] = j;
          }
          s.post1[j] = 1;
          s.post2[j] = 1;
        }
      }
      total += nE;
      // 4. inhibitory spikes: inhibit every other excitatory neuron
      if (nI > 0) {
        s.inhSpikes += nI;
        for (int j = 0; j < n; j++) {
          s.giE[j] += W_IE * nI;
        }
        for (int e = 0; e < nI; e++) {
          s.giE[s.spikeI[e]] -= W_IE;
        }
      }
    }
    if (learn && p.adaptive()) {
      double rest = Math.exp(-p.restSeconds() / TAU_THETA);
      for (int j = 0; j < n; j++) {
        theta[j] *= rest;
      }
    }
    return total;
  }

  /**
   * One step of {@code tau dv/dt = (v_rest - v) + g_e (E_exc - v) + g_i (E_inh - v)} with k = dt/tau:
   * forward Euler while {@code k (1 + g_e + g_i) <= 0.25}, else the exact step with the conductances
   * frozen (a strongly driven membrane, e.g. under the inhibition of many simultaneous spikes,
   * would make Euler overshoot and diverge).
   */
  private static double membrane(double v, double k, double ge, double gi, double vRest, double eInh) {
    double a = k * (1 + ge + gi);
    double vInf = (vRest + ge * E_EXC + gi * eInh) / (1 + ge + gi);
    if (a <= 0.25) {
      return v + a * (vInf - v);
    }
    return vInf + (v - vInf) * Math.exp(-a);
  }

  /** Trains on one example (online STDP; repeated at higher rates while fewer than minSpikes). */
  public void learn(float[] x) {
    if (x.length != nIn) {
      throw new IllegalArgumentException("image has " + x.length + " pixels, the network " + nIn + " inputs");
    }
    if (trainState == null) {
      trainState = new State();
    }
    for (int rep = 0; rep <= p.maxRepeats(); rep++) {
      SplittableRandom r = new SplittableRandom(CounterRng.hash(seed, 44, presentations++));
      int spikes = present(trainState, x, rep, r, true);
      normalize(false);
      if (spikes >= p.minSpikes()) {
        return;
      }
    }
  }

  private State trainState;
  private double[] rowG;

  /**
   * Row read conductances {@code sum_j G_ij} (S) used to add up the read load of the input spikes
   * of {@link #respond} (null: not counted).
   */
  public void readConductances(double[] rowSiemens) {
    this.rowG = rowSiemens;
  }

  /** Sum over the input spikes of the last {@link #respond} on this state of their row's read conductance (S). */
  public double rowReadConductance(Object state) {
    return ((State) state).rowRead;
  }

  /**
   * Response of the frozen network to image x: spike counts per excitatory neuron into
   * {@code counts}; the presentation is seeded by {@code key} only (thread-safe with one state per
   * thread). Returns {input spikes, excitatory spikes, inhibitory spikes, repeats}.
   */
  public long[] respond(Object state, float[] x, long key, int[] counts) {
    State s = (State) state;
    int spikes = 0;
    int rep = 0;
    long in = 0;
    long inh = 0;
    double read = 0;
    for (; rep <= p.maxRepeats(); rep++) {
      SplittableRandom r = new SplittableRandom(CounterRng.hash(seed ^ key, 45, rep));
      s.inputSpikes = 0;
      s.inhSpikes = 0;
      s.rowRead = 0;
      spikes = present(s, x, rep, r, false);
      in += s.inputSpikes;
      inh += s.inhSpikes;
      read += s.rowRead;
      if (spikes >= p.minSpikes()) {
        break;
      }
    }
    System.arraycopy(s.counts, 0, counts, 0, n);
    s.rowRead = read;
    return new long[] {in, spikes, inh, Math.min(rep, p.maxRepeats())};
  }
}
