package org.neuristor.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;

/** Reads a CSV with a header row whose first column is the axis (as {@link CsvWriter} writes it). */
public final class CsvReader {
  private CsvReader() {}

  public static Trace read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw NeuristorException.input("cannot read " + file + ": " + e.getMessage());
    }
  }

  public static Trace read(InputStream in, String name) {
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = r.readLine();
      if (header == null) {
        throw new NetlistException(name, 1, 1, "empty CSV file");
      }
      String[] cols = splitHeader(header);
      Trace.Builder b = new Trace.Builder(cols[0], List.of(cols).subList(1, cols.length));
      double[] row = new double[cols.length - 1];
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        if (cells.length != cols.length) {
          throw new NetlistException(name, lineNo, 1, "expected " + cols.length + " values, got " + cells.length);
        }
        double a = parse(cells[0], name, lineNo, 1);
        int col = cells[0].length() + 2;
        for (int k = 1; k < cells.length; k++) {
          row[k - 1] = parse(cells[k], name, lineNo, col);
          col += cells[k].length() + 1;
        }
        b.addRow(a, row);
      }
      return b.build();
    } catch (IOException e) {
      throw NeuristorException.input("cannot read " + name + ": " + e.getMessage());
    }
  }

  private static String[] splitHeader(String header) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out.toArray(new String[0]);
  }

  private static double parse(String s, String name, int line, int col) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new NetlistException(name, line, col, "bad number '" + s.trim() + "'");
    }
  }
}
