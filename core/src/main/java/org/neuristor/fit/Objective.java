package org.neuristor.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.neuristor.NeuristorException;

/**
 * The weighted residuals of a {@link FitProblem}: every file's protocol simulated with the engine and
 * compared row by row on a relative (log) scale,
 *
 * <pre>
 *   d_fk = ln(|i_model,k| + i_floor,f) - ln(|i_meas,k| + i_floor,f)
 *   r_fk = w_f psi(d_fk),   w_f = 1/sqrt(n_f),   psi(d) = sign(d) c sqrt(2 (sqrt(1 + (d/c)^2) - 1)),  c = 0.1   (DC sweep)
 *   r_fk = w_f d_fk                                                                                 (transient)
 * </pre>
 *
 * over the compared rows k of file f ({@link Measurement#comparedRows}), so that each file weighs the same
 * whatever its number of rows. On a DC sweep psi is the soft-L1 (pseudo-Huber) loss: d for errors well
 * below 10 %, growing like sqrt(|d|) beyond, so that a stretch the model cannot represent (the gradual
 * return of a film where a lumped model snaps back) does not drag every other file's fit. A transient
 * is compared by least squares (psi(d) = d): there a large error is not a stretch to be tolerated but
 * the shape of the switching itself (how fast the current grows during a pulse that drives the film
 * into its runaway); the soft loss let a fit snap the film to its metallic current within 4 ms of a
 * 6.5 V pulse the device takes 10 ms to reach (errors of +20 to +27 % over a third of the pulse,
 * discounted to about half their weight). A DC
 * sweep that switches adds two rows for its threshold (and two for its hold, if the sweep switches
 * back):
 *
 * <pre>
 *   r_th,j = 3 (V_x,model(i_j) / V_x,meas(i_j) - 1),   j = k, k+1,   V_x(i) = {@link IvFeatures#crossing} of level i
 * </pre>
 *
 * with i_k, i_k+1 the measured currents on both sides of the measured jump: the model must reach both
 * at the measured voltage, i.e. jump there (a single level in the middle of the jump is also crossed by
 * a model that rises gradually through it). A 3 % threshold error weighs like a 10 % RMS current error
 * over a whole file, and the threshold moves continuously with the parameters (a jump between fixed
 * sweep voltages would not). A sweep also adds one row for
 * its low-bias resistance ({@link IvFeatures#lowBiasResistance}),
 *
 * <pre>
 *   r_R = 2 (R_model / R_meas - 1)
 * </pre>
 *
 * so that a 5 % error there weighs like a 10 % RMS current error: the few rows below 10 % of the sweep's
 * largest voltage, where the insulating resistance is read, are not outvoted by the hundreds of the
 * metallic branch (as the pulse features below are not by the slow relaxation). A transient with pulses adds
 * the features {@link Metrics} reports, each pulse's end-of-pulse current and read currents 1 ms and
 * 20 ms after it, against the mean of the file's measured pulses (what a device that does not repeat
 * itself exactly can be fitted to):
 *
 * <pre>
 *   r_feature = ln(i_model / mean(i_meas)) / sqrt(n_features)
 * </pre>
 *
 * so that all of a file's features together weigh like its samples; a few samples that decide what a
 * user reads off the device (how far it switched, how much is left a millisecond later) are not
 * outvoted by the hundreds of samples of its slow relaxation. A simulation that fails
 * (parameters outside a cross-parameter rule, no convergence) returns residuals of 10 w_f, and so does a candidate
 * whose parameters break the order the model means ({@link FitPlan#ordered}: a switch's ron above its roff).
 *
 * <p>Determinism: files and Jacobian columns are simulated in parallel on the given executor, each
 * independently and written to its own slot, so results do not depend on the thread count.
 */
public final class Objective {
  /** Weight of a relative threshold error. */
  static final double THRESHOLD_WEIGHT = 3.0;
  /** Weight of a relative error of a sweep's low-bias resistance. */
  static final double RESISTANCE_WEIGHT = 2.0;
  /** Residual of a failed simulation, per unit file weight. */
  static final double FAILED = 10.0;

  private final FitProblem problem;
  private final ForkJoinPool pool;
  private final int[] offsets;
  private final int size;
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong simulations = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public Objective(FitProblem problem, ForkJoinPool pool) {
    this.problem = problem;
    this.pool = pool;
    List<Protocol> files = problem.files();
    offsets = new int[files.size() + 1];
    for (int f = 0; f < files.size(); f++) {
      offsets[f + 1] = offsets[f] + files.get(f).target().size();
    }
    size = offsets[files.size()];
  }

  public FitProblem problem() {
    return problem;
  }

  /** Length of the residual vector. */
  public int size() {
    return size;
  }

  /** Residual vectors computed so far (one per point: every file simulated once). */
  public long evaluations() {
    return evaluations.get();
  }

  /** Protocol simulations so far (files x evaluations). */
  public long simulations() {
    return simulations.get();
  }

  /** Simulations that failed (penalised). */
  public long failures() {
    return failures.get();
  }

  /** The residual vector at u. */
  public double[] residuals(double[] u) {
    int nf = problem.files().size();
    List<double[]> parts = parallel(nf, f -> fileResiduals(u, f));
    evaluations.incrementAndGet();
    return join(parts);
  }

  /** Sum of squared residuals at u. */
  public double cost(double[] u) {
    double s = 0;
    for (double r : residuals(u)) {
      s += r * r;
    }
    return s;
  }

  /**
   * Forward-difference Jacobian d r / d u at u, given r(u); columns in parallel.
   *
   * @return J[row][column]
   */
  public double[][] jacobian(double[] u, double[] r) {
    int n = u.length;
    int nf = problem.files().size();
    double[] h = new double[n];
    for (int j = 0; j < n; j++) {
      h[j] = 1e-3 * Math.max(1, Math.abs(u[j]));
    }
    List<double[]> parts = parallel(n * nf, task -> {
      int j = task / nf;
      int f = task % nf;
      if (!dependsOn(j, f)) {
        return null;
      }
      double[] v = u.clone();
      v[j] += h[j];
      return fileResiduals(v, f);
    });
    evaluations.addAndGet(n);
    double[][] jac = new double[size][n];
    for (int j = 0; j < n; j++) {
      for (int f = 0; f < nf; f++) {
        double[] rf = parts.get(j * nf + f);
        if (rf == null) {
          continue;
        }
        for (int k = 0; k < rf.length; k++) {
          jac[offsets[f] + k][j] = (rf[k] - r[offsets[f] + k]) / h[j];
        }
      }
    }
    return jac;
  }

  private boolean dependsOn(int j, int f) {
    int owner = problem.free().get(j).file();
    return owner < 0 || owner == f;
  }

  /** The model currents of every file at u (null for a failed simulation). */
  public List<double[]> currents(double[] u) {
    return parallel(problem.files().size(), f -> {
      try {
        return problem.simulate(u, f);
      } catch (NeuristorException e) {
        return null;
      }
    });
  }

  /** File f's residuals at u: the model simulated, compared with what was read off the data once ({@link FileTarget}). */
  private double[] fileResiduals(double[] u, int f) {
    Protocol file = problem.files().get(f);
    FileTarget target = file.target();
    double[] out = new double[offsets[f + 1] - offsets[f]];
    boolean[] rowCompared = target.compared;
    double w = 1 / Math.sqrt(target.comparedCount);
    double[] model = null;
    simulations.incrementAndGet();
    try {
      if (FitPlan.disorder(problem.type(), problem.deviceParams(u, f)) == null) {
        model = problem.simulate(u, f);
      }
    } catch (NeuristorException e) {
      model = null;
    }
    if (model == null) {
      failures.incrementAndGet();
      java.util.Arrays.fill(out, FAILED * w);
      return out;
    }
    double floor = target.floor;
    double[] logMeas = target.logMeasured;
    Measurement m = file.data();
    int q = 0;
    boolean pulsed = m.isTransient();
    for (int k = 0; k < model.length; k++) {
      if (rowCompared[k]) {
        double d = Math.log(Math.abs(model[k]) + floor) - logMeas[q];
        out[q++] = Double.isFinite(d) ? w * (pulsed ? d : softL1(d)) : FAILED * w;
      }
    }
    double[] at = target.featureTimes;
    double wf = 1 / Math.sqrt(Math.max(1, at.length));
    for (int k = 0; k < at.length; k++) {
      double d = Math.log((Math.abs(Metrics.interpolate(m.time(), model, at[k])) + floor) / target.featureMeanPlusFloor[k]);
      out[q++] = Double.isFinite(d) ? wf * d : FAILED * wf;
    }
    double[] v = m.voltage();
    for (int k = 0; k < target.levels.length; k++) {
      double fitted = IvFeatures.crossing(v, model, target.levels[k], target.up[k], target.peak);
      double r = THRESHOLD_WEIGHT * (fitted / target.measuredCrossing[k] - 1);
      out[q++] = Double.isFinite(r) ? r : FAILED;
    }
    if (Double.isFinite(target.lowBiasOhm)) {
      double r = RESISTANCE_WEIGHT * (IvFeatures.lowBiasResistance(v, model, target.peak) / target.lowBiasOhm - 1);
      out[q++] = Double.isFinite(r) ? r : FAILED;
    }
    return out;
  }

  /** Scale of the soft-L1 loss of a DC sweep's rows (log units: a 10 % current error). */
  static final double SOFT = 0.1;

  static double softL1(double d) {
    double x = d / SOFT;
    return Math.signum(d) * SOFT * Math.sqrt(2 * (Math.sqrt(1 + x * x) - 1));
  }

  private static double[] join(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int q = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, q, p.length);
      q += p.length;
    }
    return out;
  }

  /** Runs tasks 0..n-1 on the pool (work-stealing, so nested calls cannot starve) and returns their results in index order. */
  <T> List<T> parallel(int n, IntFunction<T> task) {
    List<ForkJoinTask<T>> tasks = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      int kk = k;
      tasks.add(ForkJoinTask.adapt(() -> task.apply(kk)));
    }
    if (ForkJoinTask.inForkJoinPool()) {
      ForkJoinTask.invokeAll(tasks);
    } else {
      pool.submit(() -> ForkJoinTask.invokeAll(tasks)).join();
    }
    List<T> out = new ArrayList<>(n);
    for (ForkJoinTask<T> t : tasks) {
      out.add(t.join());
    }
    return out;
  }
}
