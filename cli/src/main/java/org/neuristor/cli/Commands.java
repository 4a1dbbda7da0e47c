package org.neuristor.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The top-level subcommands. Each capability adds its command here (one line), which keeps
 * {@link Main} free of merge conflicts.
 */
final class Commands {
  private Commands() {}

  static List<Object> all() {
    List<Object> l = new ArrayList<>();
    l.add(new RunCommand());
    l.add(new DeviceCommand());
    l.add(new IvCommand());
    l.add(new PulseCommand());
    l.add(new NeuronCommand());
    l.add(new ModelCommand());
    l.add(new PatternsCommand());
    l.add(new NetworkCommand());
    l.add(new SweepCommand());
    l.add(new FitCommand());
    l.add(new org.neuristor.studio.StudioCommand());
    return l;
  }
}
