package org.neuristor.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the CLI in-process as a user would, capturing exit code, stdout and stderr (picocli's
 * {@code getOut()}/{@code getErr()}), and whatever a command printed to {@code System.out} directly
 * ({@code stray}; it should print nothing there).
 */
public final class CliHarness {
  private CliHarness() {}

  public record Result(int code, String out, String err, String stray) {}

  public static Result run(String... args) {
    return run(Main::commandLine, args);
  }

  /**
   * Runs {@code args} with the command tree the {@code neuristor} command builds for them, including what it
   * starts before parsing them (a netlist run's run-ahead, a network run's warm-up).
   */
  public static Result runAsMain(String... args) {
    return run(() -> Main.started(args), args);
  }

  /** Runs {@code args} on the command tree {@code tree} makes (after standard output is captured). */
  private static synchronized Result run(java.util.function.Supplier<CommandLine> tree, String... args) {
    // the fast path (what the neuristor command runs first) must set what picocli sets, or decline
    QuickStartCheck.check(args);
    PrintStream old = System.out;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
      CommandLine cl = tree.get();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, out.toString(), err.toString(), stray.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }
}
