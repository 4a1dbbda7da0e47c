package org.neuristor.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;

/**
 * CSV output: traces (the axis column, then one column per signal, named as ngspice names them:
 * {@code time,v(out),i(v1)}) and generic tables. Numbers round-trip exactly; a non-finite value is
 * refused with an error naming the signal and position, and nothing is written.
 */
public final class CsvWriter {
  private CsvWriter() {}

  public static void write(Path file, Trace trace) {
    List<String> names = trace.names();
    double[][] cols = new double[names.size()][];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = trace.get(names.get(k));
      for (int i = 0; i < cols[k].length; i++) {
        if (!Double.isFinite(cols[k][i])) {
          throw new NeuristorException("signal " + names.get(k) + " is " + cols[k][i] + " at " + trace.axisName()
              + " = " + trace.axis()[i] + "; no CSV written", 3);
        }
      }
    }
    double[] axis = trace.axis();
    AtomicFiles.write(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      StringBuilder sb = new StringBuilder(256);
      sb.append(quote(trace.axisName()));
      for (String n : names) {
        sb.append(',').append(quote(n));
      }
      sb.append('\n');
      w.write(sb.toString());
      for (int i = 0; i < axis.length; i++) {
        sb.setLength(0);
        sb.append(axis[i]);
        for (double[] c : cols) {
          sb.append(',').append(c[i]);
        }
        sb.append('\n');
        w.write(sb.toString());
      }
      w.flush();
    });
  }

  /** A table of numbers and strings; strings with commas, quotes or newlines are quoted. */
  public static void writeTable(Path file, List<String> header, List<? extends List<?>> rows) {
    AtomicFiles.write(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(line(header));
      for (List<?> r : rows) {
        if (r.size() != header.size()) {
          throw new IOException("row has " + r.size() + " cells, header has " + header.size());
        }
        w.write(line(r));
      }
      w.flush();
    });
  }

  private static String line(List<?> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object c = cells.get(i);
      sb.append(c instanceof Number ? c.toString() : quote(String.valueOf(c)));
    }
    return sb.append('\n').toString();
  }

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
