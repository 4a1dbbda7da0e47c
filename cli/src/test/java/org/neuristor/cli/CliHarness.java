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
 * ({@code stray}; it should print nothing there). As the {@code neuristor} command does ({@link Main#execute}), a
 * command line {@link QuickStart} serves runs there, any other through picocli; every line is also parsed by both
 * and compared field by field first ({@link QuickStartCheck}).
 */
public final class CliHarness {
  private CliHarness() {}

  public record Result(int code, String out, String err, String stray) {}

  /** Runs {@code args} as the {@code neuristor} command does, without what it starts before parsing. */
  public static Result run(String... args) {
    return run(true, Main::commandLine, args);
  }

  /** Runs {@code args} through picocli's command tree always (what embedding code does; the reference). */
  public static Result picocli(String... args) {
    return run(false, Main::commandLine, args);
  }

  /**
   * Runs {@code args} as the {@code neuristor} command runs them, including what it starts before parsing them (a
   * netlist run's run-ahead, a network run's warm-up).
   */
  public static Result runAsMain(String... args) {
    return run(true, () -> Main.started(args), args);
  }

  /**
   * Runs {@code args} (after standard output is captured): through QuickStart if {@code quick} and it serves them,
   * with the {@link Main} of the tree {@code tree} makes, else on that tree.
   */
  private static synchronized Result run(boolean quick, java.util.function.Supplier<CommandLine> tree,
      String... args) {
    // the fast path must set what picocli sets, or decline
    QuickStartCheck.check(args);
    PrintStream old = System.out;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
      CommandLine cl = tree.get();
      Integer code = quick ? QuickStart.execute(args, (Main) cl.getCommand(), new PrintWriter(out, true),
          new PrintWriter(err, true)) : null;
      if (code == null) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        code = cl.execute(args);
      }
      return new Result(code, out.toString(), err.toString(), stray.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }
}
