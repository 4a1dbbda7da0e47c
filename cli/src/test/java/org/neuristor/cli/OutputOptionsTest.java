package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.NeuristorException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class OutputOptionsTest {
  @Command(name = "demo")
  static final class Demo implements Runnable {
    @Mixin OutputOptions output;

    @Override
    public void run() {}
  }

  private static OutputOptions parse(String... args) {
    Demo d = new Demo();
    new CommandLine(d).parseArgs(args);
    return d.output;
  }

  @Test
  void defaults() {
    OutputOptions o = parse();
    assertThat(o.json()).isFalse();
    assertThat(o.plot()).isTrue();
    assertThat(o.plotExt()).isEqualTo("png");
    assertThat(o.out).isEqualTo(Path.of("out"));
  }

  @Test
  void parsesAllOptionsAndCreatesDirectory(@TempDir Path tmp) {
    Path dir = tmp.resolve("a/b");
    OutputOptions o = parse("--out", dir.toString(), "--json", "--no-plot", "--plot-format", "svg");
    assertThat(o.json()).isTrue();
    assertThat(o.plot()).isFalse();
    assertThat(o.plotExt()).isEqualTo("svg");
    assertThat(o.file("x.csv")).isEqualTo(dir.resolve("x.csv"));
    assertThat(Files.isDirectory(dir)).isTrue();
    assertThat(o.plotFile("trace")).isEqualTo(dir.resolve("trace.svg"));
    assertThat(parse("--plot").plot()).isTrue();
  }

  @Test
  void anEmptyOutIsRefusedNotTheWorkingDirectory() {
    // Path.of("") is the working directory: --out "$UNSET" wrote the run's files there and exited 0
    assertThatThrownBy(() -> parse("--out", "").outDir()).isInstanceOf(NeuristorException.class)
        .hasMessage("--out is empty: give a directory (default: out)");
  }

  @Test
  void aDirectoryThatCannotBeMadeSaysWhy(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    // the file system's message was the path alone: "cannot create output directory X: X"
    assertThatThrownBy(() -> parse("--out", file.toString()).outDir()).isInstanceOf(NeuristorException.class)
        .hasMessage("cannot create output directory " + file + ": a file is in the way");
    assertThatThrownBy(() -> parse("--out", file.resolve("sub").toString()).outDir())
        .hasMessage("cannot create output directory " + file.resolve("sub") + ": Not a directory");
  }
}
