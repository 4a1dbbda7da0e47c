package org.neuristor.behaviour;

import org.neuristor.measure.FiringPattern;

/**
 * One of the 23 neuro-computational behaviours of Yi et al. (Nat. Commun. 9, 4661 (2018)): the 20
 * of Izhikevich (IEEE TNN 15, 1063 (2004), Fig. 1) and all-or-nothing firing, refractory period and
 * excitation block, with the stimulus that tests it.
 *
 * @param id letter: A..T in Izhikevich's order, then U, V, W
 * @param expected the label the firing-pattern classifier gives a neuron that shows the behaviour
 * @param protocol the stimulus in transferable units
 * @param shape a short description of the stimulus ({@code "step 2 R"})
 * @param note what the stimulus does and why (from the protocol file)
 */
public record Behaviour(String id, FiringPattern expected, Protocol protocol, String shape, String note) {
  /** The behaviour's name ({@code "tonic spiking"}). */
  public String name() {
    return expected.label();
  }
}
