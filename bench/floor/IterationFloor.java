package org.neuristor.circuit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.solve.DenseLU;
import org.neuristor.circuit.solve.LinearPart;
import org.neuristor.netlist.CircuitCompiler;

/**
 * What one transient Newton iteration of a netlist costs without the step around it (docs/engine.md, round 21), in
 * thread CPU: (1) {@code newton} solves from converged states (each takes two iterations); (2) the same iterations with
 * the kernels called back to back (linear part, element loads, the fused elimination step) and nothing of
 * {@code newton} around them; (3) this host's latency (dependent chains) and throughput (independent chains) of exp,
 * division, multiplication, addition and pow. A measuring tool, not part of the engine: it reaches MnaSystem's private
 * fields by reflection, so it is compiled against a build's benchmarks.jar (see floor.sh). Only circuits on the fused
 * dense path (nonlinear, at most 60 unknowns) run part (2).
 */
public final class IterationFloor {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static volatile double sink;

  public static void main(String[] a) throws Exception {
    String file = a.length > 0 ? a[0] : "examples/1ts1c-bsource.cir";
    int solves = a.length > 1 ? Integer.parseInt(a[1]) : 1_000_000;
    double h = a.length > 2 ? Double.parseDouble(a[2]) : 2e-8;
    States st = States.of(file, h);
    MnaSystem sys = st.sys();
    int n = sys.size();
    double a0 = 1.0 / h;
    double[] stops = st.stops();
    List<double[]> xs = st.xs();
    double[][] qh = st.qh();
    double[] w = new double[n];
    System.out.printf(Locale.ROOT, "%s: %d unknowns, %d solves per round, h = %.3g s%n", file, n, solves, h);
    for (int round = 0; round < 8; round++) {
      int it0 = sys.totalIterations();
      long t0 = MX.getCurrentThreadCpuTime();
      int failed = 0;
      for (int r = 0; r < solves; r++) {
        int s = r % stops.length;
        System.arraycopy(xs.get(s), 0, w, 0, n);
        failed += sys.newton(w, stops[s], false, a0, qh[s], 1.0, 20) < 0 ? 1 : 0;
      }
      long ns = MX.getCurrentThreadCpuTime() - t0;
      int its = sys.totalIterations() - it0;
      System.out.printf(Locale.ROOT, "newton:  %.1f ns per iteration (%.3f iterations per solve, %d failed)%n",
          ns / (double) its, its / (double) solves, failed);
    }
    DenseLU dense = (DenseLU) field(sys, "dense");
    if (dense != null) {
      kernels(sys, dense, xs, stops, qh, a0, solves);
    }
    operations();
  }

  /**
   * Converged states near the end of a run of {@code file}'s first transient (at 93, 95, 97, 99 and 100% of its stop
   * time), the history term qh making each a solution of a backward-Euler step of size h, and a fresh system.
   */
  record States(CircuitCompiler.Compiled cc, double[] stops, List<double[]> xs, double[][] qh, MnaSystem sys) {
    static States of(String file, double h) throws Exception {
      return of(file, h, new double[] {0.93, 0.95, 0.97, 0.99, 1.0});
    }

    /** The states at the given fractions of the stop time. */
    static States of(String file, double h, double[] fractions) throws Exception {
      CircuitCompiler.Compiled cc = CircuitCompiler.compile(Files.readString(Path.of(file)), file);
      Analysis.Tran tr = (Analysis.Tran) cc.analyses().get(0);
      double[] stops = fractions.clone();
      List<double[]> xs = new ArrayList<>();
      for (int s = 0; s < stops.length; s++) {
        stops[s] *= tr.tstop();
        TransientAnalysis ta = new TransientAnalysis(tr.tstep(), stops[s], 0, tr.tmax(), tr.uic());
        xs.add(ta.run(new MnaSystem(cc.circuit()), cc.saves()).finalState());
      }
      MnaSystem sys = new MnaSystem(cc.circuit());
      int n = sys.size();
      double a0 = 1.0 / h;
      double[][] qh = new double[stops.length][n];
      for (int s = 0; s < stops.length; s++) {
        sys.evaluate(xs.get(s), stops[s], false, 1.0);
        for (int i = 0; i < n; i++) {
          qh[s][i] = -(a0 * sys.q()[i]) - sys.f()[i];
        }
      }
      return new States(cc, stops, xs, qh, sys);
    }
  }

  private static Object field(MnaSystem sys, String name) throws ReflectiveOperationException {
    return field(sys, MnaSystem.class, name);
  }

  /** Field {@code name} of class c of object o, private or not. */
  static Object field(Object o, Class<?> c, String name) throws ReflectiveOperationException {
    Field f = c.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  /** Two iterations per solve, as newton does them on the fused path, without newton. */
  private static void kernels(MnaSystem sys, DenseLU dense, List<double[]> xs, double[] stops, double[][] qh,
      double a0, int solves) throws ReflectiveOperationException {
    int n = sys.size();
    Load load = (Load) field(sys, "load");
    LinearPart lin = (LinearPart) field(sys, "linear");
    double[] linG = (double[]) field(sys, "linG");
    double[] linC = (double[]) field(sys, "linC");
    Element[] loaded = (Element[]) field(sys, "loaded");
    double[] rhs = (double[]) field(sys, "rhs");
    double[] xOld = (double[]) field(sys, "xOld");
    double[] absTol = (double[]) field(sys, "absTol");
    double[] rw = (double[]) field(sys, "residualWeight");
    double[] lgv = (double[]) field(sys, "linGv");
    double[] lcv = (double[]) field(sys, "linCv");
    double reltol = sys.options.reltol();
    double[] out = new double[3 + 2 * n];
    double[] w = new double[n];
    load.x = w;
    for (int round = 0; round < 8; round++) {
      long t0 = MX.getCurrentThreadCpuTime();
      int other = 0;
      for (int r = 0; r < solves; r++) {
        int s = r % stops.length;
        System.arraycopy(xs.get(s), 0, w, 0, n);
        load.time = stops[s];
        for (int it = 0; it < 2; it++) {
          lin.apply(w, load.f, load.q, linG, linC);
          for (Element e : loaded) {
            e.load(load);
          }
          int step = dense.newtonStep(load.f, load.q, qh[s], rw, Double.POSITIVE_INFINITY, load.gv, load.cv, lgv, lcv,
              a0, rhs, w, xOld, absTol, reltol, out);
          other += step == DenseLU.STEP_DONE ? 0 : 1;
        }
      }
      long ns = MX.getCurrentThreadCpuTime() - t0;
      System.out.printf(Locale.ROOT, "kernels: %.1f ns per iteration (%d steps not done)%n", ns / (2.0 * solves),
          other);
    }
  }

  /** Latency (one dependent chain) and throughput (independent chains) of the operations of an iteration. */
  private static void operations() {
    int n = 20_000_000;
    double one = 1.0 + 1e-7;
    double third = -1.0 / 3.0;
    for (int round = 0; round < 4; round++) {
      long t0 = MX.getCurrentThreadCpuTime();
      double x = 0.3;
      for (int i = 0; i < n; i++) {
        x = Math.exp(-x);
      }
      long t1 = MX.getCurrentThreadCpuTime();
      double y = 1.1;
      for (int i = 0; i < n; i++) {
        y = 1.3 / (y + 1e-9); // an addition in the chain: without it the JIT removes the loop
      }
      long t2 = MX.getCurrentThreadCpuTime();
      double z = 1.1;
      for (int i = 0; i < n; i++) {
        z = z * one;
      }
      long t3 = MX.getCurrentThreadCpuTime();
      double u = 0.3;
      for (int i = 0; i < n; i++) {
        u = Math.pow(u + 0.5, third);
      }
      long t4 = MX.getCurrentThreadCpuTime();
      double v = 0.5;
      for (int i = 0; i < n; i++) {
        v = v + 1e-9;
      }
      long t5 = MX.getCurrentThreadCpuTime();
      double d1 = 1.1, d2 = 1.2, d3 = 1.3, d4 = 1.4, d5 = 1.5, d6 = 1.6, d7 = 1.7, d8 = 1.8;
      for (int i = 0; i < n; i++) {
        d1 /= one; d2 /= one; d3 /= one; d4 /= one; d5 /= one; d6 /= one; d7 /= one; d8 /= one;
      }
      long t6 = MX.getCurrentThreadCpuTime();
      double e1 = 0.1, e2 = 0.2, e3 = 0.3, e4 = 0.4;
      for (int i = 0; i < n; i++) {
        e1 = Math.exp(-e1); e2 = Math.exp(-e2); e3 = Math.exp(-e3); e4 = Math.exp(-e4);
      }
      long t7 = MX.getCurrentThreadCpuTime();
      sink = x + y + z + u + v + d1 + d2 + d3 + d4 + d5 + d6 + d7 + d8 + e1 + e2 + e3 + e4;
      System.out.printf(Locale.ROOT, "latency ns: exp %.2f, division+addition %.2f, multiplication %.2f, pow+add %.2f,"
          + " addition %.2f; throughput ns: division %.2f, exp %.2f%n", (t1 - t0) / (double) n, (t2 - t1) / (double) n,
          (t3 - t2) / (double) n, (t4 - t3) / (double) n, (t5 - t4) / (double) n, (t6 - t5) / (8.0 * n),
          (t7 - t6) / (4.0 * n));
    }
  }
}
