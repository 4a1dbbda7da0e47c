package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * physics.md T6: the 20 firing patterns of Izhikevich (IEEE TNN 15, 1063 (2004)) with the protocols
 * of the author's figure1.m (Table 2.5-A) reproduce Table 2.5-B: spike counts exactly and the listed
 * spike times within one time step.
 */
class IzhikevichPatternsTest {

  static boolean in(double t, double a, double b) {
    return t > a && t < b;
  }

  static Arguments p(String id, double a, double b, double c, double d, double v0, double u0, double tau, double tMax,
      String variant, DoubleUnaryOperator stim, int count, double... times) {
    return Arguments.of(id, new Izhikevich(a, b, c, d, variant), v0, u0, tau, tMax, stim, count, times);
  }

  static Stream<Arguments> patterns() {
    double nan = Double.NaN;
    double l1 = 100.0 / 11;
    return Stream.of(
        p("A tonic spiking", 0.02, 0.2, -65, 6, -70, nan, 0.25, 100, "", t -> t > 10 ? 14 : 0, 5,
            13.0, 17.0, 31.5, 59.25, 86.75),
        p("B phasic spiking", 0.02, 0.25, -65, 6, -64, nan, 0.25, 200, "", t -> t > 20 ? 0.5 : 0, 1, 43.75),
        p("C tonic bursting", 0.02, 0.2, -50, 2, -70, nan, 0.25, 220, "", t -> t > 22 ? 15 : 0, 28, 25.0),
        p("D phasic bursting", 0.02, 0.25, -55, 0.05, -64, nan, 0.2, 200, "", t -> t > 20 ? 0.6 : 0, 6,
            39.0, 42.8, 47.0, 51.8, 57.6, 67.2),
        p("E mixed mode", 0.02, 0.2, -55, 4, -70, nan, 0.25, 160, "", t -> t > 16 ? 10 : 0, 6,
            20.0, 22.75, 27.25, 67.0, 99.25, 131.5),
        p("F spike-frequency adaptation", 0.01, 0.2, -65, 8, -70, nan, 0.25, 85, "", t -> t > 8.5 ? 30 : 0, 6,
            10.25, 12.25, 15.0, 19.75, 42.5, 71.5),
        p("G class 1 excitable", 0.02, -0.1, -55, 6, -60, nan, 0.25, 300, "class1",
            t -> t > 30 ? 0.075 * (t - 30) : 0, 10, 84.5, 125.0, 155.75, 181.0, 203.5, 223.75, 242.0, 259.25,
            275.5, 290.5),
        p("H class 2 excitable", 0.2, 0.26, -65, 0, -64, nan, 0.25, 300, "",
            t -> t > 30 ? -0.5 + 0.015 * (t - 30) : -0.5, 14, 105.75, 126.5, 145.25, 162.25, 178.0, 192.75, 206.75),
        p("I spike latency", 0.02, 0.2, -65, 6, -70, nan, 0.2, 100, "", t -> in(t, 10, 13) ? 7.04 : 0, 1, 26.6),
        p("J subthreshold oscillations", 0.05, 0.26, -60, 0, -62, nan, 0.25, 200, "", t -> in(t, 20, 25) ? 2 : 0, 1,
            26.5),
        p("K resonator", 0.1, 0.26, -60, -1, -62, nan, 0.25, 400, "",
            t -> in(t, 40, 44) || in(t, 60, 64) || in(t, 280, 284) || in(t, 320, 324) ? 0.65 : 0, 1, 338.0),
        p("L integrator", 0.02, -0.1, -55, 6, -60, nan, 0.25, 100, "class1",
            t -> in(t, l1, l1 + 2) || in(t, l1 + 5, l1 + 7) || in(t, 70, 72) || in(t, 80, 82) ? 9 : 0, 1, 20.0),
        p("M rebound spike", 0.03, 0.25, -60, 4, -64, nan, 0.2, 200, "", t -> in(t, 20, 25) ? -15 : 0, 1, 68.0),
        p("N rebound burst", 0.03, 0.25, -52, 0, -64, nan, 0.2, 200, "", t -> in(t, 20, 25) ? -15 : 0, 7,
            68.0, 71.0, 74.2, 77.8, 81.8, 86.4, 92.2),
        p("O threshold variability", 0.03, 0.25, -60, 4, -64, nan, 0.25, 100, "",
            t -> in(t, 10, 15) || in(t, 80, 85) ? 1 : in(t, 70, 75) ? -6 : 0, 1, 93.25),
        p("P bistability", 0.1, 0.26, -60, 0, -61, nan, 0.25, 300, "",
            t -> in(t, 37.5, 42.5) || in(t, 216, 221) ? 1.24 : 0.24, 5, 45.25, 86.0, 126.5, 167.25, 208.0),
        p("Q depolarizing after-potential", 1, 0.2, -60, -21, -70, nan, 0.1, 50, "",
            t -> Math.abs(t - 10) < 1 ? 20 : 0, 1, 11.3),
        p("R accommodation", 0.02, 1, -55, 4, -65, -16, 0.5, 400, "accommodation",
            t -> t < 200 ? t / 25 : t < 300 ? 0 : t < 312.5 ? (t - 300) / 12.5 * 4 : 0, 1, 311.5),
        p("S inhibition-induced spiking", -0.02, -1, -60, 8, -63.8, nan, 0.5, 350, "",
            t -> t < 50 || t > 250 ? 80 : 75, 3, 94.5, 166.0, 236.0),
        p("T inhibition-induced bursting", -0.026, -1, -45, -2, -63.8, nan, 0.5, 350, "",
            t -> t < 50 || t > 250 ? 80 : 75, 12, 86.5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patterns")
  void reproducesTable25B(String id, Izhikevich model, double v0, double u0, double tau, double tMax,
      DoubleUnaryOperator stim, int count, double[] times) {
    double[] sp = model.run(v0, u0, tau, tMax, stim);
    assertThat(sp).as(id).hasSize(count);
    for (int k = 0; k < times.length; k++) {
      assertThat(sp[k]).as("%s spike %d", id, k).isCloseTo(times[k], Offset.offset(tau + 1e-9));
    }
  }
}
