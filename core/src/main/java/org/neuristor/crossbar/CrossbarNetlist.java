package org.neuristor.crossbar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * A crossbar read written as an ngspice-style netlist ({@code .op}) and solved by the circuit
 * engine: the reference the fast solvers are checked against, and the exact solver of non-linear
 * (1S1R) arrays, where every selector is a device model with its state as an unknown (the engine's
 * sparse LU, Newton with pseudo-transient continuation, gmin and source stepping).
 *
 * <p>Node names: {@code r<i>_<j>} row wire at cell (i, j), {@code c<i>_<j>} column wire, {@code
 * m<i>_<j>} between selector and memristor; elements {@code rw...} wire segments, {@code rm...}
 * memristors, {@code vd<i>} row drivers, {@code vs<j>} sense amplifiers (0 V sources in series with
 * the sense resistance; {@code i(vs<j>)} is the column current into the sense amplifier).
 */
public final class CrossbarNetlist {
  private CrossbarNetlist() {}

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.17g", v);
  }

  /**
   * The netlist text of a read.
   *
   * @param g cell conductances (S, row-major), all &gt; 0
   * @param rowVolts driver voltages (NaN: floating row; with a transistor selector also: word line off)
   * @param colVolts sense voltages (NaN: floating column)
   */
  public static String write(String title, ArrayGeometry geo, double[] g, Selector selector, double[] rowVolts,
      double[] colVolts) {
    return write(title, geo, g, selector, rowVolts, colVolts, null);
  }

  /**
   * As {@link #write(String, ArrayGeometry, double[], Selector, double[], double[])} with the word
   * lines of a 1T1R array given explicitly ({@code wordLine[i]}: transistors of row i on; null: the
   * driven rows).
   */
  public static String write(String title, ArrayGeometry geo, double[] g, Selector selector, double[] rowVolts,
      double[] colVolts, boolean[] wordLine) {
    int nr = geo.rows();
    int nc = geo.cols();
    if (g.length != nr * nc || rowVolts.length != nr || colVolts.length != nc) {
      throw new IllegalArgumentException("sizes do not match the geometry " + nr + " x " + nc);
    }
    StringBuilder b = new StringBuilder(64 * nr * nc + 256);
    b.append(title.replace('\n', ' ')).append('\n');
    b.append(String.format(Locale.ROOT, "* %d x %d crossbar read, selector %s, wire %s/%s Ohm, driver %s Ohm, sense %s Ohm%n",
        nr, nc, selector.label(), num(geo.wireRowOhm()), num(geo.wireColOhm()), num(geo.driverOhm()),
        num(geo.senseOhm())));
    double rwr = geo.wireRowOhm();
    double rwc = geo.wireColOhm();
    for (int i = 0; i < nr; i++) {
      if (Double.isNaN(rowVolts[i])) {
        continue;
      }
      b.append("vd").append(i).append(" d").append(i).append(" 0 ").append(num(rowVolts[i])).append('\n');
      b.append("rd").append(i).append(" d").append(i).append(" r").append(i).append("_0 ")
          .append(num(Math.max(geo.driverOhm() + rwr, 1e-9))).append('\n');
    }
    for (int i = 0; i < nr; i++) {
      for (int j = 1; j < nc; j++) {
        b.append("rwr").append(i).append('_').append(j).append(" r").append(i).append('_').append(j - 1).append(" r")
            .append(i).append('_').append(j).append(' ').append(num(Math.max(rwr, 1e-9))).append('\n');
      }
    }
    for (int j = 0; j < nc; j++) {
      for (int i = 1; i < nr; i++) {
        b.append("rwc").append(i).append('_').append(j).append(" c").append(i - 1).append('_').append(j).append(" c")
            .append(i).append('_').append(j).append(' ').append(num(Math.max(rwc, 1e-9))).append('\n');
      }
      if (!Double.isNaN(colVolts[j])) {
        b.append("rs").append(j).append(" c").append(nr - 1).append('_').append(j).append(" s").append(j).append(' ')
            .append(num(Math.max(geo.senseOhm() + rwc, 1e-9))).append('\n');
        b.append("vs").append(j).append(" s").append(j).append(" 0 ").append(num(colVolts[j])).append('\n');
      }
    }
    boolean model = false;
    boolean modelOn = false;
    double vth = selector instanceof Selector.Switch sw0 ? sw0.thresholdVolts() : Double.NaN;
    List<String> onStates = new ArrayList<>();
    for (int i = 0; i < nr; i++) {
      boolean on = wordLine != null ? wordLine[i] : !Double.isNaN(rowVolts[i]);
      for (int j = 0; j < nc; j++) {
        int k = i * nc + j;
        if (!(g[k] > 0)) {
          throw NeuristorException.input("netlist cells need conductance > 0, got " + g[k] + " at (" + i + ", " + j + ")");
        }
        String id = i + "_" + j;
        String top = "r" + id;
        if (selector instanceof Selector.Transistor tr) {
          if (!on) {
            continue; // word line off: the ideal switch is open
          }
          if (tr.onOhm() > 0) {
            b.append("ra").append(id).append(' ').append(top).append(" m").append(id).append(' ')
                .append(num(tr.onOhm())).append('\n');
            top = "m" + id;
          }
        } else if (selector instanceof Selector.Switch) {
          // a cell biased at or above threshold starts with its selector on (see Selector.Switch.modelCardOn)
          boolean switched = Math.abs(rowVolts[i] - colVolts[j]) >= vth; // false for NaN (floating)
          b.append("ns").append(id).append(' ').append(top).append(" m").append(id).append(switched ? " selon\n"
              : " sel\n");
          top = "m" + id;
          model = true;
          modelOn |= switched;
          if (switched) {
            onStates.add("ns" + id + ".x");
          }
        }
        b.append("rm").append(id).append(' ').append(top).append(" c").append(id).append(' ').append(num(1 / g[k]))
            .append('\n');
      }
    }
    if (model) {
      Selector.Switch sw = (Selector.Switch) selector;
      b.append(".model sel ").append(sw.type()).append(" (").append(sw.modelCard()).append(")\n");
      if (modelOn) {
        b.append(".model selon ").append(sw.type()).append(" (").append(sw.modelCardOn()).append(")\n");
      }
    }
    b.append(".op\n.save");
    for (int j = 0; j < nc; j++) {
      if (!Double.isNaN(colVolts[j])) {
        b.append(" i(vs").append(j).append(')');
      }
    }
    for (String x : onStates) {
      b.append(' ').append(x);
    }
    return b.append("\n.end\n").toString();
  }

  /**
   * A solved read.
   *
   * @param columnAmps column currents into the sense amplifiers (NaN for floating columns)
   * @param minOnState smallest state x of the selectors biased above threshold (1: fully on; NaN
   *     when no cell is biased above threshold); below 0.5 the selected selectors did not stay on
   *     (the cell cannot carry the selector's holding current) and the read is not a 1S1R read
   */
  public record Read(double[] columnAmps, double minOnState) {
    /** Whether every selector biased above threshold is on (true when there is none). */
    public boolean switchedOn() {
      return Double.isNaN(minOnState) || minOnState >= 0.5;
    }
  }

  /**
   * As {@link #solve}, with the states of the selectors biased above threshold. A netlist with such
   * cells is not solved by its {@code .op} but by letting it settle: a transient from the initial
   * states ({@code uic}: switched cells on, the others off) over {@code settleSeconds}, the read
   * being its last point. An S-shaped switch has, besides its ON and OFF states, an operating point
   * pinned at the threshold that Newton can converge to from any initial guess; the circuit's own
   * dynamics from the switched-on state reach the state a read pulse reaches.
   *
   * @param settleSeconds settling time (e.g. {@link Selector.Switch#settleSeconds()}); 0: {@code .op}
   */
  public static Read solveRead(String netlist, int cols, double settleSeconds) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(netlist, "crossbar.cir");
    List<String> saves = new ArrayList<>(c.saves());
    boolean settle = settleSeconds > 0 && netlist.contains(" selon\n");
    Analysis a = settle ? new Analysis.Tran(settleSeconds / 50, settleSeconds, 0, settleSeconds / 20, true)
        : new Analysis.Op();
    Trace tr = Simulation.run(c.circuit(), a, saves, null).trace();
    int last = tr.size() - 1;
    double[] out = new double[cols];
    for (int j = 0; j < cols; j++) {
      String name = "i(vs" + j + ")";
      out[j] = tr.names().contains(name) ? tr.get(name)[last] : Double.NaN;
    }
    double min = Double.NaN;
    for (String n : tr.names()) {
      if (n.endsWith(".x")) {
        double x = tr.get(n)[last];
        min = Double.isNaN(min) ? x : Math.min(min, x);
      }
    }
    return new Read(out, min);
  }

  /**
   * Column currents (A; NaN for floating columns) of a netlist written by {@link #write}, solved by
   * the circuit engine's operating point.
   */
  public static double[] solve(String netlist, int cols) {
    return solveRead(netlist, cols, 0).columnAmps();
  }

  /** Writes and solves a read with the circuit engine (exact for every selector). */
  public static double[] read(ArrayGeometry geo, double[] g, Selector selector, double[] rowVolts, double[] colVolts) {
    return solve(write("crossbar read", geo, g, selector, rowVolts, colVolts), geo.cols());
  }
}
