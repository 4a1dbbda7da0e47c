package org.neuristor.network;

import java.util.function.IntConsumer;
import org.neuristor.NeuristorException;
import org.neuristor.crossbar.TiledRead;
import org.neuristor.learn.InSituTraining;
import org.neuristor.data.Dataset;
import org.neuristor.device.PulseProgrammedSynapse;
import org.neuristor.learn.Mlp;

/**
 * Digit recognition by a spiking network of memristive LIF neurons on crossbar synapses, by
 * conversion: (1) train a bias-free rate network {@code in -> H (ReLU) -> 10} ({@link Mlp}); (2)
 * program its weights into two differential-pair crossbars of a synapse device ({@link Crossbar}:
 * levels, non-linear update, cycle-to-cycle noise, device-to-device spread, stuck devices); (3)
 * classify by spiking ({@link CrossbarClassifier}). Training once and mapping many times gives the
 * non-ideality curves.
 */
public final class DigitsPipeline {
  private DigitsPipeline() {}

  /** A trained float network with its normalization constants. */
  public record Trained(Mlp mlp, double[] lambda, double w1max, double w2max, double floatTestAccuracy) {}

  /** Trains the float network; lambda from the 99.9th percentile of activations on up to 2,000 training samples. */
  public static Trained train(Dataset train, Dataset test, int hidden, Mlp.Options o, IntConsumer progress) {
    Mlp m = new Mlp(train.features(), hidden, 10, o.seed());
    m.train(train, o, progress);
    double[] lambda = m.activationScales(train, 0.999, 2000);
    return new Trained(m, lambda, maxAbs(m.w1), maxAbs(m.w2), m.accuracy(test));
  }

  static double maxAbs(double[] w) {
    double m = 0;
    for (double v : w) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /**
   * The NeuroSim Ag:a-Si device (physics.md 3.8c), or a fitted synapse (a {@code .json} file written
   * by {@code fit synapse}, see {@link #fittedSynapse}), with the level count, device-to-device spread
   * and stuck fraction replaced when given (levels &lt;= 0, d2d or stuck &lt; 0 keep the preset). A
   * new level count keeps the non-linearity (A / P_max constant); stuck devices are split evenly
   * between stuck-on and stuck-off.
   */
  public static PulseProgrammedSynapse.Params device(String synapse, int levels, double d2d, double stuck, Double c2c) {
    PulseProgrammedSynapse.Params p;
    switch (synapse) {
      case "ideal":
        if (levels > 0 || d2d > 0 || stuck > 0) {
          // ideal device with the asked non-idealities: linear update, no noise
          p = new PulseProgrammedSynapse.Params(3.0769e-9, 3.8462e-8, 1000, 1000, 1e9, -1e9, 0, 0, 0, 0);
          if (levels <= 0) {
            levels = 1000;
          }
        } else {
          return null;
        }
        break;
      case "neurosim":
      case "neurosim_agsi":
        p = PulseProgrammedSynapse.Params.neurosimAgSi();
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
    return new PulseProgrammedSynapse.Params(p.gMinSiemens(), p.gMaxSiemens(), lt, ld, altp, altd,
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
  public static PulseProgrammedSynapse.Params fittedSynapse(java.nio.file.Path file) {
    com.fasterxml.jackson.databind.JsonNode j;
    try {
      j = org.neuristor.io.Json.mapper().readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw NeuristorException.input("cannot read fitted synapse " + file + ": " + e.getMessage());
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
      PulseProgrammedSynapse.Params ns = PulseProgrammedSynapse.Params.neurosimAgSi();
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
      return new PulseProgrammedSynapse.Params(gMin, gMax, j.get("levels_ltp").asInt(), j.get("levels_ltd").asInt(), aLtp,
          aLtd, j.get("sigma_c2c").asDouble(), 0, 0, 0);
    } catch (RuntimeException e) {
      throw NeuristorException.input(file + ": " + e.getMessage());
    }
  }

  /** A mapped network: its two crossbars and the classifier over them. */
  public record Mapped(Crossbar c1, Crossbar c2, CrossbarClassifier classifier, double programmingEnergyJoules,
      long pulses) {}

  /** Programs the trained weights onto crossbars of the device (null: ideal) with the given seed. */
  public static Mapped map(Trained t, PulseProgrammedSynapse.Params device, CrossbarClassifier.Config cfg, long seed) {
    return map(t, device, cfg, seed, 5);
  }

  /**
   * As {@link #map(Trained, PulseProgrammedSynapse.Params, CrossbarClassifier.Config, long)} with the write-verify
   * iterations.
   */
  public static Mapped map(Trained t, PulseProgrammedSynapse.Params device, CrossbarClassifier.Config cfg, long seed,
      int verifyIterations) {
    Mlp m = t.mlp();
    Crossbar c1 = new Crossbar(m.inputs(), m.hidden(), device, CounterRng.hash(seed, 31, 1));
    Crossbar c2 = new Crossbar(m.hidden(), m.outputs(), device, CounterRng.hash(seed, 31, 2));
    if (device != null) {
      c1.verifyIterations(verifyIterations);
      c2.verifyIterations(verifyIterations);
    }
    c1.program(m.w1, t.w1max());
    c2.program(m.w2, t.w2max());
    CrossbarClassifier cc = new CrossbarClassifier(c1, t.w1max(), c2, t.w2max(), t.lambda(), cfg);
    return new Mapped(c1, c2, cc, c1.programmingEnergyJoules() + c2.programmingEnergyJoules(),
        c1.pulses() + c2.pulses());
  }

  /**
   * Replaces both crossbars' read conductances by what the read circuit presents (wire, driver and
   * sense resistance, tiles, selector; {@link TiledRead}); a no-op for the ideal configuration.
   */
  public static void readThrough(Mapped m, TiledRead.Config c, int threads) {
    for (Crossbar x : new Crossbar[] {m.c1(), m.c2()}) {
      if (c.isIdeal()) {
        x.readConductances(null, null);
        continue;
      }
      TiledRead.Effective e = TiledRead.of(x.conductances(), x.rows(), 2 * x.cols(), c,
          tasks -> CrossbarClassifier.runAll(tasks, threads));
      x.readConductances(e.m(), e.driverConductance());
    }
  }

  /** Range of an in-situ trained layer: {@code W = 2 s (G+ - G_ref)/(G_max - G_min)} (see {@link InSituTraining}). */
  public static Trained trainedInSitu(InSituTraining.Result r, Dataset train, Dataset test, InSituTraining.Options o) {
    Mlp m = r.read();
    double[] lambda = m.activationScales(train, 0.999, 2000);
    return new Trained(m, lambda, 2 * o.range1(), 2 * o.range2(), m.accuracy(test));
  }

  /** The classifier over an in-situ trained network's own crossbars. */
  public static Mapped mappedInSitu(InSituTraining.Result r, Trained t, CrossbarClassifier.Config cfg) {
    CrossbarClassifier cc = new CrossbarClassifier(r.c1(), t.w1max(), r.c2(), t.w2max(), t.lambda(), cfg);
    return new Mapped(r.c1(), r.c2(), cc, r.programmingEnergyJoules(), r.programmingPulses());
  }

  /**
   * NeuroSim's table from non-linearity label NL to the normalized curve constant A / P_max
   * (MLP+NeuroSim V3.0, documents/Nonlinearity-NormA.htm), at the labels used here; NL 0 is linear.
   */
  static final double[][] NL_TO_NORM_A = {{0.5, 2.5199}, {1, 1.2517}, {1.5, 0.8252}, {2, 0.609}, {2.4, 0.4992},
      {2.5, 0.477}, {3, 0.3868}, {3.5, 0.3206}, {4, 0.2691}, {4.5, 0.2274}, {4.88, 0.2003}, {5, 0.1924},
      {5.5, 0.1622}, {6, 0.1356}, {7, 0.0901}, {8, 0.0528}, {9, 0.0228}};

  /** A / P_max of a non-linearity label (one of the tabulated labels, or 0 for a linear device). */
  public static double normalizedA(double nl) {
    if (nl == 0) {
      return 1e7;
    }
    for (double[] row : NL_TO_NORM_A) {
      if (Math.abs(row[0] - Math.abs(nl)) < 1e-9) {
        return row[1];
      }
    }
    StringBuilder known = new StringBuilder("0");
    for (double[] row : NL_TO_NORM_A) {
      known.append(", ").append(row[0]);
    }
    throw NeuristorException.input("non-linearity label " + nl + " is not tabulated (known: " + known + ")");
  }

  /** The device with LTP and LTD non-linearity labels replaced (NeuroSim's NL, A from its table). */
  public static PulseProgrammedSynapse.Params withNonlinearity(PulseProgrammedSynapse.Params p, double nlLtp,
      double nlLtd) {
    return new PulseProgrammedSynapse.Params(p.gMinSiemens(), p.gMaxSiemens(), p.levelsLtp(), p.levelsLtd(),
        normalizedA(nlLtp) * p.levelsLtp(), -normalizedA(nlLtd) * p.levelsLtd(), p.sigmaC2C(), p.sigmaD2D(),
        p.pStuckOn(), p.pStuckOff());
  }
}
