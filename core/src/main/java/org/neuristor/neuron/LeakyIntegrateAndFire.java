package org.neuristor.neuron;

import static org.neuristor.ParameterSpec.of;

import java.util.List;
import java.util.Map;

/**
 * Leaky integrate-and-fire model (physics.md 2.2; Gerstner et al., Neuronal Dynamics (Cambridge,
 * 2014), ch. 1): {@code tau dV/dt = -(V - E_L) + R I}; at {@code V >= v_th} a spike,
 * {@code V = v_reset}, clamped for {@code t_ref}.
 *
 * <table>
 *   <caption>Parameters (model units; the kernel converts to SI)</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>tau_m</td><td>ms</td><td>10</td><td>membrane time constant R C</td></tr>
 *   <tr><td>e_l</td><td>mV</td><td>-70</td><td>resting potential, initial potential</td></tr>
 *   <tr><td>v_th</td><td>mV</td><td>-55</td><td>threshold</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>-70</td><td>reset potential</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>2</td><td>absolute refractory period</td></tr>
 *   <tr><td>r</td><td>MOhm</td><td>10</td><td>membrane resistance</td></tr>
 * </table>
 *
 * <ul>
 *   <li>{@link Method#EXACT}: between spikes {@code V(t) = V_inf + (V_0 - V_inf) e^{-t/tau}} with
 *       {@code V_inf = E_L + R I} (input constant over the step), so a step is one multiplication by
 *       the precomputed {@code e^{-dt/tau}}. When V would reach threshold inside the step the
 *       crossing time {@code tau ln((V_0 - V_inf)/(theta - V_inf))} is solved exactly, the refractory
 *       clock runs on continuous time and the rest of the step is integrated after it: the firing
 *       rate equals the analytic {@code 1/(t_ref + tau ln(RI/(RI - (theta - V_reset))))} to
 *       rounding, for any dt. The step runs in blocks of 2048 neurons: the exact decay of the block
 *       (straight-line code the JIT vectorizes), then a scan for threshold crossings, which are
 *       redone on continuous time; finally the block's few neurons that were refractory (kept in a
 *       list per block).
 *   <li>{@link Method#EXACT_GRID}: the same exact update over whole steps, then the threshold test at
 *       the end of the step; the spike is stamped with the step's start time {@code t_s}, the neuron
 *       resets and is held while {@code t - t_s < t_ref} (round(t_ref/dt) - 1 steps). These are
 *       Brian2's semantics ({@code method='exact'}, {@code refractory=t_ref}, {@code (unless
 *       refractory)}).
 * </ul>
 *
 * With white membrane noise ({@link Noise#whiteSigmaMv()}) V between spikes is an OU process and
 * the grid step adds {@code sigma_V sqrt(1 - e^{-2 dt/tau}) xi} (exact in distribution). A path that
 * starts and ends a step below threshold may still have crossed it inside the step; testing only the
 * grid misses those crossings and lowers the rate (7% at dt 0.1 ms for physics.md T7). So the step
 * also fires, with one uniform draw, with the probability that the OU bridge between the two grid
 * values crossed the threshold: {@code exp(-(theta - V_0)(theta - V_1) / (sigma_V^2 sinh(dt/tau)))}.
 * This is the Brownian-bridge crossing probability {@code exp(-2 d_0 d_1 / s)} (Karatzas &amp; Shreve,
 * Brownian Motion and Stochastic Calculus, 1991, 4.3.C) after Doob's transformation of the OU process
 * into a Brownian motion, {@code V - V_inf = e^{-t/tau} B(sigma_V^2 (e^{2t/tau} - 1))}, with the
 * threshold (then {@code (theta - V_inf) e^{t/tau}}) taken linear over the step: d_0 = theta - V_0,
 * d_1 = (theta - V_1) e^{dt/tau}, s = sigma_V^2 (e^{2 dt/tau} - 1); to first order in dt it is the
 * diffusion's {@code exp(-2 d_0 d_1 / (sigma^2 dt))} (Giraudo, Sacerdote &amp; Zucca, Methodol.
 * Comput. Appl. Probab. 3 (2001) 215; Mannella, Phys. Lett. A 254 (1999) 257). Kept off
 * ({@code white:sigma=4,bridge=0}) the grid test alone remains. With escape noise the threshold test
 * is the hazard of {@link Noise}. Both use the grid semantics (the spike is stamped at the step's
 * start).
 */
public final class LeakyIntegrateAndFire extends ModelDescriptor {

  LeakyIntegrateAndFire() {
    super("lif", "leaky integrate-and-fire: tau dV/dt = -(V - E_L) + R I, reset and refractory clamp",
        "physics.md 2.2; Gerstner et al., Neuronal Dynamics (Cambridge, 2014), ch. 1", "nA", "A", 1e-9,
        List.of(of("tau_m", "ms", 10, 1e-6, 1e6, "membrane time constant R C"),
            of("e_l", "mV", -70, -200, 200, "resting (leak reversal) potential, initial potential"),
            of("v_th", "mV", -55, -200, 200, "threshold theta"),
            of("v_reset", "mV", -70, -200, 200, "reset potential"),
            of("t_ref", "ms", 2, 0, 1e4, "absolute refractory period"),
            of("r", "MOhm", 10, 1e-9, 1e9, "membrane resistance (physics.md default [D])")),
        List.of(Method.EXACT, Method.EXACT_GRID), 0.1);
  }

  @Override
  public double maxDtMs(Method method, NeuronModel m) {
    return Double.POSITIVE_INFINITY; // exact: unconditionally stable
  }

  @Override
  public void check(Map<String, Double> v) {
    requireAbove(v, "threshold v_th", "the reset v_reset");
  }

  @Override
  public double defaultStimulusAmplitude() {
    return 2;
  }

  @Override
  public double fiMaxInput() {
    return 4;
  }

  @Override
  public boolean acceptsWhiteNoise() {
    return true;
  }

  @Override
  public boolean acceptsEscapeNoise() {
    return true;
  }

  @Override
  public double spikeMarkMv(NeuronModel m) {
    return m.get("v_th");
  }

  @Override
  protected NeuronKernel kernel(NeuronModel m, int n, Method method, Noise noise) {
    if ((noise.hasWhite() || noise.hasEscape()) && method == Method.EXACT) {
      method = Method.EXACT_GRID; // stochastic membrane/threshold: spikes are tested on the grid
    }
    return new Kernel(m, n, method, noise);
  }

  /** SI kernel: s, V, Ohm, A. */
  static final class Kernel extends PointNeuronKernel {
    /**
     * Neurons per block: the block's membrane values stay in L1 between the decay and the scan, and
     * each block keeps its own list of refractory neurons (so ranges start at block boundaries).
     */
    private static final int BLOCK = 2048;
    private final double tau;
    private final double el;
    private final double vth;
    private final double vreset;
    private final double tref;
    private final double r;
    private final double rho0;
    private final double du;
    private double decay;
    private double whiteKick;
    /** 1 / (sigma_V^2 sinh(dt/tau)) of the bridge crossing probability (V^-2), 0 when it is off. */
    private double bridgeScale;
    private final double[] refLeft;
    /** Refractory neurons (exact method): block b's list is refIdx[b BLOCK, b BLOCK + refCount[b]). */
    private final int[] refIdx;
    private final int[] refCount;

    Kernel(NeuronModel m, int n, Method method, Noise noise) {
      super(m, n, method, noise);
      tau = m.get("tau_m") * 1e-3;
      el = m.get("e_l") * 1e-3;
      vth = m.get("v_th") * 1e-3;
      vreset = m.get("v_reset") * 1e-3;
      tref = m.get("t_ref") * 1e-3;
      r = m.get("r") * 1e6;
      rho0 = noise.escapeRho0PerMs() * 1e3;
      du = noise.escapeDeltaMv() * 1e-3;
      refLeft = new double[n];
      refIdx = new int[n];
      refCount = new int[(n + BLOCK - 1) / BLOCK];
    }

    @Override
    public double membraneCapacitance() {
      return tau / r;
    }

    @Override
    public int rangeAlignment() {
      return method == Method.EXACT ? BLOCK : 1;
    }

    @Override
    public boolean rangeSafe() {
      return super.rangeSafe() && !noise.hasWhite() && !noise.hasEscape();
    }

    @Override
    protected void prepare(double h) {
      decay = Math.exp(-h / tau);
      whiteKick = noise.whiteSigmaMv() * 1e-3 * Math.sqrt(-Math.expm1(-2 * h / tau));
      double sigma = noise.whiteSigmaMv() * 1e-3;
      bridgeScale = noise.hasWhite() && noise.whiteBridge() ? 1 / (sigma * sigma * Math.sinh(h / tau)) : 0;
    }

    @Override
    protected void resetState() {
      java.util.Arrays.fill(v, el);
      java.util.Arrays.fill(refLeft, 0);
      java.util.Arrays.fill(refCount, 0);
    }

    @Override
    protected void addStates(List<StateVariable> out) {
      out.add(new StateVariable("refractory_left", "s", refLeft));
    }

    @Override
    protected void advance(int from, int to, double t0, double[] input, Spikes out) {
      if (method == Method.EXACT) {
        advanceExact(from, to, t0, input, out);
      } else {
        advanceGrid(from, to, t0, input, out);
      }
    }

    private void advanceExact(int lo, int hi, double t0, double[] in, Spikes out) {
      final double[] vv = v;
      final double[] noise = ou;
      // locals, so the decay loop is loop-invariant straight-line code the JIT vectorizes
      final double dec = decay;
      final double elv = el;
      final double rr = r;
      for (int from = lo; from < hi; from += BLOCK) {
        final int to = Math.min(hi, from + BLOCK);
        // pass 1: exact decay over the whole step
        if (noise == null) {
          for (int i = from; i < to; i++) {
            double vinf = elv + rr * in[i];
            vv[i] = vinf + (vv[i] - vinf) * dec;
          }
        } else {
          for (int i = from; i < to; i++) {
            double vinf = elv + rr * (in[i] + noise[i]);
            vv[i] = vinf + (vv[i] - vinf) * dec;
          }
        }
        // pass 2: threshold crossings, redone on continuous time from the recovered start value
        final int b = from / BLOCK;
        final int base = b * BLOCK;
        final int oldCount = refCount[b];
        int count = oldCount;
        for (int i = from; i < to; i++) {
          if (vv[i] >= vth && refLeft[i] <= 0) {
            double vinf = el + r * drive(in, i);
            double v0 = vinf + (vv[i] - vinf) / decay;
            vv[i] = eventStep(i, t0, v0, vinf, 0, out);
            if (refLeft[i] > 0) {
              refIdx[base + count++] = i; // appended after the block's neurons refractory before this step
            }
          }
        }
        // pass 3: the block's neurons refractory at the start of the step, redone on continuous time
        int kept = 0;
        for (int q = 0; q < oldCount; q++) {
          int i = refIdx[base + q];
          vv[i] = eventStep(i, t0, vreset, el + r * drive(in, i), refLeft[i], out);
          if (refLeft[i] > 0) {
            refIdx[base + kept++] = i;
          }
        }
        for (int q = oldCount; q < count; q++) {
          refIdx[base + kept++] = refIdx[base + q];
        }
        refCount[b] = kept;
      }
    }

    /** A step with a refractory end or threshold crossing inside it, on continuous time. */
    private double eventStep(int i, double t0, double vi, double vinf, double ref, Spikes out) {
      final double h = dt;
      double t = 0;
      if (ref > 0) {
        double used = Math.min(ref, h);
        refLeft[i] = ref - used;
        t = used;
        vi = vreset;
      }
      while (t < h) {
        double left = h - t;
        double vEnd = vinf + (vi - vinf) * Math.exp(-left / tau);
        if (vEnd >= vth) {
          double ts = vi >= vth ? t : t + tau * Math.log((vi - vinf) / (vth - vinf));
          out.add(i, t0 + ts);
          t = ts + tref;
          vi = vreset;
          if (t > h) {
            refLeft[i] = t - h;
          }
          continue;
        }
        vi = vEnd;
        t = h;
      }
      return vi;
    }

    private void advanceGrid(int from, int to, double t0, double[] in, Spikes out) {
      final double h = dt;
      final double half = 0.5 * h;
      final boolean escape = noise.hasEscape();
      final boolean white = whiteKick > 0;
      for (int i = from; i < to; i++) {
        if (refLeft[i] > 0) {
          // refractory while t - t_spike < t_ref (t_spike = the spike's step start): as Brian2
          refLeft[i] -= h;
          if (refLeft[i] > half) {
            continue;
          }
          // over: integrates from this step on; 0, not the rounding remainder (-6e-19 after 20 steps of 0.1 ms) or a
          // positive rest below half a step that final_state would print as time still refractory
          refLeft[i] = 0;
        }
        double vinf = el + r * drive(in, i);
        double vi = vinf + (v[i] - vinf) * decay;
        if (white) {
          vi += whiteKick * rng.nextGaussian();
        }
        boolean fire;
        if (escape) {
          double rho = rho0 * Math.exp((vi - vth) / du);
          fire = rng.nextDouble() < -Math.expm1(-rho * h);
        } else {
          fire = vi >= vth || bridgeScale > 0 && bridgeCrossed(v[i], vi);
        }
        if (fire) {
          out.add(i, t0);
          vi = vreset;
          refLeft[i] = tref;
        }
        v[i] = vi;
      }
    }

    /**
     * Whether the OU path from {@code v0} to {@code v1} (both below threshold) crossed it inside the step: one
     * uniform draw against the bridge probability of the class comment. No draw when the probability is below
     * e^-40 (far below threshold), so the random stream only moves near threshold.
     */
    private boolean bridgeCrossed(double v0, double v1) {
      double exponent = (vth - v0) * (vth - v1) * bridgeScale;
      return exponent < 40 && rng.nextDouble() < Math.exp(-exponent);
    }
  }
}
