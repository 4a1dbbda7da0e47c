package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.PeerReference;
import org.neuristor.measure.Trace;
import org.neuristor.io.CsvReader;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Differential tests against ngspice: each netlist in src/test/resources/ngspice runs unchanged in
 * Neuristor (default tolerances) and is compared with the CSV ngspice wrote for it
 * ({@code regenerate.sh}; tight tolerances). Waveforms must agree within 0.5% of each signal's full
 * scale; for the oscillators, whose edges drift apart over many periods, the period must agree
 * within 1% and the waveforms over the first period within 0.5% with a time tolerance of one print
 * step (ngspice switches its S element within a time step, Neuristor locates the switching instant,
 * so edges may differ by a fraction of a step).
 */
class NgspicePeerTest {

  static Trace reference(String name) throws Exception {
    try (InputStream in = new java.io.ByteArrayInputStream(PeerReference.text("/ngspice/" + name + ".csv")
        .getBytes(StandardCharsets.UTF_8))) {
      return CsvReader.read(in, name + ".csv");
    }
  }

  static Trace ours(String name) throws Exception {
    String text = PeerReference.text("/ngspice/" + name + ".cir");
    CircuitCompiler.Compiled c = CircuitCompiler.compile(text, name + ".cir");
    return Simulation.run(c.circuit(), c.analyses().get(0), c.saves(), null).trace();
  }

  /** Max |ours - ref| / full scale of ref over reference points with t in [from, to]. */
  static double worstError(Trace ref, Trace ours, String sig, double from, double to) {
    return worstError(ref, ours, sig, from, to, 0);
  }

  /**
   * As above, with a time tolerance: at each reference point the error is the smallest over
   * |dt| <= timeTol (a waveform "tube"), so an edge a fraction of a print step early or late is not
   * mistaken for a wrong amplitude.
   */
  static double worstError(Trace ref, Trace ours, String sig, double from, double to, double timeTol) {
    double[] t = ref.axis();
    double[] y = ref.get(sig);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double scale = Math.max(hi - lo, 1e-12);
    double worst = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] < from || t[i] > to) {
        continue;
      }
      double e = Math.abs(ours.at(sig, t[i]) - y[i]);
      if (timeTol > 0) {
        // Range of our (piecewise linear) waveform over [t - tol, t + tol].
        double wlo = Math.min(ours.at(sig, t[i] - timeTol), ours.at(sig, t[i] + timeTol));
        double whi = Math.max(ours.at(sig, t[i] - timeTol), ours.at(sig, t[i] + timeTol));
        double[] ot = ours.axis();
        double[] oy = ours.get(sig);
        int k = java.util.Arrays.binarySearch(ot, t[i] - timeTol);
        for (k = k < 0 ? -k - 1 : k; k < ot.length && ot[k] <= t[i] + timeTol; k++) {
          wlo = Math.min(wlo, oy[k]);
          whi = Math.max(whi, oy[k]);
        }
        e = y[i] < wlo ? wlo - y[i] : y[i] > whi ? y[i] - whi : 0;
      }
      worst = Math.max(worst, e / scale);
    }
    return worst;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"diode_rectifier", "mosfet_inverter", "rc_ladder100", "rc_mesh30", "rlc_controlled"})
  void waveformsAgreeWithNgspice(String name) throws Exception {
    Trace ref = reference(name);
    Trace ours = ours(name);
    for (String sig : ref.names()) {
      assertThat(worstError(ref, ours, sig, 0, Double.MAX_VALUE)).as(name + " " + sig).isLessThan(0.005);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sw_relaxation, v(c), 2.5", "ts_1ts1c_bsource, v(x), 0.5"})
  void oscillatorPeriodAndFirstCycleAgreeWithNgspice(String name, String sig, double level) throws Exception {
    oscillatorAgrees(name, sig, level);
  }

  /**
   * The oscillator's mean period (rising crossings of {@code level} on {@code sig}, from the second) within 1 %
   * of ngspice's, and every signal of its first cycle within 0.5 % of full scale.
   */
  static void oscillatorAgrees(String name, String sig, double level) throws Exception {
    Trace ref = reference(name);
    Trace ours = ours(name);
    List<Double> r = SwitchOscillatorTest.risingCrossings(ref, sig, level);
    List<Double> o = SwitchOscillatorTest.risingCrossings(ours, sig, level);
    assertThat(o.size()).isGreaterThan(5);
    double pr = (r.get(r.size() - 1) - r.get(1)) / (r.size() - 2);
    double po = (o.get(o.size() - 1) - o.get(1)) / (o.size() - 2);
    assertThat(Math.abs(po - pr) / pr).as("period").isLessThan(0.01);
    double printStep = ref.axis()[1] - ref.axis()[0];
    for (String s : ref.names()) {
      assertThat(worstError(ref, ours, s, 0, r.get(1) * 0.98, printStep)).as(name + " first cycle " + s)
          .isLessThan(0.005);
    }
  }
}
