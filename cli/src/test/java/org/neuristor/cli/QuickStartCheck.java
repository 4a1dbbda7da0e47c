package org.neuristor.cli;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Parses a command line with picocli and with {@link QuickStart} and compares: whenever QuickStart accepts, every
 * {@code @Option} and {@code @Parameters} field of the command and of its mixins must hold what picocli set (doubles
 * bit for bit, lists and arrays element by element), {@code --json} must be what picocli matched; whenever picocli
 * rejects the line or was asked for help or the version, QuickStart must have declined. {@link CliHarness} checks
 * every command line the CLI tests run this way.
 */
final class QuickStartCheck {
  private QuickStartCheck() {}

  /** Checks {@code args}; true if QuickStart accepted them. */
  static boolean check(String... args) {
    return check(QuickStart.parse(args, new QuickStart.Started(null, null, null)), args);
  }

  /** Checks what QuickStart made of {@code args} ({@code fast}, null if it declined); true if it accepted them. */
  static boolean check(QuickStart.Parsed fast, String... args) {
    String line = String.join(" ", args);
    CommandLine.ParseResult pr;
    try {
      pr = Main.commandLine(args).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      if (fast != null) {
        throw new AssertionError("picocli rejects '" + line + "' (" + e.getMessage() + ") but QuickStart accepts it");
      }
      return false;
    }
    List<CommandLine> parsed = pr.asCommandLineList();
    boolean help = false;
    for (CommandLine cl : parsed) {
      help |= cl.isUsageHelpRequested() || cl.isVersionHelpRequested();
    }
    if (fast == null) {
      return false;
    }
    if (help) {
      throw new AssertionError("'" + line + "' asks for help or the version, but QuickStart accepts it");
    }
    Object picocli = parsed.get(parsed.size() - 1).getCommand();
    if (picocli.getClass() != fast.command().getClass()) {
      throw new AssertionError("'" + line + "': picocli runs " + picocli.getClass().getName() + ", QuickStart "
          + fast.command().getClass().getName());
    }
    CommandLine.ParseResult leaf = pr;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    if (leaf.hasMatchedOption("--json") != fast.json()) {
      throw new AssertionError("'" + line + "': --json matched " + leaf.hasMatchedOption("--json") + " by picocli, "
          + fast.json() + " by QuickStart");
    }
    List<String> diffs = new ArrayList<>();
    compare(picocli, fast.command(), picocli.getClass().getSimpleName(), true, diffs);
    if (!diffs.isEmpty()) {
      throw new AssertionError("'" + line + "': QuickStart sets fields otherwise than picocli: " + diffs);
    }
    return true;
  }

  /** The annotated fields of {@code a} and {@code b} (their mixins' too, if {@code command}) compared into diffs. */
  private static void compare(Object a, Object b, String where, boolean command, List<String> diffs) {
    for (Class<?> t = a.getClass(); t != null && t != Object.class; t = t.getSuperclass()) {
      for (Field f : t.getDeclaredFields()) {
        boolean arg = f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class);
        boolean mixin = f.isAnnotationPresent(CommandLine.Mixin.class);
        if (!arg && !mixin) {
          continue;
        }
        f.setAccessible(true);
        Object va;
        Object vb;
        try {
          va = f.get(a);
          vb = f.get(b);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        String name = where + "." + f.getName();
        if (mixin) {
          if (!command || va == null || vb == null) {
            diffs.add(name + ": mixin " + va + " vs " + vb);
          } else {
            compare(va, vb, name, false, diffs);
          }
        } else if (!same(va, vb)) {
          diffs.add(name + ": picocli " + show(va) + ", QuickStart " + show(vb));
        }
      }
    }
  }

  /** Equal values: doubles bit for bit, lists and arrays element by element, the rest by equals. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int k = 0; k < x.size(); k++) {
        if (!same(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a.getClass().isArray() && b.getClass().isArray()) {
      if (a.getClass() != b.getClass() || Array.getLength(a) != Array.getLength(b)) {
        return false;
      }
      for (int k = 0; k < Array.getLength(a); k++) {
        if (!same(Array.get(a, k), Array.get(b, k))) {
          return false;
        }
      }
      return true;
    }
    return a.getClass() == b.getClass() && Objects.equals(a, b);
  }

  private static String show(Object v) {
    if (v != null && v.getClass().isArray()) {
      List<Object> l = new ArrayList<>();
      for (int k = 0; k < Array.getLength(v); k++) {
        l.add(Array.get(v, k));
      }
      return l.toString();
    }
    return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
  }
}
