package org.neuristor.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --json} option every command has, and the command's output streams: everything a
 * command prints goes through picocli's {@code getOut()}/{@code getErr()} of the command line that
 * runs it, so embedding code and tests see it. Add with {@code @Mixin JsonOption json;} ({@link
 * OutputOptions} includes it).
 */
public class JsonOption {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  /**
   * What runs the command when picocli does not ({@link QuickStart}): the command's streams and the {@link Main}
   * that started it (null when picocli runs it: then {@link #mixee} serves).
   */
  QuickStart.Started started;

  @Option(names = "--json", description = "Print the result as one JSON object on stdout (an error as "
      + "{\"error\": {...}}); logs and progress go to stderr.")
  boolean json;

  public boolean json() {
    return json;
  }

  /** Standard output of the running command line. */
  public PrintWriter out() {
    return started != null ? started.out() : mixee.commandLine().getOut();
  }

  /** Standard error of the running command line (warnings, notes). */
  public PrintWriter err() {
    return started != null ? started.err() : mixee.commandLine().getErr();
  }

  /**
   * The {@link Main} that runs this command (with what it started before parsing: a netlist run's run-ahead, a
   * network run's warm-up), or null when the command line was built otherwise (tests, embedding code).
   */
  Main main() {
    if (started != null) {
      return started.main();
    }
    return mixee.root().userObject() instanceof Main m ? m : null;
  }

  /** Prints the summary on standard output, as JSON with {@code --json}. */
  public void print(Summary s) {
    s.print(out(), json);
  }

  /**
   * What a command group prints when run without a subcommand: its usage, or with {@code --json} the
   * subcommands and their summaries as {@code {"commands": [{"name": ..., "summary": ...}]}}.
   */
  public void usageOrCommands() {
    picocli.CommandLine cl = mixee.commandLine();
    if (!json) {
      cl.usage(out());
      return;
    }
    java.util.List<Object> rows = new java.util.ArrayList<>();
    for (java.util.Map.Entry<String, picocli.CommandLine> e : cl.getSubcommands().entrySet()) {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("name", e.getKey());
      m.put("summary", CliDocs.summary(e.getValue().getCommandSpec()));
      rows.add(m);
    }
    print(new Summary().put("commands", rows));
  }

  /** A warning line on standard error. */
  public void warn(String message) {
    err().println("warning: " + message);
    err().flush();
  }
}
