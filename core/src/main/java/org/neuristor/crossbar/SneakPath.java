package org.neuristor.crossbar;

import java.util.Arrays;
import org.neuristor.NeuristorException;

/**
 * Sneak-path read error of a single cell in an {@code n x n} array: the selected cell (row 0,
 * column n-1: the far end of both wires) is in its high-resistance state, every other cell in its
 * low-resistance state (the worst case for reading a 0), and the current sensed on the selected
 * column is compared with the current of the same cell alone (same driver, sense and one wire
 * segment each way):
 *
 * <pre>   error = |I_column - I_cell| / I_cell</pre>
 *
 * Bias schemes: {@link Scheme#FLOATING} (selected row at V_read, selected column sensed at 0 V, all
 * other lines floating: every sneak path of three cells conducts), {@link Scheme#HALF} (unselected
 * rows and columns at V_read/2: half-selected cells see V_read/2) and {@link Scheme#THIRD}
 * (unselected rows at V_read/3, unselected columns at 2 V_read/3: every unselected cell sees
 * V_read/3). Linear arrays are solved by {@link LinearRead}, arrays with threshold-switch selectors
 * by the circuit engine ({@link CrossbarNetlist}). A 1T1R array turns on the selected word line only.
 */
public final class SneakPath {
  private SneakPath() {}

  /** Bias of the unselected lines. */
  public enum Scheme {
    FLOATING, HALF, THIRD;

    /** Parses floating, half (v/2) or third (v/3). */
    public static Scheme parse(String s) {
      return switch (s.toLowerCase(java.util.Locale.ROOT)) {
        case "floating" -> FLOATING;
        case "half", "v/2" -> HALF;
        case "third", "v/3" -> THIRD;
        default -> throw NeuristorException.input("scheme must be floating, half or third, got '" + s + "'");
      };
    }
  }

  /**
   * Settings of a sneak-path read.
   *
   * @param lrsOhm low-resistance state of the unselected cells
   * @param hrsOhm high-resistance state of the selected cell
   * @param readVolts read voltage on the selected row
   * @param wireOhm wire resistance per cell segment
   * @param driverOhm row driver resistance
   * @param senseOhm sense amplifier resistance
   * @param scheme bias of the unselected lines
   */
  public record Config(double lrsOhm, double hrsOhm, double readVolts, double wireOhm, double driverOhm,
      double senseOhm, Scheme scheme) {}

  /**
   * One read.
   *
   * @param size array size n (n x n)
   * @param columnAmps current sensed on the selected column
   * @param cellAmps current of the selected cell alone
   * @param relativeError |I_column - I_cell| / I_cell
   */
  public record Point(int size, double columnAmps, double cellAmps, double relativeError) {}

  /** Reads the selected cell of an n x n array with the given selector. */
  public static Point read(int n, Selector selector, Config c) {
    if (n < 1) {
      throw NeuristorException.input("array size must be >= 1, got " + n);
    }
    double cell = current(1, selector, c, 1 / c.hrsOhm());
    double col = current(n, selector, c, 1 / c.lrsOhm());
    return new Point(n, col, cell, Math.abs(col - cell) / Math.abs(cell));
  }

  private static double current(int n, Selector selector, Config c, double gOthers) {
    ArrayGeometry geo = ArrayGeometry.of(n, n, c.wireOhm(), c.driverOhm(), c.senseOhm());
    double[] g = new double[n * n];
    Arrays.fill(g, gOthers);
    int sel = n - 1; // row 0, column n-1
    g[sel] = 1 / c.hrsOhm();
    double v = c.readVolts();
    double[] rows = new double[n];
    double[] cols = new double[n];
    double rowBias = switch (c.scheme()) {
      case FLOATING -> Double.NaN;
      case HALF -> v / 2;
      case THIRD -> v / 3;
    };
    double colBias = switch (c.scheme()) {
      case FLOATING -> Double.NaN;
      case HALF -> v / 2;
      case THIRD -> 2 * v / 3;
    };
    Arrays.fill(rows, rowBias);
    Arrays.fill(cols, colBias);
    rows[0] = v;
    cols[n - 1] = 0;
    boolean[] wordLine = new boolean[n];
    wordLine[0] = true;
    if (selector instanceof Selector.None && !geo.ideal()) {
      LinearRead lr = new LinearRead(geo).tolerance(1e-12).maxIterations(100_000);
      lr.conductances(g);
      double[] out = new double[n];
      lr.read(rows, cols, out);
      return out[n - 1];
    }
    if (selector instanceof Selector.Transistor tr && !geo.ideal()) {
      // only the selected word line is on: the other rows' cells are open, so the array is the
      // selected row with column wires of n segments down to the sense amplifiers
      ArrayGeometry one = new ArrayGeometry(1, n, c.wireOhm(), c.wireOhm(), c.driverOhm(),
          c.senseOhm() + (n - 1) * c.wireOhm());
      double[] gt = new double[n];
      for (int j = 0; j < n; j++) {
        gt[j] = 1 / (1 / g[j] + tr.onOhm());
      }
      LinearRead lr = new LinearRead(one).tolerance(1e-12);
      lr.conductances(gt);
      double[] out = new double[n];
      lr.read(new double[] {v}, cols, out);
      return out[n - 1];
    }
    return CrossbarNetlist.solve(CrossbarNetlist.write("sneak-path read", geo, g, selector, rows, cols, wordLine), n)[n - 1];
  }
}
