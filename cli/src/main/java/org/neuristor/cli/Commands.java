package org.neuristor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The top-level subcommands. Each capability adds its command class here (one line), which keeps
 * {@link Main} free of merge conflicts. Classes rather than instances, so that a run of one command
 * builds only that command's model ({@link #named}): picocli's model of a command is built by
 * reflection over its options, and building all of them cost about a third of the CLI's start-up.
 */
final class Commands {
  private Commands() {}

  /**
   * A subcommand's class and the names it answers to ({@code @Command} name, then its aliases). The names are
   * listed here rather than read from the annotation: reading a class's {@code @Command} resolves every class
   * it names (subcommands, version and default providers), and looking up {@code network} that way read the
   * annotations of the eight commands before it: 27-32 ms of the main thread's CPU on a cold start, of which
   * about a third is saved in all (the rest is annotation machinery that picocli's model needs next anyway;
   * main-thread CPU from {@code main} to the command's call 110-120 ms -> 101-115 ms, 4 runs each, load 2-3).
   * {@code CommandsTest} checks that these names are the annotations'.
   */
  record Sub(Class<?> type, List<String> names) {
    Sub(Class<?> type, String... names) {
      this(type, List.of(names));
    }
  }

  private static final List<Sub> SUBS = List.of(
      new Sub(RunCommand.class, "run"),
      new Sub(DeviceCommand.class, "device"),
      new Sub(IvCommand.class, "iv"),
      new Sub(PulseCommand.class, "pulse"),
      new Sub(NeuronCommand.class, "neuron"),
      new Sub(ModelCommand.class, "model"),
      new Sub(PatternsCommand.class, "patterns"),
      new Sub(NetworkCommand.class, "network"),
      new Sub(SweepCommand.class, "sweep"),
      new Sub(FitCommand.class, "fit"),
      new Sub(org.neuristor.studio.StudioCommand.class, "studio"));

  private static final List<Class<?>> CLASSES = types(SUBS);

  /**
   * Subcommands of a top-level command registered here rather than in the parent's {@code subcommands}
   * annotation, which picocli builds all at once: {@code network run} then builds neither the digits nor
   * the crossbar commands (measured: {@code network run --help} took 1.5x the CPU of {@code run --help}).
   * Listed in the order the usage shows them.
   */
  private static final Map<Class<?>, List<Sub>> CHILDREN = Map.of(
      NetworkCommand.class,
      List.of(new Sub(NetworkCommand.Run.class, "run"), new Sub(DigitsCommand.class, "digits"),
          new Sub(CrossbarCommand.class, "crossbar"), new Sub(StdpDigitsCommand.class, "stdp-digits")));

  private static List<Class<?>> types(List<Sub> subs) {
    List<Class<?>> types = new ArrayList<>();
    for (Sub s : subs) {
      types.add(s.type());
    }
    return List.copyOf(types);
  }

  /** Every subcommand listed here with its names: the top-level ones, then the nested ones (for tests). */
  static List<Sub> listed() {
    List<Sub> all = new ArrayList<>(SUBS);
    CHILDREN.values().forEach(all::addAll);
    return all;
  }

  /** Every top-level subcommand, in the order the usage lists them. */
  static List<Class<?>> all() {
    return CLASSES;
  }

  /** The subcommand called {@code name} (its name or one of its aliases), or null if there is none. */
  static Class<?> named(String name) {
    return named(SUBS, name);
  }

  /** The class among {@code subs} whose command is called {@code name}, or null if there is none. */
  private static Class<?> named(List<Sub> subs, String name) {
    for (Sub s : subs) {
      if (s.names().contains(name)) {
        return s.type();
      }
    }
    return null;
  }

  /** The subcommands that {@code args} can reach: all of them unless the first argument names one. */
  static List<Class<?>> reachable(String[] args) {
    if (args.length > 0 && (args[0].equals("-V") || args[0].equals("--version"))) {
      return List.of();
    }
    Class<?> c = args.length > 0 ? named(args[0]) : null;
    return c == null ? CLASSES : new ArrayList<>(List.of(c));
  }

  /**
   * The subcommands of {@code parent} registered here ({@link #CHILDREN}; empty if it declares its own)
   * that {@code args} can reach: only the one named by the argument after the parent's name, all of them
   * when that argument names none (an option, help, a mistyped name) or when {@code args} is null.
   */
  static List<Class<?>> children(Class<?> parent, String[] args) {
    List<Sub> all = CHILDREN.getOrDefault(parent, List.of());
    Class<?> c = args != null && args.length > 1 && !all.isEmpty() ? named(all, args[1]) : null;
    return c == null ? types(all) : List.of(c);
  }
}
