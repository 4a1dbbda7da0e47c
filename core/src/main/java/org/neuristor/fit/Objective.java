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
 * (parameters outside a cross-parameter rule, no convergence) returns residuals of 10 w_f.
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
  /** Per file: the compared rows, their number and the current floor (fixed by the data, so kept). */
  private final boolean[][] compared;
  private final int[] comparedCount;
  private final double[] floor;
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong simulations = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public Objective(FitProblem problem, ForkJoinPool pool) {
    this.problem = problem;
    this.pool = pool;
    List<Protocol> files = problem.files();
    offsets = new int[files.size() + 1];
    compared = new boolean[files.size()][];
    comparedCount = new int[files.size()];
    floor = new double[files.size()];
    for (int f = 0; f < files.size(); f++) {
      Measurement m = files.get(f).data();
      compared[f] = m.comparedRows();
      comparedCount[f] = Measurement.count(compared[f]);
      floor[f] = m.currentFloor();
      offsets[f + 1] = offsets[f] + comparedCount[f] + (m.isTransient() ? features(m).length : thresholdRows(m));
    }
    size = offsets[files.size()];
  }

  /** Feature instants of a transient: per pulse {end row time, read times}; NaN entries are skipped. */
  private static double[] features(Measurement m) {
    List<Metrics.Pulse> pulses = Metrics.pulses(m);
    double[][] reads = Metrics.readTimes(m, pulses, null);
    List<Double> times = new ArrayList<>();
    for (int p = 0; p < pulses.size(); p++) {
      times.add(m.time()[pulses.get(p).end()]);
      for (double r : reads[p]) {
        if (!Double.isNaN(r)) {
          times.add(r);
        }
      }
    }
    return times.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The feature kind of each feature instant: 0 end of pulse, 1.. read delays (same order as features). */
  private static int[] featureKinds(Measurement m) {
    List<Metrics.Pulse> pulses = Metrics.pulses(m);
    double[][] reads = Metrics.readTimes(m, pulses, null);
    List<Integer> kinds = new ArrayList<>();
    for (int p = 0; p < pulses.size(); p++) {
      kinds.add(0);
      for (int d = 0; d < reads[p].length; d++) {
        if (!Double.isNaN(reads[p][d])) {
          kinds.add(d + 1);
        }
      }
    }
    return kinds.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int thresholdRows(Measurement m) {
    return (IvFeatures.rise(m.voltage(), m.current()).switched() ? 2 : 0)
        + (IvFeatures.fall(m.voltage(), m.current()).switched() ? 2 : 0)
        + (Double.isFinite(IvFeatures.lowBiasResistance(m.voltage(), m.current())) ? 1 : 0);
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

  private double[] fileResiduals(double[] u, int f) {
    Measurement m = problem.files().get(f).data();
    int n = offsets[f + 1] - offsets[f];
    double[] out = new double[n];
    boolean[] rowCompared = compared[f];
    double w = 1 / Math.sqrt(comparedCount[f]);
    double[] model;
    simulations.incrementAndGet();
    try {
      model = problem.simulate(u, f);
    } catch (NeuristorException e) {
      failures.incrementAndGet();
      java.util.Arrays.fill(out, FAILED * w);
      return out;
    }
    double floor = this.floor[f];
    double[] meas = m.current();
    int q = 0;
    boolean pulsed = m.isTransient();
    for (int k = 0; k < m.rows(); k++) {
      if (rowCompared[k]) {
        double d = Math.log(Math.abs(model[k]) + floor) - Math.log(Math.abs(meas[k]) + floor);
        out[q++] = Double.isFinite(d) ? w * (pulsed ? d : softL1(d)) : FAILED * w;
      }
    }
    if (m.isTransient()) {
      double[] at = features(m);
      int[] kind = featureKinds(m);
      double[] sum = new double[4];
      int[] cnt = new int[4];
      for (int k = 0; k < at.length; k++) {
        sum[kind[k]] += Math.abs(Metrics.interpolate(m.time(), meas, at[k]));
        cnt[kind[k]]++;
      }
      double wf = 1 / Math.sqrt(Math.max(1, at.length));
      for (int k = 0; k < at.length; k++) {
        double mean = sum[kind[k]] / cnt[kind[k]];
        double d = Math.log((Math.abs(Metrics.interpolate(m.time(), model, at[k])) + floor) / (mean + floor));
        out[q++] = Double.isFinite(d) ? wf * d : FAILED * wf;
      }
    } else {
      double[] v = m.voltage();
      IvFeatures.Step rise = IvFeatures.rise(v, meas);
      if (rise.switched()) {
        out[q++] = threshold(v, meas, model, rise.row(), 0, true);
        out[q++] = threshold(v, meas, model, rise.row(), 1, true);
      }
      IvFeatures.Step fall = IvFeatures.fall(v, meas);
      if (fall.switched()) {
        out[q++] = threshold(v, meas, model, fall.row(), 0, false);
        out[q++] = threshold(v, meas, model, fall.row(), 1, false);
      }
      double rMeas = IvFeatures.lowBiasResistance(v, meas);
      if (Double.isFinite(rMeas)) {
        double r = RESISTANCE_WEIGHT * (IvFeatures.lowBiasResistance(v, model) / rMeas - 1);
        out[q++] = Double.isFinite(r) ? r : FAILED;
      }
    }
    return out;
  }

  /** Scale of the soft-L1 loss of a DC sweep's rows (log units: a 10 % current error). */
  static final double SOFT = 0.1;

  static double softL1(double d) {
    double x = d / SOFT;
    return Math.signum(d) * SOFT * Math.sqrt(2 * (Math.sqrt(1 + x * x) - 1));
  }

  /** The threshold row of the level on side {@code side} (0: before, 1: after) of the measured step at {@code row}. */
  private static double threshold(double[] v, double[] meas, double[] model, int row, int side, boolean up) {
    double level = Math.abs(meas[row + side]);
    double measured = IvFeatures.crossing(v, meas, level, up);
    double fitted = IvFeatures.crossing(v, model, level, up);
    double r = THRESHOLD_WEIGHT * (fitted / measured - 1);
    return Double.isFinite(r) ? r : FAILED;
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
