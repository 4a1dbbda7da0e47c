package org.neuristor.circuit.element;

import java.util.Arrays;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/**
 * The matrix handles among the terminals and internal nodes of a multi-terminal device (MOSFET, BJT),
 * indexed by the device's own terminal numbers, and the conductance and capacitance stamps between two
 * of them.
 */
final class TerminalMatrix {
  final int[][] h;

  TerminalMatrix(int terminals) {
    h = new int[terminals][terminals];
    for (int[] row : h) {
      Arrays.fill(row, -1);
    }
  }

  /** Requests the entries coupling every pair of the given terminals ({@code idx}: their unknowns). */
  void couple(Binder b, int[] idx, int... terminals) {
    for (int r : terminals) {
      for (int c : terminals) {
        h[r][c] = b.entry(idx[r], idx[c]);
      }
    }
  }

  /** A two-terminal stamp of g (conductance) or c (capacitance, {@code cap}) between terminals a and k. */
  void pair(Load l, int a, int k, double g, boolean cap) {
    if (cap) {
      l.c(h[a][a], g);
      l.c(h[a][k], -g);
      l.c(h[k][a], -g);
      l.c(h[k][k], g);
    } else {
      l.g(h[a][a], g);
      l.g(h[a][k], -g);
      l.g(h[k][a], -g);
      l.g(h[k][k], g);
    }
  }
}
