package org.neuristor.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neuristor.sweep.Jobs;
import org.junit.jupiter.api.Test;

/**
 * The 1TS-1C LIF neuron built from the VO2 card fitted to the Galloni 2024 measurements
 * (examples/lif-vo2fit.cir, docs/fitting.md "A neuron from your fitted device") spikes at its documented
 * operating point and is silent where the static analysis says it must be.
 *
 * <p>Static analysis of the shipped card (round 6; its settled current-driven I-V, docs/fitting.md): the voltage
 * rises to a peak of about 7.3 V at 11 mA, folds back to about 5.3 V at 35 mA and rises again. With a load rin, the circuit
 * rests at the crossing of the load line {@code (vin - v)/rin} with that curve; a crossing on the rising
 * branch (vin below about 7.3 V + 11 mA * rin, i.e. 18 V at rin = 1 kOhm) is stable and the neuron is
 * silent. A crossing on the falling branch is unstable only when cm is large against the device's thermal
 * time over its negative resistance (the linearised condition cm > tau (1 + R/rin) / |dV/dI|), which is
 * why the operating point uses 1 mF (with this card's weaker fold-back, 500 uF fires twice and rests).
 */
class FittedVo2NeuronTest {
  static final Path NETLIST = Path.of("..", "examples", "lif-vo2fit.cir");

  private static Map<String, Double> run(String vin) throws Exception {
    // the sweep's netlist job resolves .include against the working directory: name the card's own path
    Path card = NETLIST.resolveSibling(Path.of("models", "vo2-galloni2024.model")).toAbsolutePath();
    String text = Files.readString(NETLIST, StandardCharsets.UTF_8)
        .replace(".include models/vo2-galloni2024.model", ".include " + card);
    assertThat(text).contains(".include " + card);
    return new Jobs.NetlistJob(NETLIST.toString(), text, Map.of("vin", vin),
        List.of("spikes:v(o)", "max:v(o)")).run(Map.of(), 1);
  }

  @Test
  void spikesTonicallyAtTheDocumentedOperatingPoint() throws Exception {
    // docs/fitting.md: vin = 20 V, rin = 1k, cm = 1 mF, rout = 50: tonic firing, i.e. it keeps firing
    // (round-6 card: 4 spikes in 3 s at 0.74, 1.36, 2.05, 2.75 s, period 0.70 s; a neuron that fires once and
    // rests would give 1)
    Map<String, Double> r = run("20");
    assertThat(r.get("spikes:v(o)")).isBetween(4.0, 7.0);
    assertThat(r.get("max:v(o)")).isGreaterThan(1.5);
  }

  @Test
  void staysSilentWhenTheLoadLineCrossesTheRisingBranch() throws Exception {
    // 14 V through 1 kOhm: the load line meets the rising branch near 7.1 V, 7 mA: a stable rest (max v(o) 0.34 V)
    Map<String, Double> r = run("14");
    assertThat(r.get("spikes:v(o)")).isEqualTo(0.0);
    assertThat(r.get("max:v(o)")).isLessThan(0.5);
  }
}
