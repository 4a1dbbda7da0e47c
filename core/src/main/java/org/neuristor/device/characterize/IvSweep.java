package org.neuristor.device.characterize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
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

/**
 * Quasi-static I-V characterization of a two-terminal device driven by a voltage source through
 * an optional series resistor and an optional current compliance: either a DC up/down sweep
 * (continuation, so the hysteresis of bistable devices is kept) or a transient triangle
 * 0 -&gt; +A -&gt; 0 -&gt; -A -&gt; 0 at a given ramp rate. Extracts, per polarity, V_th (the largest device
 * voltage on the rising ramp before the device is ON: the voltage just before the largest conductance rise where the
 * device voltage rises up to it and the jump takes the device ON, {@link #VTH_JUMP}; the peak of the S-shaped I-V
 * where the device turns on along a negative-resistance branch behind a series resistor, {@link #VTH_PEAK}; where it
 * comes ON on a gradual turn-on without a peak, {@link #VTH_ON}), V_hold (device voltage just before the
 * largest current drop on the falling ramp), R_off (median v/i of the rising ramp below the jump
 * with |v| above 10 % of V_th), R_on (median v/i on the ON branch) and the hysteresis window
 * V_th - V_hold.
 */
public final class IvSweep {
  private IvSweep() {}

  /**
   * V_th read at the jump: the device voltage rises up to the largest conductance rise, and V_th is the voltage just
   * before it (an abrupt switch, and any device driven without a series resistor).
   */
  public static final String VTH_JUMP = "jump";

  /**
   * V_th read at the peak: the device voltage peaks and falls before the largest conductance rise (behind a series
   * resistor the device turns on along its negative-resistance branch until the load line is tangent to the S-shaped
   * I-V, then jumps). V_th is that largest device voltage, the turning point of the S-curve where a measured I-V
   * snaps back (physics.md 3.2: for R_s -&gt; 0 the jump occurs at V_th of the S-curve). The voltage just before the
   * largest rise lay somewhere on the falling branch, where the sampling put it, and moved with the resolution.
   */
  public static final String VTH_PEAK = "peak";

  /**
   * V_th read where the device comes ON: it turns on gradually, its voltage rising all the way (no jump that takes it
   * ON in one sample, no peak), and V_th is the device voltage at the last sample before its resistance comes within
   * 3x of R_on (the factor of the switching criterion).
   */
  public static final String VTH_ON = "on";

  /** V_hold read just before the largest conductance fall, the device OFF within one source step after it. */
  public static final String VHOLD_JUMP = "jump";

  /**
   * V_hold read at the trough: the device voltage falls to a minimum and rises before the device is OFF (behind a series
   * resistor the device turns off along its negative-resistance branch). V_hold is that smallest device voltage, the
   * S-curve's lower turning point where a measured I-V snaps back on the way down.
   */
  public static final String VHOLD_TROUGH = "trough";

  /**
   * V_hold read where the device is OFF: a gradual turn-off without a trough, at the last sample before its resistance
   * comes within 3x of R_off.
   */
  public static final String VHOLD_OFF = "off";

  /**
   * Extracted figures of one polarity (magnitudes).
   *
   * @param vthVolts apparent threshold voltage across the device: where it switches on (for a non-volatile device
   *     its SET voltage, also {@code vsetVolts})
   * @param vholdVolts apparent hold voltage across the device
   * @param ronOhm ON resistance (median v/i on the ON branch; for a RESET, the ON state before it)
   * @param roffOhm OFF resistance (for a RESET, the OFF state after it)
   * @param windowVolts V_th - V_hold
   * @param returnedToHrs whether the device is back in its high-resistance state at the end of the ramp
   * @param switched whether the device switched on: a current jump up on the rising ramp and an ON branch at least
   *     3x more conductive than the OFF branch
   * @param reason why V_th, V_hold, R_on and the window are NaN (no switch, or a RESET), or V_hold and the window (no
   *     hold point: the device switched on but did not turn off on the falling ramp, or turned off again before the
   *     peak), or only the window (no hysteresis: the device turned off where it turned on); what the device did
   *     after it turned off (switched on again); or null
   * @param endsOn whether the device switched on and did not turn off on the ramp (no hold point, no RESET on the
   *     rising ramp): {@link #sweep} then holds it at the read voltage to see whether it relaxes
   * @param vsetVolts the SET voltage: V_th of a device that switched on and kept its ON state while held at the read
   *     voltage after the ramp ({@link #sweep}); NaN otherwise
   * @param vresetVolts the RESET voltage: where a device that started this polarity in its ON state turned off on the
   *     rising ramp and stayed off (its R_on and R_off are the states before and after); NaN otherwise
   * @param relaxationSeconds for a device that ended the ramp ON: how long after the ramp, held at the read voltage,
   *     it took to turn off (become more than 3x as resistive as R_on); NaN when it did not or was not held
   * @param vthDefinition how V_th was read: {@link #VTH_JUMP}, {@link #VTH_PEAK} or {@link #VTH_ON}; null when there is
   *     no V_th
   * @param vthBracketVolts {low, high} around V_th, how precisely the sampling fixes it: for {@link #VTH_JUMP} V_th
   *     plus and minus the sweep's source step (the most the source moves between two samples: the switch lies within
   *     one of the read); for {@link #VTH_PEAK} [V_th, V_th + the larger device-voltage step to its neighbouring
   *     samples] (a sampled maximum is at or below the curve's, and a smooth peak lies within a neighbouring step above
   *     it); for {@link #VTH_ON} [V_th, V_th + that step, including the one to the first sample ON]. It does not hold
   *     the integration error of a ramp as fast as the device; null when there is no V_th
   * @param vholdDefinition how V_hold was read, the mirror of V_th on the falling ramp: {@link #VHOLD_JUMP},
   *     {@link #VHOLD_TROUGH} or {@link #VHOLD_OFF}; null when there is no V_hold
   * @param vholdBracketVolts {low, high} around V_hold: for {@link #VHOLD_JUMP} V_hold plus and minus the falling ramp's
   *     source step; for {@link #VHOLD_TROUGH} and {@link #VHOLD_OFF} [V_hold - the larger device-voltage step to its
   *     neighbouring samples, V_hold] (a sampled minimum is at or above the curve's); null when there is no V_hold
   */
  public record Branch(double vthVolts, double vholdVolts, double ronOhm, double roffOhm, double windowVolts,
      boolean returnedToHrs, boolean switched, String reason, boolean endsOn, double vsetVolts, double vresetVolts,
      double relaxationSeconds, String vthDefinition, double[] vthBracketVolts, String vholdDefinition,
      double[] vholdBracketVolts) {
    Branch(double vthVolts, double vholdVolts, double ronOhm, double roffOhm, double windowVolts,
        boolean returnedToHrs, boolean switched, String reason) {
      this(vthVolts, vholdVolts, ronOhm, roffOhm, windowVolts, returnedToHrs, switched, reason, false, Double.NaN,
          Double.NaN, Double.NaN, null, null);
    }

    Branch(double vthVolts, double vholdVolts, double ronOhm, double roffOhm, double windowVolts,
        boolean returnedToHrs, boolean switched, String reason, boolean endsOn, double vsetVolts, double vresetVolts,
        double relaxationSeconds, String vthDefinition, double[] vthBracketVolts) {
      this(vthVolts, vholdVolts, ronOhm, roffOhm, windowVolts, returnedToHrs, switched, reason, endsOn, vsetVolts,
          vresetVolts, relaxationSeconds, vthDefinition, vthBracketVolts, null, null);
    }

    /** This branch with V_th read as {@code definition}, bracketed by {@code bracketVolts}. */
    Branch readAs(String definition, double[] bracketVolts) {
      return new Branch(vthVolts, vholdVolts, ronOhm, roffOhm, windowVolts, returnedToHrs, switched, reason, endsOn,
          vsetVolts, vresetVolts, relaxationSeconds, definition, bracketVolts, vholdDefinition, vholdBracketVolts);
    }

    /** This branch with V_hold read as {@code definition}, bracketed by {@code bracketVolts}. */
    Branch heldAs(String definition, double[] bracketVolts) {
      return new Branch(vthVolts, vholdVolts, ronOhm, roffOhm, windowVolts, returnedToHrs, switched, reason, endsOn,
          vsetVolts, vresetVolts, relaxationSeconds, vthDefinition, vthBracketVolts, definition, bracketVolts);
    }

    /** Whether the device changed its state in this polarity: switched on, or was RESET. */
    public boolean changed() {
      return switched || !Double.isNaN(vresetVolts);
    }
  }

  /**
   * Result of a sweep.
   *
   * @param trace columns {@code v} (device voltage, V), {@code i} (device current, A), {@code vs} (source)
   *     against the sample index or time
   * @param negativeFresh the negative half swept alone on a fresh device (0 -&gt; -amp -&gt; 0 at the same
   *     rate), or null when not swept ({@link #withFreshNegative})
   */
  public record Result(Trace trace, Branch positive, Branch negative, Branch negativeFresh) {
    /** A result without the fresh negative half. */
    public Result(Trace trace, Branch positive, Branch negative) {
      this(trace, positive, negative, null);
    }

    /**
     * Why the negative half differs from the same half swept on a fresh device, or null when it does
     * not (or was not compared). The triangle sweeps the negative half after the positive one, from
     * the state that half left; a device with memory (the minor loops of {@code vo2}, a non-volatile
     * synapse) then switches elsewhere than a fresh one, although its model is symmetric.
     */
    public String history() {
      if (negativeFresh == null) {
        return null;
      }
      Branch n = negative;
      Branch f = negativeFresh;
      double tol = amplitude() / 1000; // two sampling steps of the source
      boolean same = n.switched() == f.switched() && close(n.vthVolts(), f.vthVolts(), tol)
          && close(n.vholdVolts(), f.vholdVolts(), tol)
          && close(n.roffOhm(), f.roffOhm(), 0.01 * Math.abs(f.roffOhm()));
      if (same) {
        return null;
      }
      return String.format(Locale.ROOT, "the negative half starts in the state the positive half left (R_off %.4g Ohm "
          + "against %.4g Ohm on a fresh device); a fresh device %s in this polarity, this sweep %s",
          n.roffOhm(), f.roffOhm(), switching(f), switching(n));
    }

    private static String switching(Branch b) {
      if (!Double.isNaN(b.vresetVolts())) {
        return String.format(Locale.ROOT, "is RESET at %.6g V", b.vresetVolts());
      }
      if (!b.switched()) {
        return "does not switch";
      }
      if (!Double.isNaN(b.vsetVolts())) {
        return String.format(Locale.ROOT, "SETs%s and keeps its ON state", atVolts(b.vsetVolts()));
      }
      return Double.isNaN(b.vholdVolts()) ? String.format(Locale.ROOT, "switches%s and has no hold point",
          atVolts(b.vthVolts())) : String.format(Locale.ROOT, "switches%s and holds to %.6g V", atVolts(b.vthVolts()),
          b.vholdVolts());
    }

    private static boolean close(double a, double b, double tol) {
      return Double.isNaN(a) && Double.isNaN(b) || Math.abs(a - b) <= tol;
    }

    /** The amplitude of the triangle (V). */
    public double amplitude() {
      double[] vs = trace.get("vs");
      double m = 0;
      for (double x : vs) {
        m = Math.max(m, Math.abs(x));
      }
      return m;
    }
  }

  /** The default triangle amplitude of {@code iv}: 1.5 V_th, or 2 V for a device without a V_th. */
  public static double defaultAmplitude(java.util.Map<String, Double> resolved) {
    return resolved.containsKey("vth") ? 1.5 * resolved.get("vth") : 2.0;
  }

  /** Largest amplitude {@link #findingThreshold} tries (V). */
  public static final double MAX_AUTO_AMPLITUDE = 64;

  /** The ramp rate of {@code iv} when none is given: 10 amplitudes per second (V/s). */
  public static double defaultRate(double amp) {
    return 10 * amp;
  }

  /** The resolution of {@code iv}'s triangle: the source moves at most amp/2000 per time step (V). */
  public static double resolution(double amp) {
    return amp / 2000;
  }

  /**
   * The sweep of {@code iv} (the command, the studio and sweep jobs of type iv): the triangle at {@code amp}, or
   * {@link #findingThreshold} when {@code amp} is NaN; the negative half also swept alone on a fresh device
   * ({@link #withFreshNegative}); and each half that ended ON held at the read voltage to see whether the device
   * relaxes ({@link #relaxing}).
   *
   * @param device builds a fresh device, the same each time
   * @param amp triangle amplitude (V), NaN to find it
   * @param rate ramp rate (V/s), NaN or 0 for {@link #defaultRate}
   */
  public static Result sweep(java.util.function.Supplier<Element> device, Map<String, Double> resolved, double amp,
      double rate, double seriesOhm, double complianceAmps) {
    boolean given = rate > 0;
    try {
      Result r = Double.isNaN(amp)
          ? findingThreshold(device, defaultAmplitude(resolved), given ? rate : 0, seriesOhm, complianceAmps)
          : triangle(device.get(), amp, given ? rate : defaultRate(amp), seriesOhm, complianceAmps, resolution(amp));
      double a = r.amplitude();
      double rt = given ? rate : defaultRate(a);
      return relaxing(withFreshNegative(r, device, rt, seriesOhm, complianceAmps), device, rt, seriesOhm,
          complianceAmps);
    } catch (NeuristorException e) {
      Double on = resolved.get("tauon");
      Double off = resolved.get("tauoff");
      if (on == null || off == null || !(Math.max(on, off) > STIFF * Math.min(on, off))) {
        throw e;
      }
      throw new NeuristorException(String.format(Locale.ROOT, "%s; this switch's time constants differ by a factor %.2g "
          + "(tauon %.3g s, tauoff %.3g s): while it is ON its state follows the fast one and the time step stays near "
          + "it (a fit of DC sweeps alone does not determine them: set them, e.g. "
          + "--param tauon=10n,tauoff=100n)", e.getMessage(), Math.max(on, off) / Math.min(on, off), on, off),
          e.exitCode(), e);
    }
  }

  /**
   * Ratio of a switch's time constants above which {@link #sweep} names them when it fails: the {@code ts} presets
   * span 5 to 100; 1e-8 s against 1e-4 s (1e4) already stops {@code iv ts}'s default sweep.
   */
  static final double STIFF = 1e3;

  /**
   * Time steps an I-V transient may take per step of its resolution ({@link #resolution}: 2,000 per ramp): a device
   * whose state changes far faster than the ramp holds the step near its fastest time constant, and the engine's own
   * limit (50 million steps) let such a sweep run for minutes (a switch with tauon 1e-7 s and tauoff 0.1 s: 110 s)
   * before it finished or failed.
   */
  static final long STEPS_PER_POINT = 1000;

  /**
   * The sweep used when no amplitude is given: at {@link #defaultAmplitude}, then, while the device
   * does not switch in either polarity, at twice the amplitude up to {@link #MAX_AUTO_AMPLITUDE}
   * (a thermal device such as VO2 switches near 7 V, above the 2 V a device without a V_th starts
   * at). The ramp rate is {@link #defaultRate} unless given ({@code rate > 0}).
   *
   * @param device builds a fresh device for each try
   */
  public static Result findingThreshold(java.util.function.Supplier<Element> device, double start, double rate,
      double seriesOhm, double complianceAmps) {
    double amp = start;
    while (true) {
      Result r = triangle(device.get(), amp, rate > 0 ? rate : defaultRate(amp), seriesOhm, complianceAmps,
          resolution(amp));
      if (r.positive().changed() || r.negative().changed() || 2 * amp > MAX_AUTO_AMPLITUDE) {
        return r;
      }
      amp *= 2;
    }
  }

  /**
   * Each half of the result that ended ON ({@link Branch#endsOn}) swept again on a fresh device (the positive half
   * alone; the whole triangle for its negative half; the fresh negative half alone) with the source then held at the
   * read voltage ({@link #resolution}, in that half's polarity) for as long as the half's two ramps took: a device
   * that turns off meanwhile is volatile but slower than the ramp ({@link Branch#relaxationSeconds}); one that stays
   * ON keeps a SET ({@link Branch#vsetVolts}). A half that turned off but is not back in its high-resistance state at
   * the end of the ramp is held the same way, and its reason says when it is. A half that turned off on its rising
   * ramp from an ON start (a RESET)
   * is held at the read voltage from its start instead of ramped: a device that turns off by itself there too relaxes
   * (a volatile device the other half left ON), and that is no RESET.
   */
  static Result relaxing(Result r, java.util.function.Supplier<Element> device, double rate, double seriesOhm,
      double complianceAmps) {
    double a = r.amplitude();
    Probe pr = new Probe(device, a, rate, seriesOhm, complianceAmps);
    Branch p = pr.check(r.positive(), new double[] {0}, 1);
    Branch n = pr.check(r.negative(), new double[] {0, a, 0}, -1);
    Branch f = r.negativeFresh() == null ? null : pr.check(r.negativeFresh(), new double[] {0}, -1);
    return new Result(r.trace(), p, n, f);
  }

  /** The hold probes of {@link #relaxing}: fresh devices, the sweep's amplitude, rate and circuit. */
  private record Probe(java.util.function.Supplier<Element> device, double amp, double rate, double seriesOhm,
      double complianceAmps) {
    /** The branch checked by its probe: {@code before} are the source's corners before this half (from 0 V). */
    Branch check(Branch b, double[] before, int sign) {
      if (b.endsOn()) {
        double[] volts = java.util.Arrays.copyOf(before, before.length + 2);
        volts[before.length] = sign * amp;
        return ended(b, hold(volts, sign, 3 * b.ronOhm()));
      }
      if (!Double.isNaN(b.vresetVolts())) {
        return reset(b, hold(before, sign, 3 * b.ronOhm()));
      }
      if (b.switched() && !Double.isNaN(b.vholdVolts()) && !b.returnedToHrs()) {
        double[] volts = java.util.Arrays.copyOf(before, before.length + 2);
        volts[before.length] = sign * amp;
        return notBack(b, hold(volts, sign, 0.5 * b.roffOhm()));
      }
      return b;
    }

    /**
     * The ramps through {@code volts} (one amplitude each, from 0 V), the last ending at the read voltage, then the
     * source held there for two ramps' time: {the resistance at the start of the hold, at its end, the time held until
     * the device was more resistive than {@code offOhm} (NaN if it was not), the read voltage, the hold}.
     */
    double[] hold(double[] volts, int sign, double offOhm) {
      int n = volts.length;
      double q = amp / rate;
      double read = sign * resolution(amp);
      double[] t = new double[n + 1];
      double[] w = new double[n + 1];
      for (int k = 0; k < n; k++) {
        t[k] = k * q;
        w[k] = volts[k];
      }
      w[n - 1] = read;
      t[n] = t[n - 1] + 2 * q;
      w[n] = read;
      Trace tr = run(device.get(), t, w, rate, seriesOhm, complianceAmps, resolution(amp));
      double[] time = tr.axis();
      double[] v = tr.get("v");
      double[] i = tr.get("i");
      double end = t[n - 1];
      double off = Double.NaN;
      double first = Double.NaN;
      double last = Double.NaN;
      for (int k = 0; k < time.length; k++) {
        if (time[k] >= end && i[k] != 0 && v[k] != 0) {
          last = Math.abs(v[k] / i[k]);
          first = Double.isNaN(first) ? last : first;
          if (Double.isNaN(off) && last > offOhm) {
            off = time[k] - end;
          }
        }
      }
      return new double[] {first, last, off, Math.abs(read), 2 * q};
    }

    private Branch ended(Branch b, double[] h) {
      if (Double.isNaN(h[2])) {
        return new Branch(b.vthVolts(), b.vholdVolts(), b.ronOhm(), b.roffOhm(), b.windowVolts(), b.returnedToHrs(),
            true, join(noVth(b), String.format(Locale.ROOT, "SET%s: the device switched on and keeps its ON state: "
                + "%.4g Ohm at the end of the ramp and still %.4g Ohm held at %.3g V for %.3g s after it (R_on %.4g Ohm, "
                + "R_off %.4g Ohm); it does not relax, so it has no hold point", atVolts(b.vthVolts()), h[0], h[1], h[3],
                h[4], b.ronOhm(), b.roffOhm())), true, b.vthVolts(), Double.NaN, Double.NaN, b.vthDefinition(),
            b.vthBracketVolts());
      }
      return new Branch(b.vthVolts(), b.vholdVolts(), b.ronOhm(), b.roffOhm(), b.windowVolts(), b.returnedToHrs(),
          true, join(noVth(b), String.format(Locale.ROOT, "no hold point on this ramp: the device did not turn off on "
              + "the falling ramp (%.4g Ohm at its end; R_on %.4g Ohm, R_off %.4g Ohm); held at %.3g V after it, it "
              + "turned off (above 3x R_on) after %.3g s: it is volatile, but relaxes more slowly than this ramp (%.4g "
              + "V/s) falls; a slower rate gives its hold point", h[0], b.ronOhm(), b.roffOhm(), h[3], h[2], rate)), true, Double.NaN,
          Double.NaN, h[2], b.vthDefinition(), b.vthBracketVolts());
    }

    private Branch notBack(Branch b, double[] h) {
      String why = Double.isNaN(h[2]) ? String.format(Locale.ROOT, "held at %.3g V for %.3g s after it, it is still "
          + "%.4g Ohm", h[3], h[4], h[1]) : h[2] == 0 ? String.format(Locale.ROOT, "it is by its end (%.4g Ohm): it "
          + "relaxes more slowly than this ramp (%.4g V/s) falls", h[0], rate) : String.format(Locale.ROOT, "held at "
          + "%.3g V after it, it is after %.3g s: it relaxes more slowly than this ramp (%.4g V/s) falls", h[3], h[2],
          rate);
      return new Branch(b.vthVolts(), b.vholdVolts(), b.ronOhm(), b.roffOhm(), b.windowVolts(), false, true, join(
          b.reason(), String.format(Locale.ROOT, "it turned off at %.6g V, but was not yet back in its high-resistance "
              + "state (above R_off/2, R_off %.4g Ohm) over the lower half of the falling ramp; %s", b.vholdVolts(),
              b.roffOhm(), why)), false, Double.NaN, Double.NaN, Double.NaN, b.vthDefinition(), b.vthBracketVolts(),
          b.vholdDefinition(), b.vholdBracketVolts());
    }

    private Branch reset(Branch b, double[] h) {
      if (Double.isNaN(h[2])) {
        return b;
      }
      return new Branch(Double.NaN, Double.NaN, Double.NaN, b.roffOhm(), Double.NaN, true, false, String.format(
          Locale.ROOT, "no switch: the device started this polarity in a low-resistance state (%.4g Ohm) and turned "
              + "off on the rising ramp at %.6g V, but held at %.3g V instead of ramped it turns off too, after %.3g "
              + "s: it relaxes by itself, so that is no RESET", b.ronOhm(), b.vresetVolts(), h[3], h[2]));
    }
  }

  private static Circuit circuit(Element device, Waveform w, double seriesOhm, double complianceAmps) {
    Circuit.Builder b = Circuit.builder("iv sweep");
    boolean direct = complianceAmps <= 0 && seriesOhm <= 0;
    // with nothing in series the source drives the device terminal directly
    b.add(new VoltageSource("vs", direct ? "a" : "in", "0", w));
    String node = "in";
    if (direct) {
      b.add(device);
      return b.build();
    }
    if (complianceAmps > 0) {
      b.add(new ComplianceLimiter("ilim", node, "c", complianceAmps, 1.0));
      node = "c";
    }
    if (seriesOhm > 0) {
      b.add(new Resistor("rs", node, "a", seriesOhm));
      node = "a";
    } else if (!node.equals("in")) {
      b.add(new Resistor("rs", node, "a", 1e-3));
    }
    b.add(device);
    return b.build();
  }

  /** DC up/down sweeps to +amp and to -amp with the given voltage step. */
  public static Result dc(String type, Map<String, ?> params, double amp, double step, double seriesOhm,
      double complianceAmps) {
    return dc(DeviceRegistry.create(type, "dut", List.of("a", "0"), params, 1), amp, step, seriesOhm, complianceAmps);
  }

  /** DC up/down sweeps of an already built device whose terminals are {@code a} and {@code 0}. */
  public static Result dc(Element device, double amp, double step, double seriesOhm, double complianceAmps) {
    MnaSystem sys = new MnaSystem(circuit(device, new Waveform.Dc(0), seriesOhm, complianceAmps));
    List<String> save = List.of("v(a)", "i(vs)", src(seriesOhm, complianceAmps));
    Trace up = new DcSweep("vs", 0, amp, step, true).run(sys, save).trace();
    Trace down = new DcSweep("vs", 0, -amp, step, true).run(sys, save).trace();
    double[] v = concat(up.get("v(a)"), down.get("v(a)"));
    double[] i = negate(concat(up.get("i(vs)"), down.get("i(vs)")));
    double[] vs = concat(up.get(src(seriesOhm, complianceAmps)), down.get(src(seriesOhm, complianceAmps)));
    return extract(v, i, vs, index(v.length), "index");
  }

  /**
   * Transient triangle sweep 0 -&gt; +amp -&gt; 0 -&gt; -amp -&gt; 0 with the {@link #resolution}.
   *
   * @param rateVoltsPerSecond ramp rate (V/s); slow compared with the device time constants gives a quasi-static curve
   */
  public static Result transient_(String type, Map<String, ?> params, double amp, double rateVoltsPerSecond,
      double seriesOhm) {
    return triangle(DeviceRegistry.create(type, "dut", List.of("a", "0"), params, 1), amp, rateVoltsPerSecond,
        seriesOhm, 0, resolution(amp));
  }

  /** Transient triangle sweep of a built device (terminals {@code a}, {@code 0}). */
  public static Result triangle(Element device, double amp, double rateVoltsPerSecond, double seriesOhm,
      double complianceAmps, double resolutionVolts) {
    return ramps(device, new double[] {0, amp, 0, -amp, 0}, rateVoltsPerSecond, seriesOhm, complianceAmps,
        resolutionVolts);
  }

  /**
   * The result with its negative half also swept alone on a fresh device (0 -&gt; -amp -&gt; 0 at the
   * given rate), so that {@link Result#history} can say whether the triangle's negative half shows the
   * device or the state the positive half left.
   *
   * @param device builds a fresh device, the same as the one swept
   */
  public static Result withFreshNegative(Result r, java.util.function.Supplier<Element> device,
      double rateVoltsPerSecond, double seriesOhm, double complianceAmps) {
    double amp = r.amplitude();
    Result fresh = ramps(device.get(), new double[] {0, -amp, 0}, rateVoltsPerSecond, seriesOhm, complianceAmps,
        resolution(amp));
    return new Result(r.trace(), r.positive(), r.negative(), fresh.negative());
  }

  /** Linear ramps through the given source voltages, each |step| taking |step|/rate seconds (one amplitude each). */
  private static Result ramps(Element device, double[] volts, double rateVoltsPerSecond, double seriesOhm,
      double complianceAmps, double resolutionVolts) {
    double amp = Math.abs(volts[1]);
    if (!(amp > 0) || !(rateVoltsPerSecond > 0)) {
      throw NeuristorException.input("triangle sweep needs amp > 0 and rate > 0");
    }
    double q = amp / rateVoltsPerSecond;
    double[] times = new double[volts.length];
    for (int k = 0; k < times.length; k++) {
      times[k] = k * q;
    }
    Trace t = run(device, times, volts, rateVoltsPerSecond, seriesOhm, complianceAmps, resolutionVolts);
    return extract(t.get("v"), t.get("i"), t.get("vs"), t.axis(), "time");
  }

  /** The device driven by the source (piecewise linear through {@code times}, {@code volts}): columns v, i and vs. */
  private static Trace run(Element device, double[] times, double[] volts, double rateVoltsPerSecond,
      double seriesOhm, double complianceAmps, double resolutionVolts) {
    Waveform w = new Waveform.Pwl(times, volts);
    MnaSystem sys = new MnaSystem(circuit(device, w, seriesOhm, complianceAmps));
    double tstop = times[times.length - 1];
    // the source may move at most resolutionVolts per step, which sets the resolution of V_th, V_hold
    double hmax = Math.min(resolutionVolts / rateVoltsPerSecond, tstop / 400);
    long points = (long) Math.ceil(tstop / hmax);
    TransientAnalysis.Result r;
    try {
      r = new TransientAnalysis(hmax, tstop, 0, hmax, true).maxSteps(STEPS_PER_POINT * points)
          .run(sys, List.of("v(a)", "i(vs)", src(seriesOhm, complianceAmps)));
    } catch (org.neuristor.ConvergenceException e) {
      double at = Trace.interpolate(times, volts, e.time());
      throw new NeuristorException(String.format(Locale.ROOT, "I-V sweep (source 0 -> %.4g V at %.4g V/s) stopped %.4g s "
          + "in, with the source at %.4g V: %s; the time step fell to %.3g s against the sweep's %.3g s (at most %d "
          + "steps, %d per step of the sweep's resolution)", volts[1], rateVoltsPerSecond, e.time(), at, e.getMessage(),
          e.step(), hmax, STEPS_PER_POINT * points, STEPS_PER_POINT), e.exitCode(), e);
    }
    Trace t = r.trace();
    Map<String, double[]> cols = new java.util.LinkedHashMap<>();
    cols.put("v", t.get("v(a)"));
    cols.put("i", negate(t.get("i(vs)")));
    cols.put("vs", t.get(src(seriesOhm, complianceAmps)));
    return Trace.of("time", t.axis(), cols);
  }

  private static String src(double seriesOhm, double complianceAmps) {
    return complianceAmps <= 0 && seriesOhm <= 0 ? "v(a)" : "v(in)";
  }

  private static double[] index(int n) {
    double[] a = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = k;
    }
    return a;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = new double[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static double[] negate(double[] a) {
    double[] c = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      c[k] = -a[k];
    }
    return c;
  }

  private static Result extract(double[] v, double[] i, double[] vs, double[] axis, String axisName) {
    Map<String, double[]> cols = new java.util.LinkedHashMap<>();
    cols.put("v", v);
    cols.put("i", i);
    cols.put("vs", vs);
    Trace trace = Trace.of(axisName, axis, cols);
    return new Result(trace, branch(v, i, vs, 1), branch(v, i, vs, -1));
  }

  /**
   * The share of a sweep's amplitude above which a gradual turn-on is cut short by the ramp's turning point: the
   * device must be ON before the source reaches it for V_th to be read (see {@link #branch}).
   */
  static final double TOP_OF_RAMP = 0.95;

  /** Extraction on the samples where sign(v_source) = sign. */
  static Branch branch(double[] v, double[] i, double[] vs, int sign) {
    List<Integer> idx = new ArrayList<>();
    for (int k = 0; k < v.length; k++) {
      if (sign * vs[k] >= 0 && (idx.isEmpty() || idx.get(idx.size() - 1) == k - 1 || sign * vs[k] > 0)) {
        if (sign * vs[k] > 0 || (k + 1 < v.length && sign * vs[k + 1] > 0) || (k > 0 && sign * vs[k - 1] > 0)) {
          idx.add(k);
        }
      }
    }
    if (idx.size() < 4) {
      return new Branch(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, false,
          "no samples of this polarity");
    }
    int peak = idx.get(0);
    for (int k : idx) {
      if (sign * vs[k] > sign * vs[peak]) {
        peak = k;
      }
    }
    int first = idx.get(0);
    // this polarity's falling ramp ends where its run of samples from the peak does: the source's round-off after the
    // other half (8.8e-47 V through a compliance limiter) puts stray samples of this sign after it, and the falling
    // ramp of this polarity then ran through the other half (the positive V_hold of a compliance-limited sweep was the
    // negative half's turn-off)
    int run = idx.indexOf(peak);
    while (run + 1 < idx.size() && idx.get(run + 1) == idx.get(run) + 1) {
      run++;
    }
    int last = idx.get(run);
    // near 0 V, v and i are the solver's round-off (1e-45 V and an opposite 1e-45 A through a compliance
    // limiter): their ratio is no conductance, and a jump or drop there is none
    double vmin = 1e-6 * Math.abs(v[peak]);
    int jump = steepest(v, i, first, peak, vmin, 1);
    int drop = steepest(v, i, peak, last, vmin, -1);
    // a device can turn off again on the rising ramp, before the peak (a PCM cell's RESET after it fires)
    int reset = jump >= 0 ? steepest(v, i, jump + 1, peak, vmin, -1) : -1;
    if (reset >= 0 && !turnsOff(v, i, jump, reset, peak, vmin)) {
      reset = -1;
    }
    // a drop is a hold point only where the device turns off. Any negative step won the search before: a non-volatile
    // device that stays ON down to 0 V, a film left metallic, round-off of a constant conductance at the sweep's peak
    if (drop >= 0 && (reset >= 0 || jump < 0 || !turnsOff(v, i, jump, drop, last, vmin))) {
      drop = -1;
    }
    List<Double> roffs = new ArrayList<>();
    int lim = jump >= 0 ? jump : peak;
    double vmax = Math.abs(v[lim]);
    for (int k = first; k <= lim; k++) {
      if (Math.abs(v[k]) > 0.1 * vmax && i[k] != 0) {
        roffs.add(Math.abs(v[k] / i[k]));
      }
    }
    roffs.sort(null);
    double roff = roffs.isEmpty() ? Double.NaN : roffs.get(roffs.size() / 2);
    // the ON branch: from the jump to where the device turns off (or to the end of this polarity when it does not)
    int onEnd = reset >= 0 ? reset : drop >= 0 ? drop : last;
    double ron = jump >= 0 ? median(v, i, jump + 1, onEnd, vmin) : Double.NaN;
    // V_th: the largest device voltage up to the jump. An abrupt switch is ON within one source step of the sweep (the
    // largest the source moves between two samples) after the jump, however finely the solver resolves the switching
    // in time. A gradual turn-on is not: its largest step between two samples lies wherever the sampling puts it, so
    // the window goes on to where the device is ON (within 3x of R_on, the factor of the switching criterion). At the
    // window's end V_th is VTH_JUMP (abrupt: the voltage just before the jump) or VTH_ON (gradual: the last sample not
    // yet ON); before it, a peak of the device voltage (VTH_PEAK): behind a series resistor the sample just before the
    // largest rise may lie on the falling branch, wherever the time steps put it
    int on = jump;
    while (on >= 0 && on < peak && !(Math.abs(v[on + 1] / i[on + 1]) <= 3 * ron)) {
      on++;
    }
    double sourceStep = largestStep(vs, first, peak - 1);
    // the source where the device is ON (or the ramp's top, where it is not)
    double onSource = Math.abs(vs[Math.min(on + 1, peak)]);
    boolean gradual = on > jump && onSource - Math.abs(vs[jump + 1]) > sourceStep;
    int stop = gradual ? on : jump;
    int at = stop;
    for (int k = first; k < stop; k++) {
      if (Math.abs(v[k]) > Math.abs(v[at])) {
        at = k;
      }
    }
    double vth = jump >= 0 ? Math.abs(v[at]) : Double.NaN;
    String vthDefinition = at < stop ? VTH_PEAK : gradual ? VTH_ON : VTH_JUMP;
    // the bracket: the larger device-voltage step to the neighbouring samples on the read side of the switch (for
    // VTH_ON also the next, where the device is ON)
    double vthStep = largestMagnitudeStep(v, Math.max(first, at - 1),
        at == stop && !gradual ? at - 1 : Math.min(at, peak - 1));
    double[] vthBracket = VTH_JUMP.equals(vthDefinition) ? new double[] {vth - sourceStep, vth + sourceStep}
        : new double[] {vth, vth + vthStep};
    // a gradual turn-on that the ramp's turning point cuts short (the state lags a fast ramp and comes ON only in the
    // top TOP_OF_RAMP of the sweep) has no threshold of its own: the read-off would follow the amplitude (ts:ag at
    // 1e6 V/s: 0.428, 0.446, 0.485 V at amplitudes 0.43, 0.45, 0.5 V), a number from the window's edge
    String vthNote = null;
    if (gradual && onSource >= TOP_OF_RAMP * Math.abs(vs[peak])) {
      vthNote = String.format(Locale.ROOT, "no V_th: the device turned on gradually and came ON (within 3x of R_on) "
          + "only at %.4g V of the source's %.4g V, at the top of the ramp, so the turning point cut its turn-on short "
          + "(it read %.6g V there): raise the amplitude or slow the rate", onSource, Math.abs(vs[peak]), vth);
      vth = Double.NaN;
      vthBracket = null;
      vthDefinition = null;
    }
    // V_hold, the mirror of V_th: the smallest device voltage on the falling ramp before the device is OFF (within 3x
    // of R_off). An abrupt turn-off is OFF within one source step after the largest conductance fall: V_hold is the
    // voltage just before it (VHOLD_JUMP). A gradual one is read at the last sample not yet OFF (VHOLD_OFF). Before
    // either, a trough of the device voltage (VHOLD_TROUGH): behind a series resistor the device turns off along its
    // negative-resistance branch, its voltage rising, and the sample just before the largest fall lay wherever the
    // time steps put it. A device not OFF before the ramp's bottom TOP_OF_RAMP share keeps the voltage just before the
    // fall (the window would otherwise run into the round-off near 0 V); samples at round-off voltage (below vmin, a
    // compliance limiter's 1e-45 V) are no trough
    double vhold = Double.NaN;
    String vholdDefinition = null;
    double[] vholdBracket = null;
    if (drop >= 0) {
      int off = drop;
      while (off < last && !(Math.abs(v[off + 1] / i[off + 1]) >= roff / 3)) {
        off++;
      }
      double fallStep = largestStep(vs, peak, last - 1);
      boolean offInTime = off < last && Math.abs(vs[off + 1]) > (1 - TOP_OF_RAMP) * Math.abs(vs[peak]);
      boolean gradualOff = offInTime && Math.abs(vs[drop + 1]) - Math.abs(vs[off + 1]) > fallStep;
      int stopOff = gradualOff ? off : drop;
      int trough = stopOff;
      if (offInTime) {
        for (int k = peak; k < stopOff; k++) {
          if (Math.abs(v[k]) < Math.abs(v[trough]) && Math.abs(v[k]) > vmin) {
            trough = k;
          }
        }
      }
      vhold = Math.abs(v[trough]);
      vholdDefinition = trough < stopOff ? VHOLD_TROUGH : gradualOff ? VHOLD_OFF : VHOLD_JUMP;
      double holdStep = largestMagnitudeStep(v, Math.max(peak, trough - 1),
          trough == stopOff && !gradualOff ? trough - 1 : Math.min(trough, last - 1));
      vholdBracket = VHOLD_JUMP.equals(vholdDefinition) ? new double[] {vhold - fallStep, vhold + fallStep}
          : new double[] {vhold - holdStep, vhold};
    }
    // switching = an ON branch at least 3x more conductive than the OFF branch
    boolean switched = jump >= 0 && roff > 3 * ron;
    if (!switched) {
      // the OFF resistance is measured over the whole ramp; a threshold, a hold point and an ON branch are not
      double roffAll = median(v, i, first, peak, 0.1 * Math.abs(v[peak]));
      Branch reset0 = resetOnRisingRamp(v, i, first, peak, last, vmin, roffAll);
      if (reset0 != null) {
        return reset0;
      }
      return new Branch(Double.NaN, Double.NaN, Double.NaN, roffAll, Double.NaN, true, false, String.format(
          java.util.Locale.ROOT, "no switch up to %.4g V across the device (no ON branch 3x more conductive than the "
              + "OFF branch); raise the amplitude", Math.abs(v[peak])));
    }
    // after it turned off, the device may switch on again (a PCM cell crystallizing on the falling ramp while its
    // voltage is still near v_set, then resetting): that is said, and HRS is judged after it turned off again
    int offAt = reset >= 0 ? reset : drop;
    int[] again = offAt >= 0 ? onAgain(v, i, offAt + 1, last, ron, vmin) : null;
    String after = join(vthNote, again == null ? null : String.format(Locale.ROOT, "after it turned off, it switched on again on the "
        + "%s ramp at %.6g V (%.4g -> %.4g Ohm) and %s", again[0] < peak ? "rising" : "falling", Math.abs(v[again[0]]),
        Math.abs(v[again[2]] / i[again[2]]), Math.abs(v[again[0]] / i[again[0]]), again[1] < last
            ? "turned off again before the end of the ramp (back in HRS is judged after that)"
            : "stays on to the end of the ramp"));
    // back in HRS: on the falling ramp, once the source is below half the hold point, the
    // resistance is OFF-like again
    double vpk = drop >= 0 ? Math.abs(vs[drop]) : Math.abs(vs[peak]);
    boolean hrs = true;
    boolean seen = false;
    for (int k = Math.max(again != null ? again[1] + 1 : drop, peak); k <= last; k++) {
      double a = Math.abs(vs[k]);
      if (a < 0.5 * vpk && a > 0.05 * vpk && i[k] != 0) {
        seen = true;
        hrs &= Math.abs(v[k] / i[k]) > 0.5 * roff;
      }
    }
    if (reset >= 0) {
      return new Branch(vth, Double.NaN, ron, roff, Double.NaN, hrs && seen, true, join(String.format(Locale.ROOT,
          "no hold point: the device turned off again on the rising ramp at %.6g V (%.4g -> %.4g Ohm), before the "
              + "sweep's peak; it does not hold its ON state", Math.abs(v[reset]), Math.abs(v[reset] / i[reset]),
          Math.abs(v[reset + 1] / i[reset + 1])), after)).readAs(vthDefinition, vthBracket);
    }
    if (drop < 0) {
      int end = last;
      while (end > peak && !(Math.abs(v[end]) > vmin && i[end] != 0)) {
        end--;
      }
      return new Branch(vth, Double.NaN, ron, roff, Double.NaN, hrs && seen, true, join(vthNote, String.format(
          Locale.ROOT, "no hold point: the device did not turn off on the falling ramp; it is still %.4g Ohm at %.4g V "
              + "(R_on %.4g Ohm, R_off %.4g Ohm): it keeps its ON state, within 3x of R_on, down to 0 V",
          Math.abs(v[end] / i[end]), Math.abs(v[end]), ron, roff)), true, Double.NaN, Double.NaN, Double.NaN, vthDefinition, vthBracket);
    }
    double vJump = Math.abs(v[jump]);
    double vDrop = Math.abs(v[drop]);
    if (!(vDrop < vJump)) {
      // a series resistor steeper than the device's negative-resistance branch makes that branch stable: the device
      // turns on and off along it, the jump and the drop are one point and there is no window (it printed -0.1 mV);
      // compared at the largest rise and the largest fall, not at the peak and the trough, which the continuous branch
      // passes both ways
      return new Branch(vth, vhold, ron, roff, Double.NaN, hrs && seen, true, join(String.format(Locale.ROOT,
          "no hysteresis: its conductance fell most at %.6g V, not below where it rose most (%.6g V); it followed one "
              + "continuous branch", vDrop, vJump), after)).readAs(vthDefinition, vthBracket)
          .heldAs(vholdDefinition, vholdBracket);
    }
    return new Branch(vth, vhold, ron, roff, vth - vhold, hrs && seen, true, after).readAs(vthDefinition, vthBracket)
        .heldAs(vholdDefinition, vholdBracket);
  }

  /** The largest |x[k+1] - x[k]| for k from {@code from} to {@code to} (0 when none). */
  private static double largestStep(double[] x, int from, int to) {
    double step = 0;
    for (int k = from; k <= to; k++) {
      step = Math.max(step, Math.abs(x[k + 1] - x[k]));
    }
    return step;
  }

  /**
   * The largest change of |x| between neighbouring samples, ||x[k+1]| - |x[k]||, for k from {@code from} to
   * {@code to} (0 when none).
   */
  private static double largestMagnitudeStep(double[] x, int from, int to) {
    double step = 0;
    for (int k = from; k <= to; k++) {
      step = Math.max(step, Math.abs(Math.abs(x[k + 1]) - Math.abs(x[k])));
    }
    return step;
  }

  /** " at V volts", or nothing when there is no such voltage (its reason is said elsewhere). */
  private static String atVolts(double volts) {
    return Double.isNaN(volts) ? "" : String.format(Locale.ROOT, " at %.6g V", volts);
  }

  /**
   * The reason a switched branch has no V_th, or null: the first clause of its reason, which {@link #branch} starts with
   * it (a clause of one sentence, without a semicolon).
   */
  private static String noVth(Branch b) {
    if (!b.switched() || !Double.isNaN(b.vthVolts()) || b.reason() == null) {
      return null;
    }
    int end = b.reason().indexOf("; ");
    return end < 0 ? b.reason() : b.reason().substring(0, end);
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + "; " + b;
  }

  /**
   * A RESET: a polarity that starts ON and turns off on the rising ramp (a non-volatile synapse the other half set),
   * or null. The steepest conductance fall on the rising ramp counts when the device is, from there to the end of the
   * polarity, more than 3x as resistive (median) as before it: the factor of the switching criterion. R_on is the
   * state before it; R_off, as for a device that does not switch, the median over the rising ramp above 10% of its
   * peak.
   */
  private static Branch resetOnRisingRamp(double[] v, double[] i, int first, int peak, int last, double vmin,
      double roffOhm) {
    int fall = steepest(v, i, first, peak, vmin, -1);
    if (fall < 0) {
      return null;
    }
    double before = median(v, i, first, fall, vmin);
    double after = median(v, i, fall + 1, last, vmin);
    if (!(after > 3 * before)) {
      return null;
    }
    return new Branch(Double.NaN, Double.NaN, before, roffOhm, Double.NaN, true, false, String.format(Locale.ROOT,
        "RESET at %.6g V: the device started this polarity in its ON state (%.4g Ohm) and turned off on the rising "
            + "ramp to %.4g Ohm, where it stays; it did not switch on (R_on and R_off are the states before and after)",
        Math.abs(v[fall]), before, after), false, Double.NaN, Math.abs(v[fall]), Double.NaN, null, null);
  }

  /**
   * Where the device, OFF after sample {@code from} (more than 3x as resistive as {@code ronOhm}), switches on again
   * (within 3x of R_on) and the last sample it is on: {first on, last on}, or null when it does not.
   */
  private static int[] onAgain(double[] v, double[] i, int from, int last, double ronOhm, double vmin) {
    int on = -1;
    int end = -1;
    int before = -1;
    int prev = -1;
    boolean off = false;
    for (int k = from; k <= last; k++) {
      if (!(Math.abs(v[k]) > vmin && i[k] != 0)) {
        continue;
      }
      boolean isOn = Math.abs(v[k] / i[k]) <= 3 * ronOhm;
      off |= !isOn;
      if (off && isOn) {
        before = on < 0 ? prev : before;
        on = on < 0 ? k : on;
        end = k;
      }
      prev = k;
    }
    return on < 0 ? null : new int[] {on, end, before};
  }

  /**
   * The sample k in [from, to) whose log-conductance step to k + 1 is the largest rise ({@code sign} 1) or fall
   * ({@code sign} -1), both samples above {@code minVolts} across the device; -1 when no step rises (falls).
   */
  private static int steepest(double[] v, double[] i, int from, int to, double minVolts, int sign) {
    int at = -1;
    double best = 0;
    for (int k = from; k < to; k++) {
      double d = sign * logConductanceStep(v, i, k);
      if (Math.abs(v[k]) > minVolts && Math.abs(v[k + 1]) > minVolts && d > best) {
        best = d;
        at = k;
      }
    }
    return at;
  }

  /** The change of ln|i| - ln|v| from sample k to k + 1 (the log-conductance step; 1e-30 keeps zeros finite). */
  private static double logConductanceStep(double[] v, double[] i, int k) {
    double floor = 1e-30;
    return Math.log(Math.abs(i[k + 1]) + floor) - Math.log(Math.abs(i[k]) + floor)
        - (Math.log(Math.abs(v[k + 1]) + floor) - Math.log(Math.abs(v[k]) + floor));
  }

  /**
   * Whether the device turns off at sample {@code at}: after it (to {@code end}) it becomes more than 3x as resistive
   * (the factor of the switching criterion) as the ON branch from the jump to it.
   */
  private static boolean turnsOff(double[] v, double[] i, int jump, int at, int end, double minVolts) {
    return maxResistance(v, i, at + 1, end, minVolts) > 3 * median(v, i, jump + 1, at, minVolts);
  }

  /** Largest |v/i| of samples first..last with |v| above {@code minVolts}; NaN if none. */
  private static double maxResistance(double[] v, double[] i, int first, int last, double minVolts) {
    double m = Double.NaN;
    for (int k = first; k <= last; k++) {
      if (Math.abs(v[k]) > minVolts && i[k] != 0 && !(Math.abs(v[k] / i[k]) <= m)) {
        m = Math.abs(v[k] / i[k]);
      }
    }
    return m;
  }

  /** Median |v/i| of samples first..last with |v| above {@code minVolts}; NaN if none. */
  private static double median(double[] v, double[] i, int first, int last, double minVolts) {
    List<Double> r = new ArrayList<>();
    for (int k = first; k <= last; k++) {
      if (Math.abs(v[k]) > minVolts && i[k] != 0) {
        r.add(Math.abs(v[k] / i[k]));
      }
    }
    r.sort(null);
    return r.isEmpty() ? Double.NaN : r.get(r.size() / 2);
  }
}
