package org.neuristor.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process as a user would, capturing exit code, stdout and stderr. */
public final class CliHarness {
  private CliHarness() {}

  public record Result(int code, String out, String err) {}

  public static Result run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true));
      CommandLine cl = Main.commandLine();
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, out.toString(), err.toString());
    } finally {
      System.setOut(old);
    }
  }
}
