package org.neuristor.device;

import java.util.SplittableRandom;

/**
 * Pulse-programmed non-volatile synapse (NeuroSim model, physics.md 3.8c), a plain value model
 * for crossbar simulations: a pulse number P on a non-linear conductance curve.
 *
 * <pre>
 *   LTP:  G(P) = B (1 - exp(-P/A_LTP)) + G_min,  B = (G_max - G_min)/(1 - exp(-P_max/A_LTP))
 *   LTD:  same form with A_LTD &lt; 0 on its own axis of P_max,LTD levels (steep near G_max)
 *   a pulse moves P by +-1 along the curve of its polarity, found by inverting the curve at the
 *   current G:  P(G) = -A ln(1 - (G - G_min)/B)
 *   cycle-to-cycle: each pulse adds N(0, sigma_C2C^2), sigma_C2C relative to G_max - G_min; clipped to [G_min, G_max]
 *   device-to-device: A_LTP and A_LTD scaled by (1 + sigma_D2D N(0,1)) at creation
 *   stuck devices: with probabilities pStuckOn / pStuckOff the device sits at G_max / G_min for ever
 * </pre>
 *
 * A value model, not a circuit element: the synaptic memristor as a netlist device (state equation,
 * I-V law) is {@link SynapticMemristor} (type {@code synapse}).
 *
 * <p>Mutable (one device's state), not thread-safe; every stochastic draw comes from its own seeded
 * stream. Reference: P.-Y. Chen, X. Peng, S. Yu, IEEE TCAD 37, 3067 (2018); NeuroSim Cell.cpp.
 */
public final class PulseProgrammedSynapse {

  /**
   * Parameters of a synapse device.
   *
   * @param gMinSiemens lowest conductance (S)
   * @param gMaxSiemens highest conductance (S)
   * @param levelsLtp number of potentiation pulses from G_min to G_max
   * @param levelsLtd number of depression pulses from G_max to G_min
   * @param aLtp non-linearity constant of potentiation (pulses, &gt; 0)
   * @param aLtd non-linearity constant of depression (pulses, &lt; 0)
   * @param sigmaC2C cycle-to-cycle sigma per pulse, fraction of the range
   * @param sigmaD2D device-to-device relative sigma of A
   * @param pStuckOn probability that a device is stuck at G_max
   * @param pStuckOff probability that a device is stuck at G_min
   */
  public record Params(double gMinSiemens, double gMaxSiemens, int levelsLtp, int levelsLtd, double aLtp,
      double aLtd, double sigmaC2C, double sigmaD2D, double pStuckOn, double pStuckOff) {
    public Params {
      if (!(gMinSiemens > 0) || !(gMaxSiemens > gMinSiemens)) {
        throw new org.neuristor.ModelParameterException("gmax", "synapse needs 0 < gmin < gmax, got "
            + gMinSiemens + ", " + gMaxSiemens);
      }
      if (levelsLtp < 1 || levelsLtd < 1) {
        throw new org.neuristor.ModelParameterException("levels", "synapse levels must be >= 1");
      }
      if (!(aLtp > 0) || !(aLtd < 0)) {
        throw new org.neuristor.ModelParameterException("a_ltp", "synapse needs a_ltp > 0 and a_ltd < 0");
      }
      if (sigmaC2C < 0 || sigmaD2D < 0 || pStuckOn < 0 || pStuckOff < 0 || pStuckOn + pStuckOff > 1) {
        throw new org.neuristor.ModelParameterException("sigma_c2c", "synapse sigmas and stuck probabilities must be >= 0");
      }
    }

    /** NeuroSim's default Ag:a-Si device: 26 MOhm / 325 MOhm, 97/100 levels, NL +2.40/-4.88, C2C 3.5 %. */
    public static Params neurosimAgSi() {
      return new Params(3.0769e-9, 3.8462e-8, 97, 100, 48.42, -20.03, 0.035, 0.0, 0.0, 0.0);
    }

    /** The same device without cycle-to-cycle noise. */
    public Params withoutNoise() {
      return new Params(gMinSiemens, gMaxSiemens, levelsLtp, levelsLtd, aLtp, aLtd, 0, sigmaD2D, pStuckOn, pStuckOff);
    }
  }

  private final Params p;
  private final double aLtp;
  private final double aLtd;
  private final double bLtp;
  private final double bLtd;
  private final int stuck; // 0 none, +1 on, -1 off
  private final SplittableRandom rng;
  private double g;

  /** A device at G_min with its device-to-device draws taken from {@code seed}. */
  public PulseProgrammedSynapse(Params p, long seed) {
    this.p = p;
    this.rng = new SplittableRandom(seed);
    double fLtp = 1 + p.sigmaD2D() * gauss();
    double fLtd = 1 + p.sigmaD2D() * gauss();
    this.aLtp = p.aLtp() * Math.max(fLtp, 0.05);
    this.aLtd = p.aLtd() * Math.max(fLtd, 0.05);
    this.bLtp = curveB(p, aLtp, p.levelsLtp());
    this.bLtd = curveB(p, aLtd, p.levelsLtd());
    double r = rng.nextDouble();
    this.stuck = r < p.pStuckOn() ? 1 : r < p.pStuckOn() + p.pStuckOff() ? -1 : 0;
    this.g = stuck == 1 ? p.gMaxSiemens() : p.gMinSiemens();
  }

  private double gauss() {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Conductance (S). */
  public double conductance() {
    return g;
  }

  /** Position in the range, (G - G_min)/(G_max - G_min). */
  public double normalized() {
    return (g - p.gMinSiemens()) / (p.gMaxSiemens() - p.gMinSiemens());
  }

  /** Sets the conductance (clipped to the range), e.g. to program an initial weight. */
  public void setConductance(double siemens) {
    if (stuck == 0) {
      g = clip(siemens);
    }
  }

  /** Conductance on the potentiation curve after P pulses from G_min. */
  public double ltpCurve(double pulses) {
    return bLtp * (1 - Math.exp(-pulses / aLtp)) + p.gMinSiemens();
  }

  /** Conductance on the depression curve at pulse coordinate P (P_max,LTD = G_max). */
  public double ltdCurve(double pulses) {
    return bLtd * (1 - Math.exp(-pulses / aLtd)) + p.gMinSiemens();
  }

  /** Applies n potentiating pulses. */
  public void potentiate(int n) {
    apply(n, true);
  }

  /** Applies n depressing pulses. */
  public void depress(int n) {
    apply(n, false);
  }

  private void apply(int n, boolean up) {
    if (stuck != 0) {
      return;
    }
    for (int k = 0; k < n; k++) {
      g = pulse(p, g, up ? aLtp : aLtd, up ? bLtp : bLtd, up, p.sigmaC2C() > 0 ? gauss() : 0);
    }
  }

  /**
   * One programming pulse on a device of curve constants a, b (B from {@link #curveB}) at
   * conductance g: invert the curve of the pulse's polarity, move P by +-1 (bounded by the level
   * count), add the cycle-to-cycle term {@code sigma_C2C (G_max - G_min) z} with the given standard
   * normal z, clip to [G_min, G_max]. Shared by this class and crossbar arrays.
   */
  public static double pulse(Params p, double g, double a, double b, boolean up, double z) {
    double range = p.gMaxSiemens() - p.gMinSiemens();
    // for LTD B < 0 and the ratio is <= 0; the curve inverse needs only 1 - ratio > 0
    double frac = Math.min((g - p.gMinSiemens()) / b, 1 - 1e-15);
    double pos = -a * Math.log(1 - frac);
    pos = up ? Math.min(pos + 1, p.levelsLtp()) : Math.max(pos - 1, 0);
    double next = b * (1 - Math.exp(-pos / a)) + p.gMinSiemens() + p.sigmaC2C() * range * z;
    return Math.min(Math.max(next, p.gMinSiemens()), p.gMaxSiemens());
  }

  /** The curve's B for non-linearity constant a over the given number of levels. */
  public static double curveB(Params p, double a, int levels) {
    return (p.gMaxSiemens() - p.gMinSiemens()) / (1 - Math.exp(-levels / a));
  }

  private double clip(double v) {
    return Math.min(Math.max(v, p.gMinSiemens()), p.gMaxSiemens());
  }

  /** The parameters. */
  public Params params() {
    return p;
  }
}
