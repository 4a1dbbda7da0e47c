package org.neuristor.circuit;

import java.util.Locale;
import org.neuristor.NeuristorException;

/**
 * Simulator options, named after ngspice's {@code .options} where they mean the same thing.
 *
 * @param reltol relative tolerance of Newton convergence and truncation error (default 1e-3)
 * @param abstol absolute current tolerance, A (default 1e-12)
 * @param vntol absolute voltage tolerance, V (default 1e-6)
 * @param gmin conductance used by gmin stepping and junction shunts, S (default 1e-12)
 * @param gshunt conductance from every node to ground in every analysis, S (default 0)
 * @param itl1 maximum Newton iterations of a DC solve (default 100)
 * @param itl4 maximum Newton iterations of one transient step (default 20)
 * @param method integration method: {@code gear} (variable-step BDF2, default), {@code trap}, {@code euler}
 * @param trtol truncation-error tolerance factor: the local error allowed per step is
 *     {@code trtol * (reltol*|x| + abstol_i)}; larger is looser; default 1 (ngspice uses 7 with its
 *     charge-based estimate)
 * @param maxStep largest time step, s; NaN means ngspice's default min(tstep, (tstop-tstart)/50)
 * @param hmin smallest time step before giving up, s; NaN means 1e-9 of the smallest of tstep and maxStep
 * @param dense force the dense (true) or sparse (false) solver; null chooses by size
 */
public record SimOptions(
    double reltol,
    double abstol,
    double vntol,
    double gmin,
    double gshunt,
    int itl1,
    int itl4,
    String method,
    double trtol,
    double maxStep,
    double hmin,
    Boolean dense) {

  public static final SimOptions DEFAULT =
      new SimOptions(1e-3, 1e-12, 1e-6, 1e-12, 0.0, 100, 20, "gear", 1.0, Double.NaN, Double.NaN, null);

  public SimOptions {
    positive("reltol", reltol);
    positive("abstol", abstol);
    positive("vntol", vntol);
    positive("gmin", gmin);
    if (!(gshunt >= 0)) {
      throw NeuristorException.input("option gshunt must be >= 0, got " + gshunt);
    }
    if (itl1 < 1 || itl4 < 1) {
      throw NeuristorException.input("options itl1 and itl4 must be >= 1");
    }
    method = method.toLowerCase(Locale.ROOT);
    if (!method.equals("gear") && !method.equals("trap") && !method.equals("euler")) {
      throw NeuristorException.input("option method must be gear, trap or euler, got " + method);
    }
    positive("trtol", trtol);
    if (!Double.isNaN(maxStep) && !(maxStep > 0)) {
      throw NeuristorException.input("option maxstep must be > 0, got " + maxStep);
    }
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw NeuristorException.input("option " + name + " must be a positive number, got " + v);
    }
  }

  /** Returns a copy with one option changed, by its ngspice name (case-insensitive). */
  public SimOptions with(String name, Object value) {
    double d = value instanceof Number num ? num.doubleValue() : Double.NaN;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "reltol": return new SimOptions(d, abstol, vntol, gmin, gshunt, itl1, itl4, method, trtol, maxStep, hmin, dense);
      case "abstol": return new SimOptions(reltol, d, vntol, gmin, gshunt, itl1, itl4, method, trtol, maxStep, hmin, dense);
      case "vntol": return new SimOptions(reltol, abstol, d, gmin, gshunt, itl1, itl4, method, trtol, maxStep, hmin, dense);
      case "gmin": return new SimOptions(reltol, abstol, vntol, d, gshunt, itl1, itl4, method, trtol, maxStep, hmin, dense);
      case "gshunt": case "rshunt":
        double g = name.equalsIgnoreCase("rshunt") ? 1.0 / d : d;
        return new SimOptions(reltol, abstol, vntol, gmin, g, itl1, itl4, method, trtol, maxStep, hmin, dense);
      case "itl1": return new SimOptions(reltol, abstol, vntol, gmin, gshunt, (int) d, itl4, method, trtol, maxStep, hmin, dense);
      case "itl4": return new SimOptions(reltol, abstol, vntol, gmin, gshunt, itl1, (int) d, method, trtol, maxStep, hmin, dense);
      case "method":
        String m = String.valueOf(value).toLowerCase(Locale.ROOT);
        if (m.equals("trapezoidal")) {
          m = "trap";
        }
        if (m.equals("be") || m.equals("backward-euler")) {
          m = "euler";
        }
        return new SimOptions(reltol, abstol, vntol, gmin, gshunt, itl1, itl4, m, trtol, maxStep, hmin, dense);
      case "trtol": return new SimOptions(reltol, abstol, vntol, gmin, gshunt, itl1, itl4, method, d, maxStep, hmin, dense);
      case "maxstep": case "tmax": return new SimOptions(reltol, abstol, vntol, gmin, gshunt, itl1, itl4, method, trtol, d, hmin, dense);
      case "hmin": return new SimOptions(reltol, abstol, vntol, gmin, gshunt, itl1, itl4, method, trtol, maxStep, d, dense);
      default:
        throw NeuristorException.input("unknown option " + name);
    }
  }

  /** Returns a copy that forces the dense (true) or sparse (false) solver, or chooses by size (null). */
  public SimOptions withDense(Boolean d) {
    return new SimOptions(reltol, abstol, vntol, gmin, gshunt, itl1, itl4, method, trtol, maxStep, hmin, d);
  }

  /** Names accepted by {@link #with}. */
  public static boolean known(String name) {
    return java.util.Set.of("reltol", "abstol", "vntol", "gmin", "gshunt", "rshunt", "itl1", "itl4", "method",
        "trtol", "maxstep", "tmax", "hmin").contains(name.toLowerCase(Locale.ROOT));
  }
}
