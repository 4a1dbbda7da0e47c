package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes a new user makes on the README's first commands (a misspelt command, device type or preset) name
 * what is wrong and what would be right, exit 2 and print no stack trace.
 */
class NewUserErrorsTest {
  @TempDir Path dir;

  @Test
  void aMisspeltCommandListsTheCommands() {
    // was "Unmatched arguments from index 1: 'rn', 'lif'" (and, at the top level, "Did you mean: neuristor patterns?")
    CliHarness.Result r = CliHarness.run("neuron", "rn", "lif");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: unknown command 'rn' of neuristor neuron (commands: ")
        .contains("list, show, run, fi,").contains("Did you mean: neuristor neuron run?")
        .contains("Try 'neuristor neuron --help'").doesNotContain("Exception");
    r = CliHarness.run("rn", "examples/1ts1c.cir");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: unknown command 'rn' of neuristor (commands: ").contains(" run, ")
        .contains("Did you mean: neuristor run?").doesNotContain("patterns?");
    r = CliHarness.run("nueron", "list");
    assertThat(r.err()).contains("Did you mean: neuristor neuron?");
    // an unknown option keeps picocli's own message and suggestion
    r = CliHarness.run("neuron", "run", "lif", "--stm", "dc:amp=2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown options: '--stm'").contains("--stim");
  }

  @Test
  void aStimulusTimeWithoutItsUnitThatNeverStartsIsNamed() {
    // t0=10 is 10 s (times are in seconds): the step of a 100 ms run never began and the run said only "quiescent"
    CliHarness.Result r = CliHarness.run("model", "run", "hh", "--stim", "step:amp=10,t0=10", "--duration", "100ms",
        "--out", dir.toString(), "--no-plot");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("warning: --stim is 0 over the whole run (0 to 0.1 s)").contains("t0=10ms");
    r = CliHarness.run("model", "run", "hh", "--stim", "step:amp=10,t0=10ms", "--duration", "100ms", "--out",
        dir.toString(), "--no-plot");
    assertThat(r.code()).isZero();
    assertThat(r.err()).doesNotContain("warning");
    // the same mistake on a circuit: its pulse would start after the run's end
    r = CliHarness.run("neuron", "run", "pickett", "--stim", "pulse:amp=0.3,width=100n,t0=10", "--out",
        dir.toString(), "--no-plot");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --stim pulse: t0 = 10 s is not before the end of the run (4e-7 s), "
        + "so the circuit would get no input; times are in seconds unless a unit or suffix is written (10n, 10ns)");
  }

  @Test
  void aPresetWhereATypeGoesAndAMisspeltPresetNameTheRightOnes() throws Exception {
    CliHarness.Result r = CliHarness.run("device", "describe", "nbox");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown device type 'nbox'").contains("'nbox' is a preset of ts (ts:nbox)");
    r = CliHarness.run("pulse", "nbx", "--amp", "2", "--width", "200n", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown device type or preset 'nbx'").contains("presets: nbox, vo2, ag,")
        .contains("zhang2024");
    // a netlist's .model of an unknown type lists the known types, at its line
    Path net = dir.resolve("t.cir");
    Files.writeString(net, "t\nv1 a 0 1\nn1 a 0 dd\n.model dd tss (preset=nbox)\n.op\n.end\n");
    r = CliHarness.run("run", net.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("t.cir:4:1: unknown device model type 'tss'").contains("known: ts, diffusive, ots,")
        .doesNotContain("Exception");
  }
}
