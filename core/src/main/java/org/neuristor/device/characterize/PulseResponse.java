package org.neuristor.device.characterize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.neuristor.device.DeviceRegistry;

/**
 * Pulse response of a device: a rectangular pulse (amplitude, width, edges of {@link #EDGE_SECONDS})
 * through an optional series resistor, then the relaxation at 0 V for a given window.
 *
 * <p>What is measured, and when it is not:
 *
 * <ul>
 *   <li><b>switched</b>: the device conductance G = i/v rose to at least {@link #SWITCH_RATIO} times
 *       its value at the start of the pulse plateau (its OFF conductance at that bias, sub-threshold
 *       non-linearity included). A pulse that does not switch the device reports no delay, no
 *       relaxation and no energy, with the reason;
 *   <li><b>delay</b>: time from the middle of the rising edge until the device's first internal state
 *       s (filament fraction, temperature, ...) crosses half of its excursion during the pulse,
 *       s_level = s_0 + (s_max - s_0)/2;
 *   <li><b>relaxation</b>: time from the middle of the falling edge until s is back below s_level;
 *       none when s is still above it at the end of the window (a non-volatile device, or a window
 *       too short);
 *   <li><b>switching energy</b>: the integral of v i in the device from the pulse onset to the delay.
 * </ul>
 *
 * When the state is still rising at the end of the pulse, the pulse was too short for the device to
 * finish switching and the reason says so: the half-way level then depends on the width. Still rising
 * means that the rise still to come exceeds {@link #SETTLED} of the excursion, estimated from the
 * rises d1 and d2 over the last two tenths of the pulse as for an exponential approach, d1^2/(d2 - d1)
 * (unbounded when d1 &gt;= d2). A 2 ns pulse of {@code mott} at 1.5 V through 1 kOhm (tau = R_th C_th = 0.5 ns
 * once metallic) ends with about 4 % of the excursion to come: its half-way point comes 2.7 % early.
 *
 * The edges have a fixed duration and the step is capped by the pulse width, not the window, so the
 * delay of a device does not depend on the pulse width once the pulse is longer than the delay.
 */
public final class PulseResponse {
  private PulseResponse() {}

  /** Rise and fall time of the pulse edges (s), the same for every width (shorter for pulses under 100 ps). */
  public static final double EDGE_SECONDS = 1e-12;

  /** Conductance rise (G_max / G_0 during the pulse) that counts as a switch: one decade. */
  public static final double SWITCH_RATIO = 10;

  /** Largest rise of the state still to come after the pulse, relative to its excursion, for a settled state. */
  static final double SETTLED = 0.01;

  /**
   * Result of one pulse. Times and energies are NaN exactly when the event did not happen, and
   * {@code reason} says why (null when everything was measured).
   *
   * @param switched whether the conductance rose at least {@link #SWITCH_RATIO}-fold during the pulse
   * @param delaySeconds switching delay from the middle of the rising edge (NaN if not switched)
   * @param relaxationSeconds time from the middle of the falling edge back below the switching level
   *     (NaN if not switched or not back within the window)
   * @param switchingEnergyJoules energy dissipated in the device up to the delay (NaN if not switched)
   * @param conductanceRatio G_max / G_0 during the pulse (NaN when no voltage reached the device)
   * @param stateExcursion s_max - s_0 during the pulse
   * @param reason why a value is missing, or null
   * @param trace time, {@code v} (device voltage), {@code i} (device current), {@code s} (state)
   */
  public record Result(boolean switched, double delaySeconds, double relaxationSeconds,
      double switchingEnergyJoules, double conductanceRatio, double stateExcursion, String reason, Trace trace) {}

  /** Runs one pulse on a device built from the registry. */
  public static Result run(String type, Map<String, ?> params, long seed, double amp, double width, double seriesOhm,
      double relaxWindow) {
    return run(DeviceRegistry.create(type, "dut", List.of("a", "0"), params, seed), amp, width, seriesOhm, relaxWindow);
  }

  /** Runs one pulse on a built device with terminals {@code a} and {@code 0}. */
  public static Result run(Element device, double amp, double width, double seriesOhm, double relaxWindow) {
    if (!(width > 0) || !Double.isFinite(width) || !(relaxWindow > 0) || !Double.isFinite(relaxWindow)
        || !Double.isFinite(amp)) {
      throw NeuristorException.input("pulse needs a finite amplitude and a positive, finite width and relaxation "
          + "window");
    }
    double edge = Math.min(EDGE_SECONDS, width / 100);
    double fallStart = edge + width;
    double fallEnd = fallStart + edge;
    Waveform w = new Waveform.Pwl(new double[] {0, edge, fallStart, fallEnd, fallEnd + relaxWindow + 1},
        new double[] {0, amp, amp, 0, 0});
    Circuit.Builder b = Circuit.builder("pulse");
    String drive = seriesOhm > 0 ? "in" : "a";
    b.add(new VoltageSource("vs", drive, "0", w));
    if (seriesOhm > 0) {
      b.add(new Resistor("rs", "in", "a", seriesOhm));
    }
    b.add(device);
    MnaSystem sys = new MnaSystem(b.build());
    String state = null;
    for (int k = 0; k < sys.size(); k++) {
      if (sys.kind(k) == MnaSystem.Kind.STATE && sys.name(k).startsWith(device.name() + ".")) {
        state = sys.name(k);
        break;
      }
    }
    if (state == null) {
      throw NeuristorException.input(device.name() + " has no internal state to follow");
    }
    double tstop = fallEnd + relaxWindow;
    // the step cap follows the pulse, not the window: a long window must not coarsen the delay
    double hmax = Math.min(width, relaxWindow) / 200;
    Trace t = new TransientAnalysis(hmax, tstop, 0, hmax, true)
        .run(sys, List.of("v(a)", "i(vs)", "v(" + drive + ")", state)).trace();
    double[] time = t.axis();
    double[] v = t.get("v(a)");
    double[] i = new double[v.length];
    double[] vd = t.get("v(" + drive + ")");
    double[] ivs = t.get("i(vs)");
    for (int k = 0; k < v.length; k++) {
      i[k] = seriesOhm > 0 ? (vd[k] - v[k]) / seriesOhm : -ivs[k];
    }
    double[] s = t.get(state);
    Map<String, double[]> cols = new LinkedHashMap<>();
    cols.put("v", v);
    cols.put("i", i);
    cols.put("s", s);
    Trace out = Trace.of("time", time, cols);
    return measure(time, v, i, s, edge, width, out);
  }

  /** The measurement on sampled device voltage, current and state (see the class comment). */
  static Result measure(double[] time, double[] v, double[] i, double[] s, double edge, double width, Trace out) {
    double fallStart = edge + width;
    double onset = 0.5 * edge;
    double release = fallStart + 0.5 * edge;
    // conductance at the start of the plateau and its largest value during the pulse
    double g0 = Double.NaN;
    double gmax = Double.NaN;
    double s0 = s[0];
    double smax = s0;
    for (int k = 0; k < time.length && time[k] <= fallStart; k++) {
      smax = Math.max(smax, s[k]);
      if (time[k] >= edge && v[k] != 0 && Double.isFinite(i[k] / v[k])) {
        double g = Math.abs(i[k] / v[k]);
        if (Double.isNaN(g0)) {
          g0 = g;
        }
        gmax = Double.isNaN(gmax) ? g : Math.max(gmax, g);
      }
    }
    double ratio = g0 > 0 ? gmax / g0 : Double.NaN;
    if (!(ratio >= SWITCH_RATIO)) {
      String why = Double.isNaN(ratio) ? "no switch: no voltage across the device during the pulse"
          : String.format(Locale.ROOT, "no switch: the conductance rose %.3gx during the pulse (a switch is >= %.0fx)",
              ratio, SWITCH_RATIO);
      return new Result(false, Double.NaN, Double.NaN, Double.NaN, ratio, smax - s0, why, out);
    }
    double level = s0 + 0.5 * (smax - s0);
    double delay = Double.NaN;
    double energy = 0;
    int k = 1;
    for (; k < time.length; k++) {
      double dt = time[k] - time[k - 1];
      double p0 = v[k - 1] * i[k - 1];
      double p1 = v[k] * i[k];
      if (s[k] >= level) {
        double f = s[k] == s[k - 1] ? 1 : (level - s[k - 1]) / (s[k] - s[k - 1]);
        delay = time[k - 1] + f * dt - onset;
        energy += 0.5 * (p0 + p0 + f * (p1 - p0)) * f * dt;
        break;
      }
      energy += 0.5 * (p0 + p1) * dt;
    }
    double relax = Double.NaN;
    if (Trace.interpolate(time, s, release) < level) {
      relax = 0; // back below the level before the pulse ended
    }
    for (k = Math.max(k, 1); k < time.length && Double.isNaN(relax); k++) {
      if (time[k] > release && s[k] < level && s[k - 1] >= level) {
        double f = (s[k - 1] - level) / (s[k - 1] - s[k]);
        relax = Math.max(0, time[k - 1] + f * (time[k] - time[k - 1]) - release);
        break;
      }
    }
    String reason = null;
    double excursion = smax - s0;
    double d1 = Trace.interpolate(time, s, fallStart) - Trace.interpolate(time, s, edge + 0.9 * width);
    double d2 = Trace.interpolate(time, s, edge + 0.9 * width) - Trace.interpolate(time, s, edge + 0.8 * width);
    // a rise at the round-off level is a settled state, whatever its shape
    boolean rising = d1 > 1e-9 * excursion && (d1 >= d2 || d1 * d1 / (d2 - d1) > SETTLED * excursion);
    if (rising) {
      reason = "the state was still rising when the pulse ended: delay and relaxation refer to half of the excursion "
          + "reached (a longer pulse gives the device's own values)";
    }
    if (Double.isNaN(relax)) {
      // both can hold (a state that rises through the whole pulse and stays up): the first must not be lost
      reason = (reason == null ? "" : reason + "; ") + String.format(Locale.ROOT, "no relaxation: the state is still "
          + "above its switching level %.4g %.4g s after the pulse (end of the window)", level,
          time[time.length - 1] - release);
    }
    return new Result(true, delay, relax, energy, ratio, smax - s0, reason, out);
  }
}
