package org.neuristor.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.io.Json;
import org.neuristor.network.WarmUp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code neuristor} command. Subcommands are registered here; each is a small
 * picocli class over the Java API. User errors ({@link NeuristorException}) print one line and exit
 * with the exception's code (2 input, 3 numerical); picocli usage errors exit 2. With {@code --json}
 * a failure also prints one JSON object on stdout: {@code {"error": {"message": ..., "file": ...,
 * "line": ..., "column": ..., "exit": 2}}} (file, line and column null when the error has no location).
 */
@Command(
    name = "neuristor",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Neuristor simulates spiking neurons built from volatile memristors, from the device to the network.",
    subcommands = {HelpCommand.class},
    footer = {"", "Run 'neuristor COMMAND --help' or 'neuristor help COMMAND [SUBCOMMAND]' for a command's options "
        + "and examples."})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  private final WarmUp warmUp;
  private final RunAhead runAhead;

  /** A root command with what was started for its command line (either may be null). */
  Main(WarmUp warmUp, RunAhead runAhead) {
    this.warmUp = warmUp;
    this.runAhead = runAhead;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** picocli's system property: built-in type converters of the classes it matches are not registered. */
  static final String CONVERTERS_EXCLUDED = "picocli.converters.excludes";

  /** What {@link #start} sets {@link #CONVERTERS_EXCLUDED} to unless it is set already. */
  static final String CONVERTERS_EXCLUDED_DEFAULT = "java\\.(time|sql)\\..*";

  /** picocli's system property: no Groovy closures in annotations (see {@link #started}). */
  static final String CLOSURES_DISABLED = "picocli.disable.closures";

  /** Builds the whole command tree; tests use it to run commands in-process. */
  public static CommandLine commandLine() {
    return tree(Commands.all(), null, new Main(null, null));
  }

  /**
   * The command tree for {@code args}: when the first argument names a subcommand, only that one is
   * built (a start-up cost); usage, help, suggestions for a mistyped command and no arguments get all.
   */
  static CommandLine commandLine(String[] args) {
    return commandLine(args, null);
  }

  /** As {@link #commandLine(String[])}, with the warm-up started for these arguments (null: none). */
  static CommandLine commandLine(String[] args, WarmUp warmUp) {
    return commandLine(args, warmUp, null);
  }

  /** As {@link #commandLine(String[], WarmUp)}, with the run-ahead started for these arguments (null: none). */
  static CommandLine commandLine(String[] args, WarmUp warmUp, RunAhead runAhead) {
    List<Class<?>> reachable = Commands.reachable(args);
    return tree(reachable, reachable.size() == 1 ? args : null, new Main(warmUp, runAhead));
  }

  /** Runs the command line {@code args} as the {@code neuristor} command does and returns its exit code. */
  static int execute(String[] args) {
    Start s = start(args);
    // the success case of every command CommandTable serves runs without picocli's model (QuickStart); picocli
    // parses everything else
    Integer code = QuickStart.execute(args, new Main(s.warmUp(), s.runAhead()), stdout(), stderr());
    return code != null ? code : commandLine(args, s.warmUp(), s.runAhead()).execute(args);
  }

  /** Standard output as picocli's {@code getOut()} makes it (its encoding rule, buffered, flushed per line). */
  static PrintWriter stdout() {
    return writer(System.out, "sun.stdout.encoding");
  }

  /** Standard error as picocli's {@code getErr()} makes it. */
  static PrintWriter stderr() {
    return writer(System.err, "sun.stderr.encoding");
  }

  private static PrintWriter writer(java.io.OutputStream stream, String encodingProperty) {
    String name = System.getProperty(encodingProperty);
    java.nio.charset.Charset cs = java.nio.charset.Charset.defaultCharset();
    if (name != null) {
      try {
        cs = java.nio.charset.Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
      } catch (RuntimeException e) {
        // picocli falls back to the default charset too
      }
    }
    return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, cs)), true);
  }

  /**
   * The command tree for {@code args} as the {@code neuristor} command builds it, with what starts before picocli
   * builds its model (~0.1 s of a cold start): a network run's warm-up, a netlist run's run-ahead.
   */
  static CommandLine started(String[] args) {
    Start s = start(args);
    return commandLine(args, s.warmUp(), s.runAhead());
  }

  /** What starts before the command line is parsed (either or neither). */
  private record Start(WarmUp warmUp, RunAhead runAhead) {}

  /** Sets picocli's start-up properties (below) and starts what {@code args} gets before parsing. */
  private static Start start(String[] args) {
    // picocli registers a converter for every java.time and java.sql type by reflection when it builds a model,
    // which loads and initialises those classes (DateTimeFormatter's tables among them); no option here has
    // such a type. Measured: the main thread's CPU to build and parse `run`'s model 0.87x (median of 18
    // alternated JVM pairs, load 12-28).
    if (System.getProperty(CONVERTERS_EXCLUDED) == null) {
      System.setProperty(CONVERTERS_EXCLUDED, CONVERTERS_EXCLUDED_DEFAULT);
    }
    // picocli looks for Groovy's Closure class when it builds a model, a class-path search that opens the full jar
    // (its ~10,500-entry directory read and the zip code run cold), which a start served by the start-up archive
    // otherwise never reads; no annotation here holds a closure
    if (System.getProperty(CLOSURES_DISABLED) == null) {
      System.setProperty(CLOSURES_DISABLED, "true");
    }
    // run: the netlist is compiled and run meanwhile (RunAhead; RunCommand takes the results if they are its own)
    RunAhead runAhead = RunAhead.start(args);
    // network run: the JIT warms up on a miniature of the file while the command line is parsed and the network
    // is built; the command stops it when its run starts (NetworkCommand.Run)
    return new Start(runAhead == null ? NetworkCommand.Run.warmUp(args) : null, runAhead);
  }

  /** The tree of {@code subcommands}; their own subcommands as {@code args} reaches them (all if null). */
  private static CommandLine tree(List<Class<?>> subcommands, String[] args, Main main) {
    CommandLine cl = new CommandLine(main);
    for (Class<?> sub : subcommands) {
      List<Class<?>> children = Commands.children(sub, args);
      if (children.isEmpty()) {
        cl.addSubcommand(sub);
      } else {
        CommandLine parent = new CommandLine(sub);
        for (Class<?> child : children) {
          parent.addSubcommand(child);
        }
        cl.addSubcommand(parent);
      }
    }
    CliArgs.registerConverters(cl);
    Handlers handlers = new Handlers();
    cl.setExecutionExceptionHandler(handlers);
    cl.setParameterExceptionHandler(handlers);
    return cl;
  }

  /**
   * The two error handlers as a class rather than method references: picocli's handler interfaces are Java 5
   * class files, which the start-up archive cannot hold, so a lambda implementing them was spun at every start
   * (bytecode generation in a cold JVM, on the main thread).
   */
  private static final class Handlers
      implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
      return Main.handleExecutionException(ex, cl, parseResult);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      return Main.handleParameterException(ex, args);
    }
  }

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // What picocli prints for --version, without building the command model (~30 ms of reflection and
      // annotation proxies at start-up); CommandsTest checks both paths print the same.
      printVersion(System.out);
      System.exit(0);
    }
    System.setProperty("java.awt.headless", "true");
    System.exit(execute(args));
  }

  /** The warm-up started for this command line, or null; commands reach it through the root's user object. */
  WarmUp warmUp() {
    return warmUp;
  }

  /** The run-ahead started for this command line, or null (see {@link RunAhead}). */
  RunAhead runAhead() {
    return runAhead;
  }

  private static int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult leaf = parseResult;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    discardCreatedOutput(leaf.commandSpec().userObject());
    return failure(ex, leaf.hasMatchedOption("--json"), cl.getOut(), cl.getErr());
  }

  /**
   * After {@code command} failed, on both ways a command runs (picocli's and {@link QuickStart}'s): the {@code --out}
   * folder its {@link OutputOptions} made is taken back if nothing was written into it (one that existed before
   * stays).
   */
  static void discardCreatedOutput(Object command) {
    for (java.lang.reflect.Field f : command.getClass().getDeclaredFields()) {
      if (f.getType() == OutputOptions.class) {
        try {
          f.setAccessible(true);
          if (f.get(command) instanceof OutputOptions output) {
            output.discardCreatedIfEmpty();
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // best effort: the command's own error is what the user must see
        }
      }
    }
  }

  /**
   * What a command's exception prints (on {@code err}, and as JSON on {@code out} with {@code json}) and the exit
   * code: a user error its message and code, an I/O error its message and 2, anything else "internal error" with
   * its stack trace and 70.
   */
  static int failure(Exception ex, boolean json, PrintWriter out, PrintWriter err) {
    Throwable t = ex;
    while (!(t instanceof NeuristorException) && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof NeuristorException ne) {
      return fail(out, err, json, ne.getMessage(), ne, ne.exitCode());
    }
    if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
      return fail(out, err, json, ex.getMessage(), null, 2);
    }
    err.println("internal error: " + ex);
    ex.printStackTrace(err);
    err.flush();
    if (json) {
      printJsonError(out, "internal error: " + ex, null, 70);
    }
    return 70;
  }

  private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    String message = ex.getMessage();
    String command = unknownCommand(ex);
    if (command != null) {
      // picocli says "Unmatched arguments from index 1: 'rn', 'lif'" and may suggest an unrelated command
      message = "unknown command '" + command + "' of " + cl.getCommandSpec().qualifiedName() + " (commands: "
          + String.join(", ", cl.getSubcommands().keySet()) + ")";
    }
    err.println("error: " + message);
    if (command != null) {
      List<String> near = cl.getSubcommands().keySet().stream().filter(n -> near(command, n)).toList();
      if (!near.isEmpty()) {
        err.println("Did you mean: " + String.join(" or ", near.stream().map(n -> cl.getCommandSpec().qualifiedName()
            + " " + n).toList()) + "?");
      }
    }
    if (command != null || !CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    err.flush();
    if (List.of(args).contains("--json")) {
      printJsonError(cl.getOut(), message, null, 2);
    }
    return 2;
  }

  /**
   * The word given where a command with subcommands (and no arguments of its own) expects one of them, when it is
   * none of them; null for any other parse error.
   */
  private static String unknownCommand(CommandLine.ParameterException ex) {
    CommandLine cl = ex.getCommandLine();
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !cl.getSubcommands().isEmpty()
        && cl.getCommandSpec().positionalParameters().isEmpty() && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      return u.getUnmatched().get(0);
    }
    return null;
  }

  /**
   * Whether a typed word is near a command name: within 1 edit (2 for names of 5 letters or more) by insertions,
   * deletions, substitutions and swaps of neighbours ({@code rn} -> run, {@code nueron} -> neuron).
   */
  static boolean near(String typed, String name) {
    String a = typed.toLowerCase(java.util.Locale.ROOT);
    int n = a.length();
    int m = name.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= m; j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
            d[i - 1][j - 1] + (a.charAt(i - 1) == name.charAt(j - 1) ? 0 : 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == name.charAt(j - 2) && a.charAt(i - 2) == name.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[n][m] <= (name.length() >= 5 ? 2 : 1);
  }

  private static int fail(PrintWriter out, PrintWriter err, boolean json, String message, NeuristorException e,
      int code) {
    err.println("error: " + message);
    err.flush();
    if (json) {
      printJsonError(out, message, e, code);
    }
    return code;
  }

  /** The JSON error object on stdout: message, file, line, column (null without a location) and the exit code. */
  static void printJsonError(PrintWriter out, String message, NeuristorException e, int code) {
    Map<String, Object> m = new LinkedHashMap<>();
    NetlistException located = e instanceof NetlistException n ? n : null;
    m.put("message", located != null ? located.detail() : message);
    m.put("file", located != null ? located.file() : null);
    m.put("line", located != null ? located.line() : null);
    m.put("column", located != null ? located.column() : null);
    m.put("exit", code);
    out.println(Json.write(Map.of("error", m)));
    out.flush();
  }

  /** The version lines, one per line, as {@code --version} prints them. */
  static void printVersion(java.io.PrintStream out) {
    for (String line : new Version().getVersion()) {
      out.println(line);
    }
    out.flush();
  }

  /** Version from the jar manifest, or "0.1.0-SNAPSHOT" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"neuristor " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
