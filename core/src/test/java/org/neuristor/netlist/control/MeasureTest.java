package org.neuristor.netlist.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Measurements on analytic signals (DERIV, which ngspice-39 does not support, and the interval functions). */
class MeasureTest {

  /** sin(2 pi t) on a non-uniform grid of 2001 points over one second. */
  static Plot sine() {
    int n = 2001;
    double[] t = new double[n];
    double[] y = new double[n];
    for (int k = 0; k < n; k++) {
      double u = (double) k / (n - 1);
      t[k] = u + 0.2 * u * (1 - u) * Math.sin(7 * u);
      y[k] = Math.sin(2 * Math.PI * t[k]);
    }
    Plot p = new Plot("tran1", "tran", "sine", "time");
    p.add(Vec.real("time", t));
    p.add(Vec.real("v(x)", y));
    return p;
  }

  static double value(String spec) {
    Measurement m = Measure.parse(spec).evaluate(sine(), n -> null);
    assertThat(m.failure()).as(spec).isNull();
    return m.value();
  }

  @Test
  void derivativeAtATimeAndAtAnEvent() {
    assertThat(value("tran d deriv v(x) at=0.3")).isCloseTo(2 * Math.PI * Math.cos(2 * Math.PI * 0.3), within(1e-3));
    // the second time v(x) = 0.5 rising is t = 1/12 + 1 ... only one period: first rising crossing at 1/12
    assertThat(value("tran d deriv v(x) when v(x)=0.5 rise=1")).isCloseTo(2 * Math.PI * Math.cos(Math.PI / 6), within(1e-3));
  }

  @Test
  void intervalFunctionsMatchTheirIntegrals() {
    assertThat(value("tran a avg v(x) from=0 to=0.25")).isCloseTo(2 / Math.PI, within(1e-5));
    assertThat(value("tran i integ v(x) from=0 to=0.5")).isCloseTo(1 / Math.PI, within(1e-5));
    assertThat(value("tran r rms v(x)")).isCloseTo(Math.sqrt(0.5), within(1e-5));
    assertThat(value("tran p pp v(x)")).isCloseTo(2, within(1e-4));
    assertThat(value("tran m max_at v(x)")).isCloseTo(0.25, within(1e-3));
    assertThat(value("tran w when v(x)=0 fall=1")).isCloseTo(0.5, within(1e-6));
    assertThat(value("tran f find v(x) when v(x)=0.5 cross=2")).isCloseTo(0.5, within(1e-6));
  }

  @Test
  void anEventThatNeverHappensIsAFailureNotANumber() {
    Measurement m = Measure.parse("tran w when v(x)=2").evaluate(sine(), n -> null);
    assertThat(m.value()).isNull();
    assertThat(m.failure()).contains("never happens");
    Measurement late = Measure.parse("tran f find v(x) at=3").evaluate(sine(), n -> null);
    assertThat(late.value()).isNull();
  }
}
