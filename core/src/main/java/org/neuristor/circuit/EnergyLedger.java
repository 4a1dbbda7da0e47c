package org.neuristor.circuit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.IndependentSource;
import org.neuristor.circuit.element.Inductor;

/**
 * Energy bookkeeping of a transient run (physics.md 4.0): each element's energy per step is the sum over
 * nodes of the mid-step node voltage times the charge the element passed there, h/2 (i_n + i_n+1) + dq on a
 * trapezoidal step, h i_n+1 + dq on a backward-Euler step (the first step and the first after every
 * breakpoint or event). Node potentials and these charges obey KVL and the KCL of the step's own rule, so by
 * Tellegen's theorem the sum over all elements vanishes exactly: sources = dissipation + stored energy, and
 * for a linear capacitor the result is exactly the change of C v^2 / 2. (Counting a backward-Euler step with
 * the trapezoidal charge broke the balance by h/2 (i_n - i_n+1) wherever a current jumps at a source corner,
 * e.g. a capacitor straight on the input source: yi-mixed, 2.6e-6.) Not thread safe: one per run.
 */
final class EnergyLedger {
  private final MnaSystem sys;
  private final Element[] els;
  private final int n;
  private final double[][] elF;
  private final double[][] elQ;
  private final double[] elE;
  private final double[] fTmp;
  private final double[] qTmp;

  EnergyLedger(MnaSystem sys, double[] x0) {
    this.sys = sys;
    this.els = sys.elements();
    this.n = sys.size();
    if (n > 400) {
      throw NeuristorException.input("energy accounting is available for circuits up to 400 unknowns");
    }
    int ne = els.length;
    elF = new double[ne][n];
    elQ = new double[ne][n];
    elE = new double[ne];
    fTmp = new double[n];
    qTmp = new double[n];
    for (int k = 0; k < ne; k++) {
      sys.loadElement(els[k], x0, 0.0, elF[k], elQ[k]);
    }
  }

  /**
   * Adds the step from (xPrev, tPrev) to (xNew, t).
   *
   * @param backwardEuler the step was taken with backward Euler (first order), else with the trapezoidal rule
   */
  void step(double[] xPrev, double[] xNew, double tPrev, double t, boolean backwardEuler) {
    double dt = t - tPrev;
    for (int q = 0; q < els.length; q++) {
      sys.loadElement(els[q], xNew, t, fTmp, qTmp);
      double e = 0;
      for (int i = 0; i < n; i++) {
        if (sys.isNode(i)) {
          double flow = backwardEuler ? dt * fTmp[i] : 0.5 * dt * (elF[q][i] + fTmp[i]);
          double charge = flow + (qTmp[i] - elQ[q][i]);
          if (charge != 0) {
            e += 0.5 * (xPrev[i] + xNew[i]) * charge;
          }
        }
      }
      elE[q] += e;
      System.arraycopy(fTmp, 0, elF[q], 0, n);
      System.arraycopy(qTmp, 0, elQ[q], 0, n);
    }
  }

  /** The balance so far. */
  TransientAnalysis.EnergyBalance balance() {
    Map<String, Double> by = new LinkedHashMap<>();
    double delivered = 0;
    double dissipated = 0;
    double stored = 0;
    for (int k = 0; k < els.length; k++) {
      Element e = els[k];
      by.put(e.name(), elE[k]);
      if (e instanceof IndependentSource) {
        delivered -= elE[k];
      } else if (e instanceof Capacitor || e instanceof Inductor) {
        stored += elE[k];
      } else {
        dissipated += elE[k];
      }
    }
    return new TransientAnalysis.EnergyBalance(delivered, dissipated, stored, by);
  }
}
