package org.neuristor.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.neuristor.NeuristorException;

/**
 * All-or-nothing file output: content is written to a temporary file in the target's directory and
 * then renamed over the target, so a reader (or a crashed run) never sees a half-written file.
 *
 * <p>The rename uses {@link StandardCopyOption#ATOMIC_MOVE}; on file systems that cannot do that
 * it falls back to {@link StandardCopyOption#REPLACE_EXISTING}. Because the temporary file lives in
 * the same directory, the rename never crosses a file-system boundary. On any failure the temporary
 * file is deleted and the previous target (if any) is left untouched. A run stopped by Ctrl-C or {@code kill}
 * deletes its temporary files on the way out; one killed with {@code kill -9} cannot, and the next run writing to the
 * same directory removes them (those of processes that no longer exist, see {@link #removeLeftovers}).
 *
 * <p>I/O failures are reported as {@link NeuristorException} with exit code 2 naming the file;
 * exceptions thrown by the writer itself (e.g. a NeuristorException for a NaN value) propagate
 * unchanged.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Temporary files being written. A run stopped by Ctrl-C or {@code kill} (SIGINT, SIGTERM) runs the JVM's
   * shutdown hooks but not the writing thread's {@code finally}: its hidden {@code .NAME.PID....tmp} stayed in the
   * output directory. A hook, registered at the first write, deletes what is still here.
   */
  private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();

  private static void track(Path tmp) {
    if (HOOKED.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInFlight, "neuristor-temp-cleanup"));
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already stopping: the finally below still deletes this one if its thread gets there
      }
    }
    IN_FLIGHT.add(tmp);
  }

  private static void deleteInFlight() {
    for (Path p : IN_FLIGHT) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // nothing more can be done while the JVM stops
      }
    }
  }

  /**
   * A temporary file's name: {@code .NAME.PID.HEX.N.tmp}, the writing process's id in group 1. A run killed with
   * {@code kill -9} (SIGKILL: no shutdown hook runs) or by a power cut leaves one behind.
   */
  private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile(
      "\\..+\\.([0-9]{1,19})\\.[0-9a-f]{1,16}\\.[0-9]{1,3}\\.tmp");

  /** Directories whose leftovers this process has removed (once per directory: a sweep writes thousands of files). */
  private static final java.util.Set<Path> SWEPT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Removes the temporary files that runs which no longer exist left in {@code dir} (see {@link #TEMP}), once per
   * directory and process. A file whose writer may be alive (this process or another) is kept: its name carries the
   * writer's process id; it is a leftover only when no process has that id now, or the process that has it started
   * after the file was last written (the id was reused, as in a container where every run gets the same id).
   */
  static void removeLeftovers(Path dir) {
    if (!SWEPT.add(dir)) {
      return;
    }
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path p : ds) {
        java.util.regex.Matcher m = TEMP.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && leftover(m.group(1), Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant())) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      // a leftover that cannot be listed or removed harms nothing; the output is written all the same
    }
  }

  /**
   * Whether a temporary file last written at {@code written} by process {@code pid} (decimal) is left over: no live
   * process has that id, or the one that has it started more than a second after (clocks of the process table and the
   * file system differ by less). A process whose start is unknown is taken as the writer.
   */
  private static boolean leftover(String pid, java.time.Instant written) {
    java.util.Optional<ProcessHandle> h;
    try {
      h = ProcessHandle.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      return true;
    }
    if (h.isEmpty() || !h.get().isAlive()) {
      return true;
    }
    return h.get().info().startInstant().map(start -> start.isAfter(written.plusSeconds(1))).orElse(false);
  }

  /**
   * Alias of {@link org.neuristor.io.IoWriter} so that callers may write either {@code IoWriter}
   * or {@code AtomicFiles.IoWriter}.
   */
  @FunctionalInterface
  public interface IoWriter extends org.neuristor.io.IoWriter {}

  /**
   * Writes {@code target} atomically; parent directories are created.
   *
   * @param target final path of the file
   * @param writer produces the content; the stream is buffered and closed by this method
   * @return {@code target}
   */
  public static Path write(Path target, org.neuristor.io.IoWriter writer) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    Path tmpName = null;
    try {
      if (dir != null) {
        Files.createDirectories(dir);
        removeLeftovers(dir);
      }
      OutputStream raw = null;
      // Not Files.createTempFile: it creates mode 0600, which the rename would carry over to the
      // result; a plain CREATE_NEW honours the user's umask like any other output file.
      for (int attempt = 0; raw == null; attempt++) {
        Path candidate = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
            + Long.toHexString(System.nanoTime()) + "." + attempt + ".tmp");
        try {
          raw = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          tmp = candidate;
          tmpName = candidate;
          track(candidate);
        } catch (FileAlreadyExistsException e) {
          if (attempt > 100) {
            throw e;
          }
        }
      }
      try (OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
        writer.write(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      return target;
    } catch (IOException e) {
      throw new NeuristorException("cannot write " + target + ": " + describe(e), 2, e);
    } catch (UncheckedIOException e) {
      throw new NeuristorException("cannot write " + target + ": " + describe(e.getCause()), 2, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is the one worth reporting
        }
      }
      if (tmpName != null) {
        IN_FLIGHT.remove(tmpName);
      }
    }
  }

  /** Writes a string as UTF-8, atomically. */
  public static Path writeString(Path target, String content) {
    return write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes bytes atomically. */
  public static Path writeBytes(Path target, byte[] content) {
    return write(target, out -> out.write(content));
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }
}
