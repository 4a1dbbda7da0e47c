package org.neuristor.circuit;

/** Resolves names to unknown indices and hands out matrix-entry handles during {@link Element#bind}. */
public interface Binder {

  /** Index of a node by name, or -1 for ground ({@code 0}, {@code gnd}). */
  int node(String name);

  /** Index of the first branch-current unknown of the named element (e.g. a voltage source). */
  int branchOf(String elementName);

  /** Handle of matrix entry (row, col); -1 if either is ground. The same handle serves G and C. */
  int entry(int row, int col);
}
