package org.neuristor.network;

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
 * bookkeeping follows Brian2: after a spike in step s, V is frozen in steps s+1..s+n_ref
 * (n_ref = round(t_ref/dt)) and can spike again from step s+n_ref on.
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
  }

  private final Params p;
  private Init init;
  /** Membrane voltages (V). */
  final double[] v;
  final int[] refLeft;
  private int refSteps;
  private double dtOverC;

  public LifPopulation(String name, int size, Params p, Init init) {
    super(name, size);
    this.p = p;
    this.init = init == null ? Init.constant(p.eLeakVolts()) : init;
    this.v = new double[size];
    this.refLeft = new int[size];
    this.eulerChannels = p.euler();
  }

  public Params params() {
    return p;
  }

  @Override
  public List<String> variables() {
    return List.of("v");
  }

  @Override
  public double variable(String variable, int i) {
    return v[i];
  }

  /** Membrane voltages (V), live. */
  public double[] membrane() {
    return v;
  }

  @Override
  protected void initialize(long seed, double dt) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      switch (init.kind()) {
        case "uniform":
          v[i] = init.a() + (init.b() - init.a()) * r.nextDouble();
          break;
        case "normal": {
          double u1 = 1 - r.nextDouble();
          double u2 = r.nextDouble();
          v[i] = init.a() + init.b() * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
          break;
        }
        default:
          v[i] = init.a();
      }
      refLeft[i] = 0;
    }
    refSteps = (int) Math.round(p.tRefSeconds() / dt);
    dtOverC = dt / p.cFarads();
  }

  @Override
  protected int update(int from, int to, long step, double dt, int[] out) {
    gatherSynapses(from, to, step, dt);
    final double gl = p.gLeakSiemens();
    final double glEl = gl * p.eLeakVolts() + p.iBiasAmps();
    final double vth = p.vThresholdVolts();
    final double vr = p.vResetVolts();
    final double c = p.cFarads();
    final boolean hasSyn = synG != null;
    int n = 0;
    for (int i = from; i < to; i++) {
      double vi = v[i];
      double g = 0;
      double ge = 0;
      if (hasSyn) {
        vi += synJump[i];
        g = synG[i];
        ge = synGE[i] + synI[i];
      }
      if (refLeft[i] > 0) {
        refLeft[i]--;
      } else if (p.euler()) {
        vi += dtOverC * (glEl - gl * vi + ge - g * vi);
      } else {
        double gt = gl + g;
        double vinf = (glEl + ge) / gt;
        vi = vinf + (vi - vinf) * Math.exp(-dt * gt / c);
      }
      if (vi > vth && refLeft[i] == 0) {
        vi = vr;
        refLeft[i] = refSteps;
        out[n++] = i;
      }
      v[i] = vi;
    }
    return n;
  }
}
