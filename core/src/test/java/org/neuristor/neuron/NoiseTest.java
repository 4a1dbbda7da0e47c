package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.neuristor.ModelParameterException;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** physics.md 2.6 and checklist T7: OU statistics, Siegert rate, mean first-passage time, escape noise. */
class NoiseTest {

  /** The OU state in the model's current unit (the kernel holds it in SI). */
  static double[] noiseState(NeuronKernel p, ModelKind kind) {
    double[] si = p.stateVariables().stream().filter(s -> s.name().equals("i_noise")).findFirst().orElseThrow()
        .values();
    double[] out = new double[si.length];
    for (int i = 0; i < si.length; i++) {
      out[i] = si[i] / kind.currentToSi();
    }
    return out;
  }

  /** Steps a kernel by one step of {@code dtMs} (step number k), collecting its spikes into {@code out}. */
  static void step(NeuronKernel p, double[] input, long k, double dtMs, Spikes out) {
    out.clear();
    p.step(k * (dtMs * 1e-3), dtMs * 1e-3, input, out);
  }

  @Test
  void t7OuCurrentHasStationaryMeanVarianceAndExponentialAutocorrelation() {
    // across 200k independent neurons: mean mu, variance sigma^2 (2 %), correlation over a lag
    // Delta = e^{-Delta/tau} (exact update, stationary start)
    int n = 200_000;
    double sigma = 0.5;
    double tau = 5;
    double mu = 0.3;
    NeuronKernel p = NeuronModel.of(ModelKind.IF, Map.of("c", 1e6)).kernel(n, 0.1, Method.EXACT,
        new Noise(sigma, tau, mu, 0, 0, 1), 42);
    double[] zero = new double[n];
    Spikes out = new Spikes(16);
    step(p, zero, 0, 0.1, out);
    double[] x0 = noiseState(p, ModelKind.IF);
    for (int k = 0; k < 40; k++) {
      step(p, zero, k + 1, 0.1, out); // lag 4 ms
    }
    double[] x1 = noiseState(p, ModelKind.IF);
    double m0 = 0;
    double m1 = 0;
    for (int i = 0; i < n; i++) {
      m0 += x0[i];
      m1 += x1[i];
    }
    m0 /= n;
    m1 /= n;
    double v0 = 0;
    double v1 = 0;
    double cov = 0;
    for (int i = 0; i < n; i++) {
      v0 += (x0[i] - m0) * (x0[i] - m0);
      v1 += (x1[i] - m1) * (x1[i] - m1);
      cov += (x0[i] - m0) * (x1[i] - m1);
    }
    v0 /= n;
    v1 /= n;
    cov /= n;
    assertThat(m0).isCloseTo(mu, Offset.offset(0.01 * sigma));
    assertThat(v0).isCloseTo(sigma * sigma, Percentage.withPercentage(2));
    assertThat(v1).isCloseTo(sigma * sigma, Percentage.withPercentage(2));
    assertThat(cov / Math.sqrt(v0 * v1)).isCloseTo(Math.exp(-4.0 / tau), Offset.offset(0.01));
  }

  @Test
  void t7SiegertReferenceValues() {
    // physics.md 2.6b: (mu, sigma_V) = (12, 4) -> 30.05 Hz, (15, 2) -> 34.98, (20, 5) -> 74.16
    assertThat(Siegert.rateHz(10, 2, -70, -70, -55, 12, 4)).isCloseTo(30.05, Offset.offset(0.01));
    assertThat(Siegert.rateHz(10, 2, -70, -70, -55, 15, 2)).isCloseTo(34.98, Offset.offset(0.01));
    assertThat(Siegert.rateHz(10, 2, -70, -70, -55, 20, 5)).isCloseTo(74.16, Offset.offset(0.01));
    // the common bug (sigma_V used as sigma_B) gives 21.65 Hz: our formula is not that
    assertThat(Siegert.rateHz(10, 2, -70, -70, -55, 12, 4 / Math.sqrt(2))).isCloseTo(21.65, Offset.offset(0.01));
  }

  /** Spike times of each neuron of a white-noise LIF population (ms), after a 100 ms transient. */
  static double[] isiStats(double muMv, double sigmaMv, int n, double durationMs, double dt, long seed) {
    return isiStats(muMv, Noise.white(sigmaMv), n, durationMs, dt, seed);
  }

  static double[] isiStats(double muMv, Noise noise, int n, double durationMs, double dt, long seed) {
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    NeuronKernel p = lif.kernel(n, dt, Method.EXACT_GRID, noise, seed);
    double[] input = new double[n];
    java.util.Arrays.fill(input, muMv / lif.get("r") * ModelKind.LIF.currentToSi());
    Spikes out = new Spikes(16);
    double[] last = new double[n];
    java.util.Arrays.fill(last, Double.NaN);
    double sum = 0;
    double sumSq = 0;
    long count = 0;
    long spikes = 0;
    long steps = Math.round(durationMs / dt);
    for (long k = 0; k < steps; k++) {
      step(p, input, k, dt, out);
      for (int s = 0; s < out.count(); s++) {
        int i = out.neuron(s);
        double t = out.time(s) * 1e3;
        if (t < 100) {
          last[i] = t;
          continue;
        }
        spikes++;
        if (!Double.isNaN(last[i])) {
          double isi = t - last[i];
          sum += isi;
          sumSq += isi * isi;
          count++;
        }
        last[i] = t;
      }
    }
    double mean = sum / count;
    double rate = 1000.0 * spikes / (n * (durationMs - 100));
    return new double[] {mean, Math.sqrt(sumSq / count - mean * mean) / mean, rate};
  }

  @Test
  void t7MonteCarloRateAndMeanFirstPassageTimeMatchSiegert() {
    // (mu, sigma_V) = (12 mV, 4 mV), dt 0.01 ms, 400 neurons x 1 s after 100 ms: physics.md's MC
    // gave 30.25 Hz against 30.05 Hz; we require the rate within 3 % (T7) and the mean ISI within
    // 5 % of the analytic mean first-passage time plus refractory period
    double[] st = isiStats(12, 4, 400, 1100, 0.01, 7);
    double siegert = Siegert.rateHz(10, 2, -70, -70, -55, 12, 4);
    System.out.printf("white-noise LIF: rate %.3f Hz (Siegert %.3f), mean ISI %.3f ms (MFPT+tref %.3f), CV %.3f%n",
        st[2], siegert, st[0], 1000 / siegert, st[1]);
    assertThat(st[2]).isCloseTo(siegert, Percentage.withPercentage(3));
    assertThat(st[0]).isCloseTo(1000 / siegert, Percentage.withPercentage(5));
    // noise-driven firing below rheobase (mu = 12 < 15 mV) is irregular
    assertThat(st[1]).isGreaterThan(0.5);
  }

  @Test
  void t7AtTheDefaultStepMatchesSiegertThroughTheBridgeCrossings() {
    // the LIF's default dt 0.1 ms: testing the threshold only on the grid misses the crossings between grid points
    // (27.9 Hz, -7%, in 'model run lif --stim dc:amp=1.2 --noise white:sigma=4 --seed 7 --duration 100s'); the OU
    // bridge's crossing probability recovers them: T7's 3% at the default dt
    double siegert = Siegert.rateHz(10, 2, -70, -70, -55, 12, 4);
    double[] st = isiStats(12, 4, 400, 1100, 0.1, 7);
    assertThat(st[2]).isCloseTo(siegert, Percentage.withPercentage(3));
    assertThat(st[0]).isCloseTo(1000 / siegert, Percentage.withPercentage(5));
    // with the bridge off (white:...,bridge=0) the grid test alone remains, and misses them
    double[] grid = isiStats(12, Noise.white(4).withWhiteBridge(false), 400, 1100, 0.1, 7);
    assertThat(grid[2]).isLessThan(0.95 * siegert);
    // at 1 ms, ten times the default, still within T7's 3%
    assertThat(isiStats(12, 4, 400, 1100, 1, 7)[2]).isCloseTo(siegert, Percentage.withPercentage(3));
  }

  @Test
  void whiteNoiseBridgeIsParsedAndRefusedWhenNeitherOnNorOff() {
    assertThat(Noise.NONE.plus("white:sigma=4", "nA").whiteBridge()).isTrue();
    assertThat(Noise.NONE.plus("white:sigma=4,bridge=0", "nA").whiteBridge()).isFalse();
    assertThatThrownBy(() -> Noise.NONE.plus("white:sigma=4,bridge=0.5", "nA"))
        .isInstanceOf(ModelParameterException.class).hasMessageContaining("bridge must be 1 (on) or 0 (off)");
  }

  @Test
  void escapeNoiseFiresWithTheHazardRate() {
    // V held at v_reset = theta - 5 mV (no input, huge C, no refractoriness): a Bernoulli process
    // with p = 1 - exp(-rho0 e^{-5/Delta_u} dt) per step
    NeuronModel m = NeuronModel.of(ModelKind.IF, Map.of("c", 1e6, "v_reset", -60.0, "t_ref", 0.0));
    NeuronKernel p = m.kernel(1000, 0.1, Method.EXACT, Noise.escape(1, 5), 3);
    double[] zero = new double[1000];
    Spikes out = new Spikes(16);
    long spikes = 0;
    for (int k = 0; k < 1000; k++) {
      step(p, zero, k, 0.1, out);
      spikes += out.count();
    }
    double prob = -Math.expm1(-Math.exp(-1) * 0.1);
    assertThat(spikes / 1e6).isCloseTo(prob, Percentage.withPercentage(2));
  }

  @Test
  void sharpEscapeNoiseRecoversTheDeterministicThreshold() {
    NeuronModel lif = NeuronModel.of(ModelKind.LIF);
    double det = NeuronSimulation.spikeTimesMs(lif, Stimulus.constant(2), 1000, 0.1, Method.EXACT_GRID).length;
    NeuronSimulation.Result r = NeuronSimulation.run(lif, Stimulus.constant(2), 1000, 0.1, Method.EXACT,
        Noise.escape(100, 0.01), 5, 100);
    assertThat((double) r.spikeTimesMs().length).isCloseTo(det, Offset.offset(1.0));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"lif, EXACT, ou", "lif, EXACT_GRID, white", "lif, EXACT_GRID, escape", "if, EXACT, ou+escape",
      "hh, RK4, ou", "hh, EXP_EULER, ou", "adex, RK2, ou", "izhikevich, AUTHOR_EULER, ou"})
  void stochasticRunsReproduceBitForBitWithTheSameSeed(String model, Method method, String kind) {
    NeuronModel m = NeuronModel.of(ModelKind.parse(model));
    Noise noise = switch (kind) {
      case "ou" -> Noise.ou(model.equals("hh") ? 3 : model.equals("adex") ? 200 : model.equals("izhikevich") ? 3
          : 0.3, 5);
      case "white" -> Noise.white(4);
      case "escape" -> Noise.escape(1, 2);
      default -> Noise.ou(0.3, 5).withEscape(1, 2);
    };
    double amp = switch (model) {
      case "hh" -> 8;
      case "adex" -> 700;
      case "izhikevich" -> 5;
      default -> 1.4;
    };
    double dt = m.kind().defaultDtMs();
    NeuronSimulation.Result a = NeuronSimulation.run(m, Stimulus.constant(amp), 300, dt, method, noise, 11, 7);
    NeuronSimulation.Result b = NeuronSimulation.run(m, Stimulus.constant(amp), 300, dt, method, noise, 11, 7);
    NeuronSimulation.Result c = NeuronSimulation.run(m, Stimulus.constant(amp), 300, dt, method, noise, 12, 7);
    assertThat(a.spikeTimesMs()).isNotEmpty();
    assertThat(b.spikeTimesMs()).containsExactly(a.spikeTimesMs());
    assertThat(b.trace().get("v")).containsExactly(a.trace().get("v"));
    assertThat(b.finalState()).isEqualTo(a.finalState());
    assertThat(c.trace().get("v")).isNotEqualTo(a.trace().get("v"));
  }
}
