package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.SpikeShape;
import org.neuristor.measure.Trace;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Stimulus;

/**
 * Huang's quasi-HH neuron (physics.md 4.5) from two protonic memristors: M1 the physics.md 3.6
 * model, M2 with the autocatalytic growth and proton consumption Neuristor adds to it
 * (docs/neuron-library.md). Component values and device time constants were not retrieved
 * (physics.md 8); the values are ours (bench HuangSearch). The tests pin the four published
 * properties the issue asks for (leak below threshold, an all-or-nothing spike, a refractory period,
 * a spike shaped like the biological one) and the diagnosis of the 1 mV output of physics.md's
 * default values. A spike is M2's state crossing w = 0.5.
 */
class HuangNeuronTest {
  static final NeuronCircuit H = NeuronLibrary.get("huang");

  static Trace run(Map<String, String> p) {
    return NeuronLibraryTest.run(H, p, null);
  }

  static Trace run(Map<String, String> p, String input) {
    return NeuronLibraryTest.run(H, p, input);
  }

  @Test
  void physicsMdDefaultsGiveOnlyMillivolts() {
    // physics.md 4.5/3.6 defaults: R2 = R3 = 10k (100x below the devices' 1 MOhm resting
    // resistance), M2 identical to M1. M1 reaches w ~ 0.13, so v(a) <= 0.13 V; M2 sees so little
    // voltage that it never leaves w ~ 0, and v(b) = v(a) R3/(R3 + 1 MOhm) ~ 1 mV.
    Trace t = run(Map.ofEntries(Map.entry("vin", "1"), Map.entry("r2", "10k"), Map.entry("r3", "10k"),
        Map.entry("kw1", "7"), Map.entry("gmin2", "1u"), Map.entry("gmax2", "100u"), Map.entry("v02", "0.3"),
        Map.entry("kc2", "113"), Map.entry("kw2", "7"), Map.entry("tauc2", "1m"), Map.entry("tauw2", "50m"),
        Map.entry("kfb2", "0"), Map.entry("kcons2", "0")));
    SpikeFeatures f = H.features(t);
    assertThat(f.spikeTimes()).isEmpty();
    assertThat(f.amplitudeVolts()).isBetween(0.5e-3, 2e-3);
    double w2 = 0;
    for (double w : t.get("nm2.w")) {
      w2 = Math.max(w2, w);
    }
    assertThat(w2).isLessThan(1e-3);
    double va = 0;
    for (double v : t.get("v(a)")) {
      va = Math.max(va, v);
    }
    // the output is the membrane divided by M2 at rest and R3
    assertThat(f.amplitudeVolts()).isCloseTo(va * 10e3 / (10e3 + 1 / 1e-6), Percentage.withPercentage(15));
  }

  /** The circuit's own pulse train (1 ms pulses every {@code period} from 5 ms) at amplitude {@code vin}. */
  static Trace train(double vin, String period, String tstop) {
    return run(Map.of("vin", Double.toString(vin), "period", period, "tstop", tstop));
  }

  static double peak(Trace t, String s) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : t.get(s)) {
      m = Math.max(m, v);
    }
    return m;
  }

  static int spikes(Trace t) {
    return H.features(t).spikeTimes().length;
  }

  /** Smallest amplitude of the 100 ms train that makes M2 fire, to 0.2 %. */
  static double threshold() {
    double lo = 0.5;
    double hi = 2;
    assertThat(spikes(train(hi, "10m", "100m"))).isPositive();
    assertThat(spikes(train(lo, "10m", "100m"))).isZero();
    while (hi - lo > 0.002 * hi) {
      double mid = 0.5 * (lo + hi);
      if (spikes(train(mid, "10m", "100m")) > 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  @Test
  void integratesPulsesAndLeaksBelowThreshold() {
    // 1.1 V pulses every 10 ms: M1 accumulates them, M2 fires from the second pulse on
    double[] sp = H.features(train(1.1, "10m", "100m")).spikeTimes();
    assertThat(sp.length).isGreaterThanOrEqualTo(8);
    assertThat(sp[0]).isGreaterThan(5e-3 + 10e-3);
    // the same pulses every 40 ms: what M1 accumulated leaks away in between, no spike
    Trace slow = train(1.1, "40m", "300m");
    assertThat(spikes(slow)).isZero();
    // three sub-threshold pulses (1 V) and then none: no spike, the output stays near zero, and M1's
    // state decays with its relaxation time tau_w1 = 50 ms (e^-1 after 50 ms, within 25 %)
    Trace sub = run(Map.of("vin", "1", "tstop", "150m"),
        "pwl(0 0 5m 0 5.01m 1 6m 1 6.01m 0 15m 0 15.01m 1 16m 1 16.01m 0 25m 0 25.01m 1 26m 1 26.01m 0)");
    assertThat(spikes(sub)).isZero();
    assertThat(peak(sub, "v(b)")).isLessThan(5e-3);
    double w0 = sub.at("nm1.w", 27e-3);
    assertThat(sub.at("nm1.w", 77e-3) / w0).isCloseTo(Math.exp(-1), Percentage.withPercentage(25));
  }

  @Test
  void firesAllOrNothing() {
    double th = threshold();
    double below = peak(train(0.97 * th, "10m", "100m"), "v(b)");
    double above = peak(train(1.03 * th, "10m", "100m"), "v(b)");
    System.out.printf("huang: threshold %.4f V, output %.4f V at 0.97x, %.4f V at 1.03x (ratio %.1f)%n", th, below, above,
        above / below);
    // the criterion: at least 5x more output just above than just below the threshold
    assertThat(above).isGreaterThan(5 * below);
  }

  @Test
  void hasARefractoryPeriod() {
    // M1 primed by three 1.2 V pulses (5, 15, 25 ms); then two 50 us, 2 V pulses from 35 ms: M2 answers the
    // first; the second fails 5 us later (M2's protons are spent, kcons) and fires again 50 us later (tau_c2)
    int[] close = pair(5e-6);
    int[] later = pair(50e-6);
    assertThat(close).containsExactly(1, 0);
    assertThat(later).containsExactly(1, 1);
  }

  /** Spikes answering each of two 50 us, 2 V pulses {@code gap} apart, after three priming pulses. */
  static int[] pair(double gap) {
    StringBuilder pw = new StringBuilder("pwl(0 0");
    for (int k = 0; k < 3; k++) {
      double s = 5e-3 + k * 10e-3;
      pw.append(String.format(java.util.Locale.ROOT, " %g 0 %g 1.2 %g 1.2 %g 0", s, s + 10e-6, s + 1e-3, s + 1.01e-3));
    }
    double w = 50e-6;
    double s1 = 35e-3;
    double s2 = s1 + w + 10e-6 + gap;
    for (double s : new double[] {s1, s2}) {
      pw.append(String.format(java.util.Locale.ROOT, " %g 0 %g 2 %g 2 %g 0", s, s + 5e-6, s + w, s + w + 5e-6));
    }
    double[] sp = H.features(run(Map.of("tstop", "45m"), pw.append(')').toString())).spikeTimes();
    int a = 0;
    int b = 0;
    for (double t : sp) {
      if (t >= s1 && t < s2) {
        a++;
      } else if (t >= s2) {
        b++;
      }
    }
    return new int[] {a, b};
  }

  @Test
  void spikeFollowsTheHodgkinHuxleyActionPotential() {
    NeuronSimulation.Result hh = NeuronSimulation.run(NeuronModel.of(ModelKind.HH), Stimulus.pulses(20, 2, 0.5, 0, 1),
        20, 0.005);
    SpikeShape ap = SpikeShape.of(hh.trace().axis(), hh.trace().get("v"));
    // the first spike under the train at 1.1 x threshold, from the start of its pulse to 1 ms after it
    double th = 1.05;
    Trace t = train(1.1 * th, "10m", "100m");
    double first = H.features(t).spikeTimes()[0];
    double start = 5e-3 + Math.floor((first - 5e-3) / 10e-3) * 10e-3;
    SpikeShape out = SpikeShape.of(window(t.axis(), start, start + 2e-3), window(t.get("v(b)"), t.axis(), start,
        start + 2e-3));
    double r = out.correlation(ap);
    System.out.printf("huang: spike FWHM %.3g ms vs HH %.3g ms, correlation %.3f%n", out.fwhm() * 1e3, ap.fwhm() * 1e3, r);
    assertThat(r).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void abruptInputsOfTheBehaviourProtocolsRun() {
    // regression: M2's regenerative growth makes the transient Jacobian singular when a step is too
    // long for it (a0 = 1/h meets its growth rate); the step must be retried shorter, not the run
    // stopped as a circuit without a DC path (protocols J, U failed so)
    org.neuristor.behaviour.Subject s = org.neuristor.behaviour.Subjects.of("huang", Map.of());
    // the scale Scale.measure finds for huang (rheobase 0.7875 V, tau 225.6 us), given to keep the test short
    org.neuristor.behaviour.Scale sc = new org.neuristor.behaviour.Scale(0.7875, 225.6e-6, "V");
    for (String id : new String[] {"J"}) {
      org.neuristor.behaviour.BehaviourRunner.Outcome o = org.neuristor.behaviour.BehaviourRunner.one(s, sc,
          org.neuristor.behaviour.Behaviours.get(id));
      assertThat(o.response()).as(id + ": " + o.reason()).isNotNull();
    }
  }

  static double[] window(double[] a, double from, double to) {
    return java.util.Arrays.stream(a).filter(x -> x >= from && x <= to).toArray();
  }

  static double[] window(double[] y, double[] a, double from, double to) {
    return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] >= from && a[i] <= to).mapToDouble(i -> y[i])
        .toArray();
  }
}
