package org.neuristor.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a sweep: the point index, its parameter values, its results (NaN: undefined), the
 * error message if the point failed (null when ok) and the wall time.
 */
public record PointResult(int index, Map<String, Double> params, Map<String, Double> results, String error,
    double wallSeconds) implements Serializable {

  public boolean ok() {
    return error == null;
  }

  /**
   * Runs point {@code index} of a spec; a failure (non-convergence, bad parameter values, any
   * exception of the job) is caught and recorded, never thrown.
   */
  public static PointResult evaluate(SweepSpec spec, int index) {
    Map<String, Double> params = spec.point(index);
    long t0 = System.nanoTime();
    Map<String, Double> out = new LinkedHashMap<>();
    String error = null;
    try {
      Map<String, Double> all = spec.job().run(params, spec.pointSeed(index));
      for (String r : spec.results()) {
        out.put(r, all.getOrDefault(r, Double.NaN));
      }
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String m = e.getMessage();
      error = (e instanceof org.neuristor.NeuristorException || m != null && e instanceof IllegalArgumentException)
          && m != null ? m : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
      out.clear();
    }
    return new PointResult(index, params, out, error, (System.nanoTime() - t0) / 1e9);
  }

  /** CSV columns of a spec's rows. */
  public static List<String> header(SweepSpec spec) {
    List<String> h = new java.util.ArrayList<>();
    h.add("point");
    h.addAll(spec.parameterNames());
    h.addAll(spec.results());
    h.add("status");
    h.add("error");
    h.add("wall_s");
    return h;
  }

  /** This row as one CSV line (with its newline); numbers round-trip exactly, NaN is an empty cell. */
  public String csvLine(SweepSpec spec) {
    StringBuilder sb = new StringBuilder();
    sb.append(index);
    for (String p : spec.parameterNames()) {
      sb.append(',').append(number(params.get(p)));
    }
    for (String r : spec.results()) {
      sb.append(',');
      if (ok()) {
        sb.append(number(results.get(r)));
      }
    }
    sb.append(',').append(ok() ? "ok" : "error").append(',');
    if (!ok()) {
      String e = error.replace('\n', ' ').replace('\r', ' ');
      sb.append('"').append(e.replace("\"", "\"\"")).append('"');
    }
    sb.append(',').append(number(Math.round(wallSeconds * 1e6) / 1e6)).append('\n');
    return sb.toString();
  }

  static String number(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "";
    }
    double d = v;
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** Parses a line written by {@link #csvLine}. */
  public static PointResult parse(SweepSpec spec, String line) {
    List<String> cells = split(line);
    List<String> h = header(spec);
    if (cells.size() != h.size()) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells, expected " + h.size());
    }
    int k = 0;
    int index = Integer.parseInt(cells.get(k++));
    Map<String, Double> params = new LinkedHashMap<>();
    for (String p : spec.parameterNames()) {
      params.put(p, cell(cells.get(k++)));
    }
    Map<String, Double> res = new LinkedHashMap<>();
    for (String r : spec.results()) {
      res.put(r, cell(cells.get(k++)));
    }
    boolean ok = cells.get(k++).equals("ok");
    String err = cells.get(k++);
    double wall = cell(cells.get(k));
    return new PointResult(index, params, ok ? res : new LinkedHashMap<>(), ok ? null : err, wall);
  }

  private static double cell(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  /** The cells of one CSV line as {@code ResultsLog} writes it (RFC 4180 quoting). */
  public static List<String> split(String line) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else if (c != '\n' && c != '\r') {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
