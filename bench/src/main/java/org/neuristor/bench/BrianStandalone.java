package org.neuristor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Brian2 cpp_standalone's COBA compiled once, then its binary re-run as whole processes: what the network
 * bench times against Neuristor, so that no C++ compilation loads the machine between the timed runs.
 *
 * <p>{@link #compile} runs {@code brian2_coba.py} (code generation, compilation, and one run of the binary
 * driven by Python, not timed here) and keeps its project directory. {@link #run} then starts the binary
 * the way Brian2 does ({@code ./main} in that directory, Brian2's run environment, stdout to
 * {@code results/stdout.txt}): the process wall time, Brian2's own measure of the simulation loop
 * ({@code results/last_run_info.txt}, {@code device._last_run_time}) and the spike count. The seed and the
 * initial voltages are compiled into the project, so each run must repeat the Python-driven run exactly:
 * every file the binary writes to {@code results/} (connectivity, spike counts, final state) is compared
 * byte for byte with that run's, and a difference is an error, not a figure.
 */
final class BrianStandalone implements AutoCloseable {
  /** Files in {@code results/} that differ between two identical runs (timing, console output). */
  static final List<String> VOLATILE = List.of("last_run_info.txt", "stdout.txt");

  /** One run of the binary: Brian2's loop (seconds), process start to exit (seconds), spikes. */
  record Run(double loopS, double binaryS, long spikes) {}

  private final JsonNode script;
  private final Path work;
  private final Path dir;
  private final List<String> cmd;
  private final Map<String, String> env;
  private final Path spikesFile;
  private final Map<String, String> reference;

  /**
   * A project the script compiled and ran: {@code script} its JSON line (binary_dir, binary_cmd, binary_env,
   * spikes_file, spikes), {@code work} the directory deleted on {@link #close}; the results of the script's run,
   * now in binary_dir/results, are the reference every {@link #run} must reproduce.
   */
  BrianStandalone(JsonNode script, Path work) throws IOException {
    this.script = script;
    this.work = work;
    dir = Path.of(script.get("binary_dir").asText());
    List<String> c = new ArrayList<>();
    script.get("binary_cmd").forEach(x -> c.add(x.asText()));
    cmd = List.copyOf(c);
    Map<String, String> e = new TreeMap<>();
    script.get("binary_env").fields().forEachRemaining(x -> e.put(x.getKey(), x.getValue().asText()));
    env = Map.copyOf(e);
    spikesFile = dir.resolve(script.get("spikes_file").asText());
    reference = digests(dir.resolve("results"));
    long spikes = readSpikes(spikesFile);
    if (spikes != script.get("spikes").asLong()) {
      throw new IllegalStateException("brian2: " + spikesFile + " holds " + spikes + " spikes, the script printed "
          + script.get("spikes").asLong());
    }
  }

  /**
   * Generates, compiles and runs (once, from Python) Brian2's COBA of {@code n} neurons with {@code threads}
   * OpenMP threads (0: single-threaded code); null, with the reason on stderr, when Brian2 or g++ is missing.
   */
  static BrianStandalone compile(Path script, int n, int threads) throws IOException {
    Path work = Files.createTempDirectory("brian2-coba");
    JsonNode j = NetworkComparison.brianScript(script, n, "cpp_standalone", 1, threads, work);
    if (j == null || !j.has("binary_dir")) {
      NetworkComparison.deleteTree(work);
      return null;
    }
    try {
      return new BrianStandalone(j, work);
    } catch (IOException | RuntimeException e) {
      NetworkComparison.deleteTree(work);
      throw e;
    }
  }

  /** The script's JSON line: build_s (codegen + compile), run_s and binary_s of its run, spikes, synapses, rate_hz. */
  JsonNode script() {
    return script;
  }

  /** Runs the compiled binary once as a whole process; throws when it fails or its results differ. */
  Run run() throws IOException, InterruptedException {
    Path info = dir.resolve("results/last_run_info.txt");
    Files.deleteIfExists(info); // a stale file must not pass for this run's
    Files.deleteIfExists(spikesFile);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve("results/stdout.txt").toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    int code = pb.start().waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("brian2 binary " + String.join(" ", cmd) + " in " + dir + " failed with exit "
          + code);
    }
    double loop = lastRunSeconds(Files.readString(info));
    List<String> differ = differences(reference, digests(dir.resolve("results")));
    if (!differ.isEmpty()) {
      throw new IllegalStateException("brian2 binary re-run in " + dir + " wrote results that differ from the"
          + " Python-driven run's: " + differ);
    }
    return new Run(loop, wall, readSpikes(spikesFile));
  }

  /**
   * Brian2's loop time from {@code results/last_run_info.txt}: "{@code <seconds> <completed fraction>}"
   * (objects.cpp's brian_end); a run that did not complete, or any other content, is an error.
   */
  static double lastRunSeconds(String text) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 2) {
      throw new IllegalStateException("brian2 last_run_info.txt: expected '<seconds> <fraction>', got '" + text.trim()
          + "'");
    }
    double seconds;
    double fraction;
    try {
      seconds = Double.parseDouble(f[0]);
      fraction = Double.parseDouble(f[1]);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("brian2 last_run_info.txt: not numbers: '" + text.trim() + "'", e);
    }
    if (fraction != 1.0) {
      throw new IllegalStateException("brian2 run did not complete: completed fraction " + f[1]);
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalStateException("brian2 last_run_info.txt: bad loop time " + f[0]);
    }
    return seconds;
  }

  /** SHA-256 of every file in {@code results}, by name, except the {@link #VOLATILE} ones. */
  static Map<String, String> digests(Path results) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(results)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!VOLATILE.contains(name) && Files.isRegularFile(p)) {
          m.put(name, sha256(p));
        }
      }
    }
    return m;
  }

  /** The names whose digest differs, is missing or is new in {@code run} against {@code reference}. */
  static List<String> differences(Map<String, String> reference, Map<String, String> run) {
    List<String> d = new ArrayList<>();
    for (Map.Entry<String, String> e : reference.entrySet()) {
      if (!e.getValue().equals(run.get(e.getKey()))) {
        d.add(run.containsKey(e.getKey()) ? e.getKey() : e.getKey() + " (missing)");
      }
    }
    for (String k : run.keySet()) {
      if (!reference.containsKey(k)) {
        d.add(k + " (new)");
      }
    }
    return d;
  }

  /** Brian2's SpikeMonitor N: one int32 in the machine's byte order. */
  static long readSpikes(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    if (b.length != 4) {
      throw new IllegalStateException("brian2 " + file + ": expected one int32, got " + b.length + " bytes");
    }
    return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt();
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    NetworkComparison.deleteTree(work);
  }
}
