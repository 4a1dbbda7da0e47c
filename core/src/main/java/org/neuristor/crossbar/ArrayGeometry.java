package org.neuristor.crossbar;

import org.neuristor.NeuristorException;

/**
 * The resistive layout of a crossbar read (physics.md 4.7): {@code rows x cols} cross-points, a
 * wire segment of resistance {@code wireRowOhm} between neighbouring cells of a row (and between
 * the row driver and the first cell), {@code wireColOhm} between neighbouring cells of a column
 * (and between the last cell and the sense amplifier), a driver resistance at the start of every
 * row (column 0 side) and a sense resistance at the end of every column (row {@code rows-1} side).
 *
 * <pre>
 *   V_i --R_driver--R_w-- R(i,0) --R_w-- R(i,1) --R_w-- ... R(i,cols-1)        (row i)
 *                           |cell          |cell
 *                         C(0,j) --R_w-- C(1,j) ... C(rows-1,j) --R_w--R_sense-- U_j   (column j)
 * </pre>
 *
 * Wire resistance per cell segment is typically 1-10 Ohm (physics.md 4.7). A read with all four
 * resistances zero is the ideal vector-matrix product {@code I_j = sum_i G_ij (V_i - U_j)}.
 *
 * @param rows word lines (driven)
 * @param cols bit lines (sensed)
 * @param wireRowOhm row wire resistance per cell segment (Ohm, &gt;= 0)
 * @param wireColOhm column wire resistance per cell segment (Ohm, &gt;= 0)
 * @param driverOhm output resistance of each row driver (Ohm, &gt;= 0)
 * @param senseOhm input resistance of each column's sense amplifier (Ohm, &gt;= 0)
 */
public record ArrayGeometry(int rows, int cols, double wireRowOhm, double wireColOhm, double driverOhm,
    double senseOhm) {
  public ArrayGeometry {
    if (rows < 1 || cols < 1) {
      throw NeuristorException.input("a crossbar needs rows, cols >= 1, got " + rows + " x " + cols);
    }
    if (!(wireRowOhm >= 0) || !(wireColOhm >= 0) || !(driverOhm >= 0) || !(senseOhm >= 0)
        || Double.isInfinite(wireRowOhm + wireColOhm + driverOhm + senseOhm)) {
      throw NeuristorException.input("wire, driver and sense resistances must be finite and >= 0, got "
          + wireRowOhm + ", " + wireColOhm + ", " + driverOhm + ", " + senseOhm + " Ohm");
    }
    if ((wireRowOhm == 0) != (wireColOhm == 0)) {
      throw NeuristorException.input("row and column wire resistances must both be 0 or both > 0");
    }
    if (wireRowOhm == 0 && (driverOhm > 0 || senseOhm > 0)) {
      throw NeuristorException.input("driver or sense resistance without wire resistance is not supported; "
          + "give a wire resistance > 0 (or all zero for the ideal read)");
    }
  }

  /** Square-segment wires of the same resistance on rows and columns. */
  public static ArrayGeometry of(int rows, int cols, double wireOhm, double driverOhm, double senseOhm) {
    return new ArrayGeometry(rows, cols, wireOhm, wireOhm, driverOhm, senseOhm);
  }

  /** True when every resistance is zero: the read is the ideal product. */
  public boolean ideal() {
    return wireRowOhm == 0 && wireColOhm == 0 && driverOhm == 0 && senseOhm == 0;
  }

  /** Number of cross-points. */
  public int cells() {
    return rows * cols;
  }
}
