package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolsTest {

  @Test
  void lifFvCurveHasItsRheobaseBetween11And12VoltsAndRisesMonotonically() {
    double[] v = {1.0, 1.1, 1.2, 1.5, 2.0, 3.0, 4.0};
    Protocols.FvCurve f = Protocols.fv(NeuronLibrary.get("lif"), v, Map.of("tstop", "300u"));
    assertThat(f.rheobase()).isEqualTo(1.2);
    for (int k = 3; k < v.length; k++) {
      assertThat(f.points().get(k).rateHz()).isGreaterThan(f.points().get(k - 1).rateHz());
    }
    // physics.md 4.1: 141.4 kHz at 2 V
    assertThat(f.points().get(4).rateHz()).isCloseTo(141.4e3, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void neuristorAbsoluteRefractoryPeriodFromPairedPulses() {
    // physics.md 4.2: gaps 0/10/20 ns after a 100 ns, 0.30 V pulse -> M1 fires once; >= 30 ns -> twice.
    List<Protocols.PairedPulse> r = Protocols.pairedPulse(NeuronLibrary.get("pickett"), "nm1.x", 0.30, 100e-9,
        new double[] {0, 10e-9, 20e-9, 30e-9, 60e-9}, Map.of("tstop", "500n"));
    assertThat(r.get(0).spikes()).isEqualTo(1);
    assertThat(r.get(1).spikes()).isEqualTo(1);
    assertThat(r.get(2).spikes()).isEqualTo(1);
    assertThat(r.get(3).spikes()).isEqualTo(2);
    assertThat(r.get(4).spikes()).isEqualTo(2);
  }

  /**
   * physics.md 4.1 closed form for one pulse from rest: V_m(d) = A R_off/(R_in+R_off) (1 - exp(-d/tau_c)),
   * tau_c = C (R_in || R_off), fires at the apparent threshold 0.9874 V; so short pulses need
   * A_th(d) = 0.9874 (R_in+R_off)/R_off / (1 - exp(-d/tau_c)). Long pulses do not reach the divider's
   * rheobase (1.007 V): below about 1.14 V the switch settles in a stable, slightly-on state (x ~ 0.006)
   * that pins V_m at 0.988 V, so the rheobase is the DC firing threshold of the f-V curve instead; the
   * chronaxie is where the closed form reaches twice that rheobase.
   */
  @Test
  void lifStrengthDurationCurveFollowsTheRcClosedFormAndTheDcRheobase() {
    double rin = 20e3;
    double roff = 1e6;
    double tauC = 1e-9 * rin * roff / (rin + roff);
    double vthApp = 0.9874;
    double[] d = {2e-6, 5e-6, 10e-6, 13e-6, 15e-6, 20e-6, 50e-6, 150e-6};
    NeuronCircuit lif = NeuronLibrary.get("lif");
    org.neuristor.measure.StrengthDuration sd = Protocols.strengthDuration(lif, d, 0.5, 20, 1e-3, Map.of());
    for (int k = 0; k < 6; k++) {
      double exact = vthApp * (rin + roff) / roff / (1 - Math.exp(-d[k] / tauC));
      assertThat(sd.thresholds()[k]).as("threshold at %s s", d[k]).isCloseTo(exact,
          org.assertj.core.data.Percentage.withPercentage(1));
    }
    // the rheobase of long pulses is the DC threshold: 1.13 V silent, 1.15 V fires
    assertThat(sd.rheobase()).isBetween(1.13, 1.15);
    Protocols.FvCurve dc = Protocols.fv(lif, new double[] {1.13, 1.15}, Map.of("tstop", "300u"));
    assertThat(dc.points().get(0).spikes()).isZero();
    assertThat(dc.points().get(1).spikes()).isGreaterThan(1);
    double chronaxie = -tauC * Math.log(1 - vthApp * (rin + roff) / roff / (2 * sd.rheobase()));
    assertThat(sd.chronaxie()).isCloseTo(chronaxie, org.assertj.core.data.Percentage.withPercentage(3));
  }

  /** physics.md 4.2 / T13: the neuristor's response to one 100 ns pulse is all-or-nothing, threshold 0.26-0.30 V. */
  @Test
  void neuristorRespondsAllOrNothingToSinglePulses() {
    double[] amps = {0.20, 0.22, 0.24, 0.26, 0.28, 0.30, 0.32, 0.34};
    org.neuristor.measure.AllOrNothing r = Protocols.allOrNothing(NeuronLibrary.get("pickett"), amps, 100e-9,
        Map.of("tstop", "500n"));
    assertThat(r.allOrNothing()).as("responses %s", java.util.Arrays.toString(r.responses())).isTrue();
    assertThat(r.threshold()).isBetween(0.26, 0.30);
  }

  /**
   * A pair at gap 0 used to fail for lif-ots at 5 us: the second pulse's start (start + width + 2 edges) and the
   * first's end (start + 2 edges + width) are the same sum in another order, and here rounded 1 ulp apart, so the
   * PWL source's times went back and the run was refused ("PWL times must not decrease").
   */
  @Test
  void aPairAtGapZeroRunsWhateverTheWidth() {
    List<Protocols.PairedPulse> r = Protocols.pairedPulse(NeuronLibrary.get("lif-ots"), "nts.x", 4, 5e-6,
        new double[] {0}, Map.of("tstop", "20u"));
    assertThat(r.get(0).spikes()).isGreaterThan(1);
  }

  /**
   * wang's spike pulls its drain output down (response -0.125 V): the second spike's amplitude is measured in that
   * direction. It used to be the output's largest rise, about 0 here, so no gap up to 20 widths gave a "full"
   * second spike. Its refractory period is the gate's fall below the detector's re-arm level after the pulse: the
   * bisection's bracket (1% of the width) holds that time, read from the single pulse's trace.
   */
  @Test
  void wangsFallingSpikeHasARefractoryPeriod() {
    NeuronCircuit wang = NeuronLibrary.get("wang");
    double width = 20e-6;
    Protocols.Refractory r = Protocols.refractoryPeriod(wang, wang.refractoryState(), Map.of(), 1, width, 400e-6,
        null);
    assertThat(r.reason()).isNull();
    org.neuristor.measure.Trace t = Protocols.run(wang, Map.of("tstop", "100u"),
        Protocols.pulses(1, width, Protocols.PULSE_START));
    double end = Protocols.pulseEnd(Protocols.PULSE_START, width);
    double rearm = Double.NaN;
    double[] a = t.axis();
    double[] g = t.get("v(g)");
    for (int i = 1; i < a.length; i++) {
      if (a[i] > end && g[i] < wang.spikeLevel() - wang.spikeHysteresis()) {
        rearm = a[i] - end;
        break;
      }
    }
    double resolution = Protocols.GAP_RESOLUTION_WIDTHS * width;
    assertThat(rearm).isLessThan(resolution);
    assertThat(r.seconds()).isBetween(0.0, resolution);
  }

  /**
   * pickett2013 is bistable (its default run is labelled so): one 42 ns, 0.3 V pulse sets off tonic firing that
   * goes on without input. There is no rest to recover to, and the protocol says so; it used to report "no full
   * second spike up to a gap of 20 pulse widths", because M1 (its refractory state) never released.
   */
  @Test
  void aCircuitThatFiresOnAfterOnePulseHasNoRefractoryPeriod() {
    NeuronCircuit c = NeuronLibrary.get("pickett2013");
    double[] alone = c.spikes(Protocols.run(c, Map.of("tstop", "3u"), Protocols.pulses(0.3, 42.34e-9,
        Protocols.PULSE_START)));
    assertThat(alone.length).isGreaterThan(2);
    Protocols.Refractory r = Protocols.refractoryPeriod(c, c.refractoryState(), Map.of(), 0.3, 42.34e-9, 1e-6, null);
    assertThat(r.seconds()).isNaN();
    assertThat(r.reason()).contains("fires on without input");
  }

  /**
   * lif under a 20 V, 1.1 us pulse (its declared paired-pulse pulse): the pulse holds the switch on (V_in (R_on +
   * R_out)/(R_in + R_on + R_out) = 1.04 V > V_hold), so after it the membrane discharges through the switch from
   * V_m(end) towards 0 with tau_d = C (R_in || (R_on + R_out)) and the switch releases at V_hold,app = 0.6126 V
   * (physics.md 4.1): t = tau_d ln(V_m(end) / V_hold). A second pulse gives a full spike once the switch is
   * releasing; it needs to be off only by the time the pulse has recharged the membrane, so the period lies a little
   * below t (0.435 us against 0.518 us).
   */
  @Test
  void lifRefractoryPeriodIsTheDischargeThroughTheSwitch() {
    NeuronCircuit lif = NeuronLibrary.get("lif");
    double width = 1.1e-6;
    org.neuristor.measure.Trace t = Protocols.run(lif, Map.of("tstop", "3u"), Protocols.pulses(20, width,
        Protocols.PULSE_START));
    double vEnd = t.at("v(m)", Protocols.pulseEnd(Protocols.PULSE_START, width));
    double tauD = 1e-9 * 20e3 * 1.1e3 / (20e3 + 1.1e3);
    double discharge = tauD * Math.log(vEnd / 0.6126);
    Protocols.Refractory r = Protocols.refractoryPeriod(lif, lif.refractoryState(), Map.of(), 20, width, 100e-6,
        null);
    assertThat(r.seconds()).isBetween(0.75 * discharge, discharge);
  }

  /** Every library circuit declares the pulse of its paired-pulse protocol, a single pulse the CLI reads. */
  @Test
  void everyCircuitDeclaresARefractoryPulse() {
    for (NeuronCircuit c : NeuronLibrary.all()) {
      assertThat(c.refractoryPulse()).as(c.name()).startsWith("pulse:").doesNotContain("period");
      assertThat(Protocols.stimulus(c.refractoryPulse(), 1)).as(c.name()).startsWith("pulse(");
    }
  }
}
