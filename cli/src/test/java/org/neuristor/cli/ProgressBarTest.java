package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void lineModePrintsOneLinePerTenPercent() {
    try (ProgressBar bar = new ProgressBar("sim", 1000, out)) {
      for (int i = 0; i < 1000; i++) {
        bar.step();
      }
    }
    List<String> lines = lines();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0)).startsWith("sim [##------------------] 10% 100/1000 ");
    assertThat(lines.get(4)).startsWith("sim [##########----------] 50% 500/1000 ");
    assertThat(lines.get(9)).startsWith("sim [####################] 100% 1000/1000 ");
  }

  @Test
  void bigStepsPrintOneLineEachAndCloseReportsIncompleteState() {
    try (ProgressBar bar = new ProgressBar("t", 10, out)) {
      bar.stepBy(7);
      bar.step();
    }
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(0)).contains("70% 7/10");
    assertThat(lines().get(1)).contains("80% 8/10");
  }

  @Test
  void closeOnIncompleteBarPrintsFinalState() {
    ProgressBar bar = new ProgressBar("t", 100, out);
    bar.stepBy(5);
    bar.close();
    bar.close();
    bar.step();
    assertThat(lines()).hasSize(1);
    assertThat(lines().get(0)).contains("5% 5/100").contains("ETA");
    assertThat(bar.done()).isEqualTo(5);
  }

  @Test
  void rateAndEtaUseTheClock() {
    AtomicLong now = new AtomicLong(0);
    ProgressBar bar = new ProgressBar("job", 1000, out, false, true, now::get);
    now.set(10_000_000_000L); // 10 s
    bar.stepBy(100);
    assertThat(lines().get(0)).isEqualTo("job [##------------------] 10% 100/1000 10.0/s ETA 1:30");
  }

  @Test
  void interactiveModeRedrawsOneLineThrottled() {
    AtomicLong now = new AtomicLong(0);
    try (ProgressBar bar = new ProgressBar("x", 100, out, true, true, now::get)) {
      for (int i = 0; i < 100; i++) {
        now.addAndGet(10_000_000L); // 10 ms per step: at most every 10th step redraws
        bar.step();
      }
    }
    String s = bytes.toString(StandardCharsets.UTF_8);
    long redraws = s.chars().filter(c -> c == '\r').count();
    assertThat(redraws).isBetween(10L, 12L);
    assertThat(s).endsWith("100% 100/100 100.0/s in 0:01" + System.lineSeparator());
    assertThat(s.chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }

  @Test
  void quietAndDisabledPrintNothing() {
    try (ProgressBar bar = new ProgressBar("x", 10, out, true, false)) {
      bar.stepBy(10);
    }
    try (ProgressBar bar = ProgressBar.quiet("q", 10)) {
      bar.stepBy(10);
      assertThat(bar.done()).isEqualTo(10);
    }
    assertThat(bytes.size()).isZero();
  }

  @Test
  void threadSafeCounting() {
    try (ProgressBar bar = new ProgressBar("par", 80_000, out)) {
      IntStream.range(0, 8).parallel().forEach(k -> {
        for (int i = 0; i < 10_000; i++) {
          bar.step();
        }
      });
      assertThat(bar.done()).isEqualTo(80_000);
    }
    assertThat(lines()).hasSize(10);
  }

  @Test
  void clockTimeFormats() {
    assertThat(ProgressBar.clockTime(45)).isEqualTo("0:45");
    assertThat(ProgressBar.clockTime(3725)).isEqualTo("1:02:05");
    assertThat(ProgressBar.clockTime(Double.POSITIVE_INFINITY)).isEqualTo("?");
  }
}
