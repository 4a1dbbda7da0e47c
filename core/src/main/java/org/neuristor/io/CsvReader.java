package org.neuristor.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;

/**
 * Reads numeric tables into {@link Trace}s.
 *
 * <p>{@link #read(Path)} reads the CSV files {@link CsvWriter} writes (and those of most other
 * tools): a required header row whose first column names the axis and whose other columns name the
 * signals, then one row of finite numbers per sample. Blank lines are ignored. {@link
 * #readColumns(InputStream, String, List)} reads header-less whitespace-separated columns, such as
 * ngspice's {@code wrdata} output.
 *
 * <p>Every problem is reported as a {@link NetlistException} located at {@code file:line:col}
 * (1-based); the column is the character position where the offending field starts.
 */
public final class CsvReader {
  private CsvReader() {}

  /** Reads a CSV trace file. */
  public static Trace read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw NeuristorException.cannotRead("", file, e);
    }
  }

  /**
   * Reads a CSV trace from a stream (UTF-8).
   *
   * @param name the file name used in error messages
   */
  public static Trace read(InputStream in, String name) {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    try {
      String line;
      int lineNo = 0;
      List<String> header = null;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1); // byte-order mark written by some spreadsheet programs
        }
        if (!line.isBlank()) {
          header = parseHeader(line, name, lineNo);
          break;
        }
      }
      if (header == null) {
        throw new NetlistException(name, Math.max(lineNo, 1), 1, "empty file: expected a header row such as time,v(out)");
      }
      if (header.size() < 1) {
        throw new NetlistException(name, lineNo, 1, "header has no columns");
      }
      Set<String> seen = new HashSet<>();
      for (String h : header) {
        if (h.isBlank()) {
          throw new NetlistException(name, lineNo, 1, "header has an empty column name");
        }
        if (!seen.add(h.toLowerCase())) {
          throw new NetlistException(name, lineNo, 1, "duplicate column '" + h + "' in header");
        }
      }
      if (isNumber(header.get(0))) {
        throw new NetlistException(name, lineNo, 1,
            "expected a header row naming the columns (e.g. time,v(out)), found number '" + header.get(0) + "'");
      }
      int ncol = header.size();
      Trace.Builder b = new Trace.Builder(header.get(0), header.subList(1, ncol));
      double[] row = new double[ncol - 1];
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int pos = 0;
        int len = line.length();
        double axisValue = 0;
        for (int c = 0; c < ncol; c++) {
          if (pos > len) {
            throw new NetlistException(name, lineNo, len + 1,
                "expected " + ncol + " columns, found " + c);
          }
          int end = line.indexOf(',', pos);
          if (end < 0) {
            end = len;
          }
          double v = parse(line, pos, end, name, lineNo, header.get(c));
          if (c == 0) {
            axisValue = v;
          } else {
            row[c - 1] = v;
          }
          pos = end + 1;
        }
        if (pos <= len) {
          throw new NetlistException(name, lineNo, pos + 1, "expected " + ncol + " columns, found more");
        }
        b.addRow(axisValue, row);
      }
      return b.build();
    } catch (IOException e) {
      throw NeuristorException.input("cannot read " + name + ": " + e.getMessage());
    }
  }

  /**
   * {@link #readColumns(InputStream, String, List)} with {@code <stream>} as the name in error
   * messages; the overload the output API promises to callers that have no file name.
   */
  public static Trace readColumns(InputStream in, List<String> names) {
    return readColumns(in, "<stream>", names);
  }

  /**
   * Reads whitespace-separated numeric columns without a header, as written by ngspice's {@code
   * wrdata}. {@code names} names the axis first and then the signals. Two layouts are accepted:
   *
   * <ul>
   *   <li>{@code names.size()} columns: axis then one column per signal (ngspice with {@code set
   *       wr_singlescale});
   *   <li>{@code 2 * (names.size() - 1)} columns: ngspice's default {@code x1 y1 x2 y2 ...}, where the
   *       scale is repeated before every vector; the repeats must equal the first column.
   * </ul>
   *
   * Lines that are blank or start with {@code #} or {@code *} are skipped.
   *
   * @param name the file name used in error messages
   */
  public static Trace readColumns(InputStream in, String name, List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("names must contain at least the axis name");
    }
    int nsig = names.size() - 1;
    Trace.Builder b = new Trace.Builder(names.get(0), names.subList(1, names.size()));
    double[] row = new double[nsig];
    double[] fields = new double[2 * Math.max(nsig, 1) + names.size()];
    int[] starts = new int[fields.length];
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    int layoutColumns = -1;
    try {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        int len = line.length();
        int pos = skipSpace(line, 0);
        if (pos == len || line.charAt(pos) == '#' || line.charAt(pos) == '*') {
          continue;
        }
        int n = 0;
        while (pos < len) {
          int end = pos;
          while (end < len && !Character.isWhitespace(line.charAt(end))) {
            end++;
          }
          if (n == fields.length) {
            throw new NetlistException(name, lineNo, pos + 1, tooMany(names, n + 1));
          }
          starts[n] = pos;
          fields[n++] = parse(line, pos, end, name, lineNo, "column " + (n));
          pos = skipSpace(line, end);
        }
        if (layoutColumns < 0) {
          if (n == names.size() || (nsig > 1 && n == 2 * nsig)) {
            layoutColumns = n;
          } else {
            throw new NetlistException(name, lineNo, len + 1, tooMany(names, n));
          }
        } else if (n != layoutColumns) {
          throw new NetlistException(name, lineNo, len + 1,
              "expected " + layoutColumns + " columns like the first data line, found " + n);
        }
        if (layoutColumns == names.size()) {
          System.arraycopy(fields, 1, row, 0, nsig);
        } else {
          for (int k = 0; k < nsig; k++) {
            double scale = fields[2 * k];
            if (scale != fields[0]) {
              throw new NetlistException(name, lineNo, starts[2 * k] + 1,
                  "scale column " + (2 * k + 1) + " (" + scale + ") differs from column 1 (" + fields[0]
                      + "); vectors with different scales cannot share one trace");
            }
            row[k] = fields[2 * k + 1];
          }
        }
        b.addRow(fields[0], row);
      }
      return b.build();
    } catch (IOException e) {
      throw NeuristorException.input("cannot read " + name + ": " + e.getMessage());
    }
  }

  private static String tooMany(List<String> names, int n) {
    int nsig = names.size() - 1;
    return "expected " + names.size() + " columns (" + String.join(" ", names) + ")"
        + (nsig > 1 ? " or " + 2 * nsig + " (ngspice wrdata scale/value pairs)" : "") + ", found " + n;
  }

  private static int skipSpace(String s, int pos) {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static double parse(String line, int start, int end, String file, int lineNo, String column) {
    int a = start;
    int z = end;
    while (a < z && line.charAt(a) == ' ') {
      a++;
    }
    while (z > a && line.charAt(z - 1) == ' ') {
      z--;
    }
    if (a == z) {
      throw new NetlistException(file, lineNo, start + 1, "empty value in column " + column);
    }
    String s = line.substring(a, z);
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new NetlistException(file, lineNo, a + 1, "not a number in column " + column + ": '" + s + "'");
    }
    if (!Double.isFinite(v)) {
      throw new NetlistException(file, lineNo, a + 1, "non-finite value '" + s + "' in column " + column);
    }
    return v;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Splits a header line on commas, honouring RFC 4180 double quotes. */
  /**
   * Reads a quoted cell whose opening quote precedes {@code i} into {@code cur} ({@code ""} is one
   * quote) and returns the index after the closing quote; a line that ends first is an error
   * {@code unterminated} at column {@code start + 1}.
   */
  static int quoted(String line, int i, StringBuilder cur, String file, int lineNo, int start, String unterminated) {
    int len = line.length();
    while (true) {
      if (i >= len) {
        throw new NetlistException(file, lineNo, start + 1, unterminated);
      }
      char ch = line.charAt(i++);
      if (ch == '"') {
        if (i < len && line.charAt(i) == '"') {
          cur.append('"');
          i++;
        } else {
          return i;
        }
      } else {
        cur.append(ch);
      }
    }
  }

  private static List<String> parseHeader(String line, String file, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int len = line.length();
    while (true) {
      cur.setLength(0);
      int fieldStart = i;
      if (i < len && line.charAt(i) == '"') {
        i = quoted(line, i + 1, cur, file, lineNo, fieldStart, "unterminated quoted column name");
        if (i < len && line.charAt(i) != ',') {
          throw new NetlistException(file, lineNo, i + 1, "unexpected character after quoted column name");
        }
      } else {
        while (i < len && line.charAt(i) != ',') {
          cur.append(line.charAt(i++));
        }
      }
      out.add(cur.toString().trim());
      if (i >= len) {
        return out;
      }
      i++; // skip the comma
    }
  }
}
