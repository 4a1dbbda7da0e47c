package org.neuristor.neuron;

import static org.neuristor.ParameterSpec.of;

import java.util.List;
import java.util.Map;

/**
 * Perfect integrate-and-fire model (physics.md 2.1; Lapicque (1907) as in Gerstner et al.,
 * Neuronal Dynamics (Cambridge, 2014)): {@code C dV/dt = I}; at {@code V >= v_th} a spike,
 * {@code V = v_reset}, clamped for {@code t_ref}.
 *
 * <table>
 *   <caption>Parameters (model units; the kernel converts to SI)</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>c</td><td>nF</td><td>1</td><td>membrane capacitance</td></tr>
 *   <tr><td>v_th</td><td>mV</td><td>-55</td><td>threshold</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>-70</td><td>reset and initial potential</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>2</td><td>absolute refractory period</td></tr>
 * </table>
 *
 * Kernel: exact. With the input constant over a step V is linear in time, so the crossing time
 * inside the step is solved in closed form and the refractory clock runs on continuous time
 * (several spikes per step are possible). With escape noise the hard threshold is replaced by the
 * hazard of {@link Noise} and spikes are tested at the end of each step (stamped there).
 */
public final class IntegrateAndFire extends ModelDescriptor {

  IntegrateAndFire() {
    super("if", "perfect integrate-and-fire: C dV/dt = I, reset and refractory clamp",
        "physics.md 2.1; Lapicque (1907) as in Gerstner et al., Neuronal Dynamics (2014)", "nA", "A", 1e-9,
        List.of(of("c", "nF", 1, 1e-6, 1e6, "membrane capacitance (physics.md 2.1 test value)"),
            of("v_th", "mV", -55, -200, 200, "threshold"),
            of("v_reset", "mV", -70, -200, 200, "reset and initial potential"),
            of("t_ref", "ms", 2, 0, 1e4, "absolute refractory period")),
        List.of(Method.EXACT), 0.1);
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
    return 1;
  }

  @Override
  public double fiMaxInput() {
    return 4;
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
    return new Kernel(m, n, noise);
  }

  /** SI kernel: F, V, s, A. */
  static final class Kernel extends PointNeuronKernel {
    private final double c;
    private final double vth;
    private final double vreset;
    private final double tref;
    private final double rho0;
    private final double du;
    private final double[] refLeft;

    Kernel(NeuronModel m, int n, Noise noise) {
      super(m, n, Method.EXACT, noise);
      c = m.get("c") * 1e-9;
      vth = m.get("v_th") * 1e-3;
      vreset = m.get("v_reset") * 1e-3;
      tref = m.get("t_ref") * 1e-3;
      rho0 = noise.escapeRho0PerMs() * 1e3;
      du = noise.escapeDeltaMv() * 1e-3;
      refLeft = new double[n];
    }

    @Override
    public double membraneCapacitance() {
      return c;
    }

    @Override
    public boolean rangeSafe() {
      return super.rangeSafe() && !noise.hasEscape();
    }

    @Override
    protected void resetState() {
      java.util.Arrays.fill(v, vreset);
      java.util.Arrays.fill(refLeft, 0);
    }

    @Override
    protected void addStates(List<StateVariable> out) {
      out.add(new StateVariable("refractory_left", "s", refLeft));
    }

    @Override
    protected void advance(int from, int to, double t0, double[] input, Spikes out) {
      final double h = dt;
      final boolean escape = noise.hasEscape();
      for (int i = from; i < to; i++) {
        double in = drive(input, i);
        double vi = v[i];
        double t = 0;
        double ref = refLeft[i];
        if (ref > 0) {
          double used = Math.min(ref, h);
          refLeft[i] = ref - used;
          t = used;
          vi = vreset;
        }
        if (escape) {
          if (t < h) {
            vi += in * (h - t) / c;
            double rho = rho0 * Math.exp((vi - vth) / du);
            if (rng.nextDouble() < -Math.expm1(-rho * (h - t))) {
              out.add(i, t0 + h);
              vi = vreset;
              refLeft[i] = tref;
            }
          }
          v[i] = vi;
          continue;
        }
        while (t < h) {
          double vEnd = vi + in * (h - t) / c;
          if (vEnd >= vth) {
            double ts = vi >= vth ? t : t + (vth - vi) * c / in;
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
        v[i] = vi;
      }
    }
  }
}
