package org.neuristor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;

/** Yi's per-behaviour parameter sets ({@code yi-behaviours.yaml}): the data, and sets that reach their behaviour. */
class TunedSetsTest {
  static final List<TunedSets.Set> YI = TunedSets.of("yi-tuned");

  /**
   * What a set may change: the passives of the three variants, the two biases, the substrate node, the devices'
   * base temperature (J, round 9).
   */
  static final Set<String> FREE = Set.of("rl1", "rl2", "rout", "rs", "rin", "cin", "c1", "c2", "vdc1", "vdc2", "cth2",
      "sth2", "t0");

  @Test
  void eachBehaviourHasAtMostOneSetOfAYiVariantThatChangesOnlyFreeValues() {
    Set<String> ids = new HashSet<>();
    String last = "";
    for (TunedSets.Set s : YI) {
      assertThat(ids.add(s.id())).as("one set per behaviour: " + s.id()).isTrue();
      assertThat(s.id()).isGreaterThan(last);
      last = s.id();
      if (s.variant() == null) {
        assertThat(s.origin()).as(s.id()).startsWith("not reached: ");
        continue;
      }
      assertThat(s.variant()).isIn("yi", "yi-phasic", "yi-mixed");
      assertThat(FREE).as(s.id()).containsAll(s.params().keySet());
      assertThat(s.origin()).as(s.id()).matches(s.params().isEmpty() ? "netlist values" : "search (plain|ladder|wide|near|adapt|local) \\d+/\\d+( span [0-9.]+)?");
    }
    // the shipped circuits' own behaviours keep their netlist values
    for (String id : List.of("A", "D", "H", "I", "K", "O", "P", "R", "S", "U", "V", "W")) {
      assertThat(YI.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().params()).isEmpty();
    }
  }

  @Test
  void tunedSetsReachTheirBehaviourWithTheUnchangedClassifier() {
    // the phasic variant with a substrate node (B), the gated bursts of yi (C: c1 >> c2), a rebound (M: small c1 and
    // cin, X1's source above the threshold, X2's well below it), adaptation (F: the phasic variant's decaying drive
    // on X1 with a large c1, X2's source well below the threshold), mixed mode (E: the mixed variant's input
    // capacitor kicks X1 at the step's onset, rin keeps a steady drive); L below
    List<Behaviour> bs = List.of(Behaviours.get("B"), Behaviours.get("C"), Behaviours.get("E"), Behaviours.get("F"),
        Behaviours.get("M"));
    for (TunedSets.Result r : TunedSets.run(YI, bs, null)) {
      assertThat(r.outcome().pass()).as(r.outcome().behaviour().id() + ": " + r.outcome().reason()).isTrue();
      assertThat(r.outcome().returnsToRest()).isTrue();
      assertThat(r.scale().rheobase()).isBetween(0.05, 5.0);
    }
  }

  @Test
  void theAdaptationSetsIntervalsLengthenAsTheInputCapacitorCharges() {
    // F (search local 73/0 span 0.05; R = 4.938 V, tau = 10.30 us): the 12 R step first holds X1 on (silent),
    // then X2 fires while the drive through rs and cin decays, at intervals that lengthen 0.48 -> 1.54 tau as
    // X1 falls back from being held on to firing once per cycle; every spike is a full one (the output above 4 V)
    double[] sp = fullSpikes("F", 10.30e-6, 4.938, 6);
    for (int k = 2; k < sp.length; k++) {
      assertThat(sp[k] - sp[k - 1]).as("interval " + k).isGreaterThanOrEqualTo(0.98 * (sp[k - 1] - sp[k - 2]));
    }
    assertThat(sp[sp.length - 1] - sp[sp.length - 2]).isGreaterThan(2.5 * (sp[1] - sp[0]));
  }

  @Test
  void theMixedModeSetFiresAnOnsetDoubletThenSingleSpikesAtSteadyIntervals() {
    // E (search local 76/4 span 0.05; R = 0.8438 V, tau = 16.80 us): at the 3 R step's onset cin kicks n1 and X2
    // fires twice in quick succession; then rin's steady drive lets X1 gate X2 once per cycle at a steady interval;
    // every spike is a full one (the output above 4 V)
    double[] sp = fullSpikes("E", 16.80e-6, 0.8438, 8);
    double first = sp[1] - sp[0];
    double later = sp[3] - sp[2];
    assertThat(first).as("the onset doublet").isLessThan(later / 3);
    for (int k = 3; k < sp.length; k++) {
      assertThat(sp[k] - sp[k - 1]).as("interval " + k).isBetween(later / 1.05, later * 1.05);
    }
  }

  /**
   * The spike times of behaviour {@code id}'s tuned set under its protocol at the given time scale and rheobase,
   * checked to be at least {@code min} and each a full spike: the output within 0.2 tau of it rises above 4 V.
   */
  private static double[] fullSpikes(String id, double tau, double rheobase, int min) {
    TunedSets.Set set = YI.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    Behaviour b = Behaviours.get(id);
    Pwl stim = b.protocol().physical(tau, rheobase);
    Subject.Response r = set.subject().run(stim, b.protocol().duration() * tau);
    double[] sp = r.spikes();
    assertThat(sp).hasSizeGreaterThanOrEqualTo(min);
    double[] t = r.trace().axis();
    double[] v = r.trace().get(r.membrane());
    for (double s : sp) {
      double peak = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < t.length; i++) {
        if (Math.abs(t[i] - s) < 0.2 * tau) {
          peak = Math.max(peak, v[i]);
        }
      }
      assertThat(peak).as(id + ": output at the spike at " + s).isGreaterThan(4);
    }
    return sp;
  }

  @Test
  void theSubthresholdOscillationSetRingsAboutTheRestItStartedFromAfterOneSpike() {
    // J (search local 85/0 span 0.1; base 310 K; R = 3.281 V, tau = 4.298 us, the pulse's threshold x 1.2 =
    // 4.860 V as the runner calibrates it): the rest is a stable focus (X2's film at 327 K with an electro-thermal
    // loop gain of 0.83, eigenvalues -1.30 +- 2.77i /us: bench YiStability); one full spike, then the output
    // undershoots and rebounds above its final level (a damped oscillation), and ends at the rest it began from
    TunedSets.Set j = YI.stream().filter(x -> x.id().equals("J")).findFirst().orElseThrow();
    Behaviour b = Behaviours.get("J");
    double tau = 4.298e-6;
    Pwl stim = b.protocol().physical(tau, 4.860);
    Subject.Response r = j.subject().run(stim, b.protocol().duration() * tau);
    BehaviourRunner.Outcome o = new BehaviourRunner.Outcome(b, stim, 4.860, r, org.neuristor.measure
        .FiringPatternClassifier.classify(r.trace(), r.stimulus(), r.membrane(), r.spikes()), null);
    assertThat(o.pass()).as(o.reason()).isTrue();
    assertThat(o.returnsToRest()).isTrue();
    assertThat(r.spikes()).hasSize(1);
    double[] t = r.trace().axis();
    double[] v = r.trace().get(r.membrane());
    double start = v[0];
    double fin = v[v.length - 1];
    org.neuristor.Ringing ring = org.neuristor.Ringing.of(v);
    int lo = ring.trough();
    int hi = ring.rebound();
    double height = v[ring.peak()] - fin;
    assertThat(height).as("a full spike").isGreaterThan(10);
    double under = fin - v[lo];
    double over = v[hi] - fin;
    assertThat(under).as("undershoot").isGreaterThan(0.1 * height);
    assertThat(over).as("rebound above the final level").isGreaterThan(0.03 * height).isGreaterThan(0.25 * under);
    // the rebound comes half a period of the focus (0.44 MHz: 1.1 us) after the undershoot
    assertThat(t[hi] - t[lo]).isBetween(0.7e-6, 1.6e-6);
    // the rest it returns to is the one it began from, within 5 % of the spike (2.1 % here: the films' hysteresis
    // memory after the last turn of the ringing; the latches withdrawn earlier moved by 21 % of the output's range and more)
    assertThat(Math.abs(fin - start)).isLessThan(0.05 * height);
  }

  @Test
  void theIntegratorSetSumsPairsAndReturnsToRest() {
    // L (search near 41/4): at the level the runner calibrates for this set (R = 1.438 V, tau = 3.941 us, the
    // pair train's threshold 2.225 V x 1.01) each pair's second pulse fires and no lone pulse does; 3 % below
    // the threshold nothing fires (the calibration itself takes 20 runs: neuron behaviours yi-tuned --only L)
    TunedSets.Set l = YI.stream().filter(x -> x.id().equals("L")).findFirst().orElseThrow();
    Behaviour b = Behaviours.get("L");
    double tau = 3.941e-6;
    Subject s = l.subject();
    Pwl stim = b.protocol().physical(tau, 2.247);
    Subject.Response r = s.run(stim, b.protocol().duration() * tau);
    BehaviourRunner.Outcome o = new BehaviourRunner.Outcome(b, stim, 2.247, r, org.neuristor.measure
        .FiringPatternClassifier.classify(r.trace(), r.stimulus(), r.membrane(), r.spikes()), null);
    assertThat(o.pass()).as(o.reason()).isTrue();
    assertThat(o.returnsToRest()).isTrue();
    assertThat(s.run(b.protocol().physical(tau, 2.247 / 1.01 * 0.97), b.protocol().duration() * tau).spikes()).isEmpty();
  }

  @Test
  void aLatchIsLabelledButDoesNotReturnToRest() {
    // regression: the first search kept this yi-mixed set for J; the pulse switches the circuit into another
    // state (output 1.16 V -> 3.74 V), which the after-potential rule reads as a damped oscillation
    Subject s = Subjects.of("yi-mixed", java.util.Map.of("rin", "4.08e+03", "cin", "1.43e-10", "rl2", "1.02e+04",
        "c1", "1.41e-10", "c2", "5.92e-11", "vdc1", "7.014", "vdc2", "6.910"));
    BehaviourRunner.Outcome o = BehaviourRunner.one(s, Scale.measure(s), Behaviours.get("J"));
    assertThat(o.pass()).isTrue();
    assertThat(o.returnsToRest()).isFalse();
  }

  @Test
  void aLatchThatKeepsOscillatingDoesNotReturnToRest() {
    // regression: the near-threshold search (seed 41, candidate 48) labelled this yi set J: after the spike X1
    // stays on and X2 oscillates below the 350 K spike level, a "rebound" of 4.6 V; the record's last sample
    // fell near the start value, so only a settled tail tells it from a rest
    Subject s = Subjects.of("yi", java.util.Map.of("rl1", "4.91e+03", "rl2", "1.83e+04", "rout", "4.38e+05",
        "c1", "3.76e-10", "c2", "6.38e-11", "vdc1", "7.409", "vdc2", "7.079"));
    BehaviourRunner.Outcome o = BehaviourRunner.one(s, new Scale(0.3008, 4.486e-6, "V"), Behaviours.get("J"));
    assertThat(o.pass()).isTrue();
    assertThat(o.returnsToRest()).isFalse();
  }

  @Test
  void everyTunedSetsSpikeStateRestsBelowItsSpikeLevel() {
    // a spike is X2's film heating through 350 K from a rest below it; 0.2 us from rest, no input
    Pwl none = new Pwl(new double[] {0, 2e-7}, new double[] {0, 0});
    for (TunedSets.Set s : YI) {
      if (s.variant() != null) {
        org.neuristor.library.NeuronCircuit c = org.neuristor.library.NeuronLibrary.get(s.variant());
        double rest = s.subject().run(none, 2e-7).trace().get(c.spikeState())[0];
        assertThat(rest).as(s.id() + " " + c.spikeState() + " at rest").isLessThan(c.spikeLevel());
      }
    }
  }

  @Test
  void theWithdrawnReboundSetRestsAboveTheSpikeLevel() {
    // regression: the plain search (seed 12, candidate 10) kept this yi-phasic set for M; with its substrate node
    // both films rest at 353 K, above the 350 K spike level, and the "rebound spike" was X2's film dipping 0.9 K
    // below 350 K and back while the output moved by 0.2 V (a real spike moves it by 4-10 V)
    Subject s = Subjects.of("yi-phasic", java.util.Map.of("rs", "937", "cin", "1.25e-09", "rl2", "4.69e+03",
        "c1", "1.64e-10", "c2", "4.21e-10", "vdc1", "7.014", "vdc2", "6.972", "cth2", "4.84e-08", "sth2", "0.000933"));
    double rest = s.run(new Pwl(new double[] {0, 2e-7}, new double[] {0, 0}), 2e-7).trace().get("nx2.t")[0];
    assertThat(rest).isGreaterThan(350);
  }

  @Test
  void unknownFamiliesAndMissingSetsAreReported() {
    assertThatThrownBy(() -> TunedSets.of("nosuch-tuned")).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("no tuned behaviour sets for 'nosuch-tuned'");
    TunedSets.Result r = TunedSets.run(List.of(), List.of(Behaviours.get("A")), null).get(0);
    assertThat(r.outcome().pass()).isFalse();
    assertThat(r.outcome().reason()).isEqualTo("no tuned set for behaviour A");
  }
}
