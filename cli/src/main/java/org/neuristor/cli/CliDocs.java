package org.neuristor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code docs/cli.md} from the picocli model of the command tree: every command with its
 * summary, arguments, options (with the unit each value is read in) and {@code --json} keys
 * ({@link JsonKeys}), so the page cannot drift from the code; {@code CliDocsTest} regenerates it and
 * compares.
 */
final class CliDocs {
  private CliDocs() {}

  /** The unit a value is read in, by its parameter label. */
  static final Map<String, String> UNITS = Map.ofEntries(Map.entry("VOLTS", "V"), Map.entry("VOLTS,...", "V"),
      Map.entry("SECONDS", "s"), Map.entry("SECONDS,...", "s"), Map.entry("OHMS", "Ohm"), Map.entry("AMPS", "A"),
      Map.entry("N", "count"), Map.entry("SEED", "integer"), Map.entry("FRACTION", "1 (or %)"),
      Map.entry("CURRENT", "the model's current unit (nA, pA, uA/cm2, 1)"));

  /** The page, as markdown. */
  static String markdown(CommandLine root) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Command-line reference\n\n");
    sb.append("Generated from the picocli model of the commands by `CliDocs` and checked by `CliDocsTest`, so it "
        + "matches `neuristor COMMAND --help`; regenerate with `mvn -B -pl cli -am test -Dtest=CliDocsTest "
        + "-Dneuristor.writeDocs=true -Dsurefire.failIfNoSpecifiedTests=false`.\n\n");
    sb.append("Numbers take SPICE suffixes (`1k`, `100n`, `2meg`) or the option's unit (`100ns`, `1kOhm`, `20ms`); a "
        + "unit that is not the option's is an error naming the expected one, and a unit is never read as a prefix "
        + "(`1F` is one farad). Dimensionless values take percentages (`10%`). Every command accepts `--json` and "
        + "then prints exactly one JSON object on stdout; a failure prints `{\"error\": {\"message\": ..., \"file\": "
        + "..., \"line\": ..., \"column\": ..., \"exit\": 2}}` (exit 2 for bad input, 3 for a numerical failure). A "
        + "value that was not measured (no spike, no switch) is `null`, with a `*_reason` key beside it.\n\n");
    sb.append("| command | summary |\n|---|---|\n");
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    for (CommandLine c : all) {
      CommandSpec s = c.getCommandSpec();
      sb.append("| [`").append(s.qualifiedName()).append("`](#").append(anchor(s.qualifiedName())).append(") | ")
          .append(cell(summary(s))).append(" |\n");
    }
    for (CommandLine c : all) {
      CommandSpec s = c.getCommandSpec();
      sb.append("\n## ").append(s.qualifiedName()).append("\n\n");
      String[] desc = s.usageMessage().description();
      for (String d : desc) {
        if (!d.isBlank()) {
          sb.append(text(d.trim())).append("\n\n");
        }
      }
      List<PositionalParamSpec> pos = s.positionalParameters().stream().filter(p -> !p.hidden()).toList();
      List<OptionSpec> opts = s.options().stream().filter(o -> !o.hidden()).toList();
      if (!pos.isEmpty() || !opts.isEmpty()) {
        sb.append("| argument or option | value | unit | default | description |\n|---|---|---|---|---|\n");
        for (PositionalParamSpec p : pos) {
          sb.append("| `").append(p.paramLabel()).append("` | | | | ").append(cell(String.join(" ", p.description())))
              .append(" |\n");
        }
        for (OptionSpec o : opts) {
          boolean flag = o.arity().max() == 0;
          String label = flag ? "" : o.paramLabel();
          String unit = flag ? "" : UNITS.getOrDefault(label, "");
          String def = o.defaultValue() == null || flag ? "" : o.defaultValue();
          sb.append("| `").append(String.join("`, `", o.names())).append("` | ").append(cell(label)).append(" | ")
              .append(cell(unit)).append(" | ").append(cell(def)).append(" | ")
              .append(cell(String.join(" ", o.description()).replace("${DEFAULT-VALUE}", def)
                  .replace("${COMPLETION-CANDIDATES}", candidates(o))))
              .append(" |\n");
        }
        sb.append('\n');
      }
      JsonKeys keys = s.userObject() == null ? null : s.userObject().getClass().getAnnotation(JsonKeys.class);
      if (keys != null) {
        sb.append("`--json` keys: `").append(String.join("`, `", keys.value())).append("`.\n\n");
      }
      String[] footer = s.usageMessage().footer();
      List<String> examples = new ArrayList<>();
      for (String f : footer) {
        if (f.trim().startsWith("./neuristor")) {
          examples.add(f.trim());
        }
      }
      if (!examples.isEmpty()) {
        sb.append("```\n");
        for (String e : examples) {
          sb.append(e).append('\n');
        }
        sb.append("```\n");
      }
    }
    return sb.toString();
  }

  /** The first description line: a whole-sentence summary. */
  static String summary(CommandSpec s) {
    String[] d = s.usageMessage().description();
    return d.length == 0 ? "" : d[0].trim();
  }

  /** Every command below the root, depth first, in declaration order (the help command excluded). */
  static void collect(CommandLine c, List<CommandLine> out) {
    for (CommandLine sub : c.getSubcommands().values()) {
      if (sub.getCommandSpec().helpCommand() || out.contains(sub)) {
        continue;
      }
      out.add(sub);
      collect(sub, out);
    }
  }

  private static String candidates(OptionSpec o) {
    List<String> l = new ArrayList<>();
    if (o.completionCandidates() != null) {
      o.completionCandidates().forEach(l::add);
    }
    return String.join(", ", l);
  }

  private static String anchor(String name) {
    return name.replace(' ', '-');
  }

  private static String cell(String s) {
    return text(s).replace("|", "\\|").replace("\n", " ");
  }

  /** A picocli text as printed: {@code %%} is a percent sign, {@code %n} a line break. */
  static String text(String s) {
    return s.replace("%n", " ").replace("%%", "%");
  }
}
