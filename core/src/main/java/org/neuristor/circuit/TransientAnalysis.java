package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuristor.ConvergenceException;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.element.IndependentSource;

/**
 * Transient analysis of {@code d/dt q(x) + f(x,t) = 0} with variable-step, variable-order
 * integration: backward Euler to start and after every discontinuity, then BDF2 (Gear-2, the
 * default, L-stable, no ringing on switching edges) or the trapezoidal rule. Steps are controlled
 * by a local-truncation-error estimate from divided differences of the dynamic unknowns (node
 * voltages with capacitance, inductor currents, device states); rejected steps are retried smaller.
 * The integrator lands exactly on source breakpoints and locates the switching instants of
 * hysteretic devices ({@link Element#eventFunction}) before committing them.
 *
 * <p>Failure is a value, never a hang: Newton failure at the minimum step, a step-count limit or a
 * non-finite solution raises {@link ConvergenceException} with the time, step and worst unknown.
 */
public final class TransientAnalysis {
  private final double tstep;
  private final double tstop;
  private final double tstart;
  private final double tmax;
  private final boolean uic;
  private long maxSteps = 50_000_000L;
  private Progress progress;

  /** Receives progress as simulated time advances (called at most every few thousand steps). */
  @FunctionalInterface
  public interface Progress {
    void at(double time, double stop);
  }

  /**
   * @param tstep print step (s), also used for ngspice's waveform defaults
   * @param tstop end time (s)
   * @param tstart time from which results are recorded (s)
   * @param tmax largest step (s); NaN for min(tstep, (tstop-tstart)/50) or the {@code maxstep} option
   * @param uic skip the operating point and start from {@code .ic} values and device initial states
   */
  public TransientAnalysis(double tstep, double tstop, double tstart, double tmax, boolean uic) {
    if (!(tstop > 0) || !Double.isFinite(tstop)) {
      throw NeuristorException.input(".tran stop time must be positive, got " + tstop);
    }
    if (!(tstep > 0) || !Double.isFinite(tstep)) {
      throw NeuristorException.input(".tran step must be positive, got " + tstep);
    }
    if (!(tstart >= 0) || tstart >= tstop) {
      throw NeuristorException.input(".tran start time must be in [0, tstop), got " + tstart);
    }
    this.tstep = tstep;
    this.tstop = tstop;
    this.tstart = tstart;
    this.tmax = tmax;
    this.uic = uic;
  }

  public TransientAnalysis(double tstep, double tstop) {
    this(tstep, tstop, 0, Double.NaN, false);
  }

  private boolean flushTiny = true;

  /**
   * Whether accepted solutions, charges and history values below {@link IntegrationHistory#TINY} (2^-960) in
   * magnitude are set to zero (default: yes); off only to compare against in tests.
   */
  TransientAnalysis flushTiny(boolean on) {
    this.flushTiny = on;
    return this;
  }

  public TransientAnalysis progress(Progress p) {
    this.progress = p;
    return this;
  }

  private boolean energyAccounting;

  /**
   * Also accounts the energy absorbed by every element (see {@link EnergyBalance}); exact (to the
   * Newton tolerance) with the trapezoidal rule ({@code .options method=trap}), to the truncation
   * error with BDF2.
   */
  public TransientAnalysis energyAccounting(boolean on) {
    this.energyAccounting = on;
    return this;
  }

  /** Limit on accepted plus rejected steps before giving up (default 5e7). */
  public TransientAnalysis maxSteps(long n) {
    this.maxSteps = n;
    return this;
  }

  /**
   * A completed transient.
   *
   * @param trace saved signals at every accepted time point from tstart
   * @param accepted accepted steps
   * @param rejected steps rejected by the truncation-error test or event location
   * @param newtonFailures Newton solves that failed (the step retried smaller, or a BDF2 step with the trapezoidal
   *     rule)
   * @param iterations Newton iterations in total (including the operating point)
   * @param sourceEnergy energy delivered by each independent source over [0, tstop] (J)
   * @param finalState the solution at tstop
   */
  public record Result(Trace trace, long accepted, long rejected, long newtonFailures, long iterations,
      Map<String, Double> sourceEnergy, double[] finalState, List<String> warnings, EnergyBalance energy) {}

  /**
   * Energy bookkeeping of a run (J): energy delivered by the independent sources, absorbed by every
   * other non-storing element (dissipation, including devices), and stored in capacitors and
   * inductors; {@code byElement} is the energy absorbed by each element (negative for a source that
   * delivers).
   */
  public record EnergyBalance(double delivered, double dissipated, double storedChange,
      Map<String, Double> byElement) {
    /** |delivered - dissipated - storedChange| / delivered. */
    public double relativeError() {
      return Math.abs(delivered - dissipated - storedChange) / Math.max(Math.abs(delivered), 1e-300);
    }
  }

  private int every = 1;
  private double grid;

  /**
   * Records every n-th accepted time point (and the last) instead of all of them; n = 1 records all.
   */
  public TransientAnalysis every(int n) {
    if (n < 1) {
      throw NeuristorException.input("--every must be at least 1, got " + n);
    }
    this.every = n;
    this.grid = 0;
    return this;
  }

  /**
   * Records on the uniform grid tstart + k dt (linear interpolation between accepted points, as ngspice's
   * {@code .options interp}) instead of at the accepted points; dt = 0 goes back to accepted points.
   */
  public TransientAnalysis grid(double dt) {
    if (!(dt >= 0) || !Double.isFinite(dt)) {
      throw NeuristorException.input("output interval must be a positive time, got " + dt);
    }
    this.grid = dt;
    return this;
  }

  private Trace.Rows rowsOut;

  /** Hands the recorded rows to {@code rows} as they are recorded (null: none), e.g. to write them meanwhile. */
  public TransientAnalysis rows(Trace.Rows rows) {
    this.rowsOut = rows;
    return this;
  }

  /** Runs the analysis on {@code sys}, recording the signals {@code save} (empty: ngspice's defaults). */
  public Result run(MnaSystem sys, List<String> save) {
    return new Run(sys, save).execute();
  }

  /**
   * The state of one run: the integrator loop split into its parts (step limits, one attempted step,
   * acceptance), each a method the JIT compiles on its own. Everything a step changes lives here, so a
   * {@link TransientAnalysis} can run on several systems at once.
   */
  private final class Run {
    /** Steps per call of {@link #advance}. */
    private static final int BATCH = 16;
    private final MnaSystem sys;
    private final SimOptions o;
    private final Element[] els;
    private final int n;
    private final double hMax;
    private final double hMin;
    /** Times from which tstop counts as reached: tstop less a relative 1e-15. */
    private final double end = tstop * (1 - 1e-15);
    private final int maxOrder;
    private final Element[] stepLimiters;
    private final Element[] acceptors;
    private final boolean linear;
    private final boolean trap;
    private final List<String> warnings;
    private final int itBefore;
    private final double[] bps;
    private final IntegrationHistory history;
    private final Recorder recorder;
    private final IndependentSource[] sources;
    private final double[] energy;
    private final double[] power;
    private final EnergyLedger ledger;
    private final EventLocator events;
    private final double[] xNew;
    private int nextBp;
    private double t;
    private double h;
    private int order = 1;
    private long accepted;
    private long rejected;
    private long newtonFailures;
    private long steps;
    private int consecutiveFailures;
    private long lastProgress;
    private double tAtCheck;
    private double hLimit;
    private double hNextCandidate;
      Run(MnaSystem sys, List<String> save) {
      this.sys = sys;
      this.o = sys.options;
      this.els = sys.elements();
      for (Element e : els) {
        e.reset();
        e.prepareTransient(tstep, tstop);
      }
      this.n = sys.size();
      this.hMax = !Double.isNaN(tmax) ? tmax
          : !Double.isNaN(o.maxStep()) ? o.maxStep() : Math.min(tstep, (tstop - tstart) / 50.0);
      this.hMin = !Double.isNaN(o.hmin()) ? o.hmin() : Math.max(1e-21, 1e-12 * Math.min(tstep, hMax));
      this.maxOrder = o.method().equals("euler") ? 1 : 2;
      // Only elements that override the per-step hooks are called every step.
      this.stepLimiters = overriding(els, 0);
      this.acceptors = overriding(els, 1);
      // Linear circuits without events: f and q at the solution follow from G and C exactly.
      boolean lin = !sys.nonlinear();
      for (Element e : els) {
        lin &= !e.hasEvents();
      }
      this.linear = lin;
      this.trap = o.method().equals("trap");
      this.warnings = new ArrayList<>(sys.circuit().warnings());
      this.itBefore = sys.totalIterations();
      double[] x = initialPoint();
      for (Element e : els) {
        e.accept(x, 0.0);
      }
      this.bps = collectBreakpoints(els, hMin);
      this.history = new IntegrationHistory(n, trap, flushTiny);
      sys.evaluate(x, 0.0, false, 1.0);
      sys.markDynamic();
      history.start(0.0, x, sys.q(), sys.f());
      List<IndependentSource> src = new ArrayList<>();
      for (Element e : els) {
        if (e instanceof IndependentSource s) {
          src.add(s);
        }
      }
      this.sources = src.toArray(new IndependentSource[0]);
      this.energy = new double[sources.length];
      this.power = new double[sources.length];
      for (int k = 0; k < sources.length; k++) {
        power[k] = sources[k].deliveredPower(x, 0.0);
      }
      this.recorder = new Recorder(sys, save, tstart, every, grid, rowsOut);
      recorder.accepted(x, 0.0, 0.0);
      this.ledger = energyAccounting ? new EnergyLedger(sys, x) : null;
      this.events = new EventLocator(els, Math.max(hMin * 10, 1e-9 * Math.min(tstep, hMax)));
      events.reset(x, 0.0);
      this.xNew = new double[n];
      this.h = Math.min(hMax, tstep) * 1e-3;
    }

    private double[] initialPoint() {
      if (uic) {
        double[] x = sys.initialGuess();
        double[] ic = sys.initialConditionVector();
        if (ic != null) {
          for (int i = 0; i < n; i++) {
            if (!Double.isNaN(ic[i])) {
              x[i] = ic[i];
            }
          }
        }
        consistentStart(sys, x, Math.min(tstep, hMax), warnings);
        return x;
      }
      OperatingPoint.Result op = OperatingPoint.solve(sys);
      warnings.addAll(op.warnings());
      return op.x();
    }

    Result execute() {
      while (advance()) {
        // steps in batches, see advance
      }
      if (progress != null) {
        progress.at(tstop, tstop);
      }
      recorder.finish(history.newest(), t, totalSourceEnergy());
      Map<String, Double> en = new LinkedHashMap<>();
      for (int s = 0; s < sources.length; s++) {
        en.put(sources[s].name(), energy[s]);
      }
      return new Result(recorder.build(), accepted, rejected, newtonFailures, sys.totalIterations() - itBefore, en,
          history.newest().clone(), warnings, ledger == null ? null : ledger.balance());
    }

    /**
     * Attempts up to {@link #BATCH} steps; false once tstop is reached. The loop over all steps is split in
     * batches so that this method is compiled by its call count after a few thousand steps: a single loop in
     * {@link #execute}, called once, stayed interpreted until an on-stack replacement after some 60,000 steps
     * (most of a cold run of the 1 ms reference netlist with the client compiler).
     */
    private boolean advance() {
      for (int s = 0; s < BATCH; s++) {
        if (!(t < end && tstop - t > hMin)) {
          return false;
        }
        guardProgress();
        limitStep();
        attempt();
      }
      return true;
    }

    /** Stops a run that stagnates or exceeds the step limit with a clear error, not after hours. */
    private void guardProgress() {
      if (++steps % 100_000 == 0) {
        // Stagnation: if the last 10^5 steps project a total beyond the step limit, the solution
        // chatters (e.g. a discontinuous device law).
        double advanced = t - tAtCheck;
        double projected = advanced > 0 ? (tstop - t) / advanced * 1e5 : Double.POSITIVE_INFINITY;
        if (steps + projected > maxSteps) {
          throw new ConvergenceException(String.format(java.util.Locale.ROOT,
              "transient (time step too small: the last 100000 steps advanced %.3g s; finishing would take"
                  + " %.2g steps)", advanced, projected), t, h, sys.worstName(), sys.residualHistory());
        }
        tAtCheck = t;
      }
      if (steps > maxSteps) {
        throw new ConvergenceException("transient (step limit " + maxSteps + " reached)", t, h,
            sys.worstName(), sys.residualHistory());
      }
    }

    /** Step size limits: maximum step and device hints. */
    private void limitStep() {
      double lim = hMax;
      for (Element e : stepLimiters) {
        double m = e.maxStep(t, history.newest());
        if (m < lim) {
          lim = Math.max(m, hMin);
        }
      }
      hLimit = lim;
      h = Math.min(h, lim);
    }

    /** One attempted step from t: lands on breakpoints, solves, checks the error and events, accepts. */
    private void attempt() {
      while (nextBp < bps.length && bps[nextBp] <= t + hMin) {
        nextBp++;
      }
      boolean landsOnBp = false;
      if (nextBp < bps.length && t + h >= bps[nextBp] - hMin) {
        h = bps[nextBp] - t;
        landsOnBp = true;
      } else if (nextBp < bps.length && t + 1.5 * h > bps[nextBp]) {
        h = 0.5 * (bps[nextBp] - t); // avoid leaving a sliver before the breakpoint
      }
      int hist = history.count();
      int k = Math.min(order, hist >= 3 ? maxOrder : 1);
      double tNew = landsOnBp ? bps[nextBp] : t + h;
      double a0 = history.coefficients(k, h, trap);
      // Predictor: polynomial through the last min(hist, k+1) points.
      history.predict(Math.min(hist, k + 1), tNew, xNew);
      int it = sys.newton(xNew, tNew, false, a0, history.qHist, 1.0, o.itl4());
      boolean trapStep = trap;
      if (it < 0 && k == 2 && !trap && sys.endedInTwoCycle()) {
        // BDF2 cannot step across a discontinuity that pulls the solution onto it from both sides (a sliding
        // mode): its equations have no solution there, at any step, and the step would shrink toward zero. The
        // trapezoidal rule, which takes half of the step on the derivative at the accepted point, can: the step
        // is retried with it once (docs/engine.md, "Sliding on a discontinuity").
        newtonFailures++;
        sys.evaluate(history.newest(), t, false, 1.0);
        a0 = history.trapezoidal(h, sys.f());
        history.predict(Math.min(hist, k + 1), tNew, xNew);
        it = sys.newton(xNew, tNew, false, a0, history.qHist, 1.0, o.itl4());
        trapStep = true;
      }
      if (it < 0) {
        newtonFailures++;
        consecutiveFailures++;
        h /= 8;
        order = 1;
        if (h < hMin || consecutiveFailures > 200) {
          throw new ConvergenceException("transient", t, h * 8, sys.worstName(), sys.residualHistory());
        }
        return;
      }
      // Truncation error estimate over dynamic unknowns.
      if (hist >= k + 1) {
        double r = history.truncationRatio(sys, xNew, tNew, k, trapStep, o);
        if (r > 1.0 && h > 2 * hMin) {
          rejected++;
          consecutiveFailures++;
          h *= Math.max(0.25, 0.9 * Math.pow(r, -1.0 / (k + 1)));
          if (consecutiveFailures > 500) {
            throw new ConvergenceException("transient (time step too small)", t, h, sys.worstName(),
                sys.residualHistory());
          }
          return;
        }
        double fac = growth(r, k);
        hNextCandidate = h * fac;
      } else {
        hNextCandidate = Math.min(2.0 * h, hLimit);
      }
      // Event location: land on the first switching instant of a hysteretic device.
      if (events.any()) {
        double hTry = events.check(xNew, tNew, h);
        if (!Double.isNaN(hTry)) {
          rejected++;
          h = Math.max(hTry, hMin);
          return;
        }
      }
      accept(tNew, a0, landsOnBp, k == 1);
    }

    /** @param backwardEuler the step was first order (backward Euler), as after every breakpoint and event */
    private void accept(double tNew, double a0, boolean landsOnBp, boolean backwardEuler) {
      consecutiveFailures = 0;
      accepted++;
      if (linear) {
        sys.advanceLinear(xNew);
      } else {
        sys.acceptCharges(xNew, tNew);
      }
      history.accept(tNew, xNew, sys.q(), a0); // sets values of xNew below 2^-960 to zero
      double tPrev = t;
      t = tNew;
      for (int s = 0; s < sources.length; s++) {
        double p = sources[s].deliveredPower(xNew, t);
        energy[s] += 0.5 * (p + power[s]) * (t - tPrev);
        power[s] = p;
      }
      if (ledger != null) {
        ledger.step(history.previous(), xNew, tPrev, t, backwardEuler);
      }
      for (Element e : acceptors) {
        e.accept(xNew, t);
      }
      recorder.accepted(xNew, t, recorder.wantsSourceEnergy() ? totalSourceEnergy() : 0);
      if (progress != null && accepted - lastProgress >= 2000) {
        lastProgress = accepted;
        progress.at(t, tstop);
      }
      boolean fired = events.any() && events.fired();
      if (fired) {
        events.fire(xNew, t);
      }
      events.reset(xNew, t);
      if (landsOnBp || fired) {
        // Discontinuity: restart with a small first-order step and forget the history.
        order = 1;
        history.restart(sys.fAt(xNew, t));
        int next = nextBp + (landsOnBp ? 1 : 0);
        double gap = next < bps.length ? bps[next] - t : hMax;
        h = Math.max(hMin, Math.min(Math.min(hNextCandidate, 0.1 * gap), 1e-3 * Math.min(tstep, hMax)));
      } else {
        order = Math.min(order + 1, maxOrder);
        h = Math.min(hNextCandidate, hLimit);
      }
    }

    private double totalSourceEnergy() {
      double total = 0;
      for (double e : energy) {
        total += e;
      }
      return total;
    }
  }

  /**
   * Below these truncation ratios (orders 1 and 2) the growth factor of {@link #growth} is its cap 2:
   * 0.9 r^(-1/(k+1)) >= 2 exactly when r <= 0.45^(k+1); the bounds stay 0.1% inside, far beyond the rounding of
   * {@code Math.pow} (1 ulp, monotone), so the cap is certain without computing the power.
   */
  private static final double[] CAPPED_BELOW = {0.0, 0.999 * 0.45 * 0.45, 0.999 * 0.45 * 0.45 * 0.45};

  /**
   * The factor by which an accepted step of order k with truncation ratio r may grow:
   * min(2, max(0.5, 0.9 r^(-1/(k+1)))), 2 at r = 0. Most steps of a slowly varying solution have a small ratio and
   * get the cap without the power, which also takes the power's latency off the chain from one step to the next.
   */
  static double growth(double r, int k) {
    if (r == 0 || (k < CAPPED_BELOW.length && r <= CAPPED_BELOW[k])) {
      return 2.0;
    }
    return Math.min(2.0, Math.max(0.5, 0.9 * Math.pow(r, -1.0 / (k + 1))));
  }

  /**
   * With {@code uic}, makes the algebraic unknowns (source-driven nodes, branch currents) consistent
   * with the initial charges and states, as ngspice's first time point is: one backward-Euler step so
   * short that charges, fluxes and device states cannot move.
   */
  private static void consistentStart(MnaSystem sys, double[] x, double scale, List<String> warnings) {
    int n = x.length;
    double h = 1e-9 * scale;
    sys.evaluate(x, 0.0, false, 1.0);
    double[] qHist = new double[n];
    double[] q = sys.q();
    for (int i = 0; i < n; i++) {
      qHist[i] = -q[i] / h;
    }
    double[] trial = x.clone();
    try {
      if (sys.newton(trial, 0.0, false, 1.0 / h, qHist, 1.0, 50) >= 0) {
        System.arraycopy(trial, 0, x, 0, n);
        return;
      }
    } catch (NeuristorException e) {
      // fall through: keep the given initial values
    }
    warnings.add("uic: could not make the initial point consistent; starting from the given values");
  }

  /**
   * The elements whose class overrides {@code maxStep} (hook 0) or {@code accept} (hook 1). Found by
   * reflection once per class: {@link #OVERRIDES} holds the answer per element class, so a run does not
   * look methods up again.
   */
  private static Element[] overriding(Element[] els, int hook) {
    List<Element> out = new ArrayList<>();
    for (Element e : els) {
      if (OVERRIDES.get(e.getClass())[hook]) {
        out.add(e);
      }
    }
    return out.toArray(new Element[0]);
  }

  /** Per element class: whether it overrides {@code maxStep(double, double[])} and {@code accept(double[], double)}. */
  private static final ClassValue<boolean[]> OVERRIDES = new ClassValue<>() {
    @Override
    protected boolean[] computeValue(Class<?> type) {
      return new boolean[] {overrides(type, "maxStep", double.class, double[].class),
          overrides(type, "accept", double[].class, double.class)};
    }
  };

  private static boolean overrides(Class<?> type, String method, Class<?>... params) {
    try {
      return type.getMethod(method, params).getDeclaringClass() != Element.class;
    } catch (NoSuchMethodException ex) {
      return true;
    }
  }

  private double[] collectBreakpoints(Element[] els, double hMin) {
    double[] buf = new double[16];
    int[] count = {0};
    double[][] ref = {buf};
    for (Element e : els) {
      e.breakpoints(0.0, tstop, tb -> {
        if (count[0] == ref[0].length) {
          ref[0] = Arrays.copyOf(ref[0], count[0] * 2);
        }
        ref[0][count[0]++] = tb;
      });
    }
    double[] all = Arrays.copyOf(ref[0], count[0] + 1);
    all[count[0]] = tstop;
    Arrays.sort(all);
    int m = 0;
    for (double b : all) {
      if (b <= hMin) {
        continue;
      }
      if (m == 0 || b - all[m - 1] > hMin * 10) {
        all[m++] = b;
      }
    }
    return Arrays.copyOf(all, m);
  }
}
