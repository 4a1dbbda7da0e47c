package org.neuristor.digits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A classifier's outputs that tie choose no class: the STDP network with no labelled neuron firing here, the spiking
 * classifier's silent output layer in {@code CrossbarEnergyTest}. Until round 20 both predicted class 0 (the first tied output) for every such
 * sample and counted it in the accuracy: a network that never fired scored the share of zeros in the test set.
 */
class VoteTest {
  @Test
  void theWinnerIsTheUniqueLargestScoreThenTheLargestSecondaryElseNone() {
    assertThat(Vote.winner(new double[] {1, 3, 2}, null)).isEqualTo(1);
    assertThat(Vote.winner(new double[] {3, 3, 2}, null)).isEqualTo(Vote.NONE);
    assertThat(Vote.winner(new double[] {3, 3, 2}, new double[] {0.1, 0.2, 0.9})).isEqualTo(1);
    assertThat(Vote.winner(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5})).isEqualTo(Vote.NONE);
    // 0.0 and -0.0 are the same voltage
    assertThat(Vote.winner(new double[] {0, 0}, new double[] {0.0, -0.0})).isEqualTo(Vote.NONE);
    // a tie below the top does not matter
    assertThat(Vote.winner(new double[] {1, 1, 4}, null)).isEqualTo(2);
    Vote.Tally t = Vote.tally(new int[] {0, Vote.NONE, 1, 1}, new int[] {0, 0, 1, 0}, 2);
    assertThat(t.accuracy()).isEqualTo(0.5);
    assertThat(t.undecided()).containsExactly(1, 0);
    assertThat(t.confusion()[0]).containsExactly(1, 1);
    assertThat(t.confusion()[1]).containsExactly(0, 1);
  }

  /**
   * One excitatory neuron and a presentation of one 0.5 ms step: no neuron fires while labelling, none is labelled,
   * every test digit scores 0 for every class. The old rule predicted class 0 for all 50 digits (accuracy 0.1).
   */
  @Test
  void anStdpNetworkWithoutLabelledNeuronsChoosesNoClass() {
    Dataset.Split s = Datasets.mnist10k().stratifiedSplit(0.2, 20150);
    StdpNetwork.Params p = StdpNetwork.Params.diehlCook(1).withPresentation(0.5e-3);
    StdpDigits.Result r = StdpDigits.run(s.train().evenly(50), s.test().evenly(50), p, null, 0, 1, 1, null);
    assertThat(r.assignments()).containsExactly(-1);
    assertThat(r.accuracy()).isZero();
    assertThat(r.undecidedSamples()).isEqualTo(50);
    assertThat(r.predicted()).containsOnly(Vote.NONE);
  }
}
