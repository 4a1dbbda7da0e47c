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
