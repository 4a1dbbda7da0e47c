package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.DcSweep;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.CurrentSource;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;

/** Electro-thermal NbO2 Mott memristor: contract, physics.md T9, analytic steady-state temperature. */
class MottMemristorTest extends DeviceContractTest {
  @Override
  String type() {
    return "mott";
  }

  @Test
  void t9SCurveMaximumOfTheCurrentControlledSweep() {
    // physics.md 3.2 / T9: voltage maximum 0.859 V at 0.170 mA (1 %)
    Circuit c = Circuit.builder("s-curve")
        .add(new CurrentSource("i1", "0", "a", 0))
        .add(DeviceRegistry.create("mott", "m1", List.of("a", "0"), Map.of("preset", "nbo2"), 1))
        .build();
    MnaSystem sys = new MnaSystem(c);
    Trace t = new DcSweep("i1", 1e-6, 0.6e-3, 1e-7, false).run(sys, List.of("v(a)", "m1.t")).trace();
    double[] v = t.get("v(a)");
    int best = 0;
    for (int k = 0; k < v.length; k++) {
      if (v[k] > v[best]) {
        best = k;
      }
    }
    assertThat(v[best]).isCloseTo(0.859, within(0.01 * 0.859));
    assertThat(t.axis()[best]).isCloseTo(0.170e-3, within(0.01 * 0.170e-3));
  }

  @Test
  void heldBiasReachesTheAnalyticSteadyStateTemperature() {
    double bias = 0.5;
    Circuit c = Circuit.builder("hold")
        .add(new VoltageSource("v1", "a", "0", bias))
        .add(DeviceRegistry.create("mott", "m1", List.of("a", "0"), Map.of("preset", "nbo2"), 1))
        .build();
    MnaSystem sys = new MnaSystem(c);
    TransientAnalysis.Result r = new TransientAnalysis(1e-10, 50e-9, 0, Double.NaN, true).run(sys, List.of("m1.t"));
    double simulated = r.trace().get("m1.t")[r.trace().size() - 1];
    // analytic: v^2 G(T) = (T - T_amb)/R_th, solved by bisection on the device's own G(T)
    MottMemristor m = (MottMemristor) c.element("m1");
    double lo = 300;
    double hi = 1060;
    double[] w = new double[4];
    for (int k = 0; k < 200; k++) {
      double mid = 0.5 * (lo + hi);
      double g = bias * bias * m.conductance(mid, w) - (mid - 300) / 5e6;
      if (g > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    assertThat(simulated).isCloseTo(0.5 * (lo + hi), within(1e-3));
    assertThat(simulated).isGreaterThan(310.0);
  }

  @Test
  void t9PulseOnDelayAndSwitchingEnergy() {
    // physics.md 3.2 / T9: 1.5 V through 1 kOhm, switched when T > T_c - 2w = 1060 K: 0.48 ns, 112 fJ (5 %)
    double[] r = pulse(1.5);
    assertThat(r[0]).isCloseTo(0.48e-9, within(0.05 * 0.48e-9));
    assertThat(r[1]).isCloseTo(112e-15, within(0.05 * 112e-15));
  }

  /** {on-delay, energy dissipated in the device before switching} for a step of the given amplitude. */
  static double[] pulse(double amp) {
    Circuit c = Circuit.builder("pulse")
        .add(new VoltageSource("v1", "in", "0", new Waveform.Pwl(new double[] {0, 1e-13, 1}, new double[] {0, amp, amp})))
        .add(new Resistor("r1", "in", "a", 1e3))
        .add(DeviceRegistry.create("mott", "m1", List.of("a", "0"), Map.of("preset", "nbo2"), 1))
        .build();
    MnaSystem sys = new MnaSystem(c);
    Trace t = new TransientAnalysis(1e-12, 2e-9, 0, 1e-12, false).run(sys, List.of("v(in)", "v(a)", "m1.t")).trace();
    double[] time = t.axis();
    double[] temp = t.get("m1.t");
    double[] vin = t.get("v(in)");
    double[] va = t.get("v(a)");
    double energy = 0;
    for (int k = 1; k < time.length; k++) {
      double p0 = va[k - 1] * (vin[k - 1] - va[k - 1]) / 1e3;
      double p1 = va[k] * (vin[k] - va[k]) / 1e3;
      if (temp[k] >= 1060) {
        double f = (1060 - temp[k - 1]) / (temp[k] - temp[k - 1]);
        double tc = time[k - 1] + f * (time[k] - time[k - 1]);
        energy += 0.5 * (p0 + p0 + f * (p1 - p0)) * (tc - time[k - 1]);
        return new double[] {tc, energy};
      }
      energy += 0.5 * (p0 + p1) * (time[k] - time[k - 1]);
    }
    return new double[] {Double.NaN, energy};
  }
}
