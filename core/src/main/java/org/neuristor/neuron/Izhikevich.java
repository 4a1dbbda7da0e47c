package org.neuristor.neuron;

import static org.neuristor.ParameterSpec.of;

import java.util.List;
import java.util.Map;

/**
 * Izhikevich's simple model (IEEE TNN 14, 1569 (2003); 15, 1063 (2004); physics.md 2.5) in its
 * generalized form (parameters in mV, ms and the author's dimensionless I, which is a rate in
 * mV/ms = V/s):
 *
 * <pre>
 *   dv/dt = k2 v^2 + k1 v + k0 - u + I
 *   du/dt = a (b (v - v_u) - u_leak u);        v > v_peak:  v = c,  u = u + d
 * </pre>
 *
 * The standard model is k2 = 0.04, k1 = 5, k0 = 140, v_u = 0, u_leak = 1; the author's patterns
 * G and L use k1 = 4.1, k0 = 108 and pattern R uses {@code du/dt = a b (v + 65)} (v_u = -65,
 * u_leak = 0). In SI (V, s) the same equations read {@code dV/dt = 1e6 k2 V^2 + 1e3 k1 V + k0 - u +
 * I} and {@code du/dt = 1e3 a (1e3 b (V - V_u) - u_leak u)}, with u and I unchanged in value (V/s).
 *
 * <ul>
 *   <li>{@link Method#AUTHOR_EULER}: exactly figure1.m's loop: {@code v <- v + dt f(v, u)}, then
 *       {@code u <- u + dt g(v_new, u)}, then the reset test {@code v > v_peak}; the spike is stamped
 *       with the step's start time {@code t_i = i dt}. Reproduces physics.md Table 2.5-B.
 *   <li>{@link Method#EULER}: forward Euler with both derivatives from the old state, reset after the
 *       update, spike stamped at the step's start (Brian2's {@code euler} with {@code threshold='v >
 *       v_peak'}).
 * </ul>
 * Step limit 1 ms (the author's network code uses two 0.5 ms substeps).
 */
public final class Izhikevich extends ModelDescriptor {

  Izhikevich() {
    super("izhikevich", "Izhikevich simple model: dv/dt = k2 v^2 + k1 v + k0 - u + I, du/dt = a (b (v - v_u) - "
        + "u_leak u); v > v_peak: v = c, u += d",
        "Izhikevich, IEEE TNN 14, 1569 (2003); 15, 1063 (2004); physics.md 2.5", "1", "1", 1,
        List.of(of("a", "1/ms", 0.02, -10, 10, "recovery rate"),
            of("b", "1", 0.2, -10, 10, "sensitivity of u to v"),
            of("c", "mV", -65, -200, 200, "reset potential"),
            of("d", "1", 8, -1e3, 1e3, "reset increment of u (default: regular spiking)"),
            of("k2", "1/(mV ms)", 0.04, 1e-6, 10, "quadratic coefficient"),
            of("k1", "1/ms", 5, -100, 100, "linear coefficient (4.1 in patterns G, L)"),
            of("k0", "mV/ms", 140, -1e4, 1e4, "constant term (108 in patterns G, L)"),
            of("v_peak", "mV", 30, -100, 200, "spike cut-off (v > v_peak)"),
            of("v_u", "mV", 0, -200, 200, "offset of the u nullcline (-65 in pattern R)"),
            of("u_leak", "1", 1, 0, 10, "decay factor of u in du/dt (0 in pattern R)"),
            of("v0", "mV", -65, -200, 200, "initial v"),
            of("u0", "1", Double.NaN, -1e4, 1e4, "initial u (default b v0, as figure1.m)")),
        List.of(Method.AUTHOR_EULER, Method.EULER), 0.25);
  }

  @Override
  public double maxDtMs(Method method, NeuronModel m) {
    return 1.0;
  }

  @Override
  public void check(Map<String, Double> v) {
    requireAbove(v, "v_peak", "the reset c");
  }

  @Override
  public double defaultStimulusAmplitude() {
    return 10;
  }

  @Override
  public double fiMaxInput() {
    return 20;
  }

  @Override
  public double spikeMarkMv(NeuronModel m) {
    return m.get("v_peak");
  }

  @Override
  protected NeuronKernel kernel(NeuronModel m, int n, Method method, Noise noise) {
    return new Kernel(m, n, method, noise);
  }

  /** SI kernel: V, s; u and I in V/s. */
  static final class Kernel extends PointNeuronKernel {
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double k2;
    private final double k1;
    private final double k0;
    private final double vPeak;
    private final double vu;
    private final double uLeak;
    private final double v0;
    private final double u0;
    final double[] u;

    Kernel(NeuronModel p, int n, Method method, Noise noise) {
      super(p, n, method, noise);
      a = p.get("a") * 1e3;
      b = p.get("b") * 1e3;
      c = p.get("c") * 1e-3;
      d = p.get("d");
      k2 = p.get("k2") * 1e6;
      k1 = p.get("k1") * 1e3;
      k0 = p.get("k0");
      vPeak = p.get("v_peak") * 1e-3;
      vu = p.get("v_u") * 1e-3;
      uLeak = p.get("u_leak");
      v0 = p.get("v0") * 1e-3;
      u0 = Double.isNaN(p.get("u0")) ? p.get("b") * p.get("v0") : p.get("u0");
      u = new double[n];
    }

    /** Input is a rate (V/s): a charge q on a unit capacitance moves v by q volts. */
    @Override
    public double membraneCapacitance() {
      return 1;
    }

    @Override
    protected void resetState() {
      java.util.Arrays.fill(v, v0);
      java.util.Arrays.fill(u, u0);
    }

    @Override
    protected void addStates(List<StateVariable> out) {
      out.add(new StateVariable("u", "1", u));
    }

    @Override
    protected void advance(int from, int to, double t0, double[] input, Spikes out) {
      final double h = dt;
      final boolean author = method == Method.AUTHOR_EULER;
      for (int i = from; i < to; i++) {
        final double in = drive(input, i);
        double vi = v[i];
        double ui = u[i];
        double vNew = vi + h * (k2 * (vi * vi) + k1 * vi + k0 - ui + in);
        double vForU = author ? vNew : vi;
        ui = ui + h * a * (b * (vForU - vu) - uLeak * ui);
        if (vNew > vPeak) {
          out.add(i, t0);
          vNew = c;
          ui += d;
        }
        v[i] = vNew;
        u[i] = ui;
      }
    }
  }
}
