package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.List;
import org.neuristor.ConvergenceException;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.element.IndependentSource;
import org.neuristor.circuit.solve.DenseLU;
import org.neuristor.circuit.solve.LinearSolver;
import org.neuristor.circuit.solve.MatrixPattern;
import org.neuristor.circuit.solve.SingularMatrixException;

/**
 * Small-signal AC analysis: the circuit is linearized at its operating point with the same
 * charge-oriented Jacobians the transient uses, G = df/dx and C = dq/dx, and
 *
 * <pre>  (G + j omega C) X = B</pre>
 *
 * is solved at each frequency, B holding the AC magnitude and phase of the independent sources (a
 * voltage source in its branch row, a current source in its two node rows). The complex system is solved
 * in its real form [[G, -omega C], [omega C, G]] with the engine's own LU (dense up to 60 unknowns,
 * else the sparse one). Nonlinear devices contribute their conductances and capacitances at the
 * operating point, as in SPICE.
 */
public final class AcAnalysis {
  private AcAnalysis() {}

  /** Complex results: one row per frequency, one column per signal. */
  public record Result(double[] frequencies, List<String> names, double[][] re, double[][] im, int iterations,
      List<String> warnings) {}

  public static Result run(MnaSystem sys, Analysis.Ac ac, List<String> save) {
    double[] freqs = ac.frequencies();
    if (freqs.length == 0 || !(ac.fstart() > 0) && !ac.sweep().equals("lin") || !(ac.fstop() >= ac.fstart())) {
      throw NeuristorException.input(".ac needs 0 < fstart <= fstop (lin: 0 <= fstart <= fstop)");
    }
    OperatingPoint.Result op = OperatingPoint.solve(sys);
    int n = sys.size();
    int entries = sys.entries();
    double[] g = new double[entries];
    double[] c = new double[entries];
    int[][] rc = sys.jacobians(op.x(), g, c);
    // the real form of the complex matrix: 2n unknowns (real parts, then imaginary parts)
    MatrixPattern p = new MatrixPattern(2 * n);
    int[] hg1 = new int[entries];
    int[] hg2 = new int[entries];
    int[] hc1 = new int[entries];
    int[] hc2 = new int[entries];
    for (int k = 0; k < entries; k++) {
      int r = rc[0][k];
      int col = rc[1][k];
      hg1[k] = p.entry(r, col);
      hg2[k] = p.entry(r + n, col + n);
      hc1[k] = p.entry(r, col + n);
      hc2[k] = p.entry(r + n, col);
    }
    for (int i = 0; i < 2 * n; i++) {
      p.entry(i, i);
    }
    p.freeze();
    LinearSolver solver = 2 * n <= MnaSystem.DENSE_LIMIT * 2 ? new DenseLU(p) : MnaSystem.sparseSolver(p);
    double[] b = new double[2 * n];
    double[] bre = new double[n];
    double[] bim = new double[n];
    for (Element e : sys.elements()) {
      if (e instanceof IndependentSource s) {
        s.acExcitation(bre, bim);
      }
    }
    Signals signals = Signals.of(sys, save);
    List<String> names = signals.names();
    double[][] re = new double[freqs.length][names.size()];
    double[][] im = new double[freqs.length][names.size()];
    double[] xr = new double[n];
    double[] xi = new double[n];
    for (int fIdx = 0; fIdx < freqs.length; fIdx++) {
      double w = 2 * Math.PI * freqs[fIdx];
      double[] vals = solver.values();
      java.util.Arrays.fill(vals, 0.0);
      for (int k = 0; k < entries; k++) {
        vals[hg1[k]] += g[k];
        vals[hg2[k]] += g[k];
        vals[hc1[k]] -= w * c[k];
        vals[hc2[k]] += w * c[k];
      }
      try {
        solver.factor();
      } catch (SingularMatrixException ex) {
        throw new ConvergenceException("ac analysis", freqs[fIdx], 0, sys.name(ex.unknown() % n), new double[0]);
      }
      System.arraycopy(bre, 0, b, 0, n);
      System.arraycopy(bim, 0, b, n, n);
      solver.solve(b);
      System.arraycopy(b, 0, xr, 0, n);
      System.arraycopy(b, n, xi, 0, n);
      signals.sample(xr, 0.0, re[fIdx]);
      signals.sample(xi, 0.0, im[fIdx]);
    }
    List<String> warnings = new ArrayList<>(sys.circuit().warnings());
    warnings.addAll(op.warnings());
    return new Result(freqs, names, re, im, op.iterations(), warnings);
  }
}
