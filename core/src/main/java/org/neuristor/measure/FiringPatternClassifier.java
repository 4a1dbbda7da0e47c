package org.neuristor.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labels a neuron's response with one of Izhikevich's firing-pattern classes ({@link FiringPattern})
 * from three observables: the spike times, the stimulus waveform and, for two classes, the membrane
 * (or output) trace. Works in any time and stimulus units (all thresholds are ratios), so the same
 * code labels the biological models and the memristive neuron circuits.
 *
 * <h2>What it reads from the stimulus</h2>
 * The stimulus is cut into <em>epochs</em>: maximal runs where it departs from its initial
 * (baseline) value. Each epoch has a sign (depolarizing above baseline, hyperpolarizing below), an
 * amplitude, a width, whether it lasts to the end of the record (a <em>step</em>) or ends (a
 * <em>pulse</em>), and whether it is a <em>ramp</em> (the value keeps changing inside it).
 *
 * <h2>Decision rules (in order)</h2>
 * <ol>
 *   <li>No spike: {@code QUIESCENT}.
 *   <li>Ramps. Two or more ramps, where a slower ramp reaching a larger amplitude evokes no spike
 *       but a faster one does: {@code ACCOMMODATION}. One ramp with >= 3 spikes: extrapolate the
 *       instantaneous-rate-versus-input relation of its ISIs linearly to zero rate (input I0) and
 *       compare with the input at the first spike, I1 (both relative to baseline):
 *       {@code (I1 - I0)/I1 < 2} means firing starts from a low rate ({@code CLASS_1_EXCITABLE}),
 *       otherwise it starts at a finite rate ({@code CLASS_2_EXCITABLE}). Before that, a rising ramp
 *       whose firing stops while the input keeps rising (silence after the last spike longer than
 *       3 of its ISIs and 20 % of the ramp, input still higher at the ramp's end): {@code EXCITATION_BLOCK}.
 *   <li>Spikes inside a hyperpolarizing epoch and nowhere else: {@code INHIBITION_INDUCED_BURSTING}
 *       if they form >= 2 bursts, else {@code INHIBITION_INDUCED_SPIKING}.
 *   <li>Only hyperpolarizing epochs, spikes after one ends: {@code REBOUND_BURST} (>= 2 spikes in the
 *       response) or {@code REBOUND_SPIKE}.
 *   <li>Depolarizing pulses of equal amplitude with different outcomes, where each one that fired
 *       (and none that did not) was preceded by a hyperpolarizing epoch: {@code THRESHOLD_VARIABILITY}.
 *   <li>A depolarizing step to the end of the record (train analysis of the spikes in it):
 *       <ul>
 *         <li>firing stops early (silence > 3 max ISI and > 40 % of the step):
 *             {@code PHASIC_SPIKING} (one spike) or {@code PHASIC_BURSTING}; one spike whose silence to the
 *             record's end is no longer than its latency from the step's onset: {@code UNCLASSIFIED} (a tonic
 *             neuron would fire again about then: the record is too short to tell);
 *         <li>>= 2 bursts: {@code TONIC_BURSTING}. Bursts: when max ISI / min ISI >= 3, spikes are
 *             grouped at ISIs below the geometric mean of the extreme ISIs; a burst is a group of >= 2;
 *         <li>one initial burst followed by single spikes whose intervals do not lengthen, or that settle
 *             (last within 5 % of the one before) after a burst of >= 3 spikes set clearly apart (its last
 *             interval at most a third of the first single one): {@code MIXED_MODE};
 *         <li>ISIs that never shorten (by more than 2 %) and end at >= 2 x the first, either still lengthening by
 *             >= 5 % at the end or having lengthened by >= 5 % at each of the first four intervals (an adaptation
 *             that finished inside the step): {@code SPIKE_FREQUENCY_ADAPTATION};
 *         <li>otherwise {@code TONIC_SPIKING} (the ISIs settle).
 *       </ul>
 *   <li>Depolarizing pulses:
 *       <ul>
 *         <li>>= 3 spikes continuing after a pulse for more than 5 pulse widths while the input is
 *             back at baseline (self-sustained firing): {@code BISTABILITY};
 *         <li>with a membrane trace, >= 3 pulses of one width and rising amplitudes, each evoking
 *             at most one spike, the lower ones none and at least two of the higher ones one: if the
 *             peak responses jump from graded to a plateau of near-equal spikes at the same pulse
 *             ({@link AllOrNothing}), {@code ALL_OR_NOTHING};
 *         <li>>= 4 equal pulses, the first evoking a spike, where every pulse that fails follows the
 *             last spike-evoking pulse more closely than every later pulse that fires (and at least
 *             one of each): {@code REFRACTORY_PERIOD};
 *         <li>a pulse containing >= 3 spikes: the step rules above, applied inside the pulse;
 *         <li>>= 3 equal pulses, some evoking a spike and some not: if every evoking pulse followed
 *             its predecessor more closely than every non-evoking one, {@code INTEGRATOR} (closer
 *             inputs sum); if a closer pair failed where a wider one fired, {@code RESONATOR}; when the
 *             pulses that fired and failed came at the same interval (a periodic train) neither;
 *         <li>one evoking pulse whose first spike comes more than 2 pulse widths after the pulse
 *             ended: {@code SPIKE_LATENCY};
 *         <li>with a membrane trace, after the last spike: a depolarized hump above the final level
 *             by > 10 % of the spike height before any undershoot, {@code DEPOLARIZING_AFTER_POTENTIAL};
 *             an undershoot below and a rebound above the final level (each > 0.5 % of the spike
 *             height, the rebound > 10 % of the undershoot), {@code SUBTHRESHOLD_OSCILLATIONS}.
 *       </ul>
 *   <li>Otherwise {@code UNCLASSIFIED}.
 * </ol>
 *
 * <p>What it cannot tell: without the membrane trace, DAP and subthreshold oscillations (they differ
 * only below threshold); bistability needs the switching pulse in the record; class 1/2 needs a ramp
 * (with steps only, use {@link FiCurve} and look at the rate at the rheobase). The rules are
 * generic (features only, no knowledge of a protocol's name); their thresholds were chosen on
 * Izhikevich's 20 protocols, which is where they are validated. The three rules for the behaviours
 * Yi et al. (Nat. Commun. 9, 4661 (2018)) add (all-or-nothing, refractory period, excitation
 * block) only match stimuli none of the 20 protocols contains (pulses of rising amplitude, equal
 * pulses whose first one fires, a ramp that outlasts the firing); they are validated on the
 * Hodgkin-Huxley neuron.
 */
public final class FiringPatternClassifier {
  /** Smallest rebound above the final level, as a fraction of the undershoot before it, that counts as an oscillation. */
  static final double MIN_REBOUND = 0.1;

  private FiringPatternClassifier() {}

  /**
   * One departure of the stimulus from its baseline.
   *
   * @param start time the stimulus leaves baseline
   * @param end time it returns (the record's end for a step)
   * @param open true if it lasts to the end of the record
   * @param sign +1 depolarizing, -1 hyperpolarizing
   * @param amplitude largest |stimulus - baseline| inside
   * @param ramp true if the value keeps changing inside (a ramp rather than a plateau)
   */
  public record Epoch(double start, double end, boolean open, int sign, double amplitude, boolean ramp) {
    public double width() {
      return end - start;
    }

    /** Amplitude per unit time (ramps). */
    public double slope() {
      return amplitude / width();
    }

    boolean contains(double t) {
      return t >= start && (open ? true : t <= end);
    }
  }

  /**
   * A label with the rule that produced it.
   *
   * @param pattern the class, or null where the input is not one the rules were made for ({@link #classifyRun})
   * @param reason the features that decided it, in words (or why there is no class)
   * @param epochs the stimulus epochs found
   */
  public record Result(FiringPattern pattern, String reason, List<Epoch> epochs) {
    /** The class's label, or null where there is none. */
    public String label() {
      return pattern == null ? null : pattern.label();
    }
  }

  /**
   * Labels the response of one run under an arbitrary input ({@code neuron run}, {@code model run}), or gives no
   * label (pattern null) and says why where the input is not one the rules were made for: the rules read the
   * deterministic steps, ramps, single pulses and pulse pairs of Izhikevich's and Yi's protocols, so a periodic
   * train of equal pulses ({@link #notMadeFor}) or an input the caller knows to be random ({@code notMadeFor}: a
   * Poisson train, a noise term) would get a label for features that are not there. A run with no spike is
   * {@code QUIESCENT} under any input (that reads only the spike count).
   *
   * @param notMadeFor the caller's reason the input is not one the rules were made for, or null
   */
  public static Result classifyRun(Trace trace, String stimulusSignal, String membraneSignal, double[] spikeTimes,
      String notMadeFor) {
    Result r = classify(trace, stimulusSignal, membraneSignal, spikeTimes);
    if (r.pattern() == FiringPattern.QUIESCENT) {
      return r;
    }
    String why = notMadeFor != null ? notMadeFor : notMadeFor(r.epochs());
    return why == null ? r : new Result(null, why + "; the firing-pattern rules are made for steps, ramps, single "
        + "pulses and pulse pairs (Izhikevich's and Yi's protocols), so there is no label", r.epochs());
  }

  /**
   * Why the rules were not made for a stimulus with these epochs, or null: three or more depolarizing pulses of
   * one amplitude, each starting one interval (within 5 %) after the one before, are a periodic train, which
   * none of the protocols contains (their pulse pairs come at different intervals, their equal-interval pulses
   * at different amplitudes).
   */
  public static String notMadeFor(List<Epoch> epochs) {
    List<Epoch> pos = epochs.stream().filter(e -> e.sign() > 0 && !e.ramp()).toList();
    if (pos.size() < 3 || pos.size() != epochs.size()) {
      return null;
    }
    double amp = pos.get(0).amplitude();
    double period = (pos.get(pos.size() - 1).start() - pos.get(0).start()) / (pos.size() - 1);
    for (int k = 0; k < pos.size(); k++) {
      Epoch e = pos.get(k);
      if (Math.abs(e.amplitude() - amp) > 1e-6 * amp) {
        return null;
      }
      if (k > 0 && Math.abs(e.start() - pos.get(k - 1).start() - period) > 0.05 * period) {
        return null;
      }
    }
    return "the input is a periodic train of " + pos.size() + " equal pulses";
  }

  /**
   * Why the rules were not made for a piecewise-linear input, or null. The input is read as it runs: up to
   * {@code tEnd}, the record's end (at the waveform's own value there, its last value held after its last point),
   * and without the points that lie on a straight line between their neighbours. Each departure from the first
   * value (the baseline) must then be one of the protocols' shapes:
   * <ul>
   *   <li>a plateau, as in a step or a pulse: one value held, each edge to it and from it taking at most a tenth
   *       of the hold;
   *   <li>a ramp: one straight line moving away from the baseline (from it, or from a level it jumped to in at
   *       most a tenth of the ramp), then back in at most a tenth of the ramp, or to the end.
   * </ul>
   * Any other departure (a staircase, a ramp that levels off, a triangle, a sine drawn in segments, one that
   * crosses the baseline) is an arbitrary waveform. Trains of plateaus are judged by {@link #notMadeFor(List)} on
   * the record.
   *
   * @param pwl the input source's waveform (its first value holds before its first time, the last after the last)
   * @param tEnd the record's end
   */
  public static String pwlNotMadeFor(org.neuristor.circuit.element.Waveform.Pwl pwl, double tEnd) {
    double[] t = pwl.times();
    double[] pt = new double[t.length + 1];
    double[] pv = new double[t.length + 1];
    int n = 0;
    for (int k = 0; k < t.length && t[k] <= tEnd; k++) {
      pt[n] = t[k];
      pv[n++] = pwl.values()[k];
    }
    if (n == 0) {
      return null;
    }
    if (pt[n - 1] < tEnd) {
      // cut at the record's end, at the value the source drives there
      pv[n] = pwl.value(tEnd);
      pt[n++] = tEnd;
    }
    double base = pv[0];
    double scale = 0;
    for (int k = 0; k < n; k++) {
      scale = Math.max(scale, Math.abs(pv[k] - base));
    }
    if (scale == 0) {
      return null;
    }
    int m = 0;
    for (int k = 0; k < n; k++) {
      pt[m] = pt[k];
      pv[m++] = pv[k];
      while (m >= 3 && between(pt, pv, m - 3, m - 2, m - 1, 1e-6 * scale)) {
        pt[m - 2] = pt[m - 1];
        pv[m - 2] = pv[m - 1];
        m--;
      }
    }
    for (int a = 1; a < m; a++) {
      if (Math.abs(pv[a] - base) <= 1e-9 * scale) {
        continue;
      }
      int c = a;
      while (c + 1 < m && Math.abs(pv[c + 1] - base) > 1e-9 * scale) {
        c++;
      }
      if (!plateauOrRamp(pt, pv, m, a, c, base, scale)) {
        return "the pwl input is an arbitrary waveform: its departure from the baseline at "
            + org.neuristor.ParameterSpec.fmt(pt[a - 1]) + " s is neither a plateau (a step or a pulse) nor one "
            + "straight ramp";
      }
      a = c;
    }
    return null;
  }

  /** Whether point j lies on the straight line from point i to point k (points in time order). */
  private static boolean between(double[] t, double[] v, int i, int j, int k, double tol) {
    if (t[k] == t[i]) {
      return v[j] >= Math.min(v[i], v[k]) && v[j] <= Math.max(v[i], v[k]);
    }
    return Math.abs(v[i] + (v[k] - v[i]) * (t[j] - t[i]) / (t[k] - t[i]) - v[j]) <= tol;
  }

  /**
   * Whether the departure through points a..c (off {@code base}; a - 1 is on it, c + 1 too where c + 1 &lt; n) is a
   * plateau or a ramp ({@link #pwlNotMadeFor}); the points are reduced, so a straight ramp is one point or two.
   */
  private static boolean plateauOrRamp(double[] t, double[] v, int n, int a, int c, double base, double scale) {
    boolean plateau = c > a;
    for (int k = a; k <= c; k++) {
      if (Math.signum(v[k] - base) != Math.signum(v[a] - base)) {
        return false;
      }
      plateau &= Math.abs(v[k] - v[a]) <= 1e-9 * scale;
    }
    double in = t[a] - t[a - 1];
    double out = c + 1 < n ? t[c + 1] - t[c] : 0;
    if (plateau) {
      double hold = t[c] - t[a];
      return in <= 0.1 * hold && out <= 0.1 * hold;
    }
    if (c == a) {
      return out <= 0.1 * in;
    }
    double ramp = t[c] - t[a];
    return c == a + 1 && Math.abs(v[c] - base) > Math.abs(v[a] - base) && in <= 0.1 * ramp && out <= 0.1 * ramp;
  }

  /** Classifies from a trace: stimulus signal, optional membrane signal (null), spike times. */
  public static Result classify(Trace trace, String stimulusSignal, String membraneSignal, double[] spikeTimes) {
    return classify(trace.axis(), trace.get(stimulusSignal), membraneSignal == null ? null : trace.get(membraneSignal),
        spikeTimes);
  }

  /**
   * Classifies a response.
   *
   * @param t sample times
   * @param stimulus stimulus samples
   * @param membrane membrane (or output) samples, or null
   * @param spikes spike times (same unit as t), increasing
   */
  public static Result classify(double[] t, double[] stimulus, double[] membrane, double[] spikes) {
    List<Epoch> epochs = epochs(t, stimulus);
    double tEnd = t[t.length - 1];
    if (spikes.length == 0) {
      return new Result(FiringPattern.QUIESCENT, "no spike", epochs);
    }
    List<Epoch> ramps = epochs.stream().filter(Epoch::ramp).toList();
    List<Epoch> pos = epochs.stream().filter(e -> e.sign() > 0 && !e.ramp()).toList();
    List<Epoch> neg = epochs.stream().filter(e -> e.sign() < 0 && !e.ramp()).toList();

    if (!ramps.isEmpty()) {
      Result r = rampRules(t, stimulus, spikes, ramps, epochs);
      if (r != null) {
        return r;
      }
    }
    if (!neg.isEmpty()) {
      int inside = 0;
      for (Epoch e : neg) {
        inside += count(spikes, e.start(), e.open() ? tEnd : e.end());
      }
      if (inside == spikes.length) {
        int bursts = bursts(spikes);
        return new Result(bursts >= 2 ? FiringPattern.INHIBITION_INDUCED_BURSTING
            : FiringPattern.INHIBITION_INDUCED_SPIKING,
            String.format(Locale.ROOT, "all %d spikes inside a hyperpolarizing epoch, %d bursts", spikes.length, bursts),
            epochs);
      }
      if (pos.isEmpty() && inside == 0) {
        Epoch first = neg.get(0);
        int after = count(spikes, first.end(), next(epochs, first, tEnd));
        if (after > 0) {
          return new Result(after >= 2 ? FiringPattern.REBOUND_BURST : FiringPattern.REBOUND_SPIKE,
              after + " spike(s) after the end of a hyperpolarizing pulse", epochs);
        }
      }
      if (pos.size() >= 2) {
        Result r = thresholdVariability(spikes, pos, neg, epochs, tEnd);
        if (r != null) {
          return r;
        }
      }
    }
    if (!pos.isEmpty() && neg.isEmpty()) {
      Epoch last = pos.get(pos.size() - 1);
      if (last.open() && count(spikes, last.start(), tEnd) == spikes.length) {
        return stepResponse(spikes, last.start(), tEnd, epochs);
      }
      Result r = pulseRules(t, membrane, spikes, pos, epochs, tEnd);
      if (r != null) {
        return r;
      }
    }
    if (epochs.isEmpty()) {
      return stepResponse(spikes, t[0], tEnd, epochs);
    }
    return new Result(FiringPattern.UNCLASSIFIED, "no rule matched", epochs);
  }

  private static Result rampRules(double[] t, double[] stim, double[] spikes, List<Epoch> ramps, List<Epoch> epochs) {
    if (ramps.size() >= 2) {
      for (Epoch quiet : ramps) {
        if (count(spikes, quiet.start(), quiet.end()) > 0) {
          continue;
        }
        for (Epoch fired : ramps) {
          if (count(spikes, fired.start(), fired.end()) > 0 && fired.slope() > quiet.slope()
              && fired.amplitude() <= quiet.amplitude()) {
            return new Result(FiringPattern.ACCOMMODATION, String.format(Locale.ROOT,
                "a ramp of slope %.3g to %.3g fires, a slower one (%.3g) to %.3g does not", fired.slope(),
                fired.amplitude(), quiet.slope(), quiet.amplitude()), epochs);
          }
        }
      }
    }
    Result block = excitationBlock(t, stim, spikes, ramps, epochs);
    if (block != null) {
      return block;
    }
    Epoch best = null;
    int most = 0;
    for (Epoch r : ramps) {
      int c = count(spikes, r.start(), r.end());
      if (c > most) {
        most = c;
        best = r;
      }
    }
    if (best == null || most < 3) {
      return null;
    }
    double base = stim[0];
    List<Double> in = new ArrayList<>();
    for (double s : spikes) {
      if (best.contains(s)) {
        in.add(s);
      }
    }
    // instantaneous rate of each ISI against the input at its midpoint; least squares line
    int m = in.size() - 1;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int k = 0; k < m; k++) {
      double f = 1 / (in.get(k + 1) - in.get(k));
      double x = Trace.interpolate(t, stim, 0.5 * (in.get(k) + in.get(k + 1))) - base;
      sx += x;
      sy += f;
      sxx += x * x;
      sxy += x * f;
    }
    double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    double i0 = (sx - sy / slope) / m; // input where the fitted rate is zero
    double i1 = Trace.interpolate(t, stim, in.get(0)) - base;
    double ratio = (i1 - i0) / i1;
    return new Result(ratio < 2 ? FiringPattern.CLASS_1_EXCITABLE : FiringPattern.CLASS_2_EXCITABLE,
        String.format(Locale.ROOT, "ramp: rate-input line reaches zero at %.3g, first spike at input %.3g "
            + "((I1 - I0)/I1 = %.2f, class 1 below 2)", i0, i1, ratio), epochs);
  }

  private static Result thresholdVariability(double[] spikes, List<Epoch> pos, List<Epoch> neg, List<Epoch> epochs,
      double tEnd) {
    double amp = pos.get(0).amplitude();
    for (Epoch e : pos) {
      if (Math.abs(e.amplitude() - amp) > 1e-6 * amp || e.open()) {
        return null;
      }
    }
    boolean anyFired = false;
    boolean anyFailed = false;
    for (int k = 0; k < pos.size(); k++) {
      Epoch e = pos.get(k);
      boolean fired = count(spikes, e.start(), next(epochs, e, tEnd)) > 0;
      double prevEnd = k == 0 ? Double.NEGATIVE_INFINITY : pos.get(k - 1).end();
      boolean primed = false;
      for (Epoch h : neg) {
        if (h.start() >= prevEnd && h.end() <= e.start()) {
          primed = true;
        }
      }
      if (fired != primed) {
        return null;
      }
      anyFired |= fired;
      anyFailed |= !fired;
    }
    if (anyFired && anyFailed) {
      return new Result(FiringPattern.THRESHOLD_VARIABILITY,
          "equal depolarizing pulses fire only when preceded by a hyperpolarizing pulse", epochs);
    }
    return null;
  }

  private static Result pulseRules(double[] t, double[] v, double[] spikes, List<Epoch> pos, List<Epoch> epochs,
      double tEnd) {
    for (Epoch e : pos) {
      if (e.open()) {
        continue;
      }
      double until = next(epochs, e, tEnd);
      int after = count(spikes, e.end(), until);
      double lastAfter = lastIn(spikes, e.end(), until);
      if (after >= 3 && lastAfter - e.end() > 5 * e.width()) {
        return new Result(FiringPattern.BISTABILITY, String.format(Locale.ROOT,
            "%d spikes continue %.3g after a pulse of width %.3g ended (self-sustained)", after, lastAfter - e.end(),
            e.width()), epochs);
      }
    }
    Result aon = allOrNothing(t, v, spikes, pos, epochs, tEnd);
    if (aon != null) {
      return aon;
    }
    Result refractory = refractory(spikes, pos, epochs, tEnd);
    if (refractory != null) {
      return refractory;
    }
    double amp = pos.get(0).amplitude();
    boolean equal = pos.stream().allMatch(e -> !e.open() && Math.abs(e.amplitude() - amp) <= 1e-6 * amp);
    if (pos.size() >= 3 && equal) {
      double maxFired = Double.NEGATIVE_INFINITY;
      double minFailed = Double.POSITIVE_INFINITY;
      int fired = 0;
      int failed = 0;
      for (int k = 1; k < pos.size(); k++) {
        Epoch e = pos.get(k);
        double interval = e.start() - pos.get(k - 1).start();
        if (count(spikes, e.start(), next(epochs, e, tEnd)) > 0) {
          fired++;
          maxFired = Math.max(maxFired, interval);
        } else {
          failed++;
          minFailed = Math.min(minFailed, interval);
        }
      }
      boolean firstFired = count(spikes, pos.get(0).start(), next(epochs, pos.get(0), tEnd)) > 0;
      // the intervals must tell firing from failing: in a periodic train some pulses fire and some do not at
      // one and the same interval (charge builds up), which is neither an integrator nor a resonator
      boolean separated = Math.abs(maxFired - minFailed) > 1e-6 * Math.max(Math.abs(maxFired), Math.abs(minFailed));
      if (fired > 0 && failed > 0 && !firstFired && separated) {
        boolean integrator = maxFired < minFailed;
        return new Result(integrator ? FiringPattern.INTEGRATOR : FiringPattern.RESONATOR, String.format(Locale.ROOT,
            "equal pulses: fired after intervals up to %.3g, failed after intervals from %.3g (%s)", maxFired,
            minFailed, integrator ? "closest inputs sum" : "a closer pair failed where a wider one fired"), epochs);
      }
    }
    Epoch evoking = null;
    for (Epoch e : pos) {
      if (count(spikes, e.start(), next(epochs, e, tEnd)) > 0) {
        evoking = e;
        break;
      }
    }
    if (evoking == null) {
      return null;
    }
    int inside = count(spikes, evoking.start(), evoking.end());
    if (inside >= 3) {
      // a long pulse is a step that ends: analyse the train inside it
      double[] in = new double[inside];
      int j = 0;
      for (double sp : spikes) {
        if (sp >= evoking.start() && sp <= evoking.end()) {
          in[j++] = sp;
        }
      }
      return stepResponse(in, evoking.start(), evoking.end(), epochs);
    }
    double first = lastIn(new double[] {firstIn(spikes, evoking.start(), tEnd)}, evoking.start(), tEnd);
    if (!evoking.open() && first - evoking.end() > 2 * evoking.width()) {
      return new Result(FiringPattern.SPIKE_LATENCY, String.format(Locale.ROOT,
          "first spike %.3g after the end of a pulse of width %.3g", first - evoking.end(), evoking.width()), epochs);
    }
    if (v != null) {
      return afterPotential(t, v, spikes[spikes.length - 1], epochs);
    }
    return null;
  }

  /**
   * Excitation block: on a rising ramp, firing stops while the input keeps rising (the silence after
   * the last spike lasts more than 3 of the ramp's ISIs and 20 % of the ramp, and the input at the
   * ramp's end exceeds the input at the last spike).
   */
  private static Result excitationBlock(double[] t, double[] stim, double[] spikes, List<Epoch> ramps,
      List<Epoch> epochs) {
    for (Epoch r : ramps) {
      if (r.sign() < 0) {
        continue;
      }
      double[] in = inside(spikes, r.start(), r.end());
      if (in.length < 2) {
        continue;
      }
      double maxIsi = 0;
      for (int k = 1; k < in.length; k++) {
        maxIsi = Math.max(maxIsi, in[k] - in[k - 1]);
      }
      double last = in[in.length - 1];
      double silence = r.end() - last;
      double atLast = Trace.interpolate(t, stim, last);
      double atEnd = Trace.interpolate(t, stim, r.open() ? r.end() : r.end() - 1e-6 * r.width());
      double base = stim[0];
      if (silence > 3 * maxIsi && silence > 0.2 * r.width() && atEnd - atLast > 0.05 * r.amplitude()) {
        return new Result(FiringPattern.EXCITATION_BLOCK, String.format(Locale.ROOT,
            "on a rising ramp, %d spikes from input %.3g up to %.3g, then silent while the input rises to %.3g",
            in.length, Trace.interpolate(t, stim, in[0]) - base, atLast - base, atEnd - base), epochs);
      }
    }
    return null;
  }

  /**
   * All-or-nothing: >= 3 pulses of one width and rising amplitudes (with a membrane trace), each
   * evoking at most one spike; the ones that fire are the highest (at least two of them) and the
   * peak responses above the pre-pulse level jump from graded to a plateau at that same pulse
   * ({@link AllOrNothing#of}).
   */
  private static Result allOrNothing(double[] t, double[] v, double[] spikes, List<Epoch> pos, List<Epoch> epochs,
      double tEnd) {
    int n = pos.size();
    if (v == null || n < 3) {
      return null;
    }
    double width = pos.get(0).width();
    double[] amps = new double[n];
    double[] resp = new double[n];
    int firstFired = -1;
    for (int k = 0; k < n; k++) {
      Epoch e = pos.get(k);
      if (e.open() || e.ramp() || Math.abs(e.width() - width) > 0.02 * width
          || k > 0 && !(e.amplitude() > amps[k - 1] * (1 + 1e-6))) {
        return null;
      }
      amps[k] = e.amplitude();
      double until = next(epochs, e, tEnd);
      int c = count(spikes, e.start(), until);
      if (c > 1 || c == 0 && firstFired >= 0) {
        return null;
      }
      if (c == 1 && firstFired < 0) {
        firstFired = k;
      }
      double v0 = Trace.interpolate(t, v, e.start());
      double peak = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < t.length; i++) {
        if (t[i] >= e.start() && t[i] <= until) {
          peak = Math.max(peak, v[i]);
        }
      }
      resp[k] = peak - v0;
    }
    if (firstFired < 1 || n - firstFired < 2) {
      return null;
    }
    AllOrNothing a = AllOrNothing.of(amps, resp);
    if (!a.allOrNothing() || a.threshold() < amps[firstFired - 1] || a.threshold() > amps[firstFired]) {
      return null;
    }
    return new Result(FiringPattern.ALL_OR_NOTHING, String.format(Locale.ROOT,
        "pulses up to %.3g evoke no spike (largest response %.3g), pulses from %.3g one spike each (mean %.3g)",
        amps[firstFired - 1], a.largestBelow(), amps[firstFired], a.meanAbove()), epochs);
  }

  /**
   * Refractory period: >= 4 equal pulses, the first evoking a spike; every pulse that fails starts
   * closer to the end of the last spike-evoking pulse than every later pulse that fires, with at
   * least one of each.
   */
  private static Result refractory(double[] spikes, List<Epoch> pos, List<Epoch> epochs, double tEnd) {
    int n = pos.size();
    if (n < 4) {
      return null;
    }
    Epoch p0 = pos.get(0);
    for (Epoch e : pos) {
      if (e.open() || e.ramp() || Math.abs(e.amplitude() - p0.amplitude()) > 1e-6 * p0.amplitude()
          || Math.abs(e.width() - p0.width()) > 0.02 * p0.width()) {
        return null;
      }
    }
    if (count(spikes, p0.start(), next(epochs, p0, tEnd)) == 0) {
      return null;
    }
    double lastFiredEnd = p0.end();
    double maxFailed = Double.NEGATIVE_INFINITY;
    double minFired = Double.POSITIVE_INFINITY;
    for (int k = 1; k < n; k++) {
      Epoch e = pos.get(k);
      double gap = e.start() - lastFiredEnd;
      if (count(spikes, e.start(), next(epochs, e, tEnd)) > 0) {
        minFired = Math.min(minFired, gap);
        lastFiredEnd = e.end();
      } else {
        maxFailed = Math.max(maxFailed, gap);
      }
    }
    if (Double.isInfinite(maxFailed) || Double.isInfinite(minFired) || !(maxFailed < minFired)) {
      return null;
    }
    return new Result(FiringPattern.REFRACTORY_PERIOD, String.format(Locale.ROOT,
        "equal pulses: a pulse %.3g or less after a spike-evoking one fails, one %.3g or more after it fires",
        maxFailed, minFired), epochs);
  }

  /** Membrane after the last spike: DAP hump or damped oscillation around the final level. */
  private static Result afterPotential(double[] t, double[] v, double lastSpike, List<Epoch> epochs) {
    int i = 0;
    while (i < t.length && t[i] < lastSpike) {
      i++;
    }
    if (i >= t.length - 3) {
      return null;
    }
    double fin = v[v.length - 1];
    // the spike's peak: climb from the detection time while the membrane still rises
    int p = Math.max(0, i - 1);
    while (p + 1 < v.length && v[p + 1] >= v[p]) {
      p++;
    }
    double height = v[p] - fin;
    if (!(height > 0)) {
      return null;
    }
    // walk the local extrema after the spike peak
    List<double[]> ext = new ArrayList<>();
    for (int k = p + 2; k < v.length - 1; k++) {
      double d1 = v[k] - v[k - 1];
      double d2 = v[k + 1] - v[k];
      if (d1 > 0 && d2 <= 0 || d1 < 0 && d2 >= 0) {
        ext.add(new double[] {t[k], v[k], d1 > 0 ? 1 : -1});
      }
    }
    // DAP: the first maximum after the post-spike minimum rises > 10 % of the height above the final
    // level, with no undershoot below the final level before it
    boolean undershoot = false;
    double depth = 0;
    for (double[] e : ext) {
      if (e[2] < 0 && e[1] < fin - 0.005 * height) {
        undershoot = true;
        depth = fin - e[1];
      }
      if (e[2] > 0) {
        if (!undershoot && e[1] - fin > 0.1 * height) {
          return new Result(FiringPattern.DEPOLARIZING_AFTER_POTENTIAL, String.format(Locale.ROOT,
              "after the spike the membrane rises again to %.3g above its final level (%.0f %% of the spike)",
              e[1] - fin, 100 * (e[1] - fin) / height), epochs);
        }
        // an oscillation rebounds by a fair part of its undershoot; a tiny overshoot after a deep undershoot is an
        // overdamped recovery (a single yi spike), not an oscillation
        if (undershoot && e[1] - fin > 0.005 * height && e[1] - fin > MIN_REBOUND * depth) {
          return new Result(FiringPattern.SUBTHRESHOLD_OSCILLATIONS, String.format(Locale.ROOT,
              "after the spike the membrane undershoots %.3g below and rebounds %.3g above its final level (damped "
                  + "oscillation)", depth, e[1] - fin), epochs);
        }
      }
    }
    return null;
  }

  private static Result stepResponse(double[] sp, double start, double tEnd, List<Epoch> epochs) {
    int n = sp.length;
    double[] isi = new double[Math.max(0, n - 1)];
    double maxIsi = 0;
    double minIsi = Double.POSITIVE_INFINITY;
    for (int k = 1; k < n; k++) {
      isi[k - 1] = sp[k] - sp[k - 1];
      maxIsi = Math.max(maxIsi, isi[k - 1]);
      minIsi = Math.min(minIsi, isi[k - 1]);
    }
    double silence = tEnd - sp[n - 1];
    if (n == 1 && !(silence > sp[0] - start)) {
      // the record ends before the silence outlasts the wait for the spike: a tonic neuron would fire again about then
      return new Result(FiringPattern.UNCLASSIFIED, String.format(Locale.ROOT, "one spike, %.3g after the onset of a "
          + "sustained step, and the record ends %.3g after it: a silence no longer than the wait for the spike does "
          + "not tell phasic from tonic spiking; a longer run does", sp[0] - start, silence), epochs);
    }
    if (n == 1 || silence > 3 * maxIsi && silence > 0.4 * (tEnd - start)) {
      return new Result(n == 1 ? FiringPattern.PHASIC_SPIKING : FiringPattern.PHASIC_BURSTING, String.format(
          Locale.ROOT, "%d spike(s) at the onset of a sustained step, then silent for %.3g", n, silence), epochs);
    }
    int bursts = bursts(sp);
    if (bursts >= 2) {
      return new Result(FiringPattern.TONIC_BURSTING, bursts + " bursts during a sustained step", epochs);
    }
    if (bursts == 1 && n >= 4) {
      double threshold = Math.sqrt(minIsi * maxIsi);
      int k = 0;
      while (k < isi.length && isi[k] < threshold) {
        k++;
      }
      // k = index of the first long interval; the burst is spikes 0..k
      if (k >= 1 && isi.length - k >= 2) {
        boolean lengthening = isi[isi.length - 1] > 1.05 * isi[k];
        // or a burst of >= 3 spikes set clearly apart (its last interval at most a third of the first single one)
        // whose single spikes settle after lengthening a little (Naud 2008's initial burst: 3.8, 7.7 | 55, 64.3,
        // 64.2 ms); the onset doublet of Izhikevich's tonic spiking A (4 | 14.5, 27.75, 27.5 ms) is no burst
        boolean apartThenSettles = k >= 2 && isi[k] >= 3 * isi[k - 1]
            && isi[isi.length - 1] <= 1.05 * isi[isi.length - 2];
        if (!lengthening || apartThenSettles) {
          return new Result(FiringPattern.MIXED_MODE, String.format(Locale.ROOT,
              "an initial burst of %d spikes, then single spikes at steady intervals", k + 1), epochs);
        }
      }
    }
    if (isi.length >= 3) {
      boolean nonDecreasing = true;
      for (int k = 1; k < isi.length; k++) {
        nonDecreasing &= isi[k] >= 0.98 * isi[k - 1];
      }
      double last = isi[isi.length - 1];
      if (nonDecreasing && last >= 2 * isi[0] && last >= 1.05 * isi[isi.length - 2]) {
        return new Result(FiringPattern.SPIKE_FREQUENCY_ADAPTATION, String.format(Locale.ROOT,
            "ISIs lengthen throughout the step (%.3g to %.3g, still growing)", isi[0], last), epochs);
      }
      // a run long enough for the adaptation to finish: the ISIs grow by >= 5 % over at least the first four
      // intervals and then settle (Naud 2008's adapting cell); a short first interval or two before a steady train
      // (Izhikevich's tonic spiking A: 4, 14.5, 27.75, 27.5 ms) is no adaptation
      int growing = 0;
      while (growing + 1 < isi.length && isi[growing + 1] >= 1.05 * isi[growing]) {
        growing++;
      }
      if (nonDecreasing && last >= 2 * isi[0] && growing >= 3) {
        return new Result(FiringPattern.SPIKE_FREQUENCY_ADAPTATION, String.format(Locale.ROOT,
            "ISIs lengthen by >= 5 %% at each step over the first %d intervals (%.3g to %.3g), and end at %.3g",
            growing + 1, isi[0], isi[growing], last), epochs);
      }
    }
    return new Result(FiringPattern.TONIC_SPIKING, String.format(Locale.ROOT,
        "%d spikes through a sustained step, ISIs settle (last %.3g)", n, isi.length == 0 ? 0 : isi[isi.length - 1]),
        epochs);
  }

  /**
   * Number of bursts (groups of >= 2 spikes) in a train: when max ISI / min ISI >= 3, spikes are
   * grouped at ISIs below the geometric mean of the two; otherwise the train is regular (0 bursts).
   */
  public static int bursts(double[] sp) {
    if (sp.length < 4) {
      return 0;
    }
    double mn = Double.POSITIVE_INFINITY;
    double mx = 0;
    for (int k = 1; k < sp.length; k++) {
      mn = Math.min(mn, sp[k] - sp[k - 1]);
      mx = Math.max(mx, sp[k] - sp[k - 1]);
    }
    if (mx < 3 * mn) {
      return 0;
    }
    double th = Math.sqrt(mn * mx);
    int bursts = 0;
    int size = 1;
    for (int k = 1; k <= sp.length; k++) {
      if (k < sp.length && sp[k] - sp[k - 1] < th) {
        size++;
      } else {
        if (size >= 2) {
          bursts++;
        }
        size = 1;
      }
    }
    return bursts;
  }

  /** Cuts the stimulus into epochs away from its initial value. */
  public static List<Epoch> epochs(double[] t, double[] stim) {
    List<Epoch> out = new ArrayList<>();
    int n = stim.length;
    if (n < 2) {
      return out;
    }
    double base = stim[0];
    double scale = 0;
    for (double s : stim) {
      scale = Math.max(scale, Math.abs(s - base));
    }
    if (scale == 0) {
      return out;
    }
    double eps = 1e-6 * scale;
    int i = 0;
    while (i < n) {
      if (Math.abs(stim[i] - base) <= eps) {
        i++;
        continue;
      }
      int i0 = i;
      while (i < n && Math.abs(stim[i] - base) > eps) {
        i++;
      }
      int i1 = i - 1;
      double amp = 0;
      int sign = 1;
      int changing = 0;
      for (int k = i0; k <= i1; k++) {
        double d = stim[k] - base;
        if (Math.abs(d) > amp) {
          amp = Math.abs(d);
          sign = d > 0 ? 1 : -1;
        }
        if (k > i0 && Math.abs(stim[k] - stim[k - 1]) > eps) {
          changing++;
        }
      }
      boolean ramp = i1 - i0 >= 3 && changing >= Math.max(3, (i1 - i0) / 2);
      boolean open = i1 == n - 1;
      double start = i0 > 0 ? t[i0 - 1] : t[i0];
      double end = open ? t[n - 1] : t[i1 + 1];
      out.add(new Epoch(start, end, open, sign, amp, ramp));
    }
    return out;
  }

  private static double[] inside(double[] sp, double from, double to) {
    double[] out = new double[count(sp, from, to)];
    int j = 0;
    for (double s : sp) {
      if (s >= from && s <= to) {
        out[j++] = s;
      }
    }
    return out;
  }

  private static int count(double[] sp, double from, double to) {
    return FiCurve.spikesIn(sp, from, to);
  }

  private static double firstIn(double[] sp, double from, double to) {
    for (double s : sp) {
      if (s >= from && s <= to) {
        return s;
      }
    }
    return Double.NaN;
  }

  private static double lastIn(double[] sp, double from, double to) {
    double last = Double.NaN;
    for (double s : sp) {
      if (s >= from && s <= to) {
        last = s;
      }
    }
    return last;
  }

  /** Start of the epoch after {@code e}, or the record end. */
  private static double next(List<Epoch> epochs, Epoch e, double tEnd) {
    int k = epochs.indexOf(e);
    return k + 1 < epochs.size() ? epochs.get(k + 1).start() : tEnd;
  }
}
