package org.neuristor.sweep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neuristor.NeuristorException;
import org.neuristor.io.AtomicFiles;

/**
 * The crash-safe results CSV of a sweep. Each finished point is appended as one whole line by a
 * single write on a file opened for appending, so a killed run leaves only whole rows (a torn last
 * line, possible only if the machine itself dies, is dropped on reopening). Reopening the same
 * output directory with the same spec resumes: the indices already present are skipped. A copy of
 * the spec next to the CSV guards against mixing two sweeps in one file. {@link #finish()} rewrites
 * the file atomically in point order.
 */
public final class ResultsLog implements AutoCloseable {
  private final SweepSpec spec;
  private final Path csv;
  private final FileChannel ch;
  private final Set<Integer> done = new TreeSet<>();

  private ResultsLog(SweepSpec spec, Path csv, FileChannel ch) {
    this.spec = spec;
    this.csv = csv;
    this.ch = ch;
  }

  /** The CSV of a spec in a directory: {@code <dir>/<name>.csv}. */
  public static Path csvPath(Path dir, SweepSpec spec) {
    return dir.resolve(spec.name() + ".csv");
  }

  /** Opens (creating or resuming) the results of {@code spec} in {@code dir}. */
  public static ResultsLog open(Path dir, SweepSpec spec) {
    try {
      Files.createDirectories(dir);
      Path copy = dir.resolve(spec.name() + ".spec.yaml");
      Path csv = csvPath(dir, spec);
      String header = String.join(",", PointResult.header(spec)) + "\n";
      if (Files.exists(copy) && !Files.readString(copy, StandardCharsets.UTF_8).equals(spec.text())) {
        throw NeuristorException.input(dir + " holds the results of a different " + spec.name()
            + " spec (" + copy.getFileName() + " differs); use another --out or delete that folder");
      }
      if (!Files.exists(copy)) {
        AtomicFiles.writeString(copy, spec.text());
      }
      Set<Integer> done = new TreeSet<>();
      if (Files.exists(csv)) {
        byte[] all = Files.readAllBytes(csv);
        String text = new String(all, StandardCharsets.UTF_8);
        int lastNl = text.lastIndexOf('\n');
        if (lastNl + 1 < text.length()) {
          // a torn last line: keep whole rows only
          try (FileChannel t = FileChannel.open(csv, StandardOpenOption.WRITE)) {
            t.truncate(text.substring(0, lastNl + 1).getBytes(StandardCharsets.UTF_8).length);
          }
          text = text.substring(0, lastNl + 1);
        }
        if (!text.isEmpty() && !text.startsWith(header)) {
          throw NeuristorException.input(csv + " has other columns than this spec (" + header.trim()
              + "); use another --out or delete it");
        }
        if (text.isEmpty()) {
          Files.writeString(csv, header, StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
          if (!lines[i].isEmpty()) {
            done.add(Integer.parseInt(lines[i].substring(0, lines[i].indexOf(','))));
          }
        }
      } else {
        AtomicFiles.writeString(csv, header);
      }
      FileChannel ch = FileChannel.open(csv, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      ResultsLog log = new ResultsLog(spec, csv, ch);
      log.done.addAll(done);
      return log;
    } catch (IOException e) {
      throw NeuristorException.input("cannot write results in " + dir + ": " + e.getMessage());
    }
  }

  public Path csv() {
    return csv;
  }

  /** Whether point {@code index} is already recorded. */
  public synchronized boolean done(int index) {
    return done.contains(index);
  }

  /** Number of recorded points. */
  public synchronized int count() {
    return done.size();
  }

  /** The indices still to run, ascending. */
  public synchronized List<Integer> pending() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < spec.size(); i++) {
      if (!done.contains(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Appends one point (ignored if that index is already recorded). */
  public synchronized void append(PointResult r) {
    appendLine(r.index(), r.csvLine(spec));
  }

  /** Appends a line produced by {@link PointResult#csvLine} elsewhere (e.g. on a Spark executor). */
  public synchronized void appendLine(int index, String line) {
    if (!done.add(index)) {
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    try {
      while (b.hasRemaining()) {
        ch.write(b);
      }
    } catch (IOException e) {
      throw new NeuristorException("cannot append to " + csv + ": " + e.getMessage(), 1);
    }
  }

  /** Reads all recorded rows, in point order. */
  public static List<PointResult> read(Path csv, SweepSpec spec) {
    try {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      Map<Integer, PointResult> rows = new LinkedHashMap<>();
      for (int i = 1; i < lines.size(); i++) {
        if (!lines.get(i).isEmpty()) {
          PointResult r = PointResult.parse(spec, lines.get(i));
          rows.putIfAbsent(r.index(), r);
        }
      }
      List<PointResult> out = new ArrayList<>(rows.values());
      out.sort(Comparator.comparingInt(PointResult::index));
      return out;
    } catch (IOException e) {
      throw NeuristorException.cannotRead("", csv, e);
    }
  }

  /** Rewrites the CSV atomically in point order and returns its rows. */
  public synchronized List<PointResult> finish() {
    List<PointResult> rows = read(csv, spec);
    StringBuilder sb = new StringBuilder(String.join(",", PointResult.header(spec))).append('\n');
    for (PointResult r : rows) {
      sb.append(r.csvLine(spec));
    }
    close();
    AtomicFiles.writeString(csv, sb.toString());
    return rows;
  }

  @Override
  public synchronized void close() {
    try {
      if (ch.isOpen()) {
        ch.close();
      }
    } catch (IOException e) {
      // nothing was pending: every append completed its write
    }
  }
}
