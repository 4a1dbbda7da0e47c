package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;

/** Parameter declarations, validation with errors naming the parameter, and model files. */
class ModelParameterTest {

  static void assertRefused(Runnable r, String parameter, String fragment) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ModelParameterException.class, e -> {
      assertThat(e.parameter()).isEqualTo(parameter);
      assertThat(e.getMessage()).contains(fragment);
      assertThat(e.exitCode()).isEqualTo(2);
    });
  }

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @CsvSource({"adex, c, -281, c = -281 pF", "hh, c, -1, c = -1 uF/cm2", "if, c, 0, c = 0 nF",
      "lif, t_ref, -1, t_ref = -1 ms", "if, t_ref, -0.5, t_ref", "lif, tau_m, -10, tau_m", "lif, r, 0, r = 0 MOhm",
      "adex, delta_t, 0, delta_t", "hh, g_l, -0.3, g_l"})
  void outOfRangeValuesAreRefusedNamingTheParameter(String model, String name, double value, String fragment) {
    assertRefused(() -> NeuronModel.of(ModelKind.parse(model), Map.of(name, value)), name, fragment);
  }

  @Test
  void crossParameterConditions() {
    assertRefused(() -> NeuronModel.of(ModelKind.LIF, Map.of("v_th", -75.0)), "v_th", "above the reset");
    assertRefused(() -> NeuronModel.of(ModelKind.ADEX, Map.of("v_peak", -60.0)), "v_peak", "v_t");
    assertRefused(() -> NeuronModel.of(ModelKind.IZHIKEVICH, Map.of("c", 40.0)), "v_peak", "reset");
  }

  @Test
  void unknownParameterListsTheKnownOnes() {
    assertRefused(() -> NeuronModel.of(ModelKind.LIF, Map.of("tau", 10.0)), "tau", "tau_m");
  }

  @ParameterizedTest(name = "{0} {1} dt = {2} ms")
  @CsvSource({"hh, RK4, 0.06, 0.05", "hh, EXP_EULER, 0.2, 0.1", "izhikevich, AUTHOR_EULER, 1.5, 1",
      "adex, RK2, 1, 0.9366"})
  void stepAboveTheStableLimitIsRefusedAsDt(String model, Method method, double dt, String limit) {
    NeuronModel m = NeuronModel.of(ModelKind.parse(model));
    assertRefused(() -> m.kernel(1, dt, method, Noise.NONE, 1), "dt", "stable limit " + limit);
    // just below the limit is accepted
    m.kernel(1, m.kind().maxDtMs(method, m) * 0.999, method, Noise.NONE, 1);
  }

  @Test
  void anInfiniteStimulusValueIsRefusedWhereItIsWritten() {
    // was "stimulus is not finite at t = 0.1 ms" after the run started (model run), "--stim dc needs amp" (neuron run)
    assertRefused(() -> Stimulus.parse("step:amp=1e400,t0=10ms", "nA"), "amp",
        "--stim step: amp: not a usable number '1e400'");
    assertRefused(() -> Stimulus.keyValues("amp=inf", "--stim dc", java.util.Map.of("amp", "V")), "amp",
        "--stim dc: amp: not a usable number 'inf'");
  }

  @Test
  void tooManyStepsAreCountedNotSaturated() {
    // a dt of 1e-300 s said "duration/dt = 9223372036854775807 steps" (the long's ceiling)
    assertRefused(() -> NeuronSimulation.run(NeuronModel.of(ModelKind.LIF), Stimulus.constant(1.0), 50, 1e-297),
        "dt", "duration/dt = 5.00e+298 steps is too many for one run (at most 5e8)");
  }

  @Test
  void methodMustBelongToTheModelAndNoiseToItsKind() {
    assertRefused(() -> NeuronModel.of(ModelKind.HH).kernel(1, 0.01, Method.EXACT, Noise.NONE, 1), "method",
        "not available");
    assertRefused(() -> NeuronModel.of(ModelKind.HH).kernel(1, 0.01, Method.RK4, Noise.escape(1, 2), 1), "noise",
        "escape");
    assertRefused(() -> NeuronModel.of(ModelKind.ADEX).kernel(1, 0.01, Method.RK2, Noise.white(2), 1), "noise",
        "white");
    assertRefused(() -> Noise.ou(-1, 5), "ou.sigma", ">= 0");
    assertRefused(() -> Noise.ou(1, 0), "ou.tau", "> 0");
  }

  @Test
  void everyParameterIsDeclaredWithUnitRangeAndDescription() {
    for (ModelKind k : ModelKind.values()) {
      assertThat(k.parameters()).isNotEmpty();
      for (ParameterSpec p : k.parameters()) {
        assertThat(p.unit()).isNotBlank();
        assertThat(p.description()).isNotBlank();
        assertThat(p.min()).isLessThanOrEqualTo(p.max());
        if (!Double.isNaN(p.defaultValue())) {
          assertThat(p.defaultValue()).isBetween(p.min(), p.max());
        }
      }
      NeuronModel.of(k); // defaults pass validation
    }
  }

  @Test
  void loadsYamlAndJsonModelFiles(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("bursting.yaml");
    Files.writeString(yaml, "# Brian2 example's bursting AdEx\nmodel: adex\nmethod: rk2\nparameters:\n"
        + "  tau_w: 20\n  a: 4\n  b: 500\n  v_r: -45.4\n");
    ModelFiles.Loaded y = ModelFiles.load(yaml);
    assertThat(y.model().kind()).isEqualTo(ModelKind.ADEX);
    assertThat(y.method()).isEqualTo(Method.RK2);
    assertThat(y.model().get("b")).isEqualTo(500.0);
    assertThat(y.model().get("c")).isEqualTo(281.0);
    Path json = dir.resolve("lif.json");
    Files.writeString(json, "{\"model\": \"lif\", \"parameters\": {\"tau_m\": 20, \"t_ref\": 5}}");
    ModelFiles.Loaded j = ModelFiles.load(json);
    assertThat(j.model().get("tau_m")).isEqualTo(20.0);
    assertThat(j.method()).isNull();
  }

  @Test
  void badModelFilesNameFileAndKey(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "model: lif\nparameters:\n  t_ref: -2\n");
    assertRefused(() -> ModelFiles.load(f), "t_ref", "bad.yaml");
    Files.writeString(f, "model: lif\nparameters:\n  t_ref: fast\n");
    assertRefused(() -> ModelFiles.load(f), "t_ref", "must be a number");
    Files.writeString(f, "model: lif\nthreshold: 3\n");
    assertRefused(() -> ModelFiles.load(f), "threshold", "unknown key");
    Files.writeString(f, "model: squid\n");
    assertRefused(() -> ModelFiles.load(f), "model", "unknown neuron model");
    Files.writeString(f, "model: [unclosed\n");
    assertThatThrownBy(() -> ModelFiles.load(f)).hasMessageContaining("bad.yaml").hasMessageContaining("YAML");
  }
}
