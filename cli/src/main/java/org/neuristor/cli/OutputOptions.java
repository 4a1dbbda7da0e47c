package org.neuristor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Output options shared by every command that writes files: {@code --out}, {@code --json}, plots. */
public final class OutputOptions {

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})",
      defaultValue = "out")
  Path out;

  @Option(names = "--json", description = "print the summary as one JSON object on stdout (logs go to stderr)")
  boolean json;

  @Option(names = "--plot", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "write plots (default: on; --no-plot to skip)")
  boolean plot = true;

  @Option(names = "--plot-format", paramLabel = "png|svg", defaultValue = "png",
      description = "plot file format: png or svg (default: ${DEFAULT-VALUE})")
  String plotFormat = "png";

  /** The output folder, created if needed. */
  public Path outDir() {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + out + ": " + e.getMessage(), e);
    }
    return out;
  }

  public Path file(String name) {
    return outDir().resolve(name);
  }

  public boolean json() {
    return json;
  }

  public boolean plot() {
    return plot;
  }

  public String plotExt() {
    String f = plotFormat.toLowerCase(java.util.Locale.ROOT);
    if (!f.equals("png") && !f.equals("svg")) {
      throw org.neuristor.NeuristorException.input("--plot-format must be png or svg, got " + plotFormat);
    }
    return f;
  }
}
