package org.neuristor.circuit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.VoltageSource;

/**
 * Round 22's go/no-go experiment (docs/engine.md): the register kernel {@code RegisterKernel} (written by
 * {@link RegisterEmit} for the netlist) inside a Newton loop with newton's bookkeeping (limit, residual history,
 * convergence flags, two-cycle stop), checked bit for bit against {@code MnaSystem.newton} (iterates, old iterates,
 * residual norms, iteration counts, for 1, 2, 3 and 20 allowed iterations) on the floor's converged states and on 40
 * states through the second half of the run, each state the start of its own step and of every other state's of its
 * set, then timed against it on the floor's states, alternated in one JVM (thread CPU, ns per iteration). See
 * register.sh.
 */
public final class RegisterFloor {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private final double[] lg;
  private final double[] lc;
  private final double[] gv0;
  private final double[] cv0;
  private final double[][] k;
  private final double[] rw;
  private final double[] absTol;
  private final double reltol;
  private final double[] xOld;
  private final double[][] outs;
  private int buffer;
  private final double[] history = new double[64];
  private int count;
  int total;

  RegisterFloor(MnaSystem sys) throws ReflectiveOperationException {
    lg = (double[]) IterationFloor.field(sys, MnaSystem.class, "linG");
    lc = (double[]) IterationFloor.field(sys, MnaSystem.class, "linC");
    gv0 = (double[]) IterationFloor.field(sys, MnaSystem.class, "linGv");
    cv0 = (double[]) IterationFloor.field(sys, MnaSystem.class, "linCv");
    rw = (double[]) IterationFloor.field(sys, MnaSystem.class, "residualWeight");
    absTol = (double[]) IterationFloor.field(sys, MnaSystem.class, "absTol");
    reltol = sys.options.reltol();
    List<double[]> ks = new ArrayList<>();
    for (Element e : (Element[]) IterationFloor.field(sys, MnaSystem.class, "loaded")) {
      if (e instanceof BehavioralSource) {
        Object fn = IterationFloor.field(e, BehavioralSource.class, "function");
        ks.add((double[]) IterationFloor.field(fn, fn.getClass(), "k"));
      }
    }
    k = ks.toArray(new double[0][]);
    int n = sys.size();
    xOld = new double[n];
    outs = new double[][] {new double[3 + 2 * n], new double[3 + 2 * n]};
  }

  /** newton's loop around the register kernel (the fused path only; anything else is reported, not handled). */
  int newton(double[] x, double t, double a0, double[] qHist, double[] vsrc, int maxIter) {
    count = 0;
    double prevNorm = Double.POSITIVE_INFINITY;
    for (int iter = 1; iter <= maxIter; iter++) {
      total++;
      double limit = iter > 2 ? 1e3 * prevNorm : Double.POSITIVE_INFINITY;
      double[] out = outs[buffer];
      int step = RegisterKernel.iterate(x, t, a0, qHist, limit, xOld, out, lg, lc, gv0, cv0, vsrc, k, rw, absTol,
          reltol);
      if (step != RegisterKernel.DONE) {
        return -100 + step;
      }
      double norm = out[2];
      if (count < history.length) {
        history[count++] = norm;
      }
      prevNorm = norm;
      boolean above = out[0] != 0;
      if (out[1] != 0) {
        buffer ^= 1; // the pending worst unknown's operands stay
      }
      if (!above && iter > 1) {
        return iter;
      }
      int c = count;
      double[] r = history;
      if (c >= 4 && c < r.length && r[c - 1] == r[c - 3] && r[c - 2] == r[c - 4] && r[c - 1] != r[c - 2]) {
        return -1;
      }
    }
    return -1;
  }

  /** The whole solve in the kernel. */
  int solve(double[] x, double t, double a0, double[] qHist, double[] vsrc, int maxIter) {
    int r = RegisterKernel.solve(x, t, a0, qHist, xOld, outs[0], lg, lc, gv0, cv0, vsrc, k, rw, absTol, reltol, maxIter,
        history);
    count = RegisterKernel.count;
    total += count;
    return r;
  }

  public static void main(String[] a) throws Exception {
    String file = a.length > 0 ? a[0] : "examples/1ts1c-bsource.cir";
    int solves = a.length > 1 ? Integer.parseInt(a[1]) : 1_000_000;
    double h = a.length > 2 ? Double.parseDouble(a[2]) : 2e-8;
    int rounds = a.length > 3 ? Integer.parseInt(a[3]) : 8;
    IterationFloor.States st = IterationFloor.States.of(file, h);
    MnaSystem sys = st.sys();
    double a0 = 1.0 / h;
    RegisterFloor reg = new RegisterFloor(sys);
    double[] xOldSys = (double[]) IterationFloor.field(sys, MnaSystem.class, "xOld");
    // bit for bit, from each state (quiet: the updates are small) and from each other state as the start (several
    // iterations with large updates); solves that leave the register kernel's path are counted apart
    int mismatches = 0;
    int checks = 0;
    int handedBack = 0;
    double[] fractions = new double[40];
    for (int i = 0; i < fractions.length; i++) {
      fractions[i] = 0.5 + 0.0123 * i; // through the second half of the run, spikes included
    }
    IterationFloor.States more = IterationFloor.States.of(file, h, fractions);
    for (IterationFloor.States set : List.of(st, more)) {
      double[][] vs = sources(sys, set.stops());
      for (int s = 0; s < set.stops().length; s++) {
        for (int from = 0; from < set.stops().length; from++) {
          for (int max : new int[] {1, 2, 3, 20}) {
            double[] w1 = set.xs().get(from).clone();
            double[] w2 = set.xs().get(from).clone();
            int i1 = sys.newton(w1, set.stops()[s], false, a0, set.qh()[s], 1.0, max);
            double[] h1 = sys.residualHistory();
            double[] o1 = xOldSys.clone();
            int i2 = reg.newton(w2, set.stops()[s], a0, set.qh()[s], vs[s], max);
            if (i2 <= -100) {
              handedBack++;
              continue;
            }
            double[] h2 = java.util.Arrays.copyOf(reg.history, reg.count);
            boolean same = i1 == i2 && bits(w1, w2) && bits(o1, reg.xOld) && bits(h1, h2);
            double[] w3 = set.xs().get(from).clone();
            int i3 = reg.solve(w3, set.stops()[s], a0, set.qh()[s], vs[s], max);
            same &= i1 == i3 && bits(w1, w3) && bits(o1, reg.xOld)
                && bits(h1, java.util.Arrays.copyOf(reg.history, reg.count));
            checks++;
            if (!same) {
              mismatches++;
              System.out.printf(Locale.ROOT, "MISMATCH state %d from %d max %d: newton %d %s, register %d %s%n", s, from,
                  max, i1, java.util.Arrays.toString(w1), i2, java.util.Arrays.toString(w2));
            }
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d unknowns; identity: %d of %d solves bit-identical (%d left the kernel's"
        + " path)%n", file, sys.size(), checks - mismatches, checks, handedBack);
    double[] tn = new double[rounds];
    double[] tr2 = new double[rounds];
    double[] ts = new double[rounds];
    int[] bad = new int[1];
    for (int round = 0; round < rounds; round++) {
      tn[round] = time(st, a0, reg, -1, solves, bad);
      tr2[round] = time(st, a0, reg, 0, solves, bad);
      ts[round] = time(st, a0, reg, 1, solves, bad);
    }
    // the first quarter of the rounds warms up
    double[] a1 = java.util.Arrays.copyOfRange(tn, rounds / 4, rounds);
    double[] a2 = java.util.Arrays.copyOfRange(tr2, rounds / 4, rounds);
    double[] a3 = java.util.Arrays.copyOfRange(ts, rounds / 4, rounds);
    java.util.Arrays.sort(a3);
    java.util.Arrays.sort(a1);
    java.util.Arrays.sort(a2);
    System.out.printf(Locale.ROOT, "ns per iteration over %d alternated blocks of %d solves: newton best %.1f median %.1f;"
        + " register kernel best %.1f median %.1f; whole solve in registers best %.1f median %.1f (%d failed)%n",
        a1.length, solves, a1[0], a1[a1.length / 2], a2[0], a2[a2.length / 2], a3[0], a3[a3.length / 2], bad[0]);
  }

  /**
   * ns per iteration of {@code solves} solves from the floor's states (a step of 1 / a0): through {@code MnaSystem.newton} (way -1), the
   * register kernel in newton's loop (0) or the whole solve in the kernel (1); failed solves are added to bad[0].
   */
  private static double time(IterationFloor.States st, double a0, RegisterFloor reg, int way, int solves, int[] bad)
      throws ReflectiveOperationException {
    MnaSystem sys = st.sys();
    double[] stops = st.stops();
    double[][] vsrc = sources(sys, stops);
    double[] w = new double[sys.size()];
    int it0 = way < 0 ? sys.totalIterations() : reg.total;
    long t0 = MX.getCurrentThreadCpuTime();
    for (int r = 0; r < solves; r++) {
      int s = r % stops.length;
      System.arraycopy(st.xs().get(s), 0, w, 0, w.length);
      int it = way < 0 ? sys.newton(w, stops[s], false, a0, st.qh()[s], 1.0, 20)
          : way == 0 ? reg.newton(w, stops[s], a0, st.qh()[s], vsrc[s], 20)
          : reg.solve(w, stops[s], a0, st.qh()[s], vsrc[s], 20);
      bad[0] += it < 0 ? 1 : 0;
    }
    long ns = MX.getCurrentThreadCpuTime() - t0;
    return ns / (double) ((way < 0 ? sys.totalIterations() : reg.total) - it0);
  }

  /** The voltage sources' values at each time, in load order (the branch row of each alone at x = 0 is -value). */
  private static double[][] sources(MnaSystem sys, double[] times) throws ReflectiveOperationException {
    int n = sys.size();
    double[][] vsrc = new double[times.length][];
    for (int s = 0; s < times.length; s++) {
      List<Double> v = new ArrayList<>();
      for (Element e : (Element[]) IterationFloor.field(sys, MnaSystem.class, "loaded")) {
        if (e instanceof VoltageSource vs) {
          double[] f = new double[n];
          sys.loadElement(e, new double[n], times[s], f, new double[n]);
          v.add(-f[vs.branchIndex()]);
        }
      }
      vsrc[s] = v.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return vsrc;
  }

  private static boolean bits(double[] a, double[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
        return false;
      }
    }
    return true;
  }
}
