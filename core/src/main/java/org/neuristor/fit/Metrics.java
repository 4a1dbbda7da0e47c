package org.neuristor.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a model reproduces one measured file, measured and model side by side, with the same
 * definitions on both.
 *
 * <p>Every file: {@code rms_rel_err}, the RMS of i_model / i_meas - 1 over the compared rows
 * ({@link Measurement#compared}).
 *
 * <p>Transients, per pulse. The pulse level is the midpoint between the 5th percentile and the
 * largest |V|; a pulse is a run of rows above it, and its plateau the rows of the run within 3 % of the
 * run's median |V| (the samples on the rising and falling edges are left out: the instrument samples
 * them while the voltage moves). {@code start_s}, {@code end_s}: the first and last plateau samples.
 * End-of-pulse current: at the last plateau sample. Read currents: interpolated at end_s + 1 ms and
 * end_s + 20 ms, if that time is in the file, at the read level, and before the next pulse (otherwise
 * null with the reason). Direction of the current during the pulse: the sign of
 * i(end) - i(start), 0 when they differ by less than 0.5 %. Each quantity has {@code rel_err}
 * (model vs this pulse's measurement) and {@code rel_err_vs_mean} (model vs the mean of the file's
 * measured pulses, which is what the model is fitted to when a device does not repeat itself
 * exactly); the file's {@code pulse_mean} gives the means and the measured pulse-to-pulse spread
 * (max - min) / mean.
 *
 * <p>DC sweeps: {@link IvFeatures} V_th, V_hold and the low-bias resistance; a sweep that does not
 * switch has a null V_th with the reason.
 */
public final class Metrics {
  private Metrics() {}

  /** Pulses of a transient file: plateau start and end rows. */
  public record Pulse(int start, int end) {}

  /** The pulses of a measured transient (plateau rows). */
  public static List<Pulse> pulses(Measurement m) {
    double[] v = m.voltage();
    double[] a = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      a[k] = Math.abs(v[k]);
    }
    double[] s = a.clone();
    Arrays.sort(s);
    double lo = s[(int) (0.05 * (s.length - 1))];
    double hi = s[s.length - 1];
    double level = 0.5 * (lo + hi);
    List<Pulse> out = new ArrayList<>();
    if (!(hi > 1.2 * lo)) {
      return out;
    }
    int k = 0;
    while (k < a.length) {
      if (a[k] <= level) {
        k++;
        continue;
      }
      int from = k;
      while (k < a.length && a[k] > level) {
        k++;
      }
      double[] run = Arrays.copyOfRange(a, from, k);
      Arrays.sort(run);
      double med = run[run.length / 2];
      int first = -1;
      int last = -1;
      for (int q = from; q < k; q++) {
        if (Math.abs(a[q] - med) <= 0.03 * med) {
          if (first < 0) {
            first = q;
          }
          last = q;
        }
      }
      if (first >= 0 && last > first) {
        out.add(new Pulse(first, last));
      }
    }
    return out;
  }

  /** Delays after the end of a pulse at which the read current is reported (s). */
  static final double[] READ_DELAYS = {1e-3, 20e-3};

  /**
   * Rows around the read instants of each pulse: for pulse p and delay d, the time
   * {@code t_end + delay} if it is in the file, at the read level and before the next pulse,
   * otherwise NaN (with the reason in {@code why[p][d]} when {@code why} is not null).
   */
  static double[][] readTimes(Measurement m, List<Pulse> pulses, String[][] why) {
    double[] t = m.time();
    double[][] at = new double[pulses.size()][READ_DELAYS.length];
    for (int p = 0; p < pulses.size(); p++) {
      Pulse q = pulses.get(p);
      int next = p + 1 < pulses.size() ? pulses.get(p + 1).start() : m.rows();
      for (int d = 0; d < READ_DELAYS.length; d++) {
        double x = t[q.end()] + READ_DELAYS[d];
        int row = Arrays.binarySearch(t, x);
        int after = row >= 0 ? row : -row - 1;
        String delay = d == 0 ? "1 ms" : "20 ms";
        String reason = null;
        if (after >= m.rows()) {
          reason = "the file ends before end_s + " + delay;
        } else if (after >= next) {
          reason = "the next pulse starts before end_s + " + delay;
        } else if (Math.abs(m.voltage()[after]) > 0.5 * Math.abs(m.voltage()[q.end()])) {
          reason = "no read level at end_s + " + delay;
        }
        if (why != null) {
          why[p][d] = reason;
        }
        at[p][d] = reason == null ? x : Double.NaN;
      }
    }
    return at;
  }

  /** The metrics of a file as a JSON-ready map (measured vs model). */
  public static Map<String, Object> of(Measurement m, double[] model) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", m.spec().file());
    out.put("protocol", m.spec().kind().option());
    if (model == null) {
      out.put("error", "the simulation of this file failed");
      return out;
    }
    if (m.isTransient()) {
      pulseMetrics(m, model, out);
    } else {
      ivMetrics(m, model, out);
    }
    out.put("rms_rel_err", rmsRelErr(m, model));
    return out;
  }

  /** RMS of model/measured - 1 over the compared rows. */
  public static double rmsRelErr(Measurement m, double[] model) {
    double s = 0;
    int n = 0;
    double[] i = m.current();
    boolean[] compared = m.comparedRows();
    for (int k = 0; k < m.rows(); k++) {
      if (compared[k] && i[k] != 0) {
        double e = model[k] / i[k] - 1;
        s += e * e;
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.sqrt(s / n);
  }

  private static void ivMetrics(Measurement m, double[] model, Map<String, Object> out) {
    double[] v = m.voltage();
    double[] i = m.current();
    IvFeatures.Step rm = IvFeatures.rise(v, i);
    IvFeatures.Step rf = IvFeatures.rise(v, model);
    out.put("vth_V", pair(rm.switched() ? Math.abs(v[rm.row()]) : Double.NaN, rf.switched() ? Math.abs(v[rf.row()]) : Double.NaN,
        reason(rm, "up"), reason(rf, "up")));
    IvFeatures.Step fm = IvFeatures.fall(v, i);
    IvFeatures.Step ff = IvFeatures.fall(v, model);
    out.put("vhold_V", pair(fm.switched() ? Math.abs(v[fm.row()]) : Double.NaN, ff.switched() ? Math.abs(v[ff.row()]) : Double.NaN,
        reason(fm, "down"), reason(ff, "down")));
    out.put("r_low_bias_ohm", pair(IvFeatures.lowBiasResistance(v, i), IvFeatures.lowBiasResistance(v, model), null, null));
  }

  private static String reason(IvFeatures.Step s, String branch) {
    if (s.switched()) {
      return null;
    }
    return String.format(java.util.Locale.ROOT, "no switch on the %s branch: the largest conductance step between rows is x%.3g (a switch needs x%.0f)",
        branch, s.factor(), IvFeatures.JUMP);
  }

  private static Map<String, Object> pair(double measured, double model, String measuredReason, String modelReason) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("measured", finite(measured));
    p.put("model", finite(model));
    p.put("rel_err", Double.isFinite(measured) && Double.isFinite(model) && measured != 0 ? model / measured - 1 : null);
    if (measuredReason != null) {
      p.put("measured_reason", measuredReason);
    }
    if (modelReason != null) {
      p.put("model_reason", modelReason);
    }
    return p;
  }

  private static Object finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static void pulseMetrics(Measurement m, double[] model, Map<String, Object> out) {
    List<Pulse> pulses = pulses(m);
    double[] t = m.time();
    double[] i = m.current();
    String[] keys = {"end_of_pulse_current_A", "read_current_1ms_A", "read_current_20ms_A"};
    double[][] meas = new double[keys.length][pulses.size()];
    double[][] mod = new double[keys.length][pulses.size()];
    String[][] why = new String[keys.length][pulses.size()];
    int[][] sign = new int[2][pulses.size()];
    String[][] reasons = new String[pulses.size()][READ_DELAYS.length];
    double[][] readAt = readTimes(m, pulses, reasons);
    for (int p = 0; p < pulses.size(); p++) {
      Pulse q = pulses.get(p);
      meas[0][p] = i[q.end()];
      mod[0][p] = model[q.end()];
      for (int d = 0; d < READ_DELAYS.length; d++) {
        double at = readAt[p][d];
        why[d + 1][p] = reasons[p][d];
        meas[d + 1][p] = Double.isNaN(at) ? Double.NaN : interpolate(t, i, at);
        mod[d + 1][p] = Double.isNaN(at) ? Double.NaN : interpolate(t, model, at);
      }
      sign[0][p] = direction(i[q.start()], i[q.end()]);
      sign[1][p] = direction(model[q.start()], model[q.end()]);
    }
    List<Object> list = new ArrayList<>();
    double[] mean = new double[keys.length];
    for (int k = 0; k < keys.length; k++) {
      mean[k] = mean(meas[k]);
    }
    for (int p = 0; p < pulses.size(); p++) {
      Pulse q = pulses.get(p);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("start_s", t[q.start()]);
      e.put("end_s", t[q.end()]);
      e.put("level_V", m.voltage()[q.end()]);
      for (int k = 0; k < keys.length; k++) {
        Map<String, Object> c = pair(meas[k][p], mod[k][p], why[k][p], null);
        c.put("rel_err_vs_mean", Double.isFinite(mean[k]) && Double.isFinite(mod[k][p]) ? mod[k][p] / mean[k] - 1 : null);
        e.put(keys[k], c);
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("measured", sign[0][p]);
      s.put("model", sign[1][p]);
      e.put("current_change_sign", s);
      list.add(e);
    }
    out.put("pulses", list);
    Map<String, Object> summary = new LinkedHashMap<>();
    for (int k = 0; k < keys.length; k++) {
      Map<String, Object> c = pair(mean[k], mean(mod[k]), null, null);
      c.put("measured_spread", spread(meas[k]));
      summary.put(keys[k], c);
    }
    out.put("pulse_mean", summary);
  }

  private static int direction(double a, double b) {
    double d = Math.abs(b) - Math.abs(a);
    return Math.abs(d) < 0.005 * Math.abs(a) ? 0 : d > 0 ? 1 : -1;
  }

  static double interpolate(double[] x, double[] y, double at) {
    return org.neuristor.measure.Trace.interpolate(x, y, at);
  }

  private static double mean(double[] a) {
    double s = 0;
    int n = 0;
    for (double d : a) {
      if (Double.isFinite(d)) {
        s += d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  private static Object spread(double[] a) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : a) {
      if (Double.isFinite(d)) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    double m = mean(a);
    return Double.isFinite(m) && m != 0 && hi >= lo ? (hi - lo) / Math.abs(m) : null;
  }
}
