package org.neuristor.library;

import org.neuristor.device.ThresholdSwitch;

/**
 * The TS-A gate of a threshold switch (physics.md 3.1) for the compact kernels: conductance
 * {@code G(x) = G_off + x (G_on - G_off)} and exponential relaxation of x toward
 * {@code x_inf(|v|, x)} with the blended time constant, which keeps x in [0, 1] for any step.
 */
final class TsGate {
  /** Sub-step bound while a switch moves, as a fraction of its tau (first-order splitting: 0.02 keeps spike times within 0.5% of the full circuit). */
  static final double TAU_FRAC = 0.02;
  final double vth;
  final double vhold;
  final double gOn;
  final double gOff;
  final double tauOn;
  final double tauOff;
  final double delta;
  final double eps;
  final double v0;
  final double x0;

  TsGate(double vth, double vhold, double ron, double roff, double tauOn, double tauOff, double delta, double eps,
      double v0, double x0) {
    this.vth = vth;
    this.vhold = vhold;
    this.gOn = 1 / ron;
    this.gOff = 1 / roff;
    this.tauOn = tauOn;
    this.tauOff = tauOff;
    this.delta = delta;
    this.eps = eps;
    this.v0 = v0;
    this.x0 = x0;
  }

  static TsGate of(ThresholdSwitch.Gate g) {
    return new TsGate(g.vth(), g.vhold(), g.ron(), g.roff(), g.tauOn(), g.tauOff(), g.delta(), g.eps(), g.v0(),
        g.x0());
  }

  static double sig(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  double g(double x) {
    return gOff + x * (gOn - gOff);
  }

  double xinf(double v, double x) {
    return sig((Math.abs(v) - vth + (vth - vhold) * x) / delta);
  }

  /** On-time at device voltage v (tau_on(v) of diffusive devices when v0 &gt; 0, soft-capped at e^8). */
  double ton(double v) {
    return v0 > 0 ? tauOn * Math.exp(8 * Math.tanh(-(Math.abs(v) - vth) / v0 / 8)) : tauOn;
  }

  double tau(double v, double x, double xinf) {
    return tauOff + (ton(v) - tauOff) * sig((xinf - x) / eps);
  }

  /** Whether x is moving: mid-transition or away from its target. */
  static boolean active(double x, double xinf) {
    return Math.abs(xinf - x) > 1e-2 || (x > 1e-2 && x < 0.99);
  }

  /** x after a step h at device voltage v. */
  double relax(double x, double v, double h) {
    double xi = xinf(v, x);
    return xi + (x - xi) * Math.exp(-h / tau(v, x, xi));
  }
}
