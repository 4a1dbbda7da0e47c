package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Load;

/**
 * Electro-thermal Mott memristor (thermally driven insulator-metal transition, physics.md 3.2),
 * with the device temperature T as a circuit unknown.
 *
 * <pre>
 *   u(T)     = S((T - T_c)/w)                                  metallic fraction (logistic)
 *   R_i(T)   = R_i0 exp((E_a/k_B)(1/T - 1/T_amb))              insulating phase (Arrhenius)
 *   1/R(T)   = u/R_m + (1 - u)/R_i(T),   i = v/R(T)
 *   d/dt [C_th T + L_H u(T)] = v^2/R(T) - (T - T_amb)/R_th     Joule heating, Newton cooling, latent heat
 * </pre>
 *
 * The enthalpy form gives C_eff = C_th + L_H u(1-u)/w exactly. The state equation is divided by
 * C_th so that its row is in K/s. Steady state for a held bias: v^2/R(T) = (T - T_amb)/R_th.
 *
 * <table><caption>Parameters (preset nbo2 = defaults, [D] physics.md 3.2)</caption>
 * <tr><th>name</th><th>default</th><th>unit</th></tr>
 * <tr><td>tamb</td><td>300</td><td>K</td></tr><tr><td>tc</td><td>1070</td><td>K</td></tr>
 * <tr><td>w</td><td>5</td><td>K</td></tr><tr><td>ri0</td><td>20e3</td><td>Ohm</td></tr>
 * <tr><td>ea</td><td>0.05</td><td>eV</td></tr><tr><td>rm</td><td>400</td><td>Ohm</td></tr>
 * <tr><td>rth</td><td>5e6</td><td>K/W</td></tr><tr><td>cth</td><td>1e-16</td><td>J/K</td></tr>
 * <tr><td>lh</td><td>1e-14</td><td>J</td></tr></table>
 *
 * <p>References: M. D. Pickett, R. S. Williams, Nanotechnology 23, 215202 (2012); M. D. Pickett,
 * G. Medeiros-Ribeiro, R. S. Williams, Nat. Mater. 12, 114 (2013) (the energy-balance form is ours).
 */
public final class MottMemristor extends OneStateDevice {
  /** Declaration of the netlist type {@code mott}. */
  public static final ModelType TYPE = ModelType.of("mott",
      "electro-thermal Mott memristor (Joule heating, Newton cooling, latent heat)",
      "M. D. Pickett, R. S. Williams, Nanotechnology 23, 215202 (2012); Nat. Mater. 12, 114 (2013); physics.md 3.2",
      ModelType.withVariability(List.of(
          ParameterSpec.of("tamb", "K", 300, 1, 2000, "ambient temperature"),
          ParameterSpec.of("tc", "K", 1070, 1, 3000, "insulator-metal transition temperature"),
          ParameterSpec.of("w", "K", 5, 0.01, 500, "transition width"),
          ParameterSpec.resistance("ri0", 20e3, 1e-3, 1e15, "insulating resistance at tamb"),
          ParameterSpec.of("ea", "eV", 0.05, 0, 2, "activation energy of the insulating phase"),
          ParameterSpec.resistance("rm", 400, 1e-3, 1e15, "fully metallic resistance"),
          new ParameterSpec("rth", "K/W", 5e6, 1, 1e12, "thermal resistance to ambient", ParameterSpec.Spread.LOGNORMAL),
          ParameterSpec.of("cth", "J/K", 1e-16, 1e-24, 1e-3, "thermal capacitance"),
          ParameterSpec.of("lh", "J", 1e-14, 0, 1e-6, "latent heat of the channel"),
          ParameterSpec.of("t0", "K", 0, 0, 3000, "initial temperature (0 = tamb)"))),
      ThresholdSwitch.presets(new Object[][] {
          {"nbo2", Map.of("tamb", 300.0, "tc", 1070.0, "w", 5.0, "ri0", 20e3, "ea", 0.05, "rm", 400.0, "rth", 5e6,
              "cth", 1e-16, "lh", 1e-14)},
          {"vo2", Map.of("tamb", 300.0, "tc", 340.0, "w", 2.0, "ri0", 50e3, "ea", 0.05, "rm", 1e3, "rth", 1e6,
              "cth", 1e-16, "lh", 1e-15)}}),
      v -> {
        if (v.get("tc") <= v.get("tamb")) {
          throw new ModelParameterException("tc", "tc = " + v.get("tc") + " K must exceed tamb = " + v.get("tamb") + " K");
        }
      }, MottMemristor::new)
      .withProbe(Map.of("preset", "nbo2"), 1.5, new double[] {300, 1200})
      .withCorpus(r -> {
        // R_i0 5-50 kOhm, R_m 200-1000 Ohm, R_th 1-10 MK/W, C_th 30-300 aJ/K; V_in 0.3-3 V through
        // 1-50 kOhm onto 10 fF-10 pF for 20 RC (20 ns to 10 us)
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        p.put("ri0", ModelType.logU(r, 5e3, 50e3));
        p.put("rm", ModelType.u(r, 200, 1000));
        p.put("rth", ModelType.logU(r, 1e6, 1e7));
        p.put("cth", ModelType.logU(r, 3e-17, 3e-16));
        p.put("ea", ModelType.u(r, 0.02, 0.1));
        p.put("w", ModelType.u(r, 2, 10));
        double vin = ModelType.u(r, 0.3, 3);
        double rin = ModelType.logU(r, 1e3, 50e3);
        double cap = ModelType.logU(r, 1e-14, 1e-11);
        return new ModelType.CorpusDraw(Map.copyOf(p), vin, rin, cap, Math.min(Math.max(20 * rin * cap, 20e-9), 1e-5));
      });

  static final double K_B_EV = 8.617333262e-5;
  private final double tamb;
  private final double tc;
  private final double w;
  private final double ri0;
  private final double eaK;
  private final double gm;
  private final double rth;
  private final double cth;
  private final double lh;
  private final double t0;
  private final double[] work = new double[4];

  public MottMemristor(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes.get(0), nodes.get(1), "t", 1e-3);
    tamb = p.get("tamb");
    tc = p.get("tc");
    w = p.get("w");
    ri0 = p.get("ri0");
    eaK = p.get("ea") / K_B_EV;
    gm = 1 / p.get("rm");
    rth = p.get("rth");
    cth = p.get("cth");
    lh = p.get("lh");
    double ti = p.get("t0");
    t0 = ti > 0 ? ti : tamb;
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = t0;
  }

  /** Conductance 1/R(T) (S) and, in out, {G, dG/dT, u, du/dT}. */
  public double conductance(double t, double[] out) {
    // smooth floor keeps 1/T finite for wild trial iterates without touching physical temperatures
    double te = 20 + Smooth.softplus(t - 20);
    double dte = Smooth.sig(t - 20);
    double u = Smooth.sig((t - tc) / w);
    double du = u * (1 - u) / w;
    double arg = -eaK * (1 / te - 1 / tamb);
    double gi = Smooth.limexp(arg, 80) / ri0;
    double dgi = Smooth.dlimexp(arg, 80) / ri0 * eaK / (te * te) * dte;
    double g = u * gm + (1 - u) * gi;
    out[0] = g;
    out[1] = du * (gm - gi) + (1 - u) * dgi;
    out[2] = u;
    out[3] = du;
    return g;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double t = l.v(s);
    double[] c = work;
    conductance(t, c);
    double g = c[0];
    double dg = c[1];
    stampCurrent(l, g * v, g);
    l.g(hps, v * dg);
    l.g(hns, -v * dg);
    l.q(s, t + lh / cth * c[2]);
    l.c(hss, 1 + lh / cth * c[3]);
    l.f(s, -(g * v * v - (t - tamb) / rth) / cth);
    l.g(hss, -(v * v * dg - 1 / rth) / cth);
    l.g(hsp, -2 * g * v / cth);
    l.g(hsn, 2 * g * v / cth);
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * v * conductance(x[s], new double[4]);
  }

  /** Index of the temperature unknown. */
  public int stateIndex() {
    return s;
  }
}
