package org.neuristor.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor help [COMMAND [SUBCOMMAND ...]]}: the help page of any command, however deeply
 * nested ({@code neuristor help neuron run}); picocli's own help command only looks one level down.
 */
@Command(name = "help", helpCommand = true,
    description = "Show the help of a command, e.g. 'neuristor help neuron run'.",
    footer = {"", "Examples:", "  ./neuristor help neuron run", "  ./neuristor help sweep"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its subcommands, e.g. neuron run.")
  List<String> path = List.of();

  private CommandLine self;
  private CommandLine.Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
      PrintWriter err) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = out;
  }

  @Override
  public void run() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new CommandLine.ParameterException(self, "unknown command '" + name + "' for '"
            + target.getCommandSpec().qualifiedName() + "'; commands: "
            + String.join(", ", target.getSubcommands().keySet()));
      }
      target = next;
    }
    target.usage(out, colors);
  }
}
