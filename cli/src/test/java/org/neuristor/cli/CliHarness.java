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

  public static synchronized Result run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, out.toString(), err.toString(), stray.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }
}
