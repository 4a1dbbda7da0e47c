package org.neuristor.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuristor.device.SynapseDevice;

/** STDP window of {@link StdpCrossbar} against the pair-based rule's analytic form. */
class StdpCrossbarTest {
  static final double DT = 1e-4;
  static final double TAU_P = 20e-3;
  static final double TAU_M = 30e-3;

  /** A linear (huge A), noiseless device with 2,000 levels, so conductance change = pulses x step. */
  static final SynapseDevice.Params LINEAR = new SynapseDevice.Params(1e-9, 3e-9, 2000, 2000, 1e12, -1e12, 0, 0, 0, 0);

  /** Change in pulses of one pair at lag dtSteps (t_post - t_pre), from mid-range. */
  static double pairChange(int lagSteps, SynapseDevice.Params p, double aPlus, double aMinus) {
    StdpCrossbar s = new StdpCrossbar(1, 1, p, TAU_P, TAU_M, aPlus, aMinus, 1);
    SynapseDevice d = s.device(0, 0);
    d.setConductance(0.5 * (p.gMinSiemens() + p.gMaxSiemens()));
    double g0 = d.conductance();
    int tPre = lagSteps >= 0 ? 0 : -lagSteps;
    int tPost = lagSteps >= 0 ? lagSteps : 0;
    for (int t = 0; t <= Math.max(tPre, tPost); t++) {
      s.step(DT, t == tPre ? new int[] {0} : new int[0], t == tPost ? new int[] {0} : new int[0]);
    }
    double step = (p.gMaxSiemens() - p.gMinSiemens()) / p.levelsLtp();
    return (d.conductance() - g0) / step;
  }

  @Test
  void windowIsTwoExponentialsWithTheirTimeConstants() {
    double aPlus = 200;
    double aMinus = 150;
    for (int lag : new int[] {0, 10, 50, 100, 200, 400}) {
      double dt = lag * DT;
      double expect = Math.floor(aPlus * Math.exp(-dt / TAU_P) + 1e-9);
      assertEquals(expect, pairChange(lag, LINEAR, aPlus, aMinus), 0.05, "pre before post by " + dt);
    }
    for (int lag : new int[] {1, 10, 50, 100, 200, 400}) {
      double dt = lag * DT;
      double expect = -Math.floor(aMinus * Math.exp(-dt / TAU_M) + 1e-9);
      assertEquals(expect, pairChange(-lag, LINEAR, aPlus, aMinus), 0.05, "post before pre by " + dt);
    }
    // decay: ratio at lags one tau apart = e^-1 (within the 1-pulse quantization of 200 pulses)
    double r = pairChange(200, LINEAR, aPlus, aMinus) / pairChange(0, LINEAR, aPlus, aMinus);
    assertEquals(Math.exp(-1), r, 1.0 / 200 * 2);
  }

  @Test
  void neuroSimDeviceKeepsTheSignsAndWeakensWithLag() {
    SynapseDevice.Params p = SynapseDevice.Params.neurosimAgSi().withoutNoise();
    double prevUp = Double.MAX_VALUE;
    double prevDown = -Double.MAX_VALUE;
    for (int lag : new int[] {0, 100, 300}) {
      double up = pairChange(lag, p, 10, 10);
      double down = pairChange(-(lag + 1), p, 10, 10);
      assertTrue(up > 0 && up < prevUp, "potentiation " + up + " at lag " + lag);
      assertTrue(down < 0 && down > prevDown, "depression " + down + " at lag " + lag);
      prevUp = up;
      prevDown = down;
    }
  }

  @Test
  void pulsesAreConservedAcrossRepeatedSmallUpdatesAndRunsAreReproducible() {
    double[][] g = new double[2][];
    for (int run = 0; run < 2; run++) {
      StdpCrossbar s = new StdpCrossbar(3, 2, SynapseDevice.Params.neurosimAgSi(), TAU_P, TAU_M, 0.3, 0.2, 77);
      for (int t = 0; t < 2000; t++) {
        s.step(DT, t % 7 == 0 ? new int[] {0, 2} : new int[0], t % 11 == 3 ? new int[] {1} : new int[0]);
      }
      g[run] = new double[] {s.device(0, 1).conductance(), s.device(2, 1).conductance(), s.device(1, 0).conductance(),
          s.pulses(), s.programmingEnergyJoules()};
      assertTrue(s.pulses() > 0);
      // neuron 1 (pre) never spikes and post neuron 0 never spikes: synapse (1, 0) untouched
      assertEquals(SynapseDevice.Params.neurosimAgSi().gMinSiemens(), s.device(1, 0).conductance());
    }
    assertArrayEquals(g[0], g[1]);
  }
}
