package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run of one command builds only that command; usage, help and mistyped commands see all of them. */
class CommandsTest {

  @Test
  void onlyTheNamedSubcommandIsBuilt() {
    CommandLine full = Main.commandLine();
    for (String name : full.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CommandLine one = Main.commandLine(new String[] {name, "--help"});
      assertThat(one.getSubcommands().keySet()).as(name).containsExactlyInAnyOrder(name, "help");
      assertThat(one.getSubcommands().get(name).getCommandSpec().subcommands().keySet())
          .isEqualTo(full.getSubcommands().get(name).getCommandSpec().subcommands().keySet());
    }
    assertThat(Main.commandLine(new String[] {"--version"}).getSubcommands().keySet()).containsExactly("help");
    for (String[] args : new String[][] {{}, {"rnu"}}) {
      assertThat(Main.commandLine(args).getSubcommands().keySet()).isEqualTo(full.getSubcommands().keySet());
    }
  }

  @Test
  void onlyTheNamedNestedSubcommandIsBuilt() {
    CommandLine full = Main.commandLine();
    assertThat(full.getSubcommands().get("network").getSubcommands().keySet())
        .containsExactly("run", "digits", "crossbar", "stdp-digits");
    for (String name : full.getSubcommands().get("network").getSubcommands().keySet()) {
      CommandLine one = Main.commandLine(new String[] {"network", name, "--help"});
      assertThat(one.getSubcommands().get("network").getSubcommands().keySet()).as(name).containsExactly(name);
      // the one built is the whole subtree (crossbar keeps its own subcommands)
      assertThat(one.getSubcommands().get("network").getSubcommands().get(name).getSubcommands().keySet())
          .isEqualTo(full.getSubcommands().get("network").getSubcommands().get(name).getSubcommands().keySet());
    }
    for (String[] args : new String[][] {{"network"}, {"network", "rnu"}, {"network", "--json"}}) {
      assertThat(Main.commandLine(args).getSubcommands().get("network").getSubcommands().keySet())
          .as(String.join(" ", args)).containsExactly("run", "digits", "crossbar", "stdp-digits");
    }
  }

  @Test
  void versionFastPathPrintsWhatPicocliPrints() {
    for (String flag : new String[] {"--version", "-V"}) {
      StringWriter picocli = new StringWriter();
      CommandLine cl = Main.commandLine(new String[] {flag});
      cl.setOut(new PrintWriter(picocli));
      assertThat(cl.execute(flag)).isZero();
      ByteArrayOutputStream fast = new ByteArrayOutputStream();
      Main.printVersion(new PrintStream(fast, true, StandardCharsets.UTF_8));
      assertThat(fast.toString(StandardCharsets.UTF_8)).as(flag).isEqualTo(picocli.toString()).startsWith("neuristor ");
    }
  }
}
