package org.neuristor.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;

/** Conditions of a file fitted within a range ({@code fit(LO..HI)}), and the synapse data's trend floor. */
class FitConditionsTest {
  static Measurement sweep(String conditions) {
    double[] v = {0.1, 0.2, 0.3, 0.2, 0.1};
    double[] i = {2e-5, 4e-5, 6e-5, 4e-5, 2e-5};
    return Measurement.of(DataSpec.parse(DataSpec.Kind.IV, "sweep.csv:" + conditions), null, v, i);
  }

  /**
   * Regression (round 5): a file's fitted conditions are free parameters in the order written, so the
   * seeded global stage gives each the same samples in every run (they were in Map.copyOf's order,
   * which changes from one JVM run to the next: the same command and seed fitted differently).
   */
  @Test
  void fittedConditionsAreFreeParametersInTheOrderWritten() {
    String written = "rscale=fit,ambient=fit(20C..100C),tscale=fit,rm=fit(50..200),beta=fit,w=fit,gamma=fit,ea=fit";
    FitProblem p = FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep(written)));
    List<String> own = p.free().stream().filter(q -> q.file() == 0).map(FreeParameter::name).toList();
    assertThat(own).containsExactly("rscale", "t0", "tscale", "rm", "beta", "w", "gamma", "ea");
    assertThat(DataSpec.parse(DataSpec.Kind.IV, "a.csv:" + written).conditions().keySet())
        .containsExactly("rscale", "ambient", "tscale", "rm", "beta", "w", "gamma", "ea");
  }

  @Test
  void aFittedConditionTakesItsRangeAndStartsInTheMiddle() {
    FitProblem p = FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep("ambient=fit(20C..100C),rm=fit(50..200)")));
    FreeParameter t0 = p.free().stream().filter(q -> q.file() == 0 && q.name().equals("t0")).findFirst().orElseThrow();
    assertThat(t0.lo()).isCloseTo(293.15, within(1e-9));
    assertThat(t0.hi()).isCloseTo(373.15, within(1e-9));
    assertThat(t0.start()).isCloseTo(333.15, within(1e-9));
    FreeParameter rm = p.free().stream().filter(q -> q.file() == 0 && q.name().equals("rm")).findFirst().orElseThrow();
    assertThat(rm.lo()).isEqualTo(50.0);
    assertThat(rm.hi()).isEqualTo(200.0);
    assertThat(rm.start()).isCloseTo(100.0, within(1e-9)); // log-scaled parameter: geometric middle
    // the unbounded coordinate maps onto the range and nowhere else
    assertThat(t0.value(-1e9)).isBetween(293.15, 373.15);
    assertThat(t0.value(1e9)).isBetween(293.15, 373.15);
  }

  @Test
  void aRangeThatIsEmptyOrOutsideTheParameterIsRefused() {
    assertThatThrownBy(() -> FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep("ambient=fit(100C..20C)"))))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("fit(100C..20C)").hasMessageContaining("LO < HI");
    assertThatThrownBy(() -> FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep("ambient=fit(20V..100V)"))))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("ambient");
  }

  @Test
  void aBadTemperatureIsQuotedAsWritten() {
    // the C was cut before the number was read, and the message quoted the rest: 'ab' for abc, '68.5C' for 68.5CC
    assertThatThrownBy(() -> FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep("ambient=abc"))))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("'abc'").hasMessageNotContaining("'ab'");
    assertThatThrownBy(() -> FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep("ambient=68.5CC"))))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("'68.5CC': wrong unit");
    // the round-18 audit's case: quoted as written, not '68.5deg'
    assertThatThrownBy(() -> FitProblem.of(FitPlan.of("vo2", null), Map.of(), List.of(sweep("ambient=68.5degC"))))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("'68.5degC': wrong unit")
        .hasMessageNotContaining("'68.5deg'");
  }

  @Test
  void theTrendFloorOfARampWithAlternatingNoiseIsTheNoise() {
    // G = n/N + a (-1)^n: the local straight line follows the ramp exactly; inside, the 51-pulse window
    // averages the alternating term to a/51 (residual a (1 - 1/51)); in the 25 shorter windows at each end
    // the line also picks up some of it, so the RMS about the trend is a within 2.5 %
    int n = 1000;
    double a = 0.03;
    double[] g = new double[n];
    for (int k = 0; k < n; k++) {
      g[k] = (double) k / n + a * (k % 2 == 0 ? 1 : -1);
    }
    assertThat(SynapseFit.trendRms(g)).isCloseTo(a, within(a * 0.025));
    // a straight line has no floor, also at the ends
    double[] smooth = new double[n];
    for (int k = 0; k < n; k++) {
      smooth[k] = (double) k / n;
    }
    assertThat(SynapseFit.trendRms(smooth)).isLessThan(1e-12);
  }
}
