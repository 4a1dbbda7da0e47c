package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/** NbO2 electro-thermal Mott memristor against physics.md 3.2 (checklist T9). */
class MottMemristorTest extends DeviceContractTest {

  @Override
  Element device() {
    return build("mott", Map.of("preset", "nbo2"));
  }

  @Override
  double voltageRange() {
    return 1.5;
  }

  @Override
  double randomState(SplittableRandom r) {
    return 300 + 900 * r.nextDouble();
  }

  static MottMemristor nbo2() {
    return (MottMemristor) build("mott", Map.of("preset", "nbo2"));
  }

  @Test
  void quasiStaticSCurveHasItsVoltageMaximumWherePhysicsMdSays() {
    // Current-controlled steady states: v^2 G(T) = (T - T_amb)/R_th for each T.
    MottMemristor m = nbo2();
    double vMax = 0;
    double iAtMax = 0;
    for (double t = 300.5; t < 1200; t += 0.01) {
      double g = m.conductance(t);
      double v = Math.sqrt((t - m.ambient()) / m.thermalResistance() / g);
      if (v > vMax) {
        vMax = v;
        iAtMax = v * g;
      }
    }
    assertThat(vMax).isCloseTo(0.859, Percentage.withPercentage(1));
    assertThat(iAtMax).isCloseTo(0.170e-3, Percentage.withPercentage(1));
  }

  @Test
  void heldBiasReachesTheAnalyticSteadyStateTemperature() {
    double bias = 0.3;
    CircuitCompiler.Compiled c = CircuitCompiler.compile(
        "held\nv1 a 0 " + bias + "\nn1 a 0 nb\n.model nb mott (preset=nbo2)\n.op\n.end\n", "held.cir");
    double t = Simulation.run(c.circuit(), c.analyses().get(0), List.of("n1.t"), null).trace().get("n1.t")[0];
    MottMemristor m = nbo2();
    double lo = 300;
    double hi = 1000;
    for (int k = 0; k < 200; k++) {
      double mid = 0.5 * (lo + hi);
      double r = bias * bias * m.conductance(mid) - (mid - 300) / m.thermalResistance();
      if (r > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    assertThat(t).isCloseTo(lo, Percentage.withPercentage(0.1));
  }

  @Test
  void pulseThroughOneKiloOhmSwitchesAfterTheComputedDelayAndEnergy() {
    // physics.md T9: 1.5 V through 1 kOhm -> on-delay 0.48 ns and 112 fJ within 5%.
    CircuitCompiler.Compiled c = CircuitCompiler.compile("pulse\nv1 in 0 pwl(0 0 1f 1.5)\nrs in a 1k\n"
        + "n1 a 0 nb\n.model nb mott (preset=nbo2)\n.tran 1p 2n\n.end\n", "pulse.cir");
    Trace tr = Simulation.run(c.circuit(), c.analyses().get(0), List.of("v(a)", "n1.t"), null).trace();
    MottMemristor m = nbo2();
    double[] t = tr.axis();
    double[] v = tr.get("v(a)");
    double[] temp = tr.get("n1.t");
    double switched = m.transitionTemperature() - 2 * 5;
    double energy = 0;
    double delay = Double.NaN;
    for (int i = 1; i < t.length; i++) {
      double p0 = v[i - 1] * v[i - 1] * m.conductance(temp[i - 1]);
      double p1 = v[i] * v[i] * m.conductance(temp[i]);
      if (temp[i] >= switched) {
        double f = (switched - temp[i - 1]) / (temp[i] - temp[i - 1]);
        delay = t[i - 1] + f * (t[i] - t[i - 1]);
        energy += 0.5 * (p0 + p0 + f * (p1 - p0)) * f * (t[i] - t[i - 1]);
        break;
      }
      energy += 0.5 * (p0 + p1) * (t[i] - t[i - 1]);
    }
    assertThat(delay).isCloseTo(0.48e-9, Percentage.withPercentage(5));
    assertThat(energy).isCloseTo(112e-15, Percentage.withPercentage(5));
  }
}
