package org.neuristor.circuit.element;

import org.neuristor.circuit.Element;

/**
 * What ngspice's switches S ({@link VSwitch}) and W ({@link CSwitch}) share over their {@link SwitchLaw}: the state
 * changes at located switching instants of the control value (the engine's events), resets to the initial state, and
 * the power is the conductance times the voltage across squared.
 */
interface HystereticSwitch extends Element {
  /** The switch's law and state. */
  SwitchLaw law();

  /** The control value (voltage or current) at solution x. */
  double controlAt(double[] x);

  /** The voltage across the switch at solution x. */
  double across(double[] x);

  /** Whether the switch is on. */
  default boolean on() {
    return law().on();
  }

  @Override
  default boolean hasEvents() {
    return true;
  }

  @Override
  default double eventFunction(double[] x, double t) {
    return law().event(controlAt(x));
  }

  @Override
  default void fireEvent(double[] x, double t) {
    law().flip();
  }

  @Override
  default void reset() {
    law().reset();
  }

  @Override
  default double power(double[] x, double t) {
    double v = across(x);
    return v * v * law().conductance();
  }
}
