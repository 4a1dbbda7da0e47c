package org.neuristor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a Brian2 standalone project's results and re-running its binary, on a fake project (no Brian2). */
class BrianStandaloneTest {

  @TempDir Path dir;

  @Test
  void readsTheLoopTimeBrianWritesAndRejectsAnythingElse() {
    assertThat(BrianStandalone.lastRunSeconds("0.162673 1\n")).isEqualTo(0.162673);
    assertThat(BrianStandalone.lastRunSeconds("1.5e-01 1.0")).isEqualTo(0.15);
    assertThatThrownBy(() -> BrianStandalone.lastRunSeconds("0.08 0.5\n")).hasMessageContaining("did not complete");
    assertThatThrownBy(() -> BrianStandalone.lastRunSeconds("")).hasMessageContaining("expected");
    assertThatThrownBy(() -> BrianStandalone.lastRunSeconds("0.1")).hasMessageContaining("expected");
    assertThatThrownBy(() -> BrianStandalone.lastRunSeconds("fast 1")).hasMessageContaining("not numbers");
    assertThatThrownBy(() -> BrianStandalone.lastRunSeconds("-0.1 1")).hasMessageContaining("bad loop time");
    assertThatThrownBy(() -> BrianStandalone.lastRunSeconds("NaN 1")).hasMessageContaining("bad loop time");
  }

  @Test
  void readsTheSpikeCountAsOneNativeInt32() throws IOException {
    Path f = dir.resolve("N");
    Files.write(f, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(86129).array());
    assertThat(BrianStandalone.readSpikes(f)).isEqualTo(86129);
    Files.write(f, new byte[8]);
    assertThatThrownBy(() -> BrianStandalone.readSpikes(f)).hasMessageContaining("8 bytes");
  }

  @Test
  void comparesEveryResultFileButTimingAndConsoleOutput() throws IOException {
    Path r = Files.createDirectories(dir.resolve("results"));
    Files.writeString(r.resolve("a"), "1");
    Files.writeString(r.resolve("b"), "2");
    Files.writeString(r.resolve("last_run_info.txt"), "0.1 1");
    Files.writeString(r.resolve("stdout.txt"), "x");
    Map<String, String> ref = BrianStandalone.digests(r);
    assertThat(ref).containsOnlyKeys("a", "b");
    Files.writeString(r.resolve("last_run_info.txt"), "0.2 1");
    Files.writeString(r.resolve("stdout.txt"), "y");
    assertThat(BrianStandalone.differences(ref, BrianStandalone.digests(r))).isEmpty();
    Files.writeString(r.resolve("b"), "3");
    Files.delete(r.resolve("a"));
    Files.writeString(r.resolve("c"), "4");
    assertThat(BrianStandalone.differences(ref, BrianStandalone.digests(r)))
        .containsExactly("a (missing)", "b", "c (new)");
  }

  /**
   * A fake project whose {@code ./main} writes what a Brian2 binary writes: a spike count (from the environment
   * variable SPIKES, so a test can make a re-run differ), an array, and the loop time (unless NO_INFO is set).
   */
  private BrianStandalone fakeProject(String spikesEnv) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    Path project = Files.createDirectories(dir.resolve("work/standalone"));
    Files.createDirectories(project.resolve("results"));
    Path main = project.resolve("main");
    Files.writeString(main, "#!/bin/sh\n"
        + "[ \"$LD_BIND_NOW\" = 1 ] || exit 3\n"
        + "printf \"$SPIKES\" > results/_array_spikemonitor_N_1\n"
        + "printf 'final v' > results/_array_neurongroup_v_2\n"
        + "echo running\n"
        + "[ -n \"$NO_INFO\" ] || echo '0.125 1' > results/last_run_info.txt\n", StandardCharsets.US_ASCII);
    assertThat(main.toFile().setExecutable(true)).isTrue();
    // the script's own run of the binary: the reference
    ProcessBuilder pb = new ProcessBuilder("./main").directory(project.toFile());
    pb.environment().put("LD_BIND_NOW", "1");
    pb.environment().put("SPIKES", "\\005\\000\\000\\000");
    assertThat(pb.start().waitFor()).isZero();
    JsonNode j = org.neuristor.io.Json.mapper().readTree("{\"spikes\": 5, \"binary_dir\": \""
        + project.toAbsolutePath() + "\", \"binary_cmd\": [\"./main\"], \"binary_env\": {\"LD_BIND_NOW\": \"1\""
        + spikesEnv + "}, \"spikes_file\": \"results/_array_spikemonitor_N_1\"}");
    return new BrianStandalone(j, dir.resolve("work"));
  }

  @Test
  void reRunsTheBinaryInItsProjectWithBriansEnvironment() throws Exception {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    try (BrianStandalone b = fakeProject(", \"SPIKES\": \"\\\\005\\\\000\\\\000\\\\000\"")) {
      BrianStandalone.Run r = b.run();
      assertThat(r.loopS()).isEqualTo(0.125);
      assertThat(r.spikes()).isEqualTo(5);
      assertThat(r.binaryS()).isPositive();
      assertThat(Files.readString(dir.resolve("work/standalone/results/stdout.txt"))).isEqualTo("running\n");
      assertThat(b.run().spikes()).isEqualTo(5);
    }
    assertThat(dir.resolve("work")).doesNotExist();
  }

  @Test
  void aReRunWhoseResultsDifferIsAnError() throws Exception {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    try (BrianStandalone b = fakeProject(", \"SPIKES\": \"\\\\006\\\\000\\\\000\\\\000\"")) {
      assertThatThrownBy(b::run).hasMessageContaining("differ from the Python-driven run's")
          .hasMessageContaining("_array_spikemonitor_N_1");
    }
  }

  @Test
  void aStaleLoopTimeIsNotReadAsTheRunsOwn() throws Exception {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    try (BrianStandalone b = fakeProject(", \"SPIKES\": \"\\\\005\\\\000\\\\000\\\\000\", \"NO_INFO\": \"1\"")) {
      assertThatThrownBy(b::run).isInstanceOf(java.nio.file.NoSuchFileException.class)
          .hasMessageContaining("last_run_info.txt");
    }
  }

  @Test
  void aScriptRunThatDisagreesWithItsOwnResultsIsRejected() throws Exception {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    Path project = Files.createDirectories(dir.resolve("p/standalone/results"));
    Files.write(project.resolve("N"), new byte[] {7, 0, 0, 0});
    JsonNode j = org.neuristor.io.Json.mapper().readTree("{\"spikes\": 5, \"binary_dir\": \""
        + project.getParent().toAbsolutePath() + "\", \"binary_cmd\": [\"./main\"], \"binary_env\": {},"
        + " \"spikes_file\": \"results/N\"}");
    assertThatThrownBy(() -> new BrianStandalone(j, dir.resolve("p"))).hasMessageContaining("holds 7 spikes");
  }
}
