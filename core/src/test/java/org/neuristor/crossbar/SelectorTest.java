package org.neuristor.crossbar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;

/** Parsing selectors, with parameter values that replace a preset's. */
class SelectorTest {
  @Test
  void parsesPresetsAndOverridesIntoTheModelCard() {
    assertThat(Selector.parse("none")).isInstanceOf(Selector.None.class);
    assertThat(((Selector.Transistor) Selector.parse("1t1r:2000")).onOhm()).isEqualTo(2000);
    Selector.Switch sw = (Selector.Switch) Selector.parse("OTS:gese:roff=10g:i0=10p");
    assertThat(sw.params()).containsEntry("roff", "10g").containsEntry("i0", "10p");
    assertThat(sw.modelCard()).isEqualTo("preset=gese roff=10g i0=10p");
    assertThat(sw.modelCardOn()).isEqualTo("preset=gese roff=10g i0=10p x0=1");
    assertThat(sw.settleSeconds()).isEqualTo(20 * 50e-9);
    assertThat(Selector.ots().modelCard()).isEqualTo("preset=gese");
  }

  @Test
  void badSelectorsAreInputErrors() {
    assertThatThrownBy(() -> Selector.parse("ots:gese:roff")).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("name=value");
    assertThatThrownBy(() -> Selector.parse("ots:gese:nosuch=1")).hasMessageContaining("nosuch");
    assertThatThrownBy(() -> Selector.parse("ots:gese:i0=1p:i0=2p")).hasMessageContaining("twice");
    assertThatThrownBy(() -> Selector.parse("diode")).hasMessageContaining("TYPE:PRESET");
  }
}
