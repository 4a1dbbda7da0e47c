package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;

/**
 * The contract every device model must satisfy, checked through the engine's own assembly: the
 * analytic Jacobian (G = df/dx, C = dq/dx) equals central finite differences at seeded random
 * states and voltages; zero bias gives zero current; the dissipated power is never negative.
 * Each device test class extends this with a factory, a voltage range and a state sampler.
 */
abstract class DeviceContractTest {

  /** A fresh device between nodes a and 0. */
  abstract Element device();

  /** Largest |v| to probe. */
  abstract double voltageRange();

  /** A random physical state value for the device's state unknown. */
  abstract double randomState(SplittableRandom r);

  static Stream<Long> seeds() {
    return LongStream.range(1, 26).boxed();
  }

  private MnaSystem system(Element d) {
    Circuit c = Circuit.builder("contract").add(new VoltageSource("v1", "a", "0", 0.0))
        .add(new Resistor("rbig", "a", "0", 1e15)).add(d).build();
    return new MnaSystem(c);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void analyticJacobianMatchesFiniteDifferences(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    Element d = device();
    MnaSystem sys = system(d);
    double[] x = sys.initialGuess();
    int a = sys.node("a");
    int s = sys.size() - 1; // the device's state is allocated last
    x[a] = (2 * r.nextDouble() - 1) * voltageRange();
    x[s] = randomState(r);
    JacobianProbe probe = new JacobianProbe(sys);
    for (int col : new int[] {a, s}) {
      double h = 1e-6 * Math.max(1, Math.abs(x[col]));
      double[] xp = x.clone();
      double[] xm = x.clone();
      xp[col] += h;
      xm[col] -= h;
      double[][] fp = probe.fq(xp);
      double[][] fm = probe.fq(xm);
      double[][] jac = probe.jacobian(x);
      for (int row = 0; row < sys.size(); row++) {
        for (int k = 0; k < 2; k++) {
          double fd = (fp[k][row] - fm[k][row]) / (2 * h);
          double an = jac[k][row * sys.size() + col];
          double scale = Math.max(Math.abs(fd), Math.abs(an));
          // finite differences carry rounding error of order |value| * 1e-16 / h
          double rounding = 1e-14 * (Math.abs(fp[k][row]) + Math.abs(fm[k][row])) / h;
          assertThat(Math.abs(fd - an)).as("d%s[%s]/dx[%s] at v=%g state=%g", k == 0 ? "f" : "q", sys.name(row),
              sys.name(col), x[a], x[s]).isLessThanOrEqualTo(1e-5 * scale + rounding + 1e-12);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void zeroBiasGivesZeroCurrentAndPowerIsNeverNegative(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Element d = device();
    MnaSystem sys = system(d);
    double[] x = sys.initialGuess();
    int a = sys.node("a");
    int s = sys.size() - 1;
    x[s] = randomState(r);
    x[a] = 0;
    assertThat(d.probe("i(" + d.name() + ")", x, 0)).isEqualTo(0.0);
    x[a] = (2 * r.nextDouble() - 1) * voltageRange();
    assertThat(d.power(x, 0)).isGreaterThanOrEqualTo(0.0);
  }

  /** Reads f, q and the G/C matrices the engine assembles (package access through reflection). */
  static final class JacobianProbe {
    private final MnaSystem sys;

    JacobianProbe(MnaSystem sys) {
      this.sys = sys;
    }

    double[][] fq(double[] x) throws Exception {
      invoke("evaluate", x);
      return new double[][] {((double[]) call("f")).clone(), ((double[]) call("q")).clone()};
    }

    double[][] jacobian(double[] x) throws Exception {
      invoke("evaluate", x);
      int n = sys.size();
      double[][] out = new double[2][n * n];
      java.lang.reflect.Field lf = MnaSystem.class.getDeclaredField("load");
      lf.setAccessible(true);
      Object load = lf.get(sys);
      java.lang.reflect.Field gvf = load.getClass().getDeclaredField("gv");
      java.lang.reflect.Field cvf = load.getClass().getDeclaredField("cv");
      gvf.setAccessible(true);
      cvf.setAccessible(true);
      double[] gv = (double[]) gvf.get(load);
      double[] cv = (double[]) cvf.get(load);
      java.lang.reflect.Field rf = MnaSystem.class.getDeclaredField("rows");
      java.lang.reflect.Field cf = MnaSystem.class.getDeclaredField("cols");
      rf.setAccessible(true);
      cf.setAccessible(true);
      int[] rows = (int[]) rf.get(sys);
      int[] cols = (int[]) cf.get(sys);
      for (int h = 0; h < rows.length; h++) {
        out[0][rows[h] * n + cols[h]] += gv[h];
        out[1][rows[h] * n + cols[h]] += cv[h];
      }
      return out;
    }

    private void invoke(String m, double[] x) throws Exception {
      java.lang.reflect.Method me = MnaSystem.class.getDeclaredMethod(m, double[].class, double.class,
          boolean.class, double.class);
      me.setAccessible(true);
      me.invoke(sys, x, 0.0, false, 1.0);
    }

    private Object call(String m) throws Exception {
      java.lang.reflect.Method me = MnaSystem.class.getDeclaredMethod(m);
      me.setAccessible(true);
      return me.invoke(sys);
    }
  }

  static Element build(String type, Map<String, Object> params) {
    return DeviceRegistry.build(type, "n1", List.of("a", "0"), params, 1);
  }
}
