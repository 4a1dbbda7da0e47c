package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.BehavioralSource.Probe;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;

/**
 * The 1TS-1C leaky integrate-and-fire neuron of physics.md section 4.1 with the threshold switch
 * written as behavioural sources (state x integrated on a 1 F capacitor), as a user would write it
 * for ngspice. Checks the engine on abrupt threshold switching: the inter-spike interval at
 * V_in = 2 V must be physics.md's 7.07 us (Radau reference, T12) within 1%.
 */
class TsLifBehavioralTest {
  static final double VTH = 1.0;
  static final double VHOLD = 0.6;
  static final double GON = 1 / 1e3;
  static final double GOFF = 1 / 1e6;
  static final double TAU_ON = 10e-9;
  static final double TAU_OFF = 100e-9;
  static final double DELTA = 2e-3;
  static final double EPS = 0.02;

  static double sig(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** dx/dt of TS-A with analytic gradient over inputs (v across the device, x). */
  static final BehavioralSource.Function STATE = (in, t, g) -> {
    double v = in[0];
    double x = in[1];
    double sgn = Math.signum(v);
    double z = (Math.abs(v) - VTH + (VTH - VHOLD) * x) / DELTA;
    double xi = sig(z);
    double dS = xi * (1 - xi);
    double dxiDv = dS * sgn / DELTA;
    double dxiDx = dS * (VTH - VHOLD) / DELTA;
    double w = (xi - x) / EPS;
    double s2 = sig(w);
    double dS2 = s2 * (1 - s2);
    double tau = TAU_OFF + (TAU_ON - TAU_OFF) * s2;
    double dtauDxi = (TAU_ON - TAU_OFF) * dS2 / EPS;
    double dtauDxDirect = -(TAU_ON - TAU_OFF) * dS2 / EPS;
    double num = xi - x;
    g[0] = (dxiDv * tau - num * dtauDxi * dxiDv) / (tau * tau);
    g[1] = ((dxiDx - 1) * tau - num * (dtauDxi * dxiDx + dtauDxDirect)) / (tau * tau);
    return num / tau;
  };

  /** Device current G(x) v. */
  static final BehavioralSource.Function CURRENT = (in, t, g) -> {
    double v = in[0];
    double x = in[1];
    double gx = GOFF + x * (GON - GOFF);
    g[0] = gx;
    g[1] = (GON - GOFF) * v;
    return gx * v;
  };

  static Circuit neuron(double vin) {
    return Circuit.builder("1TS-1C LIF").add(new VoltageSource("vin", "in", "0", vin))
        .add(new Resistor("rin", "in", "m", 20e3)).add(new Capacitor("cm", "m", "0", 1e-9))
        .add(new BehavioralSource("bts", "m", "o", false, List.of(Probe.voltage("m", "o"), Probe.voltage("x")),
            CURRENT, "(gOff + V(x)*(gOn-gOff))*V(m,o)"))
        .add(new Resistor("rout", "o", "0", 100))
        .add(new Capacitor("cx", "x", "0", 1.0))
        .add(new BehavioralSource("bx", "0", "x", false, List.of(Probe.voltage("m", "o"), Probe.voltage("x")),
            STATE, "(xinf-x)/tau"))
        .build();
  }

  @Test
  void interSpikeIntervalAtTwoVolts() {
    TransientAnalysis.Result res = new TransientAnalysis(20e-9, 100e-6, 0, Double.NaN, true)
        .run(new MnaSystem(neuron(2.0)), List.of("v(m)", "v(x)", "v(o)"));
    List<Double> spikes = SwitchOscillatorTest.risingCrossings(res.trace(), "v(x)", 0.5);
    assertThat(spikes.size()).isGreaterThan(8);
    assertThat(spikes.get(0)).isCloseTo(13.81e-6, org.assertj.core.data.Percentage.withPercentage(1));
    double isi = (spikes.get(spikes.size() - 1) - spikes.get(3)) / (spikes.size() - 4);
    assertThat(isi).isCloseTo(7.07e-6, org.assertj.core.data.Percentage.withPercentage(1));
    // Membrane swings between the apparent hold and threshold voltages (physics.md: 0.626-0.991 V).
    double[] t = res.trace().axis();
    double[] vm = res.trace().get("v(m)");
    double lo = 9;
    double hi = -9;
    for (int i = 0; i < t.length; i++) {
      if (t[i] > spikes.get(2)) {
        lo = Math.min(lo, vm[i]);
        hi = Math.max(hi, vm[i]);
      }
    }
    assertThat(lo).isCloseTo(0.626, org.assertj.core.data.Offset.offset(0.01));
    assertThat(hi).isCloseTo(0.991, org.assertj.core.data.Offset.offset(0.01));
  }
}
