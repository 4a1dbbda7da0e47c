package org.neuristor.crossbar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import java.util.function.Consumer;

/**
 * The conductance matrix a layer presents to its inputs when it is stored on square tiles of
 * {@code tile x tile} cross-points with wire, driver and sense resistance, each tile read on its own
 * and the partial column currents added up digitally.
 *
 * <p>For a linear cell (1R; 1T1R with every word line on, the transistor's on-resistance in series)
 * the read is linear in the row voltages, so by superposition every input pattern sees exactly
 *
 * <pre>   I_j = sum_i M_ij V_i,   M_ij = I_j(row i alone at V, other rows at 0 V) / V</pre>
 *
 * M is computed row by row with {@link LinearRead} (one exact read per row of each tile); with zero
 * wire resistance M = G. {@link #driverConductance} is the current a row's driver supplies per volt
 * (for read energy, wire dissipation included). A threshold-switch selector makes the cell
 * non-linear; it is linearized at the read voltage first: {@code G_cell = I_1S1R(V_read; G) / V_read}
 * from the circuit engine's operating point of one 1S1R cell, tabulated over the conductance range
 * (64 log-spaced points, interpolated in log-log), so the result is exact for single-row reads and
 * neglects the non-linearity of the wire-drop corrections.
 */
public final class TiledRead {
  private TiledRead() {}

  /**
   * Settings.
   *
   * @param tile tile size (rows and columns per tile)
   * @param wireOhm wire resistance per cell segment
   * @param driverOhm row driver resistance
   * @param senseOhm sense resistance
   * @param selector access device in every cell
   * @param readVolts read voltage (matters only with a non-linear selector)
   */
  public record Config(int tile, double wireOhm, double driverOhm, double senseOhm, Selector selector,
      double readVolts) {
    public Config {
      if (tile < 1) {
        throw NeuristorException.input("tile size must be >= 1, got " + tile);
      }
      ArrayGeometry.of(1, 1, wireOhm, driverOhm, senseOhm); // validates
    }

    /** Ideal wires, no selector. */
    public static Config ideal() {
      return new Config(1 << 20, 0, 0, 0, new Selector.None(), 0.5);
    }

    public boolean isIdeal() {
      return wireOhm == 0 && driverOhm == 0 && senseOhm == 0 && selector instanceof Selector.None;
    }
  }

  /** The effective matrix and per-row driver conductances. */
  public record Effective(double[] m, double[] driverConductance) {}

  /**
   * Effective conductances of a rows x cols array of cell conductances g (S, row-major); the
   * per-row reads are independent tasks handed to {@code runner} (e.g. a thread pool; results do
   * not depend on how they are run).
   */
  public static Effective of(double[] g, int rows, int cols, Config c, Consumer<List<Callable<Void>>> runner) {
    double[] cell = cellConductances(g, c);
    double[] m = new double[rows * cols];
    double[] drv = new double[rows];
    if (c.wireOhm() == 0) {
      System.arraycopy(cell, 0, m, 0, cell.length);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          drv[i] += cell[i * cols + j];
        }
      }
      return new Effective(m, drv);
    }
    int t = c.tile();
    List<Callable<Void>> tasks = new ArrayList<>();
    double[][] drvPart = new double[(cols + t - 1) / t][rows];
    for (int r0 = 0; r0 < rows; r0 += t) {
      for (int c0 = 0; c0 < cols; c0 += t) {
        final int a = r0;
        final int b = c0;
        int tr = Math.min(t, rows - a);
        // rows of a tile in chunks, so that one large tile still uses every thread
        for (int k0 = 0; k0 < tr; k0 += CHUNK) {
          final int from = k0;
          final int to = Math.min(tr, k0 + CHUNK);
          tasks.add(() -> {
            readTile(cell, cols, a, b, tr, Math.min(t, cols - b), from, to, c, m, drvPart[b / t]);
            return null;
          });
        }
      }
    }
    runner.accept(tasks);
    for (double[] part : drvPart) {
      for (int i = 0; i < rows; i++) {
        drv[i] += part[i];
      }
    }
    return new Effective(m, drv);
  }

  /** Rows per task when a tile is read row by row. */
  private static final int CHUNK = 64;

  /** Reads rows [from, to) of the tile at (r0, c0) one at a time into m and drv. */
  private static void readTile(double[] cell, int cols, int r0, int c0, int tr, int tc, int from, int to, Config c,
      double[] m, double[] drv) {
    ArrayGeometry geo = ArrayGeometry.of(tr, tc, c.wireOhm(), c.driverOhm(), c.senseOhm());
    double[] gt = new double[tr * tc];
    for (int i = 0; i < tr; i++) {
      System.arraycopy(cell, (r0 + i) * cols + c0, gt, i * tc, tc);
    }
    LinearRead lr = new LinearRead(geo);
    lr.conductances(gt);
    double[] v = new double[tr];
    double[] u = new double[tc];
    double[] out = new double[tc];
    double gd = 1 / (c.driverOhm() + c.wireOhm());
    for (int i = from; i < to; i++) {
      v[i] = 1;
      lr.coldStart();
      lr.read(v, u, out);
      System.arraycopy(out, 0, m, (r0 + i) * cols + c0, tc);
      drv[r0 + i] = gd * (1 - lr.rowNodeVolts()[i * tc]);
      v[i] = 0;
    }
  }

  /** Cell conductances including the selector (series on-resistance, or the 1S1R linearization). */
  static double[] cellConductances(double[] g, Config c) {
    Selector s = c.selector();
    if (s instanceof Selector.None) {
      return g;
    }
    double[] out = new double[g.length];
    if (s instanceof Selector.Transistor tr) {
      for (int k = 0; k < g.length; k++) {
        out[k] = 1 / (1 / g[k] + tr.onOhm());
      }
      return out;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double v : g) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    int pts = lo == hi ? 1 : 64;
    double[] lg = new double[pts];
    double[] li = new double[pts];
    for (int k = 0; k < pts; k++) {
      double gk = pts == 1 ? lo : lo * Math.pow(hi / lo, k / (pts - 1.0));
      double[] one = CrossbarNetlist.read(new ArrayGeometry(1, 1, 0, 0, 0, 0), new double[] {gk}, s,
          new double[] {c.readVolts()}, new double[] {0});
      lg[k] = Math.log(gk);
      li[k] = Math.log(Math.abs(one[0]) / c.readVolts());
    }
    for (int k = 0; k < g.length; k++) {
      if (pts == 1) {
        out[k] = Math.exp(li[0]);
        continue;
      }
      double x = (Math.log(g[k]) - lg[0]) / (lg[pts - 1] - lg[0]) * (pts - 1);
      int a = Math.min(pts - 2, Math.max(0, (int) Math.floor(x)));
      double f = x - a;
      out[k] = Math.exp(li[a] + f * (li[a + 1] - li[a]));
    }
    return out;
  }
}
