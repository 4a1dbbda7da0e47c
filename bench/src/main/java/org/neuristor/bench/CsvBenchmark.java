package org.neuristor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neuristor.measure.Trace;
import org.neuristor.io.CsvReader;
import org.neuristor.io.CsvWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of trace CSV output and input: a 1 000 000-row trace with a time axis and three
 * signals of simulation-like (full-precision, non-integral) values, written atomically to a temp
 * directory and read back. Reported per call; divide by 4 000 000 for the cost per number.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CsvBenchmark {
  private Trace trace;
  private Path dir;
  private Path written;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SplittableRandom rng = new SplittableRandom(42);
    Trace.Builder b = new Trace.Builder("time", List.of("v(m)", "v(out)", "i(v1)"));
    double t = 0;
    for (int i = 0; i < 1_000_000; i++) {
      t += 1e-9 * (0.5 + rng.nextDouble());
      b.add(t, rng.nextDouble(), Math.sin(t * 1e6), -1e-6 * rng.nextDouble());
    }
    trace = b.build();
    dir = Files.createTempDirectory("neuristor-csv-bench");
    written = dir.resolve("read.csv");
    CsvWriter.write(written, trace);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  public Path write1M() {
    return CsvWriter.write(dir.resolve("write.csv"), trace);
  }

  @Benchmark
  public Trace read1M() {
    return CsvReader.read(written);
  }
}
