package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuristor.NetlistException;
import org.neuristor.library.FullCircuits;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Noise;
import org.neuristor.neuron.Stimulus;

/**
 * Any neuron kernel in a network file: biological models and library circuits as populations.
 * A single neuron with a constant bias fires at exactly the times {@code model run} gives; the
 * compact Pickett and Yi networks fire within 1% of their full circuits; a network mixing HH, AdEx
 * and Izhikevich populations runs, the same for any thread count.
 */
class KernelPopulationTest {

  static NetworkFile.Loaded load(String text, int threads) {
    return NetworkFile.parse("test.yaml", text, false, threads);
  }

  /** Every monitored spike time of a population. */
  static double[] times(Network net, String population) {
    return neuron(net, population, -1);
  }

  @ParameterizedTest
  @EnumSource(ModelKind.class)
  void oneNeuronWithAConstantBiasFiresExactlyWhenModelRunSays(ModelKind kind) {
    double amp = kind.descriptor().defaultStimulusAmplitude();
    double dtMs = kind.defaultDtMs();
    NeuronModel m = NeuronModel.of(kind);
    NeuronSimulation.Result run = NeuronSimulation.run(m, Stimulus.constant(amp), 200, dtMs, kind.defaultMethod(),
        Noise.NONE, 0, 1);
    String text = String.join("\n", "dt: " + dtMs * 1e-3, "duration: 0.2",
        "populations:",
        "  n: {model: " + kind.cliName() + ", size: 1, bias: " + amp * kind.currentToSi() + "}",
        "monitors:", "  - {spikes: n}", "");
    NetworkFile.Loaded l = load(text, 1);
    l.network().run(l.durationSeconds());
    assertThat(run.spikeTimesSeconds()).as("model run spikes").hasSizeGreaterThan(2);
    assertThat(times(l.network(), "n")).containsExactly(run.spikeTimesSeconds());
  }

  static final String MIXED = String.join("\n",
      "dt: 0.01ms", "duration: 100ms", "seed: 3",
      "populations:",
      "  drive: {model: poisson, size: 40, rate: 200Hz}",
      "  hh:",
      "    model: hh",
      "    size: 30",
      "    method: exp-euler",
      "    parameters: {celsius: 6.3}",
      "    bias: 0.02               # A/m2 = 2 uA/cm2, below its rheobase",
      "    channels: {e: {kernel: conductance, tau: 2ms, E: 0mV}}",
      "  adex:",
      "    model: adex",
      "    size: 30",
      "    parameters: {b: 60}",
      "    bias: 500pA",
      "    v_init: {uniform: [-70mV, -55mV]}",
      "    channels: {e: {kernel: exponential, tau: 5ms}}",
      "  izh:",
      "    model: izhikevich",
      "    size: 30",
      "    parameters: {d: 2}",
      "    noise: ou:sigma=2,tau=5",
      "    channels: {e: {kernel: current}}",
      "projections:",
      "  - {from: drive, to: hh, channel: e, connect: {fixed_probability: 0.3}, weight: 2.0, delay: 1ms}",
      "  - {from: hh, to: adex, channel: e, connect: {fixed_probability: 0.3}, weight: 200pA}",
      "  - {from: adex, to: izh, channel: e, connect: {fixed_probability: 0.3}, weight: 0.003}",
      "monitors:", "  - {spikes: hh}", "  - {spikes: adex}", "  - {spikes: izh}",
      "  - {state: hh, variable: m, neurons: [0], every: 10}", "");

  @Test
  void aNetworkOfHhAdexAndIzhikevichPopulationsRunsTheSameOnAnyThreadCount() {
    double[][] first = null;
    for (int threads = 1; threads <= 2; threads++) {
      NetworkFile.Loaded l = load(MIXED, threads);
      l.network().run(l.durationSeconds());
      double[][] t = {times(l.network(), "hh"), times(l.network(), "adex"), times(l.network(), "izh")};
      for (double[] x : t) {
        assertThat(x).as("every population fires").isNotEmpty();
      }
      if (first == null) {
        first = t;
      } else {
        for (int p = 0; p < 3; p++) {
          assertThat(t[p]).containsExactly(first[p]);
        }
      }
      assertThat(l.network().stateMonitors().get(0).count()).isEqualTo(1000);
    }
    // the HH bias alone is subthreshold: its spikes come from the Poisson synapses
    NetworkFile.Loaded quiet = load(MIXED.replace("weight: 2.0,", "weight: 0,"), 1);
    quiet.network().run(quiet.durationSeconds());
    assertThat(times(quiet.network(), "hh")).isEmpty();
  }

  @Test
  void aYamlNetworkOfPickettNeuristorsFiresWithinOnePercentOfTheFullCircuit() {
    String source = "pulse(0 0.3 10n 1p 1p 1 2)";
    double[] full = FullCircuits.spikeTimes("pickett", Map.of("tstop", "2.7u"), source);
    NetworkFile.Loaded l = load(String.join("\n", "dt: 1ns", "duration: 2.7us", "populations:",
        "  p: {circuit: pickett, size: 3, source: \"" + source + "\"}", "monitors:", "  - {spikes: p}", ""), 2);
    l.network().run(l.durationSeconds());
    assertWithinOnePercent("pickett", neuron(l.network(), "p", 2), full, 20);
  }

  @Test
  void aYamlNetworkOfYiNeuronsFiresWithinOnePercentOfTheFullCircuit() {
    String step = "pwl(0 0 2u 0 2.01u 2 1 2)";
    double[] full = FullCircuits.spikeTimes("yi", Map.of("tstop", "72u"), step);
    NetworkFile.Loaded l = load(String.join("\n", "dt: 10ns", "duration: 72us", "populations:",
        "  y: {circuit: yi, size: 2, source: \"" + step + "\"}", "monitors:", "  - {spikes: y}", ""), 1);
    l.network().run(l.durationSeconds());
    assertWithinOnePercent("yi", neuron(l.network(), "y", 1), full, 20);
  }

  /**
   * A circuit population whose neuron fires faster than the network step: the 1TS-1C neuron at 2 V spikes every
   * 7.07 us, so a 10 us step holds two spikes and the network, which carries one spike per neuron and step, refuses
   * it as it does for the biological kernels (until round 19 the second spike was dropped: 9 spikes in 100 us, one
   * per step, against the 13 of any step below the ISI).
   */
  @Test
  void aCircuitNeuronFiringTwiceWithinOneStepIsRefusedNotDropped() {
    java.util.function.IntFunction<NetworkFile.Loaded> at = us -> load(String.join("\n", "dt: " + us + "us",
        "duration: 100us", "populations:", "  a: {circuit: lif, size: 1}", "monitors:", "  - {spikes: a}", ""), 1);
    NetworkFile.Loaded fine = at.apply(1);
    fine.network().run(fine.durationSeconds());
    NetworkFile.Loaded below = at.apply(5);
    below.network().run(below.durationSeconds());
    assertThat(times(fine.network(), "a")).hasSize(13);
    assertThat(times(below.network(), "a")).hasSize(13);
    NetworkFile.Loaded coarse = at.apply(10);
    // found while running, reported at the file's dt (line 1, the value at column 5) with the population's line
    assertThatThrownBy(() -> coarse.network().run(coarse.durationSeconds()))
        .isInstanceOfSatisfying(NetlistException.class, e -> {
          assertThat(e.file()).isEqualTo("test.yaml");
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.column()).isEqualTo(5);
          assertThat(e.getMessage()).startsWith("test.yaml:1:5: population 'a': neuron 0 fired twice within one step "
              + "of 1.0E-5 s").contains("reduce dt").endsWith("population 'a' is at line 4");
        });
  }

  /** The same location for a biological model's kernel (network files only; a kernel built in code has none). */
  @Test
  void aModelNeuronFiringTwiceWithinOneStepNamesTheFilesDt() {
    // the perfect IF under 100 nA reaches its threshold every 0.25 ms (0.15 ms charging, 0.1 ms refractory)
    NetworkFile.Loaded l = load(String.join("\n", "name: twice", "seed: 3", "dt:   1ms", "duration: 20ms",
        "populations:", "  quiet: {model: poisson, size: 1, rate: 1Hz}", "  fast:", "    model: if",
        "    size: 2", "    parameters: {t_ref: 0.1}", "    bias: 100nA", ""), 1);
    assertThatThrownBy(() -> l.network().run(l.durationSeconds()))
        .isInstanceOfSatisfying(NetlistException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo(7);
          assertThat(e.detail()).contains("population 'fast': neuron 0 fired twice within one step of 0.001 s")
              .endsWith("population 'fast' is at line 7");
        });
  }

  /** The monitored spike times of neuron i of a population (every neuron's for i = -1). */
  static double[] neuron(Network net, String population, int i) {
    for (SpikeMonitor m : net.spikeMonitors()) {
      if (m.population().name().equals(population)) {
        double[] t = new double[m.count()];
        int n = 0;
        for (int k = 0; k < m.count(); k++) {
          if (i < 0 || m.neuron(k) == i) {
            t[n++] = m.time(k);
          }
        }
        return Arrays.copyOf(t, n);
      }
    }
    throw new AssertionError("no monitor of " + population);
  }

  static void assertWithinOnePercent(String circuit, double[] network, double[] full, int count) {
    assertThat(full.length).as("full-circuit spikes").isGreaterThanOrEqualTo(count);
    assertThat(network.length).as("network spikes").isGreaterThanOrEqualTo(count);
    double worst = 0;
    for (int k = 0; k < count; k++) {
      worst = Math.max(worst, Math.abs(network[k] / full[k] - 1));
    }
    System.out.printf("%s network vs full circuit: worst relative spike-time error over %d spikes %.4f%%%n",
        circuit, count, 100 * worst);
    for (int k = 0; k < count; k++) {
      assertThat(network[k]).as("spike %d", k).isCloseTo(full[k], Percentage.withPercentage(1));
    }
  }

  @Test
  void circuitParametersAndDeviceOverridesReachTheKernel() {
    // a higher threshold of every TS-A device delays the 1TS-1C neuron's first spike
    String base = String.join("\n", "dt: 50ns", "duration: 40us", "populations:",
        "  a: {circuit: lif, size: 1, parameters: {vin: 2}}",
        "  b: {circuit: lif, size: 1, parameters: {vin: 2}, device: {vth: 1.1}}",
        "monitors:", "  - {spikes: a}", "  - {spikes: b}", "");
    NetworkFile.Loaded l = load(base, 1);
    l.network().run(l.durationSeconds());
    assertThat(times(l.network(), "b")[0]).isGreaterThan(times(l.network(), "a")[0]);
  }

  @Test
  void aDeviceFileOfModelCardsActsLikeTheSameDeviceOverrides(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // a fitted device as a file of .model cards (netlist syntax, continuation, comment) is applied to the
    // circuit's devices of that type, exactly as the same values under device:
    java.nio.file.Files.writeString(dir.resolve("fit.model"), "* fitted switch\n.model fit ts (vth=1.1\n+ vhold=0.62)\n");
    String text = String.join("\n", "dt: 50ns", "duration: 40us", "populations:",
        "  a: {circuit: lif, size: 1, parameters: {vin: 2}, device: {vth: 1.1, vhold: 0.62}}",
        "  b: {circuit: lif, size: 1, parameters: {vin: 2}, device_file: fit.model}",
        "monitors:", "  - {spikes: a}", "  - {spikes: b}", "");
    NetworkFile.Loaded l = NetworkFile.parse(dir.resolve("net.yaml").toString(), text, false, 1);
    l.network().run(l.durationSeconds());
    assertThat(times(l.network(), "b")).isNotEmpty().containsExactly(times(l.network(), "a"));
    java.nio.file.Files.writeString(dir.resolve("other.model"), ".model m mott (tc=900)\n");
    assertThatThrownBy(() -> NetworkFile.parse(dir.resolve("net.yaml").toString(),
        text.replace("fit.model", "other.model"), false, 1)).isInstanceOf(NetlistException.class)
        .hasMessageContaining("no .model of a device type circuit lif uses (ts)");
  }

  @Test
  void badKernelPopulationsNameTheLine() {
    String ok = String.join("\n", "dt: 0.1ms", "populations:", "  n: {model: lif, size: 1, parameters: {v_th: -50}}",
        "  c: {circuit: pickett, size: 1, parameters: {vin: 0.2}, device: {vth: 1.1}}", "");
    load(ok, 1);
    // values in the unit of 'model describe lif' (mV) or with a unit, as in model files; a wrong unit is refused
    load(ok.replace("v_th: -50", "v_th: -0.05V"), 1);
    assertThatThrownBy(() -> load(ok.replace("v_th: -50", "v_th: -50ms"), 1)).isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("test.yaml:3:").hasMessageContaining("v_th").hasMessageContaining("mV");
    assertThatThrownBy(() -> load(ok.replace("v_th: -50", "v_th: 500"), 1)).isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("test.yaml:3:").hasMessageContaining("v_th");
    assertThatThrownBy(() -> load(ok.replace("{vin: 0.2}", "{vth: 0.2}"), 1)).isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("test.yaml:4:").hasMessageContaining("has no parameter 'vth'")
        .hasMessageContaining("device:");
    assertThatThrownBy(() -> load(ok.replace("device: {vth: 1.1}", "device: {vin: 1.1}"), 1))
        .isInstanceOf(NetlistException.class).hasMessageContaining("circuit parameter");
    assertThatThrownBy(() -> load(ok.replace("circuit: pickett", "circuit: nosuch"), 1))
        .isInstanceOf(NetlistException.class).hasMessageStartingWith("test.yaml:4:").hasMessageContaining("pickett");
    assertThatThrownBy(() -> load(ok.replace("model: lif, size: 1, parameters: {v_th: -50}", "model: hh, size: 1, method: exact"), 1))
        .isInstanceOf(NetlistException.class).hasMessageContaining("not available");
    assertThatThrownBy(() -> load(ok.replace("size: 1, parameters: {v_th: -50}", "size: 1, method: rk4"), 1))
        .isInstanceOf(NetlistException.class).hasMessageContaining("not available");
  }
}
