package org.neuristor.fit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.io.MeasuredData;
import org.neuristor.io.MeasuredData.Role;

/**
 * One measured file of a device: the applied voltage and the current per row (and the time of a
 * transient), in SI units, with the file's protocol and conditions.
 *
 * <p>Which rows are compared: every row whose applied voltage is at least 1 % of the file's largest
 * |V| (near zero bias the current is instrument offset and says nothing about the device on a
 * relative scale).
 *
 * @param spec the file, protocol and conditions as given
 * @param time sample times (s) of a transient, null for a DC sweep
 * @param voltage applied voltage (V) per row
 * @param current measured current (A) per row
 * @param lines file line of each row (for messages)
 * @param warnings what the reader skipped
 */
public record Measurement(DataSpec spec, double[] time, double[] voltage, double[] current, int[] lines,
    List<String> warnings) {

  /** Reads a file for a protocol; {@code columns} are user column names by role (may be empty). */
  public static Measurement read(DataSpec spec, Map<Role, String> columns) {
    boolean transient_ = spec.kind() == DataSpec.Kind.PULSE;
    MeasuredData d = transient_
        ? MeasuredData.read(Path.of(spec.file()), columns, true, Role.TIME, Role.VOLTAGE, Role.CURRENT)
        : MeasuredData.read(Path.of(spec.file()), columns, false, Role.VOLTAGE, Role.CURRENT);
    int n = d.rows();
    if (n < 3) {
      throw NeuristorException.input(spec.file() + ": " + n + " numeric row(s); a " + spec.kind().option()
          + " file needs at least 3");
    }
    int[] lines = new int[n];
    for (int k = 0; k < n; k++) {
      lines[k] = d.line(k);
    }
    Measurement m = new Measurement(spec, transient_ ? d.get(Role.TIME) : null, d.get(Role.VOLTAGE),
        d.get(Role.CURRENT), lines, d.warnings());
    if (m.maxAbsVoltage() == 0) {
      throw NeuristorException.input(spec.file() + ": the voltage column '" + d.columnName(Role.VOLTAGE)
          + "' is zero on every row; nothing was applied to the device");
    }
    return m;
  }

  /** A measurement from arrays (tests, synthetic data). */
  public static Measurement of(DataSpec spec, double[] time, double[] voltage, double[] current) {
    int[] lines = new int[voltage.length];
    for (int k = 0; k < lines.length; k++) {
      lines[k] = k + 1;
    }
    return new Measurement(spec, time, voltage, current, lines, List.of());
  }

  /** Short name for tables and plot files: the file name without directories. */
  public String name() {
    return Path.of(spec.file()).getFileName().toString();
  }

  public int rows() {
    return voltage.length;
  }

  public boolean isTransient() {
    return time != null;
  }

  public double maxAbsVoltage() {
    double m = 0;
    for (double v : voltage) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /**
   * Which rows are compared (|V| at least 1 % of the largest), in one pass over the rows: callers keep
   * the mask rather than ask row by row (asking for each row again scanned every row for the largest |V|,
   * quadratic in the rows: 177 s for a 200,000-row sweep).
   */
  public boolean[] comparedRows() {
    double min = 0.01 * maxAbsVoltage();
    boolean[] out = new boolean[voltage.length];
    for (int k = 0; k < voltage.length; k++) {
      out[k] = Math.abs(voltage[k]) >= min;
    }
    return out;
  }

  /** Number of true entries of a {@link #comparedRows} mask. */
  public static int count(boolean[] compared) {
    int n = 0;
    for (boolean c : compared) {
      n += c ? 1 : 0;
    }
    return n;
  }

  /**
   * The sweep as a fit sees it under {@code fit --max-rows}: every k-th row, k = ceil(rows / maxRows), from the first,
   * and the rows its features are read from ({@link IvFeatures}: both sides of its largest conductance rise and
   * fall, the row of its largest |V|, the first and the last of the up branch's low-bias rows, |V| up to 10 % of the
   * largest) and its last row, in order, each with its file line; as if the instrument had
   * saved only those. A transient (its samples set the simulation's time step) or a sweep of at most
   * {@code maxRows} rows is returned as it is.
   */
  public Measurement thinned(int maxRows) {
    if (isTransient() || rows() <= maxRows) {
      return this;
    }
    int step = (rows() + maxRows - 1) / maxRows;
    boolean[] keep = new boolean[rows()];
    for (int k = 0; k < rows(); k += step) {
      keep[k] = true;
    }
    keep[rows() - 1] = true;
    int peak = IvFeatures.peak(voltage);
    keep[peak] = true;
    // the first and the last low-bias row of the up branch: the model's low-bias resistance needs one at least
    int first = -1;
    int last = -1;
    for (int k = 0; k <= peak; k++) {
      if (voltage[k] != 0 && Math.abs(voltage[k]) <= 0.1 * Math.abs(voltage[peak])) {
        first = first < 0 ? k : first;
        last = k;
      }
    }
    if (first >= 0) {
      keep[first] = true;
      keep[last] = true;
    }
    for (IvFeatures.Step s : List.of(IvFeatures.rise(voltage, current), IvFeatures.fall(voltage, current))) {
      if (s.row() >= 0) {
        keep[s.row()] = true;
        keep[s.row() + 1] = true;
      }
    }
    int n = count(keep);
    double[] v = new double[n];
    double[] i = new double[n];
    int[] l = new int[n];
    int q = 0;
    for (int k = 0; k < rows(); k++) {
      if (keep[k]) {
        v[q] = voltage[k];
        i[q] = current[k];
        l[q++] = lines[k];
      }
    }
    return new Measurement(spec, null, v, i, l, warnings);
  }

  /** Current floor of the log comparison: 1e-3 of the median |I| of the compared rows (A). */
  public double currentFloor() {
    boolean[] compared = comparedRows();
    double[] a = new double[rows()];
    int n = 0;
    for (int k = 0; k < rows(); k++) {
      if (compared[k]) {
        a[n++] = Math.abs(current[k]);
      }
    }
    java.util.Arrays.sort(a, 0, n);
    return Math.max(1e-3 * (n == 0 ? 0 : a[n / 2]), 1e-15);
  }
}
