package org.neuristor.circuit;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * One circuit element or device. The engine solves the charge-oriented MNA system
 *
 * <pre>  d/dt q(x) + f(x, t) = 0</pre>
 *
 * where x holds node voltages, branch currents and every device's internal state variables. An
 * element contributes to f and q and to their Jacobians G = df/dx and C = dq/dx; a state equation
 * ds/dt = g(s, v) is written as q = s, f = -g(s, v). Adding a device touches no solver code.
 *
 * <p>Life cycle: {@link #allocate} (ask for internal unknowns) for every element, then {@link #bind}
 * (resolve node indices and request matrix entries), then repeated {@link #load} calls. Discrete
 * state (a hysteretic switch, a redrawn stochastic threshold) changes only in {@link #accept} or
 * {@link #fireEvent}, never inside a Newton iteration.
 */
public interface Element {

  /** Lower-case instance name, unique in the circuit (e.g. {@code r1}, {@code x1.m2}). */
  String name();

  /** Names of the terminal nodes, in the element's terminal order. */
  List<String> nodes();

  /** Asks for internal unknowns (branch currents, device states, internal nodes). */
  default void allocate(Allocator a) {}

  /** Resolves node and branch indices and requests the matrix entries this element stamps. */
  void bind(Binder b);

  /** Adds this element's contributions to f, q, G and C at the point {@code l.x()}. */
  void load(Load l);

  /**
   * Whether the element is linear and source-free: its f and q are exactly G x and C x with
   * constant G and C. The engine then assembles it once instead of loading it at every iteration.
   */
  default boolean linearConstant() {
    return false;
  }

  /**
   * Whether {@link #load} adds nothing to q and C and changes nothing in the element (no memory between
   * calls, e.g. no junction-voltage limiting). The engine then skips the element where it needs only
   * the charges, at every accepted time point. The default, false, is always safe.
   */
  default boolean chargeFree() {
    return false;
  }

  /**
   * Adds to G, after the load at the operating point, what the small-signal analysis ({@code .ac}) uses in place
   * of the operating point's conductances. Nothing by default; a resistor with ngspice's {@code ac=} value adds
   * the difference between its AC and DC conductances, so .ac sees the AC value and the operating point the DC one.
   */
  default void loadSmallSignal(Load l) {}

  /** Whether the element is nonlinear (Newton needs more than one iteration). */
  default boolean nonlinear() {
    return false;
  }

  /**
   * Reports times in [t0, t1] where this element's inputs are not smooth (source edges); the
   * integrator lands on each of them and restarts with a first-order step.
   */
  default void breakpoints(double t0, double t1, DoubleConsumer sink) {}

  /** Largest step this element tolerates at the accepted point (t, x); infinity if none. */
  default double maxStep(double t, double[] x) {
    return Double.POSITIVE_INFINITY;
  }

  /** Whether {@link #eventFunction} is meaningful for this element. */
  default boolean hasEvents() {
    return false;
  }

  /**
   * A switching function of the accepted solution: the element's discrete state changes when it
   * crosses from negative to non-negative. The engine locates the crossing in time, lands on it,
   * then calls {@link #fireEvent}.
   */
  default double eventFunction(double[] x, double t) {
    return -1.0;
  }

  /** Commits the discrete change announced by {@link #eventFunction}. */
  default void fireEvent(double[] x, double t) {}

  /** Called once per accepted time point (or DC point) with the solution, to commit history. */
  default void accept(double[] x, double t) {}

  /** Restores the element's discrete state to its initial value (before a new analysis). */
  default void reset() {}

  /**
   * Called before a transient analysis with its print step and stop time, which resolve ngspice's
   * default waveform parameters (e.g. a PULSE's rise time defaults to tstep).
   */
  default void prepareTransient(double tstep, double tstop) {}

  /** Sets initial guesses of internal unknowns (e.g. a device's initial state) in {@code x}. */
  default void initialGuess(double[] x) {}

  /**
   * Instantaneous power absorbed by this element at solution x (W), for energy bookkeeping.
   * Independent sources return a negative value while they deliver power.
   */
  default double power(double[] x, double t) {
    return 0.0;
  }

  /** Signals this element can report besides node voltages, e.g. {@code i(v1)} for a source. */
  default List<String> probes() {
    return List.of();
  }

  /**
   * This element as ngspice netlist text: the instance line(s) and any {@code .model} lines it
   * needs, or null if ngspice has no equivalent (the writer then emits a comment and a warning).
   */
  default SpiceCard toSpice() {
    return null;
  }

  /** Netlist text of one element: instance lines and model lines. */
  record SpiceCard(List<String> lines, List<String> models) {
    public static SpiceCard of(String line) {
      return new SpiceCard(List.of(line), List.of());
    }
  }

  /** Value of one of {@link #probes()} at solution x. */
  default double probe(String probe, double[] x, double t) {
    throw new IllegalArgumentException(name() + " has no probe " + probe);
  }
}
