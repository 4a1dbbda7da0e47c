package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.List;
import org.neuristor.ConvergenceException;
import org.neuristor.NeuristorException;

/**
 * DC operating point: Newton-Raphson on {@code f(x) = 0} (capacitors open, inductors shorted,
 * device states at their steady state), with gmin stepping and then source stepping as fallbacks.
 * Discrete device states (hysteretic switches) are settled by re-solving after each event.
 */
public final class OperatingPoint {
  private OperatingPoint() {}

  /** A converged DC solution. */
  public record Result(double[] x, int iterations, String strategy, List<String> warnings) {}

  /**
   * Solves the operating point of a fresh system at t = 0: the {@code .ic} nodes held at their values throughout,
   * the {@code .nodeset} nodes held for a first solution and then released (ngspice holds them in its first
   * iterations), so that a circuit with several operating points settles on the one near the nodeset.
   */
  public static Result solve(MnaSystem sys) {
    double[] x = sys.initialGuess();
    double[] ic = sys.initialConditionVector();
    double[] nodeset = sys.nodesetVector();
    double[] first = nodeset != null ? nodeset : ic;
    if (first != null) {
      for (int i = 0; i < x.length; i++) {
        if (!Double.isNaN(first[i])) {
          x[i] = first[i];
        }
      }
    }
    sys.setHold(first);
    try {
      Result r = solveFrom(sys, x, 0.0);
      if (nodeset != null) {
        sys.setHold(ic);
        Result released = solveFrom(sys, r.x(), 0.0);
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(released.warnings());
        r = new Result(released.x(), r.iterations() + released.iterations(), released.strategy(), warnings);
      }
      settleEvents(sys, r.x(), 0.0);
      return r;
    } finally {
      sys.setHold(null);
    }
  }

  /**
   * Solves a DC point starting from x (overwritten), trying plain Newton, then gmin stepping, then
   * source stepping. Does not fire events.
   */
  static Result solveFrom(MnaSystem sys, double[] x, double t) {
    List<String> warnings = new ArrayList<>();
    int before = sys.totalIterations();
    double[] start = x.clone();
    SimOptions o = sys.options;
    NeuristorException singular = null;
    try {
      if (sys.newton(x, t, true, 0, null, 1.0, o.itl1()) >= 0) {
        return new Result(x, sys.totalIterations() - before, "newton", warnings);
      }
    } catch (MnaSystem.SingularCircuitException e) {
      singular = e;
    }
    // Pseudo-transient continuation: follow the circuit's own dynamics (charges and device
    // states) with growing backward-Euler steps at the DC source values. This crosses the folds
    // of bistable devices (a threshold switch past its threshold) where plain Newton cycles.
    System.arraycopy(start, 0, x, 0, x.length);
    if (pseudoTransient(sys, x, t)) {
      double[] ptc = x.clone();
      try {
        if (sys.newton(x, t, true, 0, null, 1.0, o.itl1()) >= 0) {
          return new Result(x, sys.totalIterations() - before, "pseudo-transient", warnings);
        }
      } catch (MnaSystem.SingularCircuitException e) {
        singular = e;
      }
      System.arraycopy(ptc, 0, x, 0, x.length);
    }
    // gmin stepping: a shunt on every node, reduced decade by decade.
    System.arraycopy(start, 0, x, 0, x.length);
    boolean ok = true;
    double g = 1e-2;
    try {
      for (; g >= o.gmin() * 0.999; g /= 10) {
        sys.setGminStep(g);
        if (sys.newton(x, t, true, 0, null, 1.0, o.itl1()) < 0) {
          ok = false;
          break;
        }
      }
    } catch (MnaSystem.SingularCircuitException e) {
      ok = false;
    } finally {
      sys.setGminStep(0);
    }
    if (ok) {
      double[] withGmin = x.clone();
      try {
        if (sys.newton(x, t, true, 0, null, 1.0, o.itl1()) >= 0) {
          return new Result(x, sys.totalIterations() - before, "gmin stepping", warnings);
        }
      } catch (MnaSystem.SingularCircuitException e) {
        singular = e;
      }
      // Keep the solution with the smallest shunt (e.g. capacitor-only nodes have no DC path).
      System.arraycopy(withGmin, 0, x, 0, x.length);
      sys.setGminStep(o.gmin());
      try {
        if (sys.newton(x, t, true, 0, null, 1.0, o.itl1()) >= 0) {
          requireShuntIndependent(sys, x, t, 1.0);
          warnings.add("operating point needed a " + o.gmin() + " S shunt on every node"
              + (singular != null ? " (" + singular.getMessage() + ")" : ""));
          return new Result(x, sys.totalIterations() - before, "gmin " + o.gmin(), warnings);
        }
      } finally {
        sys.setGminStep(0);
      }
    }
    // source stepping: ramp all independent sources from 0 to full value.
    System.arraycopy(start, 0, x, 0, x.length);
    java.util.Arrays.fill(x, 0.0);
    double[] init = sys.initialGuess();
    System.arraycopy(init, 0, x, 0, x.length);
    double scale = 0;
    double ds = 0.1;
    double[] good = x.clone();
    try {
      sys.setGminStep(o.gmin());
      while (scale < 1.0) {
        double next = Math.min(1.0, scale + ds);
        if (sys.newton(x, t, true, 0, null, next, o.itl1()) >= 0) {
          scale = next;
          System.arraycopy(x, 0, good, 0, x.length);
          ds = Math.min(ds * 2, 0.25);
        } else {
          System.arraycopy(good, 0, x, 0, x.length);
          ds /= 4;
          if (ds < 1e-6) {
            throw new ConvergenceException("operating point", t, 0, sys.worstName(), sys.residualHistory());
          }
        }
      }
      sys.setGminStep(0);
      if (sys.newton(x, t, true, 0, null, 1.0, o.itl1()) >= 0) {
        return new Result(x, sys.totalIterations() - before, "source stepping", warnings);
      }
      System.arraycopy(good, 0, x, 0, x.length);
      sys.setGminStep(o.gmin());
      requireShuntIndependent(sys, x, t, 1.0);
      warnings.add("operating point needed a " + o.gmin() + " S shunt on every node");
      return new Result(x, sys.totalIterations() - before, "source stepping + gmin", warnings);
    } catch (MnaSystem.SingularCircuitException e) {
      throw e;
    } finally {
      sys.setGminStep(0);
    }
  }

  /**
   * A solution found with the {@code gmin} shunt on every node (in place) must not depend on it: a
   * node that only the shunt holds (a current source into a capacitor, a divider whose conductances
   * cancel) gets v = I / gmin, 1e9 V for 1 mA. Such a circuit is singular, as ngspice says too; it
   * is refused (exit 2) instead of reporting that voltage. The test: the solution with ten times the
   * shunt; a node voltage that moves by more than 1% (and 1 uV) follows the shunt.
   */
  static void requireShuntIndependent(MnaSystem sys, double[] x, double t, double sourceScale) {
    SimOptions o = sys.options;
    double[] y = x.clone();
    sys.setGminStep(10 * o.gmin());
    boolean ok;
    try {
      ok = sys.newton(y, t, true, 0, null, sourceScale, o.itl1()) >= 0;
    } catch (MnaSystem.SingularCircuitException e) {
      ok = false;
    } finally {
      sys.setGminStep(o.gmin());
    }
    for (int i = 0; ok && i < x.length; i++) {
      if (sys.kind(i) == MnaSystem.Kind.NODE && Math.abs(y[i] - x[i]) > Math.max(1e-6, 0.01 * Math.abs(x[i]))) {
        throw NeuristorException.input(String.format(java.util.Locale.ROOT,
            "singular circuit: %s is set only by the %.3g S convergence shunt (%.4g V; %.4g V with ten times the "
                + "shunt): the node has no DC path that fixes its voltage (a current source into a capacitor, or "
                + "conductances that cancel); ngspice refuses it too", sys.name(i), o.gmin(), x[i], y[i]));
      }
    }
  }

  /** Backward-Euler pseudo-time stepping from x toward a steady state; true if it got there. */
  private static boolean pseudoTransient(MnaSystem sys, double[] x, double t) {
    int n = x.length;
    double[] qHist = new double[n];
    double[] good = x.clone();
    double h = 1e-12;
    int failures = 0;
    try {
      while (h < 1e6 && failures < 30) {
        sys.evaluate(good, t, true, 1.0);
        double[] q = sys.q();
        for (int i = 0; i < n; i++) {
          qHist[i] = -q[i] / h;
        }
        System.arraycopy(good, 0, x, 0, n);
        if (sys.newton(x, t, true, 1.0 / h, qHist, 1.0, 50) >= 0) {
          System.arraycopy(x, 0, good, 0, n);
          h *= 4;
        } else {
          h /= 8;
          failures++;
          if (h < 1e-18) {
            return false;
          }
        }
      }
    } catch (MnaSystem.SingularCircuitException e) {
      return false;
    }
    System.arraycopy(good, 0, x, 0, n);
    return h >= 1e6;
  }

  /** Fires discrete events at a DC point and re-solves until no element switches (at most 20 rounds). */
  static void settleEvents(MnaSystem sys, double[] x, double t) {
    for (int round = 0; round < 20; round++) {
      boolean fired = false;
      for (Element e : sys.elements()) {
        if (e.hasEvents() && e.eventFunction(x, t) >= 0) {
          e.fireEvent(x, t);
          fired = true;
        }
      }
      if (!fired) {
        return;
      }
      solveFrom(sys, x, t);
    }
  }
}
