package org.neuristor.cli;

import java.util.ArrayList;
import java.util.List;
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

  /** Every top-level subcommand, in the order the usage lists them. */
  static List<Class<?>> all() {
    return CLASSES;
  }

  /** The subcommand called {@code name} (its name or one of its aliases), or null if there is none. */
  static Class<?> named(String name) {
    for (Class<?> c : CLASSES) {
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
}
