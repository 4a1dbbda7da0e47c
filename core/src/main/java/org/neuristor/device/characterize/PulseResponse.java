package org.neuristor.device.characterize;

import java.util.List;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.neuristor.device.DeviceRegistry;

/**
 * Pulse response of a device: a rectangular pulse (amplitude, width; edges of width/1000) through
 * an optional series resistor, then the relaxation at 0 V. The device's first internal state s
 * (filament fraction, temperature, ...) is followed: the switching delay is the first time s crosses
 * half of its excursion s_0 + (s_max - s_0)/2, the relaxation time is the time after the pulse end until
 * s is back below that level, and the switching energy is the integral of v i in the device up to the delay.
 */
public final class PulseResponse {
  private PulseResponse() {}

  /**
   * Result of one pulse.
   *
   * @param delaySeconds switching delay from the pulse onset (NaN if the state never crossed half-way)
   * @param relaxationSeconds time from the pulse end back below half-way (NaN if not within the window)
   * @param switchingEnergyJoules energy dissipated in the device up to the delay
   * @param stateExcursion s_max - s_0
   * @param trace time, {@code v} (device voltage), {@code i} (device current), {@code s} (state)
   */
  public record Result(double delaySeconds, double relaxationSeconds, double switchingEnergyJoules,
      double stateExcursion, Trace trace) {}

  /** Runs one pulse on a device built from the registry. */
  public static Result run(String type, Map<String, ?> params, long seed, double amp, double width, double seriesOhm,
      double relaxWindow) {
    return run(DeviceRegistry.create(type, "dut", List.of("a", "0"), params, seed), amp, width, seriesOhm, relaxWindow);
  }

  /** Runs one pulse on a built device with terminals {@code a} and {@code 0}. */
  public static Result run(Element device, double amp, double width, double seriesOhm, double relaxWindow) {
    if (!(width > 0) || !(relaxWindow > 0) || !Double.isFinite(amp)) {
      throw NeuristorException.input("pulse needs a finite amplitude and positive width and relaxation window");
    }
    double edge = width / 1000;
    Waveform w = new Waveform.Pwl(new double[] {0, edge, width, width + edge, width + relaxWindow + 1},
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
    double tstop = width + relaxWindow;
    double hmax = Math.min(width, relaxWindow) / 200;
    Trace t = new TransientAnalysis(hmax, tstop, 0, hmax, false)
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
    double s0 = s[0];
    double smax = s0;
    for (int k = 0; k < s.length; k++) {
      if (time[k] <= width + edge) {
        smax = Math.max(smax, s[k]);
      }
    }
    double level = s0 + 0.5 * (smax - s0);
    double delay = Double.NaN;
    double relax = Double.NaN;
    double energy = 0;
    boolean on = false;
    for (int k = 1; k < time.length; k++) {
      double dt = time[k] - time[k - 1];
      if (!on) {
        if (s[k] >= level && smax - s0 > 0) {
          double f = (level - s[k - 1]) / (s[k] - s[k - 1]);
          delay = time[k - 1] + f * dt;
          double p0 = v[k - 1] * i[k - 1];
          double p1 = v[k] * i[k];
          energy += 0.5 * (p0 + p0 + f * (p1 - p0)) * f * dt;
          on = true;
        } else {
          energy += 0.5 * (v[k - 1] * i[k - 1] + v[k] * i[k]) * dt;
        }
      } else if (time[k] > width + edge && s[k] < level && Double.isNaN(relax)) {
        double f = (level - s[k - 1]) / (s[k] - s[k - 1]);
        relax = time[k - 1] + f * dt - (width + edge);
      }
    }
    Trace out = Trace.of("time", time, new java.util.LinkedHashMap<>(Map.of("v", v, "i", i, "s", s)));
    return new Result(delay, relax, on ? energy : Double.NaN, smax - s0, out);
  }
}
