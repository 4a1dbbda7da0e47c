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
}
