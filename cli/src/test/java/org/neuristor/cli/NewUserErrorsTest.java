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
