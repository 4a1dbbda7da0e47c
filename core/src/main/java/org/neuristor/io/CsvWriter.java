package org.neuristor.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;

/**
 * Writes traces and tables as comma-separated values (RFC 4180 quoting, {@code \n} line ends,
 * UTF-8), atomically via {@link AtomicFiles}.
 *
 * <p>A trace file has a header row naming the axis then the signals in ngspice style, e.g. {@code
 * time,v(out),i(v1)}, followed by one row per sample. Numbers are written with round-trip precision
 * ({@link Double#toString(double)} digits, so parsing gives back the identical double; integral
 * values below 2^53 are written without a fraction). Non-finite values are never written: a NaN or
 * infinity aborts the write with a {@link NeuristorException} (exit code 3, numerical) naming the
 * signal and axis value, and no file is produced.
 */
public final class CsvWriter {
  private static final double EXACT_LONG = 9.007199254740992E15; // 2^53

  private CsvWriter() {}

  /** Writes {@code trace} to {@code target}: header {@code axis,signal...}, one row per sample. */
  public static Path write(Path target, Trace trace) {
    List<String> names = trace.names();
    double[] axis = trace.axis();
    double[][] cols = new double[names.size()][];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = trace.get(names.get(k));
    }
    // Checked before writing anything so that the error names the first offending sample in time
    // order, and no temp file is created needlessly.
    for (int i = 0; i < axis.length; i++) {
      if (!Double.isFinite(axis[i])) {
        throw new NeuristorException(
            "cannot write " + target + ": axis " + trace.axisName() + " has non-finite value " + axis[i]
                + " at row " + (i + 1), 3);
      }
      for (int k = 0; k < cols.length; k++) {
        if (!Double.isFinite(cols[k][i])) {
          throw new NeuristorException(
              "cannot write " + target + ": signal " + names.get(k) + " is " + cols[k][i] + " at "
                  + trace.axisName() + "=" + axis[i], 3);
        }
      }
    }
    return AtomicFiles.write(target, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      StringBuilder sb = new StringBuilder(32 + 24 * (cols.length + 1));
      appendField(sb, trace.axisName());
      for (String n : names) {
        sb.append(',');
        appendField(sb, n);
      }
      sb.append('\n');
      w.append(sb);
      char[] buf = new char[sb.capacity()];
      for (int i = 0; i < axis.length; i++) {
        sb.setLength(0);
        appendNumber(sb, axis[i]);
        for (double[] c : cols) {
          sb.append(',');
          appendNumber(sb, c[i]);
        }
        sb.append('\n');
        // Copy through a reused char buffer: Writer.append(CharSequence) would build a String per row.
        int len = sb.length();
        if (len > buf.length) {
          buf = new char[2 * len];
        }
        sb.getChars(0, len, buf, 0);
        w.write(buf, 0, len);
      }
      w.flush();
    });
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
      for (int c = 0; c < header.size(); c++) {
        if (c > 0) {
          sb.append(',');
        }
        appendField(sb, header.get(c));
      }
      sb.append('\n');
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

  /** Appends a finite double with round-trip precision; integral values get no fraction. */
  static void appendNumber(StringBuilder sb, double v) {
    if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG) {
      if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
        sb.append("-0"); // keep the sign of negative zero so the round trip is bit exact
      } else {
        sb.append((long) v);
      }
    } else {
      sb.append(v);
    }
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
