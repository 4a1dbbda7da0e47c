package org.neuristor.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a page shows for one result, sent to the browser as JSON: plot panels, a table of values,
 * the CLI command that reproduces the result, and the netlist (or model file, or spec) behind it.
 *
 * @param title heading of the result
 * @param panels plots, top to bottom
 * @param values named results (spike features, thresholds, ...); numbers in SI units, keys as in the
 *     CLI's {@code --json}
 * @param command the {@code ./neuristor ...} command line that reproduces this result
 * @param netlist the netlist that ran (or the model file / sweep spec, see {@code netlistLabel})
 * @param netlistLabel what {@code netlist} is: "netlist", "model file", "sweep spec", ...
 * @param csvName file name of the CSV download: the name given ({@code lif.fi.csv}, naming the circuit or device and
 *     the kind of run) with a digest of the run added ({@link #runName}); null when the result has no CSV (a
 *     results folder without one), and the page then offers no download
 * @param images images of a results folder, as paths relative to the output folder
 */
record View(String title, List<Panel> panels, Map<String, Object> values, String command, String netlist,
    String netlistLabel, String csvName, List<String> images) {

  View {
    csvName = csvName == null ? null : runName(csvName, command, netlist);
  }

  /**
   * {@code stem.csv} named by its run: {@code stem-DIGEST.csv}, DIGEST the first 8 hex digits of the SHA-256 of the
   * command and the netlist (or model card, model file, spec) that reproduce it. Two runs that differ in a parameter,
   * the stimulus or an uploaded file get different names, so a second download never overwrites the first in the
   * user's folder or in {@code OUT/studio/}; the same run again gets the same name (and the same numbers).
   */
  static String runName(String csvName, String command, String netlist) {
    int dot = csvName.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? csvName.length() - 4 : csvName.length();
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest((command + "\n" + netlist)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return csvName.substring(0, dot) + "-" + java.util.HexFormat.of().formatHex(h, 0, 4) + ".csv";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  /**
   * One plot.
   *
   * @param kind {@code line}, {@code points}, {@code bars} (a histogram: x holds bin edges) or
   *     {@code heatmap}
   * @param markers vertical lines at x positions (e.g. V_th and V_hold on an I-V plot)
   * @param heat the grid of a heat map, else null
   */
  record Panel(String label, String xLabel, String yLabel, String kind, boolean logX, boolean logY,
      List<Series> series, List<Marker> markers, Heat heat) {
    static Panel line(String label, String xLabel, String yLabel, List<Series> series) {
      return new Panel(label, xLabel, yLabel, "line", false, false, series, List.of(), null);
    }
  }

  /**
   * A series: x and y in SI units (single precision is plenty for the screen); a y that is not
   * finite (no value, e.g. no threshold found) is sent as null and drawn as a gap.
   */
  record Series(String name, float[] x, Float[] y) {
    static Series of(String name, double[] x, double[] y) {
      float[] fx = new float[x.length];
      Float[] fy = new Float[y.length];
      for (int i = 0; i < x.length; i++) {
        fx[i] = (float) x[i];
      }
      for (int i = 0; i < y.length; i++) {
        fy[i] = Double.isFinite(y[i]) ? (float) y[i] : null;
      }
      return new Series(name, fx, fy);
    }
  }

  /** A labelled vertical line. */
  record Marker(String label, double x) {}

  /** A heat map: z[j][i] at (x[i], y[j]); NaN cells are empty. */
  record Heat(double[] x, double[] y, double[][] z, String zLabel) {}

  /** Writes the result's data as CSV (the same columns the CLI writes) and returns the file. */
  @FunctionalInterface
  interface Csv {
    Path write(Path file);
  }
}
