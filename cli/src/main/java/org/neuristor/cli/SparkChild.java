package org.neuristor.cli;

import java.nio.file.Path;
import org.neuristor.NeuristorException;
import org.neuristor.sweep.SweepSpec;

final class SparkChild {
  private SparkChild() {}

  static int run(Path specFile, Path dir, String master, SweepSpec spec, OutputOptions output) {
    throw NeuristorException.input("spark engine not built");
  }
}
