package org.neuristor.circuit;

/**
 * The evaluation context of one Newton iteration. Elements read the current iterate {@link #v} and
 * add contributions: {@link #f} and {@link #q} to equation rows, {@link #g} (df/dx) and {@link #c}
 * (dq/dx) to matrix handles. Ground indices (-1) are ignored, so elements need no special cases.
 */
public final class Load {
  double[] x;
  double time;
  boolean dc;
  double sourceScale = 1.0;
  boolean firstIteration;
  boolean limited;
  double tstep;
  final double[] f;
  final double[] q;
  final double[] gv;
  final double[] cv;

  Load(int n, int entries) {
    this.f = new double[n];
    this.q = new double[n];
    this.gv = new double[entries];
    this.cv = new double[entries];
  }

  /** Value of unknown i of the current iterate (0 for ground). */
  public double v(int i) {
    return i < 0 ? 0.0 : x[i];
  }

  /** The current iterate; read only. */
  public double[] x() {
    return x;
  }

  /** Simulation time (s); 0 in an operating point. */
  public double time() {
    return time;
  }

  /** True in DC analyses (operating point, DC sweep), where d/dt terms vanish. */
  public boolean dc() {
    return dc;
  }

  /** Scale factor for independent sources, 1 except during source stepping. */
  public double sourceScale() {
    return sourceScale;
  }

  /** True on the first Newton iteration of a solve (devices re-initialize their limiting memory). */
  public boolean firstIteration() {
    return firstIteration;
  }

  /** Devices call this when they limited a Newton update, so the iteration is not declared converged. */
  public void limited() {
    limited = true;
  }

  public void f(int row, double value) {
    if (row >= 0) {
      f[row] += value;
    }
  }

  public void q(int row, double value) {
    if (row >= 0) {
      q[row] += value;
    }
  }

  public void g(int handle, double value) {
    if (handle >= 0) {
      gv[handle] += value;
    }
  }

  /**
   * {@code g(at[j], sign[j] * value[of[j]])} for every j in order, without the checks for ground: every {@code at[j]}
   * is an entry.
   */
  public void g(int[] at, double[] sign, int[] of, double[] value) {
    double[] g = gv;
    for (int j = 0; j < at.length; j++) {
      g[at[j]] += sign[j] * value[of[j]];
    }
  }

  /**
   * Loads a behavioural current source through {@link org.neuristor.circuit.element.BehavioralSource.Function#load}
   * at this load's x and time into f and G.
   */
  public void behavioural(org.neuristor.circuit.element.BehavioralSource.Function fn, int p, int n, int[] ia,
      int[] ib, int[] wiring, double[] in, double[] grad) {
    fn.load(x, time, f, gv, p, n, ia, ib, wiring, in, grad);
  }

  public void c(int handle, double value) {
    if (handle >= 0) {
      cv[handle] += value;
    }
  }
}
