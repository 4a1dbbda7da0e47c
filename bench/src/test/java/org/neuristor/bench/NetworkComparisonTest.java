package org.neuristor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neuristor.bench.NetworkComparison.Member.BRIAN;
import static org.neuristor.bench.NetworkComparison.Member.NO_PLOT;
import static org.neuristor.bench.NetworkComparison.Member.OURS;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of the COBA command-line rounds and the statistics printed from them (nothing timed). */
class NetworkComparisonTest {

  @Test
  void oursRunsFirstInEvenPairsAndBrianFirstInOddOnes() {
    for (int r = 0; r < 6; r++) {
      List<NetworkComparison.Member> o = NetworkComparison.roundOrder(r, true);
      assertThat(o).containsExactlyInAnyOrder(OURS, BRIAN, NO_PLOT);
      assertThat(o.subList(0, 2)).containsExactly(r % 2 == 0 ? OURS : BRIAN, r % 2 == 0 ? BRIAN : OURS);
    }
    assertThat(NetworkComparison.roundOrder(3, false)).containsExactly(OURS, NO_PLOT);
  }

  @Test
  void splitsPairsByWhichToolRanFirst() {
    double[] v = {1, 2, 3, 4, 5};
    assertThat(NetworkComparison.everyOther(v, 0)).containsExactly(1, 3, 5);
    assertThat(NetworkComparison.everyOther(v, 1)).containsExactly(2, 4);
    assertThat(NetworkComparison.everyOther(new double[] {1}, 1)).isEmpty();
  }

  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    double[] v = {4, 1, 3, 2};
    assertThat(WholeProcess.quantile(v, 0)).isEqualTo(1);
    assertThat(WholeProcess.quantile(v, 1)).isEqualTo(4);
    assertThat(WholeProcess.quantile(v, 0.25)).isEqualTo(1.75);
    assertThat(WholeProcess.median(v)).isEqualTo(2.5);
    assertThat(WholeProcess.median(new double[] {3, 9, 1})).isEqualTo(3);
    assertThat(v).containsExactly(4, 1, 3, 2);
    assertThatThrownBy(() -> WholeProcess.quantile(new double[0], 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WholeProcess.quantile(v, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void printsTheRatioWithItsSpread() {
    assertThat(NetworkComparison.ratioSpread(new double[] {1.6, 1.4, 1.5, 1.7, 1.9}))
        .isEqualTo("median 1.60x (min 1.40, quartiles 1.50-1.70, max 1.90)");
  }
}
