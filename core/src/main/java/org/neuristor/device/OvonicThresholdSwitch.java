package org.neuristor.device;

import java.util.List;
import java.util.Map;

/**
 * Ovonic threshold switch (chalcogenide OTS: GeTe, GeSe, Ge-As-Se-Te; physics.md 3.5): TS-A gate
 * with trap-limited sub-threshold conduction and a holding-voltage ON branch.
 *
 * <pre>
 *   i = v/R_off + I_0 sinh(v/V_a) + x G_on h(|v|) sign(v),   h(a) = s[sp((a - V_on)/s) - sp(-V_on/s)]
 *   x obeys the TS-A equation of {@link ThresholdSwitch}
 * </pre>
 *
 * I_0 sinh(v/V_a) is Ielmini's Poole-Frenkel-like law lumped as
 * I_0 = 2 q A N_T (dz/tau_0) exp(-(E_C - E_F)/k_B T), V_a = 2 k_B T u_a/(q dz); sinh is continued
 * linearly beyond an argument of 40. Defaults [D]: V_th 2 V, V_hold 0.8 V, V_on 0.7 V, R_on 1 kOhm,
 * R_off 100 MOhm, I_0 1 nA, V_a 0.3 V, tau_on 5 ns, tau_off 50 ns, delta 5 mV.
 * References: D. Ielmini, Phys. Rev. B 78, 035308 (2008); D. Adler et al., J. Appl. Phys. 51, 3289 (1980).
 */
public final class OvonicThresholdSwitch extends ThresholdSwitch {
  private static final Map<String, Double> GESE = with(set(2.0, 0.8, 1e3, 100e6, 5e-9, 50e-9, 5e-3), "von", 0.7,
      "i0", 1e-9, "va", 0.3, "hold", 1, "observed", 1);

  /** Declaration of the netlist type {@code ots}. */
  public static final ModelType TYPE = ModelType.of("ots",
      "ovonic threshold switch (sinh sub-threshold, holding-voltage ON branch)",
      "D. Ielmini, Phys. Rev. B 78, 035308 (2008); physics.md 3.5", specs(GESE),
      presets(new Object[][] {{"gese", GESE}, {"gete", with(GESE, "vth", 1.2, "vhold", 0.6, "von", 0.5)}}), CHECK,
      OvonicThresholdSwitch::new).withProbe(Map.of("preset", "gese"), 3.0).withCorpus(corpus("ots"));

  public OvonicThresholdSwitch(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes, withHold(p), seed);
  }

  private static Map<String, Double> withHold(Map<String, Double> p) {
    Map<String, Double> m = new java.util.HashMap<>(p);
    m.put("hold", 1.0);
    return m;
  }
}
