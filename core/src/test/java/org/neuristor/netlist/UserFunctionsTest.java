package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.NetlistException;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Simulation;

/** .func/.param user functions, ddt() and the seeded random functions (issue 18). */
class UserFunctionsTest {

  static Trace run(String net, String... saves) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(net, "u.cir");
    return Simulation.run(c.circuit(), c.analyses().get(0), List.of(saves), null).trace();
  }

  /** ddt is the exact derivative within the integrator's accuracy (ngspice's is a backward difference). */
  @Test
  void ddtOfASineIsItsCosine() {
    Trace t = run("d\nv1 in 0 sin(0 1 1k)\nb1 e 0 v = 1m*ddt(v(in)*v(in))\nre e 0 1k\n.tran 2u 2m\n", "v(e)");
    double w = 2 * Math.PI * 1000;
    double worst = 0;
    for (int i = 0; i < t.size(); i++) {
      double tt = t.axis()[i];
      if (tt > 1e-5) {
        worst = Math.max(worst, Math.abs(t.get("v(e)")[i] - 1e-3 * w * Math.sin(2 * w * tt)));
      }
    }
    assertThat(worst / (2 * 1e-3 * w)).isLessThan(5e-4);
  }

  @Test
  void randomFunctionsAreSeededAndHaveTheirSpread() {
    StringBuilder sb = new StringBuilder("r\n.options seed=7\n");
    int n = 400;
    for (int i = 0; i < n; i++) {
      sb.append(".param p").append(i).append("=agauss(1k, 60, 3)\n");
      sb.append("r").append(i).append(" a 0 {p").append(i).append("}\n");
    }
    sb.append("v1 a 0 1\n.op\n");
    double[] a = values(sb.toString(), n);
    double[] b = values(sb.toString(), n);
    assertThat(a).containsExactly(b);
    double mean = java.util.Arrays.stream(a).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(a).map(x -> (x - mean) * (x - mean)).sum() / (n - 1));
    assertThat(mean).isCloseTo(1000, within(4 * 20 / Math.sqrt(n)));
    assertThat(sd).isCloseTo(20, within(3.0));
    double[] other = values(sb.toString().replace("seed=7", "seed=8"), n);
    assertThat(other).isNotEqualTo(a);
  }

  private static double[] values(String net, int n) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(net, "r.cir");
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = ((org.neuristor.circuit.element.Resistor) c.circuit().element("r" + i)).ohms();
    }
    return v;
  }

  @Test
  void userFunctionErrorsNameTheCall() {
    assertThatThrownBy(() -> CircuitCompiler.compile("f\n.func f(x) = {f(x)+1}\n.param a={f(2)}\nv1 a 0 {a}\nr1 a 0 1\n.op\n",
        "f.cir")).isInstanceOf(NetlistException.class).hasMessageContaining("recursive user function f()");
    assertThatThrownBy(() -> CircuitCompiler.compile("f\n.func g(x, y) = {x+y}\nv1 a 0 {g(1)}\nr1 a 0 1\n.op\n",
        "f.cir")).isInstanceOf(NetlistException.class).hasMessageContaining("g() takes 2 arguments, got 1")
        .hasMessageStartingWith("f.cir:3:");
    assertThatThrownBy(() -> CircuitCompiler.compile("f\nv1 a 0 1\nr1 a 0 1\nb1 b 0 v=agauss(v(a), 1, 3)\nr2 b 0 1\n.op\n",
        "f.cir")).isInstanceOf(NetlistException.class).hasMessageContaining("constant arguments");
  }

  @Test
  void nintRoundsHalfToEven() {
    Trace t = run("n\nv1 a 0 2.5\nb1 b 0 v=nint(v(a)) + nint(-1.5)\nrb b 0 1\n.op\n", "v(b)");
    assertThat(t.get("v(b)")[0]).isEqualTo(0.0);
  }
}
