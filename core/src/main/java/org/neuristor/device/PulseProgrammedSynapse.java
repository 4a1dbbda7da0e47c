package org.neuristor.device;

import java.util.SplittableRandom;
import org.neuristor.NeuristorException;

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

  /**
   * The NeuroSim Ag:a-Si device (physics.md 3.8c), or a fitted synapse (a {@code .json} file written
   * by {@code fit synapse}, see {@link #fittedSynapse}), with the level count, device-to-device spread
   * and stuck fraction replaced when given (levels &lt;= 0, d2d or stuck &lt; 0 keep the preset). {@code ideal}
   * is null (exact continuous conductances) unless a non-ideality is asked (levels, d2d, stuck or c2c above 0):
   * then a linear, otherwise noise-free device with 1,000 levels unless given. A
   * new level count keeps the non-linearity (A / P_max constant); stuck devices are split evenly
   * between stuck-on and stuck-off.
   */
  public static Params device(String synapse, int levels, double d2d, double stuck, Double c2c) {
    Params p;
    switch (synapse) {
      case "ideal":
        if (levels > 0 || d2d > 0 || stuck > 0 || c2c != null && c2c > 0) {
          // ideal device with the asked non-idealities: linear update, noise only if asked (--c2c)
          p = new Params(3.0769e-9, 3.8462e-8, 1000, 1000, 1e9, -1e9, 0, 0, 0, 0);
          if (levels <= 0) {
            levels = 1000;
          }
        } else {
          return null;
        }
        break;
      case "neurosim":
      case "neurosim_agsi":
        p = Params.neurosimAgSi();
        break;
      default:
        if (synapse.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
          p = fittedSynapse(java.nio.file.Path.of(synapse));
          break;
        }
        throw NeuristorException.input("unknown synapse '" + synapse + "' (ideal, neurosim or a fitted synapse "
            + "FILE.json from 'fit synapse')");
    }
    int lt = p.levelsLtp();
    int ld = p.levelsLtd();
    double altp = p.aLtp();
    double altd = p.aLtd();
    if (levels > 0) {
      if (levels < 1 || levels > 100000) {
        throw NeuristorException.input("--levels must be 1..100000, got " + levels);
      }
      altp = altp * levels / lt;
      altd = altd * levels / ld;
      lt = levels;
      ld = levels;
    }
    double sd = d2d >= 0 ? d2d : p.sigmaD2D();
    double so = stuck >= 0 ? stuck / 2 : p.pStuckOn();
    double sf = stuck >= 0 ? stuck / 2 : p.pStuckOff();
    if (sd > 1 || so + sf > 1) {
      throw NeuristorException.input("--d2d must be <= 1 and --stuck <= 1");
    }
    return new Params(p.gMinSiemens(), p.gMaxSiemens(), lt, ld, altp, altd,
        c2c != null ? c2c : p.sigmaC2C(), sd, so, sf);
  }

  /**
   * A fitted synapse: the NeuroSim device parameters in the JSON file {@code fit synapse} writes
   * ({@code levels_ltp}, {@code levels_ltd}, {@code a_ltp_pulses}, {@code a_ltd_pulses} (null:
   * linear), {@code g_start_ltp}, {@code g_end_ltp}, {@code g_start_ltd}, {@code g_end_ltd} in S,
   * {@code sigma_c2c} as a fraction of the range). G_min and G_max are the extremes of the two fitted
   * curves when they are conductances (all &gt; 0); a fit of normalized data (arbitrary units, such as
   * aihwkit's Gong et al. example) keeps its shape (levels, A in pulses, noise as a fraction of the
   * range) on the NeuroSim Ag:a-Si range, 3.08-38.5 nS (the range only scales the energies). No
   * device-to-device spread or stuck devices: a fit of one device's curves says nothing about them.
   */
  public static Params fittedSynapse(java.nio.file.Path file) {
    com.fasterxml.jackson.databind.JsonNode j;
    try {
      j = org.neuristor.io.Json.mapper().readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw NeuristorException.cannotRead("fitted synapse", file, e);
    }
    String[] keys = {"levels_ltp", "levels_ltd", "a_ltp_pulses", "a_ltd_pulses", "g_start_ltp", "g_end_ltp",
        "g_start_ltd", "g_end_ltd", "sigma_c2c"};
    for (String k : keys) {
      if (j == null || !j.has(k)) {
        throw NeuristorException.input(file + ": not a fitted synapse (no '" + k + "'; write one with "
            + "'fit synapse --pulses FILE')");
      }
    }
    double g0 = j.get("g_start_ltp").asDouble();
    double g1 = j.get("g_end_ltp").asDouble();
    double g2 = j.get("g_start_ltd").asDouble();
    double g3 = j.get("g_end_ltd").asDouble();
    double gMin = Math.min(Math.min(g0, g1), Math.min(g2, g3));
    double gMax = Math.max(Math.max(g0, g1), Math.max(g2, g3));
    if (!(gMin > 0)) {
      Params ns = Params.neurosimAgSi();
      gMin = ns.gMinSiemens();
      gMax = ns.gMaxSiemens();
    }
    double aLtp = j.get("a_ltp_pulses").isNull() ? 1e9 : j.get("a_ltp_pulses").asDouble();
    double aLtd = j.get("a_ltd_pulses").isNull() ? -1e9 : j.get("a_ltd_pulses").asDouble();
    if (!(aLtp > 0) || !(aLtd < 0)) {
      throw NeuristorException.input(file + ": the fitted curves (A_LTP " + aLtp + ", A_LTD " + aLtd + " pulses) "
          + "are not NeuroSim's shape (A_LTP > 0, A_LTD < 0: steepest at the start of each direction)");
    }
    try {
      return new Params(gMin, gMax, j.get("levels_ltp").asInt(), j.get("levels_ltd").asInt(), aLtp,
          aLtd, j.get("sigma_c2c").asDouble(), 0, 0, 0);
    } catch (RuntimeException e) {
      throw NeuristorException.input(file + ": " + e.getMessage());
    }
  }
}
