package org.neuristor.library;

import java.util.List;
import java.util.Locale;
import org.neuristor.NeuristorException;

/** The canonical memristive neuron circuits of the review, as {@link NeuronCircuit}s. */
public final class NeuronLibrary {
  private NeuronLibrary() {}

  private static final List<NeuronCircuit> ALL = List.of(
      new NeuronCircuit("lif", "1TS-1C leaky integrate-and-fire neuron, NbOx-like threshold switch (physics.md 4.1)",
          "lif.cir", "nts.x", "v(o)", "v(m)"),
      new NeuronCircuit("lif-ag", "1TS-1C LIF neuron with an Ag diffusive threshold switch", "lif_ag.cir", "nts.x",
          "v(o)", "v(m)"),
      new NeuronCircuit("lif-ots", "1TS-1C LIF neuron with an ovonic threshold switch", "lif_ots.cir", "nts.x",
          "v(o)", "v(m)"),
      new NeuronCircuit("wang", "Wang's neuro-transistor: diffusive memristor + capacitor as a MOSFET gate (physics.md 4.4)",
          "wang.cir", "ndm.x", "v(o)", "v(g)"),
      new NeuronCircuit("pickett", "Pickett's NbO2 neuristor: two Mott channels with opposite bias (physics.md 4.2)",
          "pickett.cir", "nm2.x", "v(n2)", "v(n1)"),
      new NeuronCircuit("pickett2013", "Pickett's neuristor tuned to the published 0.33 V / 0.028 V responses",
          "pickett2013.cir", "nm2.x", "v(n2)", "v(n1)"),
      new NeuronCircuit("yi", "Yi's VO2 active-memristor neuron: two oppositely biased VO2 thermal channels (physics.md 4.3)",
          "yi.cir", "nx2.t", "v(n2)", "v(n1)", 350),
      new NeuronCircuit("yi-phasic", "Yi's VO2 neuron, phasic variant: capacitive input coupling (physics.md 4.3)",
          "yi_phasic.cir", "nx2.t", "v(n2)", "v(n1)", 350),
      new NeuronCircuit("yi-mixed", "Yi's VO2 neuron, mixed-mode variant: resistive and capacitive input in parallel (physics.md 4.3)",
          "yi_mixed.cir", "nx2.t", "v(n2)", "v(n1)", 350),
      new NeuronCircuit("tuma", "Tuma's stochastic phase-change integrate-and-fire neuron, seeded (physics.md 3.7, 4.6)",
          "tuma.cir", "ncell.s", "ncell.s", "v(o)"),
      new NeuronCircuit("huang", "Huang's quasi-Hodgkin-Huxley neuron: two second-order protonic memristors (physics.md 4.5)",
          "huang.cir", "nm2.w", "v(b)", "v(a)"));

  public static List<NeuronCircuit> all() {
    return ALL;
  }

  public static NeuronCircuit get(String name) {
    String k = name.toLowerCase(Locale.ROOT);
    for (NeuronCircuit c : ALL) {
      if (c.name().equals(k)) {
        return c;
      }
    }
    throw NeuristorException.input("no neuron circuit '" + name + "'; available: "
        + String.join(", ", ALL.stream().map(NeuronCircuit::name).toList()));
  }
}
