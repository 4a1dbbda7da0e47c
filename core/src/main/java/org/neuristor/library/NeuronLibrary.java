package org.neuristor.library;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;

/** The canonical memristive neuron circuits of the review, as {@link NeuronCircuit}s. */
public final class NeuronLibrary {
  private NeuronLibrary() {}

  /**
   * The neuristors' own input is a single pulse: their f-V curves use a DC input (tonic firing,
   * physics.md 4.2) up to 0.5 V, above which they stop firing (excitation block); their
   * refractoriness is the "Na" channel M1 staying on while M2 fires on (physics.md 4.2).
   */
  private static NeuronCircuit neuristor(NeuronCircuit c, String drive, Map<String, String> driveParams) {
    return c.withCompact(CompactNeuristor::of).withDrive(drive, driveParams, 0.5).withRefractoryState("nm1.x");
  }

  /**
   * Spike level of the Wang circuit: the gate crossing the transistor's threshold V_T = 0.5 V ({@code vto} of
   * wang.cir), where drain current starts, "V_g crossing V_T produces drain current (fire, with gain)"
   * (physics.md 4.4). Not the memristor's state: at a pulse train it stays near 0.5 and crosses it at both edges
   * of every pulse, the falling edge being the gate discharging through it, no firing.
   */
  private static final double WANG_VT = 0.5;

  /** Margin of the Wang circuit (V), a fifth of the way from V_T down to the gate's rest at 0 V. */
  private static final double WANG_REARM_V = 0.2 * WANG_VT;

  /** Spike level of the Yi circuits: X2's film temperature crossing 350 K upward (physics.md 4.3). */
  private static final double YI_SPIKE_K = 350;

  /**
   * Margin of the Yi circuits (K), a fifth of the way from the level down to the films' 325 K base
   * temperature ({@code t0} of yi*.cir), as 0.1 is for a state in [0, 1] (0.5 level, rest 0): a crossing
   * counts once X2's film goes on to 355 K, and the next only after it has cooled below 345 K. A film resting
   * above 350 K that dips below it and back has not fired; a spike heats it well past 355 K.
   */
  private static final double YI_REARM_K = 0.2 * (YI_SPIKE_K - 325);

  /**
   * f-V drive of yi and yi-mixed: a constant input, under which both fire tonically (yi 0.32 MHz at 2 V); their
   * own source is one 3 us pulse. yi-phasic (capacitive input) and yi-adapt (it stops) do not fire tonically
   * under a constant input and keep their own source.
   */
  private static final String YI_DC_DRIVE = "{vin}";

  /**
   * Paired-pulse pulse of the lif circuit: short and strong. A pulse at its own 2 V must last 13.8 us to fire
   * (physics.md 4.1), much longer than the switch's recovery, so a second such pulse always fires again (the
   * membrane restarts from V_hold, above rest). A 20 V, 1.1 us pulse fires once at its end and holds the switch on
   * (V_in (R_on+R_out)/(R_in+R_on+R_out) = 1.04 V > V_hold) until it ends: the refractory period is then the
   * discharge through the switch down to V_hold, C (R_in || (R_on+R_out)) ln(V_th/V_hold) = 0.50 us.
   */
  private static final String LIF_PULSE = "pulse:amp=20,width=1.1u";

  /** Paired-pulse pulse of the Yi circuits: 4 V for 1 us, as in {@code YiNeuronTest} (docs/neuron-library.md). */
  private static final String YI_PULSE = "pulse:amp=4,width=1u";

  private static final List<NeuronCircuit> ALL = List.of(
      new NeuronCircuit("lif", "1TS-1C leaky integrate-and-fire neuron, NbOx-like threshold switch (physics.md 4.1)",
          "lif.cir", "nts.x", "v(o)", "v(m)").withCompact(CompactLif::of).withRefractoryPulse(LIF_PULSE),
      new NeuronCircuit("lif-ag", "1TS-1C LIF neuron with an Ag diffusive threshold switch", "lif_ag.cir", "nts.x",
          "v(o)", "v(m)").withCompact(CompactLif::of).withRefractoryPulse("pulse:amp=1,width=110u"),
      new NeuronCircuit("lif-ots", "1TS-1C LIF neuron with an ovonic threshold switch", "lif_ots.cir", "nts.x",
          "v(o)", "v(m)").withCompact(CompactLif::of).withRefractoryPulse("pulse:amp=20,width=250n"),
      new NeuronCircuit("wang", "Wang's neuro-transistor: diffusive memristor + capacitor as a MOSFET gate (physics.md 4.4)",
          "wang.cir", "v(g)", "v(o)", "v(g)", WANG_VT, WANG_REARM_V).withCompact(CompactWang::of)
          .withRefractoryPulse("pulse:amp=1,width=20u"),
      neuristor(new NeuronCircuit("pickett", "Pickett's NbO2 neuristor: two Mott channels with opposite bias (physics.md 4.2)",
          "pickett.cir", "nm2.x", "v(n2)", "v(n1)"), "{vin}", Map.of()).withRefractoryPulse("pulse:amp=0.3,width=100n"),
      // tuned for single 42 ns pulses, it does not fire tonically: a 42 ns pulse every 800 ns drives it
      neuristor(new NeuronCircuit("pickett2013", "Pickett's neuristor tuned to the published 0.33 V / 0.028 V responses",
          "pickett2013.cir", "nm2.x", "v(n2)", "v(n1)"), "pulse(0 {vin} 10n 1p 1p {width} 800n)", Map.of("tstop", "8u"))
          .withRefractoryPulse("pulse:amp=0.3,width=42.34n"),
      // the full circuit starts from its operating point under the biases: the kernel relaxes 40 us first
      new NeuronCircuit("yi", "Yi's VO2 active-memristor neuron: two oppositely biased VO2 thermal channels (physics.md 4.3)",
          "yi.cir", "nx2.t", "v(n2)", "v(n1)", YI_SPIKE_K, YI_REARM_K).withCompact(CompactYi::of, 40e-6)
          .withDrive(YI_DC_DRIVE, Map.of(), 4).withRefractoryPulse(YI_PULSE),
      new NeuronCircuit("yi-phasic", "Yi's VO2 neuron, phasic variant: capacitive input coupling (physics.md 4.3)",
          "yi_phasic.cir", "nx2.t", "v(n2)", "v(n1)", YI_SPIKE_K, YI_REARM_K).withCompact(CompactYi::of, 40e-6)
          .withRefractoryPulse(YI_PULSE),
      new NeuronCircuit("yi-mixed", "Yi's VO2 neuron, mixed-mode variant: resistive and capacitive input in parallel (physics.md 4.3)",
          "yi_mixed.cir", "nx2.t", "v(n2)", "v(n1)", YI_SPIKE_K, YI_REARM_K).withCompact(CompactYi::of, 40e-6)
          .withDrive(YI_DC_DRIVE, Map.of(), 4).withRefractoryPulse(YI_PULSE),
      new NeuronCircuit("yi-adapt", "Yi's VO2 neuron, adapting variant: X1 biased through a load resistor onto a reservoir capacitor (physics.md 4.3)",
          "yi_adapt.cir", "nx2.t", "v(n2)", "v(n1)", YI_SPIKE_K, YI_REARM_K).withCompact(CompactYi::of, 200e-6)
          .withRefractoryPulse("pulse:amp=3,width=3u"),
      new NeuronCircuit("tuma", "Tuma's stochastic phase-change integrate-and-fire neuron, seeded (physics.md 3.7, 4.6)",
          "tuma.cir", "ncell.s", "ncell.s", "v(o)").withRefractoryPulse("pulse:amp=1.5,width=100n"),
      new NeuronCircuit("huang", "Huang's quasi-Hodgkin-Huxley neuron: two second-order protonic memristors (physics.md 4.5)",
          "huang.cir", "nm2.w", "v(b)", "v(a)").withCompact(CompactHuang::of)
          .withRefractoryPulse("pulse:amp=1.2,width=1m"));

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
