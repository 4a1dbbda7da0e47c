package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.sweep.Jobs;

/**
 * The example netlists that reproduce checklist items T9 and T10 from the command line
 * ({@code ./neuristor run examples/mott-pulse.cir}, {@code ./neuristor sweep examples/sweep-vo2-window.yaml};
 * docs/reproduction.md), run through the sweep's netlist job as the sweep specs run them, against physics.md's
 * tables. {@link MottMemristorTest} and {@link Vo2ThermalMemristorTest} check the same numbers on circuits built in
 * Java; this checks the files a user runs, their {@code .meas} lines included.
 */
class PhysicsExampleNetlistsTest {
  static final Path EXAMPLES = Path.of("..", "examples");

  static Map<String, Double> run(String file, String param, String value, String... results) throws Exception {
    Path netlist = EXAMPLES.resolve(file);
    String text = Files.readString(netlist, StandardCharsets.UTF_8);
    return new Jobs.NetlistJob(netlist.toString(), text, Map.of(param, value), List.of(results)).run(Map.of(), 1);
  }

  @ParameterizedTest(name = "{0} V")
  @CsvSource({"1.2, 1.02, 160", "1.5, 0.48, 112", "2.0, 0.23, 93", "3.0, 0.09, 83"})
  void t9MottPulseOnDelayAndEnergyOfTheExampleNetlist(String vp, double delayNs, double energyFj) throws Exception {
    // physics.md 3.2: switched when T > T_c - 2w = 1060 K; energy dissipated in the device until then; T9 asks 5 %
    // (the table gives two digits: 0.09 ns at 3 V is 0.0932 ns)
    Map<String, Double> r = run("mott-pulse.cir", "vp", vp, "meas:ton", "meas:eon");
    assertThat(r.get("meas:ton") * 1e9).isCloseTo(delayNs, within(0.05 * delayNs));
    assertThat(r.get("meas:eon") * 1e15).isCloseTo(energyFj, within(0.05 * energyFj));
  }

  @ParameterizedTest(name = "{0} V")
  @CsvSource({"10.0, 0", "10.2, 0.218", "12.0, 0.329", "13.44, 0.390", "14.0, 0.414", "15.4, 0.5", "16.0, 0"})
  void t10Vo2NeuristorWindowAndFrequencyOfTheExampleNetlist(String vin, double fMhz) throws Exception {
    // physics.md 3.3, T10 (1 %); quiescent below the window and blocked above it: f is null (NaN), not a number from
    // the window's edge. 15.4 V: physics.md's Euler run still spikes at 15.5 V (0.584 MHz), the exact ODE stops
    // between 15.4 and 15.5 V (Vo2ThermalMemristorTest), so only "fast" is asked there
    double f = run("vo2-neuristor.cir", "vin", vin, "meas:f").get("meas:f");
    if (fMhz == 0) {
      assertThat(f).isNaN();
    } else if (vin.equals("15.4")) {
      assertThat(f * 1e-6).isGreaterThan(fMhz);
    } else {
      assertThat(f * 1e-6).isCloseTo(fMhz, within(0.01 * fMhz));
    }
  }
}
