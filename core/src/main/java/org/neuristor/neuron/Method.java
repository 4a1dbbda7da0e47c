package org.neuristor.neuron;

import java.util.Locale;
import org.neuristor.ModelParameterException;

/**
 * Integration methods of the population kernels. Which model supports which is declared by
 * {@link ModelKind#methods()}; the first listed is the default.
 *
 * <ul>
 *   <li>{@link #EXACT}: closed-form solution of linear dynamics between spikes for piecewise-constant
 *       input; the threshold-crossing time inside a step is solved exactly (IF, LIF).
 *   <li>{@link #EXACT_GRID}: the same exact update, but threshold test, reset and refractory clock
 *       on the time grid, as Brian2 and most network simulators do (LIF).
 *   <li>{@link #RK4}: classical fourth-order Runge-Kutta (HH; physics.md 2.3: 0.008 ms from NEURON
 *       at 10 us).
 *   <li>{@link #EXP_EULER}: exponential Euler / Rush-Larsen: each gate and the membrane are
 *       advanced by the exact solution of their linear ODE with the other variables frozen (HH;
 *       the Brian2 method {@code exponential_euler}).
 *   <li>{@link #RK2}: explicit midpoint rule (AdEx; physics.md 2.4's reference method).
 *   <li>{@link #AUTHOR_EULER}: Izhikevich's own forward Euler of figure1.m: v first, then u with
 *       the new v (physics.md 2.5).
 *   <li>{@link #EULER}: plain forward Euler, all variables from the old state (Brian2
 *       {@code euler}).
 * </ul>
 */
public enum Method {
  EXACT, EXACT_GRID, RK4, EXP_EULER, RK2, AUTHOR_EULER, EULER;

  /** Command-line name: lower case with dashes ({@code exp-euler}). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a command-line name ({@code rk4}, {@code exp-euler}, {@code exp_euler}). */
  public static Method parse(String s) {
    String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Method m : values()) {
      if (m.name().equals(k)) {
        return m;
      }
    }
    throw new ModelParameterException("method", "unknown integration method '" + s + "'");
  }
}
