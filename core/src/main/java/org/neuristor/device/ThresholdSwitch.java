package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Load;

/**
 * Generic volatile threshold switch "TS-A" (physics.md section 3.1): a smooth, Schmitt-gated
 * two-terminal switch with a state x in [0, 1] (0 = OFF, 1 = ON), integrated by the circuit engine.
 *
 * <pre>
 *   i        = G(x) v,                 G(x) = G_off + x (G_on - G_off)
 *   x_inf    = S((|v| - V_th + (V_th - V_hold) x) / delta),   S(z) = 1 / (1 + e^-z)
 *   tau      = tau_off + (tau_on - tau_off) S((x_inf - x) / eps)
 *   dx/dt    = (x_inf - x) / tau
 * </pre>
 *
 * The {@code (V_th - V_hold) x} term makes switching regenerative: the effective threshold falls
 * from V_th to V_hold as the device turns on, which gives true bistability (hysteresis) between
 * V_hold and V_th and keeps series-resistor circuits from settling half-on. Unipolar in |v|.
 * Quasi-static apparent thresholds: {@code V_th - delta (1 + ln((V_th - V_hold)/delta))} and
 * {@code V_hold + delta (1 + ln(...))} (0.98740 / 0.61260 V for the default).
 *
 * <table><caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default (NbOx-like)</th></tr>
 * <tr><td>vth</td><td>V</td><td>1.0</td></tr><tr><td>vhold</td><td>V</td><td>0.6</td></tr>
 * <tr><td>ron</td><td>Ohm</td><td>1e3</td></tr><tr><td>roff</td><td>Ohm</td><td>1e6</td></tr>
 * <tr><td>tauon</td><td>s</td><td>10e-9</td></tr><tr><td>tauoff</td><td>s</td><td>100e-9</td></tr>
 * <tr><td>delta</td><td>V</td><td>2e-3</td></tr><tr><td>eps</td><td>-</td><td>0.02</td></tr>
 * </table>
 * Presets: nbox, vo2, ag, ots (physics.md table 3.1, given as observed thresholds) and pickett (the
 * neuristor set of section 4.2, given as internal parameters as physics.md computed with them).
 * Without a preset, vth and vhold are the internal parameters of the equations above.
 * Reference: the model is designed for this project (physics.md 3.1); anchors: M. D. Pickett and
 * R. S. Williams, Nanotechnology 23, 215202 (2012).
 */
public final class ThresholdSwitch extends StateDevice {
  private final double vth;
  private final double vhold;
  private final double gOn;
  private final double gOff;
  private final double tauOn;
  private final double tauOff;
  private final double delta;
  private final double eps;
  private final double x0;

  public ThresholdSwitch(String name, String p, String n, Map<String, Double> v) {
    super(name, p, n, "x", 1e-6);
    double th = v.get("vth");
    double hold = v.get("vhold");
    double d = v.get("delta");
    if (v.get("observed") != 0 && th > hold) {
      // vth/vhold are the observed quasi-static thresholds: widen the internal ones by the fold
      // shift delta (1 + ln(dV/delta)), a fixed point in dV (physics.md 3.1).
      double shift = d * (1 + Math.log((th - hold) / d));
      for (int k = 0; k < 5; k++) {
        shift = d * (1 + Math.log((th - hold + 2 * shift) / d));
      }
      th += shift;
      hold -= shift;
    }
    this.vth = th;
    this.vhold = hold;
    this.gOn = 1 / v.get("ron");
    this.gOff = 1 / v.get("roff");
    this.tauOn = v.get("tauon");
    this.tauOff = v.get("tauoff");
    this.delta = v.get("delta");
    this.eps = v.get("eps");
    this.x0 = v.get("x0");
    if (!(vhold < vth)) {
      throw new ModelParameterException("vhold", "threshold switch " + name + ": vhold (" + vhold
          + " V) must be below vth (" + vth + " V)");
    }
    if (!(v.get("ron") < v.get("roff"))) {
      throw new ModelParameterException("ron", "threshold switch " + name + ": ron must be below roff");
    }
  }

  static double sig(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** Quasi-static apparent threshold voltage of the default smoothing (physics.md 3.1). */
  public double apparentThreshold() {
    return vth - delta * (1 + Math.log((vth - vhold) / delta));
  }

  /** Quasi-static apparent hold voltage. */
  public double apparentHold() {
    return vhold + delta * (1 + Math.log((vth - vhold) / delta));
  }

  @Override
  double conductanceAt(double x) {
    return gOff + x * (gOn - gOff);
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = x0;
  }

  /** Fills {F, dF/dv, dF/dx} for dx/dt = F(v, x). */
  void rate(double v, double x, double[] out) {
    double sgn = v > 0 ? 1 : v < 0 ? -1 : 0;
    double z = (Math.abs(v) - vth + (vth - vhold) * x) / delta;
    double xi = sig(z);
    double dS = xi * (1 - xi);
    double dxiDv = dS * sgn / delta;
    double dxiDx = dS * (vth - vhold) / delta;
    double w = (xi - x) / eps;
    double s2 = sig(w);
    double dS2 = s2 * (1 - s2);
    double tau = tauOff + (tauOn - tauOff) * s2;
    double dtau = (tauOn - tauOff) * dS2 / eps; // d tau / d (xi - x)
    double num = xi - x;
    out[0] = num / tau;
    out[1] = (dxiDv * tau - num * dtau * dxiDv) / (tau * tau);
    out[2] = ((dxiDx - 1) * tau - num * dtau * (dxiDx - 1)) / (tau * tau);
  }

  private final double[] r = new double[3];

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double x = l.v(s);
    double g = gOff + x * (gOn - gOff);
    stampCurrent(l, g * v, g);
    double dIdx = (gOn - gOff) * v;
    l.g(hps, dIdx);
    l.g(hns, -dIdx);
    rate(v, x, r);
    l.q(s, x);
    l.c(hss, 1.0);
    l.f(s, -r[0]);
    l.g(hsp, -r[1]);
    l.g(hsn, r[1]);
    l.g(hss, -r[2]);
  }

  /** The model type with its parameters and presets. */
  static ModelType type() {
    List<ParameterSpec> ps = List.of(
        new ParameterSpec("vth", "V", 1.0, 1e-3, 100, "threshold voltage (OFF to ON)"),
        new ParameterSpec("vhold", "V", 0.6, 0, 100, "hold voltage (ON to OFF), below vth"),
        new ParameterSpec("ron", "Ohm", 1e3, 1e-3, 1e12, "ON resistance"),
        new ParameterSpec("roff", "Ohm", 1e6, 1e-3, 1e15, "OFF resistance"),
        new ParameterSpec("tauon", "s", 10e-9, 1e-15, 1, "switching-on time constant"),
        new ParameterSpec("tauoff", "s", 100e-9, 1e-15, 1, "relaxation (switching-off) time constant"),
        new ParameterSpec("delta", "V", 2e-3, 1e-5, 1, "smoothing width of the threshold gate"),
        new ParameterSpec("eps", "-", 0.02, 1e-4, 0.5, "blend width between tauon and tauoff"),
        new ParameterSpec("x0", "-", 0, 0, 1, "initial state (0 = OFF)"),
        new ParameterSpec("observed", "-", 0, 0, 1,
            "1: vth and vhold are the observed quasi-static thresholds (the model widens its internal ones)"));
    Map<String, Map<String, Double>> presets = new java.util.LinkedHashMap<>();
    presets.put("nbox", Map.of("vth", 1.0, "vhold", 0.6, "ron", 1e3, "roff", 1e6, "tauon", 10e-9, "tauoff", 100e-9,
        "delta", 2e-3, "observed", 1.0));
    presets.put("vo2", Map.of("vth", 1.5, "vhold", 0.9, "ron", 1e3, "roff", 50e3, "tauon", 10e-9, "tauoff", 100e-9,
        "delta", 2e-3, "observed", 1.0));
    presets.put("ag", Map.of("vth", 0.4, "vhold", 0.1, "ron", 5e3, "roff", 1e9, "tauon", 1e-6, "tauoff", 100e-6,
        "delta", 1e-3, "observed", 1.0));
    presets.put("ots", Map.of("vth", 2.0, "vhold", 0.8, "ron", 1e3, "roff", 100e6, "tauon", 5e-9, "tauoff", 50e-9,
        "delta", 5e-3, "observed", 1.0));
    presets.put("pickett", Map.of("vth", 1.15, "vhold", 0.5, "ron", 10e3, "roff", 10e6, "tauon", 5e-9,
        "tauoff", 20e-9, "delta", 2e-3));
    return new ModelType("ts", "generic volatile threshold switch (TS-A, smooth Schmitt-gated state model)",
        "physics.md 3.1 (designed for Neuristor); M. D. Pickett, R. S. Williams, Nanotechnology 23, 215202 (2012)",
        ps, presets, (inst, nodes, v, rng) -> new ThresholdSwitch(inst, nodes.get(0), nodes.get(1), v));
  }
}
