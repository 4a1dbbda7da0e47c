package org.neuristor.network;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.neuristor.ModelParameterException;

/**
 * Leaky integrate-and-fire population with current and conductance synapses (SI units), the neuron
 * of the COBA/CUBA benchmarks (Vogels and Abbott, J. Neurosci. 25, 10786 (2005); Brette et al.,
 * J. Comput. Neurosci. 23, 349 (2007)):
 *
 * <pre>
 *   C dV/dt = g_L (E_L - V) + sum_k g_k (E_k - V) + sum_m I_m + I_bias     (not refractory)
 *   V &gt; V_th  -&gt;  spike, V = V_reset, V held for t_ref
 * </pre>
 *
 * Integrators: {@code euler} (forward Euler for V and the channels, as Brian2's {@code euler}
 * method, used to match the Brian2 COBA benchmark) or {@code exact} (exponential Euler: V relaxes
 * exactly toward its frozen-conductance steady state over dt; channels decay exactly). Refractory
 * bookkeeping follows Brian2 ({@code timestep(t - lastspike, dt) >= timestep(t_ref, dt)}): after a
 * spike in step s, V is frozen in steps s+1..s+n_ref-1 (n_ref = round(t_ref/dt)) and integrates, and
 * may spike, again from step max(s+n_ref, s+1) on (reference/brian2/lif_refractory_brian2.py).
 */
public final class LifPopulation extends Population {
  /**
   * @param cFarads membrane capacitance (F)
   * @param gLeakSiemens leak conductance (S)
   * @param eLeakVolts leak reversal (V)
   * @param vThresholdVolts threshold (V)
   * @param vResetVolts reset (V)
   * @param tRefSeconds refractory period (s)
   * @param iBiasAmps constant bias current (A)
   * @param euler forward Euler (true) or exponential Euler (false)
   */
  public record Params(double cFarads, double gLeakSiemens, double eLeakVolts, double vThresholdVolts,
      double vResetVolts, double tRefSeconds, double iBiasAmps, boolean euler) {
    public Params {
      if (!(cFarads > 0)) {
        throw new ModelParameterException("C", "LIF: capacitance must be > 0, got " + cFarads);
      }
      if (!(gLeakSiemens > 0)) {
        throw new ModelParameterException("g_L", "LIF: leak conductance must be > 0, got " + gLeakSiemens);
      }
      if (!(tRefSeconds >= 0)) {
        throw new ModelParameterException("t_ref", "LIF: refractory period must be >= 0, got " + tRefSeconds);
      }
      if (!(vThresholdVolts > vResetVolts)) {
        throw new ModelParameterException("V_th", "LIF: threshold must lie above the reset");
      }
    }
  }

  /** Initial membrane voltage: constant, uniform [a, b] or normal (mean a, sd b). */
  public record Init(String kind, double a, double b) {
    public static Init constant(double v) {
      return new Init("constant", v, 0);
    }

    /**
     * Fills {@code v} with draws from {@code r}, in neuron order. One loop per kind, the kind chosen once: a
     * network's first step runs this once per population, in the interpreter (COBA's cold loop includes it),
     * where the string switch per neuron cost a quarter of the draws (3,200 normal draws, -Xint: 2.6 ms with the
     * switch inside the loop, 1.95 ms without).
     */
    void draw(double[] v, SplittableRandom r) {
      switch (kind) {
        case "uniform":
          for (int i = 0; i < v.length; i++) {
            v[i] = a + (b - a) * r.nextDouble();
          }
          break;
        case "normal":
          for (int i = 0; i < v.length; i++) {
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            v[i] = a + b * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
          }
          break;
        default:
          Arrays.fill(v, a);
      }
    }
  }

  private final Params p;
  private Init init;
  /** Membrane voltages (V). */
  final double[] v;
  /** 1 when the neuron integrates this step, 0 while it is refractory (V frozen; read by the gather path only). */
  private final double[] hold;
  /** Last step in which the neuron is frozen after its last spike (Long.MIN_VALUE: never spiked). */
  private final long[] refUntil;
  /**
   * Refractory neurons, a FIFO per chunk: chunk [from, to) keeps its entries in [from, to) of these
   * arrays, head and length at index from. Entries leave in spike order, so releasing costs
   * O(released) per step.
   */
  private final int[] qNeuron;
  private final long[] qUntil;
  private final int[] qHead;
  private final int[] qLen;
  /** Steps frozen after a spike: n_ref - 1 (at least 0), n_ref = round(t_ref / dt). */
  private int frozenSteps;
  private double dtOverC;
  /**
   * Whether the fused path resets refractory membranes lazily: a spiking neuron's V becomes NaN, which the fused
   * loop integrates to NaN and the threshold scan never finds above threshold, and is put back to V_reset once, when
   * the neuron is released ({@link #release}), instead of after every step ({@link #freeze}).
   * Off for good once the live array has been handed out ({@link #membrane()}), whose holder may read it any time.
   */
  private boolean lazyReset = true;
  /**
   * The last step updated (the chunk at 0 writes it; Long.MAX_VALUE before the first): the neurons with
   * {@code refUntil >= lastStep} are refractory.
   */
  private long lastStep = Long.MAX_VALUE;

  public LifPopulation(String name, int size, Params p, Init init) {
    super(name, size);
    this.p = p;
    this.init = init == null ? Init.constant(p.eLeakVolts()) : init;
    this.v = new double[size];
    this.hold = new double[size];
    this.refUntil = new long[size];
    this.qNeuron = new int[size];
    this.qUntil = new long[size];
    this.qHead = new int[size];
    this.qLen = new int[size];
    this.eulerChannels = p.euler();
  }

  public Params params() {
    return p;
  }

  @Override
  public List<String> variables() {
    return List.of("v");
  }

  /**
   * V of neuron i: on the fused path V_reset while it is refractory (the lazy reset leaves NaN in {@link #v} until
   * the neuron is released), else its membrane voltage.
   */
  @Override
  public double variable(String variable, int i) {
    return lazyReset && refUntil[i] >= lastStep && fusable() ? p.vResetVolts() : v[i];
  }

  /**
   * Membrane voltages (V), live. Refractory neurons read V_reset in it from now on: their V is reset now and the
   * population resets them after every step from here on (no lazy reset: the holder may read the array any time).
   */
  public double[] membrane() {
    if (lazyReset) {
      lazyReset = false;
      if (!fusable()) {
        return v; // the general path holds refractory neurons by a factor of 0 and never resets lazily
      }
      final double vr = p.vResetVolts();
      for (int i = 0; i < size; i++) {
        if (refUntil[i] >= lastStep) {
          v[i] = vr;
        }
      }
    }
    return v;
  }

  @Override
  protected void initialize(long seed, double dt) {
    init.draw(v, new SplittableRandom(seed));
    Arrays.fill(hold, 1);
    Arrays.fill(refUntil, Long.MIN_VALUE);
    Arrays.fill(qHead, 0);
    Arrays.fill(qLen, 0);
    lastStep = Long.MAX_VALUE;
    frozenSteps = Math.max(0, (int) Math.round(p.tRefSeconds() / dt) - 1);
    dtOverC = dt / p.cFarads();
  }

  /**
   * One step of neurons [from, to) in three passes: release the neurons whose refractory period
   * ended (from the chunk's FIFO), integrate every membrane (refractory ones multiplied by a hold
   * factor of 0, so the loop has no branch and the JIT vectorizes it; for the usual one or two
   * zero-delay conductance/exponential channels the channel decay is fused into the same loop, which
   * integrates the refractory ones too: their V is NaN from their spike on (NaN integrates to NaN and is never
   * above threshold), and release puts V_reset back into the V each one integrates from again (the lazy reset;
   * once the live array is out, {@link #freeze} resets them after every step instead)), then scan for threshold
   * crossings.
   * The network calls update with the same chunk ranges every step.
   */
  @Override
  protected int update(int from, int to, long step, double dt, int[] out) {
    if (from == 0) {
      lastStep = step;
    }
    if (!fusable()) {
      release(from, to, step, hold, 1);
      gatherSynapses(from, to, step, dt);
      integrateGathered(from, to, dt);
      return threshold(from, to, from, to, step, out, 0, p.vResetVolts(), true);
    }
    boolean lazy = lazyReset;
    final double vr = p.vResetVolts();
    // the lazy reset: the released neurons' V (NaN while they were frozen) back to V_reset before they integrate
    release(from, to, step, lazy ? v : null, vr);
    int n = 0;
    if (vector && p.euler() && channels.size() == 2) {
      // the vector API: the fused loop and the threshold scan in one pass over the chunk
      n = spikes(from, to, step, out, 0, fused(from, to, dt, out), lazy ? Double.NaN : vr, false);
    } else {
      // blocks of BLOCK neurons: the threshold scan reads V while it is still in L1
      for (int b = from; b < to; b += BLOCK) {
        int e = Math.min(to, b + BLOCK);
        fused(b, e, dt, null);
        n = threshold(b, e, from, to, step, out, n, lazy ? Double.NaN : vr, false);
      }
    }
    if (!lazy) {
      freeze(from, to);
    }
    return n;
  }

  /**
   * Puts V back to V_reset for every refractory neuron of the chunk (its FIFO: those that spiked in this step and
   * those still frozen), after the fused path's step when the reset is not lazy ({@link #membrane()} handed the
   * array out). The fused path integrates every membrane without a hold factor (one array less to stream
   * per neuron and step: the loop is bound by memory traffic) and the threshold scan skips the refractory neurons by
   * {@code refUntil}; their V, frozen at V_reset since their spike, is V_reset again after this: bit for bit what the
   * hold factor left, {@code V_reset + 0 * dV}, whenever dV is finite and V_reset is not -0.0 (whose sign
   * {@code + 0 * dV} could flip). COBA: ~500 stores per step. The lazy reset spares them: a neuron integrates from
   * V_reset again after its refractory period either way, the scan finds neither a frozen V_reset nor a NaN above
   * threshold, so the spikes are the same, and {@link #variable} reads V_reset for the refractory ones.
   */
  private void freeze(int from, int to) {
    int len = qLen[from];
    if (len == 0) {
      return;
    }
    final double vr = p.vResetVolts();
    final double[] vv = v;
    final int[] qn = qNeuron;
    int cap = to - from;
    int h = qHead[from];
    int first = Math.min(len, cap - h); // the FIFO's entries up to the end of the chunk's ring, then from its start
    for (int q = from + h, end = q + first; q < end; q++) {
      vv[qn[q]] = vr;
    }
    for (int q = from, end = from + len - first; q < end; q++) {
      vv[qn[q]] = vr;
    }
  }

  /**
   * Whether the kernels run on the JDK's vector API ({@link VectorScan}): when the incubating module
   * jdk.incubator.vector is resolved (the launcher adds it for large networks: {@code --add-modules
   * jdk.incubator.vector}) and {@code -Dneuristor.vector=0} is not given. Otherwise VectorScan is never loaded. The
   * results are the same bit for bit either way.
   */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !"0".equals(System.getProperty("neuristor.vector"));
  /** This population's choice ({@link #VECTOR}; tests set it to compare both paths in one JVM). */
  boolean vector = VECTOR;

  /** Neurons per block of the fused path (4 arrays x 512 x 8 B = 16 KiB, half an L1 cache). */
  static final int BLOCK = 512;

  /**
   * Takes the neurons whose refractory period ended before {@code step} off the chunk's FIFO, writing {@code x}
   * into their entry of {@code a} (the gather path's hold factor 1, or the lazy reset's V_reset; null: nothing).
   */
  private void release(int from, int to, long step, double[] a, double x) {
    int len = qLen[from];
    if (len == 0) {
      return;
    }
    int cap = to - from;
    int h = qHead[from];
    int base = from;
    while (len > 0 && qUntil[base + h] < step) {
      if (a != null) {
        a[qNeuron[base + h]] = x;
      }
      h = h + 1 == cap ? 0 : h + 1;
      len--;
    }
    qHead[from] = h;
    qLen[from] = len;
  }

  /**
   * Scans [lo, hi) for threshold crossings (queueing into the FIFO of the chunk [from, to) this update serves; a
   * spiking neuron's V becomes {@code vr}: V_reset, or NaN for the lazy reset), in two loops: the scan writes the
   * neurons above threshold into {@code out} after the spikes found so far (room
   * enough: {@code out} holds a slot per neuron of the chunk), a loop small enough for the JIT to unroll (with the
   * spike's bookkeeping inside, it ran one compare and two branches per neuron); then the candidates that are not
   * refractory spike, in the same ascending order.
   */
  private int threshold(int lo, int hi, int from, int to, long step, int[] out, int n, double vr,
      boolean holdFactors) {
    return spikes(from, to, step, out, n, above(v, lo, hi, p.vThresholdVolts(), out, n), vr, holdFactors);
  }

  /** The candidates {@code out[n..c)} that are not refractory spike (see {@link #threshold}); returns the new end. */
  private int spikes(int from, int to, long step, int[] out, int n, int c, double vr, boolean holdFactors) {
    final double[] vv = v;
    for (int k = n; k < c; k++) {
      int i = out[k];
      if (refUntil[i] < step) {
        vv[i] = vr;
        if (holdFactors) {
          hold[i] = 0;
        }
        long until = step + frozenSteps;
        refUntil[i] = until;
        int cap = to - from;
        int at = qHead[from] + qLen[from];
        at = at >= cap ? at - cap : at;
        qNeuron[from + at] = i;
        qUntil[from + at] = until;
        qLen[from]++;
        out[n++] = i;
      }
    }
    return n;
  }

  /** Writes the indices in [lo, hi) where {@code vv > vth} into {@code out} from {@code c} on; returns the new end. */
  private int above(double[] vv, int lo, int hi, double vth, int[] out, int c) {
    return vector ? VectorScan.above(vv, lo, hi, vth, out, c) : scan(vv, lo, hi, vth, out, c);
  }

  /** The scalar threshold scan: {@link #above} without the vector API. */
  static int scan(double[] vv, int lo, int hi, double vth, int[] out, int c) {
    for (int i = lo; i < hi; i++) {
      if (vv[i] > vth) {
        out[c++] = i;
      }
    }
    return c;
  }

  /**
   * For {@link WarmUp}: runs the two-channel forward-Euler loop ({@link #euler2}) and the threshold scan
   * ({@link #scan}) {@code calls} times over {@code n} neurons of scratch arrays (zeros, one membrane above
   * threshold: one candidate per call), so that their profiles hold the trip counts of a real network's blocks.
   * Touches no population.
   */
  static void profileKernels(int n, int calls) {
    if (n <= 0) {
      return;
    }
    double[] vv = new double[n];
    double[] s0 = new double[n];
    double[] s1 = new double[n];
    int[] out = new int[n];
    vv[n - 1] = 1;
    for (int c = 0; c < calls; c++) {
      euler2(vv, s0, s1, 0, n, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      scan(vv, 0, n, 0.5, out, 0);
    }
  }

  /** Integration with the scratch sums of {@link #gatherSynapses} (any channels). */
  private void integrateGathered(int from, int to, double dt) {
    final double gl = p.gLeakSiemens();
    final double glEl = gl * p.eLeakVolts() + p.iBiasAmps();
    final double k = dtOverC;
    final double[] vv = v;
    final double[] hd = hold;
    if (synG == null) {
      if (p.euler()) {
        for (int i = from; i < to; i++) {
          double vi = vv[i];
          vv[i] = vi + hd[i] * (k * (glEl - gl * vi));
        }
      } else {
        double vinf = glEl / gl;
        double f = 1 - Math.exp(-dt * gl / p.cFarads());
        for (int i = from; i < to; i++) {
          double vi = vv[i];
          vv[i] = vi + hd[i] * ((vinf - vi) * f);
        }
      }
      return;
    }
    final double[] sg = synG;
    final double[] sge = synGE;
    final double[] si = synI;
    final double[] sj = synJump;
    if (p.euler()) {
      for (int i = from; i < to; i++) {
        double vi = vv[i] + sj[i];
        vv[i] = vi + hd[i] * (k * (glEl - gl * vi + sge[i] + si[i] - sg[i] * vi));
      }
    } else {
      final double c = p.cFarads();
      for (int i = from; i < to; i++) {
        double vi = vv[i] + sj[i];
        double gt = gl + sg[i];
        double vinf = (glEl + sge[i] + si[i]) / gt;
        vv[i] = vi + hd[i] * ((vinf - vi) * (1 - Math.exp(-dt * gt / c)));
      }
    }
  }

  /**
   * The fused path for one or two direct (zero-delay) conductance or exponential channels: reads each
   * channel state once, integrates V, decays the state, all in one loop ({@link #fusable()}; else
   * the general gather path runs).
   */
  private boolean fusable() {
    int nc = channels.size();
    return nc >= 1 && nc <= 2 && channels.get(0).direct() && channels.get(nc - 1).direct();
  }

  /**
   * Integrates [from, to) and decays its channels. With {@code out} (the vector API, two channels, forward Euler
   * only) the threshold scan runs in the same pass and the candidates' end in {@code out} is returned, else -1.
   */
  private int fused(int from, int to, double dt, int[] out) {
    int nc = channels.size();
    Channel c0 = channels.get(0);
    Channel c1 = channels.get(nc - 1);
    // channel k contributes x_k * gk to the conductance and x_k * ek to (g E + I)
    final double g0 = c0.kernel == Kernel.CONDUCTANCE ? 1 : 0;
    final double e0 = c0.kernel == Kernel.CONDUCTANCE ? c0.reversalVolts : 1;
    final double d0 = decay(c0, dt);
    final double[] s0 = c0.state;
    final double gl = p.gLeakSiemens();
    final double glEl = gl * p.eLeakVolts() + p.iBiasAmps();
    final double k = dtOverC;
    final double[] vv = v;
    if (nc == 1) {
      if (p.euler()) {
        for (int i = from; i < to; i++) {
          double x0 = s0[i];
          double vi = vv[i];
          vv[i] = vi + k * (glEl - gl * vi + x0 * e0 - x0 * g0 * vi);
          s0[i] = x0 * d0;
        }
      } else {
        final double c = p.cFarads();
        for (int i = from; i < to; i++) {
          double x0 = s0[i];
          double vi = vv[i];
          double gt = gl + x0 * g0;
          double vinf = (glEl + x0 * e0) / gt;
          vv[i] = vi + (vinf - vi) * (1 - Math.exp(-dt * gt / c));
          s0[i] = x0 * d0;
        }
      }
      return -1;
    }
    final double g1 = c1.kernel == Kernel.CONDUCTANCE ? 1 : 0;
    final double e1 = c1.kernel == Kernel.CONDUCTANCE ? c1.reversalVolts : 1;
    final double d1 = decay(c1, dt);
    final double[] s1 = c1.state;
    if (p.euler()) {
      if (out != null) {
        return VectorScan.fusedEuler2(vv, s0, s1, from, to, k, glEl, gl, e0, g0, d0, e1, g1, d1, p.vThresholdVolts(),
            out, 0);
      }
      euler2(vv, s0, s1, from, to, k, glEl, gl, e0, g0, d0, e1, g1, d1);
    } else {
      final double c = p.cFarads();
      for (int i = from; i < to; i++) {
        double x0 = s0[i];
        double x1 = s1[i];
        double vi = vv[i];
        double gt = gl + (x0 * g0 + x1 * g1);
        double vinf = (glEl + (x0 * e0 + x1 * e1)) / gt;
        vv[i] = vi + (vinf - vi) * (1 - Math.exp(-dt * gt / c));
        s0[i] = x0 * d0;
        s1[i] = x1 * d1;
      }
    }
    return -1;
  }

  /**
   * The fused loop for two channels, forward Euler: {@code V + k (glEl - gl V + (x0 e0 + x1 e1) - (x0 g0 + x1 g1) V)}
   * (k = dt/C; channel k's state x_k adds x_k g_k to the conductance and x_k e_k to g E + I), then the states decayed.
   */
  static void euler2(double[] vv, double[] s0, double[] s1, int from, int to, double k, double glEl, double gl,
      double e0, double g0, double d0, double e1, double g1, double d1) {
    for (int i = from; i < to; i++) {
      double x0 = s0[i];
      double x1 = s1[i];
      double vi = vv[i];
      vv[i] = vi + k * (glEl - gl * vi + (x0 * e0 + x1 * e1) - (x0 * g0 + x1 * g1) * vi);
      s0[i] = x0 * d0;
      s1[i] = x1 * d1;
    }
  }
}
