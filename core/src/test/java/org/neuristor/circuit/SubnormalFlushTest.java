package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;
import org.neuristor.netlist.CircuitCompiler;

/**
 * A node decaying toward exactly 0 V reaches the subnormal doubles after some 709 time constants (slow on x86): the
 * transient sets accepted values below 2^-960 to zero, and a run that never goes below that bound is bit for bit the
 * same as without the flush.
 */
class SubnormalFlushTest {
  /** Two RC sections (tau = 1 us) and a diode, discharging with no source after 1 us, over some 2000 tau. */
  private static String netlist(String method, String end) {
    return "rc discharge\n.options method=" + method + "\nv1 in 0 pwl(0 1 1u " + end + ")\nr1 in a 1k\nc1 a 0 1n\n"
        + "r2 a b 1k\nc2 b 0 1n\nd1 b 0 dm\n.model dm d(is=1e-14)\n.tran 0.5u 2m\n.end\n";
  }

  private static TransientAnalysis.Result run(String text, boolean flush) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(text, "rc.cir");
    return new TransientAnalysis(0.5e-6, 2e-3).flushTiny(flush).run(new MnaSystem(c.circuit()), List.of());
  }

  private static boolean subnormal(double x) {
    return x != 0 && Math.abs(x) < Double.MIN_NORMAL;
  }

  /** Values of the trace (every accepted point) and of the final state that are subnormal. */
  private static long subnormals(TransientAnalysis.Result r) {
    long k = 0;
    for (String name : r.trace().names()) {
      for (double v : r.trace().get(name)) {
        k += subnormal(v) ? 1 : 0;
      }
    }
    for (double v : r.finalState()) {
      k += subnormal(v) ? 1 : 0;
    }
    return k;
  }

  /** The smallest nonzero magnitude in the trace. */
  private static double smallest(Trace t) {
    double m = Double.POSITIVE_INFINITY;
    for (String name : t.names()) {
      for (double v : t.get(name)) {
        if (v != 0) {
          m = Math.min(m, Math.abs(v));
        }
      }
    }
    return m;
  }

  @Test
  void aLongDischargeLeavesNoSubnormalValue() {
    for (String method : List.of("gear", "trap", "euler")) {
      String text = netlist(method, "0");
      if (!method.equals("euler")) { // backward Euler's run of this netlist happens to reach exact zeros without
        assertThat(subnormals(run(text, false))).as("without the flush, %s", method).isPositive();
      }
      TransientAnalysis.Result r = run(text, true);
      assertThat(subnormals(r)).as(method).isZero();
      assertThat(r.finalState()).as(method).containsOnly(0.0);
    }
  }

  @Test
  void aRunAboveTheBoundIsBitIdenticalWithAndWithoutTheFlush() {
    for (String method : List.of("gear", "trap", "euler")) {
      String text = netlist(method, "1m"); // settles at 1 mV, far above the bound
      TransientAnalysis.Result off = run(text, false);
      TransientAnalysis.Result on = run(text, true);
      assertThat(smallest(off.trace())).as(method).isGreaterThanOrEqualTo(IntegrationHistory.TINY);
      assertThat(on.accepted()).isEqualTo(off.accepted());
      assertThat(on.rejected()).isEqualTo(off.rejected());
      assertThat(on.iterations()).isEqualTo(off.iterations());
      assertThat(on.trace().names()).isEqualTo(off.trace().names());
      assertThat(on.trace().axis()).isEqualTo(off.trace().axis());
      for (String name : off.trace().names()) {
        double[] a = on.trace().get(name);
        double[] b = off.trace().get(name);
        assertThat(a.length).isEqualTo(b.length);
        for (int i = 0; i < a.length; i++) {
          assertThat(Double.doubleToRawLongBits(a[i])).as("%s %s[%d]", method, name, i)
              .isEqualTo(Double.doubleToRawLongBits(b[i]));
        }
      }
    }
  }

  @Test
  void theFlushKeepsZerosAndLargerValuesAsTheyAre() {
    double tiny = IntegrationHistory.TINY;
    double[] in = {0.0, -0.0, tiny, -tiny, Math.nextDown(tiny), -Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, -1e-300,
        Double.NaN, Double.NEGATIVE_INFINITY};
    double[] out = {0.0, -0.0, tiny, -tiny, 0.0, -0.0, 0.0, 1.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < in.length; i++) {
      assertThat(Double.doubleToRawLongBits(IntegrationHistory.zeroIfTiny(in[i]))).as("%s", in[i])
          .isEqualTo(Double.doubleToRawLongBits(out[i]));
    }
  }
}
