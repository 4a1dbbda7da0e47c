package org.neuristor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.neuron.IzhikevichPatterns;

/**
 * The protocols, written once, on biological models: the neuron of each Izhikevich pattern shows its
 * own pattern under the transferred protocol (rheobase and time scale measured on that neuron), and
 * the Hodgkin-Huxley neuron shows the three behaviours Yi et al. add.
 */
class BiologicalSubjectsTest {

  @Test
  void izhikevichNeuronsShowTheirPatternUnderTheTransferredProtocols() {
    List<String> missed = new ArrayList<>();
    List<String> noScale = new ArrayList<>();
    for (IzhikevichPatterns.Pattern p : IzhikevichPatterns.all()) {
      Subject s = Subjects.of("izhikevich:" + p.id(), Map.of());
      Scale sc;
      try {
        sc = Scale.measure(s);
      } catch (org.neuristor.NeuristorException e) {
        noScale.add(p.id() + ": " + e.getMessage());
        continue;
      }
      BehaviourRunner.Outcome o = BehaviourRunner.one(s, sc, Behaviours.get(p.id()));
      if (!o.pass()) {
        missed.add(p.id() + " " + p.name() + " -> " + o.label().label());
      }
    }
    System.out.println("protocols on the Izhikevich neurons: missed " + missed + ", no scale " + noScale);
    // P: bistability needs a bias inside the neuron's bistable range. The S and T neurons rest only under a large bias
    // current (80) that a protocol from zero input does not apply: without it they fire, so no step is their rheobase
    // (until round 21 the search's last halving, 7.6e-5, was taken as R and the protocols ran with it)
    assertThat(missed).containsExactly("P bistability -> quiescent");
    assertThat(noScale).hasSize(2);
    assertThat(noScale.get(0)).startsWith("S: izhikevich:S: fires under every step tried, down to 7.629e-05 ")
        .contains("it fires without input");
    assertThat(noScale.get(1)).startsWith("T: izhikevich:T: fires under every step tried").contains("fires without input");
  }

  @Test
  void hodgkinHuxleyShowsAllOrNothingRefractorinessAndBlock() {
    Subject hh = Subjects.of("model:hh", Map.of());
    Scale sc = Scale.measure(hh);
    // the step rheobase of HH (one spike for a long step) lies near 2.2 uA/cm^2, below the 6.26 of repetitive firing
    assertThat(sc.rheobase()).isBetween(2.0, 2.6);
    for (String id : new String[] {"U", "V", "W"}) {
      BehaviourRunner.Outcome o = BehaviourRunner.one(hh, sc, Behaviours.get(id));
      assertThat(o.pass()).as(id + ": " + o.reason()).isTrue();
    }
  }
}
