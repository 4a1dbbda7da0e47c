package org.neuristor.neuron;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.expr.SpiceNumber;

/**
 * An input current as a function of time: {@code at(tMs)} returns the current in the model's
 * current unit (nA for IF/LIF, pA for AdEx, uA/cm^2 for HH, the dimensionless I of Izhikevich) at
 * time {@code tMs} (ms). Population kernels sample it at the start of each step and hold it
 * (piecewise constant), as Izhikevich's figure1.m and clock-driven simulators do.
 *
 * <p>Edges use strict inequalities ({@code t0 < t < t1}) like the original protocols (physics.md
 * 2.5), so a step that starts exactly on a grid point switches on at the next one.
 */
@FunctionalInterface
public interface Stimulus {

  /** Current at time {@code tMs} (ms), in the model's current unit. */
  double at(double tMs);

  /** The sum of this and {@code other}. */
  default Stimulus plus(Stimulus other) {
    return t -> at(t) + other.at(t);
  }

  /** Zero input. */
  static Stimulus zero() {
    return t -> 0;
  }

  /** A constant current. */
  static Stimulus constant(double amp) {
    return t -> amp;
  }

  /** {@code amp} for {@code t0 < t < t1} (ms; {@code t1} may be infinite), 0 elsewhere. */
  static Stimulus step(double amp, double t0Ms, double t1Ms) {
    return t -> t > t0Ms && t < t1Ms ? amp : 0;
  }

  /**
   * {@code count} rectangular pulses of {@code amp} and width {@code widthMs}, the first starting at
   * {@code t0Ms}, one every {@code periodMs} (count 1: a single pulse).
   */
  static Stimulus pulses(double amp, double t0Ms, double widthMs, double periodMs, int count) {
    return t -> {
      if (!(t > t0Ms)) {
        return 0;
      }
      long k = count <= 1 || !(periodMs > 0) ? 0 : (long) Math.floor((t - t0Ms) / periodMs);
      if (k >= Math.max(1, count)) {
        return 0;
      }
      double start = t0Ms + k * (count <= 1 ? 0 : periodMs);
      return t > start && t < start + widthMs ? amp : 0;
    };
  }

  /** Linear ramp from {@code from} at {@code t0Ms} to {@code to} at {@code t1Ms}; 0 outside. */
  static Stimulus ramp(double from, double to, double t0Ms, double t1Ms) {
    double slope = (to - from) / (t1Ms - t0Ms);
    return t -> t > t0Ms && t < t1Ms ? from + slope * (t - t0Ms) : 0;
  }

  /**
   * Parses a command-line stimulus. Times are in seconds ({@code 0.01}, {@code 10ms}, {@code 500us});
   * amplitudes are in the model's current unit {@code currentUnit}, as a plain number or with the
   * unit ({@code 2}, {@code 2nA}, {@code 2000pA} for a model in nA). The start of a pulse is {@code
   * t0}, as for steps and ramps ({@code delay} is accepted for it, the key of {@code neuron run}).
   *
   * <ul>
   *   <li>{@code step:amp=A[,t0=T0][,t1=T1]}: A for T0 &lt; t &lt; T1 (default 0 and forever);
   *   <li>{@code pulse:amp=A,t0=T0,width=W[,period=P,count=N]}: one pulse or a train of N;
   *   <li>{@code ramp:to=A[,from=A0],t0=T0,t1=T1}: linear from A0 (default 0) to A, 0 outside;
   *   <li>{@code dc:amp=A}: constant.
   * </ul>
   */
  static Stimulus parse(String spec, String currentUnit) {
    int colon = spec.indexOf(':');
    String kind = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    Map<String, String> units = switch (kind) {
      case "dc" -> Map.of("amp", currentUnit);
      case "step" -> Map.of("amp", currentUnit, "t0", "s", "t1", "s");
      case "pulse" -> Map.of("amp", currentUnit, "t0", "s", "delay", "s", "width", "s", "period", "s", "count", "1");
      case "ramp" -> Map.of("to", currentUnit, "from", currentUnit, "t0", "s", "t1", "s");
      default -> throw new ModelParameterException("stim",
          "--stim: unknown kind '" + kind + "' (step, pulse, ramp, dc)");
    };
    Map<String, Double> kv = keyValues(colon < 0 ? "" : spec.substring(colon + 1), "--stim " + kind, units);
    if (kv.containsKey("delay")) {
      if (kv.containsKey("t0")) {
        throw new ModelParameterException("stim", "--stim pulse: give t0 or delay, not both");
      }
      kv.put("t0", kv.remove("delay"));
    }
    return switch (kind) {
      case "dc" -> constant(need(kv, "amp", kind));
      case "step" -> step(need(kv, "amp", kind), ms(kv.remove("t0"), 0), ms(kv.remove("t1"), Double.POSITIVE_INFINITY));
      case "pulse" -> {
        double amp = need(kv, "amp", kind);
        double t0 = ms(kv.remove("t0"), 0);
        double width = ms(kv.remove("width"), Double.NaN);
        if (!(width > 0) || Double.isInfinite(width)) {
          throw new ModelParameterException("stim", "--stim pulse needs a finite width=<seconds> > 0");
        }
        double period = ms(kv.remove("period"), 0);
        Double count = kv.remove("count");
        if (count != null && !(count >= 1 && count == Math.rint(count))) {
          throw new ModelParameterException("stim", "--stim pulse: count must be a whole number >= 1");
        }
        int n = count == null ? (period > 0 ? Integer.MAX_VALUE : 1) : (int) Math.min(Integer.MAX_VALUE, count);
        if (period < 0 || period > 0 && period <= width) {
          throw new ModelParameterException("stim", "--stim pulse: period must exceed width");
        }
        yield pulses(amp, t0, width, period, n);
      }
      default -> {
        double to = need(kv, "to", kind);
        Double from = kv.remove("from");
        double t0 = ms(kv.remove("t0"), 0);
        double t1 = ms(kv.remove("t1"), Double.NaN);
        if (!(t1 > t0) || Double.isInfinite(t1)) {
          throw new ModelParameterException("stim", "--stim ramp needs a finite t1 > t0 (seconds)");
        }
        yield ramp(from == null ? 0 : from, to, t0, t1);
      }
    };
  }

  private static double need(Map<String, Double> kv, String key, String kind) {
    Double v = kv.remove(key);
    if (v == null) {
      throw new ModelParameterException("stim", "--stim " + kind + " needs " + key + "=<value>");
    }
    return v;
  }

  private static double ms(Double seconds, double defMs) {
    return seconds == null ? defMs : seconds * 1e3;
  }

  /**
   * Parses {@code k=v,k=v}, each value in the unit {@code units} declares for its key (see {@link
   * SpiceNumber#parse(String, String)}); an unknown key, a wrong unit or a repeated key is an error
   * naming {@code what}.
   */
  public static Map<String, Double> keyValues(String text, String what, Map<String, String> units) {
    Map<String, Double> kv = new LinkedHashMap<>();
    if (text.isBlank()) {
      return kv;
    }
    for (String part : text.split(",")) {
      String[] a = part.split("=", 2);
      if (a.length != 2) {
        throw new ModelParameterException("stim", what + ": expected key=value, got '" + part + "'");
      }
      String key = a[0].trim().toLowerCase(Locale.ROOT);
      String unit = units.get(key);
      if (unit == null) {
        throw new ModelParameterException(key, what + ": unknown key '" + key + "' (known: "
            + String.join(", ", new java.util.TreeSet<>(units.keySet())) + ")");
      }
      double d;
      try {
        d = SpiceNumber.parse(a[1], unit);
      } catch (IllegalArgumentException e) {
        throw new ModelParameterException(key, what + ": " + key + ": " + e.getMessage());
      }
      // +inf only as an end time (t1=inf: to the end of the run); an infinite amplitude or rate (inf, 1e400) ran
      // and failed on its first step as "stimulus is not finite at t = 0.1 ms", or was "missing" (dc needs amp)
      if (Double.isNaN(d) || d == Double.NEGATIVE_INFINITY || (d == Double.POSITIVE_INFINITY && !key.equals("t1"))) {
        throw new ModelParameterException(key, what + ": " + key + ": not a usable number '" + a[1].trim() + "'");
      }
      if (kv.put(key, d) != null) {
        throw new ModelParameterException(key, what + ": " + key + " given twice");
      }
    }
    return kv;
  }
}
