package org.neuristor.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuristor.device.DeviceRegistry;

/**
 * What a fit can and cannot say about a device (round 22): parameters the data do not determine are flagged
 * ({@link Identification}), a switch fitted to sweeps alone is searched where the data can put it ({@link FitPlan#forData},
 * {@link FitPlan#ordered}), and the fit's progress is one bar across its stages ({@link DeviceFitter.Overall}).
 */
class FitCardTest {
  /** A TS-A switch: V_th 1 V, V_hold 0.6 V, R_on 1 kOhm, R_off 1 MOhm. */
  static final Map<String, Object> SWITCH = Map.of("vth", 1.0, "vhold", 0.6, "ron", 1e3, "roff", 1e6);

  /** A DC sweep 0 -> peak -> 0 V in {@code n} rows each way, with the currents of the switch above. */
  static Measurement sweep(String name, double peak, int n) {
    return sweep(name, peak, n, 0);
  }

  /** The same with every current multiplied by 1 + noise N(0,1) (seeded), as a measurement has it. */
  static Measurement sweep(String name, double peak, int n, double noise) {
    double[] v = new double[2 * n];
    for (int k = 0; k < n; k++) {
      v[k] = peak * (k + 1) / n;
      v[2 * n - 1 - k] = v[k];
    }
    Measurement shape = Measurement.of(DataSpec.parse(DataSpec.Kind.IV, name), null, v, new double[2 * n]);
    double[] i = Protocol.of(shape).simulate("ts", DeviceRegistry.resolve("ts", SWITCH), 0, 0);
    java.util.Random rng = new java.util.Random(7);
    for (int k = 0; k < i.length; k++) {
      i[k] *= 1 + noise * rng.nextGaussian();
    }
    return Measurement.of(shape.spec(), null, v, i);
  }

  static DeviceFitter.Result fit(Measurement m) {
    // vth, vhold, ron, roff free from the generic start; the switching times fixed (a sweep does not see them)
    FitPlan plan = FitPlan.of("ts", null);
    List<FreeParameter> free = new ArrayList<>();
    for (FreeParameter p : plan.free()) {
      if (!p.name().startsWith("tau")) {
        free.add(p);
      }
    }
    FitProblem problem = FitProblem.of(plan.withFree(free), Map.of(), List.of(m));
    return DeviceFitter.fit(problem, new DeviceFitter.Options(1, 0, 1, 30, DeviceFitter.Global.STARTS), 2,
        DeviceFitter.Progress.NONE);
  }

  static Map<String, Identification> identified(DeviceFitter.Result r) {
    List<String> labels = r.problem().free().stream().map(FreeParameter::name).toList();
    List<Identification> ids = Identification.of(r, labels);
    Map<String, Identification> out = new java.util.LinkedHashMap<>();
    for (int j = 0; j < labels.size(); j++) {
      out.put(labels.get(j), ids.get(j));
    }
    return out;
  }

  /**
   * Exact: a sweep that stays below the threshold (0 to 0.5 V, V_th 1 V) is v/R_off at every row, whatever V_th,
   * V_hold and R_on are; the fit finds R_off and says the other three are not determined, each with its reason.
   */
  @Test
  void aSweepBelowTheThresholdDeterminesROffAndNothingElse() {
    DeviceFitter.Result r = fit(sweep("below.csv", 0.5, 50));
    Map<String, Identification> id = identified(r);
    assertThat(r.params().get("roff")).isCloseTo(1e6, within(1e6 * 1e-6));
    assertThat(id.get("roff").identified()).isTrue();
    assertThat(id.get("roff").reason()).isNull();
    for (String p : new String[] {"vth", "vhold", "ron"}) {
      assertThat(id.get(p).identified()).as(p).isFalse();
      assertThat(id.get(p).reason()).as(p).contains("the data do not depend on it");
    }
  }

  /**
   * A sweep through the switch and back (0 to 2 V, currents with 2 % noise) determines the threshold and both
   * resistances. (Without noise every row's residual is 0 at the optimum, and the sandwich covariance, which weighs
   * each row by its own squared residual, has nothing to go on.)
   */
  @Test
  void aSweepThroughTheSwitchDeterminesThresholdAndResistances() {
    DeviceFitter.Result r = fit(sweep("through.csv", 2.0, 200, 0.02));
    Map<String, Identification> id = identified(r);
    for (String p : new String[] {"vth", "ron", "roff"}) {
      assertThat(id.get(p).identified()).as(p + ": " + id.get(p).reason()).isTrue();
    }
    assertThat(r.params().get("ron")).isCloseTo(1e3, within(10.0));
    assertThat(r.params().get("roff")).isCloseTo(1e6, within(1e4));
  }

  /** A correlation above the bound names the partner; a relative standard error above it says so. */
  @Test
  void correlatedOrLooseParametersAreFlaggedWithTheirPartner() {
    FitProblem p = FitProblem.of(FitPlan.of("ts", null).withFree(List.of(new FreeParameter("vth", -1, 0.1, 10, true, 1),
        new FreeParameter("ron", -1, 1, 1e6, true, 1e3), new FreeParameter("roff", -1, 1, 1e9, true, 1e6))), Map.of(),
        List.of(sweep("x.csv", 2.0, 20)));
    double[][] corr = {{1, 0.995, 0}, {0.995, 1, 0}, {0, 0, 1}};
    DeviceFitter.Result r = new DeviceFitter.Result(p, new double[3], new double[] {1, 1e3, 1e6},
        new double[] {0.1, 50, 2e6}, corr, 0, 1, 1, 1, 0, new double[0]);
    List<Identification> id = Identification.of(r, List.of("vth", "ron", "roff"));
    assertThat(id.get(0).reason()).contains("correlated with ron (r = 0.9950");
    assertThat(id.get(1).reason()).contains("correlated with vth");
    assertThat(id.get(2).identified()).isFalse();
    assertThat(id.get(2).reason()).isEqualTo("its relative standard error is 2.00 (above 1.00)");
  }

  /**
   * Sweeps alone: the switching times are held (an operating point does not depend on them), the threshold's range
   * ends at the largest applied voltage and the start is the measured jump; a pulse file keeps them free.
   */
  @Test
  void aSwitchFittedToSweepsIsSearchedWhereTheSweepsCanPutIt() {
    Measurement m = sweep("s.csv", 2.0, 200);
    FitPlan plan = FitPlan.of("ts", null).forData(List.of(m), Set.of());
    assertThat(plan.range("tauon")).isNull();
    assertThat(plan.range("tauoff")).isNull();
    assertThat(plan.range("vth").hi()).isEqualTo(2.0);
    assertThat(plan.range("vhold").hi()).isEqualTo(2.0);
    assertThat(plan.range("vth").start()).isCloseTo(0.99, within(0.011));
    assertThat(plan.range("ron").start()).isCloseTo(1e3, within(1.0));
    // named by --start or --range: free
    assertThat(FitPlan.of("ts", null).forData(List.of(m), Set.of("tauon")).range("tauon")).isNotNull();
    // with a transient the times are free and nothing is narrowed by a sweep that does not switch
    Measurement pulse = FitRecoveryTest.pulseShape("p.csv", 50, 3.0);
    FitPlan both = FitPlan.of("ts", null).forData(List.of(sweep("below.csv", 0.5, 20), pulse), Set.of());
    assertThat(both.range("tauon")).isNotNull();
    assertThat(both.range("vth").hi()).isEqualTo(100.0);
    // an ON state less conductive than the OFF state is not a threshold switch: the objective refuses it
    assertThat(FitPlan.disorder("ts", Map.of("ron", 2e3, "roff", 1e3))).startsWith("ron = 2000 is not below roff = 1000");
    assertThat(FitPlan.disorder("ts", Map.of("ron", 1e3, "roff", 2e3))).isNull();
    FitProblem p = FitProblem.of(FitPlan.of("ts", null).withFree(List.of(new FreeParameter("ron", -1, 1, 1e6, true, 1e3))),
        Map.of("roff", 500.0), List.of(m));
    Objective o = new Objective(p, java.util.concurrent.ForkJoinPool.commonPool());
    o.residuals(p.start());
    assertThat(o.failures()).isEqualTo(1);
  }

  /**
   * The staged fit's progress is one bar: the share of the whole fit never decreases across its stages (each stage's
   * own count starts again at 0), starts near 0 and ends at 1.
   */
  @Test
  void theOverallProgressOfAStagedFitNeverGoesBack() {
    Measurement a = FitRecoveryTest.synthetic();
    Measurement b = Measurement.of(DataSpec.parse(DataSpec.Kind.PULSE, "synthetic2.csv:ambient=fit(310..350)"), a.time(),
        a.voltage(), a.current());
    List<Double> shares = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    List<Double> atStageStart = new ArrayList<>();
    DeviceFitter.Progress listen = new DeviceFitter.Progress() {
      @Override
      public void overall(double f) {
        synchronized (shares) {
          shares.add(f);
        }
      }

      @Override
      public void update(String stage, long done, long total) {
        synchronized (stages) {
          if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage)) {
            stages.add(stage);
            synchronized (shares) {
              atStageStart.add(shares.isEmpty() ? 0.0 : shares.get(shares.size() - 1));
            }
          }
        }
      }
    };
    DeviceFitter.fit(FitProblem.of(FitRecoveryTest.plan(), Map.of(), List.of(a, b)),
        new DeviceFitter.Options(3, 2, 1, DeviceFitter.JOINT_SCREEN + 4, DeviceFitter.Global.STARTS), 1, listen);
    assertThat(stages.size()).as(stages.toString()).isGreaterThan(5);
    assertThat(shares.get(0)).isLessThan(0.05);
    assertThat(shares.get(shares.size() - 1)).isEqualTo(1.0);
    for (int k = 1; k < shares.size(); k++) {
      assertThat(shares.get(k)).as("share " + k).isGreaterThanOrEqualTo(shares.get(k - 1));
    }
    // no stage takes most of the bar at once: the largest step is a fraction of it
    double jump = 0;
    for (int k = 1; k < shares.size(); k++) {
      jump = Math.max(jump, shares.get(k) - shares.get(k - 1));
    }
    assertThat(jump).isLessThan(0.5);
    // the shares are clamped to be monotone and at most 1, so a plan that underestimates the work would pin the bar at
    // 1 while the fit still runs: every stage must start further along than the one before, and the last with part of
    // the bar still to go (measured: 0, 0.007, 0.069, ... 0.908, 0.969)
    for (int k = 1; k < atStageStart.size(); k++) {
      assertThat(atStageStart.get(k)).as(atStageStart.toString()).isGreaterThan(atStageStart.get(k - 1));
    }
    assertThat(atStageStart.get(atStageStart.size() - 1)).as(atStageStart.toString()).isLessThan(1.0);
  }
}
