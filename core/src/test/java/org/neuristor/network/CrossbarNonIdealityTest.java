package org.neuristor.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.neuristor.device.PulseProgrammedSynapse;

/** Crossbar non-idealities against their definitions (physics.md 3.8c, 4.7) and seed determinism. */
class CrossbarNonIdealityTest {
  static final PulseProgrammedSynapse.Params NS = PulseProgrammedSynapse.Params.neurosimAgSi();

  static PulseProgrammedSynapse.Params dev(int levels, double c2c, double d2d, double on, double off) {
    return new PulseProgrammedSynapse.Params(NS.gMinSiemens(), NS.gMaxSiemens(), levels, levels,
        NS.aLtp() * levels / 97.0, NS.aLtd() * levels / 100.0, c2c, d2d, on, off);
  }

  static double[] ramp(int n) {
    double[] w = new double[n];
    for (int q = 0; q < n; q++) {
      w[q] = -1 + 2.0 * q / (n - 1);
    }
    return w;
  }

  /**
   * {@code --synapse ideal --c2c 0.3} is the linear ideal device with that noise; it used to return the exact ideal
   * crossbar (null), so the option was silently ignored unless --levels, --d2d or --stuck came with it.
   */
  @Test
  void idealSynapseTakesTheAskedCycleToCycleNoise() {
    PulseProgrammedSynapse.Params p = PulseProgrammedSynapse.device("ideal", 0, -1, -1, 0.3);
    assertTrue(p != null, "ideal with c2c 0.3 is a device");
    assertEquals(0.3, p.sigmaC2C());
    assertEquals(1000, p.levelsLtp());
    assertEquals(0.0, p.sigmaD2D());
    assertEquals(0.0, p.pStuckOn() + p.pStuckOff());
    assertEquals(PulseProgrammedSynapse.device("ideal", 1000, -1, -1, 0.3), p);
    assertTrue(PulseProgrammedSynapse.device("ideal", 0, -1, -1, null) == null);
    assertTrue(PulseProgrammedSynapse.device("ideal", 0, -1, -1, 0.0) == null);
  }

  @Test
  void idealCrossbarReproducesWeightsExactly() {
    Crossbar c = new Crossbar(10, 20, null, 1);
    double[] w = ramp(200);
    c.program(w, 1.0);
    for (int q = 0; q < w.length; q++) {
      assertEquals(w[q], c.weight(q), 1e-12);
    }
  }

  @Test
  void noiselessDeviceLandsOnItsLevelsOfTheNonLinearCurve() {
    int levels = 8;
    PulseProgrammedSynapse.Params p = dev(levels, 0, 0, 0, 0);
    Crossbar c = new Crossbar(50, 40, p, 3).verifyIterations(0);
    c.program(ramp(2000), 1.0);
    double a = p.aLtp();
    double b = PulseProgrammedSynapse.curveB(p, a, levels);
    TreeSet<Long> seen = new TreeSet<>();
    double range = p.gMaxSiemens() - p.gMinSiemens();
    for (int q = 0; q < 2000; q++) {
      double u = Math.abs(c.weight(q));
      // the conductance of the non-zero side must be G(P) = B(1 - exp(-P/A)) + G_min for an integer P
      double pulses = -a * Math.log(1 - u * range / b);
      long k = Math.round(pulses);
      assertEquals(k, pulses, 1e-6, "weight " + q + " off the level curve");
      seen.add(k);
    }
    // every level 0..levels is used by a uniform ramp of weights, none beyond
    assertEquals(levels + 1, seen.size());
    assertEquals(levels, seen.last());
  }

  @Test
  void quantizationErrorShrinksWithLevels() {
    double[] w = ramp(4000);
    double prev = Double.MAX_VALUE;
    for (int levels : new int[] {4, 16, 64, 256}) {
      Crossbar c = new Crossbar(40, 100, dev(levels, 0, 0, 0, 0), 7);
      c.program(w, 1.0);
      double se = 0;
      for (int q = 0; q < w.length; q++) {
        se += Math.pow(c.weight(q) - w[q], 2);
      }
      double rms = Math.sqrt(se / w.length);
      assertTrue(rms < prev, "rms " + rms + " at " + levels + " levels");
      // at most one non-uniform level step: largest step of the curve is its first, dG/dP at P = 0
      double firstStep = (1 - Math.exp(-1 / dev(levels, 0, 0, 0, 0).aLtp()))
          / (1 - Math.exp(-levels / dev(levels, 0, 0, 0, 0).aLtp()));
      assertTrue(rms < firstStep / 2, "rms " + rms + " > half a step " + firstStep / 2);
      prev = rms;
    }
  }

  @Test
  void stuckFractionsMatchTheirProbabilitiesAndPinConductances() {
    int rows = 100;
    int cols = 100;
    PulseProgrammedSynapse.Params p = dev(97, 0.035, 0, 0.03, 0.05);
    Crossbar c = new Crossbar(rows, cols, p, 11);
    int n = 2 * rows * cols;
    int[] s = c.stuckCounts();
    // binomial(20000, p): 4 sigma bounds
    assertEquals(0.03 * n, s[0], 4 * Math.sqrt(n * 0.03 * 0.97));
    assertEquals(0.05 * n, s[1], 4 * Math.sqrt(n * 0.05 * 0.95));
    c.program(ramp(rows * cols), 1.0);
    double[] g = c.conductances();
    int atMax = 0;
    for (double v : g) {
      atMax += v == p.gMaxSiemens() ? 1 : 0;
    }
    // stuck-on devices stay at G_max whatever their target; programmed ones reach G_max only for |w| = 1
    assertTrue(atMax >= s[0], atMax + " devices at G_max, " + s[0] + " stuck on");
  }

  @Test
  void deviceToDeviceSpreadHasTheAskedRelativeSigma() {
    double sigma = 0.2;
    PulseProgrammedSynapse.Params p = dev(97, 0, sigma, 0, 0);
    Crossbar c = new Crossbar(100, 100, p, 5);
    double[] w = new double[10000];
    java.util.Arrays.fill(w, 1.0); // every G+ programmed to full range: G_min + range_d (G_max - G_min)
    c.program(w, 1.0);
    double m = 0;
    double m2 = 0;
    int n = 0;
    for (int q = 0; q < w.length; q++) {
      double r = c.weight(q); // = range_d (capped at 1 by the device's G_max)
      m += r;
      m2 += r * r;
      n++;
    }
    m /= n;
    double sd = Math.sqrt(m2 / n - m * m);
    // range_d = 1 + sigma z capped at G_max (z > 0 half clipped to 1): E = 1 - sigma/sqrt(2 pi)
    assertEquals(1 - sigma / Math.sqrt(2 * Math.PI), m, 0.01);
    // and sd of min(1 + sigma z, 1) = sigma sqrt(1/2 - 1/(2 pi))
    assertEquals(sigma * Math.sqrt(0.5 - 0.5 / Math.PI), sd, 0.01);
  }

  @Test
  void writeVerifyReducesProgrammingErrorUnderCycleToCycleNoise() {
    double[] w = ramp(5000);
    double[] rms = new double[2];
    for (int v = 0; v < 2; v++) {
      Crossbar c = new Crossbar(50, 100, NS, 9).verifyIterations(v == 0 ? 0 : 5);
      c.program(w, 1.0);
      double se = 0;
      for (int q = 0; q < w.length; q++) {
        se += Math.pow(c.weight(q) - w[q], 2);
      }
      rms[v] = Math.sqrt(se / w.length);
    }
    // measured (seed 9): 0.125 open loop, 0.083 with 5 iterations; floor ~ one c2c sigma (0.035) per device
    // open loop: c2c accumulates as sigma sqrt(n) over up to 97 pulses (rms several % of range)
    assertTrue(rms[0] > 0.1, "open-loop rms " + rms[0]);
    assertTrue(rms[1] < 0.75 * rms[0], "verify rms " + rms[1] + " vs open loop " + rms[0]);
  }

  @Test
  void sameSeedSameConductancesBitForBitAndDifferentSeedDiffers() {
    PulseProgrammedSynapse.Params p = dev(97, 0.035, 0.1, 0.01, 0.01);
    double[] w = ramp(3000);
    Crossbar a = new Crossbar(30, 100, p, 42);
    Crossbar b = new Crossbar(30, 100, p, 42);
    Crossbar d = new Crossbar(30, 100, p, 43);
    a.program(w, 1.0);
    b.program(w, 1.0);
    d.program(w, 1.0);
    assertArrayEquals(a.conductances(), b.conductances());
    assertEquals(a.pulses(), b.pulses());
    assertEquals(a.programmingEnergyJoules(), b.programmingEnergyJoules());
    assertTrue(!java.util.Arrays.equals(a.conductances(), d.conductances()));
  }
}
