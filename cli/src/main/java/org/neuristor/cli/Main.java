package org.neuristor.cli;

import java.io.PrintWriter;
import org.neuristor.NeuristorException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code neuristor} command. Subcommands are registered here; each is a small
 * picocli class over the Java API. User errors ({@link NeuristorException}) print one line and exit
 * with the exception's code (2 input, 3 numerical); picocli usage errors exit 2.
 */
@Command(
    name = "neuristor",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Neuristor: spiking neurons built from volatile memristors, from the device to the network.",
      ""
    },
    subcommands = {CommandLine.HelpCommand.class},
    footer = {"", "Run 'neuristor COMMAND --help' for a command's options and an example."})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command tree; tests use it to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    for (Object sub : Commands.all()) {
      cl.addSubcommand(sub);
    }
    cl.setExecutionExceptionHandler(Main::handleExecutionException);
    cl.setParameterExceptionHandler(Main::handleParameterException);
    return cl;
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int code = commandLine().execute(args);
    System.exit(code);
  }

  private static int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    Throwable t = ex;
    while (!(t instanceof NeuristorException) && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof NeuristorException ne) {
      err.println("error: " + ne.getMessage());
      err.flush();
      return ne.exitCode();
    }
    if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
      err.println("error: " + ex.getMessage());
      err.flush();
      return 2;
    }
    err.println("internal error: " + ex);
    ex.printStackTrace(err);
    err.flush();
    return 70;
  }

  private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + ex.getMessage());
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return 2;
  }

  /** Version from the jar manifest, or "dev". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"neuristor " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
