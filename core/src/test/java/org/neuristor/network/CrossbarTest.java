package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.neuristor.device.PulseProgrammedSynapse;

class CrossbarTest {
  private static final PulseProgrammedSynapse.Params NS = PulseProgrammedSynapse.Params.neurosimAgSi();

  private static PulseProgrammedSynapse.Params with(double c2c, double d2d, double on, double off) {
    return new PulseProgrammedSynapse.Params(NS.gMinSiemens(), NS.gMaxSiemens(), NS.levelsLtp(), NS.levelsLtd(), NS.aLtp(),
        NS.aLtd(), c2c, d2d, on, off);
  }

  @Test
  void noiseFreeProgrammingLandsOnTheLevelsOfTheNonLinearCurve() {
    Crossbar xb = new Crossbar(100, 50, with(0, 0, 0, 0), 3);
    double[] w = new double[5000];
    for (int q = 0; q < w.length; q++) {
      w[q] = (q % 2 == 0 ? 1 : -1) * q / (double) w.length;
    }
    xb.program(w, 1.0);
    TreeSet<Double> levels = new TreeSet<>();
    for (double g : xb.conductances()) {
      levels.add(g);
    }
    // 97 LTP pulses: G_min plus 97 distinct conductances
    assertThat(levels).hasSize(98);
    assertThat(levels.first()).isEqualTo(NS.gMinSiemens());
    assertThat(levels.last()).isCloseTo(NS.gMaxSiemens(), within(1e-18));
    // physics.md 3.8c: after 48 pulses from G_min the device is at 0.7270 of the range
    double range = NS.gMaxSiemens() - NS.gMinSiemens();
    double expected48 = NS.gMinSiemens() + 0.7270 * range;
    assertThat(levels.stream().anyMatch(g -> Math.abs(g - expected48) < 2e-4 * range)).isTrue();
    // the signed weight of each pair is within half the largest level step, B/A at P = 0, of the target
    double halfStep = 0.5 / (NS.aLtp() * (1 - Math.exp(-NS.levelsLtp() / NS.aLtp())));
    for (int q = 0; q < w.length; q++) {
      assertThat(xb.weight(q)).isCloseTo(w[q], within(halfStep + 1e-9));
    }
  }

  @Test
  void idealCrossbarIsExact() {
    Crossbar xb = new Crossbar(3, 2, null, 1);
    double[] w = {0.5, -0.25, 1, 0, -1, 0.125};
    xb.program(w, 2.0);
    for (int q = 0; q < w.length; q++) {
      assertThat(xb.weight(q)).isCloseTo(w[q] / 2, within(1e-12));
    }
  }

  @Test
  void stuckFractionsFollowTheBinomial() {
    int rows = 200;
    int cols = 100;
    int n = 2 * rows * cols;
    Crossbar xb = new Crossbar(rows, cols, with(0, 0, 0.03, 0.02), 9);
    int[] s = xb.stuckCounts();
    assertThat((double) s[0]).isCloseTo(0.03 * n, within(4 * Math.sqrt(n * 0.03 * 0.97)));
    assertThat((double) s[1]).isCloseTo(0.02 * n, within(4 * Math.sqrt(n * 0.02 * 0.98)));
    // stuck devices keep their state whatever is programmed
    double[] w = new double[rows * cols];
    Arrays.fill(w, 0.5);
    xb.program(w, 1);
    long atMax = Arrays.stream(xb.conductances()).filter(g -> g == NS.gMaxSiemens()).count();
    assertThat(atMax).isEqualTo(s[0]);
  }

  @Test
  void deviceToDeviceSpreadMatchesFirstOrderPropagation() {
    double sigma = 0.1;
    Crossbar xb = new Crossbar(200, 100, with(0, sigma, 0, 0), 5);
    int n = xb.rows() * xb.cols();
    double[] w = new double[n];
    // target 0.727 of the range = 48 pulses on the nominal curve
    Arrays.fill(w, 0.7270);
    xb.program(w, 1);
    double[] rel = new double[n];
    double range = NS.gMaxSiemens() - NS.gMinSiemens();
    double mean = 0;
    for (int q = 0; q < n; q++) {
      rel[q] = (xb.conductances()[2 * q] - NS.gMinSiemens()) / range;
      mean += rel[q] / n;
    }
    double var = 0;
    for (double r : rel) {
      var += (r - mean) * (r - mean) / (n - 1);
    }
    // f(A) = (1 - e^-48/A)/(1 - e^-97/A); G - G_min = range * s_range * f(A s_A):
    // relative sigma ~ sigma sqrt(1 + (d ln f / d ln A)^2)
    double a = NS.aLtp();
    double h = 1e-4;
    double dlnf = (Math.log(f(a * (1 + h))) - Math.log(f(a * (1 - h)))) / (2 * h);
    double expected = sigma * Math.sqrt(1 + dlnf * dlnf);
    assertThat(Math.sqrt(var) / mean).isCloseTo(expected, within(0.1 * expected));
    assertThat(mean).isCloseTo(0.7270, within(0.01));
  }

  private static double f(double a) {
    return (1 - Math.exp(-48 / a)) / (1 - Math.exp(-97 / a));
  }

  @Test
  void sameSeedSameDevicesOtherSeedOtherDevices() {
    PulseProgrammedSynapse.Params p = with(0.035, 0.1, 0.01, 0.01);
    double[] w = new double[40 * 30];
    for (int q = 0; q < w.length; q++) {
      w[q] = Math.sin(q);
    }
    Crossbar a = new Crossbar(40, 30, p, 77);
    Crossbar b = new Crossbar(40, 30, p, 77);
    Crossbar c = new Crossbar(40, 30, p, 78);
    a.program(w, 1);
    b.program(w, 1);
    c.program(w, 1);
    assertThat(a.conductances()).isEqualTo(b.conductances());
    assertThat(a.conductances()).isNotEqualTo(c.conductances());
    assertThat(a.programmingEnergyJoules()).isEqualTo(b.programmingEnergyJoules()).isPositive();
  }
}
