package org.neuristor.device.characterize;

import org.neuristor.circuit.Load;
import org.neuristor.circuit.element.TwoTerminal;

/**
 * Current compliance of a source-measure unit as a smooth two-terminal element:
 * {@code i = I_c tanh(v / (I_c R_s))}, a small resistance R_s below the compliance current I_c and
 * a current source of I_c above it (C-infinity, so Newton sees no kink).
 */
public final class ComplianceLimiter extends TwoTerminal {
  private final double ic;
  private final double rs;

  /**
   * @param complianceAmps compliance current I_c (A)
   * @param smallOhm series resistance below compliance (Ohm)
   */
  public ComplianceLimiter(String name, String p, String n, double complianceAmps, double smallOhm) {
    super(name, p, n);
    this.ic = complianceAmps;
    this.rs = smallOhm;
  }

  @Override
  public boolean nonlinear() {
    return true;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double th = Math.tanh(v / (ic * rs));
    stampCurrent(l, ic * th, (1 - th * th) / rs);
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * ic * Math.tanh(v / (ic * rs));
  }
}
