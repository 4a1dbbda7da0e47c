package org.neuristor.fit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.neuristor.NeuristorException;

/**
 * Fits the NeuroSim pulse-programmed synapse (physics.md 3.8c, {@link org.neuristor.device.SynapseDevice})
 * to a measured conductance-vs-pulse file: the conductance after each of N potentiation pulses and
 * after each of N depression pulses.
 *
 * <pre>
 *   G(n) = G_0 + (G_N - G_0) (1 - exp(-n/A)) / (1 - exp(-N/A))        n = 1..N pulses from the start G_0
 * </pre>
 *
 * which is NeuroSim's curve with P_max = N levels: A &gt; 0 saturates (steep first), A &lt; 0 starts slowly,
 * |A| -&gt; infinity is linear. NeuroSim's A_LTP is A of the potentiation curve; its A_LTD (negative by its
 * convention, steep near G_max) is -A of the depression curve written in pulses from the start of
 * depression. Least squares by Hipparchus' LM on (G_0, G_N, 1/A).
 *
 * <p>Cycle-to-cycle noise: NeuroSim adds N(0, sigma^2) to G at every pulse, which then persists. sigma
 * is the standard deviation of the pulse-to-pulse increments of the residual G_meas - G(n). The check
 * simulates the noisy device (each pulse moves one level along the curve from where G is, plus the
 * noise, clipped to the curve's range) with a seed and compares its pulse-to-pulse spread (standard
 * deviation of consecutive differences) with the measured one.
 */
public final class SynapseFit {
  private SynapseFit() {}

  /**
   * One direction's fit.
   *
   * @param start G_0
   * @param end G_N
   * @param a A in pulses (infinite: linear)
   * @param pulses N
   * @param rms RMS of G_meas - G(n)
   * @param sigma cycle-to-cycle sigma (same units as G)
   * @param measuredSpread std of consecutive measured differences
   * @param modelSpread the same of the seeded simulation with sigma
   * @param lag1 lag-1 autocorrelation of the measured consecutive differences (-0.5: read noise
   *     only, 0: cycle-to-cycle noise only)
   */
  public record Curve(double start, double end, double a, int pulses, double rms, double sigma, double measuredSpread,
      double modelSpread, double lag1) {

    /** G after n pulses. */
    public double at(double n) {
      return curve(start, end, 1 / a, pulses, n);
    }
  }

  /**
   * The fit of both directions.
   *
   * @param potentiation the potentiation curve
   * @param depression the depression curve
   * @param range max - min of all measured values
   * @param trendRms RMS of the data about their own smoothed trend ({@link #trendRms}), both directions
   *     together: the floor no smooth conductance-vs-pulse curve gets below
   */
  public record Result(Curve potentiation, Curve depression, double range, double trendRms) {
    /** RMS error of both directions together, as a fraction of the range. */
    public double rmsOfRange() {
      int n = potentiation.pulses() + depression.pulses();
      double s = potentiation.rms() * potentiation.rms() * potentiation.pulses()
          + depression.rms() * depression.rms() * depression.pulses();
      return Math.sqrt(s / n) / range;
    }

    /** NeuroSim parameters and the fit figures, JSON-ready. */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", "NeuroSim pulse-programmed synapse (physics.md 3.8c)");
      m.put("levels_ltp", potentiation.pulses());
      m.put("levels_ltd", depression.pulses());
      m.put("a_ltp_pulses", finite(potentiation.a()));
      m.put("a_ltd_pulses", finite(-depression.a()));
      m.put("a_ltp_over_pmax", finite(potentiation.a() / potentiation.pulses()));
      m.put("a_ltd_over_pmax", finite(-depression.a() / depression.pulses()));
      m.put("g_start_ltp", potentiation.start());
      m.put("g_end_ltp", potentiation.end());
      m.put("g_start_ltd", depression.start());
      m.put("g_end_ltd", depression.end());
      m.put("sigma_c2c", (potentiation.sigma() + depression.sigma()) / 2 / range);
      m.put("range", range);
      m.put("rms_err_of_range", rmsOfRange());
      m.put("trend_rms_of_range", trendRms / range);
      m.put("potentiation", curveJson(potentiation, range));
      m.put("depression", curveJson(depression, range));
      return m;
    }

    private static Map<String, Object> curveJson(Curve c, double range) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rms_err", c.rms());
      m.put("rms_err_of_range", c.rms() / range);
      m.put("sigma_c2c_of_range", c.sigma() / range);
      m.put("pulse_to_pulse_spread_measured", c.measuredSpread());
      m.put("pulse_to_pulse_spread_model", c.modelSpread());
      m.put("spread_rel_err", c.modelSpread() / c.measuredSpread() - 1);
      m.put("lag1_autocorrelation_measured", c.lag1());
      return m;
    }

    private static Object finite(double d) {
      return Double.isFinite(d) ? d : null;
    }
  }

  /** Half-width (pulses) of the centred window of {@link #trendRms}. */
  static final int TREND_HALF_WIDTH = 25;

  /**
   * RMS of a pulse series about its own trend: at every pulse, the straight line fitted by least
   * squares to the 2 x 25 + 1 pulses centred on it (fewer at the ends; a local linear smoother, which
   * follows any straight stretch exactly, also at the ends). What is left is the pulse-to-pulse noise
   * that a smooth conductance-vs-pulse curve cannot follow; a fitted curve's RMS error is judged
   * against it.
   */
  public static double trendRms(double[] g) {
    int n = g.length;
    double[] s1 = new double[n + 1];
    double[] sx = new double[n + 1];
    double[] sxx = new double[n + 1];
    double[] sy = new double[n + 1];
    double[] sxy = new double[n + 1];
    for (int k = 0; k < n; k++) {
      s1[k + 1] = s1[k] + 1;
      sx[k + 1] = sx[k] + k;
      sxx[k + 1] = sxx[k] + (double) k * k;
      sy[k + 1] = sy[k] + g[k];
      sxy[k + 1] = sxy[k] + k * g[k];
    }
    double s = 0;
    for (int k = 0; k < n; k++) {
      int a = Math.max(0, k - TREND_HALF_WIDTH);
      int b = Math.min(n, k + TREND_HALF_WIDTH + 1);
      double m = s1[b] - s1[a];
      double mx = (sx[b] - sx[a]) / m;
      double my = (sy[b] - sy[a]) / m;
      double vxx = (sxx[b] - sxx[a]) / m - mx * mx;
      double vxy = (sxy[b] - sxy[a]) / m - mx * my;
      double trend = my + (vxx > 0 ? vxy / vxx : 0) * (k - mx);
      double d = g[k] - trend;
      s += d * d;
    }
    return Math.sqrt(s / n);
  }

  /** Fits potentiation and depression curves; the noise check runs with {@code seed}. */
  public static Result fit(double[] potentiation, double[] depression, long seed) {
    if (potentiation.length < 5 || depression.length < 5) {
      throw NeuristorException.input("synapse data need at least 5 pulses in each direction");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] a : new double[][] {potentiation, depression}) {
      for (double v : a) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > lo)) {
      throw NeuristorException.input("synapse data: every conductance is the same; nothing to fit");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double tp = trendRms(potentiation);
    double td = trendRms(depression);
    double trend = Math.sqrt((tp * tp * potentiation.length + td * td * depression.length)
        / (potentiation.length + depression.length));
    return new Result(direction(potentiation, rng.split()), direction(depression, rng.split()), hi - lo, trend);
  }

  static double curve(double g0, double gn, double c, int n, double p) {
    double f = Math.abs(c) < 1e-12 ? p / n : Math.expm1(-c * p) / Math.expm1(-c * n);
    return g0 + (gn - g0) * f;
  }

  private static Curve direction(double[] y, SplittableRandom rng) {
    int n = y.length;
    double[] start = {y[0], y[n - 1], 0};
    LeastSquaresOptimizer.Optimum opt;
    try {
      opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
          .start(start)
          .target(y)
          .model(x -> {
            double[] out = new double[n];
            for (int k = 0; k < n; k++) {
              out[k] = curve(x[0], x[1], x[2], n, k + 1);
            }
            return out;
          }, x -> {
            double[][] jac = new double[n][3];
            double h = 1e-7;
            for (int k = 0; k < n; k++) {
              double f = curve(0, 1, x[2], n, k + 1);
              jac[k][0] = 1 - f;
              jac[k][1] = f;
              jac[k][2] = (curve(x[0], x[1], x[2] + h, n, k + 1) - curve(x[0], x[1], x[2] - h, n, k + 1)) / (2 * h);
            }
            return jac;
          })
          .maxEvaluations(10000)
          .maxIterations(1000)
          .build());
    } catch (MathIllegalStateException e) {
      throw new NeuristorException("synapse fit did not converge: " + e.getMessage(), 3);
    }
    double[] x = opt.getPoint().toArray();
    double[] resid = new double[n];
    double ss = 0;
    for (int k = 0; k < n; k++) {
      resid[k] = y[k] - curve(x[0], x[1], x[2], n, k + 1);
      ss += resid[k] * resid[k];
    }
    double sigma = std(diff(resid));
    double measured = std(diff(y));
    double a = x[2] == 0 ? Double.POSITIVE_INFINITY : 1 / x[2];
    double model = std(diff(simulate(x[0], x[1], x[2], n, sigma, rng)));
    double[] d = diff(y);
    return new Curve(x[0], x[1], a, n, Math.sqrt(ss / n), sigma, measured, model, lag1(d));
  }

  /**
   * The noisy device: from G_0, each pulse moves one level along the curve from the level of the
   * present G (the curve inverted), adds N(0, sigma^2) and clips to the curve's range.
   */
  static double[] simulate(double g0, double gn, double c, int n, double sigma, SplittableRandom rng) {
    double lo = Math.min(g0, gn);
    double hi = Math.max(g0, gn);
    double[] out = new double[n];
    double g = g0;
    for (int k = 0; k < n; k++) {
      double p = level(g0, gn, c, n, g);
      g = curve(g0, gn, c, n, p + 1) + sigma * gauss(rng);
      g = Math.min(Math.max(g, lo), hi);
      out[k] = g;
    }
    return out;
  }

  /** The (fractional) pulse count at which the curve has value g. */
  static double level(double g0, double gn, double c, int n, double g) {
    double f = (g - g0) / (gn - g0);
    if (Math.abs(c) < 1e-12) {
      return f * n;
    }
    // f = expm1(-c p) / expm1(-c n)  ->  p = -log1p(f expm1(-c n)) / c
    double arg = f * Math.expm1(-c * n);
    return arg <= -1 ? n : -Math.log1p(arg) / c;
  }

  private static double gauss(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double[] diff(double[] a) {
    double[] d = new double[a.length - 1];
    for (int k = 1; k < a.length; k++) {
      d[k - 1] = a[k] - a[k - 1];
    }
    return d;
  }

  private static double mean(double[] a) {
    double m = 0;
    for (double v : a) {
      m += v;
    }
    return m / a.length;
  }

  private static double std(double[] a) {
    double m = mean(a);
    double s = 0;
    for (double v : a) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (a.length - 1));
  }

  private static double lag1(double[] d) {
    double m = mean(d);
    double num = 0;
    double den = 0;
    for (int k = 0; k < d.length; k++) {
      den += (d[k] - m) * (d[k] - m);
      if (k > 0) {
        num += (d[k] - m) * (d[k - 1] - m);
      }
    }
    return num / den;
  }
}
