package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neuristor.device.PulseProgrammedSynapse;
import org.neuristor.digits.Dataset;
import org.neuristor.digits.Vote;

/**
 * The energy figures of the digits pipeline as sums checked by hand on a 2 x 2 crossbar: every number
 * below is written out from the NeuroSim range G_min = 3.0769 nS, G_max = 38.462 nS (Delta G =
 * 35.3851 nS), V_read = 0.5 V, C = 2 fF, V_th = 1 V, gain 0.35, V_w = 3 V, t_w = 300 us.
 */
class CrossbarEnergyTest {
  static final double G_MIN = 3.0769e-9;
  static final double G_MAX = 3.8462e-8;

  /**
   * Two samples on a 2-input, 2-hidden, 2-output ideal network, 20 steps of 100 ns with the input rate
   * 1/dt, so an active input spikes in every step (20 input spikes) and a silent one never.
   * Hidden-to-output weights are all 0 (every device at G_min), so no output neuron fires and every
   * hidden row reads 4 G_min whichever hidden neuron spikes.
   *
   * <p>Layer 1: t_read = w1max/lambda_0 x C V_th x gain / (V_read Delta G) = 7e-16 C / (0.5 V x
   * 35.3851 nS) = 39.56468 ns; layer 2 the same with gainOut 0.7: 79.12935 ns.
   *
   * <p>Sample A (input 0 on; row 0 weights +1 and -0.5): row 0 devices G+ = G_max, G- = G_min and
   * G+ = G_min, G- = G_min + Delta G/2, sum 65.38525 nS; 20 row reads of V^2 t_read sum G =
   * 0.25 x 39.56468e-9 x 65.38525e-9 = 6.467366e-16 J each: 1.2934731e-14 J, plus N_h hidden spikes x
   * (0.25 x 79.12935e-9 x 4 x 3.0769e-9 = 2.4347310e-16 J) of reads of layer 2, plus N_h x 1.68 fJ.
   *
   * <p>Sample B (input 1 on; row 1 weights 0): row 1 reads 4 G_min: 20 x 0.25 x 39.56468e-9 x
   * 12.3076e-9 = 2.4347310e-15 J; no charge reaches the hidden layer, no spike.
   */
  @Test
  void energyPerInferenceIsTheSumOfRowReadsAndNeuronSpikes() {
    Crossbar c1 = inputLayer();
    Crossbar c2 = silentOutputLayer();
    CrossbarClassifier.Config cfg = config();
    assertThat(cfg.dtSeconds()).isEqualTo(100e-9);
    assertThat(cfg.neuron().cFarads()).isEqualTo(2e-15);
    assertThat(cfg.neuron().vThVolts()).isEqualTo(1.0);
    assertThat(cfg.readVolts()).isEqualTo(0.5);
    assertThat(cfg.neuron().energyPerSpikeJoules()).isCloseTo(1.68e-15, within(1e-24));
    assertThat(c1.rowConductance(0)).isCloseTo(65.38525e-9, within(1e-17));
    assertThat(c1.rowConductance(1)).isCloseTo(4 * G_MIN, within(1e-18));

    CrossbarClassifier cc = new CrossbarClassifier(c1, 1, c2, 1, new double[] {1, 1}, cfg);
    assertThat(cc.tReadSeconds()[0]).isCloseTo(39.56468e-9, within(1e-14));
    assertThat(cc.tReadSeconds()[1]).isCloseTo(79.12935e-9, within(1e-14));

    Dataset one = new Dataset("A", new float[][] {{1, 0}}, new int[] {0}, 1, 2);
    CrossbarClassifier.Result a = cc.run(one, 7, 1, null);
    assertThat(a.inputSpikesPerInference()).isEqualTo(20);
    assertThat(a.outputSpikesPerInference()).isZero();
    double nh = a.hiddenSpikesPerInference();
    assertThat(nh).as("hidden spikes of sample A").isPositive();
    assertThat(a.readEnergyPerInference()).isCloseTo(1.2934731e-14 + nh * 2.4347310e-16, within(1e-20));
    assertThat(a.neuronEnergyPerInference()).isCloseTo(nh * 1.68e-15, within(1e-24));
    assertThat(a.energyPerInference()).isCloseTo(1.2934731e-14 + nh * (2.4347310e-16 + 1.68e-15), within(1e-20));

    Dataset two = new Dataset("AB", new float[][] {{1, 0}, {0, 1}}, new int[] {0, 1}, 1, 2);
    CrossbarClassifier.Result ab = cc.run(two, 7, 1, null);
    assertThat(ab.inputSpikesPerInference()).isEqualTo(20);
    assertThat(ab.hiddenSpikesPerInference()).isEqualTo(nh / 2);
    // per inference: the mean of the two samples' sums
    assertThat(ab.readEnergyPerInference())
        .isCloseTo((1.2934731e-14 + nh * 2.4347310e-16 + 2.4347310e-15) / 2, within(1e-20));
    assertThat(ab.energyPerInference()).isEqualTo(ab.readEnergyPerInference() + ab.neuronEnergyPerInference());
  }

  /**
   * Programming energy on one cross-point of a linear (to 1e-7), noise-free 4-level device: weight 0.5 of w_max
   * is 2 LTP pulses on G+ (G_min -> G_min + Delta G/4 -> G_min + Delta G/2), each costing
   * V_w^2 G t_w at the conductance before the pulse: 9 V^2 x 300 us x (3.0769 + 11.923175) nS =
   * 4.05002e-11 J; G- stays at G_min (no pulse, no write-verify).
   */
  @Test
  void programmingEnergyIsTheSumOverPulsesOfVwSquaredGTw() {
    PulseProgrammedSynapse.Params lin = PulseProgrammedSynapse.device("ideal", 4, 0, 0, null);
    Crossbar c = new Crossbar(1, 1, lin, 3);
    c.program(new double[] {0.5}, 1);
    assertThat(c.pulses()).isEqualTo(2);
    assertThat(c.conductances()[0]).isCloseTo(G_MIN + (G_MAX - G_MIN) / 2, within(1e-14));
    assertThat(c.conductances()[1]).isEqualTo(G_MIN);
    assertThat(c.programmingEnergyJoules()).isCloseTo(9 * 300e-6 * (3.0769e-9 + 11.923175e-9), within(1e-16));
    assertThat(c.programmingEnergyJoules()).isCloseTo(4.05002e-11, within(1e-16));
  }

  /** The 2 x 2 input-to-hidden crossbar of the energy check: row 0 holds +1 and -0.5 of w_max, row 1 zeros. */
  static Crossbar inputLayer() {
    Crossbar c1 = new Crossbar(2, 2, null, 1);
    c1.program(new double[] {1, -0.5, 0, 0}, 1);
    return c1;
  }

  /** Hidden-to-output weights all 0 (every device at G_min): no output neuron ever fires. */
  static Crossbar silentOutputLayer() {
    Crossbar c2 = new Crossbar(2, 2, null, 2);
    c2.program(new double[] {0, 0, 0, 0}, 1);
    return c2;
  }

  /** 20 steps of 100 ns with the input rate 1/dt: an active input spikes in every step. */
  static CrossbarClassifier.Config config() {
    return CrossbarClassifier.Config.defaults().withSteps(20).withMaxRate(1e7);
  }

  /**
   * The silent output layer above with its membranes ending at the same voltage chooses no class ({@link Vote}).
   * The old classifier predicted class 0: accuracy 1 on two digits labelled 0.
   */
  @Test
  void aSilentOutputLayerChoosesNoClass() {
    CrossbarClassifier cc = new CrossbarClassifier(inputLayer(), 1, silentOutputLayer(), 1, new double[] {1, 1},
        config());
    Dataset zero = new Dataset("zero", new float[][] {{1, 0}, {0, 1}}, new int[] {0, 0}, 1, 2);
    CrossbarClassifier.Result r = cc.run(zero, 7, 1, null);
    assertThat(r.hiddenSpikesPerInference()).as("the hidden layer fires").isPositive();
    assertThat(r.outputSpikesPerInference()).isZero();
    assertThat(r.predicted()).containsExactly(Vote.NONE, Vote.NONE);
    assertThat(r.accuracy()).isZero();
    assertThat(r.undecidedSamples()).isEqualTo(2);
    assertThat(r.silentOutputSamples()).isEqualTo(2);
    assertThat(r.voltageDecidedSamples()).isZero();
    assertThat(r.confusion()[0]).containsExactly(0, 0);
  }
}
