package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
}
