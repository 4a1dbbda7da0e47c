package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuristor.ConvergenceException;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;
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
   * @param newtonFailures steps whose Newton iteration failed (retried smaller)
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

  public Result run(MnaSystem sys, List<String> save) {
    SimOptions o = sys.options;
    Element[] els = sys.elements();
    for (Element e : els) {
      e.reset();
      e.prepareTransient(tstep, tstop);
    }
    int n = sys.size();
    double hMax = !Double.isNaN(tmax) ? tmax
        : !Double.isNaN(o.maxStep()) ? o.maxStep() : Math.min(tstep, (tstop - tstart) / 50.0);
    double hMin = !Double.isNaN(o.hmin()) ? o.hmin() : Math.max(1e-21, 1e-12 * Math.min(tstep, hMax));
    int maxOrder = o.method().equals("euler") ? 1 : 2;
    // Only elements that override the per-step hooks are called every step.
    Element[] stepLimiters = overriding(els, "maxStep", double.class, double[].class);
    Element[] acceptors = overriding(els, "accept", double[].class, double.class);
    // Linear circuits without events: f and q at the solution follow from G and C exactly.
    boolean linear = !sys.nonlinear();
    for (Element e : els) {
      linear &= !e.hasEvents();
    }
    boolean trap = o.method().equals("trap");
    List<String> warnings = new ArrayList<>(sys.circuit().warnings());

    // Initial point.
    double[] x;
    int itBefore = sys.totalIterations();
    if (uic) {
      x = sys.initialGuess();
      double[] ic = sys.initialConditionVector();
      if (ic != null) {
        for (int i = 0; i < n; i++) {
          if (!Double.isNaN(ic[i])) {
            x[i] = ic[i];
          }
        }
      }
    } else {
      OperatingPoint.Result op = OperatingPoint.solve(sys);
      x = op.x();
      warnings.addAll(op.warnings());
    }
    for (Element e : els) {
      e.accept(x, 0.0);
    }

    // Breakpoints.
    double[] bps = collectBreakpoints(els, hMin);
    int nextBp = 0;

    // History (index 0 newest).
    double[][] hx = new double[4][n];
    double[][] hq = new double[4][n];
    double[] ht = new double[4];
    int hist = 1;
    sys.evaluate(x, 0.0, false, 1.0);
    sys.markDynamic();
    System.arraycopy(x, 0, hx[0], 0, n);
    System.arraycopy(sys.q(), 0, hq[0], 0, n);
    double[] qdot = new double[n];
    for (int i = 0; i < n; i++) {
      qdot[i] = -sys.f()[i];
    }

    // "e(sources)": cumulative energy delivered by all independent sources (J), as a signal.
    boolean energySignal = save.contains("e(sources)");
    List<String> plain = new ArrayList<>(save);
    plain.remove("e(sources)");
    Signals signals = Signals.of(sys, plain);
    List<String> names = new ArrayList<>(signals.names());
    if (energySignal) {
      names.add("e(sources)");
    }
    Trace.Builder tb = new Trace.Builder("time", names);
    double[] row = new double[names.size()];
    double[] sampled = new double[signals.size()];
    if (tstart <= 0) {
      signals.sample(x, 0.0, sampled);
      System.arraycopy(sampled, 0, row, 0, sampled.length);
      tb.addRow(0.0, row);
    }

    List<IndependentSource> sources = new ArrayList<>();
    for (Element e : els) {
      if (e instanceof IndependentSource s) {
        sources.add(s);
      }
    }
    double[] energy = new double[sources.size()];
    double[] power = new double[sources.size()];
    for (int k = 0; k < sources.size(); k++) {
      power[k] = sources.get(k).deliveredPower(x, 0.0);
    }

    // Energy bookkeeping (physics.md 4.0): each element's energy per step is the sum over nodes of
    // the mid-step node voltage times the charge the element passed there, h/2 (i_n + i_n+1) + dq.
    // Node potentials and these charges obey KVL and the trapezoidal KCL, so by Tellegen's theorem
    // the sum over all elements vanishes exactly: sources = dissipation + stored energy, and for a
    // linear capacitor the result is exactly the change of C v^2 / 2.
    int ne = els.length;
    double[][] elF = energyAccounting ? new double[ne][n] : null;
    double[][] elQ = energyAccounting ? new double[ne][n] : null;
    double[] elE = energyAccounting ? new double[ne] : null;
    double[] fTmp = energyAccounting ? new double[n] : null;
    double[] qTmp = energyAccounting ? new double[n] : null;
    if (energyAccounting) {
      if (n > 400) {
        throw NeuristorException.input("energy accounting is available for circuits up to 400 unknowns");
      }
      for (int k = 0; k < ne; k++) {
        sys.loadElement(els[k], x, 0.0, elF[k], elQ[k]);
      }
    }
    List<Element> eventEls = new ArrayList<>();
    for (Element e : els) {
      if (e.hasEvents()) {
        eventEls.add(e);
      }
    }
    double[] g0 = new double[eventEls.size()];
    for (int k = 0; k < g0.length; k++) {
      g0[k] = eventEls.get(k).eventFunction(x, 0.0);
    }
    double eventTol = Math.max(hMin * 10, 1e-9 * Math.min(tstep, hMax));

    double[] xNew = new double[n];
    double[] qHist = new double[n];
    double t = 0.0;
    double h = Math.min(hMax, tstep) * 1e-3;
    int order = 1;
    long accepted = 0;
    long rejected = 0;
    long newtonFailures = 0;
    long steps = 0;
    int consecutiveFailures = 0;
    long lastProgress = 0;
    double tAtCheck = 0;

    while (t < tstop * (1 - 1e-15) && tstop - t > hMin) {
      if (++steps % 100_000 == 0) {
        // Stagnation: if the last 10^5 steps project a total beyond the step limit, the solution
        // chatters (e.g. a discontinuous device law); stop now with a clear error, not after hours.
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
      // Step size limits: maximum step, device hints, breakpoints.
      double hLimit = hMax;
      for (Element e : stepLimiters) {
        double m = e.maxStep(t, hx[0]);
        if (m < hLimit) {
          hLimit = Math.max(m, hMin);
        }
      }
      h = Math.min(h, hLimit);
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
      int k = Math.min(order, hist >= 3 ? maxOrder : 1);
      double tNew = landsOnBp ? bps[nextBp] : t + h;

      // Integration coefficients.
      double a0;
      if (k == 1) {
        a0 = 1.0 / h;
        for (int i = 0; i < n; i++) {
          qHist[i] = -hq[0][i] / h;
        }
      } else if (trap) {
        a0 = 2.0 / h;
        for (int i = 0; i < n; i++) {
          qHist[i] = -a0 * hq[0][i] - qdot[i];
        }
      } else {
        double w = h / (ht[0] - ht[1]);
        a0 = (1 + 2 * w) / ((1 + w) * h);
        double c1 = -(1 + w) / h;
        double c2 = w * w / ((1 + w) * h);
        for (int i = 0; i < n; i++) {
          qHist[i] = c1 * hq[0][i] + c2 * hq[1][i];
        }
      }

      // Predictor: polynomial through the last min(hist, k+1) points.
      predict(hx, ht, Math.min(hist, k + 1), tNew, xNew, n);

      int it = sys.newton(xNew, tNew, false, a0, qHist, 1.0, o.itl4());
      if (it < 0) {
        newtonFailures++;
        consecutiveFailures++;
        h /= 8;
        order = 1;
        if (h < hMin || consecutiveFailures > 200) {
          throw new ConvergenceException("transient", t, h * 8, sys.worstName(), sys.residualHistory());
        }
        continue;
      }

      // Truncation error estimate over dynamic unknowns.
      if (hist >= k + 1) {
        double r = truncationRatio(sys, xNew, tNew, hx, ht, k, trap, o);
        if (r > 1.0 && h > 2 * hMin) {
          rejected++;
          consecutiveFailures++;
          h *= Math.max(0.25, 0.9 * Math.pow(r, -1.0 / (k + 1)));
          if (consecutiveFailures > 500) {
            throw new ConvergenceException("transient (time step too small)", t, h, sys.worstName(),
                sys.residualHistory());
          }
          continue;
        }
        double fac = r == 0 ? 2.0 : Math.min(2.0, Math.max(0.5, 0.9 * Math.pow(r, -1.0 / (k + 1))));
        hNextCandidate = h * fac;
      } else {
        hNextCandidate = Math.min(2.0 * h, hLimit);
      }

      // Event location: land on the first switching instant of a hysteretic device.
      int fired = -1;
      double bestTheta = 2;
      for (int e = 0; e < g0.length; e++) {
        double g1 = eventEls.get(e).eventFunction(xNew, tNew);
        if (g1 >= 0) {
          double theta = g0[e] < 0 ? g0[e] / (g0[e] - g1) : 0;
          if (theta < bestTheta) {
            bestTheta = theta;
            fired = e;
          }
        }
      }
      if (fired >= 0 && h * (1 - bestTheta) > eventTol) {
        // Retry a step that ends just past the estimated crossing.
        double hTry = bestTheta * h + 0.5 * eventTol;
        if (hTry < h * 0.999) {
          rejected++;
          h = Math.max(hTry, hMin);
          continue;
        }
      }

      // Accept.
      consecutiveFailures = 0;
      accepted++;
      if (linear) {
        sys.advanceLinear(xNew);
      } else {
        sys.evaluate(xNew, tNew, false, 1.0);
        sys.markDynamic();
      }
      double[] fNow = sys.f();
      double[] qNow = sys.q();
      for (int i = 0; i < n; i++) {
        qdot[i] = a0 * qNow[i] + qHist[i];
      }
      // rotate history
      double[] oldX = hx[3];
      double[] oldQ = hq[3];
      for (int s = 3; s > 0; s--) {
        hx[s] = hx[s - 1];
        hq[s] = hq[s - 1];
        ht[s] = ht[s - 1];
      }
      hx[0] = oldX;
      hq[0] = oldQ;
      System.arraycopy(xNew, 0, hx[0], 0, n);
      System.arraycopy(qNow, 0, hq[0], 0, n);
      ht[0] = tNew;
      hist = Math.min(hist + 1, 4);
      double tPrev = t;
      t = tNew;
      for (int s = 0; s < sources.size(); s++) {
        double p = sources.get(s).deliveredPower(xNew, t);
        energy[s] += 0.5 * (p + power[s]) * (t - tPrev);
        power[s] = p;
      }
      if (energyAccounting) {
        double dt = t - tPrev;
        for (int q = 0; q < ne; q++) {
          sys.loadElement(els[q], xNew, t, fTmp, qTmp);
          double e = 0;
          for (int i = 0; i < n; i++) {
            if (sys.isNode(i)) {
              double charge = 0.5 * dt * (elF[q][i] + fTmp[i]) + (qTmp[i] - elQ[q][i]);
              if (charge != 0) {
                e += 0.5 * (hx[1][i] + xNew[i]) * charge;
              }
            }
          }
          elE[q] += e;
          System.arraycopy(fTmp, 0, elF[q], 0, n);
          System.arraycopy(qTmp, 0, elQ[q], 0, n);
        }
      }
      for (Element e : acceptors) {
        e.accept(xNew, t);
      }
      if (t >= tstart * (1 - 1e-15)) {
        signals.sample(xNew, t, sampled);
        System.arraycopy(sampled, 0, row, 0, sampled.length);
        if (energySignal) {
          double total = 0;
          for (double e : energy) {
            total += e;
          }
          row[row.length - 1] = total;
        }
        tb.addRow(t, row);
      }
      if (progress != null && accepted - lastProgress >= 2000) {
        lastProgress = accepted;
        progress.at(t, tstop);
      }
      boolean restart = landsOnBp;
      if (fired >= 0) {
        for (int e = 0; e < g0.length; e++) {
          Element el = eventEls.get(e);
          if (el.eventFunction(xNew, t) >= 0) {
            el.fireEvent(xNew, t);
          }
        }
        restart = true;
      }
      for (int e = 0; e < g0.length; e++) {
        g0[e] = eventEls.get(e).eventFunction(xNew, t);
      }
      if (restart) {
        // Discontinuity: restart with a small first-order step and forget the history.
        order = 1;
        hist = 1;
        for (int i = 0; i < n; i++) {
          qdot[i] = -fNow[i];
        }
        double gap = nextBp + (landsOnBp ? 1 : 0) < bps.length ? bps[nextBp + (landsOnBp ? 1 : 0)] - t : hMax;
        h = Math.max(hMin, Math.min(Math.min(hNextCandidate, 0.1 * gap), 1e-3 * Math.min(tstep, hMax)));
      } else {
        order = Math.min(order + 1, maxOrder);
        h = Math.min(hNextCandidate, hLimit);
      }
    }
    if (progress != null) {
      progress.at(tstop, tstop);
    }
    Map<String, Double> en = new LinkedHashMap<>();
    for (int s = 0; s < sources.size(); s++) {
      en.put(sources.get(s).name(), energy[s]);
    }
    EnergyBalance balance = null;
    if (energyAccounting) {
      Map<String, Double> by = new LinkedHashMap<>();
      double delivered = 0;
      double dissipated = 0;
      double stored = 0;
      for (int k = 0; k < ne; k++) {
        Element e = els[k];
        by.put(e.name(), elE[k]);
        if (e instanceof IndependentSource) {
          delivered -= elE[k];
        } else if (e instanceof org.neuristor.circuit.element.Capacitor
            || e instanceof org.neuristor.circuit.element.Inductor) {
          stored += elE[k];
        } else {
          dissipated += elE[k];
        }
      }
      balance = new EnergyBalance(delivered, dissipated, stored, by);
    }
    return new Result(tb.build(), accepted, rejected, newtonFailures, sys.totalIterations() - itBefore, en,
        hx[0].clone(), warnings, balance);
  }

  private double hNextCandidate;

  /** Elements whose class overrides the given default method of {@link Element}. */
  private static Element[] overriding(Element[] els, String method, Class<?>... params) {
    List<Element> out = new ArrayList<>();
    for (Element e : els) {
      try {
        if (e.getClass().getMethod(method, params).getDeclaringClass() != Element.class) {
          out.add(e);
        }
      } catch (NoSuchMethodException ex) {
        out.add(e);
      }
    }
    return out.toArray(new Element[0]);
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

  /** Lagrange extrapolation through {@code points} history points to time t. */
  private final double[] lagrange = new double[4];

  private void predict(double[][] hx, double[] ht, int points, double t, double[] out, int n) {
    if (points <= 1) {
      System.arraycopy(hx[0], 0, out, 0, n);
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
        s += w[a] * hx[a][i];
      }
      out[i] = s;
    }
  }

  /**
   * max over dynamic unknowns of |LTE| / tolerance. LTE = C (k+1)! h^(k+1) DD_(k+1) with the divided
   * difference over the new point and k+1 history points; C = 1/2 (BE), 2/9 (BDF2), 1/12 (trapezoidal).
   */
  private static double truncationRatio(MnaSystem sys, double[] xNew, double tNew, double[][] hx, double[] ht,
      int k, boolean trap, SimOptions o) {
    int n = xNew.length;
    double h = tNew - ht[0];
    double factor = k == 1 ? h * h : (trap ? 0.5 : 4.0 / 3.0) * h * h * h;
    double worst = 0;
    double t0 = tNew;
    double t1 = ht[0];
    double t2 = ht[1];
    double t3 = k >= 2 ? ht[2] : 0;
    for (int i = 0; i < n; i++) {
      if (!sys.dynamic(i)) {
        continue;
      }
      double x0 = xNew[i];
      double x1 = hx[0][i];
      double x2 = hx[1][i];
      double d01 = (x0 - x1) / (t0 - t1);
      double d12 = (x1 - x2) / (t1 - t2);
      double d012 = (d01 - d12) / (t0 - t2);
      double dd;
      if (k == 1) {
        dd = d012;
      } else {
        double x3 = hx[2][i];
        double d23 = (x2 - x3) / (t2 - t3);
        double d123 = (d12 - d23) / (t1 - t3);
        dd = (d012 - d123) / (t0 - t3);
      }
      double err = Math.abs(factor * dd);
      double tol = o.trtol() * (o.reltol() * Math.max(Math.abs(x0), Math.abs(x1)) + sys.absTol(i));
      double r = err / tol;
      if (r > worst) {
        worst = r;
      }
    }
    return worst;
  }
}
