package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.CurrentSource;
import org.neuristor.circuit.element.Inductor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;

/**
 * Transient results against closed-form solutions, at default tolerances: the maximum error over
 * the whole run, relative to the signal's full scale, must stay below 1e-4.
 */
class AnalyticCircuitTest {

  static Waveform step(double v) {
    // 0 -> v at t = 0 with a 1 ps edge: effectively a step.
    return new Waveform.Pwl(new double[] {0, 1e-12}, new double[] {0, v});
  }

  static double maxRelError(Trace tr, String sig, java.util.function.DoubleUnaryOperator exact, double scale,
      double from) {
    double worst = 0;
    double[] t = tr.axis();
    double[] y = tr.get(sig);
    for (int i = 0; i < t.length; i++) {
      if (t[i] < from) {
        continue;
      }
      worst = Math.max(worst, Math.abs(y[i] - exact.applyAsDouble(t[i])) / scale);
    }
    return worst;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gear", "trap"})
  void rcStepResponse(String method) {
    double r = 1e3;
    double c = 1e-6;
    double tau = r * c;
    Circuit ckt = Circuit.builder("rc").add(new VoltageSource("v1", "in", "0", step(1.0)))
        .add(new Resistor("r1", "in", "out", r)).add(new Capacitor("c1", "out", "0", c))
        .options(SimOptions.DEFAULT.with("method", method)).build();
    TransientAnalysis.Result res = new TransientAnalysis(tau / 100, 10 * tau).run(new MnaSystem(ckt), List.of());
    double err = maxRelError(res.trace(), "v(out)", tt -> tt < 1e-12 ? 0 : 1 - Math.exp(-(tt - 0.5e-12) / tau),
        1.0, 2e-12);
    assertThat(err).isLessThan(1e-4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gear", "trap"})
  void rlStepResponse(String method) {
    double r = 100;
    double l = 1e-3;
    double tau = l / r;
    Circuit ckt = Circuit.builder("rl").add(new VoltageSource("v1", "in", "0", step(1.0)))
        .add(new Resistor("r1", "in", "mid", r)).add(new Inductor("l1", "mid", "0", l))
        .options(SimOptions.DEFAULT.with("method", method)).build();
    TransientAnalysis.Result res = new TransientAnalysis(tau / 100, 10 * tau).run(new MnaSystem(ckt), List.of());
    double iFinal = 1.0 / r;
    double err = maxRelError(res.trace(), "i(l1)", tt -> iFinal * (1 - Math.exp(-(tt - 0.5e-12) / tau)), iFinal,
        2e-12);
    assertThat(err).isLessThan(1e-4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gear", "trap"})
  void rlcRinging(String method) {
    // Series RLC discharging an initially charged capacitor: underdamped ringing.
    double r = 10;
    double l = 1e-3;
    double c = 1e-6;
    double alpha = r / (2 * l);
    double w0 = 1 / Math.sqrt(l * c);
    double wd = Math.sqrt(w0 * w0 - alpha * alpha);
    Circuit ckt = Circuit.builder("rlc").add(new Capacitor("c1", "a", "0", c)).add(new Resistor("r1", "a", "b", r))
        .add(new Inductor("l1", "b", "0", l)).initialCondition("a", 1.0)
        .options(SimOptions.DEFAULT.with("method", method)).build();
    double period = 2 * Math.PI / wd;
    TransientAnalysis.Result res = new TransientAnalysis(period / 1000, 10 * period, 0, Double.NaN, true)
        .run(new MnaSystem(ckt), List.of());
    // v(a)(t) = e^{-alpha t} (cos wd t + alpha/wd sin wd t): frequency from zero crossings, decay from peaks.
    Trace tr = res.trace();
    double[] t = tr.axis();
    double[] v = tr.get("v(a)");
    java.util.List<Double> crossings = new java.util.ArrayList<>();
    java.util.List<double[]> peaks = new java.util.ArrayList<>();
    for (int i = 1; i < t.length - 1; i++) {
      if (v[i - 1] > 0 && v[i] <= 0) {
        crossings.add(t[i - 1] + (t[i] - t[i - 1]) * v[i - 1] / (v[i - 1] - v[i]));
      }
      if (v[i] > v[i - 1] && v[i] >= v[i + 1] && v[i] > 0 && i > 1) {
        peaks.add(parabolaPeak(t[i - 1], v[i - 1], t[i], v[i], t[i + 1], v[i + 1]));
      }
    }
    double measuredPeriod = (crossings.get(crossings.size() - 1) - crossings.get(0)) / (crossings.size() - 1);
    assertThat(Math.abs(measuredPeriod - period) / period).isLessThan(1e-4);
    double[] first = peaks.get(0);
    double[] last = peaks.get(peaks.size() - 1);
    double measuredAlpha = Math.log(first[1] / last[1]) / (last[0] - first[0]);
    assertThat(Math.abs(measuredAlpha - alpha) / alpha).isLessThan(1e-4);
    double err = maxRelError(tr, "v(a)",
        tt -> Math.exp(-alpha * tt) * (Math.cos(wd * tt) + alpha / wd * Math.sin(wd * tt)), 1.0, 0);
    assertThat(err).isLessThan(1e-3);
  }

  /** Vertex (t, v) of the parabola through three points. */
  static double[] parabolaPeak(double t0, double v0, double t1, double v1, double t2, double v2) {
    double d1 = (v1 - v0) / (t1 - t0);
    double d2 = (v2 - v1) / (t2 - t1);
    double a = (d2 - d1) / (t2 - t0);
    double b = d1 - a * (t0 + t1);
    double c = v0 - a * t0 * t0 - b * t0;
    double tp = -b / (2 * a);
    return new double[] {tp, a * tp * tp + b * tp + c};
  }

  @ParameterizedTest
  @ValueSource(strings = {"gear", "trap"})
  void currentDrivenCapacitorRampsLinearly(String method) {
    double c = 1e-9;
    double i = 1e-6;
    Circuit ckt = Circuit.builder("ic").add(new CurrentSource("i1", "0", "a", i))
        .add(new Capacitor("c1", "a", "0", c)).add(new Resistor("rleak", "a", "0", 1e15))
        .options(SimOptions.DEFAULT.with("method", method)).build();
    TransientAnalysis.Result res = new TransientAnalysis(1e-6, 1e-3, 0, Double.NaN, true).run(new MnaSystem(ckt),
        List.of());
    double full = i / c * 1e-3;
    double err = maxRelError(res.trace(), "v(a)", tt -> i / c * tt, full, 0);
    assertThat(err).isLessThan(1e-4);
  }
}
