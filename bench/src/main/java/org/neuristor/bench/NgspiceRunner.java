package org.neuristor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs ngspice in batch mode on a netlist and measures its wall time. The netlist's analyses run
 * through an appended {@code .control} block ({@code run}, {@code quit}) so ngspice keeps its results
 * in memory like Neuristor does, without writing them.
 */
public final class NgspiceRunner {
  private NgspiceRunner() {}

  /** Wall time in seconds, or empty with the reason printed if ngspice is missing or fails. */
  public static Optional<Double> time(String netlist, long timeoutSeconds) {
    try {
      Path dir = Files.createTempDirectory("ngspice-bench");
      Path cir = dir.resolve("run.cir");
      String body = netlist.replaceAll("(?im)^\\.end\\s*$", "");
      Files.writeString(cir, body + "\n.control\nrun\nquit\n.endc\n.end\n");
      ProcessBuilder pb = new ProcessBuilder("ngspice", cir.toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("log.txt").toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      long t0 = System.nanoTime();
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        System.err.println("ngspice not found (apt-get install ngspice): " + e.getMessage());
        return Optional.empty();
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        System.err.println("ngspice timed out after " + timeoutSeconds + " s");
        return Optional.empty();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      String log = Files.readString(dir.resolve("log.txt"));
      if (p.exitValue() != 0 || log.contains("Error") || log.contains("too small")) {
        System.err.println("ngspice failed (exit " + p.exitValue() + "):\n" + log.lines().filter(
            l -> l.contains("rror") || l.contains("too small")).limit(5).reduce("", (a, b) -> a + b + "\n"));
        return Optional.empty();
      }
      return Optional.of(secs);
    } catch (IOException e) {
      System.err.println("cannot run ngspice: " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
