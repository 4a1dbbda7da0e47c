package org.neuristor.circuit;

/** Hands out internal unknowns to an element during {@link Element#allocate}. */
public interface Allocator {

  /** A new branch-current unknown (A), e.g. of a voltage source or inductor. */
  int branch(Element owner, String label);

  /**
   * A new internal state unknown, e.g. a filament fraction or a temperature.
   *
   * @param absTol absolute tolerance used in the Newton and truncation-error tests, in the state's unit
   */
  int state(Element owner, String label, double absTol);

  /** A new internal node (V), e.g. behind a diode's series resistance. */
  int internalNode(Element owner, String label);
}
