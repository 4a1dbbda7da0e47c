package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunked builder returns every row it was given, in order, across chunk boundaries. */
class TraceBuilderTest {

  @Test
  void rowsSurviveChunkBoundariesForNarrowAndWideTraces() {
    for (int signals : new int[] {0, 1, 3, 40, 3_000}) {
      List<String> names = new ArrayList<>();
      for (int k = 0; k < signals; k++) {
        names.add("S" + k);
      }
      Trace.Builder b = new Trace.Builder("time", names);
      int rows = signals > 100 ? 400 : 20_001;
      double[] row = new double[signals];
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < signals; k++) {
          row[k] = r * 1000.0 + k;
        }
        b.addRow(r * 0.5, row);
        if (r == 300) {
          Trace early = b.build(); // building does not end the builder
          assertThat(early.size()).isEqualTo(301);
        }
      }
      Trace t = b.build();
      assertThat(t.size()).isEqualTo(rows);
      assertThat(t.names()).hasSize(signals);
      int wrong = 0;
      for (int r = 0; r < rows; r++) {
        wrong += t.axis()[r] == r * 0.5 ? 0 : 1;
      }
      for (int k = 0; k < signals; k += Math.max(1, signals / 7)) {
        double[] s = t.get("s" + k);
        for (int r = 0; r < rows; r++) {
          wrong += s[r] == r * 1000.0 + k ? 0 : 1;
        }
      }
      assertThat(wrong).as("%d signals: values in the wrong place", signals).isZero();
    }
  }

  @Test
  void emptyBuilderGivesAnEmptyTrace() {
    Trace t = new Trace.Builder("time", List.of("v(a)")).build();
    assertThat(t.size()).isZero();
    assertThat(t.get("v(a)")).isEmpty();
  }
}
