package org.neuristor.device;

import java.util.List;
import java.util.Map;

/**
 * Diffusive (Ag-based) volatile memristor, reduced circuit model (physics.md 3.4b/c): the TS-A
 * gate of {@link ThresholdSwitch} with a voltage-dependent on-time and a stochastic delay.
 *
 * <pre>
 *   tau_on(v) = tau_on exp(-(|v| - V_th)/V_0)                    faster switching at higher bias
 *   per OFF-&gt;ON-&gt;OFF cycle: tau_on multiplied by (1 - sdelay) + sdelay Exp(1)
 *                                                                (dead time + Poisson nucleation, mean kept)
 *   tau_off   = relaxation time of the Ag bridge (10 us .. 1 ms)
 * </pre>
 *
 * Defaults (Ag-diffusive-like, [D]): V_th 0.4 V, V_hold 0.1 V, R_on 5 kOhm, R_off 1 GOhm, tau_on 1 us,
 * tau_off 100 us, delta 1 mV, V_0 0.05 V, sdelay 0.5. References: Z. Wang et al., Nat. Mater. 16, 101
 * (2017); H. Jiang et al., Nat. Commun. 8, 882 (2017).
 */
public final class DiffusiveMemristor extends ThresholdSwitch {
  private static final Map<String, Double> AG = with(set(0.4, 0.1, 5e3, 1e9, 1e-6, 100e-6, 1e-3), "v0", 0.05,
      "sdelay", 0.5, "observed", 1);

  /** Declaration of the netlist type {@code diffusive}. */
  public static final ModelType TYPE = ModelType.of("diffusive",
      "Ag diffusive memristor (TS-A with tau_on(v) and stochastic delay)",
      "Z. Wang et al., Nat. Mater. 16, 101 (2017); H. Jiang et al., Nat. Commun. 8, 882 (2017); physics.md 3.4",
      specs(AG), presets(new Object[][] {{"ag-sioxny", AG}, {"ag-siox-fast", with(AG, "tauoff", 10e-6)}}), CHECK,
      DiffusiveMemristor::new).withProbe(Map.of("preset", "ag-sioxny"), 1.0).withCorpus(corpus("diffusive"));

  public DiffusiveMemristor(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes, p, seed);
  }
}
