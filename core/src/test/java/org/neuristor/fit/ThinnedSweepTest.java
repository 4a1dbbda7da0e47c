package org.neuristor.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Measurement#thinned}: what {@code fit --max-rows} fits a long sweep on. */
class ThinnedSweepTest {
  static final Path DATA = Path.of("../examples/data/vo2-galloni2024");

  @Test
  void aLongSweepKeepsOneRowInKAndTheRowsItsFeaturesAreReadFrom() {
    Measurement m = Measurement.read(DataSpec.parse(DataSpec.Kind.IV, DATA.resolve("iv_dc_dual_sweep.csv").toString()),
        Map.of());
    assertThat(m.rows()).isEqualTo(419);
    Measurement t = m.thinned(100);
    // k = ceil(419 / 100) = 5: rows 0, 5, ..., 415 (84 rows), the last row 418, the largest |V| and both sides of
    // the jump up and of the largest fall
    IvFeatures.Step rise = IvFeatures.rise(m.voltage(), m.current());
    IvFeatures.Step fall = IvFeatures.fall(m.voltage(), m.current());
    int peak = IvFeatures.peak(m.voltage());
    java.util.TreeSet<Integer> rows = new java.util.TreeSet<>();
    for (int k = 0; k < 419; k += 5) {
      rows.add(k);
    }
    rows.addAll(java.util.List.of(418, peak, rise.row(), rise.row() + 1, fall.row(), fall.row() + 1));
    assertThat(t.rows()).isEqualTo(rows.size()).isLessThan(100);
    int q = 0;
    for (int k : rows) {
      assertThat(t.voltage()[q]).isEqualTo(m.voltage()[k]);
      assertThat(t.current()[q]).isEqualTo(m.current()[k]);
      assertThat(t.lines()[q]).isEqualTo(m.lines()[k]);
      q++;
    }
    // the thinned sweep's threshold is the full sweep's: the same rows on both sides of its jump
    IvFeatures.Step thinRise = IvFeatures.rise(t.voltage(), t.current());
    assertThat(t.voltage()[thinRise.row()]).isEqualTo(m.voltage()[rise.row()]);
    assertThat(t.voltage()[thinRise.row() + 1]).isEqualTo(m.voltage()[rise.row() + 1]);
    assertThat(IvFeatures.peak(t.voltage())).isEqualTo(rows.headSet(peak).size());
  }

  @Test
  void aShortSweepAndATransientAreFittedOnEveryRow() {
    Measurement sweep = Measurement.read(DataSpec.parse(DataSpec.Kind.IV, DATA.resolve("iv_dc_dual_sweep.csv").toString()),
        Map.of());
    assertThat(sweep.thinned(419)).isSameAs(sweep);
    Measurement pulse = Measurement.read(DataSpec.parse(DataSpec.Kind.PULSE,
        DATA.resolve("pulses/4V_0.01s_68.5C.csv").toString()), Map.of());
    assertThat(pulse.thinned(10)).isSameAs(pulse);
  }
}
