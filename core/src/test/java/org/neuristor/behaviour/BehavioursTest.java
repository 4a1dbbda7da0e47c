package org.neuristor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;
import org.neuristor.measure.FiringPattern;
import org.neuristor.neuron.IzhikevichPatterns;

/** The protocol file: 23 behaviours, Izhikevich's 20 in his order, then Yi's three; waveforms as written. */
class BehavioursTest {

  @Test
  void theFileHoldsTheTwentyThreeBehavioursInOrder() {
    List<Behaviour> all = Behaviours.all();
    assertThat(all).hasSize(23);
    List<IzhikevichPatterns.Pattern> izh = IzhikevichPatterns.all();
    for (int k = 0; k < 20; k++) {
      assertThat(all.get(k).id()).isEqualTo(izh.get(k).id());
      assertThat(all.get(k).expected()).isEqualTo(izh.get(k).expected());
    }
    assertThat(all.subList(20, 23)).extracting(Behaviour::expected).containsExactly(FiringPattern.ALL_OR_NOTHING,
        FiringPattern.REFRACTORY_PERIOD, FiringPattern.EXCITATION_BLOCK);
    for (Behaviour b : all) {
      Protocol p = b.protocol();
      assertThat(p.duration()).as(b.id()).isPositive();
      double[] t = p.stimulus().t();
      assertThat(t[t.length - 1]).as(b.id() + " stimulus within the record").isLessThanOrEqualTo(p.duration());
      assertThat(p.stimulus().excursion()).as(b.id() + " has a stimulus").isPositive();
      assertThat(b.shape()).isNotBlank();
    }
    assertThat(Behaviours.get("k").name()).isEqualTo("resonator");
    assertThat(Behaviours.get("excitation block").id()).isEqualTo("W");
    assertThatThrownBy(() -> Behaviours.get("Z")).isInstanceOf(NeuristorException.class);
  }

  @Test
  void piecewiseLinearWaveformsJumpAndRamp() {
    Pwl w = new Pwl(new double[] {0, 2, 2, 3, 3, 5}, new double[] {0, 0, 1, 1, 0, 2});
    assertThat(w.valueAt(-1)).isEqualTo(0);
    assertThat(w.valueAt(1.999)).isEqualTo(0);
    assertThat(w.valueAt(2)).isEqualTo(1); // right-continuous at a jump
    assertThat(w.valueAt(2.5)).isEqualTo(1);
    assertThat(w.valueAt(3)).isEqualTo(0);
    assertThat(w.valueAt(4)).isEqualTo(1);
    assertThat(w.valueAt(9)).isEqualTo(2);
    assertThat(w.scaled(1e-6, 3).valueAt(4e-6)).isEqualTo(3);
    assertThat(w.spice(1e-3)).isEqualTo("pwl(0.00000000 0.00000000 2.00000000 0.00000000 2.00100000 1.00000000 "
        + "3.00000000 1.00000000 3.00100000 0.00000000 5.00000000 2.00000000)");
    assertThatThrownBy(() -> new Pwl(new double[] {0, 1, 0.5}, new double[] {0, 0, 0}))
        .isInstanceOf(NeuristorException.class);
  }
}
