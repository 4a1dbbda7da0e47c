package org.neuristor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.NeuristorException;

class AtomicFilesTest {
  @TempDir Path dir;

  private long filesIn(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }

  @Test
  void writesContentAndCreatesParents() throws IOException {
    Path target = dir.resolve("a/b/c.txt");
    AtomicFiles.writeString(target, "héllo\n");
    assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("héllo\n");
    assertThat(filesIn(target.getParent())).isEqualTo(1);
  }

  /** The result must be readable like any file the user creates (umask), not 0600 like a temp file. */
  @Test
  void resultHasOrdinaryPermissions() throws IOException {
    Path probe = dir.resolve("probe");
    Files.newOutputStream(probe).close();
    Path target = dir.resolve("perm.txt");
    AtomicFiles.writeString(target, "x");
    if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(probe));
    }
  }

  @Test
  void replacesExistingFile() throws IOException {
    Path target = dir.resolve("x.txt");
    AtomicFiles.writeString(target, "old content that is longer");
    AtomicFiles.writeString(target, "new");
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(filesIn(dir)).isEqualTo(1);
  }

  @Test
  void failingWriterLeavesNoTargetAndNoTemp() throws IOException {
    Path target = dir.resolve("fail.bin");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
          out.write(new byte[100_000]);
          throw new IOException("disk on fire");
        }))
        .isInstanceOf(NeuristorException.class)
        .hasMessageContaining("fail.bin")
        .hasMessageContaining("disk on fire");
    assertThat(filesIn(dir)).isZero();
  }

  @Test
  void failingWriterKeepsPreviousVersion() throws IOException {
    Path target = dir.resolve("keep.txt");
    AtomicFiles.writeString(target, "v1");
    RuntimeException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
          out.write("partial".getBytes(StandardCharsets.UTF_8));
          throw boom;
        }))
        .isSameAs(boom);
    assertThat(Files.readString(target)).isEqualTo("v1");
    assertThat(filesIn(dir)).isEqualTo(1);
  }

  @Test
  void unwritableDirectoryIsAUserError() throws IOException {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    assertThatThrownBy(() -> AtomicFiles.writeString(blocker.resolve("sub/out.txt"), "y"))
        .isInstanceOf(NeuristorException.class)
        .hasMessageStartingWith("cannot write ")
        .satisfies(e -> assertThat(((NeuristorException) e).exitCode()).isEqualTo(2));
  }

  /** A JVM that writes {@code args[0]} atomically and never finishes (until it is stopped). */
  public static final class SlowWriter {
    public static void main(String[] args) {
      AtomicFiles.write(Path.of(args[0]), out -> {
        out.write(new byte[100]);
        out.flush();
        System.out.println("writing");
        System.out.flush();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  @Test
  void aRunStoppedWhileWritingLeavesNoTemporaryFile() throws Exception {
    // SIGTERM (kill, Ctrl-C's SIGINT alike) runs shutdown hooks, not the writer's finally: the hidden
    // .NAME.PID....tmp stayed in the output directory
    Path target = dir.resolve("stopped.csv");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toString())
        .redirectErrorStream(true).start();
    try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(r.readLine()).isEqualTo("writing");
      assertThat(filesIn(dir)).as("the temporary file while it is written").isEqualTo(1);
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(filesIn(dir)).isZero();
  }

  /** Starts a {@link SlowWriter} on {@code target} and returns it once it is writing (its temporary file exists). */
  private static Process slowWriter(Path target) throws IOException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toString())
        .redirectErrorStream(true).start();
    java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    assertThat(r.readLine()).isEqualTo("writing");
    return p;
  }

  @Test
  void aRunKilledWhileWritingLeavesATemporaryFileTheNextRunRemoves() throws Exception {
    // kill -9 runs no shutdown hook: the hidden .NAME.PID....tmp stayed next to the output for good
    Path target = dir.resolve("killed.csv");
    Process p = slowWriter(target);
    try {
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(filesIn(dir)).as("the killed run's temporary file").isEqualTo(1);
    AtomicFiles.writeString(dir.resolve("other.csv"), "x"); // a later run writing to the same directory
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactly("other.csv");
    }
  }

  @Test
  void aLiveRunsTemporaryFileIsKept() throws Exception {
    Path target = dir.resolve("live.csv");
    Process p = slowWriter(target);
    try {
      AtomicFiles.writeString(dir.resolve("other.csv"), "x");
      assertThat(filesIn(dir)).as("other.csv and the live run's temporary file").isEqualTo(2);
    } finally {
      p.destroyForcibly();
      p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void aLeftoverOfAnEarlierProcessWithTheSameIdIsRemovedOtherTemporaryFilesKept() throws IOException {
    // in a container every run may get the same process id: a file older than this process is not its own
    long pid = ProcessHandle.current().pid();
    Path old = dir.resolve(".a.csv." + pid + ".18c2f.0.tmp");
    Files.writeString(old, "partial");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(
        ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(3600)));
    Path fresh = dir.resolve(".b.csv." + pid + ".18c30.0.tmp"); // could be this process's own, being written
    Files.writeString(fresh, "partial");
    Path gone = dir.resolve(".c.csv.4194399.18c31.0.tmp"); // above any Linux pid_max: no such process
    Files.writeString(gone, "partial");
    Path user = dir.resolve(".notes.tmp"); // not a name this class writes
    Files.writeString(user, "mine");
    AtomicFiles.writeString(dir.resolve("out.csv"), "x");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("out.csv", fresh.getFileName()
          .toString(), user.getFileName().toString());
    }
  }

  @Test
  void aLiveRunInAnotherPidNamespaceKeepsItsTemporaryFile() throws Exception {
    // a run in another container sharing the directory: its process id means nothing here. Until round 20 the sweep went
    // by the id in the name alone, and removed the live run's file when no process here had that id
    Path live = Files.createDirectories(dir.resolve("live"));
    Process p = slowWriter(live.resolve("x.csv"));
    Path foreign = live.resolve(".x.csv.4194399.18c31.0.tmp"); // above any Linux pid_max: no such process here
    try {
      Path written;
      try (Stream<Path> s = Files.list(live)) {
        written = s.filter(f -> f.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
      }
      Files.move(written, foreign); // the name the sweep sees: a rename keeps the file and its writer's lock
      AtomicFiles.removeLeftovers(live);
      assertThat(foreign).as("the live writer's file").exists();
    } finally {
      p.destroyForcibly(); // SIGKILL: the kernel releases its lock
      p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    Path later = Files.createDirectories(dir.resolve("later")); // a directory not swept yet by this process
    Files.move(foreign, later.resolve(foreign.getFileName()));
    AtomicFiles.removeLeftovers(later);
    assertThat(filesIn(later)).as("the same file once its writer is gone").isZero();
  }

  @Test
  void aFileKilledBeforeItWasLockedIsRemovedAfterAMinute() throws IOException {
    // a .new file is locked microseconds after it is created, then renamed .tmp; a run killed in between leaves it
    Path old = dir.resolve(".a.csv.4194399.18c2f.0.new");
    Files.writeString(old, "");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(120)));
    Path fresh = dir.resolve(".b.csv.4194399.18c30.0.new"); // may be a live writer's, about to lock it
    Files.writeString(fresh, "");
    AtomicFiles.writeString(dir.resolve("out.csv"), "x");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("out.csv",
          fresh.getFileName().toString());
    }
  }
}
