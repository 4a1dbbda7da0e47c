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
    // k = ceil(419 / 100) = 5: rows 0, 5, ..., 415 (84 rows), the last row 418, the largest |V|, both sides of
    // the jump up and of the largest fall
    IvFeatures.Step rise = IvFeatures.rise(m.voltage(), m.current());
    IvFeatures.Step fall = IvFeatures.fall(m.voltage(), m.current());
    int peak = IvFeatures.peak(m.voltage());
    java.util.TreeSet<Integer> rows = new java.util.TreeSet<>();
    for (int k = 0; k < 419; k += 5) {
      rows.add(k);
    }
    rows.addAll(java.util.List.of(418, peak, rise.row(), rise.row() + 1, fall.row(), fall.row() + 1));
    // the first and the last low-bias row (0 < |V| <= 10 % of the largest, up branch): 0.1 V and 2.0 V
    int lastLow = 0;
    while (Math.abs(m.voltage()[lastLow + 1]) <= 0.1 * Math.abs(m.voltage()[peak])) {
      lastLow++;
    }
    assertThat(m.voltage()[lastLow]).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.01));
    rows.addAll(java.util.List.of(0, lastLow));
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

  /**
   * What a fit on one row in k compares the model with is what every row says: the shipped sweep five times over,
   * thinned to one row in 20 (2 V steps), has a fall of x2 or more between kept rows where the data return
   * gradually, and a low-bias resistance from 2 rows; the fit's target keeps the full file's single jump, its
   * crossings, floor and low-bias resistance, and the global stage's candidates are put on that resistance.
   */
  @Test
  void aThinnedSweepIsComparedWithWhatEveryRowSays() {
    Measurement one = Measurement.read(DataSpec.parse(DataSpec.Kind.IV, DATA.resolve("iv_dc_dual_sweep.csv").toString()),
        Map.of());
    int n = one.rows();
    double[] v = new double[5 * n];
    double[] i = new double[5 * n];
    for (int k = 0; k < v.length; k++) {
      v[k] = one.voltage()[k % n];
      i[k] = one.current()[k % n];
    }
    Measurement all = Measurement.of(one.spec(), null, v, i);
    Measurement thin = all.thinned(v.length / 20);
    assertThat(IvFeatures.fall(thin.voltage(), thin.current()).switched()).isTrue();
    assertThat(IvFeatures.fall(v, i).switched()).isFalse();
    FileTarget every = Protocol.of(all).target();
    FileTarget target = Protocol.thinned(all, v.length / 20).target();
    assertThat(Protocol.thinned(all, v.length / 20).data().rows()).isEqualTo(thin.rows());
    assertThat(target.comparedCount).isEqualTo(Measurement.count(thin.comparedRows()));
    assertThat(target.levels).containsExactly(every.levels);
    assertThat(target.measuredCrossing).containsExactly(every.measuredCrossing);
    assertThat(target.lowBiasOhm).isEqualTo(every.lowBiasOhm);
    assertThat(target.floor).isEqualTo(every.floor);
    // and so is the resistance a candidate of the global stage is put on (the thinned rows' median of 2 rows is not)
    assertThat(IvFeatures.lowBiasResistance(thin.voltage(), thin.current())).isNotEqualTo(every.lowBiasOhm);
    assertThat(Normalizer.lowBias(Protocol.thinned(all, v.length / 20)).ohms())
        .isEqualTo(Normalizer.lowBias(Protocol.of(all)).ohms()).isEqualTo(every.lowBiasOhm);
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
