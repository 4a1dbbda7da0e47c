package org.neuristor.device.characterize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Robustness corpus (issue item): 500 seeded random 1TS-1C circuits over every registered device
 * model all finish their transient without convergence failure (about 10 s on one core).
 */
class RobustnessCorpusTest {
  @Test
  void all500RandomCircuitsFinish() {
    List<RobustnessCorpus.Case> cases = RobustnessCorpus.cases(2026, 500);
    // every registered type, pcm included (the count follows the registry, not a hard-coded 7)
    assertThat(cases.stream().map(RobustnessCorpus.Case::type).distinct().count())
        .isEqualTo(org.neuristor.device.DeviceRegistry.types().size());
    List<String> failures = cases.stream().map(c -> RobustnessCorpus.run(c, 1)).filter(o -> !o.ok())
        .map(o -> o.c().index() + " " + o.c().type() + ": " + o.error()).collect(Collectors.toList());
    assertThat(failures).isEmpty();
  }

  @Test
  void corpusIsReproducibleAndRendersAsNetlists() {
    RobustnessCorpus.Case a = RobustnessCorpus.cases(2026, 20).get(17);
    RobustnessCorpus.Case b = RobustnessCorpus.cases(2026, 20).get(17);
    assertThat(a).isEqualTo(b);
    org.neuristor.netlist.CircuitCompiler.Compiled c =
        org.neuristor.netlist.CircuitCompiler.compile(a.netlist(), "case17.cir", List.of());
    assertThat(c.circuit().element("n1")).isNotNull();
  }
}
