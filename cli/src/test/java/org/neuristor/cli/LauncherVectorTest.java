package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of the vector API module for {@code network run}: {@code --add-modules
 * jdk.incubator.vector} from 1e9 LIF neuron-steps per thread on (sizes x duration / dt / threads, read from the YAML
 * file and --threads), never for other commands, NEURISTOR_VECTOR=0|1 overriding. The real {@code ./neuristor} runs in a scratch copy of the project
 * (an empty jar newer than every source, so it builds nothing) with NEURISTOR_JAVA a script that prints its arguments.
 */
class LauncherVectorTest {
  private static final String VECTOR = "--add-modules=jdk.incubator.vector";
  @TempDir Path dir;
  private Path launcher;
  private Path java;

  @BeforeEach
  void copyTheLauncher() throws IOException {
    launcher = dir.resolve("neuristor");
    Files.copy(Path.of("..", "neuristor"), launcher);
    Files.createDirectories(dir.resolve("cli/target"));
    Files.write(dir.resolve("cli/target/neuristor.jar"), new byte[0]);
    java = dir.resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The java command line the launcher runs for {@code args}, one argument a line. */
  private List<String> javaArgs(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("NEURISTOR_VECTOR");
    pb.environment().remove("NEURISTOR_JAVA_OPTS");
    pb.environment().put("NEURISTOR_JAVA", java.toString());
    pb.environment().put("NEURISTOR_CDS", "0");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return List.of(out.split("\n"));
  }

  @Test
  void theLauncherCountsThreadsFromTheSameNetworkSizeAsTheNetwork() throws IOException {
    // the shell cannot call Network.build: its copy of the bound must be Network's
    assertThat(Files.readString(Path.of("..", "neuristor")))
        .contains("\"$all\" -ge " + org.neuristor.network.Network.PARALLEL_FROM_NEURONS + " ");
  }

  private String example(String name) {
    return Path.of("..", "examples", name).toAbsolutePath().toString();
  }

  private Path file(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** A network of LIF populations of these sizes (block style), duration and dt as written, on one thread. */
  private static String lif(String dt, String duration, String... sizes) {
    StringBuilder b = new StringBuilder("name: t\n# sizes below\ndt: " + dt + "\nduration: " + duration
        + "\nthreads: 1\npopulations:\n");
    for (int i = 0; i < sizes.length; i++) {
      b.append("  p").append(i).append(":   # population ").append(i).append("\n    model: lif\n    size: ")
          .append(sizes[i]).append("\n    channels:\n      exc: {kernel: conductance, tau: 5ms, E: 0mV}\n");
    }
    return b.append("projections: []\n").toString();
  }

  @Test
  void theExamplesFromOneBillionNeuronStepsPerThreadOn() throws Exception {
    assertThat(javaArgs(Map.of(), "network", "run", example("coba.yaml"), "--json")).doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", example("coba-quiet.yaml"), "--json")).doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", "--threads", "1", example("coba-40k.yaml")))
        .doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", "--threads", "2", "--out", "x", example("coba-400k.yaml")))
        .contains(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", example("coba-400k.yaml"), "--threads=4")).contains(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", example("coba-400k.yaml"), "--threads", "5"))
        .doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", example("synfire-pickett.yaml"))).doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", example("coba-adex.yaml"))).doesNotContain(VECTOR);
  }

  @Test
  void neuronStepsAtTheBoundInEveryNotation() throws Exception {
    // 1e9 exactly: 100,000 neurons x 10,000 steps on one thread, written in several ways
    assertThat(javaArgs(Map.of(), "network", "run", file("a.yaml", lif("0.1ms", "1s", "80000", "20000")).toString()))
        .contains(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", file("b.yaml", lif("1e-4", "1", "100k")).toString()))
        .contains(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", file("c.yaml", lif("100us", "2s", "50000")).toString()))
        .contains(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", file("d.yaml", lif("\"0.05ms\"", "0.5s", "1e5")).toString()))
        .contains(VECTOR);
    // just below: 99,999 neurons, or 4,000 neurons for 24.99 s
    assertThat(javaArgs(Map.of(), "network", "run", file("e.yaml", lif("0.1ms", "1s", "79999", "20000")).toString()))
        .doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", file("f.yaml", lif("0.1ms", "24.99s", "4000")).toString()))
        .doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", file("g.yaml", lif("0.1ms", "25s", "4000")).toString()))
        .contains(VECTOR);
    // per thread: the file's threads, which --threads overrides
    String two = lif("0.1ms", "1s", "200000").replace("threads: 1", "threads: 2");
    assertThat(javaArgs(Map.of(), "network", "run", file("h.yaml", two).toString())).contains(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", file("i.yaml", two.replace("200000", "199998")).toString()))
        .doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", "--threads", "3", file("j.yaml", two).toString()))
        .doesNotContain(VECTOR);
  }

  @Test
  void onlyLifPopulationsCount() throws Exception {
    String flow = "dt: 0.1ms\nduration: 1s\nthreads: 1\npopulations:\n  a: {model: adex, size: 400000}\n"
        + "  b: {model: lif, size: 99000, channels: {x: {kernel: exponential, tau: 5ms}}}\n"
        + "  c: {model: poisson, size: 100000, rate: 5}\nprojections: []\n";
    assertThat(javaArgs(Map.of(), "network", "run", file("flow.yaml", flow).toString())).doesNotContain(VECTOR);
    String more = flow.replace("size: 99000", "size: 100000");
    assertThat(javaArgs(Map.of(), "network", "run", file("flow2.yaml", more).toString())).contains(VECTOR);
  }

  @Test
  void unreadableFilesAndOtherCommandsKeepTheScalarKernels() throws Exception {
    String big = lif("0.1ms", "1s", "400000");
    assertThat(javaArgs(Map.of(), "network", "run", file("n.json", big).toString())).doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", file("n.yaml", big.replace("dt: 0.1ms", "dt: 0.1 fortnights"))
        .toString())).doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "run", dir.resolve("missing.yaml").toString())).doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "network", "describe", file("m.yaml", big).toString())).doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of(), "run", example("1ts1c.cir"))).doesNotContain(VECTOR);
  }

  @Test
  void neuristorVectorOverrides() throws Exception {
    assertThat(javaArgs(Map.of("NEURISTOR_VECTOR", "1"), "network", "run", example("coba.yaml"))).contains(VECTOR);
    assertThat(javaArgs(Map.of("NEURISTOR_VECTOR", "0"), "network", "run", example("coba-400k.yaml")))
        .doesNotContain(VECTOR);
    assertThat(javaArgs(Map.of("NEURISTOR_VECTOR", "1"), "run", example("1ts1c.cir"))).doesNotContain(VECTOR);
  }
}
