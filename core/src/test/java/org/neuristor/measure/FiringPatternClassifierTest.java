package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.neuron.IzhikevichPatterns;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Stimulus;

/**
 * The classifier on Izhikevich's 20 protocols (the issue asks for >= 18 correct; the confusion is
 * printed) and on responses it was not tuned on: other models and a memristive circuit neuron.
 */
class FiringPatternClassifierTest {

  static Map<FiringPattern, FiringPattern> confusion(boolean withMembrane) {
    Map<FiringPattern, FiringPattern> found = new EnumMap<>(FiringPattern.class);
    for (IzhikevichPatterns.Pattern p : IzhikevichPatterns.all()) {
      NeuronSimulation.Result r = p.run();
      FiringPatternClassifier.Result c = FiringPatternClassifier.classify(r.trace(), "i", withMembrane ? "v" : null,
          r.spikeTimesSeconds());
      found.put(p.expected(), c.pattern());
      if (c.pattern() != p.expected()) {
        System.out.printf("classifier%s: %s %s -> %s (%s)%n", withMembrane ? "" : " without membrane", p.id(),
            p.expected().label(), c.pattern().label(), c.reason());
      }
    }
    return found;
  }

  @Test
  void labelsAtLeast18OfThe20IzhikevichPatterns() {
    Map<FiringPattern, FiringPattern> found = confusion(true);
    long correct = found.entrySet().stream().filter(e -> e.getKey() == e.getValue()).count();
    System.out.println("classifier: " + correct + "/20 Izhikevich patterns correct");
    assertThat(correct).isGreaterThanOrEqualTo(18);
  }

  @Test
  void withoutTheMembraneOnlyDapAndSubthresholdOscillationsAreLost() {
    Map<FiringPattern, FiringPattern> found = confusion(false);
    for (Map.Entry<FiringPattern, FiringPattern> e : found.entrySet()) {
      if (e.getKey() == FiringPattern.DEPOLARIZING_AFTER_POTENTIAL
          || e.getKey() == FiringPattern.SUBTHRESHOLD_OSCILLATIONS) {
        assertThat(e.getValue()).isEqualTo(FiringPattern.UNCLASSIFIED);
      } else {
        assertThat(e.getValue()).as(e.getKey().label()).isEqualTo(e.getKey());
      }
    }
  }

  static FiringPattern classify(NeuronModel m, Stimulus s, double durationMs, double dtMs) {
    NeuronSimulation.Result r = NeuronSimulation.run(m, s, durationMs, dtMs);
    return FiringPatternClassifier.classify(r.trace(), "i", "v", r.spikeTimesSeconds()).pattern();
  }

  @Test
  void labelsOtherModelsByTheirTextbookClass() {
    // HH is the textbook class 2 neuron (Hopf onset near 52-60 Hz), the LIF class 1 (rate from zero)
    assertThat(classify(NeuronModel.of(ModelKind.HH), Stimulus.ramp(0, 30, 0, 1000), 1000, 0.01))
        .isEqualTo(FiringPattern.CLASS_2_EXCITABLE);
    assertThat(classify(NeuronModel.of(ModelKind.LIF), Stimulus.ramp(0, 4, 0, 1000), 1000, 0.1))
        .isEqualTo(FiringPattern.CLASS_1_EXCITABLE);
    // a step: HH tonic; AdEx (regular spiking, physics.md 2.4) adapts; the LIF is tonic
    assertThat(classify(NeuronModel.of(ModelKind.HH), Stimulus.step(10, 20, Double.POSITIVE_INFINITY), 200, 0.01))
        .isEqualTo(FiringPattern.TONIC_SPIKING);
    assertThat(classify(NeuronModel.of(ModelKind.ADEX), Stimulus.step(1000, 10, Double.POSITIVE_INFINITY), 200, 0.01))
        .isEqualTo(FiringPattern.SPIKE_FREQUENCY_ADAPTATION);
    assertThat(classify(NeuronModel.of(ModelKind.LIF), Stimulus.step(2, 10, Double.POSITIVE_INFINITY), 200, 0.1))
        .isEqualTo(FiringPattern.TONIC_SPIKING);
    // the bursting AdEx set of the Brian2 example fires in bursts
    NeuronModel burst = NeuronModel.of(ModelKind.ADEX, Map.of("tau_w", 20.0, "b", 500.0, "v_r", -45.4));
    assertThat(classify(burst, Stimulus.step(1000, 10, Double.POSITIVE_INFINITY), 300, 0.01))
        .isIn(FiringPattern.TONIC_BURSTING, FiringPattern.MIXED_MODE);
  }

  @Test
  void labelsAMemristiveCircuitNeuron() {
    // the 1TS-1C LIF circuit (physics.md 4.1) under a 2 V step from 10 us fires tonically
    NeuronCircuit lif = NeuronLibrary.get("lif");
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(
        lif.netlist(Map.of("tstop", "150u"), "pulse(0 2 10u 1n 1n 1 2)"), "lif.cir");
    Analysis.Outcome o = Simulation.run(cc.circuit(), cc.analyses().get(0), cc.saves(), null);
    Trace t = o.trace();
    double[] sp = lif.spikes(t);
    assertThat(sp.length).isGreaterThan(5);
    FiringPatternClassifier.Result r = FiringPatternClassifier.classify(t, "v(in)", lif.output(), sp);
    assertThat(r.pattern()).as(r.reason()).isEqualTo(FiringPattern.TONIC_SPIKING);
    assertThat(r.epochs()).hasSize(1);
    assertThat(List.of(r.epochs().get(0).open())).containsExactly(true);
  }
}
