package org.neuristor.cli;

import java.io.File;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs a command line without picocli's model when it is plainly a success: picocli builds its model of a command
 * by reflection over the annotations (~0.1 s of every cold start, about half the wall time of a {@code model run}),
 * and this reads the same facts from {@link CommandTable}, generated from those annotations ahead of time. It sets
 * the command's fields exactly as picocli would (the same converters, defaults, splits) and runs it as picocli
 * runs it ({@code call()}'s Integer or {@code run()}'s 0 as the exit code, an exception through {@link
 * Main#failure}).
 *
 * <p>Any doubt and it declines ({@link #parse} returns null), and picocli then parses the command line and prints
 * what it prints today: help or version options anywhere, an unknown or repeated single-value option, an argument
 * file ({@code @...}), {@code --}, an empty value or one that starts with {@code -} (negative numbers included),
 * {@code --flag=value}, a missing required option or positional, a value its converter refuses, a split value with
 * quotes or empty parts, picocli settings in system properties, and every command {@link CommandTable} does not
 * serve (command groups, help, commands needing more of picocli).
 */
final class QuickStart {
  private QuickStart() {}

  /** How an option takes its value. */
  enum How {
    /** A boolean flag (arity 0): {@link Opt#given} when named, its opposite under the negated name. */
    FLAG,
    /** One value (arity 1), given at most once. */
    SINGLE,
    /** One value per occurrence (arity 1), split if {@link Opt#split} is set, collected in a list. */
    LIST
  }

  /**
   * An option of a command.
   *
   * @param names its names ({@code --out})
   * @param negated a negatable flag's negated name ({@code --no-plot}), else null
   * @param mixin the {@code @Mixin} field of the command that holds {@code field}, null for the command's own
   * @param field the annotated field
   * @param how how it takes its value
   * @param type the value's type (a list's element type)
   * @param split the split regex (only {@code ","}), else null
   * @param defaultValue its {@code defaultValue}, else null (the field keeps its initial value)
   * @param required whether it must be given
   * @param given a flag's value when named (its negated name gives the opposite)
   */
  record Opt(String[] names, String negated, String mixin, String field, How how, Class<?> type, String split,
      String defaultValue, boolean required, boolean given) {}

  /**
   * The positional parameter of a command (index 0 on).
   *
   * @param list a list of any number of values from {@code min}; else a single value ({@code min} 0 or 1)
   */
  record Pos(String mixin, String field, Class<?> type, boolean list, int min, String defaultValue) {}

  /**
   * A command {@link CommandTable} serves: its class, the {@code @Mixin} fields (picocli instantiates each), its
   * options and its positional parameter (null if none).
   */
  record Cmd(Class<?> type, String[] mixins, Opt[] options, Pos positional) {}

  /** What a command run here gets instead of picocli's spec: its streams and the {@link Main} that started it. */
  record Started(PrintWriter out, PrintWriter err, Main main) {}

  /** A command line parsed here: the command with its fields set, and whether {@code --json} was given. */
  record Parsed(Object command, boolean json) {}

  /**
   * Runs {@code args} if they are plainly a success for a command {@link CommandTable} serves, and returns the
   * exit code; null if not (picocli then parses them). Output goes to {@code out} and {@code err}, flushed.
   */
  static Integer execute(String[] args, Main main, PrintWriter out, PrintWriter err) {
    Parsed p = parse(args, new Started(out, err, main));
    if (p == null) {
      return null;
    }
    int code;
    try {
      Object result;
      if (p.command() instanceof Callable<?> c) {
        result = c.call();
      } else {
        ((Runnable) p.command()).run();
        result = null;
      }
      code = result instanceof Integer i ? i : 0;
    } catch (Exception e) {
      Main.discardCreatedOutput(p.command());
      code = Main.failure(e, p.json(), out, err);
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command {@code args} name with its fields set as picocli sets them, its {@link JsonOption} mixins given
   * {@code started}; null if this declines the command line (see the class comment).
   */
  static Parsed parse(String[] args, Started started) {
    for (String p : System.getProperties().stringPropertyNames()) {
      // Main's own exclusion of converters is harmless; another (java.nio, say) takes converters picocli needs
      if (p.startsWith("picocli.") && !p.equals(Main.CLOSURES_DISABLED) && !(p.equals(Main.CONVERTERS_EXCLUDED)
          && System.getProperty(p).equals(Main.CONVERTERS_EXCLUDED_DEFAULT))) {
        return null;
      }
    }
    // the longest command path the arguments start with (picocli matches subcommand names first), one name per
    // argument: "model run" in one argument names no command to picocli
    Cmd c = null;
    int at = 0;
    while (at < Math.min(3, args.length) && args[at].indexOf(' ') < 0) {
      at++;
    }
    while (at > 0 && (c = CommandTable.of(String.join(" ", java.util.Arrays.asList(args).subList(0, at)))) == null) {
      at--;
    }
    return c == null ? null : parse(c, args, at, started);
  }

  /** {@code args} from index {@code at} on parsed for command {@code c} (tests give a changed {@code c}). */
  static Parsed parse(Cmd c, String[] args, int at, Started started) {
    try {
      return fields(c, args, at, started);
    } catch (Decline e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("CommandTable does not match " + c.type().getName() + ": " + e, e);
    }
  }

  /** Thrown inside the parser when it declines. */
  private static final class Decline extends Exception {
    private static final long serialVersionUID = 1L;

    Decline() {
      super(null, null, false, false);
    }
  }

  private static Parsed fields(Cmd c, String[] args, int at, Started started)
      throws Decline, ReflectiveOperationException {
    Opt[] opts = c.options();
    // the values given: per option, a flag's value, a single value or the list of values (split)
    Object[] values = new Object[opts.length];
    List<String> positional = new ArrayList<>();
    for (int i = at; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.charAt(0) == '@') {
        throw new Decline(); // argument files, empty arguments
      }
      if (a.charAt(0) != '-') {
        positional.add(a);
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 && a.startsWith("--") ? a.substring(0, eq) : a;
      int k = find(opts, name);
      if (k < 0) {
        throw new Decline(); // help, version, --, unknown, clustered or attached short options, negative numbers
      }
      Opt o = opts[k];
      if (o.how() == How.FLAG) {
        if (eq > 0 || values[k] != null) {
          throw new Decline();
        }
        values[k] = name.equals(o.negated()) != o.given();
        continue;
      }
      String v;
      if (name.length() < a.length()) {
        v = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        v = args[++i];
      } else {
        throw new Decline();
      }
      if (v.isEmpty() || v.charAt(0) == '-' || v.charAt(0) == '@') {
        throw new Decline();
      }
      if (o.how() == How.SINGLE) {
        if (values[k] != null) {
          throw new Decline(); // picocli refuses a repeated single-value option
        }
        values[k] = convert(o.type(), v);
      } else {
        @SuppressWarnings("unchecked")
        List<Object> list = values[k] == null ? new ArrayList<>() : (List<Object>) values[k];
        for (String part : split(v, o.split())) {
          list.add(convert(o.type(), part));
        }
        values[k] = list;
      }
    }
    // everything that can decline before the command and its mixins are made (no constructor runs for a line
    // picocli then parses): missing required options and positionals, too many positionals, defaults converted
    boolean json = false;
    for (int k = 0; k < opts.length; k++) {
      Opt o = opts[k];
      if (values[k] == null) {
        if (o.required()) {
          throw new Decline();
        }
        if (o.defaultValue() != null) {
          values[k] = o.how() == How.FLAG ? flag(o.defaultValue())
              : o.how() == How.SINGLE ? convert(o.type(), o.defaultValue())
              : convertAll(o.type(), split(o.defaultValue(), o.split()));
        }
      } else if (o.names()[0].equals("--json")) {
        json = true;
      }
    }
    Pos p = c.positional();
    if (p == null ? !positional.isEmpty() : positional.size() < p.min() || !p.list() && positional.size() > 1) {
      throw new Decline();
    }
    Object pv = null;
    if (p != null) {
      if (positional.isEmpty()) {
        pv = p.defaultValue() == null ? null
            : p.list() ? convertAll(p.type(), List.of(p.defaultValue())) : convert(p.type(), p.defaultValue());
      } else {
        pv = p.list() ? convertAll(p.type(), positional) : convert(p.type(), positional.get(0));
      }
    }
    Object command = newInstance(c.type());
    Object[] mixins = new Object[c.mixins().length];
    for (int m = 0; m < mixins.length; m++) {
      Field f = field(c.type(), c.mixins()[m]);
      Object mixin = f.get(command);
      if (mixin == null) {
        mixin = newInstance(f.getType());
        f.set(command, mixin);
      }
      if (mixin instanceof JsonOption j) {
        j.started = started;
      }
      mixins[m] = mixin;
    }
    for (int k = 0; k < opts.length; k++) {
      if (values[k] != null) {
        set(c, command, mixins, opts[k].mixin(), opts[k].field(), values[k]);
      }
    }
    if (pv != null) {
      set(c, command, mixins, p.mixin(), p.field(), pv);
    }
    return new Parsed(command, json);
  }

  /** The index of the option named {@code name} (or its negated name), or -1. */
  private static int find(Opt[] opts, String name) {
    for (int k = 0; k < opts.length; k++) {
      if (name.equals(opts[k].negated())) {
        return k;
      }
      for (String n : opts[k].names()) {
        if (n.equals(name)) {
          return k;
        }
      }
    }
    return -1;
  }

  /** A flag's default value as picocli reads it ("true" or "false", any case). */
  private static Boolean flag(String s) throws Decline {
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.valueOf(s.equalsIgnoreCase("true"));
    }
    throw new Decline();
  }

  /**
   * {@code v} split as picocli splits it ({@code String.split}) when it has no quote, backslash or empty part
   * (picocli treats those specially or keeps empty parts); unsplit without a regex.
   */
  private static List<String> split(String v, String regex) throws Decline {
    if (regex == null) {
      return List.of(v);
    }
    if (!regex.equals(",") || v.indexOf('"') >= 0 || v.indexOf('\\') >= 0 || v.startsWith(",") || v.endsWith(",")
        || v.contains(",,")) {
      throw new Decline();
    }
    return List.of(v.split(","));
  }

  private static List<Object> convertAll(Class<?> type, List<String> values) throws Decline {
    List<Object> out = new ArrayList<>(values.size());
    for (String s : values) {
      out.add(convert(type, s));
    }
    return out;
  }

  /** Whether {@link #convert} converts to {@code type} exactly as picocli does here. */
  static boolean converts(Class<?> type) {
    return type == String.class || type == int.class || type == Integer.class || type == long.class
        || type == Long.class || type == double.class || type == Double.class || type == Path.class
        || type == File.class || type.isEnum();
  }

  /**
   * {@code s} converted as picocli converts it: numbers by the converters {@link CliArgs#registerConverters}
   * registers, the rest as picocli's built-in converters do; a value they refuse declines.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object convert(Class<?> type, String s) throws Decline {
    try {
      if (type == String.class) {
        return s;
      } else if (type == int.class || type == Integer.class) {
        return new CliArgs.Int().convert(s);
      } else if (type == long.class || type == Long.class) {
        return new CliArgs.WholeNumber().convert(s);
      } else if (type == double.class || type == Double.class) {
        return new CliArgs.Fraction().convert(s);
      } else if (type == Path.class) {
        return Path.of(s);
      } else if (type == File.class) {
        return new File(s);
      } else if (type.isEnum()) {
        return Enum.valueOf((Class) type, s);
      }
    } catch (RuntimeException e) {
      throw new Decline(); // picocli reports it
    }
    throw new IllegalStateException("no conversion to " + type);
  }

  private static void set(Cmd c, Object command, Object[] mixins, String mixin, String field, Object v)
      throws ReflectiveOperationException {
    Object target = command;
    if (mixin != null) {
      target = null;
      for (int m = 0; m < mixins.length; m++) {
        if (c.mixins()[m].equals(mixin)) {
          target = mixins[m];
        }
      }
    }
    field(target.getClass(), field).set(target, v);
  }

  /** An instance as picocli's default factory makes it (the no-argument constructor, made accessible). */
  private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
    java.lang.reflect.Constructor<?> k = type.getDeclaredConstructor();
    k.setAccessible(true);
    return k.newInstance();
  }

  /** The field {@code name} of {@code type} or a superclass, made accessible. */
  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> t = type; t != null; t = t.getSuperclass()) {
      for (Field f : t.getDeclaredFields()) {
        if (f.getName().equals(name)) {
          f.setAccessible(true);
          return f;
        }
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }
}
