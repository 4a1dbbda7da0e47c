package org.neuristor.digits;

import java.util.function.IntConsumer;
import org.neuristor.NeuristorException;
import org.neuristor.crossbar.TiledRead;
import org.neuristor.device.PulseProgrammedSynapse;
import org.neuristor.network.CounterRng;
import org.neuristor.network.Crossbar;
import org.neuristor.network.CrossbarClassifier;

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
