package org.neuristor.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.NeuristorException;
import org.neuristor.expr.SpiceNumber;
import java.util.stream.IntStream;
import org.neuristor.analysis.SpikeFeatures;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Stimulation protocols on library circuits: the f-I (here f-V) curve with its rheobase, and the
 * paired-pulse refractory period (physics.md 4.0). Independent runs execute in parallel.
 */
public final class Protocols {
  private Protocols() {}

  /** One point of an f-V curve. */
  public record RatePoint(double input, double rateHz, int spikes) {}

  /** The f-V curve and the smallest input that fired (NaN if none). */
  public record FvCurve(List<RatePoint> points, double rheobase) {}

  /** Runs the circuit once with parameters and an optional input source; returns its trace. */
  public static Trace run(NeuronCircuit c, Map<String, String> params, String input) {
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(c.netlist(params, input), c.name() + ".cir");
    return Simulation.run(cc.circuit(), cc.analyses().get(0), cc.saves(), null).trace();
  }

  /** Firing rate against a constant input {@code vin} over the given values. */
  public static FvCurve fv(NeuronCircuit c, double[] inputs, Map<String, String> params) {
    return fv(c, inputs, params, null);
  }

  /**
   * As {@link #fv(NeuronCircuit, double[], Map)} with the input source replaced by {@code inputSource}
   * (e.g. {@code "{vin}"}: a DC input at the parameter, for circuits whose own input is a pulse).
   */
  public static FvCurve fv(NeuronCircuit c, double[] inputs, Map<String, String> params, String inputSource) {
    RatePoint[] pts = new RatePoint[inputs.length];
    IntStream.range(0, inputs.length).parallel().forEach(k -> {
      Map<String, String> p = new java.util.LinkedHashMap<>(params);
      p.put("vin", String.format(Locale.ROOT, "%.9g", inputs[k]));
      SpikeFeatures f = c.features(run(c, p, inputSource));
      pts[k] = new RatePoint(inputs[k], f.rateHz(), f.spikeTimes().length);
    });
    // a rate needs two spikes, so the first nonzero rate is the first input with >= 2 spikes
    double[] rates = new double[pts.length];
    for (int k = 0; k < pts.length; k++) {
      rates[k] = pts[k].rateHz();
    }
    return new FvCurve(List.of(pts), org.neuristor.analysis.FiCurve.firstFiring(inputs, rates));
  }

  /**
   * One run of a circuit with its spike features and the supply energy per spike.
   *
   * @param energyPerSpikeJoules supply energy over whole periods after the first spike divided by the
   *     periods (physics.md 4.0) when there are at least 3 spikes, else total energy / spikes; NaN
   *     without spikes
   */
  public record Measured(Trace trace, SpikeFeatures features, double energyPerSpikeJoules, long steps,
      double wallSeconds) {}

  /**
   * Runs the circuit with parameters (circuit {@code .param}s and device parameters, see
   * {@link NeuronCircuit#netlist(Map, String)}) and an optional input source, recording the circuit's
   * saves plus the supply energy, and measures spikes on the circuit's firing state and output.
   */
  public static Measured measure(NeuronCircuit c, Map<String, String> params, String input) {
    return measure(c, params, input, null);
  }

  /**
   * As {@link #measure(NeuronCircuit, Map, String)}, reporting simulated time to {@code progress}
   * (null for none); an exception thrown by {@code progress} aborts the run (the studio cancels so).
   */
  public static Measured measure(NeuronCircuit c, Map<String, String> params, String input,
      org.neuristor.circuit.TransientAnalysis.Progress progress) {
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(c.netlist(params, input), c.name() + ".cir");
    List<String> saves = new ArrayList<>(cc.saves());
    saves.add("e(sources)");
    org.neuristor.circuit.Analysis.Outcome o = Simulation.run(cc.circuit(), cc.analyses().get(0), saves, progress);
    Trace t = o.trace();
    SpikeFeatures f = c.features(t);
    double[] sp = f.spikeTimes();
    double e = Double.NaN;
    if (sp.length >= 3) {
      e = (t.at("e(sources)", sp[sp.length - 1]) - t.at("e(sources)", sp[0])) / (sp.length - 1);
    } else if (sp.length > 0) {
      e = t.get("e(sources)")[t.size() - 1] / sp.length;
    }
    return new Measured(t, f, e, o.accepted(), o.wallSeconds());
  }

  /**
   * The input source for a stimulus specification: {@code dc:amp=V}, {@code pulse:amp=V,width=W,
   * delay=D[,period=P]}, {@code pwl:t0,v0,t1,v1,...} or {@code poisson:rate=HZ,amp=V,width=W,seed=S};
   * amplitudes in V, times in s, SPICE suffixes allowed; {@code tstop} bounds pulse trains.
   */
  public static String stimulus(String spec, double tstop) {
    int colon = spec.indexOf(':');
    String kind = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? "" : spec.substring(colon + 1);
    if (kind.equals("pwl")) {
      return "pwl(" + rest.replace(',', ' ') + ")";
    }
    Map<String, Double> kv = new java.util.LinkedHashMap<>();
    for (String part : rest.isEmpty() ? new String[0] : rest.split(",")) {
      String[] a = part.split("=", 2);
      if (a.length != 2) {
        throw NeuristorException.input("--stim: expected key=value, got '" + part + "'");
      }
      double v = SpiceNumber.parse(a[1].trim());
      if (Double.isNaN(v)) {
        throw NeuristorException.input("--stim " + a[0] + ": bad number '" + a[1] + "'");
      }
      kv.put(a[0].trim().toLowerCase(Locale.ROOT), v);
    }
    double amp = kv.getOrDefault("amp", Double.NaN);
    if (Double.isNaN(amp)) {
      throw NeuristorException.input("--stim " + kind + " needs amp=<volts>");
    }
    switch (kind) {
      case "dc":
        return Double.toString(amp);
      case "pulse": {
        double width = kv.getOrDefault("width", 100e-9);
        double delay = kv.getOrDefault("delay", 0.0);
        double period = kv.getOrDefault("period", 0.0);
        double edge = Math.min(width / 100, 1e-9);
        return period > 0 ? String.format(Locale.ROOT, "pulse(0 %s %s %s %s %s %s)", amp, delay, edge, edge, width,
            period) : String.format(Locale.ROOT, "pulse(0 %s %s %s %s %s %s 1)", amp, delay, edge, edge, width,
            2 * tstop);
      }
      case "poisson": {
        double rate = kv.getOrDefault("rate", Double.NaN);
        if (!(rate > 0)) {
          throw NeuristorException.input("--stim poisson needs rate=<Hz> > 0");
        }
        double width = kv.getOrDefault("width", 50e-9);
        SplittableRandom r = new SplittableRandom(kv.getOrDefault("seed", 1.0).longValue());
        double edge = Math.min(width / 100, 1e-9);
        StringBuilder sb = new StringBuilder("pwl(0 0");
        double t = 0;
        int n = 0;
        while (true) {
          t += -Math.log(1 - r.nextDouble()) / rate;
          if (t + width + 2 * edge > tstop || n > 100_000) {
            break;
          }
          appendPulse(sb, t, edge, amp, width);
          t += width + 2 * edge;
          n++;
        }
        return sb.append(')').toString();
      }
      default:
        throw NeuristorException.input("--stim: unknown kind '" + kind + "' (dc, pulse, pwl, poisson)");
    }
  }

  /** Result of the paired-pulse protocol at one gap. */
  public record PairedPulse(double gapSeconds, int spikes, double secondAmplitude) {}

  /**
   * Two identical pulses (amplitude, width), the second starting {@code gap} after the end of the
   * first; counts spikes of the circuit's firing device.
   */
  public static List<PairedPulse> pairedPulse(NeuronCircuit c, String stateSignal, double amp, double width,
      double[] gaps, Map<String, String> params) {
    PairedPulse[] out = new PairedPulse[gaps.length];
    IntStream.range(0, gaps.length).parallel().forEach(k -> {
      double t1 = PULSE_START;
      double t2 = t1 + width + 2 * EDGE + gaps[k];
      String src = pulses(amp, width, t1, t2);
      Trace t = run(c, params, src);
      double[] sp = SpikeFeatures.crossings(t, stateSignal, stateSignal.equals(c.spikeState()) ? c.spikeLevel() : 0.5);
      double[] y = t.get(c.output());
      double[] a = t.axis();
      double second = 0;
      for (int i = 0; i < a.length; i++) {
        if (a[i] >= t2) {
          second = Math.max(second, y[i] - y[0]);
        }
      }
      out[k] = new PairedPulse(gaps[k], sp.length, second);
    });
    return new ArrayList<>(List.of(out));
  }

  /** Start of the first stimulus pulse, and the rise/fall time of every pulse edge. */
  static final double PULSE_START = 10e-9;
  static final double EDGE = 1e-12;

  /** A PWL source of rectangular pulses of one amplitude and width starting at the given times. */
  static String pulses(double amp, double width, double... starts) {
    StringBuilder sb = new StringBuilder("pwl(0 0");
    for (double t : starts) {
      appendPulse(sb, t, EDGE, amp, width);
    }
    return sb.append(')').toString();
  }

  /** Appends the four PWL corners of one rectangular pulse starting at t with the given edge time. */
  private static void appendPulse(StringBuilder sb, double t, double edge, double amp, double width) {
    sb.append(String.format(Locale.ROOT, " %s 0 %s %s %s %s %s 0", t, t + edge, amp, t + edge + width, amp,
        t + 2 * edge + width));
  }

  /** Parameters with {@code tstop} stretched (when the circuit has it) to cover the pulse and as long again. */
  private static Map<String, String> covering(NeuronCircuit c, Map<String, String> params, double pulseEnd) {
    Map<String, String> p = new java.util.LinkedHashMap<>(params);
    String ts = p.getOrDefault("tstop", c.parameters().get("tstop"));
    if (ts != null) {
      double tstop = org.neuristor.expr.SpiceNumber.parse(ts);
      if (!(tstop >= 2 * pulseEnd)) {
        p.put("tstop", String.format(Locale.ROOT, "%.9g", 2 * pulseEnd));
      }
    }
    return p;
  }

  /**
   * Strength-duration curve of a library circuit: single rectangular pulses on {@code vin}; a pulse
   * fires when the circuit's spike state crosses 0.5. Thresholds to {@code relTol}.
   */
  public static org.neuristor.analysis.StrengthDuration strengthDuration(NeuronCircuit c, double[] durations,
      double lo, double hi, double relTol, Map<String, String> params) {
    return org.neuristor.analysis.StrengthDuration.measure((amp, d) -> {
      Trace t = run(c, covering(c, params, PULSE_START + d), pulses(amp, d, PULSE_START));
      return SpikeFeatures.crossings(t, c.spikeState(), c.spikeLevel()).length > 0;
    }, durations, lo, hi, relTol);
  }

  /**
   * The all-or-nothing test of a library circuit: one pulse of each amplitude and the given width on
   * {@code vin}; the response is the peak of the output above its value at t = 0. Amplitudes run in parallel.
   */
  public static org.neuristor.analysis.AllOrNothing allOrNothing(NeuronCircuit c, double[] amplitudes,
      double width, Map<String, String> params) {
    double[] resp = new double[amplitudes.length];
    Map<String, String> p = covering(c, params, PULSE_START + width);
    IntStream.range(0, amplitudes.length).parallel().forEach(k -> {
      Trace t = run(c, p, pulses(amplitudes[k], width, PULSE_START));
      double[] y = t.get(c.output());
      double peak = 0;
      for (double v : y) {
        peak = Math.max(peak, Math.abs(v - y[0]));
      }
      resp[k] = peak;
    });
    return org.neuristor.analysis.AllOrNothing.of(amplitudes, resp);
  }
}
