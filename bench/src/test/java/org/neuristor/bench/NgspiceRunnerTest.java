package org.neuristor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.measure.Trace;

class NgspiceRunnerTest {

  @TempDir Path dir;

  @Test
  void parsesAsciiRawfileAndRenamesBranchCurrents() throws IOException {
    String raw = "Title: t\nDate: x\nPlotname: Transient Analysis\nFlags: real\nNo. Variables: 3\nNo. Points: 2\n"
        + "Variables:\n\t0\ttime\ttime\n\t1\tv(OUT)\tvoltage\n\t2\tv1#branch\tcurrent\nValues:\n"
        + " 0\t0.000000000000000e+00\n\t1.5e+00\n\t-2.0e-03\n\n 1\t1.0e-06\n\t2.5e+00\n\t-1.0e-03\n";
    Path f = dir.resolve("a.raw");
    Files.writeString(f, raw, StandardCharsets.ISO_8859_1);
    Trace t = NgspiceRunner.readRaw(f);
    assertThat(t.axisName()).isEqualTo("time");
    assertThat(t.names()).containsExactly("v(out)", "i(v1)");
    assertThat(t.axis()).containsExactly(0.0, 1e-6);
    assertThat(t.get("v(out)")).containsExactly(1.5, 2.5);
    assertThat(t.get("i(v1)")).containsExactly(-2e-3, -1e-3);
  }

  @Test
  void parsesBinaryRawfileAndDcSweepAxis() throws IOException {
    String header = "Title: t\nPlotname: DC transfer characteristic\nFlags: real\nNo. Variables: 2\nNo. Points: 3\n"
        + "Variables:\n\t0\tv(v-sweep)\tvoltage\n\t1\tv(out)\tvoltage\nBinary:\n";
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer bb = ByteBuffer.allocate(h.length + 6 * 8).order(ByteOrder.LITTLE_ENDIAN);
    bb.put(h);
    double[] data = {0, 5, 0.5, 4.9, 1.0, 4.0};
    for (double d : data) {
      bb.putDouble(d);
    }
    Path f = dir.resolve("b.raw");
    Files.write(f, bb.array());
    Trace t = NgspiceRunner.readRaw(f);
    assertThat(t.axisName()).isEqualTo("v-sweep");
    assertThat(t.axis()).containsExactly(0.0, 0.5, 1.0);
    assertThat(t.get("v(out)")).containsExactly(5.0, 4.9, 4.0);
  }

  @Test
  void truncatedBinaryRawfileIsAnError() throws IOException {
    String header = "Title: t\nFlags: real\nNo. Variables: 2\nNo. Points: 3\n"
        + "Variables:\n\t0\ttime\ttime\n\t1\tv(a)\tvoltage\nBinary:\n";
    Path f = dir.resolve("c.raw");
    Files.write(f, (header + "12345678").getBytes(StandardCharsets.ISO_8859_1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NgspiceRunner.readRaw(f))
        .isInstanceOf(IOException.class).hasMessageContaining("truncated");
  }

  @Test
  void missingExecutableGivesEmptyResultWithReason() throws IOException {
    Path net = dir.resolve("r.cir");
    Files.writeString(net, "t\nV1 a 0 1\nR1 a 0 1k\n.tran 1u 10u\n.end\n");
    NgspiceRunner r = new NgspiceRunner(dir.resolve("no-such-ngspice").toString(), Duration.ofSeconds(10),
        NgspiceRunner.RawFormat.BINARY, false);
    assertThat(r.version()).isEmpty();
    assertThat(r.unavailableReason()).get().asString().contains("not installed");
    NgspiceRunner.Result res = r.run(net);
    assertThat(res.ok()).isFalse();
    assertThat(res.failure()).contains("not installed");
  }

  @Test
  void rcStepMatchesAnalyticSolution() throws IOException {
    NgspiceRunner r = NgspiceRunner.defaults().withTimeout(Duration.ofSeconds(60));
    assumeTrue(r.version().isPresent(), "ngspice not installed");
    Path net = dir.resolve("rc.cir");
    // 1 V step into R = 1k, C = 1n (tau = 1 us) from v(c)=0; i(v1) = -(1 - v(c))/R (ngspice sign convention).
    Files.writeString(net, "rc step\nV1 in 0 DC 1\nR1 in c 1k\nC1 c 0 1n\n.ic v(c)=0\n"
        + ".options reltol=1e-6 abstol=1e-12 vntol=1e-9\n.tran 10n 5u 0 1n uic\n.save v(c) i(v1)\n.end\n");
    for (NgspiceRunner.RawFormat fmt : NgspiceRunner.RawFormat.values()) {
      NgspiceRunner.Result res = r.withFormat(fmt).withLinearize(true).run(net);
      assertThat(res.ok()).as(res.failure()).isTrue();
      Trace t = res.trace().orElseThrow();
      assertThat(t.size()).isEqualTo(501);
      assertThat(res.timePoints()).isGreaterThan(100);
      assertThat(res.analysisSeconds()).isGreaterThanOrEqualTo(0.0);
      assertThat(res.wallSeconds()).isGreaterThan(0.0);
      for (int k = 0; k < t.size(); k++) {
        double time = t.axis()[k];
        double expected = 1 - Math.exp(-time / 1e-6);
        assertThat(t.get("v(c)")[k]).isCloseTo(expected, within(2e-6));
        assertThat(t.get("i(v1)")[k]).isCloseTo(-(1 - expected) / 1e3, within(2e-9));
      }
    }
  }

  @Test
  void timingRunsWithoutTraceAndStaticTimeWorks() throws IOException {
    NgspiceRunner r = NgspiceRunner.defaults().withTimeout(Duration.ofSeconds(60));
    assumeTrue(r.version().isPresent(), "ngspice not installed");
    String text = "rc\nV1 in 0 DC 1\nR1 in c 1k\nC1 c 0 1n\n.tran 10n 5u\n.end\n";
    Path net = dir.resolve("rc2.cir");
    Files.writeString(net, text);
    NgspiceRunner.Result res = r.timeOnly(net);
    assertThat(res.ok()).as(res.failure()).isTrue();
    assertThat(res.trace()).isEmpty();
    assertThat(res.timePoints()).isPositive();
    assertThat(NgspiceRunner.time(text, 60)).get().satisfies(s -> assertThat(s).isPositive());
  }

  @Test
  void failedAnalysisGivesReasonNotTrace() throws IOException {
    NgspiceRunner r = NgspiceRunner.defaults().withTimeout(Duration.ofSeconds(60));
    assumeTrue(r.version().isPresent(), "ngspice not installed");
    Path net = dir.resolve("bad.cir");
    Files.writeString(net, "bad\nV1 a 0 1\nD1 a 0 nosuchmodel\n.tran 1u 10u\n.end\n");
    NgspiceRunner.Result res = r.run(net);
    assertThat(res.ok()).isFalse();
    assertThat(res.failure()).isNotEmpty();
  }
}
