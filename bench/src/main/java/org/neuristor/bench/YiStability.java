package org.neuristor.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.library.CompactYi;
import org.neuristor.library.NeuronLibrary;

/**
 * Linear stability of a Yi circuit's rest (docs/behaviours.md, J): the rest that the compact form
 * ({@link CompactYi}) settles to at zero input from the state the circuit starts in, polished by Newton's
 * method, and the eigenvalues of the numerical Jacobian (central differences) of its vector field there,
 * each film's R(T) on the branch of its hysteresis memory that the settling left. A damped oscillation
 * after a spike (subthreshold oscillations, the classifier's rule: an undershoot below the final level
 * and a rebound above it by more than 10 % of the undershoot) needs a rest that is a stable focus,
 * eigenvalues sigma +- i omega with sigma < 0; after the last extremum of a linear recovery each half
 * period scales the excursion by exp(pi sigma / omega), so the rule asks |sigma| / omega below
 * ln(10) / pi = 0.73.
 *
 * <p>For each film the loop gain of its electro-thermal feedback at fixed voltage,
 * kappa = (dP/dT) / S_th = 1 + tau_th J_TT (tau_th = C_th / S_th, J_TT the Jacobian's diagonal element of the
 * film's temperature), is printed too: a thermistor with a capacitor C across it and a load conductance G
 * has complex eigenvalues only for kappa > 0, and damping ratio zeta^2 = (1 - kappa) / (1 + kappa) at best
 * (G -> 0, R C = tau_th / (1 - kappa)).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.YiStability rest VARIANT k=v,...}
 * or {@code ... scan VARIANT k=v,... k=lo:hi,... n seed [q T]} (the ranges log-uniform, linear for the biases
 * and t0; prints every sampled rest and the ten least damped foci; with q and T, J's protocol runs on every
 * stable focus with |sigma|/omega below q whose films rest below T kelvin), or {@code ... probe VARIANT k=v,... [ID]}, or {@code ... neighbours VARIANT k=v,... ID n seed span} (the
 * set's neighbours of a local search round, {@link YiSearch#local}, each probed).
 */
public final class YiStability {
  private YiStability() {}

  /** The films' thermal time constant C_th / S_th (s) of the zhang2024 card. */
  static final double TAU_TH = YiSearch.CTH / YiSearch.STH;

  /** A rest: the state, the eigenvalues, the films' loop gains. */
  record Rest(double[] state, int[] states, RealMatrix jacobian, Complex[] eigenvalues, double kappa1, double kappa2,
      double residual) {
    /** The least damped complex pair's upper eigenvalue (positive imaginary part), or null (a node). */
    Complex leastDamped() {
      Complex best = null;
      for (Complex z : eigenvalues) {
        if (z.getImaginary() > 1e-9 * Math.abs(z.getReal())
            && (best == null || -z.getReal() / z.getImaginary() < -best.getReal() / best.getImaginary())) {
          best = z;
        }
      }
      return best;
    }

    /** The least damped complex pair's |sigma| / omega, or infinity (a node). */
    double damping() {
      Complex z = leastDamped();
      return z == null ? Double.POSITIVE_INFINITY : -z.getReal() / z.getImaginary();
    }

    /** The least damped complex pair's frequency (Hz), or NaN. */
    double frequency() {
      Complex z = leastDamped();
      return z == null ? Double.NaN : z.getImaginary() / (2 * Math.PI);
    }

    boolean stable() {
      for (Complex z : eigenvalues) {
        if (!(z.getReal() < 0)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "v1 %.4f V, v2 %.4f V, T1 %.3f K, T2 %.3f K, kappa1 %.3f, kappa2 %.3f, "
          + "residual %.2g; eigenvalues (1/us):", state[0], state[1], state[2], state[3], kappa1, kappa2, residual));
      for (Complex z : eigenvalues) {
        b.append(String.format(Locale.ROOT, " %.4g%+.4gi", z.getReal() * 1e-6, z.getImaginary() * 1e-6));
      }
      double q = damping();
      if (q < Double.POSITIVE_INFINITY) {
        b.append(String.format(Locale.ROOT, "; focus |sigma|/omega %.3f (half-period ratio %.3f), %.3g MHz", q,
            Math.exp(-Math.PI * q), frequency() * 1e-6));
      } else {
        b.append("; node");
      }
      return b.toString();
    }
  }

  /**
   * The rest of {@code variant} with {@code params} at zero input: the compact form run from its start
   * state for {@code settle} seconds (steps of 10 ns), then Newton on the vector field.
   */
  static Rest rest(String variant, Map<String, String> params, double settle) {
    return rest(settled(variant, params, settle));
  }

  /** The compact form of {@code variant} run at zero input for {@code settle} seconds from its start state. */
  static CompactYi settled(String variant, Map<String, String> params, double settle) {
    CompactYi c = CompactYi.of(NeuronLibrary.get(variant), params, 1);
    double[] vin = {0};
    double[] off = {0};
    int steps = (int) Math.round(settle / 10e-9);
    for (int k = 0; k < steps; k++) {
      c.step(10e-9, vin, null, off);
    }
    return c;
  }

  /** The rest near the compact form's present state (Newton; the films' hysteresis memory as it is). */
  static Rest rest(CompactYi c) {
    // v_c is a state with a series input capacitor; the reservoir's v_x replaces v1, which is then algebraic
    int[] idx = c.variables().contains("vc") ? new int[] {0, 1, 2, 3, 4}
        : c.variables().contains("vx") ? new int[] {1, 2, 3, 4} : new int[] {0, 1, 2, 3};
    double[] s = {c.v1[0], c.v2[0], c.t1[0], c.t2[0], c.vc[0]};
    double[] f = new double[5];
    for (int it = 0; it < 20; it++) {
      RealMatrix j = jacobian(c, s, idx);
      c.derivatives(0, 0, s, f);
      double[] r = new double[idx.length];
      for (int a = 0; a < idx.length; a++) {
        r[a] = f[idx[a]];
      }
      double[] dx = new LUDecomposition(j).getSolver().solve(new ArrayRealVector(r)).toArray();
      double norm = 0;
      for (int a = 0; a < idx.length; a++) {
        s[idx[a]] -= dx[a];
        norm = Math.max(norm, Math.abs(dx[a]));
      }
      if (norm < 1e-12) {
        break;
      }
    }
    c.derivatives(0, 0, s, f);
    double res = 0;
    for (int a : idx) {
      res = Math.max(res, Math.abs(f[a]) * (a == 2 || a == 3 ? TAU_TH : 1e-6));
    }
    RealMatrix j = jacobian(c, s, idx);
    Complex[] ev = new EigenDecompositionNonSymmetric(j).getEigenvalues();
    Arrays.sort(ev, (x, y) -> Double.compare(y.getReal(), x.getReal()));
    int t1 = idx[0] == 0 ? 2 : 1;
    return new Rest(s.clone(), idx, j, ev, 1 + TAU_TH * j.getEntry(t1, t1), 1 + TAU_TH * j.getEntry(t1 + 1, t1 + 1),
        res);
  }

  static RealMatrix jacobian(CompactYi c, double[] s, int[] idx) {
    int m = idx.length;
    RealMatrix j = new Array2DRowRealMatrix(m, m);
    double[] fp = new double[5];
    double[] fm = new double[5];
    for (int b = 0; b < m; b++) {
      int q = idx[b];
      double h = (q == 2 || q == 3 ? 1e-5 : 1e-7) * Math.max(1, Math.abs(s[q]));
      double[] sp = s.clone();
      double[] sm = s.clone();
      sp[q] += h;
      sm[q] -= h;
      c.derivatives(0, 0, sp, fp);
      c.derivatives(0, 0, sm, fm);
      for (int a = 0; a < m; a++) {
        j.setEntry(a, b, (fp[idx[a]] - fm[idx[a]]) / (2 * h));
      }
    }
    return j;
  }

  /**
   * Runs behaviour {@code id}'s protocol on the circuit (the search's criteria: rheobase, return to rest,
   * spike state resting below its level) and describes the response after its last spike: the output's
   * start and final levels, the spike's height above the final level, the deepest undershoot below the final
   * level and the highest rebound above it after that undershoot (both as fractions of the height), and X2's
   * film temperature at the start and the end.
   */
  static String probe(String variant, Map<String, String> params, String id) {
    org.neuristor.behaviour.Subject s = org.neuristor.behaviour.Subjects.of(variant, params);
    org.neuristor.behaviour.Scale sc = org.neuristor.behaviour.Scale.measure(s);
    org.neuristor.behaviour.BehaviourRunner.Outcome o = org.neuristor.behaviour.BehaviourRunner.run(s, sc,
        List.of(org.neuristor.behaviour.Behaviours.get(id)), null).get(0);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "R %.4g V, tau %.4g us; %s: %s%s; returns to rest %s",
        sc.rheobase(), sc.timeScale() * 1e6, id, o.label().label(), o.result() == null ? " (" + o.error() + ")"
            : " (" + o.result().reason() + ")", o.returnsToRest()));
    if (o.response() != null) {
      double[] t = o.response().trace().axis();
      double[] v = o.response().trace().get(o.response().membrane());
      double[] t2 = o.response().trace().get(NeuronLibrary.get(variant).spikeState());
      double[] sp = o.response().spikes();
      b.append(String.format(Locale.ROOT, "; %d spikes", sp.length));
      if (sp.length > 0) {
        int i = 0;
        while (t[i] < sp[sp.length - 1]) {
          i++;
        }
        while (i + 1 < v.length && v[i + 1] >= v[i]) {
          i++;
        }
        double fin = v[v.length - 1];
        double h = v[i] - fin;
        int lo = i;
        for (int k = i; k < v.length; k++) {
          lo = v[k] < v[lo] ? k : lo;
        }
        int hi = lo;
        for (int k = lo; k < v.length; k++) {
          hi = v[k] > v[hi] ? k : hi;
        }
        b.append(String.format(Locale.ROOT, "; output start %.4f V, peak %.4f V at %.3g us, final %.4f V; undershoot "
            + "%.4f V (%.2f %% of the height) at %.3g us, then rebound %.4f V above the final level (%.2f %%, %.1f %% "
            + "of the undershoot) at %.3g us; T2 start %.3f K, end %.3f K", v[0], v[i], t[i] * 1e6, fin, fin - v[lo],
            100 * (fin - v[lo]) / h, t[lo] * 1e6, v[hi] - fin, 100 * (v[hi] - fin) / h,
            100 * (v[hi] - fin) / (fin - v[lo]), t[hi] * 1e6, t2[0], t2[t2.length - 1]));
      }
    }
    return b.toString();
  }

  public static void main(String[] args) {
    String variant = args[1];
    Map<String, String> base = YiSearch.params(args[2]);
    if (args[0].equals("rest")) {
      System.out.println(rest(variant, base, 200e-6));
      return;
    }
    if (args[0].equals("probe")) {
      System.out.println(rest(variant, base, 200e-6));
      System.out.println(probe(variant, base, args.length > 3 ? args[3] : "J"));
      return;
    }
    if (args[0].equals("neighbours")) {
      // neighbours VARIANT k=v,... ID n seed span: the set's local neighbours (YiSearch.local), each probed
      SplittableRandom rng = new SplittableRandom(Long.parseLong(args[5]));
      for (int k = 0; k < Integer.parseInt(args[4]); k++) {
        YiSearch.Candidate c = YiSearch.local(k, variant, base, rng, Double.parseDouble(args[6]));
        String line;
        try {
          line = rest(variant, c.params(), 200e-6) + "\n  probe: " + probe(variant, c.params(), args[3]);
        } catch (RuntimeException e) {
          line = "failed: " + e.getMessage();
        }
        System.out.printf(Locale.ROOT, "%d %s: %s%n", k, c.params(), line);
        System.out.flush();
      }
      return;
    }
    Map<String, String> ranges = YiSearch.params(args[3]);
    int n = Integer.parseInt(args[4]);
    SplittableRandom rng = new SplittableRandom(Long.parseLong(args[5]));
    List<Object[]> foci = new ArrayList<>();
    // optional: run J's protocol on the stable foci damped less than this whose films rest below maxRestT (K)
    double probeBelow = args.length > 6 ? Double.parseDouble(args[6]) : 0;
    double maxRestT = args.length > 7 ? Double.parseDouble(args[7]) : 400;
    for (int k = 0; k < n; k++) {
      Map<String, String> p = new LinkedHashMap<>(base);
      ranges.forEach((key, r) -> {
        double lo = SpiceNumber.parse(r.substring(0, r.indexOf(':')));
        double hi = SpiceNumber.parse(r.substring(r.indexOf(':') + 1));
        double u = rng.nextDouble();
        p.put(key, key.startsWith("vdc") || key.equals("t0") ? String.format(Locale.ROOT, "%.3f", lo + (hi - lo) * u)
            : YiSearch.fmt(lo * Math.pow(hi / lo, u)));
      });
      String line;
      try {
        Rest r = rest(variant, p, 200e-6);
        double t0 = p.containsKey("t0") ? SpiceNumber.parse(p.get("t0")) : 325;
        boolean physical = r.state()[2] >= t0 - 1e-6 && r.state()[3] >= t0 - 1e-6;
        line = (r.stable() ? "" : "UNSTABLE ") + (physical ? "" : "UNPHYSICAL ") + r;
        if (r.stable() && physical && r.residual() < 1e-6 && r.damping() < Double.POSITIVE_INFINITY) {
          foci.add(new Object[] {r.damping(), k, p, r});
          if (r.damping() < probeBelow && Math.max(r.state()[2], r.state()[3]) < maxRestT) {
            try {
              line += "\n  probe: " + probe(variant, p, "J");
            } catch (RuntimeException e) {
              line += "\n  probe failed: " + e.getMessage();
            }
          }
        }
      } catch (RuntimeException e) {
        line = "failed: " + e.getMessage();
      }
      System.out.printf(Locale.ROOT, "%d %s: %s%n", k, p, line);
      System.out.flush();
    }
    foci.sort((a, b) -> Double.compare((double) a[0], (double) b[0]));
    System.out.println("# least damped stable foci");
    for (int k = 0; k < Math.min(10, foci.size()); k++) {
      Object[] o = foci.get(k);
      System.out.printf(Locale.ROOT, "%.3f candidate %d %s%n", (double) o[0], (int) o[1], o[2]);
    }
  }
}
