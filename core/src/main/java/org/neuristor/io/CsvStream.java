package org.neuristor.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import org.neuristor.measure.Trace;

/**
 * The CSV of a trace formatted while the trace is recorded: a {@link Trace.Rows} receiver that hands the recorder's
 * rows to a thread of its own, which formats the chosen signals into memory while the simulation goes on; once the
 * run is over, {@link #write} only writes those bytes. On two cores this takes the formatting (most of the cost of
 * a long trace's CSV) off the end of a run.
 *
 * <p>The file is the one {@link CsvWriter#write(Path, Trace)} writes for the finished trace, byte for byte (same
 * header, same number formatting, same code), and it is written the same way (atomically, {@link AtomicFiles}).
 * Whenever the formatted rows cannot serve, {@link #write} falls back to {@link CsvWriter#write(Path, Trace)}: a
 * non-finite value (which that method then reports, naming the signal and time, and no file is written), formatted
 * text beyond {@code maxBytes} (formatting stops and the memory is released), or a trace that is not the one
 * recorded here (other names, row count, or first and last rows).
 */
public final class CsvStream implements Trace.Rows {
  /** Bytes per buffer of formatted rows. */
  private static final int PART_BYTES = 1 << 20;

  private final UnaryOperator<List<String>> columns;
  private final long maxBytes;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private Thread formatter;
  private String axisName;
  /** The written signals, in order. */
  private List<String> names;
  /** Offsets (in strides) of the axis and the written signals in a recorded block. */
  private int[] at;

  // Written by the formatter thread, read after joining it.
  private final List<Part> parts = new ArrayList<>();
  private long bytes;
  private int formattedRows;
  private int builtRows = -1;
  private boolean usable = true;
  private double[] firstRow;
  private double[] lastRow;

  /** End of the recording: {@link #built} with this many rows. */
  private record End(int rows) {}

  /** Formatted rows: the first {@code length} bytes of {@code bytes}. */
  private record Part(byte[] bytes, int length) {}

  /** Rows [from, to) of a recorded block. */
  private record Block(double[] values, int stride, int from, int to) {}

  /**
   * @param columns picks the written signals, in the order written, from the recorded signal names (the axis comes
   *     first)
   * @param maxBytes formatted text held at most; beyond it the rows are written from the trace at the end
   */
  public CsvStream(UnaryOperator<List<String>> columns, long maxBytes) {
    this.columns = columns;
    this.maxBytes = maxBytes;
  }

  @Override
  public void start(String axisName, List<String> recorded) {
    if (formatter != null) {
      throw new IllegalStateException("a CsvStream receives one trace");
    }
    this.axisName = axisName;
    this.names = List.copyOf(columns.apply(recorded));
    this.at = new int[names.size() + 1];
    for (int k = 0; k < names.size(); k++) {
      int i = recorded.indexOf(names.get(k));
      if (i < 0) {
        throw new IllegalArgumentException("no recorded signal " + names.get(k) + " in " + recorded);
      }
      at[k + 1] = i + 1;
    }
    formatter = new Thread(this::format, "csv-stream");
    formatter.setDaemon(true);
    formatter.start();
  }

  @Override
  public void rows(double[] block, int stride, int from, int to) {
    if (formatter != null && from < to) {
      queue.add(new Block(block, stride, from, to));
    }
  }

  @Override
  public void built(int size) {
    if (formatter != null) {
      queue.add(new End(size));
    }
  }

  /** Stops the formatting thread (a run that failed); {@link #write} then writes from the trace. */
  public void cancel() {
    if (formatter != null) {
      formatter.interrupt();
    }
  }

  /** The formatting thread: formats the blocks in order until the end of the recording. */
  private void format() {
    try {
      byte[] buf = new byte[PART_BYTES];
      int pos = 0;
      int rowMax = CsvWriter.rowBytes(at.length);
      while (true) {
        Object o = queue.take();
        if (o instanceof End end) {
          builtRows = end.rows();
          break;
        }
        Block b = (Block) o;
        if (!usable) {
          continue;
        }
        if (firstRow == null) {
          firstRow = row(b, b.from());
        }
        for (int r = b.from(); r < b.to(); r++) {
          if (!finite(b.values(), b.stride(), r)) {
            usable = false;
            break;
          }
          if (pos + rowMax > buf.length) {
            parts.add(new Part(buf, pos));
            bytes += pos;
            buf = new byte[PART_BYTES];
            pos = 0;
          }
          pos = CsvWriter.formatRow(b.values(), b.stride(), at, r, buf, pos);
          formattedRows++;
        }
        if (bytes + pos > maxBytes) {
          usable = false;
        }
        if (usable) {
          lastRow = row(b, b.to() - 1);
        } else {
          parts.clear();
        }
      }
      if (usable) {
        parts.add(new Part(buf, pos));
      }
    } catch (InterruptedException e) {
      usable = false;
      parts.clear();
    }
  }

  /** Whether the axis and every written signal of row r are finite. */
  private boolean finite(double[] block, int stride, int r) {
    for (int k : at) {
      if (!Double.isFinite(block[k * stride + r])) {
        return false;
      }
    }
    return true;
  }

  /** The written values (axis first) of row r of a block. */
  private double[] row(Block b, int r) {
    double[] v = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      v[k] = b.values()[at[k] * b.stride() + r];
    }
    return v;
  }

  /** The written values (axis first) of row r of a trace holding the written signals. */
  private static double[] row(Trace t, int r) {
    List<String> ns = t.names();
    double[] v = new double[ns.size() + 1];
    v[0] = t.axis()[r];
    for (int k = 0; k < ns.size(); k++) {
      v[k + 1] = t.get(ns.get(k))[r];
    }
    return v;
  }

  /**
   * Writes the CSV of {@code trace} (the recorded trace with the written signals) to {@code target}: the rows
   * formatted while recording if they are this trace's, else as {@link CsvWriter#write(Path, Trace)} writes it.
   * Waits for the formatting thread to finish the last rows.
   */
  public Path write(Path target, Trace trace) {
    if (!ready(trace)) {
      return CsvWriter.write(target, trace);
    }
    return AtomicFiles.write(target, out -> {
      StringBuilder sb = new StringBuilder(64);
      List<String> header = new ArrayList<>(names.size() + 1);
      header.add(axisName);
      header.addAll(names);
      CsvWriter.appendHeader(sb, header);
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      for (Part p : parts) {
        out.write(p.bytes(), 0, p.length());
      }
    });
  }

  /** Whether the formatted rows are those of {@code trace} (after waiting for the formatting thread). */
  boolean ready(Trace trace) {
    if (formatter == null) {
      return false;
    }
    try {
      formatter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    int n = trace.size();
    return usable && builtRows == n && formattedRows == n && n > 0
        && trace.axisName().equals(axisName) && trace.names().equals(names)
        && Arrays.equals(row(trace, 0), firstRow) && Arrays.equals(row(trace, n - 1), lastRow);
  }
}
