package org.neuristor.circuit;

/**
 * The solution history of a transient run and what is computed from it: the integration coefficients of
 * backward Euler, BDF2 (Gear-2, variable step) and the trapezoidal rule, the polynomial predictor and the
 * local-truncation-error estimate.
 *
 * <p>A step from t_n to t_n+1 = t_n + h solves {@code a0 q(x_n+1) + qHist + f(x_n+1) = 0}:
 * <ul>
 *   <li>backward Euler: a0 = 1/h, qHist = -q_n / h;</li>
 *   <li>trapezoidal: a0 = 2/h, qHist = -a0 q_n - qdot_n;</li>
 *   <li>BDF2 with w = h / (t_n - t_n-1): a0 = (1+2w) / ((1+w) h), qHist = -(1+w)/h q_n + w^2/((1+w) h) q_n-1.</li>
 * </ul>
 * The truncation error is C (k+1)! h^(k+1) times the (k+1)-th divided difference over the new point and k+1
 * history points, with C = 1/2 (BE), 2/9 (BDF2), 1/12 (trapezoidal) (Brayton, Gustavson, Hachtel 1972;
 * ngspice's CKTterr). Index 0 of the history is the newest point. Not thread safe: one per run.
 */
final class IntegrationHistory {
  private final int n;
  /**
   * Solutions and charges of the history points in a ring: point s (0 = newest) in slot {@code (head + s) & 3}.
   * Accepting a point moves {@link #head} instead of the arrays' references (a reference store costs the
   * garbage collector's write barrier).
   */
  private final double[][] hx = new double[4][];
  private final double[][] hq = new double[4][];
  private int head;
  private final double[] ht = new double[4];
  private int count;
  /** dq/dt at the newest point (trapezoidal rule only: kept up to date only when {@link #trap}). */
  final double[] qdot;
  /** Whether steps of order 2 use the trapezoidal rule, the only reader of {@link #qdot}. */
  private final boolean trap;
  /** The history term of the current step. */
  final double[] qHist;
  private final double[] lagrange = new double[4];
  /**
   * Divided differences of the dynamic unknowns (by their position j in {@link MnaSystem#dynamicUnknowns}) in two
   * sets of 3n: set s holds at {@code 3ns + j} the first difference over the newest two points, at {@code 3ns + n + j}
   * the one over the two before them and at {@code 3ns + 2n + j} the second difference over the newest three. Set
   * {@link #diffSet} is carried (valid for {@link #carriedLength} unknowns, -1: none); {@link #truncationRatio} forms
   * the other one over its new point, which becomes the carried set when the step is accepted. One array and an
   * index, not references that change: a reference store costs the collector's write barrier.
   */
  private final double[] diff;
  private int diffSet;
  private int carriedLength = -1;
  /** Unknowns of the set {@link #truncationRatio} formed for the step being attempted (-1: none). */
  private int formedLength = -1;

  /**
   * Magnitudes below which accepted values are set to zero (of the same sign): 2^-960, about 1e-289, far below any
   * tolerance, above the subnormal doubles (below 2^-1022). A node that decays exponentially toward exactly 0 V
   * reaches the subnormals after some 709 time constants and stays there (x * 0.98 rounds back to x for the
   * smallest); x86 computes with subnormal operands through a microcode assist, tens of times slower. Values at or
   * above the bound are left as they are, so a run that never goes below it is bit for bit the same as without.
   */
  static final double TINY = 0x1p-960;
  /** Magnitudes below which {@link #accept} sets values to zero: {@link #TINY}, or 0 (nothing) for tests. */
  private final double tiny;

  IntegrationHistory(int n, boolean trap) {
    this(n, trap, true);
  }

  IntegrationHistory(int n, boolean trap, boolean flush) {
    this.n = n;
    this.trap = trap;
    this.tiny = flush ? TINY : 0;
    for (int s = 0; s < 4; s++) {
      hx[s] = new double[n];
      hq[s] = new double[n];
    }
    this.qdot = new double[n];
    this.qHist = new double[n];
    this.diff = new double[6 * n];
  }

  /** Forgets everything but the newest point (after a discontinuity), with qdot = -f there. */
  void restart(double[] f) {
    count = 1;
    carriedLength = -1;
    derivative(f);
  }

  /** qdot = -f, f evaluated at the newest point (dq/dt there, by the equations). */
  private void derivative(double[] f) {
    for (int i = 0; i < n; i++) {
      qdot[i] = -f[i];
    }
  }

  /**
   * Sets {@link #qHist} for a trapezoidal step of size h from the newest point, with dq/dt there -f (f evaluated at
   * the newest point), and returns a0 = 2/h: the step of {@link TransientAnalysis} that BDF2 cannot take across a
   * discontinuity (its Newton iteration two-cycling) in a run whose history keeps no qdot.
   */
  double trapezoidal(double h, double[] f) {
    derivative(f);
    return coefficients(2, h, true);
  }

  /** Starts the history at (t, x, q) with qdot = -f. */
  void start(double t, double[] x, double[] q, double[] f) {
    System.arraycopy(x, 0, hx[head], 0, n);
    System.arraycopy(q, 0, hq[head], 0, n);
    ht[0] = t;
    restart(f);
  }

  /** Points held (1 to 4). */
  int count() {
    return count;
  }

  /** The newest accepted solution. */
  double[] newest() {
    return hx[head];
  }

  /** The solution before the newest. */
  double[] previous() {
    return hx[(head + 1) & 3];
  }

  /**
   * Sets {@link #qHist} for a step of size h and order k and returns a0.
   *
   * @param trap trapezoidal rule instead of BDF2 for k = 2
   */
  double coefficients(int k, double h, boolean trap) {
    formedLength = -1; // a new attempt: nothing formed for it yet
    double[] q0 = hq[head];
    if (k == 1) {
      for (int i = 0; i < n; i++) {
        qHist[i] = -q0[i] / h;
      }
      return 1.0 / h;
    }
    if (trap) {
      double a0 = 2.0 / h;
      for (int i = 0; i < n; i++) {
        qHist[i] = -a0 * q0[i] - qdot[i];
      }
      return a0;
    }
    double[] q1 = hq[(head + 1) & 3];
    double w = h / (ht[0] - ht[1]);
    double a0 = (1 + 2 * w) / ((1 + w) * h);
    double c1 = -(1 + w) / h;
    double c2 = w * w / ((1 + w) * h);
    for (int i = 0; i < n; i++) {
      qHist[i] = c1 * q0[i] + c2 * q1[i];
    }
    return a0;
  }

  /**
   * Lagrange extrapolation through the newest {@code points} history points to time t, into out: weight a is the
   * product over b != a, in order, of (t - t_b) / (t_a - t_b) (for two and three points written out: a product that
   * starts at 1 and multiplies by the first factor holds that factor exactly), out[i] the sum over a, in order, of
   * weight a times x_a[i].
   */
  void predict(int points, double t, double[] out) {
    double[] x0 = hx[head];
    if (points <= 1) {
      System.arraycopy(x0, 0, out, 0, n);
      return;
    }
    double[] x1 = hx[(head + 1) & 3];
    double t0 = ht[0];
    double t1 = ht[1];
    if (points == 2) {
      double w0 = (t - t1) / (t0 - t1);
      double w1 = (t - t0) / (t1 - t0);
      for (int i = 0; i < n; i++) {
        out[i] = 0.0 + w0 * x0[i] + w1 * x1[i]; // the general loop's sum, in its order
      }
      return;
    }
    if (points == 3) {
      double[] x2 = hx[(head + 2) & 3];
      double t2 = ht[2];
      double w0 = (t - t1) / (t0 - t1) * ((t - t2) / (t0 - t2));
      double w1 = (t - t0) / (t1 - t0) * ((t - t2) / (t1 - t2));
      double w2 = (t - t0) / (t2 - t0) * ((t - t1) / (t2 - t1));
      for (int i = 0; i < n; i++) {
        out[i] = 0.0 + w0 * x0[i] + w1 * x1[i] + w2 * x2[i];
      }
      return;
    }
    double[] w = lagrange;
    for (int a = 0; a < points; a++) {
      double c = 1;
      for (int b = 0; b < points; b++) {
        if (b != a) {
          c *= (t - ht[b]) / (ht[a] - ht[b]);
        }
      }
      w[a] = c;
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int a = 0; a < points; a++) {
        s += w[a] * hx[(head + a) & 3][i];
      }
      out[i] = s;
    }
  }

  /**
   * Accepts (tNew, xNew, qNew) as the newest point: qdot = a0 q + qHist, then the history shifts by one. With the
   * flush (the default), values of x, q and qdot below {@link #TINY} are set to zero, in xNew too.
   */
  void accept(double tNew, double[] xNew, double[] qNew, double a0) {
    final double b = tiny;
    if (trap) {
      for (int i = 0; i < n; i++) {
        qdot[i] = zeroBelow(a0 * qNew[i] + qHist[i], b);
      }
    }
    head = (head + 3) & 3; // the oldest slot becomes the newest
    double[] oldX = hx[head];
    double[] oldQ = hq[head];
    for (int s = 3; s > 0; s--) {
      ht[s] = ht[s - 1];
    }
    for (int i = 0; i < n; i++) { // a loop, not arraycopy: n is small and a stub call costs more
      double x = zeroBelow(xNew[i], b);
      xNew[i] = x; // the accepted point as the trace, the devices and the energy bookkeeping see it
      oldX[i] = x;
      oldQ[i] = zeroBelow(qNew[i], b);
    }
    ht[0] = tNew;
    count = Math.min(count + 1, 4);
    // the differences formed over the accepted point are over the newest points now
    carriedLength = formedLength;
    formedLength = -1;
    diffSet ^= 1;
  }

  /** v, or zero of v's sign when |v| is below {@link #TINY} (zeros stay as they are). */
  static double zeroIfTiny(double v) {
    return zeroBelow(v, TINY);
  }

  /** v, or zero of v's sign when |v| is below {@code bound} (v itself, bit for bit, for a bound of 0). */
  private static double zeroBelow(double v, double bound) {
    return Math.abs(v) < bound ? Math.copySign(0.0, v) : v;
  }

  /**
   * max over dynamic unknowns of |LTE| / tolerance for the step to (tNew, xNew) of order k. The divided differences
   * over history points alone, (x1 - x2) / (t1 - t2), (x2 - x3) / (t2 - t3) and the second one over x1, x2, x3, are
   * those the previous step formed over its new point, when it formed them and was accepted (see {@link #diff}): the
   * same operands, so the same values, taken instead of divided again.
   */
  double truncationRatio(MnaSystem sys, double[] xNew, double tNew, int k, boolean trap, SimOptions o) {
    double h = tNew - ht[0];
    double factor = k == 1 ? h * h : (trap ? 0.5 : 4.0 / 3.0) * h * h * h;
    double worst = 0;
    double t0 = tNew;
    double t1 = ht[0];
    double t2 = ht[1];
    double t3 = k >= 2 ? ht[2] : 0;
    double[] h0 = hx[head];
    double[] h1 = hx[(head + 1) & 3];
    double[] h2 = hx[(head + 2) & 3];
    double trtol = o.trtol();
    double reltol = o.reltol();
    int[] dyn = sys.dynamicUnknowns();
    int m = dyn.length;
    // the carried differences serve when they were formed over the same unknowns (the list only grows)
    boolean carried = carriedLength == m;
    double[] d = diff;
    int c = diffSet * 3 * n;
    int p = (diffSet ^ 1) * 3 * n;
    for (int j = 0; j < m; j++) {
      int i = dyn[j];
      double x0 = xNew[i];
      double x1 = h0[i];
      double d01 = (x0 - x1) / (t0 - t1);
      double d12 = carried ? d[c + j] : (x1 - h1[i]) / (t1 - t2);
      double d012 = (d01 - d12) / (t0 - t2);
      double dd;
      if (k == 1) {
        dd = d012;
      } else {
        double d23 = carried ? d[c + n + j] : (h1[i] - h2[i]) / (t2 - t3);
        double d123 = carried ? d[c + 2 * n + j] : (d12 - d23) / (t1 - t3);
        dd = (d012 - d123) / (t0 - t3);
      }
      d[p + j] = d01;
      d[p + n + j] = d12;
      d[p + 2 * n + j] = d012;
      double err = Math.abs(factor * dd);
      double tol = trtol * (reltol * Math.max(Math.abs(x0), Math.abs(x1)) + sys.absTol(i));
      double r = err / tol;
      if (r > worst) {
        worst = r;
      }
    }
    formedLength = m;
    return worst;
  }
}
