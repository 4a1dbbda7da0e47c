package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuristor.data.Dataset;
import org.neuristor.data.Datasets;
import org.neuristor.learn.Mlp;

/**
 * The digit pipeline (train, map onto crossbars, spiking inference) on the 8x8 digits set, small
 * enough for CI. Thresholds come from the runs reported in docs/digits.md with these settings
 * (`network digits --dataset digits --hidden 64 --epochs 30`: float 0.976, ideal crossbar 0.965,
 * NeuroSim Ag:a-Si 0.918 on the 539 held-out digits) minus a margin of about 3 points; the runs are
 * deterministic, the margin only absorbs legitimate changes of the pipeline's floating-point order.
 */
class DigitsPipelineTest {
  private static Dataset.Split split;
  private static DigitsPipeline.Trained trained;

  @BeforeAll
  static void train() {
    split = Datasets.digits().stratifiedSplit(0.3, 1);
    trained = DigitsPipeline.train(split.train(), split.test(), 64, new Mlp.Options(30, 16, 1e-3, 0, 1, 2), null);
  }

  @Test
  void idealAndNeuroSimCrossbarsClassifyHeldOutDigitsBySpiking() {
    assertThat(trained.floatTestAccuracy()).isGreaterThan(0.94);
    CrossbarClassifier.Config cfg = CrossbarClassifier.Config.defaults();
    CrossbarClassifier.Result ideal = DigitsPipeline.map(trained, null, cfg, 1).classifier()
        .run(split.test(), 1, 2, null);
    assertThat(ideal.accuracy()).isGreaterThan(0.93);
    assertThat(ideal.outputSpikesPerInference()).isGreaterThan(1);
    DigitsPipeline.Mapped ns = DigitsPipeline.map(trained, DigitsPipeline.device("neurosim", 0, -1, -1, null), cfg, 1);
    CrossbarClassifier.Result r = ns.classifier().run(split.test(), 1, 2, null);
    assertThat(r.accuracy()).isGreaterThan(0.89);
    // energy bookkeeping: read + neuron parts add up; programming took pulses
    assertThat(r.energyPerInference()).isEqualTo(r.readEnergyPerInference() + r.neuronEnergyPerInference());
    assertThat(r.neuronEnergyPerInference()).isEqualTo(r.spikesPerInference() * cfg.neuron().energyPerSpikeJoules());
    assertThat(ns.pulses()).isPositive();
    assertThat(ns.programmingEnergyJoules()).isPositive();
  }

  @Test
  void sameSeedSameResultWhateverTheThreads() {
    Dataset sub = split.test().head(120);
    CrossbarClassifier.Config cfg = CrossbarClassifier.Config.defaults().withSteps(100).withReadNoise(0.02);
    DigitsPipeline.Mapped a = DigitsPipeline.map(trained, DigitsPipeline.device("neurosim", 0, 0.1, 0.01, null), cfg, 4);
    DigitsPipeline.Mapped b = DigitsPipeline.map(trained, DigitsPipeline.device("neurosim", 0, 0.1, 0.01, null), cfg, 4);
    CrossbarClassifier.Result r1 = a.classifier().run(sub, 4, 1, null);
    CrossbarClassifier.Result r2 = b.classifier().run(sub, 4, 2, null);
    CrossbarClassifier.Result r3 = b.classifier().run(sub, 4, 3, null);
    assertThat(r2.predicted()).isEqualTo(r1.predicted());
    assertThat(r3.predicted()).isEqualTo(r1.predicted());
    assertThat(r2.energyPerInference()).isEqualTo(r1.energyPerInference());
    assertThat(r3.spikesPerInference()).isEqualTo(r1.spikesPerInference());
    // and the float training itself
    Mlp.Options o = new Mlp.Options(2, 16, 1e-3, 1, 9, 1);
    Mlp m1 = new Mlp(64, 16, 10, 9);
    Mlp m2 = new Mlp(64, 16, 10, 9);
    m1.train(split.train(), o, null);
    m2.train(split.train(), new Mlp.Options(2, 16, 1e-3, 1, 9, 3), null);
    assertThat(m2.w1).isEqualTo(m1.w1);
    assertThat(m2.w2).isEqualTo(m1.w2);
  }
}
