package org.neuristor.crossbar;

import org.neuristor.NeuristorException;

/**
 * Fast approximate read of a linear crossbar with wire resistance: relaxation of the wire
 * voltages in a fixed number of passes (one pass is the usual first-order IR-drop model).
 *
 * <pre>
 *   pass 0:   I_ij = G_ij (V_i - U_j)                                (ideal currents)
 *   each pass: every row wire carries the currents its cells draw, every column wire those they
 *              inject, so the wires' node voltages follow by summing currents along the lines:
 *     R(i,j) = V_i - (R_d + R_w) sum_k I_ik - R_w sum_{l=1..j} sum_{k &gt;= l} I_ik
 *     C(i,j) = U_j + (R_s + R_w) sum_k I_kj + R_w sum_{l=i..rows-2} sum_{k &lt;= l} I_kj
 *   then I_ij = G_ij (R(i,j) - C(i,j)); the column current is sum_i I_ij.
 * </pre>
 *
 * One pass costs two sweeps over the array (no iteration, no solve); it neglects that the
 * corrected currents change the drops again, so its error grows with the product of wire
 * resistance, array size and cell conductance ({@code CrossbarCommand} reports it against the
 * exact {@link LinearRead}). Every row must be driven and every column sensed.
 */
public final class FirstOrderRead {
  private final ArrayGeometry geo;
  private final double[] cur;
  private final double[] acc;
  private final double[] colV;

  /** A workspace (allocation-free per read, not thread-safe). */
  public FirstOrderRead(ArrayGeometry geometry) {
    this.geo = geometry;
    cur = new double[geometry.cells()];
    colV = new double[geometry.cells()];
    acc = new double[geometry.cols()];
  }

  /**
   * Column currents (A) after {@code passes} relaxation passes (0: the ideal product).
   *
   * @param g cell conductances (S, row-major)
   */
  public void read(double[] g, double[] rowVolts, double[] colVolts, double[] colCurrents, int passes) {
    int nr = geo.rows();
    int nc = geo.cols();
    for (int i = 0; i < nr; i++) {
      if (Double.isNaN(rowVolts[i])) {
        throw NeuristorException.input("the first-order read needs every row driven");
      }
    }
    for (int j = 0; j < nc; j++) {
      if (Double.isNaN(colVolts[j])) {
        throw NeuristorException.input("the first-order read needs every column sensed");
      }
    }
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nc; j++) {
        cur[i * nc + j] = g[i * nc + j] * (rowVolts[i] - colVolts[j]);
      }
    }
    double rw = geo.wireRowOhm();
    double cw = geo.wireColOhm();
    int last = (nr - 1) * nc;
    for (int pass = 0; pass < passes; pass++) {
      // column wires: prefix sums of the injected currents from the top (the current through the
      // segment below row i), then the voltages from the sense amplifier upwards
      System.arraycopy(cur, 0, colV, 0, nc);
      for (int k = nc; k < nr * nc; k++) {
        colV[k] = colV[k - nc] + cur[k];
      }
      for (int j = 0; j < nc; j++) {
        acc[j] = colVolts[j] + (geo.senseOhm() + cw) * colV[last + j];
      }
      for (int i = nr - 2; i >= 0; i--) {
        int o = i * nc;
        for (int j = 0; j < nc; j++) {
          acc[j] += cw * colV[o + j];
          colV[o + j] = acc[j];
        }
      }
      for (int j = 0; j < nc; j++) {
        colV[last + j] = colVolts[j] + (geo.senseOhm() + cw) * colV[last + j];
      }
      // row wires: the segment before cell j carries the currents of cells j..cols-1
      for (int i = 0; i < nr; i++) {
        int o = i * nc;
        double remaining = 0;
        for (int j = 0; j < nc; j++) {
          remaining += cur[o + j];
        }
        double r = rowVolts[i] - (geo.driverOhm() + rw) * remaining;
        double prevOld = 0;
        for (int j = 0; j < nc; j++) {
          if (j > 0) {
            remaining -= prevOld;
            r -= rw * remaining;
          }
          prevOld = cur[o + j];
          cur[o + j] = g[o + j] * (r - colV[o + j]);
        }
      }
    }
    java.util.Arrays.fill(colCurrents, 0, nc, 0);
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nc; j++) {
        colCurrents[j] += cur[i * nc + j];
      }
    }
  }
}
