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
    for (IzhikevichPatterns.Pattern p : IzhikevichPatterns.all()) {
      Subject s = Subjects.of("izhikevich:" + p.id(), Map.of());
      BehaviourRunner.Outcome o = BehaviourRunner.one(s, Scale.measure(s), Behaviours.get(p.id()));
      if (!o.pass()) {
        missed.add(p.id() + " " + p.name() + " -> " + o.label().label());
      }
    }
    System.out.println("protocols on the Izhikevich neurons: missed " + missed);
    // P, S, T: bistability needs a bias inside the neuron's bistable range, and the S/T neurons rest
    // only under a large bias current (80) that a protocol from zero input does not apply
    assertThat(missed).hasSize(3);
    assertThat(missed).allMatch(m -> m.startsWith("P ") || m.startsWith("S ") || m.startsWith("T "));
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
