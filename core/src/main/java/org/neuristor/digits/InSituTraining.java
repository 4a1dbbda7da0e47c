package org.neuristor.digits;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.neuristor.NeuristorException;
import org.neuristor.device.PulseProgrammedSynapse;
import org.neuristor.network.CounterRng;
import org.neuristor.network.Crossbar;

/**
 * Training on the devices (NeuroSim-style in-situ learning; P.-Y. Chen, X. Peng, S. Yu, IEEE TCAD
 * 37, 3067 (2018)): the {@code in -> H (ReLU) -> 10} network of {@link Mlp} keeps its weights
 * only as crossbar conductances, one device per weight around a reference device at mid-range
 * ({@link Crossbar#programReference}):
 *
 * <pre>
 *   W_ij = 2 s_l (G+_ij - G_ref,ij) / (G_max - G_min)   in [-s_l, s_l]   (s_l: the layer's weight range)
 *   forward and backward passes use the weights read from the conductances
 *   mini-batch SGD:  dW = -eta grad / batch;  n = dW L / (2 s_l) pulses (L levels of the device),
 *   rounded stochastically (floor(|n|) + Bernoulli(frac |n|)), LTP for n &gt; 0, LTD for n &lt; 0, each
 *   through the device's non-linear update with its own cycle-to-cycle noise
 * </pre>
 *
 * so the non-linear, asymmetric, noisy and quantized update of the device is what the network
 * learns with. Stochastic rounding keeps the expected pulse count equal to the requested update
 * (NeuroSim rounds to the nearest pulse, which drops every update below half a level). With
 * {@code device == null} the same loop runs in floating point (weights clipped to [-s_l, s_l]): the
 * reference the device runs are compared with. Deterministic for any thread count: the gradient is
 * computed in fixed shards ({@link Mlp#train(Dataset, Mlp.Options, IntConsumer, Mlp.Update)}) and the
 * pulses are drawn from one seeded stream in weight order.
 */
public final class InSituTraining {
  private InSituTraining() {}

  /**
   * Settings.
   *
   * @param epochs passes over the training set
   * @param batch mini-batch size
   * @param learningRate SGD step eta
   * @param maxShift training digits shifted by up to this many pixels (augmentation, seeded)
   * @param range1 weight range s_1 of the input-to-hidden layer
   * @param range2 weight range s_2 of the hidden-to-output layer
   * @param seed seed of initial weights, order, augmentation, pulses
   * @param threads gradient threads (results do not depend on it)
   */
  public record Options(int epochs, int batch, double learningRate, int maxShift, double range1, double range2,
      long seed, int threads) {
    /**
     * Weight ranges of five He standard deviations of each layer, {@code s_l = 5 sqrt(2 / fan_in)}
     * (0.25 and 0.41 for 784-300-10).
     */
    public static Options withHeRanges(int epochs, int batch, double learningRate, int maxShift, int inputs,
        int hidden, long seed, int threads) {
      return new Options(epochs, batch, learningRate, maxShift, 5 * Math.sqrt(2.0 / inputs), 5 * Math.sqrt(2.0 / hidden),
          seed, threads);
    }

    public Options {
      if (epochs < 0 || batch < 1 || !(learningRate > 0) || maxShift < 0 || !(range1 > 0) || !(range2 > 0)) {
        throw NeuristorException.input("in-situ training needs epochs >= 0, batch >= 1, learning rate > 0 and "
            + "weight ranges > 0");
      }
    }
  }

  /**
   * A network trained on its devices.
   *
   * @param read the network with the weights read from the crossbars (for evaluation and normalization)
   * @param c1 input-to-hidden crossbar (weights around the reference)
   * @param c2 hidden-to-output crossbar
   * @param testAccuracy accuracy of {@code read} on the test set after each epoch
   * @param programmingPulses pulses of the initial programming and all updates
   * @param programmingEnergyJoules their energy
   */
  public record Result(Mlp read, Crossbar c1, Crossbar c2, double[] testAccuracy, long programmingPulses,
      double programmingEnergyJoules) {}

  /** Trains a network of {@code hidden} hidden neurons on the device (null: floating point). */
  public static Result train(Dataset train, Dataset test, int hidden, PulseProgrammedSynapse.Params device, Options o,
      IntConsumer progress) {
    Mlp m = new Mlp(train.features(), hidden, train.classes() > 10 ? train.classes() : 10, o.seed());
    Crossbar c1 = new Crossbar(m.inputs(), m.hidden(), device, CounterRng.hash(o.seed(), 51, 1));
    Crossbar c2 = new Crossbar(m.hidden(), m.outputs(), device, CounterRng.hash(o.seed(), 51, 2));
    if (device != null) {
      c1.verifyIterations(5);
      c2.verifyIterations(5);
    }
    c1.programReference(m.w1, o.range1());
    c2.programReference(m.w2, o.range2());
    readInto(c1, m.w1, o.range1());
    readInto(c2, m.w2, o.range2());
    SplittableRandom rng = new SplittableRandom(CounterRng.hash(o.seed(), 52, 0));
    double[] acc = new double[o.epochs()];
    Mlp.Options mo = new Mlp.Options(1, o.batch(), o.learningRate(), o.maxShift(), o.seed(), o.threads());
    int[] doneBefore = {0};
    for (int e = 0; e < o.epochs(); e++) {
      // one epoch at a time (epoch index e in the order and augmentation seeds) so accuracy can be logged
      Mlp.Options eo = new Mlp.Options(1, mo.batch(), mo.learningRate(), mo.maxShift(), CounterRng.hash(o.seed(), 53, e),
          mo.threads());
      m.train(train, eo, progress == null ? null : done -> progress.accept(doneBefore[0] + done), (g1, g2, bs) -> {
        double step = o.learningRate() / bs;
        update(c1, m.w1, g1, step, o.range1(), rng);
        update(c2, m.w2, g2, step, o.range2(), rng);
      });
      doneBefore[0] += train.size();
      acc[e] = m.accuracy(test);
    }
    return new Result(m, c1, c2, acc, c1.pulses() + c2.pulses(),
        c1.programmingEnergyJoules() + c2.programmingEnergyJoules());
  }

  /** w := 2 s weight(q), the weights the crossbar presents. */
  static void readInto(Crossbar c, double[] w, double range) {
    for (int q = 0; q < w.length; q++) {
      w[q] = 2 * range * c.weight(q);
    }
  }

  /** Applies dW = -step grad as pulses (device) or exactly with clipping (ideal); refreshes w. */
  private static void update(Crossbar c, double[] w, double[] grad, double step, double range, SplittableRandom rng) {
    PulseProgrammedSynapse.Params dev = c.device();
    if (dev == null) {
      for (int q = 0; q < w.length; q++) {
        double v = Math.max(-range, Math.min(range, w[q] - step * grad[q]));
        w[q] = v;
        c.setReferenceWeight(q, v, range);
      }
      return;
    }
    double perPulseUp = dev.levelsLtp() / (2 * range);
    double perPulseDown = dev.levelsLtd() / (2 * range);
    boolean noise = dev.sigmaC2C() > 0;
    for (int q = 0; q < w.length; q++) {
      double dw = -step * grad[q];
      if (dw == 0) {
        continue;
      }
      boolean up = dw > 0;
      double nominal = Math.abs(dw) * (up ? perPulseUp : perPulseDown);
      int k = (int) nominal;
      if (rng.nextDouble() < nominal - k) {
        k++;
      }
      if (k == 0) {
        continue;
      }
      for (int p = 0; p < k; p++) {
        c.pulseWith(2 * q, up, noise ? Crossbar.gauss(rng) : 0);
      }
      w[q] = 2 * range * c.weight(q);
    }
  }

}
