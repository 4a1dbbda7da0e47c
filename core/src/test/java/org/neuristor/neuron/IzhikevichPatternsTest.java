package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * physics.md T6: the 20 firing patterns of Izhikevich (IEEE TNN 15, 1063 (2004)) with the protocols
 * of the author's figure1.m (Table 2.5-A) reproduce Table 2.5-B: spike counts exactly, listed spike
 * times within one time step (in fact exactly: same float64 arithmetic and grid).
 */
class IzhikevichPatternsTest {

  /** Table 2.5-B: count and the listed times (ms). */
  static final Map<String, double[]> TABLE = Map.ofEntries(
      Map.entry("A", new double[] {5, 13.0, 17.0, 31.5, 59.25, 86.75}),
      Map.entry("B", new double[] {1, 43.75}),
      Map.entry("C", new double[] {28, 25.0, 45.5, 80.0}),
      Map.entry("D", new double[] {6, 39.0, 42.8, 47.0, 51.8, 57.6, 67.2}),
      Map.entry("E", new double[] {6, 20.0, 22.75, 27.25, 67.0, 99.25, 131.5}),
      Map.entry("F", new double[] {6, 10.25, 12.25, 15.0, 19.75, 42.5, 71.5}),
      Map.entry("G", new double[] {10, 84.5, 125.0, 155.75, 181.0, 203.5, 223.75, 242.0, 259.25, 275.5, 290.5}),
      Map.entry("H", new double[] {14, 105.75, 126.5, 145.25, 162.25, 178.0, 192.75, 206.75}),
      Map.entry("I", new double[] {1, 26.6}),
      Map.entry("J", new double[] {1, 26.5}),
      Map.entry("K", new double[] {1, 338.0}),
      Map.entry("L", new double[] {1, 20.0}),
      Map.entry("M", new double[] {1, 68.0}),
      Map.entry("N", new double[] {7, 68.0, 71.0, 74.2, 77.8, 81.8, 86.4, 92.2}),
      Map.entry("O", new double[] {1, 93.25}),
      Map.entry("P", new double[] {5, 45.25, 86.0, 126.5, 167.25, 208.0}),
      Map.entry("Q", new double[] {1, 11.3}),
      Map.entry("R", new double[] {1, 311.5}),
      Map.entry("S", new double[] {3, 94.5, 166.0, 236.0}),
      Map.entry("T", new double[] {12, 86.5, 103.0, 191.5, 204.0}));

  static Stream<Arguments> patterns() {
    return IzhikevichPatterns.all().stream().map(p -> Arguments.of(p.id() + " " + p.name(), p));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patterns")
  void t6ReproducesTable25B(String label, IzhikevichPatterns.Pattern p) {
    double[] row = TABLE.get(p.id());
    double[] sp = p.run().spikeTimesMs();
    assertThat(sp).as(label).hasSize((int) row[0]);
    for (int k = 1; k < row.length; k++) {
      double expected = row[k];
      // C and T list burst edges: match the listed time against the nearest spike
      double nearest = Double.NaN;
      for (double s : sp) {
        if (Double.isNaN(nearest) || Math.abs(s - expected) < Math.abs(nearest - expected)) {
          nearest = s;
        }
      }
      if (p.id().equals("C") || p.id().equals("T")) {
        assertThat(nearest).as("%s %s ms", label, expected).isCloseTo(expected, Offset.offset(p.tauMs() + 1e-9));
      } else {
        assertThat(sp[k - 1]).as("%s spike %d", label, k).isCloseTo(expected, Offset.offset(p.tauMs() + 1e-9));
      }
    }
  }
}
