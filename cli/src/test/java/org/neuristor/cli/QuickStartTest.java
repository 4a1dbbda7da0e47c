package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link QuickStart} against picocli ({@link QuickStartCheck}): the command lines of the README, docs and examples
 * and variants of them (an option's value attached or separate, options reordered and after the positional,
 * repeated, help and version anywhere, values picocli refuses), and for every command the table serves each option
 * with good and bad values of its type. {@link CliHarness} checks every command line the other CLI tests run.
 */
class QuickStartTest {
  private static final Path ROOT = Path.of("..");

  /** The first variants of a line ({@link #variants}) that mean the same as the line itself. */
  private static final int PLAIN_VARIANTS = 5;

  @Test
  void everyDocumentedCommandLineAndItsVariantsParseAsPicocliParsesThem() throws IOException {
    List<String[]> corpus = documented();
    assertThat(corpus).hasSizeGreaterThan(100);
    int accepted = 0;
    int plain = 0;
    Set<List<String>> seen = new java.util.HashSet<>();
    for (String[] args : corpus) {
      List<String[]> vs = variants(args);
      for (int k = 0; k < vs.size(); k++) {
        if (!seen.add(List.of(vs.get(k)))) {
          continue;
        }
        boolean served = QuickStartCheck.check(vs.get(k));
        // the line as written, its values attached or separated, its options reordered: served alike
        if (k < PLAIN_VARIANTS) {
          plain++;
          accepted += served ? 1 : 0;
        }
      }
    }
    // the fast path must actually serve most documented lines, or the comparison above proves little
    assertThat(accepted).as("served of " + plain).isGreaterThan(plain / 2);
  }

  @Test
  void everyOptionOfEveryServedCommandWithGoodAndBadValues() {
    int accepted = 0;
    int lines = 0;
    for (CommandLine cl : commands()) {
      String path = cl.getCommandSpec().qualifiedName(" ").substring("neuristor ".length());
      QuickStart.Cmd c = CommandTable.of(path);
      if (c == null) {
        continue;
      }
      List<String> base = new ArrayList<>(Arrays.asList(path.split(" ")));
      if (c.positional() != null && c.positional().min() > 0) {
        base.add("lif");
      }
      for (QuickStart.Opt o : c.options()) {
        if (o.required()) {
          base.add(o.names()[0]);
          base.add(good(o.type())[0]);
        }
      }
      lines++;
      assertThat(QuickStartCheck.check(base.toArray(String[]::new))).as(String.join(" ", base)).isTrue();
      for (QuickStart.Opt o : c.options()) {
        List<List<String>> adds = new ArrayList<>();
        if (o.how() == QuickStart.How.FLAG) {
          adds.add(List.of(o.names()[0]));
          adds.add(List.of(o.names()[0], o.names()[0]));
          adds.add(List.of(o.names()[0] + "=true"));
          adds.add(List.of(o.names()[0] + "=false"));
          if (o.negated() != null) {
            adds.add(List.of(o.negated()));
            adds.add(List.of(o.negated(), o.names()[0]));
          }
        } else {
          List<String> values = new ArrayList<>(List.of(good(o.type())));
          values.addAll(List.of(bad(o.type())));
          if (o.how() == QuickStart.How.LIST) {
            values.addAll(List.of("k=1,m=2", "k=1,,m=2", "k=1,", ",k=1", "\"k=1,m\"", "k\\,1", "-k=1", "k=-1"));
          }
          for (String v : values) {
            adds.add(List.of(o.names()[0], v));
          }
          adds.add(List.of(o.names()[0] + "=" + values.get(0)));
          adds.add(List.of(o.names()[0] + "=" + values.get(values.size() - 1)));
          adds.add(List.of(o.names()[0], values.get(0), o.names()[0], values.get(1)));
          adds.add(List.of(o.names()[0]));
        }
        for (List<String> add : adds) {
          for (int where : new int[] {path.split(" ").length, base.size()}) {
            List<String> line = new ArrayList<>(base);
            line.addAll(where, add);
            lines++;
            accepted += QuickStartCheck.check(line.toArray(String[]::new)) ? 1 : 0;
          }
        }
      }
      if (c.positional() != null) {
        for (List<String> pos : List.of(List.<String>of(), List.of("a", "b"), List.of("-1"), List.of("@args"),
            List.of("--", "lif"), List.of("lif", "--"))) {
          List<String> line = new ArrayList<>(Arrays.asList(path.split(" ")));
          line.addAll(pos);
          lines++;
          accepted += QuickStartCheck.check(line.toArray(String[]::new)) ? 1 : 0;
        }
      }
    }
    assertThat(accepted).as("accepted of " + lines).isGreaterThan(lines / 4);
  }

  /** The lines QuickStart must serve (the commands users type most, as documented and measured). */
  @Test
  void theCommonCommandLinesAreServed() {
    for (String line : new String[] {"model run lif --no-plot", "neuron run lif --stim dc:amp=3", "iv ts",
        "device list", "patterns", "run ../examples/1ts1c-bsource.cir --no-plot",
        "network run ../examples/coba.yaml --threads 2 --json", "pulse ts --width 100n --amp 1.5",
        "model run izhikevich --param a=0.02,b=0.2 --stim step:amp=10 --duration 100ms --out x --json",
        "model fi lif", "model fi hh --points 5 --tol 0.5 --json", "model fi lif --tolerance 0.01 --no-plot",
        "network crossbar sneak --sizes 2,4 --sizes 8 --scheme third", "studio --no-browser --port 8600 --out out"}) {
      assertThat(QuickStartCheck.check(line.split(" "))).as(line).isTrue();
    }
    for (String line : new String[] {"model run lif --help", "-V", "model run lif --seed -1", "model run lif --out=",
        "model", "help model run", "model run lif --json --json", "model run @args", "model run lif -- x"}) {
      assertThat(QuickStart.parse(line.split(" "), null)).as(line).isNull();
    }
  }

  /**
   * Adversarial lines (found by review): QuickStart must decline, or parse them as picocli does. A command path
   * given in one argument ({@code "model run" lif}, a shell quoting slip) is no command path to picocli.
   */
  @Test
  void adversarialLinesDeclineOrParseAsPicocli() {
    for (String[] args : new String[][] {{"model run", "lif"}, {"neuron run", "lif"}, {"network crossbar", "ir"},
        {"network", "crossbar ir"}, {"model run lif"}}) {
      assertThat(QuickStartCheck.check(args)).as(String.join("|", args)).isFalse();
    }
    // accepted or declined, but never otherwise than picocli (QuickStartCheck throws then): values that name
    // commands, hold the separator or look like variables, flags followed by a boolean word, odd numbers
    int accepted = 0;
    String[][] lines = {{"model", "run", "lif", "--stim", "run"}, {"model", "run", "list"}, {"run", "device"},
        {"network", "run", "digits"}, {"model", "run", "lif", "--out", "help"}, {"model", "run", "lif", "--out==x"},
        {"model", "run", "lif", "--out=a=b"}, {"model", "run", "lif", "--stim=dc:amp=3"},
        {"model", "run", "--no-plot", "false"}, {"neuron", "energy", "--json", "true"},
        {"run", "x.cir", "--updown", "true"}, {"model", "run", " "}, {"model", "run", "lif", "--param", " , "},
        {"model", "run", "lif", "--param", "x=${env:HOME}"}, {"model", "run", "${sys:x}"},
        {"iv", "ts", "--seed", " 3"}, {"iv", "ts", "--devices", "2g"}, {"iv", "ts", "--seed", "9e18"},
        {"network", "digits", "--lr", "1e309"}, {"network", "digits", "--lr", "NaN"},
        {"model", "run", "lif", "--seed", "1_000"}, {"model", "run", "lif", "--plot-format", "Png"},
        {"model", "run", "lif", "--stim", "\u2014x"}, {"model", "run", "\u00e9t\u00e9"}};
    for (String[] args : lines) {
      accepted += QuickStartCheck.check(args) ? 1 : 0;
    }
    assertThat(accepted).isGreaterThan(lines.length / 2);
  }

  /**
   * A picocli converter exclusion other than Main's own ({@code -Dpicocli.converters.excludes=java\\.nio\\..*}
   * in NEURISTOR_JAVA_OPTS) takes the Path converter: picocli then refuses every line with a Path, so QuickStart
   * must decline; with Main's own value it serves as before.
   */
  @Test
  void aConverterExclusionOtherThanMainsDeclines() {
    String old = System.getProperty(Main.CONVERTERS_EXCLUDED);
    try {
      System.setProperty(Main.CONVERTERS_EXCLUDED, "java\\.nio\\..*");
      assertThat(QuickStartCheck.check("model", "run", "lif")).isFalse();
      assertThat(QuickStartCheck.check("network", "run", "x.yaml")).isFalse();
      System.setProperty(Main.CONVERTERS_EXCLUDED, Main.CONVERTERS_EXCLUDED_DEFAULT);
      assertThat(QuickStartCheck.check("model", "run", "lif")).isTrue();
    } finally {
      if (old == null) {
        System.clearProperty(Main.CONVERTERS_EXCLUDED);
      } else {
        System.setProperty(Main.CONVERTERS_EXCLUDED, old);
      }
    }
  }

  /** A command whose constructor counts its instances (for the test below). */
  static final class Counted implements Runnable {
    static int made;
    String x;

    Counted() {
      made++;
    }

    @Override
    public void run() {}
  }

  /**
   * A line QuickStart declines makes no command or mixin (their constructors would run twice, once more under
   * picocli): a missing required option, a positional too many.
   */
  @Test
  void aLineThatDeclinesMakesNoCommand() {
    QuickStart.Cmd c = new QuickStart.Cmd(Counted.class, new String[0], new QuickStart.Opt[] {new QuickStart.Opt(
        new String[] {"--x"}, null, null, "x", QuickStart.How.SINGLE, String.class, null, null, true, false)}, null);
    Counted.made = 0;
    assertThat(QuickStart.parse(c, new String[] {"c"}, 1, null)).isNull();
    assertThat(QuickStart.parse(c, new String[] {"c", "--x", "1", "extra"}, 1, null)).isNull();
    assertThat(Counted.made).isZero();
    assertThat(QuickStart.parse(c, new String[] {"c", "--x", "1"}, 1, null)).isNotNull();
    assertThat(Counted.made).isEqualTo(1);
  }

  /** The comparison catches a wrong default, a wrong flag value and a missing split (the table changed here). */
  @Test
  void theComparisonFailsWhenTheTableIsWrong() {
    QuickStart.Cmd c = CommandTable.of("model run");
    String[] args = {"model", "run", "lif", "--no-plot", "--param", "a=1,b=2"};
    assertThat(QuickStartCheck.check(QuickStart.parse(c, args, 2, null), args)).isTrue();
    for (String what : new String[] {"--duration", "--seed", "--plot", "--param"}) {
      QuickStart.Opt[] opts = c.options().clone();
      for (int k = 0; k < opts.length; k++) {
        QuickStart.Opt o = opts[k];
        if (o.names()[0].equals(what)) {
          opts[k] = new QuickStart.Opt(o.names(), o.negated(), o.mixin(), o.field(), o.how(), o.type(),
              what.equals("--param") ? null : o.split(),
              what.equals("--duration") ? "100ms" : what.equals("--seed") ? "2" : o.defaultValue(), o.required(),
              what.equals("--plot") != o.given());
        }
      }
      QuickStart.Cmd wrong = new QuickStart.Cmd(c.type(), c.mixins(), opts, c.positional());
      assertThatThrownBy(() -> QuickStartCheck.check(QuickStart.parse(wrong, args, 2, null), args)).as(what)
          .isInstanceOf(AssertionError.class).hasMessageContaining("otherwise than picocli");
    }
  }

  /**
   * The neuristor command's own path ({@link Main#execute}) prints what picocli's prints: for help, an unknown
   * option, a bad number (QuickStart declines) and for a command's own errors (QuickStart runs it), on both
   * streams and as a --json error object, with the same exit code.
   */
  @Test
  void mainPrintsWhatPicocliPrints(@TempDir Path dir) {
    String out = dir.resolve("o").toString();
    for (String line : new String[] {"model run --help", "model run lif --bogus", "model run lif --seed x --json",
        "iv ts --devices 1.5", "neuron run nope --json", "neuron run nope", "model run nope --json --out " + out,
        "iv nosuch --out " + out, "run missing.cir --json", "device describe nosuch --json",
        "pulse ts --out " + out + " --json"}) {
      String[] args = line.split(" ");
      CliHarness.Result picocli = CliHarness.picocli(args);
      CliHarness.Result main = viaMain(args);
      assertThat(main.code()).as(line).isEqualTo(picocli.code());
      assertThat(main.out()).as(line).isEqualTo(picocli.out());
      assertThat(main.err()).as(line).isEqualTo(picocli.err());
    }
    // a success: the same exit code and, but for the wall time, the same JSON
    String[] args = {"model", "run", "lif", "--no-plot", "--json", "--out", out};
    assertThat(QuickStart.parse(args, null)).isNotNull();
    CliHarness.Result picocli = CliHarness.picocli(args);
    CliHarness.Result main = viaMain(args);
    assertThat(main.code()).isZero().isEqualTo(picocli.code());
    assertThat(main.out().replaceAll("\"wall_s\":[0-9.eE-]+", "")).isEqualTo(
        picocli.out().replaceAll("\"wall_s\":[0-9.eE-]+", "")).contains("\"spikes\":12");
  }

  /** {@link Main#execute} with standard output and error captured. */
  private static synchronized CliHarness.Result viaMain(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      System.out.flush();
      System.err.flush();
      return new CliHarness.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
          "");
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String[] good(Class<?> t) {
    if (t == int.class || t == Integer.class) {
      return new String[] {"3", "2k", "1e3"};
    } else if (t == long.class || t == Long.class) {
      return new String[] {"7", "1meg", "12"};
    } else if (t == double.class || t == Double.class) {
      return new String[] {"0.5", "10%", "1e-3", "2u"};
    } else if (t == Path.class || t == java.io.File.class) {
      return new String[] {"dir/sub", "a b", "x.yaml"};
    } else if (t.isEnum()) {
      return new String[] {t.getEnumConstants()[t.getEnumConstants().length - 1].toString(), "png"};
    }
    return new String[] {"100n", "dc:amp=3", "a=1", "1,2"};
  }

  private static String[] bad(Class<?> t) {
    if (t == int.class || t == Integer.class) {
      return new String[] {"1.5", "x", "3e9", "-2", ""};
    } else if (t == long.class || t == Long.class) {
      return new String[] {"0.5", "y", "1e19", "-7"};
    } else if (t == double.class || t == Double.class) {
      return new String[] {"z", "1V", "-0.5", "nan", ""};
    } else if (t == Path.class || t == java.io.File.class) {
      return new String[] {"\u0000", "@f", "-d"};
    } else if (t.isEnum()) {
      return new String[] {"SVG", "jpg"};
    }
    return new String[] {"", "-1", "@x", "--json"};
  }

  /** Every command of the full tree. */
  private static List<CommandLine> commands() {
    List<CommandLine> out = new ArrayList<>();
    walk(Main.commandLine(), out);
    return out;
  }

  private static void walk(CommandLine cl, List<CommandLine> out) {
    for (CommandLine sub : new LinkedHashSet<>(cl.getSubcommands().values())) {
      out.add(sub);
      walk(sub, out);
    }
  }

  /** The command lines in README.md, CONTRIBUTING.md, docs/*.md and examples (after "neuristor "). */
  static List<String[]> documented() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
    try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
    }
    try (Stream<Path> s = Files.walk(ROOT.resolve("examples"), 1)) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    Pattern cmd = Pattern.compile("(?:\\./|\\b)neuristor ((?:run|device|iv|pulse|neuron|model|patterns|network|sweep|fit|studio|help|--)[^`\\n]*)");
    Set<List<String>> lines = new LinkedHashSet<>();
    for (Path f : files) {
      for (String text : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        Matcher m = cmd.matcher(text);
        while (m.find()) {
          List<String> words = words(m.group(1));
          if (!words.isEmpty()) {
            lines.add(words);
          }
        }
      }
    }
    List<String[]> out = new ArrayList<>();
    for (List<String> l : lines) {
      out.add(l.toArray(String[]::new));
    }
    return out;
  }

  /** Shell words of {@code s} up to a shell operator or comment; quotes removed. */
  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          w.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        w = w == null ? new StringBuilder() : w;
      } else if (Character.isWhitespace(ch)) {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
      } else if ("|&;<>#()$\\".indexOf(ch) >= 0 && w == null) {
        break;
      } else {
        w = w == null ? new StringBuilder() : w;
        w.append(ch);
      }
    }
    if (w != null && quote == 0) {
      out.add(w.toString());
    }
    return out;
  }

  /**
   * {@code args} and variants: each {@code --opt v} attached as {@code --opt=v} and back, the options in reverse
   * order, the positionals last, the first option repeated, help at the end and the version after the path,
   * {@code --} before the last word, the last value replaced by a negative number and by nothing.
   */
  private static List<String[]> variants(String[] args) {
    List<String[]> out = new ArrayList<>();
    out.add(args);
    int at = Math.min(3, args.length);
    QuickStart.Cmd c = null;
    while (at > 0 && (c = CommandTable.of(String.join(" ", Arrays.asList(args).subList(0, at)))) == null) {
      at--;
    }
    List<String> path = new ArrayList<>(Arrays.asList(args).subList(0, Math.max(at, 1)));
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(path.size(), args.length));
    // groups: an option with its value, a flag, a positional
    List<List<String>> opts = new ArrayList<>();
    List<String> pos = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      QuickStart.Opt o = c == null ? null : option(c, a);
      if (o != null && o.how() != QuickStart.How.FLAG && !a.contains("=") && i + 1 < rest.size()) {
        opts.add(List.of(a, rest.get(++i)));
      } else if (a.startsWith("-")) {
        opts.add(List.of(a));
      } else {
        pos.add(a);
      }
    }
    List<List<String>> attached = new ArrayList<>();
    for (List<String> g : opts) {
      attached.add(g.size() == 2 ? List.of(g.get(0) + "=" + g.get(1))
          : g.get(0).startsWith("--") && g.get(0).contains("=")
              ? List.of(g.get(0).substring(0, g.get(0).indexOf('=')), g.get(0).substring(g.get(0).indexOf('=') + 1))
              : g);
    }
    List<List<String>> reversed = new ArrayList<>(opts);
    java.util.Collections.reverse(reversed);
    out.add(join(path, attached, pos, false));
    out.add(join(path, reversed, pos, false));
    out.add(join(path, opts, pos, true));
    out.add(join(path, reversed, pos, true));
    if (!opts.isEmpty()) {
      List<List<String>> twice = new ArrayList<>(opts);
      twice.add(opts.get(0));
      out.add(join(path, twice, pos, false));
      List<String> last = new ArrayList<>(Arrays.asList(args));
      if (opts.get(opts.size() - 1).size() == 2) {
        last.set(last.size() - 1, "-1");
        out.add(last.toArray(String[]::new));
        last.set(last.size() - 1, "");
        out.add(last.toArray(String[]::new));
      }
    }
    for (String extra : new String[] {"--help", "-V"}) {
      List<String> l = new ArrayList<>(Arrays.asList(args));
      l.add(extra.equals("-V") ? path.size() : l.size(), extra);
      out.add(l.toArray(String[]::new));
    }
    if (args.length > 1) {
      List<String> l = new ArrayList<>(Arrays.asList(args));
      l.add(l.size() - 1, "--");
      out.add(l.toArray(String[]::new));
    }
    return out;
  }

  private static QuickStart.Opt option(QuickStart.Cmd c, String name) {
    for (QuickStart.Opt o : c.options()) {
      if (Arrays.asList(o.names()).contains(name)) {
        return o;
      }
    }
    return null;
  }

  private static String[] join(List<String> path, List<List<String>> opts, List<String> pos, boolean posFirst) {
    List<String> l = new ArrayList<>(path);
    if (posFirst) {
      l.addAll(pos);
    }
    opts.forEach(l::addAll);
    if (!posFirst) {
      l.addAll(pos);
    }
    return l.toArray(String[]::new);
  }
}
