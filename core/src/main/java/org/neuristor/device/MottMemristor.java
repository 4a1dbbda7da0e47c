package org.neuristor.device;

import java.util.List;
import java.util.Map;
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
