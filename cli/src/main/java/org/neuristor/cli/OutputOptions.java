package org.neuristor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.neuristor.NeuristorException;
import picocli.CommandLine.Option;

/**
 * The output options every Neuristor command shares; add to a command with {@code @Mixin
 * OutputOptions output;}.
 *
 * <ul>
 *   <li>{@code --out DIR} (default {@code out}): where CSV, JSON and plot files go;
 *   <li>{@code --json}: print the summary as one JSON object on stdout (logs and progress go to
 *       stderr regardless);
 *   <li>{@code --plot} / {@code --no-plot} (default on): write plot images;
 *   <li>{@code --plot-format png|svg} (default png).
 * </ul>
 */
public final class OutputOptions extends JsonOption {
  /** Plot file formats. */
  public enum PlotFormat {
    png,
    svg
  }

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Output directory for CSV and plots, created if missing (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out");

  @Option(names = "--plot", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Write plots (default: on; --no-plot skips them).")
  boolean plot = true;

  @Option(names = "--plot-format", paramLabel = "FORMAT", defaultValue = "png",
      description = "Plot file format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  PlotFormat plotFormat = PlotFormat.png;

  /**
   * The output directory, created if it does not exist and checked to be writable; commands call it
   * before long work, so that a bad {@code --out} fails at once and not after the run.
   */
  public Path outDir() {
    if (out.toString().isEmpty()) {
      // Path.of("") is the working directory: an unset shell variable in --out "$DIR" spilled the files there
      throw NeuristorException.input("--out is empty: give a directory (default: out)");
    }
    try {
      if (created == null) {
        // the outermost directory this call makes (null: --out existed), so a run that fails can take it back
        Path missing = null;
        for (Path p = out.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
          missing = p;
        }
        created = missing;
      }
      Path d = Files.createDirectories(out);
      if (!Files.isWritable(d)) {
        throw NeuristorException.input("cannot write to output directory " + out);
      }
      return d;
    } catch (IOException | SecurityException e) {
      throw NeuristorException.input("cannot create output directory " + out + ": " + why(e));
    }
  }

  /** The outermost directory {@link #outDir} created, or null when --out existed before. */
  private Path created;

  /**
   * After a command that failed ({@link Main#discardCreatedOutput}, for every command with these options): removes
   * the directories {@link #outDir} created, if nothing was written into them, so a failed run leaves no empty output
   * folder behind. A folder that existed before, or holds a file, stays.
   */
  public void discardCreatedIfEmpty() {
    if (created == null) {
      return;
    }
    Path top = created;
    created = null;
    try {
      for (Path p = out.toAbsolutePath().normalize(); p != null && p.startsWith(top); p = p.getParent()) {
        if (!Files.isDirectory(p)) {
          return;
        }
        try (var entries = Files.list(p)) {
          if (entries.findAny().isPresent()) {
            return;
          }
        }
        Files.delete(p);
      }
    } catch (IOException | SecurityException e) {
      // best effort: the run's own error is what the user must see
    }
  }

  /**
   * Why a directory could not be made, in words: the file system's exceptions often carry only the path, so the
   * message read "cannot create output directory a/b: a/b".
   */
  private String why(Exception e) {
    if (e instanceof java.nio.file.FileSystemException f) {
      String what = e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
          : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.NoSuchFileException ? "no such directory"
          : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
      return f.getFile() == null || Path.of(f.getFile()).equals(out) ? what : what + " at " + f.getFile();
    }
    return e.getMessage();
  }

  /** A file inside {@link #outDir()} (the directory is created). */
  public Path file(String name) {
    return outDir().resolve(name);
  }

  /** A plot file {@code base.png} or {@code base.svg} inside the output directory. */
  public Path plotFile(String baseName) {
    return file(baseName + "." + plotExt());
  }

  public boolean plot() {
    return plot;
  }

  /** {@code png} or {@code svg}, without the dot: {@code output.file(base + "." + output.plotExt())}. */
  public String plotExt() {
    return plotFormat.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Says on stderr, in one line, that the plot of {@code what} was not written because there is nothing to show
   * ({@code why}): a measurement never plots what did not happen.
   */
  public void noPlot(String what, String why) {
    warn("no plot of " + what + ": " + why);
  }

  /** A progress bar on stderr, silent when {@code NEURISTOR_NO_PROGRESS} is set. */
  public ProgressBar progress(String task, long total) {
    return new ProgressBar(task, total);
  }
}
