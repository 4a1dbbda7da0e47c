package org.neuristor.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.neuristor.measure.Trace;

/**
 * Runs the peer simulator ngspice in batch mode on a SPICE netlist and returns its result as a {@link Trace}.
 *
 * <p>The netlist is left untouched: a generated driver file in a private temporary directory {@code source}s
 * it inside a {@code .control} block, runs the analysis named in the netlist ({@code .tran} or {@code .dc}),
 * prints ngspice's own resource usage ({@code rusage time traniter tranpoints}) and writes every saved
 * vector (the netlist's {@code .save} lines) as a rawfile, which this class parses (binary by default, ascii on
 * request). Vector names are ngspice's in lower case, with branch currents renamed from {@code vx#branch} to
 * {@code i(vx)} and the DC sweep axis {@code v(v-sweep)} to {@code v-sweep}, so they match Neuristor's naming.
 *
 * <p>Two times are reported: the wall time of the whole ngspice process (start-up, parsing, analysis, rawfile
 * output) measured here, and ngspice's own "Total analysis time". A benchmark comparison should quote both.
 *
 * <p>ngspice not being installed, an analysis that aborts ("timestep too small", singular matrix) and a timeout
 * are not exceptions: they give a {@link Result} without a trace and with a one-line reason, so benchmark
 * harnesses can report "peer unavailable" instead of crashing.
 *
 * <p>Reference: ngspice User's Manual (version 39), chapters on batch mode, control commands {@code write},
 * {@code linearize}, {@code rusage}, and the rawfile format.
 */
public final class NgspiceRunner {

  /** Output format of the rawfile that ngspice writes and this class reads. */
  public enum RawFormat {
    /** Native binary doubles (little endian on every platform ngspice ships for here); fast and exact. */
    BINARY,
    /** Text with 15 significant digits; slower, human readable. */
    ASCII
  }

  /**
   * Outcome of one ngspice run.
   *
   * @param trace the saved vectors, empty when ngspice is missing, the run failed, or only timing was asked
   * @param failure one-line reason when {@code trace} is empty, otherwise the empty string
   * @param wallSeconds wall time of the ngspice process in seconds (NaN when it could not start)
   * @param analysisSeconds ngspice's own "Total analysis time" in seconds (NaN when not reported)
   * @param timePoints ngspice's accepted transient time points (-1 when not reported)
   * @param iterations ngspice's transient Newton iterations (-1 when not reported)
   * @param log ngspice's combined standard output and error
   */
  public record Result(
      Optional<Trace> trace,
      String failure,
      double wallSeconds,
      double analysisSeconds,
      long timePoints,
      long iterations,
      String log) {
    /** True when ngspice ran the analysis to the end. */
    public boolean ok() {
      return failure.isEmpty();
    }
  }

  /** ngspice messages that mean the analysis did not complete even though the process exited 0. */
  private static final Pattern FAILURE =
      Pattern.compile("(?im)^.*(timestep too small|singular matrix|simulation\\(s\\) aborted|"
          + "run simulation\\(s\\) aborted|no convergence|error[: ].*)$");
  private static final Pattern ANALYSIS_TIME = Pattern.compile("Total analysis time \\(seconds\\) = ([0-9.eE+-]+)");
  private static final Pattern TIME_POINTS = Pattern.compile("Transient timepoints = ([0-9]+)");
  private static final Pattern ITERATIONS = Pattern.compile("Transient iterations = ([0-9]+)");

  private final String executable;
  private final Duration timeout;
  private final RawFormat format;
  private final boolean linearize;

  /**
   * @param executable ngspice command, e.g. {@code ngspice} (looked up on PATH) or an absolute path
   * @param timeout wall-time limit for one run; the process is killed after it
   * @param format rawfile format used between ngspice and this class
   * @param linearize when true, transient results are interpolated by ngspice onto the uniform grid of the
   *     {@code .tran} step ({@code linearize}); otherwise they are ngspice's accepted time points
   */
  public NgspiceRunner(String executable, Duration timeout, RawFormat format, boolean linearize) {
    this.executable = Objects.requireNonNull(executable, "executable");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.format = Objects.requireNonNull(format, "format");
    this.linearize = linearize;
  }

  /** {@code ngspice} from PATH, 10 minute timeout, binary rawfile, accepted time points. */
  public static NgspiceRunner defaults() {
    return new NgspiceRunner("ngspice", Duration.ofMinutes(10), RawFormat.BINARY, false);
  }

  /** This runner with another timeout. */
  public NgspiceRunner withTimeout(Duration newTimeout) {
    return new NgspiceRunner(executable, newTimeout, format, linearize);
  }

  /** This runner with ngspice's {@code linearize} on or off. */
  public NgspiceRunner withLinearize(boolean on) {
    return new NgspiceRunner(executable, timeout, format, on);
  }

  /** This runner with another rawfile format. */
  public NgspiceRunner withFormat(RawFormat newFormat) {
    return new NgspiceRunner(executable, timeout, newFormat, linearize);
  }

  /**
   * The ngspice version banner (e.g. {@code ngspice-39}), or empty when the executable cannot be started; in
   * that case {@link #unavailableReason()} says why.
   */
  public Optional<String> version() {
    return probe();
  }

  /** Why ngspice cannot be used, or empty when it can. */
  public Optional<String> unavailableReason() {
    Optional<String> v = probe();
    return v.isPresent() ? Optional.empty() : Optional.of("ngspice not installed (cannot run '" + executable + " -v')");
  }

  private Optional<String> probe() {
    try {
      Process p = new ProcessBuilder(executable, "-v").redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      Matcher m = Pattern.compile("ngspice-[0-9A-Za-z.+]+").matcher(new String(out, StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Runs ngspice on a netlist file. The netlist's directory is the working directory, so relative
   * {@code .include}s resolve as they would for ngspice itself.
   *
   * @param netlist SPICE netlist with exactly one analysis ({@code .tran} or {@code .dc}) and no {@code .control}
   * @return the result; never throws for peer problems (missing ngspice, failed analysis, timeout)
   * @throws IOException when the temporary directory cannot be created or the netlist does not exist
   */
  public Result run(Path netlist) throws IOException {
    return execute(netlist, true);
  }

  /**
   * Runs ngspice on a netlist without writing or parsing its results (ngspice keeps them in memory, as an
   * engine under test does), for timing. The returned result has no trace.
   *
   * @throws IOException when the temporary directory cannot be created or the netlist does not exist
   */
  public Result timeOnly(Path netlist) throws IOException {
    return execute(netlist, false);
  }

  /**
   * Wall time in seconds of an ngspice batch run of a netlist given as text ({@code ngspice} from PATH, results
   * not written), or empty, with the reason printed to standard error, when ngspice is missing or fails.
   */
  public static Optional<Double> time(String netlist, long timeoutSeconds) {
    NgspiceRunner r = new NgspiceRunner("ngspice", Duration.ofSeconds(timeoutSeconds), RawFormat.BINARY, false);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("ngspice-bench");
      Path cir = dir.resolve("run.cir");
      Files.writeString(cir, netlist, StandardCharsets.UTF_8);
      Result res = r.timeOnly(cir);
      if (!res.ok()) {
        System.err.println(res.failure());
        return Optional.empty();
      }
      return Optional.of(res.wallSeconds());
    } catch (IOException e) {
      System.err.println("cannot run ngspice: " + e.getMessage());
      return Optional.empty();
    } finally {
      if (dir != null) {
        try {
          deleteRecursively(dir);
        } catch (IOException e) {
          System.err.println("cannot delete " + dir + ": " + e.getMessage());
        }
      }
    }
  }

  private Result execute(Path netlist, boolean write) throws IOException {
    Path abs = netlist.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs)) {
      throw new IOException("netlist not found: " + netlist);
    }
    Path tmp = Files.createTempDirectory("neuristor-ngspice");
    try {
      Path raw = tmp.resolve("out.raw");
      Path driver = tmp.resolve("driver.ngspice");
      Path logFile = tmp.resolve("ngspice.log");
      String driverText = "* Neuristor batch driver\n.control\n"
          + "set filetype=" + (format == RawFormat.BINARY ? "binary" : "ascii") + "\n"
          + "source " + quote(abs.toString()) + "\n"
          + "run\n"
          + "rusage time traniter tranpoints\n"
          + (write && linearize ? "linearize\n" : "")
          + (write ? "write " + quote(raw.toString()) + "\n" : "")
          + "quit\n.endc\n.end\n";
      Files.writeString(driver, driverText, StandardCharsets.UTF_8);
      ProcessBuilder pb = new ProcessBuilder(executable, "-b", driver.toString())
          .directory(abs.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile());
      long t0 = System.nanoTime();
      Process proc;
      try {
        proc = pb.start();
      } catch (IOException e) {
        return failed("ngspice not installed (cannot start '" + executable + "': " + e.getMessage() + ")",
            Double.NaN, "");
      }
      boolean finished;
      try {
        finished = proc.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        proc.destroyForcibly();
        Thread.currentThread().interrupt();
        return failed("interrupted", Double.NaN, "");
      }
      double wall = (System.nanoTime() - t0) * 1e-9;
      if (!finished) {
        proc.destroyForcibly();
        return failed("ngspice timed out after " + timeout.toSeconds() + " s", wall, readLog(logFile));
      }
      String log = readLog(logFile);
      double analysis = ANALYSIS_TIME.matcher(log).results().mapToDouble(r -> Double.parseDouble(r.group(1)))
          .reduce((a, b) -> b).orElse(Double.NaN);
      long points = lastLong(TIME_POINTS, log);
      long iters = lastLong(ITERATIONS, log);
      Matcher fm = FAILURE.matcher(log);
      if (fm.find()) {
        return new Result(Optional.empty(), "ngspice failed: " + fm.group().trim(), wall, analysis, points, iters, log);
      }
      if (proc.exitValue() != 0 || (write && !Files.isRegularFile(raw))) {
        return new Result(Optional.empty(), "ngspice exited with status " + proc.exitValue() + " and no output",
            wall, analysis, points, iters, log);
      }
      Optional<Trace> trace = write ? Optional.of(readRaw(raw)) : Optional.empty();
      return new Result(trace, "", wall, analysis, points, iters, log);
    } finally {
      deleteRecursively(tmp);
    }
  }

  private static Result failed(String why, double wall, String log) {
    return new Result(Optional.empty(), why, wall, Double.NaN, -1, -1, log);
  }

  private static String quote(String path) {
    // ngspice's command parser splits on blanks; double quotes keep a path with blanks in one word.
    return path.indexOf(' ') >= 0 ? "\"" + path + "\"" : path;
  }

  private static long lastLong(Pattern p, String log) {
    return p.matcher(log).results().mapToLong(r -> Long.parseLong(r.group(1))).reduce((a, b) -> b).orElse(-1);
  }

  private static String readLog(Path logFile) throws IOException {
    return Files.isRegularFile(logFile) ? Files.readString(logFile, StandardCharsets.ISO_8859_1) : "";
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Parses the first plot of an ngspice rawfile (real data, ascii or binary) into a Trace whose axis is the
   * first vector (time or the sweep variable).
   *
   * @throws IOException on a malformed or complex-valued rawfile
   */
  public static Trace readRaw(Path raw) throws IOException {
    byte[] bytes = Files.readAllBytes(raw);
    int pos = 0;
    int nVars = -1;
    int nPoints = -1;
    List<String> names = new ArrayList<>();
    while (pos < bytes.length) {
      int end = pos;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      String line = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1);
      pos = Math.min(end + 1, bytes.length);
      if (line.startsWith("Flags:") && line.toLowerCase(Locale.ROOT).contains("complex")) {
        throw new IOException(raw + ": complex rawfiles (AC analysis) are not supported");
      } else if (line.startsWith("No. Variables:")) {
        nVars = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      } else if (line.startsWith("No. Points:")) {
        nPoints = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      } else if (line.startsWith("Variables:")) {
        if (nVars <= 0) {
          throw new IOException(raw + ": 'Variables:' before 'No. Variables:'");
        }
        for (int k = 0; k < nVars; k++) {
          int e = pos;
          while (e < bytes.length && bytes[e] != '\n') {
            e++;
          }
          String[] f = new String(bytes, pos, e - pos, StandardCharsets.ISO_8859_1).trim().split("\\s+");
          pos = Math.min(e + 1, bytes.length);
          if (f.length < 2) {
            throw new IOException(raw + ": bad variable line " + k);
          }
          names.add(spiceName(f[1]));
        }
      } else if (line.startsWith("Binary:") || line.startsWith("Values:")) {
        if (nVars <= 0 || nPoints < 0 || names.size() != nVars) {
          throw new IOException(raw + ": incomplete header");
        }
        double[][] cols = new double[nVars][nPoints];
        if (line.startsWith("Binary:")) {
          long need = 8L * nVars * nPoints;
          if (bytes.length - pos < need) {
            throw new IOException(raw + ": binary data truncated (" + (bytes.length - pos) + " of " + need + " bytes)");
          }
          ByteBuffer bb = ByteBuffer.wrap(bytes, pos, (int) need).order(ByteOrder.LITTLE_ENDIAN);
          for (int p = 0; p < nPoints; p++) {
            for (int k = 0; k < nVars; k++) {
              cols[k][p] = bb.getDouble();
            }
          }
        } else {
          String text = new String(bytes, pos, bytes.length - pos, StandardCharsets.ISO_8859_1);
          String[] tok = text.trim().split("\\s+");
          // Each point is "index value0" followed by nVars-1 values.
          int t = 0;
          for (int p = 0; p < nPoints; p++) {
            if (t + nVars + 1 > tok.length) {
              throw new IOException(raw + ": ascii data truncated at point " + p);
            }
            t++; // point index
            for (int k = 0; k < nVars; k++) {
              cols[k][p] = Double.parseDouble(tok[t++]);
            }
          }
        }
        Map<String, double[]> signals = new LinkedHashMap<>();
        for (int k = 1; k < nVars; k++) {
          signals.put(names.get(k), cols[k]);
        }
        return Trace.of(names.get(0), cols[0], signals);
      }
    }
    throw new IOException(raw + ": no data section");
  }

  /** ngspice rawfile vector name to Neuristor's convention (lower case, {@code i(v1)} for branch currents). */
  static String spiceName(String rawName) {
    String n = rawName.toLowerCase(Locale.ROOT);
    if (n.equals("v(v-sweep)")) {
      return "v-sweep";
    }
    if (n.endsWith("#branch")) {
      return "i(" + n.substring(0, n.length() - "#branch".length()) + ")";
    }
    return n;
  }
}
