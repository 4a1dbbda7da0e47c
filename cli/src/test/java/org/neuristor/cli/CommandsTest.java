package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
  void listedNamesAreTheAnnotationsNames() {
    assertThat(Commands.listed()).hasSize(Commands.all().size() + 4);
    for (Commands.Sub sub : Commands.listed()) {
      CommandLine.Command a = sub.type().getAnnotation(CommandLine.Command.class);
      List<String> names = new ArrayList<>(List.of(a.name()));
      names.addAll(List.of(a.aliases()));
      assertThat(sub.names()).as(sub.type().getName()).isEqualTo(names);
    }
    assertThat(Commands.named("network")).isEqualTo(NetworkCommand.class);
    assertThat(Commands.named("rnu")).isNull();
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

  @Test
  void startedCommandsNeverLookForGroovyClosures() {
    // the search for groovy.lang.Closure would open the full jar behind the start jar at every start
    Main.started(new String[] {"network", "run", "--help"});
    assertThat(System.getProperty(Main.CLOSURES_DISABLED)).isEqualTo("true");
  }
}
