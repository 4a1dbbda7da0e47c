package org.neuristor.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.random.Well19937c;

/**
 * Fits a {@link FitProblem}: a seeded global stage, then Hipparchus' Levenberg-Marquardt from the
 * best candidates, then standard errors and correlations from the Jacobian at the optimum.
 *
 * <ol>
 *   <li>Global stage, {@link Global#STARTS} (default): the plan's start (preset values) and
 *       {@code screening} Latin-hypercube samples of the free parameters' ranges (drawn from the seed)
 *       are each simulated once; the {@code polish} best go on to LM. {@link Global#CMAES}: Hipparchus'
 *       CMA-ES (seeded) on the same coordinates, then LM from its best point.
 *   <li>Levenberg-Marquardt on the unbounded coordinates of {@link FreeParameter} (the ranges cannot
 *       be left), forward-difference Jacobians with the columns simulated in parallel.
 *   <li>Uncertainty: with J the Jacobian in natural coordinates (ln p for scale parameters, p otherwise)
 *       and r the residuals, the covariance is the sandwich m/(m-n) (J^T J)^-1 J^T diag(r^2) J (J^T J)^-1
 *       ({@link #covariance}; pseudo-inverse: directions with singular values below 1e-9 of the
 *       largest are reported as not identifiable); the standard error of a scale parameter is p times
 *       that of ln p. They are local: a fit in another optimum than the truth's is not covered by
 *       them, so read them as sensitivities, not as the distance to the truth.
 * </ol>
 *
 * Same seed, same result: every stage reduces in a fixed order, whatever the thread count.
 */
public final class DeviceFitter {
  private DeviceFitter() {}

  /** Global stages. */
  public enum Global { STARTS, CMAES }

  /**
   * Options.
   *
   * @param seed seed of the global stage
   * @param screening random candidates of the global stage (STARTS) or CMA-ES evaluations (CMAES)
   * @param polish candidates refined by LM
   * @param maxIterations LM iterations per candidate
   * @param global which global stage
   * @param staged whether files with parameters of their own are fitted in stages (false: one LM
   *     over everything from the starting values)
   */
  public record Options(long seed, int screening, int polish, int maxIterations, Global global, boolean staged) {
    public Options(long seed, int screening, int polish, int maxIterations, Global global) {
      this(seed, screening, polish, maxIterations, global, true);
    }

    public static Options defaults() {
      return new Options(1, 8, 1, 60, Global.STARTS, true);
    }
  }

  /**
   * Global stage of a file's own parameters (a sweep's ambient, scales, metallic resistance): one
   * file is cheap to simulate and its landscape is rugged (a threshold that moves in steps of the
   * sweep), so it gets more starts and more of them refined than the shared stage.
   */
  static final int FILE_STARTS = 64;
  static final int FILE_POLISH = 4;

  /**
   * Starts of the joint stage: the best point of the staged fit, the plan's start with the files'
   * own parameters fitted to it, and the runners-up of the files' own stages. A file's own stage ranks its candidates with the
   * shared parameters held at the other files' optimum; which of them leads to the best joint fit is
   * decided only jointly (the ranking of nearly equal candidates flips with last-bit differences of
   * the engine), so the best few are each refined jointly for {@link #JOINT_SCREEN} iterations and
   * the best of them (cost, then order) is refined to the end.
   */
  static final int JOINT_STARTS = 3;
  static final int JOINT_SCREEN = 12;

  /**
   * Hops of the joint stage (one per random candidate of the global stage, {@code --starts}): the starts above all
   * lie in the basin of the plan's start, because the global stage's samples of the whole ranges are never near
   * the best (on the synthetic files of docs/fitting.md the 8 samples cost 33 to 5,500 times the plan's start) and
   * LM from any of them stops in the nearest local optimum. A hop moves the best joint point by up to
   * {@link #HOP_STEP} (unbounded coordinates: pi spans a range) along one of the {@link #HOP_DIRECTIONS} flattest
   * directions of the Jacobian there (right singular vectors of the smallest singular values: the parameter
   * combinations the data pin least, e.g. r0, rs and alpha together), drawn from the seed, and refines for
   * {@link #HOP_ITERATIONS}. Moving every coordinate at once, even by 0.07, put the cost 100 times up; moving two
   * coordinates drawn at random (round 19) needed 9 or more hops to leave the basin on the synthetic files, along
   * the flat directions 5.
   */
  static final int HOP_ITERATIONS = 6;
  static final int HOP_DIRECTIONS = 4;
  static final double HOP_STEP = 0.3 * Math.sqrt(3);

  /**
   * Receives progress: a stage name, work done and total of that stage; and, told before each such update, the share
   * of the whole fit done (0 to 1, never decreasing across stages: {@link Overall}).
   */
  @FunctionalInterface
  public interface Progress {
    void update(String stage, long done, long total);

    /** The share of the whole fit done so far, 0 to 1, never less than the last one told (default: not used). */
    default void overall(double fraction) {}

    Progress NONE = (s, d, t) -> {};
  }

  /**
   * The whole fit's progress across its stages. The work of every stage is planned before the fit starts, in protocol
   * simulations (a global stage's candidates, an LM run's iterations times the Jacobian's columns plus one, times the
   * files of the stage), so that each stage has its share of one bar; a stage that ends early (LM converged) leaves
   * the rest of its share and the next one starts at its own. Before, each stage's bar started again at 0 (a studio
   * user saw a fit go from 100% back to 0% a dozen times).
   */
  static final class Overall {
    private final Progress root;
    private final double total;
    private double cursor;
    private double last;

    Overall(Progress root, double total) {
      this.root = root;
      this.total = Math.max(total, 1);
    }

    /** A stage of {@code units} simulations, reported through {@code stage} (its name and its own done/total). */
    Progress span(double units, Progress stage) {
      double base = cursor;
      cursor += units;
      return (name, done, of) -> {
        tell(base + units * (of > 0 ? Math.min(1, (double) done / of) : 0));
        stage.update(name, done, of);
      };
    }

    /** The fit is done. */
    void end() {
      root.overall(1);
    }

    private synchronized void tell(double units) {
      last = Math.max(last, Math.min(1, units / total));
      root.overall(last);
    }
  }

  /** Simulations of an LM run of {@code iterations} on a problem (each iteration a Jacobian and a point). */
  private static double lmUnits(FitProblem p, int iterations) {
    return (double) iterations * (p.free().size() + 1) * p.files().size();
  }

  /** Simulations of {@link #search}: the global stage's candidates and the LM runs of the best of them. */
  private static double searchUnits(FitProblem p, Options o) {
    double global = o.global() == Global.CMAES ? Math.max(o.screening(), 20) : (1.0 + o.screening()) * p.files().size();
    return global + o.polish() * lmUnits(p, o.maxIterations());
  }

  /** Simulations of {@link #jointMultiStart}. */
  private static double jointUnits(FitProblem p, int maxIterations, int hops) {
    if (maxIterations <= JOINT_SCREEN) {
      return lmUnits(p, maxIterations);
    }
    return JOINT_STARTS * lmUnits(p, JOINT_SCREEN) + hops * lmUnits(p, HOP_ITERATIONS)
        + lmUnits(p, maxIterations - JOINT_SCREEN);
  }

  /**
   * A fit.
   *
   * @param problem what was fitted
   * @param u optimum in unbounded coordinates
   * @param values values of the free parameters
   * @param standardErrors their standard errors (NaN where not identifiable)
   * @param correlations correlation matrix of the free parameters (NaN where not identifiable)
   * @param cost sum of squared residuals at the optimum
   * @param residuals number of residuals
   * @param evaluations residual vectors computed (model evaluations)
   * @param simulations protocol simulations (files x evaluations)
   * @param failures simulations that failed and were penalised
   * @param candidates cost of each LM-polished candidate, in the order tried
   */
  public record Result(FitProblem problem, double[] u, double[] values, double[] standardErrors, double[][] correlations,
      double cost, int residuals, long evaluations, long simulations, long failures, double[] candidates) {

    /** The fitted device parameters shared by all files. */
    public Map<String, Double> params() {
      return problem.sharedParams(u);
    }
  }

  /** Fits on a pool of {@code threads} workers. */
  public static Result fit(FitProblem problem, Options o, int threads, Progress progress) {
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      return fit(problem, o, pool, progress);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Fits on the given pool. A problem where some files have parameters of their own (e.g. the
   * ambient and geometry of a sweep measured on another device) is fitted in three stages: the
   * shared parameters on the other files; then each such file's own parameters with the shared ones
   * held; then all together by LM from {@link #JOINT_STARTS} starts (the staged optimum, the plan's
   * start with the files' own parameters fitted to it, the runners-up of the files' own stages) and
   * {@code screening} hops from the best of them ({@link #HOP_DIRECTIONS}).
   */
  public static Result fit(FitProblem problem, Options o, ForkJoinPool pool, Progress progress) {
    long[] counts = new long[3];
    List<Integer> own = problem.filesWithOwnParameters();
    int nf = problem.files().size();
    boolean staged = o.staged() && !own.isEmpty() && own.size() < nf;
    Overall all = new Overall(progress, planned(problem, o, own, staged));
    double[] u;
    double[] candCosts;
    if (!o.staged()) {
      u = problem.normalize(problem.start());
      Objective joint = new Objective(problem, pool);
      Progress bar = all.span(lmUnits(problem, o.maxIterations()), progress);
      u = levenbergMarquardt(joint, u, o.maxIterations(), (it, max) -> bar.update("joint", it, max));
      add(counts, joint);
      candCosts = new double[] {joint.cost(u)};
    } else if (staged) {
      u = problem.normalize(problem.start());
      List<Integer> rest = new ArrayList<>();
      for (int f = 0; f < nf; f++) {
        if (!own.contains(f)) {
          rest.add(f);
        }
      }
      FitProblem shared = problem.sharedStage(rest, u);
      Search a = search(shared, o, pool, prefixed(progress, "shared "), counts, all);
      u = problem.withShared(u, shared, a.u());
      List<double[]> alternatives = new ArrayList<>();
      Options small = new Options(o.seed(), FILE_STARTS, FILE_POLISH, o.maxIterations(), Global.STARTS);
      for (int f : own) {
        FitProblem alone = problem.fileStage(f, u);
        Search b = search(alone, small, pool, prefixed(progress, problem.fileNames().get(f) + " "), counts, all);
        double[] base = u;
        for (double[] runnerUp : b.ranked().subList(1, b.ranked().size())) {
          alternatives.add(problem.withFile(base, f, alone, runnerUp));
        }
        u = problem.withFile(u, f, alone, b.u());
      }
      // the staged optimum; the plan's start with the files' own parameters fitted to it (the shared
      // stage fits the other files alone and may leave the region where these files can be met); then
      // the runners-up (a runner-up of file f keeps the other files at the values f was fitted with)
      List<double[]> jointStarts = new ArrayList<>();
      jointStarts.add(u);
      double[] fromStart = problem.normalize(problem.start());
      for (int f : own) {
        FitProblem alone = problem.fileStage(f, fromStart);
        Search b = search(alone, small, pool, prefixed(progress, problem.fileNames().get(f) + " (plan start) "), counts,
            all);
        fromStart = problem.withFile(fromStart, f, alone, b.u());
      }
      jointStarts.add(fromStart);
      for (double[] alt : alternatives) {
        if (jointStarts.size() < JOINT_STARTS) {
          jointStarts.add(alt);
        }
      }
      Objective joint = new Objective(problem, pool);
      u = jointMultiStart(joint, jointStarts, o.maxIterations(), o.screening(), o.seed(), progress, all);
      add(counts, joint);
      candCosts = a.candidates();
    } else {
      Search s = search(problem, o, pool, progress, counts, all);
      u = s.u();
      candCosts = s.candidates();
    }
    Objective obj = new Objective(problem, pool);
    double[] r = obj.residuals(u);
    double cost = 0;
    for (double x : r) {
      cost += x * x;
    }
    double[][] jac = obj.jacobian(u, r);
    add(counts, obj);
    int n = u.length;
    double[] se = new double[n];
    double[][] corr = new double[n][n];
    uncertainty(problem, u, jac, r, se, corr);
    all.end();
    return new Result(problem, u, problem.values(u), se, corr, cost, r.length, counts[0], counts[1], counts[2], candCosts);
  }

  /** The fit's planned simulations, stage by stage as {@link #fit} runs them ({@link Overall}). */
  private static double planned(FitProblem problem, Options o, List<Integer> own, boolean staged) {
    if (!o.staged()) {
      return lmUnits(problem, o.maxIterations());
    }
    if (!staged) {
      return searchUnits(problem, o);
    }
    double[] u = problem.start();
    List<Integer> rest = new ArrayList<>();
    for (int f = 0; f < problem.files().size(); f++) {
      if (!own.contains(f)) {
        rest.add(f);
      }
    }
    double units = searchUnits(problem.sharedStage(rest, u), o);
    Options small = new Options(o.seed(), FILE_STARTS, FILE_POLISH, o.maxIterations(), Global.STARTS);
    for (int f : own) {
      units += 2 * searchUnits(problem.fileStage(f, u), small);
    }
    return units + jointUnits(problem, o.maxIterations(), o.screening());
  }

  private static void add(long[] counts, Objective obj) {
    counts[0] += obj.evaluations();
    counts[1] += obj.simulations();
    counts[2] += obj.failures();
  }

  private static Progress prefixed(Progress p, String prefix) {
    return (s, d, t) -> p.update(prefix + s, d, t);
  }

  /**
   * Joint LM from several starts: each refined for {@link #JOINT_SCREEN} iterations; then {@code hops} seeded
   * perturbations of the best point so far (along one of the {@link #HOP_DIRECTIONS} flattest directions of the
   * Jacobian at it, drawn at random, by a step drawn uniformly within {@link #HOP_STEP}, the candidate put on the
   * measured scale by {@link FitProblem#normalize}),
   * each refined for {@link #HOP_ITERATIONS} and kept if its cost is lower (the first of equals: deterministic);
   * then the best refined for the rest of the budget.
   */
  private static double[] jointMultiStart(Objective joint, List<double[]> starts, int maxIterations, int hops, long seed,
      Progress progress, Overall all) {
    FitProblem p = joint.problem();
    if (maxIterations <= JOINT_SCREEN) {
      Progress bar = all.span(lmUnits(p, maxIterations), progress);
      return levenbergMarquardt(joint, starts.get(0), maxIterations, (it, max) -> bar.update("joint", it, max));
    }
    double[] best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int k = 0; k < JOINT_STARTS; k++) {
      Progress bar = all.span(lmUnits(p, JOINT_SCREEN), progress);
      if (k >= starts.size()) {
        continue;
      }
      String stage = "joint " + (k + 1) + "/" + starts.size();
      double[] v = levenbergMarquardt(joint, starts.get(k), JOINT_SCREEN, (it, max) -> bar.update(stage, it, max));
      double c = joint.cost(v);
      if (c < bestCost) {
        bestCost = c;
        best = v;
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    RealMatrix directions = null;
    double[] directionsAt = null;
    for (int h = 0; h < hops; h++) {
      if (directionsAt != best) {
        directions = flatDirections(joint, best);
        directionsAt = best;
      }
      double[] x = best.clone();
      int q = x.length - 1 - rng.nextInt(Math.min(HOP_DIRECTIONS, x.length));
      double step = HOP_STEP * (2 * rng.nextDouble() - 1);
      for (int j = 0; j < x.length; j++) {
        x[j] += step * directions.getEntry(j, q);
      }
      x = joint.problem().normalize(x);
      String stage = "joint hop " + (h + 1) + "/" + hops;
      Progress bar = all.span(lmUnits(p, HOP_ITERATIONS), progress);
      double[] v = levenbergMarquardt(joint, x, HOP_ITERATIONS, (it, max) -> bar.update(stage, it, max));
      double c = joint.cost(v);
      if (c < bestCost) {
        bestCost = c;
        best = v;
      }
    }
    Progress bar = all.span(lmUnits(p, maxIterations - JOINT_SCREEN), progress);
    return levenbergMarquardt(joint, best, maxIterations - JOINT_SCREEN, (it, max) -> bar.update("joint", it, max));
  }

  /**
   * The right singular vectors of the Jacobian at u (columns, steepest first): the last columns are the directions in
   * which the residuals change least, i.e. in which the data pin the parameters least.
   */
  private static RealMatrix flatDirections(Objective joint, double[] u) {
    double[] r = joint.residuals(u);
    return new SingularValueDecomposition(new Array2DRowRealMatrix(joint.jacobian(u, r), false)).getV();
  }

  /**
   * Best point of a global stage and LM, the LM costs of the candidates tried, and the refined
   * candidates from the best to the worst (cost, then order).
   */
  private record Search(double[] candidates, List<double[]> ranked) {
    /** The best point. */
    double[] u() {
      return ranked.get(0);
    }
  }

  private static Search search(FitProblem problem, Options o, ForkJoinPool pool, Progress stages, long[] counts,
      Overall all) {
    Objective obj = new Objective(problem, pool);
    int n = problem.free().size();
    List<double[]> starts;
    double globalUnits = searchUnits(problem, o) - o.polish() * lmUnits(problem, o.maxIterations());
    Progress progress = all.span(globalUnits, stages);
    if (o.global() == Global.CMAES) {
      starts = List.of(cmaes(obj, o, progress, problem.normalize(problem.start())));
    } else {
      List<double[]> raw = new ArrayList<>();
      raw.add(problem.start());
      raw.addAll(latinHypercube(n, o.screening(), o.seed()));
      progress.update("global", 0, raw.size());
      long[] done = {0};
      double[][] cands = new double[raw.size()][];
      List<Double> costs = obj.parallel(raw.size(), k -> {
        double[] u = problem.normalize(raw.get(k));
        cands[k] = u;
        double c = obj.cost(u);
        synchronized (done) {
          progress.update("global", ++done[0], cands.length);
        }
        return c;
      });
      Integer[] order = new Integer[cands.length];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      Arrays.sort(order, Comparator.<Integer>comparingDouble(k -> Double.isNaN(costs.get(k)) ? Double.MAX_VALUE : costs.get(k))
          .thenComparingInt(k -> k));
      starts = new ArrayList<>();
      for (int k = 0; k < Math.min(o.polish(), order.length); k++) {
        starts.add(cands[order[k]]);
      }
    }
    double[] candCosts = new double[starts.size()];
    double[][] refined = new double[starts.size()][];
    for (int s = 0; s < o.polish(); s++) {
      Progress bar = all.span(lmUnits(problem, o.maxIterations()), stages);
      if (s >= starts.size()) {
        continue;
      }
      int ss = s;
      refined[s] = levenbergMarquardt(obj, starts.get(s), o.maxIterations(),
          (it, max) -> bar.update("local " + (ss + 1) + "/" + starts.size(), it, max));
      candCosts[s] = obj.cost(refined[s]);
    }
    Integer[] rank = new Integer[refined.length];
    for (int k = 0; k < rank.length; k++) {
      rank[k] = k;
    }
    Arrays.sort(rank, Comparator.<Integer>comparingDouble(k -> Double.isNaN(candCosts[k]) ? Double.MAX_VALUE : candCosts[k])
        .thenComparingInt(k -> k));
    List<double[]> ranked = new ArrayList<>();
    for (int k : rank) {
      ranked.add(refined[k]);
    }
    add(counts, obj);
    return new Search(candCosts, ranked);
  }

  /** Stratified samples of the unit cube mapped to coordinates, from the seed. */
  static List<double[]> latinHypercube(int n, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] s = new double[count][n];
    for (int j = 0; j < n; j++) {
      int[] perm = new int[count];
      for (int k = 0; k < count; k++) {
        perm[k] = k;
      }
      for (int k = count - 1; k > 0; k--) {
        int q = rng.nextInt(k + 1);
        int t = perm[k];
        perm[k] = perm[q];
        perm[q] = t;
      }
      for (int k = 0; k < count; k++) {
        double x = (perm[k] + rng.nextDouble()) / count;
        s[k][j] = Math.asin(2 * x - 1);
      }
    }
    return List.of(s);
  }

  /** Progress of one LM run. */
  interface Steps {
    void step(long iteration, long max);
  }

  /** LM from u0; returns the best point seen (LM's optimum, or the best before it ran out of iterations). */
  static double[] levenbergMarquardt(Objective obj, double[] u0, int maxIterations, Steps steps) {
    int m = obj.size();
    double[][] bestSeen = {u0.clone()};
    double[] bestCost = {Double.POSITIVE_INFINITY};
    double[][] lastU = {null};
    double[][] lastR = {null};
    long[] iterations = {0};
    LeastSquaresProblem lsp = new LeastSquaresBuilder()
        .start(u0)
        .target(new double[m])
        .model(u -> {
          double[] r = obj.residuals(u);
          double c = 0;
          for (double x : r) {
            c += x * x;
          }
          synchronized (bestSeen) {
            if (c < bestCost[0]) {
              bestCost[0] = c;
              bestSeen[0] = u.clone();
            }
            lastU[0] = u.clone();
            lastR[0] = r;
          }
          return r;
        }, u -> {
          double[] r;
          synchronized (bestSeen) {
            r = Arrays.equals(u, lastU[0]) ? lastR[0] : null;
          }
          if (r == null) {
            r = obj.residuals(u);
          }
          steps.step(++iterations[0], maxIterations);
          return obj.jacobian(u, r);
        })
        .lazyEvaluation(true)
        .maxEvaluations(20 * maxIterations + 50)
        .maxIterations(maxIterations)
        .build();
    try {
      new LevenbergMarquardtOptimizer().withInitialStepBoundFactor(1).withCostRelativeTolerance(1e-6).withParameterRelativeTolerance(1e-6)
          .withOrthoTolerance(1e-8).optimize(lsp);
    } catch (MathIllegalStateException e) {
      // iteration or evaluation budget exhausted: keep the best point seen
    }
    return bestSeen[0];
  }

  private static double[] cmaes(Objective obj, Options o, Progress progress, double[] from) {
    int n = obj.problem().free().size();
    double[] lo = new double[n];
    double[] hi = new double[n];
    double[] sigma = new double[n];
    Arrays.fill(lo, -Math.PI / 2);
    Arrays.fill(hi, Math.PI / 2);
    Arrays.fill(sigma, 0.5);
    double[] start = from.clone();
    long[] count = {0};
    CMAESOptimizer cma = new CMAESOptimizer(o.screening(), 0, true, 0, 0, new Well19937c(o.seed()), false, null);
    var opt = cma.optimize(new MaxEval(Math.max(o.screening(), 20)), GoalType.MINIMIZE, new InitialGuess(start),
        new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma),
        new CMAESOptimizer.PopulationSize(4 + (int) (3 * Math.log(n))),
        new ObjectiveFunction(u -> {
          progress.update("global (CMA-ES)", ++count[0], o.screening());
          return obj.cost(u);
        }));
    return opt.getPoint();
  }

  private static void uncertainty(FitProblem problem, double[] u, double[][] jac, double[] r, double[] se,
      double[][] corr) {
    int n = u.length;
    if (n == 0) {
      return;
    }
    int m = r.length;
    double[][] jn = new double[m][n];
    for (int j = 0; j < n; j++) {
      double slope = problem.free().get(j).naturalSlope(u[j]);
      for (int k = 0; k < m; k++) {
        jn[k][j] = jac[k][j] / slope;
      }
    }
    boolean[] weak = new boolean[n];
    double[][] cov = covariance(jn, r, weak);
    for (int j = 0; j < n; j++) {
      FreeParameter p = problem.free().get(j);
      double sn = Math.sqrt(cov[j][j]);
      se[j] = weak[j] ? Double.NaN : p.log() ? p.value(u[j]) * sn : sn;
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        corr[a][b] = weak[a] || weak[b] ? Double.NaN : cov[a][b] / Math.sqrt(cov[a][a] * cov[b][b]);
      }
    }
  }

  /**
   * The covariance of least-squares estimates from the Jacobian {@code j} (rows: residuals) and the
   * residuals {@code r} at the optimum: the heteroscedasticity-robust (sandwich, HC1) form
   * {@code m/(m-n) (J^T J)^+ J^T diag(r^2) J (J^T J)^+}, in which every residual row counts with its own
   * squared residual. The formal {@code s^2 (J^T J)^+} (one pooled s^2 = cost/(m-n) for every row)
   * holds only for rows of equal variance; the objective's few feature rows (thresholds, low-bias
   * resistance, pulse ends and reads) are weighted to decide the fit and vary far more per row than
   * its samples, so the formal errors came out 3 to 30 times too small (docs/fitting.md, section 3).
   * The pseudo-inverse drops directions with singular values below 1e-9 of the largest; parameters
   * with a weight in them are marked in {@code weak} (not identifiable).
   */
  static double[][] covariance(double[][] j, double[] r, boolean[] weak) {
    int m = r.length;
    int n = weak.length;
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(j, false));
    double[] sv = svd.getSingularValues();
    RealMatrix v = svd.getV();
    // (J^T J)^+ = V S^-2 V^T over the kept directions
    double[][] a = new double[n][n];
    for (int q = 0; q < sv.length; q++) {
      if (sv[q] <= 1e-9 * sv[0]) {
        for (int p = 0; p < n; p++) {
          if (Math.abs(v.getEntry(p, q)) > 1e-3) {
            weak[p] = true;
          }
        }
        continue;
      }
      double w = 1 / (sv[q] * sv[q]);
      for (int x = 0; x < n; x++) {
        for (int y = 0; y < n; y++) {
          a[x][y] += w * v.getEntry(x, q) * v.getEntry(y, q);
        }
      }
    }
    double[][] meat = new double[n][n];
    for (int k = 0; k < m; k++) {
      double r2 = r[k] * r[k];
      for (int x = 0; x < n; x++) {
        double jx = r2 * j[k][x];
        for (int y = 0; y < n; y++) {
          meat[x][y] += jx * j[k][y];
        }
      }
    }
    RealMatrix am = new Array2DRowRealMatrix(a, false);
    return am.multiply(new Array2DRowRealMatrix(meat, false)).multiply(am)
        .scalarMultiply((double) m / Math.max(1, m - n)).getData();
  }
}
