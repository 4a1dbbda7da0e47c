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
 * same directory removes them (those no live process holds, see {@link #removeLeftovers}).
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
   * {@code kill -9} (SIGKILL: no shutdown hook runs) or by a power cut leaves one behind. It is created as
   * {@code .NAME.PID.HEX.N.new} (group 2), locked, and only then renamed to its {@code .tmp} name, so a {@code .tmp}
   * file is locked for as long as its writer lives.
   */
  private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile(
      "\\..+\\.([0-9]{1,19})\\.[0-9a-f]{1,16}\\.[0-9]{1,3}\\.(tmp|new)");

  /**
   * How long a {@code .new} file may be unlocked while its writer lives: it is locked microseconds after it is created,
   * and then renamed; one older than this and unlocked is a leftover of a run killed in between.
   */
  private static final java.time.Duration NEW_GRACE = java.time.Duration.ofMinutes(1);

  /** Directories whose leftovers this process has removed (once per directory: a sweep writes thousands of files). */
  private static final java.util.Set<Path> SWEPT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Removes the temporary files that runs which no longer exist left in {@code dir} (see {@link #TEMP}), once per
   * directory and process. A file whose writer may be alive (this process or another) is kept: its writer holds a lock
   * on it (an advisory {@code fcntl} lock, which the kernel releases when the process ends, however it ends). A process
   * id alone cannot tell: a process in another PID namespace (a container sharing the directory) has ids that mean
   * nothing here, so until round 20 its live file was removed when no process here had its id.
   */
  static void removeLeftovers(Path dir) {
    if (!SWEPT.add(dir)) {
      return;
    }
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.{tmp,new}")) {
      for (Path p : ds) {
        java.util.regex.Matcher m = TEMP.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          java.time.Instant written = Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant();
          if (leftover(m.group(1), written) && (m.group(2).equals("tmp")
              || written.plus(NEW_GRACE).isBefore(java.time.Instant.now()))) {
            deleteIfUnlocked(p);
          }
        }
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      // a leftover that cannot be listed or removed harms nothing; the output is written all the same
    }
  }

  /**
   * Whether a temporary file last written at {@code written} by process {@code pid} (decimal) may be left over, by its
   * id: no live process has that id, or the one that has it started more than a second after (clocks of the process
   * table and the file system differ by less; the id was reused, as in a container where every run gets the same id).
   * A process whose start is unknown is taken as the writer. The lock decides ({@link #deleteIfUnlocked}); this keeps
   * this process's own files from being opened (closing any channel of a file releases every lock the process holds on
   * it) and the files of live writers without a lock (earlier versions) in this namespace.
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
   * Deletes {@code p} unless a live process holds a lock on it (its writer). A file that cannot be opened is kept; on a
   * file system without locks (the lock attempt fails) the process id decided alone, as before locks were taken.
   */
  private static void deleteIfUnlocked(Path p) throws IOException {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, StandardOpenOption.READ,
        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      java.nio.channels.FileLock lock;
      try {
        lock = ch.tryLock(0, Long.MAX_VALUE, true);
      } catch (java.nio.channels.OverlappingFileLockException mine) {
        return; // this process holds it
      } catch (IOException noLocks) {
        Files.deleteIfExists(p);
        return;
      }
      if (lock != null) {
        Files.deleteIfExists(p); // held while deleting: a writer cannot take it in between
      }
    } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException gone) {
      // removed by another run meanwhile, or not ours to open: kept
    }
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
      // Not Files.createTempFile: it creates mode 0600, which the rename would carry over to the
      // result; a plain CREATE_NEW honours the user's umask like any other output file.
      java.nio.channels.FileChannel ch = null;
      for (int attempt = 0; ch == null; attempt++) {
        String stem = "." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
            + Long.toHexString(System.nanoTime()) + "." + attempt;
        Path fresh = dir.resolve(stem + ".new");
        Path candidate = dir.resolve(stem + ".tmp");
        try {
          ch = java.nio.channels.FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          if (attempt > 100) {
            throw e;
          }
          continue;
        }
        tmp = fresh;
        tmpName = fresh;
        track(fresh);
        lock(ch);
        try {
          Files.move(fresh, candidate); // named .tmp only once it is locked (a rename: the same directory)
        } catch (IOException e) {
          // removed meanwhile as a leftover (this run stopped for a minute between create and lock), or a name taken
          ch.close();
          ch = null;
          Files.deleteIfExists(fresh);
          IN_FLIGHT.remove(fresh);
          if (attempt > 100) {
            throw e;
          }
          continue;
        }
        tmp = candidate;
        tmpName = candidate;
        track(candidate);
        IN_FLIGHT.remove(fresh);
      }
      try (java.nio.channels.FileChannel locked = ch) {
        // the stream's close flushes without closing the channel: the lock is held until the file has its final name
        try (OutputStream out = new BufferedOutputStream(new java.io.FilterOutputStream(
            java.nio.channels.Channels.newOutputStream(locked)) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                flush();
              }
            }, 1 << 16)) {
          writer.write(out);
        }
        try {
          Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
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

  /**
   * Locks a new temporary file for as long as its writer lives (see {@link #removeLeftovers}); on a file system without
   * locks it is written all the same.
   */
  private static void lock(java.nio.channels.FileChannel ch) {
    try {
      ch.lock();
    } catch (IOException noLocks) {
      // the process id is all a later run can go by
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }
}
