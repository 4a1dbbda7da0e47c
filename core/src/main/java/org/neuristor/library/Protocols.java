package org.neuristor.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.NeuristorException;
import org.neuristor.expr.SpiceNumber;
import java.util.stream.IntStream;
import org.neuristor.measure.FiringPatternClassifier;
import org.neuristor.measure.SpikeDetector;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;
import org.neuristor.neuron.Stimulus;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Stimulation protocols on library circuits: the f-I (here f-V) curve with its rheobase, and the
 * paired-pulse refractory period (physics.md 4.0). Independent runs execute in parallel.
 */
public final class Protocols {
  private Protocols() {}

  /** The input node's voltage in a library circuit's trace: every circuit's input source {@code vin} drives node in. */
  static final String INPUT = "v(in)";

  /** One point of an f-V curve. */
  public record RatePoint(double input, double rateHz, int spikes) {}

  /** The f-V curve and the smallest input that fired (NaN if none). */
  public record FvCurve(List<RatePoint> points, double rheobase) {}

  /** Runs the circuit once with parameters and an optional input source; returns its trace. */
  public static Trace run(NeuronCircuit c, Map<String, String> params, String input) {
    return run(c, params, input, null);
  }

  /**
   * As {@link #run(NeuronCircuit, Map, String)}, reporting simulated time to {@code progress} (null for
   * none); an exception thrown by {@code progress} aborts the run (the studio cancels so).
   */
  public static Trace run(NeuronCircuit c, Map<String, String> params, String input,
      org.neuristor.circuit.TransientAnalysis.Progress progress) {
    CircuitCompiler.Compiled cc = compile(c, params, input);
    return simulate(c, cc, cc.saves(), progress).trace();
  }

  /**
   * Runs the compiled circuit's analysis. A run stopped while it still advanced at the circuit's
   * largest step did not fail to converge: it needed more steps than one run may take (the budget of
   * {@link org.neuristor.circuit.TransientAnalysis}), which is reported as such (exit 2).
   */
  static org.neuristor.circuit.Analysis.Outcome simulate(NeuronCircuit c, CircuitCompiler.Compiled cc,
      List<String> saves, org.neuristor.circuit.TransientAnalysis.Progress progress) {
    org.neuristor.circuit.Analysis a = cc.analyses().get(0);
    try {
      return Simulation.run(cc.circuit(), a, saves, progress);
    } catch (org.neuristor.ConvergenceException e) {
      if (a instanceof org.neuristor.circuit.Analysis.Tran tr) {
        double hmax = !Double.isNaN(tr.tmax()) ? tr.tmax() : !Double.isNaN(cc.circuit().options().maxStep())
            ? cc.circuit().options().maxStep() : Math.min(tr.tstep(), (tr.tstop() - tr.tstart()) / 50);
        if (e.step() >= 0.01 * hmax) {
          throw NeuristorException.input(String.format(Locale.ROOT, "circuit %s: a run of %.4g s needs more time "
              + "steps than one run may take (stopped at %.4g s, still stepping at %.3g s, the circuit's largest step "
              + "is %.3g s); shorten the run (--duration or --param tstop)", c.name(), tr.tstop(), e.time(), e.step(),
              hmax));
        }
      }
      throw e;
    }
  }

  /**
   * The library netlist with parameters and input compiled. An error inside the library's own file
   * (a parameter value the device refuses, say) is reported against the circuit and the parameters
   * the user gave, not against a line of a file the user never sees.
   */
  static CircuitCompiler.Compiled compile(NeuronCircuit c, Map<String, String> params, String input) {
    try {
      return CircuitCompiler.compile(c.netlist(params, input), c.name() + ".cir");
    } catch (org.neuristor.NetlistException e) {
      if (!e.file().equals(c.name() + ".cir")) {
        throw e;
      }
      StringBuilder given = new StringBuilder();
      for (Map.Entry<String, String> p : params.entrySet()) {
        given.append(given.length() == 0 ? " with " : ", ").append(p.getKey()).append('=').append(p.getValue());
      }
      throw NeuristorException.input("circuit " + c.name() + given + ": " + e.detail());
    }
  }

  /**
   * Checks and normalizes parameter overrides of a library circuit: each name must be a {@code
   * .param} of the circuit or a device parameter of one of its models (see {@link
   * NeuronCircuit#netlist(Map, String)}); each value a number with an optional SPICE suffix or SI
   * unit ({@code 20k}, {@code 1nF}, {@code 100us}; see {@link SpiceNumber#parse(String, String)}), or
   * a {@code {expression}}. A number comes back as written when the netlist reads it the same way (so
   * that its unit is checked where the parameter is used: {@code rin=20kV} for a resistance is refused),
   * else as exact SI text, so the netlist never reads a unit as a prefix.
   */
  public static Map<String, String> parameters(NeuronCircuit c, Map<String, String> given) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      String k = e.getKey().trim().toLowerCase(Locale.ROOT);
      String v = e.getValue().trim();
      c.netlist(Map.of(k, "1"), null); // throws naming the circuit's parameters when k is not one
      if (v.startsWith("{") && v.endsWith("}")) {
        out.put(k, v);
        continue;
      }
      try {
        double si = SpiceNumber.parse(v, SpiceNumber.ANY_UNIT);
        if (!Double.isFinite(si)) {
          // 1e400 overflows to infinity: every point of a sweep then failed to converge, the run exiting 0
          throw new IllegalArgumentException("'" + v + "' is not a finite number");
        }
        // as written when the netlist reads the same number (it then checks the unit against the quantity
        // where the parameter is used, see netlist.WrittenUnits); else the exact SI number
        out.put(k, si == SpiceNumber.parse(v) ? v : String.format(Locale.ROOT, "%.17g", si));
      } catch (IllegalArgumentException ex) {
        throw NeuristorException.input("circuit " + c.name() + ": parameter " + k + ": " + ex.getMessage());
      }
    }
    return out;
  }

  /**
   * Firing rate against the input {@code vin} over the given values, driven by the circuit's declared f-V
   * drive ({@link NeuronCircuit#drive()}: a constant {@code vin} for the 1TS-1C, neuristor and two of the Yi
   * circuits, a pulse train for pickett2013, the circuit's own source otherwise), with {@code params} over the
   * drive's own parameters. What {@code neuron fi}, {@code neuron compare} and Studio's f-V curve run.
   */
  public static FvCurve fv(NeuronCircuit c, double[] inputs, Map<String, String> params) {
    return fv(c, inputs, driveParameters(c, params), c.drive().source());
  }

  /**
   * The rheobase of a curve from {@link #fv(NeuronCircuit, double[], Map)}, with the same drive: see
   * {@link #rheobase(NeuronCircuit, FvCurve, Map, String, double, org.neuristor.circuit.TransientAnalysis.Progress)}.
   */
  public static double rheobase(NeuronCircuit c, FvCurve curve, Map<String, String> params, double tolerance,
      org.neuristor.circuit.TransientAnalysis.Progress progress) {
    return rheobase(c, curve, driveParameters(c, params), c.drive().source(), tolerance, progress);
  }

  /** The circuit's f-V drive parameters with {@code params} over them. */
  private static Map<String, String> driveParameters(NeuronCircuit c, Map<String, String> params) {
    Map<String, String> p = new java.util.LinkedHashMap<>(c.drive().params());
    p.putAll(params);
    return p;
  }

  /**
   * As {@link #fv(NeuronCircuit, double[], Map)} with the input source replaced by {@code inputSource}
   * (e.g. {@code "{vin}"}: a DC input at the parameter, for circuits whose own input is a pulse).
   */
  public static FvCurve fv(NeuronCircuit c, double[] inputs, Map<String, String> params, String inputSource) {
    for (int k = 1; k < inputs.length; k++) {
      if (!(inputs[k] > inputs[k - 1])) {
        throw NeuristorException.input("f-V curve: the inputs must be ascending");
      }
    }
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
    return new FvCurve(List.of(pts), org.neuristor.measure.FiCurve.firstFiring(inputs, rates));
  }

  /**
   * The rheobase of a measured f-V curve to {@code tolerance} (V): bisection between the largest silent
   * input below the first firing one (two spikes or more, as {@link #fv}) and that one, with the
   * same runs as the curve ({@link org.neuristor.measure.FiCurve#threshold}). NaN when nothing fired;
   * the first input itself when it already fires (the rheobase is then at or below it).
   */
  public static double rheobase(NeuronCircuit c, FvCurve curve, Map<String, String> params, String inputSource,
      double tolerance) {
    return rheobase(c, curve, params, inputSource, tolerance, null);
  }

  /**
   * As {@link #rheobase(NeuronCircuit, FvCurve, Map, String, double)}, passing {@code progress} to each
   * run of the bisection (null for none); an exception thrown by it stops the bisection.
   */
  public static double rheobase(NeuronCircuit c, FvCurve curve, Map<String, String> params, String inputSource,
      double tolerance, org.neuristor.circuit.TransientAnalysis.Progress progress) {
    List<RatePoint> p = curve.points();
    for (int k = 0; k < p.size(); k++) {
      if (p.get(k).spikes() >= 2) {
        if (k == 0) {
          return p.get(0).input();
        }
        return org.neuristor.measure.FiCurve.rheobase(x -> {
          Map<String, String> q = new java.util.LinkedHashMap<>(params);
          q.put("vin", String.format(Locale.ROOT, "%.17g", x));
          return c.features(run(c, q, inputSource, progress)).spikeTimes().length >= 2;
        }, p.get(k - 1).input(), p.get(k).input(), tolerance);
      }
    }
    return Double.NaN;
  }

  /**
   * The rheobase of a curve from {@link #fv(NeuronCircuit, double[], Map)} and, when it is not a number the circuit
   * showed, why.
   *
   * @param volts the bisected rheobase; NaN when {@code reason} is given
   * @param reason null, or why there is no rheobase: no input fired repetitively, the lowest input already fires,
   *     or the run length set it ({@link org.neuristor.measure.FiCurve#windowLimited})
   */
  public record Rheobase(double volts, String reason) {}

  /**
   * The rheobase of a curve from {@link #fv(NeuronCircuit, double[], Map)} by bisection to {@code tolerance}
   * ({@link #rheobase(NeuronCircuit, FvCurve, Map, double, org.neuristor.circuit.TransientAnalysis.Progress)}), then
   * checked against the run length: when the input {@code tolerance} below it fires repetitively in a run {@link
   * org.neuristor.measure.FiCurve#LONGER_WINDOW} times as long as the circuit's tstop, the run length set the number
   * (a rate falling continuously to 0, or first spikes that come later near threshold): null with the bound. What
   * {@code neuron fi} and the Studio's f-V curve report.
   */
  public static Rheobase rheobaseChecked(NeuronCircuit c, FvCurve curve, Map<String, String> params,
      double tolerance, org.neuristor.circuit.TransientAnalysis.Progress progress) {
    List<RatePoint> p = curve.points();
    double rheo = rheobase(c, curve, params, tolerance, progress);
    if (Double.isNaN(rheo)) {
      return new Rheobase(Double.NaN, "no input up to " + p.get(p.size() - 1).input() + " V fired repetitively; "
          + "raise --to");
    }
    if (p.get(0).spikes() >= 2) {
      return new Rheobase(Double.NaN, "the lowest input already fires: the rheobase is at or below "
          + p.get(0).input() + " V; lower --from");
    }
    Map<String, String> drive = driveParameters(c, params);
    String source = c.drive().source();
    org.neuristor.circuit.Analysis a = compile(c, drive, source).analyses().get(0);
    if (!(a instanceof org.neuristor.circuit.Analysis.Tran tr)) {
      return new Rheobase(rheo, null);
    }
    String why = org.neuristor.measure.FiCurve.windowLimited(rheo, tolerance, tr.tstop() - tr.tstart(), "V",
        (x, seconds) -> {
          Map<String, String> q = new java.util.LinkedHashMap<>(drive);
          q.put("vin", String.format(Locale.ROOT, "%.17g", x));
          q.put("tstop", String.format(Locale.ROOT, "%.17g", tr.tstart() + seconds));
          SpikeFeatures f = c.features(run(c, q, source, progress));
          return f.spikeTimes().length >= 2 ? f.rateHz() : 0;
        });
    return why == null ? new Rheobase(rheo, null) : new Rheobase(Double.NaN, why);
  }

  /**
   * One run of a circuit with its spike features and the supply energy per spike.
   *
   * @param features the circuit's spike features ({@link NeuronCircuit#features}), the latency from the input's onset
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
    CircuitCompiler.Compiled cc = compile(c, params, input);
    List<String> saves = new ArrayList<>(cc.saves());
    saves.add("e(sources)");
    org.neuristor.circuit.Analysis.Outcome o = simulate(c, cc, saves, progress);
    Trace t = o.trace();
    SpikeFeatures f = c.features(t);
    if (t.has(INPUT)) {
      // the latency from the input's onset (the circuit's own pulse starts after a delay, a --stim pulse at its t0),
      // as model run measures it; from t = 0 it was the first spike's time
      f = f.withOnset(t.onset(INPUT));
    }
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
   * The firing-pattern label of a run of {@code c} under the {@code --stim} spec (null: the circuit's own input),
   * read on v(in) and the circuit's membrane; none, with the reason, under a Poisson train, a periodic pulse
   * train or a pwl that is not made of steps, pulses and ramps (see {@link FiringPatternClassifier#classifyRun}
   * and {@link FiringPatternClassifier#pwlNotMadeFor}).
   */
  public static FiringPatternClassifier.Result firingPattern(NeuronCircuit c, Trace t, String spec, double[] spikes) {
    String kind = spec == null ? "" : stimulusKind(spec);
    String why = null;
    if (kind.equals("poisson")) {
      why = "the input is a Poisson pulse train, a random input";
    } else if (kind.equals("pwl")) {
      double[] tv = pwlPoints(spec.substring(spec.indexOf(':') + 1));
      double[] times = IntStream.range(0, tv.length / 2).mapToDouble(k -> tv[2 * k]).toArray();
      double[] values = IntStream.range(0, tv.length / 2).mapToDouble(k -> tv[2 * k + 1]).toArray();
      why = FiringPatternClassifier.pwlNotMadeFor(new org.neuristor.circuit.element.Waveform.Pwl(times, values),
          t.axis()[t.size() - 1]);
    }
    return FiringPatternClassifier.classifyRun(t, INPUT, c.membrane(), spikes, why);
  }

  /** The kind of a stimulus specification ({@link #stimulus}): the word before its colon, lower case. */
  private static String stimulusKind(String spec) {
    int colon = spec.indexOf(':');
    return (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The input source for a stimulus specification: {@code dc:amp=V}, {@code pulse:amp=V,width=W
   * [,t0=T][,period=P]} (one pulse from T, or a train with period P; {@code delay} is accepted for
   * {@code t0}), {@code pwl:t0,v0,t1,v1,...} or {@code poisson:rate=HZ,amp=V,width=W[,seed=S]};
   * amplitudes in V, times in s, as plain numbers, with SPICE suffixes or with the unit ({@code 10n},
   * {@code 10ns}); {@code tstop} bounds pulse trains. Unknown keys, a width that is not positive, a
   * period not longer than the width and PWL times that go back are errors.
   */
  public static String stimulus(String spec, double tstop) {
    int colon = spec.indexOf(':');
    String kind = stimulusKind(spec);
    String rest = colon < 0 ? "" : spec.substring(colon + 1);
    if (kind.equals("pwl")) {
      return pwl(rest);
    }
    Map<String, String> units = switch (kind) {
      case "dc" -> Map.of("amp", "V");
      case "pulse" -> Map.of("amp", "V", "width", "s", "t0", "s", "delay", "s", "period", "s");
      case "poisson" -> Map.of("amp", "V", "width", "s", "rate", "Hz", "seed", "1");
      default -> throw NeuristorException.input("--stim: unknown kind '" + kind + "' (dc, pulse, pwl, poisson)");
    };
    Map<String, Double> kv = Stimulus.keyValues(rest, "--stim " + kind, units);
    if (kv.containsKey("delay") && kv.containsKey("t0")) {
      throw NeuristorException.input("--stim pulse: give t0 or delay, not both");
    }
    double amp = kv.getOrDefault("amp", Double.NaN);
    if (!Double.isFinite(amp)) {
      throw NeuristorException.input("--stim " + kind + " needs amp=<volts>");
    }
    if (kind.equals("dc")) {
      return Double.toString(amp);
    }
    double width = kv.getOrDefault("width", kind.equals("poisson") ? 50e-9 : Double.NaN);
    if (!(width > 0) || Double.isInfinite(width)) {
      throw NeuristorException.input("--stim " + kind + " needs a finite width=<seconds> > 0");
    }
    double edge = Math.min(width / 100, 1e-9);
    if (kind.equals("pulse")) {
      double delay = kv.getOrDefault("t0", kv.getOrDefault("delay", 0.0));
      double period = kv.getOrDefault("period", 0.0);
      if (!(delay >= 0) || Double.isInfinite(delay)) {
        throw NeuristorException.input("--stim pulse: t0 must be a finite time >= 0");
      }
      if (delay >= tstop) {
        // t0=10 read as 10 s where 10 ns was meant: the run would end before its input began
        throw NeuristorException.input(String.format(Locale.ROOT, "--stim pulse: t0 = %s s is not before the end of "
            + "the run (%s s), so the circuit would get no input; times are in seconds unless a unit or suffix is "
            + "written (10n, 10ns)", org.neuristor.ParameterSpec.fmt(delay), org.neuristor.ParameterSpec.fmt(tstop)));
      }
      if (kv.containsKey("period") && !(period > width + 2 * edge) || Double.isInfinite(period)) {
        throw NeuristorException.input("--stim pulse: period must exceed the width (" + width + " s), got " + period);
      }
      return period > 0 ? String.format(Locale.ROOT, "pulse(0 %s %s %s %s %s %s)", amp, delay, edge, edge, width,
          period) : String.format(Locale.ROOT, "pulse(0 %s %s %s %s %s %s 1)", amp, delay, edge, edge, width,
          2 * tstop);
    }
    double rate = kv.getOrDefault("rate", Double.NaN);
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw NeuristorException.input("--stim poisson needs rate=<Hz> > 0");
    }
    double seed = kv.getOrDefault("seed", 1.0);
    if (seed != Math.rint(seed)) {
      throw NeuristorException.input("--stim poisson: seed must be a whole number");
    }
    SplittableRandom r = new SplittableRandom((long) seed);
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

  /** {@code pwl:t0,v0,t1,v1,...}: times in s (non-decreasing, from 0), values in V. */
  private static String pwl(String rest) {
    double[] tv = pwlPoints(rest);
    StringBuilder sb = new StringBuilder("pwl(");
    for (int k = 0; k < tv.length; k++) {
      sb.append(k > 0 ? " " : "").append(String.format(Locale.ROOT, "%.17g", tv[k]));
    }
    return sb.append(')').toString();
  }

  /** The points of {@code pwl:t0,v0,t1,v1,...} (after the colon), time and value alternating, checked. */
  private static double[] pwlPoints(String rest) {
    String[] parts = rest.isBlank() ? new String[0] : rest.split(",");
    if (parts.length < 2 || parts.length % 2 != 0) {
      throw NeuristorException.input("--stim pwl needs time,value pairs, e.g. pwl:0,0,1u,2,5u,2");
    }
    double[] tv = new double[parts.length];
    double last = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < parts.length; k++) {
      boolean time = k % 2 == 0;
      double v;
      try {
        v = SpiceNumber.parse(parts[k], time ? "s" : "V");
      } catch (IllegalArgumentException e) {
        throw NeuristorException.input("--stim pwl: " + (time ? "time" : "value") + " " + (k / 2 + 1) + ": "
            + e.getMessage());
      }
      if (!Double.isFinite(v) || time && (v < last || v < 0)) {
        throw NeuristorException.input("--stim pwl: times must be finite, >= 0 and non-decreasing, got '"
            + parts[k].trim() + "'");
      }
      if (time) {
        last = v;
      }
      tv[k] = v;
    }
    return tv;
  }

  /**
   * Result of the paired-pulse protocol at one gap.
   *
   * @param secondAmplitude largest excursion of the output from its value at t = 0 after the second pulse began, in
   *     the direction of the polarity the protocol was given (volts, as the single pulse's spike amplitude is signed:
   *     negative for a circuit whose output falls, such as wang's drain)
   */
  public record PairedPulse(double gapSeconds, int spikes, double secondAmplitude) {}

  /**
   * Two identical pulses (amplitude, width), the second starting {@code gap} after the end of the
   * first; counts spikes of the circuit's firing device; the second amplitude is the largest rise of the output.
   */
  public static List<PairedPulse> pairedPulse(NeuronCircuit c, String stateSignal, double amp, double width,
      double[] gaps, Map<String, String> params) {
    return pairedPulse(c, stateSignal, amp, width, gaps, params, 1, null);
  }

  /** As above; {@code polarity} (+1 or -1) is the direction of the spike's output excursion. */
  private static List<PairedPulse> pairedPulse(NeuronCircuit c, String stateSignal, double amp, double width,
      double[] gaps, Map<String, String> params, double polarity,
      org.neuristor.circuit.TransientAnalysis.Progress progress) {
    PairedPulse[] out = new PairedPulse[gaps.length];
    IntStream.range(0, gaps.length).parallel().forEach(k -> {
      double t2 = secondPulseStart(width, gaps[k]);
      String src = pulses(amp, width, PULSE_START, t2);
      Trace t = run(c, params, src, progress);
      double[] sp = (stateSignal.equals(c.spikeState()) ? c.spikeDetector() : SpikeDetector.deviceState())
          .detect(t, stateSignal);
      double[] y = t.get(c.output());
      double[] a = t.axis();
      double second = 0;
      for (int i = 0; i < a.length; i++) {
        if (a[i] >= t2) {
          second = Math.max(second, polarity * (y[i] - y[0]));
        }
      }
      out[k] = new PairedPulse(gaps[k], sp.length, polarity * second);
    });
    return new ArrayList<>(List.of(out));
  }

  /**
   * Start of the second pulse of a pair: {@code gap} after the end of the first ({@link #PULSE_START}, {@code
   * width}). Computed as {@link #pulseEnd} computes the end, so that at gap 0 the second pulse starts exactly where
   * the first ends (the same sum in another order rounded to 1 ulp below it: PWL times that go back).
   */
  static double secondPulseStart(double width, double gap) {
    return pulseEnd(PULSE_START, width) + gap;
  }

  /** End of a rectangular pulse of {@link #pulses}, starting at {@code start}: its last PWL corner. */
  static double pulseEnd(double start, double width) {
    return start + 2 * EDGE + width;
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
  public static org.neuristor.measure.StrengthDuration strengthDuration(NeuronCircuit c, double[] durations,
      double lo, double hi, double relTol, Map<String, String> params) {
    return strengthDuration(c, durations, lo, hi, relTol, params, null);
  }

  /**
   * As {@link #strengthDuration(NeuronCircuit, double[], double, double, double, Map)}, passing
   * {@code progress} to every run (null for none; called from several threads); an exception thrown by
   * it stops the measurement.
   */
  public static org.neuristor.measure.StrengthDuration strengthDuration(NeuronCircuit c, double[] durations,
      double lo, double hi, double relTol, Map<String, String> params,
      org.neuristor.circuit.TransientAnalysis.Progress progress) {
    return org.neuristor.measure.StrengthDuration.measure(pulseProbe(c, params, progress), durations, lo, hi, relTol);
  }

  /**
   * Why the rheobase of {@code sd} (measured by {@link #strengthDuration}) is not the circuit's, or null: {@link
   * org.neuristor.measure.StrengthDuration#rheobaseReason} with the same pulses.
   */
  public static String strengthDurationRheobaseReason(NeuronCircuit c, org.neuristor.measure.StrengthDuration sd,
      double relTol, Map<String, String> params, org.neuristor.circuit.TransientAnalysis.Progress progress) {
    return sd.rheobaseReason(pulseProbe(c, params, progress), relTol);
  }

  /**
   * The rheobase and chronaxie of {@code sd} as {@code neuron sd} and the Studio print them: {@code rheobase_V} and
   * {@code chronaxie_s}, each null with its {@code *_reason} when {@code rheobaseReason} (from {@link
   * #strengthDurationRheobaseReason}) or {@link org.neuristor.measure.StrengthDuration#chronaxieReason} gives one.
   */
  public static Map<String, Object> strengthDurationValues(org.neuristor.measure.StrengthDuration sd,
      String rheobaseReason) {
    String chronaxieReason = sd.chronaxieReason(rheobaseReason);
    Map<String, Object> v = new java.util.LinkedHashMap<>();
    v.put("rheobase_V", rheobaseReason == null ? sd.rheobase() : null);
    if (rheobaseReason != null) {
      v.put("rheobase_reason", rheobaseReason);
    }
    v.put("chronaxie_s", chronaxieReason == null ? sd.chronaxie() : null);
    if (chronaxieReason != null) {
      v.put("chronaxie_reason", chronaxieReason);
    }
    return v;
  }

  /** Whether one pulse of an amplitude and width on {@code vin} makes the circuit spike. */
  private static org.neuristor.measure.StrengthDuration.Probe pulseProbe(NeuronCircuit c, Map<String, String> params,
      org.neuristor.circuit.TransientAnalysis.Progress progress) {
    return (amp, d) -> {
      Trace t = run(c, covering(c, params, PULSE_START + d), pulses(amp, d, PULSE_START), progress);
      return c.spikes(t).length > 0;
    };
  }

  /**
   * The all-or-nothing test of a library circuit: one pulse of each amplitude and the given width on
   * {@code vin}; the response is the peak of the output above its value at t = 0. Amplitudes run in parallel.
   */
  public static org.neuristor.measure.AllOrNothing allOrNothing(NeuronCircuit c, double[] amplitudes,
      double width, Map<String, String> params) {
    double[] resp = new double[amplitudes.length];
    boolean[] spiked = new boolean[amplitudes.length];
    Map<String, String> p = covering(c, params, PULSE_START + width);
    IntStream.range(0, amplitudes.length).parallel().forEach(k -> {
      Trace t = run(c, p, pulses(amplitudes[k], width, PULSE_START));
      double[] y = t.get(c.output());
      double peak = 0;
      for (double v : y) {
        peak = Math.max(peak, Math.abs(v - y[0]));
      }
      resp[k] = peak;
      spiked[k] = c.spikes(t).length > 0;
    });
    return org.neuristor.measure.AllOrNothing.of(amplitudes, resp, spiked);
  }

  /**
   * {@code aon} (from {@link #allOrNothing}, in one piece or put together from parts) with its threshold bracket
   * narrowed by bisection with single pulses of {@code width} until it is narrower than {@code relTol} times its
   * upper end ({@link org.neuristor.measure.AllOrNothing#refined}): the midpoint of the two given amplitudes around
   * the threshold is a number no pulse tried.
   */
  public static org.neuristor.measure.AllOrNothing allOrNothingRefined(NeuronCircuit c,
      org.neuristor.measure.AllOrNothing aon, double width, Map<String, String> params, double relTol,
      org.neuristor.circuit.TransientAnalysis.Progress progress) {
    org.neuristor.measure.StrengthDuration.Probe probe = pulseProbe(c, params, progress);
    return aon.refined(a -> probe.fires(a, width), relTol);
  }

  /**
   * The all-or-nothing test's results as {@code neuron aon} and the Studio print them: {@code threshold_V} (NaN,
   * printed null, with {@code threshold_reason} when the amplitudes do not bracket it) between {@code
   * threshold_below_V} (the largest amplitude found silent) and {@code threshold_above_V} (the smallest found to spike), the responses below and
   * above it and whether the test holds.
   */
  public static Map<String, Object> allOrNothingValues(org.neuristor.measure.AllOrNothing aon) {
    Map<String, Object> v = new java.util.LinkedHashMap<>();
    v.put("threshold_V", aon.threshold());
    if (aon.reason() != null) {
      v.put("threshold_reason", aon.reason());
    }
    v.put("threshold_below_V", aon.thresholdBelow());
    v.put("threshold_above_V", aon.thresholdAbove());
    v.put("largest_subthreshold_response_V", aon.largestBelow());
    v.put("mean_spike_response_V", aon.meanAbove());
    v.put("all_or_nothing", aon.allOrNothing());
    return v;
  }

  /**
   * A refractory period, or why there is none.
   *
   * @param seconds the smallest gap that gives a full second spike (NaN when not measured)
   * @param reason why it was not measured, or null
   */
  public record Refractory(double seconds, String reason) {}

  /** Gaps tried by {@link #refractoryPeriod}: up to this many pulse widths. */
  static final double MAX_GAP_WIDTHS = 20;

  /** Gap resolution of {@link #refractoryPeriod}, in pulse widths. */
  static final double GAP_RESOLUTION_WIDTHS = 0.01;

  /**
   * Relative refractory period by the paired-pulse protocol (physics.md 4.0): the smallest gap (from
   * the end of the first pulse to the start of the second) at which the second pulse gives a spike of
   * at least 90% of the single pulse's spike amplitude (in the direction of that spike: wang's output falls);
   * bisection to 1% of the pulse width, over gaps up to 20 pulse widths.
   *
   * <p>It first runs the single pulse alone (starting at {@link #PULSE_START}, as the pairs do) over the longest
   * run of a pair, and measures only when that pulse fires exactly one spike: none means the pulse does not excite
   * the circuit; several, at most one of them after the pulse, mean the pulse is longer than the refractory period
   * itself; two or more after the pulse has ended mean the circuit fires on without input (one kick sets off a
   * train, as in pickett2013, yi-phasic and yi-adapt), so it has no rest to recover to and a second spike in a pair
   * would not be the second pulse's.
   *
   * @param stateSignal the state whose spikes are counted in a pair (the neuristors' refractoriness is their
   *     "Na" channel M1 staying on, physics.md 4.2; {@link NeuronCircuit#refractoryState()})
   * @param tstop the circuit's run length; every run lasts at least this and half of it after the second pulse
   * @param progress reports {@code (runs done + fraction of the current run, most runs)} during every run (null for
   *     none); an exception thrown by it stops the protocol
   */
  public static Refractory refractoryPeriod(NeuronCircuit c, String stateSignal, Map<String, String> params,
      double amp, double width, double tstop, org.neuristor.circuit.TransientAnalysis.Progress progress) {
    // the single pulse, the two end points, then the bisection to GAP_RESOLUTION_WIDTHS
    int most = 3 + (int) Math.ceil(Math.log(MAX_GAP_WIDTHS / GAP_RESOLUTION_WIDTHS) / Math.log(2));
    int[] runs = {0};
    org.neuristor.circuit.TransientAnalysis.Progress each = progress == null ? null
        : (t, stop) -> progress.at(Math.min(most, runs[0] + t / stop), most);
    double maxGap = MAX_GAP_WIDTHS * width;
    Map<String, String> alone = new java.util.LinkedHashMap<>(params);
    double window = pairStop(tstop, width, maxGap);
    alone.put("tstop", Double.toString(window));
    Trace single = run(c, alone, pulses(amp, width, PULSE_START), each);
    runs[0]++;
    double[] sp = c.spikes(single);
    String what = String.format(Locale.ROOT, "a single pulse of %s V for %s s", org.neuristor.ParameterSpec.fmt(amp),
        org.neuristor.ParameterSpec.fmt(width));
    if (sp.length == 0) {
      return new Refractory(Double.NaN, "not measured: " + what + " does not fire");
    }
    double end = pulseEnd(PULSE_START, width);
    // a spike just after the end can still be the pulse's own (a switch's delay); a second one after it is not
    long after = java.util.Arrays.stream(sp).filter(s -> s > end).count();
    if (after >= 2) {
      return new Refractory(Double.NaN, String.format(Locale.ROOT, "not measured: %s fires %d spikes in %s s (the "
          + "longest run of a pair), the last %s s after the pulse ended: the circuit fires on without input, so it "
          + "has no rest to recover to and a second spike would not be the second pulse's", what, sp.length,
          org.neuristor.ParameterSpec.fmt(window), org.neuristor.ParameterSpec.fmt(sp[sp.length - 1] - end)));
    }
    if (sp.length > 1) {
      return new Refractory(Double.NaN, "not measured: " + what + " fires " + sp.length
          + " spikes, so the refractory period is shorter than the pulse; use a shorter pulse");
    }
    double singleAmplitude = c.features(single).amplitudeVolts();
    double polarity = singleAmplitude < 0 ? -1 : 1;
    java.util.function.DoublePredicate full = gap -> {
      Map<String, String> q = new java.util.LinkedHashMap<>(params);
      q.put("tstop", Double.toString(pairStop(tstop, width, gap)));
      PairedPulse r = pairedPulse(c, stateSignal, amp, width, new double[] {gap}, q, polarity, each).get(0);
      runs[0]++;
      return r.spikes() >= 2 && polarity * r.secondAmplitude() >= 0.9 * Math.abs(singleAmplitude);
    };
    if (!full.test(maxGap)) {
      return new Refractory(Double.NaN, "not measured: no full second spike up to a gap of " + (int) MAX_GAP_WIDTHS
          + " pulse widths");
    }
    if (full.test(0)) {
      return new Refractory(Double.NaN, "not measured: a second pulse right after the first (gap 0) already gives a "
          + "full spike: the circuit recovers within the pulse, so its refractory period is shorter than the pulse or "
          + "below the time resolution; use a shorter pulse");
    }
    return new Refractory(org.neuristor.measure.FiCurve.threshold(full, 0, maxGap, GAP_RESOLUTION_WIDTHS * width, 0),
        null);
  }

  /** Run length of a pair with this gap: the circuit's own, and at least half of it after the second pulse. */
  private static double pairStop(double tstop, double width, double gap) {
    return Math.max(tstop, PULSE_START + 2 * width + gap + 0.5 * tstop);
  }
}
