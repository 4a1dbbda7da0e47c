package org.neuristor.neuron;

import static org.neuristor.ParameterSpec.of;

import java.util.List;
import java.util.Map;

/**
 * Adaptive exponential integrate-and-fire model (Brette and Gerstner, J. Neurophysiol. 94, 3637
 * (2005); physics.md 2.4), regular-spiking defaults; parameters in pF, nS, mV, ms, pA (the kernel
 * converts to SI):
 *
 * <pre>
 *   C dV/dt     = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I
 *   tau_w dw/dt = a (V - E_L) - w;          V >= V_peak:  V = V_r, w = w + b
 * </pre>
 *
 * <ul>
 *   <li>{@link Method#RK2}: explicit midpoint rule, physics.md's reference method (its spike times
 *       11.79, 25.38, 41.20, 59.78 ms at 1 nA were computed with it at dt = 1 us).
 *   <li>{@link Method#EULER}: forward Euler from the old state (Brian2 {@code euler}).
 * </ul>
 *
 * Inside the right-hand side V is capped at V_peak (as NEST's aeif models do) and the exponential's
 * argument at 50 (physics.md 2.4, 6): in the step that crosses V_peak the midpoint trial value can
 * be 10^6 mV, and without the cap it would kick w by up to ~100 pA through {@code a (V - E_L)},
 * making late spike times depend on where the crossing step happened to land (we saw 37 instead of
 * physics.md's 39 spikes at 1.5 nA). With RK2 the step in which V reaches V_peak is redone in 64 midpoint
 * substeps from its start: the spike is stamped at the end of the substep that reaches V_peak and V, w are reset
 * there, so the rest of the step already runs from the reset. Stamped and reset at the end of the whole step, every
 * spike came up to one step late and the lateness added up: at the default 10 us the 4th spike at 1 nA was
 * 0.07 ms late (physics.md T5: 0.05 ms), now 0.023 ms (0.003 ms at 1 us, as before). Interpolating V linearly
 * inside the crossing step would not do: in that step the exponential takes V from tens of mV below V_peak to
 * 10^5 V, so the straight line puts the crossing at the step's start. {@link Method#EULER} keeps Brian2's
 * {@code euler} semantics (stamped at the end of the step), as the Brian2 peer comparison needs. Both methods are stable below twice the fastest linear time constant; the step limit is a
 * tenth of min(C/g_L, tau_w) so that each spans at least 10 steps.
 */
public final class AdaptiveExponential extends ModelDescriptor {

  AdaptiveExponential() {
    super("adex", "adaptive exponential integrate-and-fire (Brette-Gerstner), regular-spiking set",
        "Brette & Gerstner, J. Neurophysiol. 94, 3637 (2005); physics.md 2.4", "pA", "A", 1e-12,
        List.of(of("c", "pF", 281, 1e-6, 1e9, "membrane capacitance"),
            of("g_l", "nS", 30, 1e-9, 1e9, "leak conductance"),
            of("e_l", "mV", -70.6, -200, 200, "leak reversal, initial potential"),
            of("v_t", "mV", -50.4, -200, 200, "threshold slope-factor midpoint V_T"),
            of("delta_t", "mV", 2, 1e-3, 100, "slope factor Delta_T"),
            of("tau_w", "ms", 144, 1e-6, 1e9, "adaptation time constant"),
            of("a", "nS", 4, -1e6, 1e6, "subthreshold adaptation"),
            of("b", "pA", 80.5, -1e6, 1e6, "spike-triggered adaptation increment"),
            of("v_r", "mV", -70.6, -200, 200, "reset potential"),
            of("v_peak", "mV", 0, -200, 200, "numerical spike cut-off (physics.md: 0 mV)")),
        List.of(Method.RK2, Method.EULER), 0.01);
  }

  @Override
  public double maxDtMs(Method method, NeuronModel p) {
    return 0.1 * Math.min(p.get("c") / p.get("g_l"), p.get("tau_w"));
  }

  @Override
  public void check(Map<String, Double> v) {
    requireAbove(v, "v_peak", "v_t");
  }

  @Override
  public double defaultStimulusAmplitude() {
    return 1000;
  }

  @Override
  public double fiMaxInput() {
    return 2000;
  }

  @Override
  public double spikeMarkMv(NeuronModel m) {
    return m.get("v_peak");
  }

  @Override
  protected NeuronKernel kernel(NeuronModel m, int n, Method method, Noise noise) {
    return new Kernel(m, n, method, noise);
  }

  /** SI kernel: F, S, V, s, A. */
  static final class Kernel extends PointNeuronKernel {
    private static final double EXP_CLAMP = 50;
    private static final int BLOCK = 1024;
    /** Substeps of the RK2 step in which V reaches V_peak (see {@link #crossingStep}). */
    static final int SUBSTEPS = 64;
    private final double c;
    private final double gl;
    private final double el;
    private final double vt;
    private final double a;
    private final double b;
    private final double vr;
    private final double vPeak;
    private final double invC;
    private final double invDt;
    private final double invTauW;
    private final double glDt;
    final double[] w;
    /** Midpoint values of the RK2 step (scratch per neuron, so disjoint ranges may run concurrently). */
    private final double[] vm;
    private final double[] wm;

    Kernel(NeuronModel p, int n, Method method, Noise noise) {
      super(p, n, method, noise);
      c = p.get("c") * 1e-12;
      gl = p.get("g_l") * 1e-9;
      el = p.get("e_l") * 1e-3;
      vt = p.get("v_t") * 1e-3;
      double dT = p.get("delta_t") * 1e-3;
      a = p.get("a") * 1e-9;
      b = p.get("b") * 1e-12;
      vr = p.get("v_r") * 1e-3;
      vPeak = p.get("v_peak") * 1e-3;
      invC = 1 / c;
      invDt = 1 / dT;
      invTauW = 1 / (p.get("tau_w") * 1e-3);
      glDt = gl * dT;
      w = new double[n];
      vm = method == Method.RK2 ? new double[n] : null;
      wm = method == Method.RK2 ? new double[n] : null;
    }

    @Override
    public double membraneCapacitance() {
      return c;
    }

    @Override
    protected void resetState() {
      java.util.Arrays.fill(v, el);
      java.util.Arrays.fill(w, 0);
    }

    @Override
    protected void addStates(List<StateVariable> out) {
      out.add(new StateVariable("w", "A", w));
    }

    private double dv(double vv, double ww, double in) {
      double x = vv < vPeak ? vv : vPeak;
      double arg = (x - vt) * invDt;
      return (-gl * (x - el) + glDt * FastExp.exp(arg < EXP_CLAMP ? arg : EXP_CLAMP) - ww + in) * invC;
    }

    private double dw(double vv, double ww) {
      return (a * ((vv < vPeak ? vv : vPeak) - el) - ww) * invTauW;
    }

    @Override
    protected void advance(int lo, int hi, double t0, double[] input, Spikes out) {
      final double h = dt;
      final double hdt = 0.5 * h;
      final double[] vv = v;
      final double[] ww = w;
      if (method == Method.RK2) {
        // two passes per block of neurons, so the exponentials of different neurons overlap in the
        // CPU while the midpoint values stay in L1
        for (int from = lo; from < hi; from += BLOCK) {
          final int len = Math.min(BLOCK, hi - from);
          for (int j = 0; j < len; j++) {
            int i = from + j;
            double in = drive(input, i);
            vm[i] = vv[i] + hdt * dv(vv[i], ww[i], in);
            wm[i] = ww[i] + hdt * dw(vv[i], ww[i]);
          }
          for (int j = 0; j < len; j++) {
            int i = from + j;
            double in = drive(input, i);
            double vNew = vv[i] + h * dv(vm[i], wm[i], in);
            double wNew = ww[i] + h * dw(vm[i], wm[i]);
            if (vNew >= vPeak) {
              crossingStep(i, t0, in, out); // redone in substeps: spike time and reset inside the step
              continue;
            }
            vv[i] = vNew;
            ww[i] = wNew;
          }
        }
      } else {
        for (int i = lo; i < hi; i++) {
          double in = drive(input, i);
          double vNew = vv[i] + h * dv(vv[i], ww[i], in);
          double wNew = ww[i] + h * dw(vv[i], ww[i]);
          if (vNew >= vPeak) {
            out.add(i, t0 + h);
            vNew = vr;
            wNew += b;
          }
          vv[i] = vNew;
          ww[i] = wNew;
        }
      }
    }

    /**
     * The RK2 step of neuron i in which V reaches V_peak, redone in {@link #SUBSTEPS} midpoint substeps from the
     * step's start: the spike is stamped at the end of the substep that reaches V_peak, V and w are reset there and
     * the rest of the step is integrated from the reset (a second crossing in the same step fires again).
     */
    private void crossingStep(int i, double t0, double in, Spikes out) {
      final double hs = dt / SUBSTEPS;
      double vi = v[i];
      double wi = w[i];
      for (int k = 1; k <= SUBSTEPS; k++) {
        double vmid = vi + 0.5 * hs * dv(vi, wi, in);
        double wmid = wi + 0.5 * hs * dw(vi, wi);
        vi += hs * dv(vmid, wmid, in);
        wi += hs * dw(vmid, wmid);
        if (vi >= vPeak) {
          out.add(i, k == SUBSTEPS ? t0 + dt : t0 + k * hs);
          vi = vr;
          wi += b;
        }
      }
      v[i] = vi;
      w[i] = wi;
    }
  }
}
