package org.neuristor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The top-level subcommands. Each capability adds its command class here (one line), which keeps
 * {@link Main} free of merge conflicts. Classes rather than instances, so that a run of one command
 * builds only that command's model ({@link #named}): picocli's model of a command is built by
 * reflection over its options, and building all of them cost about a third of the CLI's start-up.
 */
final class Commands {
  private Commands() {}

  private static final List<Class<?>> CLASSES = List.of(
      RunCommand.class,
      DeviceCommand.class,
      IvCommand.class,
      PulseCommand.class,
      NeuronCommand.class,
      ModelCommand.class,
      PatternsCommand.class,
      NetworkCommand.class,
      SweepCommand.class,
      FitCommand.class,
      org.neuristor.studio.StudioCommand.class);

  /**
   * Subcommands of a top-level command registered here rather than in the parent's {@code subcommands}
   * annotation, which picocli builds all at once: {@code network run} then builds neither the digits nor
   * the crossbar commands (measured: {@code network run --help} took 1.5x the CPU of {@code run --help}).
   * Listed in the order the usage shows them.
   */
  private static final Map<Class<?>, List<Class<?>>> CHILDREN = Map.of(
      NetworkCommand.class,
      List.of(NetworkCommand.Run.class, DigitsCommand.class, CrossbarCommand.class, StdpDigitsCommand.class));

  /** Every top-level subcommand, in the order the usage lists them. */
  static List<Class<?>> all() {
    return CLASSES;
  }

  /** The subcommand called {@code name} (its name or one of its aliases), or null if there is none. */
  static Class<?> named(String name) {
    return named(CLASSES, name);
  }

  /** The class among {@code classes} whose command is called {@code name}, or null if there is none. */
  private static Class<?> named(List<Class<?>> classes, String name) {
    for (Class<?> c : classes) {
      Command a = c.getAnnotation(Command.class);
      if (a.name().equals(name) || List.of(a.aliases()).contains(name)) {
        return c;
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
    List<Class<?>> all = CHILDREN.getOrDefault(parent, List.of());
    Class<?> c = args != null && args.length > 1 && !all.isEmpty() ? named(all, args[1]) : null;
    return c == null ? all : List.of(c);
  }
}
