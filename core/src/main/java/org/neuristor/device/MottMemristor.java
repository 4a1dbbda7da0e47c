package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Load;

/**
 * Electro-thermal Mott memristor (NbO2, Pickett type; physics.md section 3.2): the device
 * temperature T is the state; Joule heating drives the insulator-metal transition at T_c, Newton
 * cooling relaxes it, so the device is volatile and shows an S-shaped negative differential
 * resistance.
 *
 * <pre>
 *   u(T)     = S((T - T_c) / w)                               metallic fraction
 *   G(T)     = u / R_m + (1 - u) / R_i(T),   R_i = R_i0 exp((E_a/k_B)(1/T - 1/T_amb))
 *   i        = G(T) v
 *   d/dt [C_th T + L_H u(T)] = v^2 G(T) - (T - T_amb) / R_th      (latent heat as a charge term)
 * </pre>
 *
 * Writing the latent heat as {@code q = C_th T + L_H u(T)} gives exactly the effective heat capacity
 * {@code C_th + L_H u(1-u)/w} of physics.md without a T-dependent capacitance in the residual.
 *
 * <table><caption>Parameters (preset nbo2 = defaults)</caption>
 * <tr><th>name</th><th>unit</th><th>default</th></tr>
 * <tr><td>tamb</td><td>K</td><td>300</td></tr><tr><td>tc</td><td>K</td><td>1070</td></tr>
 * <tr><td>w</td><td>K</td><td>5</td></tr><tr><td>ri0</td><td>Ohm</td><td>20e3</td></tr>
 * <tr><td>ea</td><td>eV</td><td>0.05</td></tr><tr><td>rm</td><td>Ohm</td><td>400</td></tr>
 * <tr><td>rth</td><td>K/W</td><td>5e6</td></tr><tr><td>cth</td><td>J/K</td><td>1e-16</td></tr>
 * <tr><td>lh</td><td>J</td><td>10e-15</td></tr>
 * </table>
 * References: M. D. Pickett, R. S. Williams, Nanotechnology 23, 215202 (2012); M. D. Pickett,
 * G. Medeiros-Ribeiro, R. S. Williams, Nat. Mater. 12, 114 (2013). The parameter values are
 * physics.md's defaults, chosen to match the published ~100 fJ / sub-ns switching.
 */
public final class MottMemristor extends StateDevice {
  static final double KB_EV = 8.617333262e-5;

  private final double tamb;
  private final double tc;
  private final double w;
  private final double ri0;
  private final double eaOverK;
  private final double rm;
  private final double rth;
  private final double cth;
  private final double lh;

  public MottMemristor(String name, String p, String n, Map<String, Double> v) {
    super(name, p, n, "t", 1e-3);
    this.tamb = v.get("tamb");
    this.tc = v.get("tc");
    this.w = v.get("w");
    this.ri0 = v.get("ri0");
    this.eaOverK = v.get("ea") / KB_EV;
    this.rm = v.get("rm");
    this.rth = v.get("rth");
    this.cth = v.get("cth");
    this.lh = v.get("lh");
  }

  /** Metallic fraction u(T). */
  double fraction(double t) {
    return ThresholdSwitch.sig((t - tc) / w);
  }

  /** Conductance G(T) (S). */
  public double conductance(double t) {
    double u = fraction(t);
    double gi = Math.exp(-eaOverK * (1 / t - 1 / tamb)) / ri0;
    return u / rm + (1 - u) * gi;
  }

  private double dConductance(double t) {
    double u = fraction(t);
    double du = u * (1 - u) / w;
    double gi = Math.exp(-eaOverK * (1 / t - 1 / tamb)) / ri0;
    return du * (1 / rm - gi) + (1 - u) * gi * eaOverK / (t * t);
  }

  public double thermalResistance() {
    return rth;
  }

  public double ambient() {
    return tamb;
  }

  public double transitionTemperature() {
    return tc;
  }

  @Override
  double conductanceAt(double t) {
    return conductance(Math.max(t, 0.5 * tamb));
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = tamb;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    // Trial Newton points far outside the physical range are clamped smoothly for evaluation.
    double t = Math.max(l.v(s), 0.5 * tamb);
    double g = conductance(t);
    double dg = l.v(s) < 0.5 * tamb ? 0 : dConductance(t);
    stampCurrent(l, g * v, g);
    l.g(hps, dg * v);
    l.g(hns, -dg * v);
    double u = fraction(t);
    l.q(s, cth * t + lh * u);
    l.c(hss, cth + lh * u * (1 - u) / w);
    l.f(s, -(v * v * g - (t - tamb) / rth));
    l.g(hsp, -2 * v * g);
    l.g(hsn, 2 * v * g);
    l.g(hss, -(v * v * dg - 1 / rth));
  }

  static ModelType type() {
    List<ParameterSpec> ps = List.of(
        new ParameterSpec("tamb", "K", 300, 1, 2000, "ambient temperature"),
        new ParameterSpec("tc", "K", 1070, 1, 3000, "insulator-metal transition temperature"),
        new ParameterSpec("w", "K", 5, 0.01, 500, "width of the transition"),
        new ParameterSpec("ri0", "Ohm", 20e3, 1e-3, 1e15, "insulating resistance at ambient"),
        new ParameterSpec("ea", "eV", 0.05, 0, 5, "activation energy of the insulating phase"),
        new ParameterSpec("rm", "Ohm", 400, 1e-3, 1e12, "metallic resistance"),
        new ParameterSpec("rth", "K/W", 5e6, 1, 1e12, "thermal resistance to ambient"),
        new ParameterSpec("cth", "J/K", 1e-16, 1e-24, 1, "thermal capacitance"),
        new ParameterSpec("lh", "J", 10e-15, 0, 1, "latent heat of the channel volume"));
    Map<String, Map<String, Double>> presets = new java.util.LinkedHashMap<>();
    presets.put("nbo2", Map.of("tamb", 300.0, "tc", 1070.0, "w", 5.0, "ri0", 20e3, "ea", 0.05, "rm", 400.0,
        "rth", 5e6, "cth", 1e-16, "lh", 10e-15));
    return new ModelType("mott", "electro-thermal Mott memristor (NbO2 insulator-metal transition)",
        "M. D. Pickett, R. S. Williams, Nanotechnology 23, 215202 (2012); physics.md 3.2", ps, presets,
        (inst, nodes, v, rng) -> new MottMemristor(inst, nodes.get(0), nodes.get(1), v));
  }
}
