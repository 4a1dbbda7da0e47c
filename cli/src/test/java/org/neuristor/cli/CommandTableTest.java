package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link CommandTable} is generated from the commands' annotations ({@link CommandTableGenerator}); this test
 * regenerates it in memory and compares, so that the fast path cannot drift from the commands. With {@code
 * -Dneuristor.writeTable=true} it writes the file instead.
 */
class CommandTableTest {
  @Test
  void commandTableIsGeneratedFromTheAnnotations() throws Exception {
    String generated = CommandTableGenerator.source();
    if (Boolean.getBoolean("neuristor.writeTable")) {
      Files.writeString(CommandTableGenerator.FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(CommandTableGenerator.FILE, StandardCharsets.UTF_8))
        .as("cli/src/main/java/org/neuristor/cli/CommandTable.java is stale: refresh it with " + CommandTableGenerator.REFRESH)
        .isEqualTo(generated);
  }

  /** An option in a base class. */
  static class Base {
    @CommandLine.Option(names = "--seed") long seed;
  }

  /** A command whose own field hides the base's annotated one (QuickStart, finding fields by name, would set it). */
  @CommandLine.Command(name = "shadow")
  static final class Shadowing extends Base implements Runnable {
    long seed = 5;

    @Override
    public void run() {}
  }

  /** A command whose exit code picocli takes from more than call()'s result. */
  @CommandLine.Command(name = "exits")
  static final class Exits implements Runnable, CommandLine.IExitCodeGenerator {
    @Override
    public void run() {}

    @Override
    public int getExitCode() {
      return 3;
    }
  }

  /** A command with a success exit code other than 0. */
  @CommandLine.Command(name = "exits", exitCodeOnSuccess = 4)
  static final class ExitsOnSuccess implements Runnable {
    @Override
    public void run() {}
  }

  /** Commands QuickStart would run otherwise than picocli are not served (the generator refuses them). */
  @Test
  void theGeneratorRefusesWhatQuickStartWouldGetWrong() throws Exception {
    assertThat(CommandTableGenerator.entry(new CommandLine(new Plain()), new TreeMap<>()))
        .contains("CommandTableTest.Plain.class", "\"seed\"");
    assertThatThrownBy(() -> CommandTableGenerator.entry(new CommandLine(new Shadowing()), new TreeMap<>()))
        .isInstanceOf(CommandTableGenerator.Unsupported.class).hasMessageContaining("shadowed");
    assertThatThrownBy(() -> CommandTableGenerator.entry(new CommandLine(new Exits()), new TreeMap<>()))
        .isInstanceOf(CommandTableGenerator.Unsupported.class).hasMessageContaining("exit code");
    assertThatThrownBy(() -> CommandTableGenerator.entry(new CommandLine(new ExitsOnSuccess()), new TreeMap<>()))
        .isInstanceOf(CommandTableGenerator.Unsupported.class).hasMessageContaining("exit code");
    CommandLine group = new CommandLine(new Group()).addSubcommand(new Plain());
    assertThat(CommandTableGenerator.entry(group.getSubcommands().get("plain"), new TreeMap<>())).contains("Plain");
    group.getCommandSpec().subcommandsRepeatable(true);
    assertThatThrownBy(() -> CommandTableGenerator.entry(group.getSubcommands().get("plain"), new TreeMap<>()))
        .isInstanceOf(CommandTableGenerator.Unsupported.class).hasMessageContaining("repeatable");
  }

  /** A command group. */
  @CommandLine.Command(name = "group")
  static final class Group implements Runnable {
    @Override
    public void run() {}
  }

  /** The control: a plain command with a base class's option is served. */
  @CommandLine.Command(name = "plain")
  static final class Plain extends Base implements Runnable {
    @Override
    public void run() {}
  }
}
