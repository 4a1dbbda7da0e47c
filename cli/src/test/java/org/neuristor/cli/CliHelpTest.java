package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Issue 17: help written for picocli's wrapping, one JSON object for every command, one name per meaning. */
class CliHelpTest {
  static List<CommandLine> commands() {
    List<CommandLine> all = new ArrayList<>();
    CliDocs.collect(Main.commandLine(), all);
    return all;
  }

  @Test
  void helpPrintsNoPicocliWarningsAndSummariesAreWholeSentences() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      // picocli warns on System.err about an unescaped % (three warnings for 'neuron run --help' before the fix)
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      for (CommandLine c : commands()) {
        StringWriter w = new StringWriter();
        c.usage(new PrintWriter(w));
        assertThat(w.toString()).as(c.getCommandSpec().qualifiedName()).containsIgnoringCase("example");
      }
      Main.commandLine().usage(new PrintWriter(new StringWriter()));
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN").isEmpty();
    for (CommandLine c : commands()) {
      String summary = CliDocs.summary(c.getCommandSpec());
      // the parent's command list shows the first description line only: it must be a whole sentence
      assertThat(summary).as(c.getCommandSpec().qualifiedName()).endsWith(".").matches("[A-Z].*");
      for (String d : c.getCommandSpec().usageMessage().description()) {
        assertThat(d).as("no hard line break in " + c.getCommandSpec().qualifiedName()).matches("(?s).*[.:)]$");
      }
      for (OptionSpec o : c.getCommandSpec().options()) {
        assertThat(String.join(" ", o.description())).as(c.getCommandSpec().qualifiedName() + " " + o.longestName())
            .matches("(?s).*[.)]$");
      }
    }
  }

  @Test
  void examplesCopyAndPasteAndFitTheWidth() {
    int examples = 0;
    CommandLine cl = Main.commandLine();
    for (CommandLine c : commands()) {
      for (String line : c.getCommandSpec().usageMessage().footer()) {
        String t = line.trim();
        if (line.startsWith("  ")) {
          // picocli wraps footer lines at 80 columns: an example or table row must fit, or it breaks inside an
          // argument ('local\n[2]')
          assertThat(line.length()).as(line).isLessThanOrEqualTo(79);
        }
        if (t.startsWith("./neuristor ")) {
          examples++;
          cl.parseArgs(split(t.substring("./neuristor ".length()))); // throws on an unknown option or a bad value
        }
      }
    }
    assertThat(examples).isGreaterThan(30);
  }

  /** Splits a shell line on spaces, honouring single quotes. */
  static String[] split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char ch : s.toCharArray()) {
      if (ch == '\'') {
        quoted = !quoted;
      } else if (ch == ' ' && !quoted) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else if (ch == '>' && !quoted) {
        break; // a redirection ends the arguments
      } else {
        cur.append(ch);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out.toArray(new String[0]);
  }

  @Test
  void helpFindsNestedCommandsAndTyposGetASuggestion() {
    CliHarness.Result r = CliHarness.run("help", "neuron", "run");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: neuristor neuron run").contains("--refractory");
    r = CliHarness.run("nueron", "list");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Did you mean").contains("neuron");
    r = CliHarness.run("neuron", "run", "lif", "--stimm", "dc:amp=2");
    assertThat(r.err()).contains("--stim");
  }

  @Test
  void everyCommandAcceptsJsonAndAFailurePrintsOneJsonErrorObject() throws Exception {
    for (CommandLine c : commands()) {
      CommandSpec s = c.getCommandSpec();
      assertThat(s.findOption("--json")).as(s.qualifiedName() + " --json").isNotNull();
    }
    for (String[] args : new String[][] {{"neuron", "list", "--json"}, {"neuron", "show", "lif", "--json"},
        {"device", "list", "--json"}, {"model", "list", "--json"}, {"device", "describe", "ts", "--json"}}) {
      CliHarness.Result r = CliHarness.run(args);
      assertThat(r.code()).isZero();
      JsonNode j = Json.mapper().readTree(r.out());
      assertThat(j.isObject()).as(String.join(" ", args)).isTrue();
      assertThat(r.out().strip().lines().count()).isEqualTo(1);
      assertThat(r.stray()).isEmpty();
    }
    CliHarness.Result bad = CliHarness.run("neuron", "run", "nosuch", "--json");
    assertThat(bad.code()).isEqualTo(2);
    JsonNode e = Json.mapper().readTree(bad.out()).get("error");
    assertThat(e.get("message").asText()).contains("no neuron circuit 'nosuch'");
    assertThat(e.get("exit").asInt()).isEqualTo(2);
    assertThat(e.has("file") && e.has("line") && e.has("column")).isTrue();
    // a usage error too, and a located one names file, line and column
    bad = CliHarness.run("pulse", "nbox", "--json");
    assertThat(Json.mapper().readTree(bad.out()).get("error").get("message").asText()).contains("--width");
  }

  @Test
  void oneNamePerMeaningAcrossCommands() {
    for (CommandLine c : commands()) {
      CommandSpec s = c.getCommandSpec();
      // tolerances are --tol everywhere (--tolerance is a hidden alias where it existed)
      if (s.findOption("--tolerance") != null) {
        assertThat(s.findOption("--tolerance").hidden()).as(s.qualifiedName()).isTrue();
        assertThat(s.findOption("--tol")).as(s.qualifiedName()).isNotNull();
      }
    }
    // the run length is --duration in neuron and model commands alike
    assertThat(Main.commandLine().getSubcommands().get("neuron").getSubcommands().get("run").getCommandSpec()
        .findOption("--duration")).isNotNull();
    assertThat(Main.commandLine().getSubcommands().get("model").getSubcommands().get("run").getCommandSpec()
        .findOption("--duration")).isNotNull();
  }
}
