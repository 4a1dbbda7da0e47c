package org.neuristor.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;

/**
 * Writes traces and tables as comma-separated values (RFC 4180 quoting, {@code \n} line ends,
 * UTF-8), atomically via {@link AtomicFiles}.
 *
 * <p>A trace file has a header row naming the axis then the signals in ngspice style, e.g. {@code
 * time,v(out),i(v1)}, followed by one row per sample. Numbers are written as the shortest decimal that
 * parses back to the identical double ({@link #format(double)}; integral values below 2^53 without a
 * fraction). Non-finite values are never written: a NaN or
 * infinity aborts the write with a {@link NeuristorException} (exit code 3, numerical) naming the
 * signal and axis value, and no file is produced.
 */
public final class CsvWriter {
  private static final double EXACT_LONG = 9.007199254740992E15; // 2^53

  private CsvWriter() {}

  /** Writes {@code trace} to {@code target}: header {@code axis,signal...}, one row per sample. */
  public static Path write(Path target, Trace trace) {
    List<String> names = trace.names();
    double[][] cols = new double[names.size() + 1][];
    cols[0] = trace.axis();
    for (int k = 0; k < names.size(); k++) {
      cols[k + 1] = trace.get(names.get(k));
    }
    // Checked before writing anything so that the error names the first offending sample in time
    // order, and no temp file is created needlessly.
    double[] axis = cols[0];
    for (int from = 0; from < axis.length; from += CHECK_ROWS) {
      int i = firstNonFinite(cols, from, Math.min(axis.length, from + CHECK_ROWS));
      if (i < 0) {
        continue;
      }
      if (!Double.isFinite(axis[i])) {
        throw new NeuristorException(
            "cannot write " + target + ": axis " + trace.axisName() + " has non-finite value " + axis[i]
                + " at row " + (i + 1), 3);
      }
      for (int k = 1; k < cols.length; k++) {
        if (!Double.isFinite(cols[k][i])) {
          throw new NeuristorException(
              "cannot write " + target + ": signal " + names.get(k - 1) + " is " + cols[k][i] + " at "
                  + trace.axisName() + "=" + axis[i], 3);
        }
      }
    }
    List<String> header = new java.util.ArrayList<>(names.size() + 1);
    header.add(trace.axisName());
    header.addAll(names);
    return writeNumbers(target, header, cols);
  }

  /**
   * Rows checked per call of {@link #firstNonFinite}: short calls, so that the JIT compiles it by its call count
   * early in a long trace (one loop over all rows, called once, stays interpreted for most of the rows).
   */
  private static final int CHECK_ROWS = 64;

  /** The first row in [from, to) holding a non-finite value in any column, or -1. */
  private static int firstNonFinite(double[][] cols, int from, int to) {
    for (int i = from; i < to; i++) {
      for (double[] col : cols) {
        if (!Double.isFinite(col[i])) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Writes numeric columns of equal length: the header row, then row i holds {@code columns[k][i]} of
   * every column, written like trace values ({@link #format(double)}: an integral value has no
   * fraction, so an int column stored as doubles reads as ints). The same bytes as
   * {@link #writeTable} with those numbers as cells, without a boxed cell per number: for large tables
   * such as spike lists.
   *
   * @throws NeuristorException (exit code 3) if a value is not finite
   */
  public static Path writeColumns(Path target, List<String> header, double[]... columns) {
    checkColumns(target.toString(), header, columns);
    return writeNumbers(target, header, columns);
  }

  /**
   * Writes numeric columns to a stream, the same bytes as {@link #writeColumns(Path, List, double[]...)}
   * writes to a file ({@code name} is used in the error message).
   *
   * @throws NeuristorException (exit code 3) if a value is not finite
   */
  public static void writeColumns(OutputStream out, String name, List<String> header, double[]... columns)
      throws IOException {
    checkColumns(name, header, columns);
    putRows(out, header, columns);
  }

  private static void checkColumns(String target, List<String> header, double[][] columns) {
    for (int k = 0; k < columns.length; k++) {
      if (columns[k].length != columns[0].length) {
        throw new IllegalArgumentException("columns of different lengths: " + columns[k].length + " and "
            + columns[0].length);
      }
      for (int i = 0; i < columns[k].length; i++) {
        if (!Double.isFinite(columns[k][i])) {
          String col = k < header.size() ? header.get(k) : "#" + (k + 1);
          throw new NeuristorException(
              "cannot write " + target + ": column " + col + " is " + columns[k][i] + " in row " + (i + 1), 3);
        }
      }
    }
  }

  private static Path writeNumbers(Path target, List<String> header, double[][] cols) {
    return AtomicFiles.write(target, out -> putRows(out, header, cols));
  }

  /** Appends the header row (fields quoted where needed) and its line end. */
  static void appendHeader(StringBuilder sb, List<String> header) {
    for (int c = 0; c < header.size(); c++) {
      if (c > 0) {
        sb.append(',');
      }
      appendField(sb, header.get(c));
    }
    sb.append('\n');
  }

  private static void putRows(OutputStream out, List<String> header, double[][] cols) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    appendHeader(sb, header);
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    // Numbers are ASCII: rows go straight into byte buffers (no char encoding, no String per row).
    int rows = cols.length == 0 ? 0 : cols[0].length;
    if (rows < PARALLEL_ROWS || Runtime.getRuntime().availableProcessors() < 2) {
      byte[] buf = new byte[blockBytes(cols.length)];
      for (int from = 0; from < rows; from += BLOCK_ROWS) {
        out.write(buf, 0, formatRows(cols, from, Math.min(rows, from + BLOCK_ROWS), buf));
      }
      return;
    }
    writeRowsInParallel(out, cols, rows);
  }

  /** Rows formatted per block (the buffer of one block: {@link #blockBytes}). */
  private static final int BLOCK_ROWS = 2048;
  /** From this many rows on, a second thread formats every other block (the same bytes, in order). */
  static final int PARALLEL_ROWS = 8 * BLOCK_ROWS;

  /** Bytes a block of rows of {@code columns} numbers can take (a number takes at most 25 characters). */
  private static int blockBytes(int columns) {
    return BLOCK_ROWS * rowBytes(columns);
  }

  /** Bytes a row of {@code columns} numbers can take. */
  static int rowBytes(int columns) {
    return 26 * columns + 1;
  }

  /** Formats rows [from, to) into buf from 0 ({@code a,b,c\n} per row); returns the length. */
  private static int formatRows(double[][] cols, int from, int to, byte[] buf) {
    int pos = 0;
    int prev = -1;
    for (int i = from; i < to; i++) {
      int start = pos;
      pos = formatRow(cols, i, buf, pos, prev);
      prev = start;
    }
    return pos;
  }

  /**
   * Formats row i at pos (the row above starts at {@code prev}, -1 if it is not in buf); a method of its own so
   * that it is compiled by its call count early in a long trace. A first cell equal bit for bit to the row
   * above's is copied from it rather than formatted again: a spike list's time column repeats a step's time for
   * every neuron that fired in it (COBA: 80,000 rows, 10,000 distinct times).
   */
  private static int formatRow(double[][] cols, int i, byte[] buf, int pos, int prev) {
    double[] first = cols[0];
    if (prev >= 0 && Double.doubleToRawLongBits(first[i]) == Double.doubleToRawLongBits(first[i - 1])) {
      for (int p = prev; buf[p] != ',' && buf[p] != '\n'; p++) {
        buf[pos++] = buf[p];
      }
    } else {
      pos = putNumber(buf, pos, first[i]);
    }
    for (int k = 1; k < cols.length; k++) {
      buf[pos++] = ',';
      pos = putNumber(buf, pos, cols[k][i]);
    }
    buf[pos++] = '\n';
    return pos;
  }

  /**
   * Formats row r of a block laid out as {@link Trace.Builder} stores rows (value k of row r at
   * {@code block[k * stride + r]}): the values at offsets {@code at[0] * stride}, {@code at[1] * stride}, ... in that
   * order, as {@link #formatRow(double[][], int, byte[], int, int)} formats a row of columns. Returns the new position.
   */
  static int formatRow(double[] block, int stride, int[] at, int r, byte[] buf, int pos) {
    for (int k = 0; k < at.length; k++) {
      if (k > 0) {
        buf[pos++] = ',';
      }
      pos = putNumber(buf, pos, block[at[k] * stride + r]);
    }
    buf[pos++] = '\n';
    return pos;
  }

  /** A block formatted by the helper thread, or what it failed with. */
  private record Block(byte[] bytes, int length, Throwable failure) {}

  /**
   * Writes the rows with a helper thread formatting the odd blocks while this one formats and writes the even
   * ones, then writes the helper's next block: the same bytes in the same order as one thread, in about half
   * the wall time on two idle cores (formatting is most of the cost of writing a long trace). At most a few
   * blocks wait in memory; the helper is a daemon and is interrupted if the write fails.
   */
  private static void writeRowsInParallel(OutputStream out, double[][] cols, int rows) throws IOException {
    int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    int size = blockBytes(cols.length);
    BlockingQueue<Block> ready = new ArrayBlockingQueue<>(2);
    Thread helper = new Thread(() -> {
      try {
        for (int b = 1; b < blocks; b += 2) {
          byte[] buf = new byte[size];
          int len = formatRows(cols, b * BLOCK_ROWS, Math.min(rows, (b + 1) * BLOCK_ROWS), buf);
          ready.put(new Block(buf, len, null));
        }
      } catch (InterruptedException e) {
        // the writer gave up
      } catch (RuntimeException | Error e) {
        ready.offer(new Block(null, 0, e));
      }
    }, "csv-format");
    helper.setDaemon(true);
    helper.start();
    try {
      byte[] buf = new byte[size];
      for (int b = 0; b < blocks; b++) {
        if (b % 2 == 0) {
          out.write(buf, 0, formatRows(cols, b * BLOCK_ROWS, Math.min(rows, (b + 1) * BLOCK_ROWS), buf));
        } else {
          Block blk = ready.take();
          if (blk.failure() != null) {
            throw new IllegalStateException("formatting CSV rows failed", blk.failure());
          }
          out.write(blk.bytes(), 0, blk.length());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing CSV", e);
    } finally {
      helper.interrupt();
    }
  }

  /**
   * Writes a generic table. Cells may be numbers (finite; written like trace values), {@code null}
   * (empty cell), or anything else (written via {@code toString()}, quoted when it contains a comma,
   * quote, or line break).
   *
   * @throws NeuristorException (exit code 3) if a cell holds a non-finite floating-point number
   */
  public static Path writeTable(Path target, List<String> header, List<? extends List<?>> rows) {
    for (int r = 0; r < rows.size(); r++) {
      List<?> row = rows.get(r);
      for (int c = 0; c < row.size(); c++) {
        if (row.get(c) instanceof Number num && !Double.isFinite(num.doubleValue())) {
          String col = c < header.size() ? header.get(c) : "#" + (c + 1);
          throw new NeuristorException(
              "cannot write " + target + ": column " + col + " is " + num + " in row " + (r + 1), 3);
        }
      }
    }
    return AtomicFiles.write(target, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      StringBuilder sb = new StringBuilder(256);
      appendHeader(sb, header);
      w.append(sb);
      for (List<?> row : rows) {
        sb.setLength(0);
        for (int c = 0; c < row.size(); c++) {
          if (c > 0) {
            sb.append(',');
          }
          appendCell(sb, row.get(c));
        }
        sb.append('\n');
        w.append(sb);
      }
      w.flush();
    });
  }

  /**
   * The shortest decimal that parses back to exactly {@code v} (Schubfach, the algorithm of the JDK 19+
   * {@code Double.toString}, via jackson-core's port); integral values below 2^53 get no fraction, and
   * negative zero is {@code -0} so the round trip is bit exact.
   */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG) {
      if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
        return "-0";
      }
      return Long.toString((long) v);
    }
    return DoubleToDecimal.toString(v);
  }

  /** Appends a finite double as {@link #format(double)} does. */
  static void appendNumber(StringBuilder sb, double v) {
    sb.append(format(v));
  }

  /** Writes {@link #format(double)} of v as ASCII into buf at pos; returns the new position. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII
  private static int putNumber(byte[] buf, int pos, double v) {
    if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) {
      long l = (long) v;
      if (l < 0) {
        buf[pos++] = '-';
        l = -l;
      }
      int start = pos;
      do {
        buf[pos++] = (byte) ('0' + (int) (l % 10));
        l /= 10;
      } while (l != 0);
      for (int a = start, b = pos - 1; a < b; a++, b--) {
        byte t = buf[a];
        buf[a] = buf[b];
        buf[b] = t;
      }
      return pos;
    }
    String s = format(v);
    int len = s.length();
    s.getBytes(0, len, buf, pos); // ASCII: the low byte of each char, one array copy
    return pos + len;
  }

  private static void appendCell(StringBuilder sb, Object cell) {
    if (cell == null) {
      return;
    }
    if (cell instanceof Double || cell instanceof Float) {
      appendNumber(sb, ((Number) cell).doubleValue());
    } else if (cell instanceof Number || cell instanceof Boolean) {
      sb.append(cell);
    } else {
      appendField(sb, cell.toString());
    }
  }

  /** Appends a text field, quoting it per RFC 4180 when needed. */
  static void appendField(StringBuilder sb, String s) {
    boolean quote = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }

}
