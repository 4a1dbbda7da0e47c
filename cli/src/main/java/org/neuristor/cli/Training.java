package org.neuristor.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several command lines in one JVM, one after another, for the launcher's ahead-of-time cache
 * (JDK 24+, JEP 483/514/515): such a cache is recorded from a single training process, so the jobs it
 * should cover (a netlist run, a network run, a small sweep, help) have to run in the same process.
 * Command lines are separated by a lone {@code ::}; each runs as {@code neuristor ARGS} would (same
 * command tree built from its arguments, the same warm-up of a network run), without exiting in between. Prints nothing of its own; the
 * exit code is the first non-zero exit code of the command lines (0 if all succeeded).
 *
 * <p>Usage: {@code java -cp neuristor.jar org.neuristor.cli.Training run a.cir --no-plot :: --help}
 */
public final class Training {
  private Training() {}

  /** The command lines in {@code args}, split at each lone {@code ::}; empty ones are dropped. */
  static List<String[]> split(String[] args) {
    List<String[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= args.length; i++) {
      if (i == args.length || args[i].equals("::")) {
        if (i > start) {
          lines.add(Arrays.copyOfRange(args, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int first = 0;
    for (String[] line : split(args)) {
      int code = Main.execute(line);
      if (first == 0) {
        first = code;
      }
    }
    System.exit(first);
  }
}
