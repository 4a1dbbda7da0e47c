package org.neuristor.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.DcSweep;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.ComplianceLimiter;

/**
 * A measurement protocol simulated with the circuit engine: the device (terminals {@code a},
 * {@code 0}) driven by a voltage source through the source's series resistance (and current
 * compliance), exactly as it was measured.
 *
 * <ul>
 *   <li>{@link #dcSweep}: a DC sweep through the measured voltages in row order; every point starts
 *       from the previous one's solution (the device's state and hysteresis memory carry along), so
 *       the rows' order is the sweep direction;
 *   <li>{@link #transient_}: the measured voltage column as a piecewise-linear source (corners kept
 *       where the waveform leaves a straight line by more than 0.2 % of its largest |V|), a transient
 *       from the device's initial state, and the current at every sample time.
 * </ul>
 *
 * Everything that depends on the data alone (the stimulus, what a fit compares the model with: {@link FileTarget})
 * is computed once, when the protocol is made; a fit's stages share the protocols of its files.
 */
public final class Protocol {
  private final Measurement data;
  private final double[] pwlTimes;
  private final double[] pwlValues;
  private final FileTarget target;

  private Protocol(Measurement data, Measurement all) {
    this.data = data;
    this.target = new FileTarget(data, all);
    if (data.isTransient()) {
      int[] keep = corners(data.time(), data.voltage(), 2e-3 * data.maxAbsVoltage());
      pwlTimes = new double[keep.length];
      pwlValues = new double[keep.length];
      for (int k = 0; k < keep.length; k++) {
        pwlTimes[k] = data.time()[keep[k]];
        pwlValues[k] = data.voltage()[keep[k]];
      }
    } else {
      pwlTimes = null;
      pwlValues = null;
    }
  }

  /** The protocol of a measurement (DC sweep or transient, from the data). */
  public static Protocol of(Measurement m) {
    return new Protocol(m, m);
  }

  /**
   * The protocol of a measurement simulated on at most about {@code maxRows} of its rows ({@link Measurement#thinned};
   * a transient, or a sweep that is not longer, on every row), compared with what every row of it says
   * ({@link FileTarget}).
   */
  public static Protocol thinned(Measurement m, int maxRows) {
    return new Protocol(m.thinned(maxRows), m);
  }

  public Measurement data() {
    return data;
  }

  /** What the fit compares this file's model currents with, read off the data once. */
  FileTarget target() {
    return target;
  }

  /** Number of corners of the piecewise-linear stimulus (transients). */
  public int stimulusCorners() {
    return pwlTimes == null ? 0 : pwlTimes.length;
  }

  /**
   * Simulates the protocol.
   *
   * @param type device type
   * @param params resolved device parameters
   * @param seriesOhm resistance between source and device (0: none)
   * @param complianceAmps current compliance of the source (0: none)
   * @return the device current (A) at every row of the measurement
   */
  public double[] simulate(String type, Map<String, Double> params, double seriesOhm, double complianceAmps) {
    return simulate(type, params, seriesOhm, complianceAmps, null);
  }

  /**
   * Simulates the protocol, reporting progress as {@code at(done, total)} (sweep points or simulated seconds; null:
   * none).
   */
  public double[] simulate(String type, Map<String, Double> params, double seriesOhm, double complianceAmps,
      TransientAnalysis.Progress progress) {
    Element device = DeviceRegistry.create(type, "dut", List.of("a", "0"), params, 1);
    return data.isTransient() ? transient_(device, seriesOhm, complianceAmps, progress)
        : dcSweep(device, seriesOhm, complianceAmps, progress);
  }

  /** The device's DC resistance |v/i| at a bias (Ohm), from an operating point. */
  public static double resistance(String type, Map<String, Double> params, double volts) {
    Element device = DeviceRegistry.create(type, "dut", List.of("a", "0"), params, 1);
    MnaSystem sys = new MnaSystem(circuit(device, new Waveform.Dc(volts), 0, 0));
    Trace t = new DcSweep("vs", new double[] {volts}).run(sys, List.of("i(vs)")).trace();
    return Math.abs(volts / t.get("i(vs)")[0]);
  }

  /**
   * Tolerances of the protocol simulations: tighter than the engine's defaults so that the
   * simulated currents change smoothly with the parameters (an adaptive step sequence that changes
   * with a small parameter step would otherwise put noise of the order of reltol into the
   * finite-difference Jacobian).
   */
  static final org.neuristor.circuit.SimOptions OPTIONS = org.neuristor.circuit.SimOptions.DEFAULT.with("reltol", 1e-6);

  private static Circuit circuit(Element device, Waveform w, double seriesOhm, double complianceAmps) {
    Circuit.Builder b = Circuit.builder("measurement").options(OPTIONS);
    String node = seriesOhm > 0 || complianceAmps > 0 ? "in" : "a";
    b.add(new VoltageSource("vs", node, "0", w));
    if (complianceAmps > 0) {
      String next = seriesOhm > 0 ? "c" : "a";
      b.add(new ComplianceLimiter("ilim", node, next, complianceAmps, 1e-3));
      node = next;
    }
    if (seriesOhm > 0) {
      b.add(new Resistor("rs", node, "a", seriesOhm));
    }
    b.add(device);
    return b.build();
  }

  private double[] dcSweep(Element device, double seriesOhm, double complianceAmps, TransientAnalysis.Progress progress) {
    MnaSystem sys = new MnaSystem(circuit(device, new Waveform.Dc(data.voltage()[0]), seriesOhm, complianceAmps));
    Trace t = new DcSweep("vs", data.voltage()).progress(progress).run(sys, List.of("i(vs)")).trace();
    double[] i = t.get("i(vs)");
    double[] out = new double[i.length];
    for (int k = 0; k < i.length; k++) {
      out[k] = -i[k];
    }
    return out;
  }

  private double[] transient_(Element device, double seriesOhm, double complianceAmps, TransientAnalysis.Progress progress) {
    double[] ts = data.time();
    double t0 = ts[0];
    double[] times = new double[pwlTimes.length];
    for (int k = 0; k < times.length; k++) {
      times[k] = pwlTimes[k] - t0;
    }
    MnaSystem sys = new MnaSystem(circuit(device, new Waveform.Pwl(times, pwlValues), seriesOhm, complianceAmps));
    double dt = (ts[ts.length - 1] - t0) / (ts.length - 1);
    TransientAnalysis.Result r = new TransientAnalysis(dt, times[times.length - 1], 0, 2 * dt, true)
        .progress(progress).run(sys, List.of("i(vs)"));
    Trace tr = r.trace();
    double[] out = new double[ts.length];
    for (int k = 0; k < ts.length; k++) {
      out[k] = -tr.at("i(vs)", ts[k] - t0);
    }
    return out;
  }

  /**
   * Indices of the samples that keep a piecewise-linear waveform within {@code tol} of every sample
   * (Douglas-Peucker on the time axis); the first and last samples are always kept.
   */
  static int[] corners(double[] t, double[] v, double tol) {
    int n = t.length;
    boolean[] keep = new boolean[n];
    keep[0] = true;
    keep[n - 1] = true;
    List<int[]> stack = new ArrayList<>();
    stack.add(new int[] {0, n - 1});
    while (!stack.isEmpty()) {
      int[] s = stack.remove(stack.size() - 1);
      int a = s[0];
      int b = s[1];
      double worst = -1;
      int w = -1;
      for (int k = a + 1; k < b; k++) {
        double line = v[a] + (v[b] - v[a]) * (t[k] - t[a]) / (t[b] - t[a]);
        double e = Math.abs(v[k] - line);
        if (e > worst) {
          worst = e;
          w = k;
        }
      }
      if (worst > tol) {
        keep[w] = true;
        stack.add(new int[] {a, w});
        stack.add(new int[] {w, b});
      }
    }
    int c = 0;
    for (boolean k : keep) {
      c += k ? 1 : 0;
    }
    int[] out = new int[c];
    c = 0;
    for (int k = 0; k < n; k++) {
      if (keep[k]) {
        out[c++] = k;
      }
    }
    return out;
  }
}
