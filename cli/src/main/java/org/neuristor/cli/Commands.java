package org.neuristor.cli;

import java.util.List;

/**
 * The list of top-level subcommands. Each team member adds their command here (one line), which
 * keeps {@link Main} free of merge conflicts.
 */
final class Commands {
  private Commands() {}

  static List<Object> all() {
    return List.of(
        // circuit engine
        // devices
        // neuron circuits
        // biological models
        // networks
        // sweeps
        );
  }
}
