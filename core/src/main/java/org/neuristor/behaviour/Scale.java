package org.neuristor.behaviour;

import java.util.Locale;
import org.neuristor.NeuristorException;

/**
 * The two numbers that carry a protocol from one neuron to another (Izhikevich (2004)'s protocols are
 * per neuron; here they are written once in these units).
 *
 * <ul>
 *   <li>Rheobase R: the smallest step (from rest, held to the end of the subject's observation
 *       window W, starting at W/10) that evokes at least one spike; found by doubling or halving
 *       from the subject's typical input, then bisection to 1 %.
 *   <li>Natural time scale tau: the time from the onset of a step of 2 R to the first spike. For a
 *       tonic neuron it is close to its firing period there; for a neuron that fires only at input
 *       changes it is the time it takes to answer one.
 * </ul>
 *
 * @param rheobase R (input unit)
 * @param timeScale tau (s)
 * @param unit input unit
 */
public record Scale(double rheobase, double timeScale, String unit) {

  /** Relative precision of the rheobase and of calibrated thresholds. */
  public static final double PRECISION = 0.01;

  /** Measures R and tau of a subject. */
  public static Scale measure(Subject s) {
    double w = s.window();
    double onset = 0.1 * w;
    java.util.function.DoubleFunction<Subject.Response> step = a -> s.run(new Pwl(new double[] {0, onset, onset, w},
        new double[] {0, 0, a, a}), w);
    double r = threshold(a -> step.apply(a).spikes().length > 0, s.typicalInput(), 10,
        s.name() + ": no spike for a step up to ", lowest -> {
          // a number from the end of the search would be no rheobase: the protocols' levels and times would follow
          double[] none = s.run(new Pwl(new double[] {0, w}, new double[] {0, 0}), w).spikes();
          String why = none.length > 0 ? String.format(Locale.ROOT, " (it fires without input: %d spike%s in the %.4g s "
              + "window, the first at %.4g s)", none.length, none.length == 1 ? "" : "s", w, none[0]) : "";
          return NeuristorException.input(String.format(Locale.ROOT, "%s: fires under every step tried, down to %.4g%s%s;"
              + " no rheobase R and no time scale tau to run the protocols with", s.name(), lowest,
              s.inputUnit().equals("1") ? "" : " " + s.inputUnit(), why));
        });
    double[] sp = step.apply(2 * r).spikes();
    if (sp.length == 0) {
      throw NeuristorException.input(String.format(Locale.ROOT, "%s: a step of 2 x rheobase (%.4g %s) does not fire",
          s.name(), 2 * r, s.inputUnit()));
    }
    if (!(sp[0] > onset)) {
      throw NeuristorException.input(String.format(Locale.ROOT, "%s: under a step of 2 x rheobase (%.4g %s) the first "
          + "spike at %.4g s does not follow the step at %.4g s: no time scale tau", s.name(), 2 * r, s.inputUnit(),
          sp[0], onset));
    }
    return new Scale(r, sp[0] - onset, s.inputUnit());
  }

  /**
   * Smallest positive multiplier that fires: from {@code start}, doubling (at most {@code doublings}
   * times, else an error ending in the last value tried) until it fires or halving (at most 16
   * times) until it does not, then bisection to {@link #PRECISION}; the value returned fires.
   * When every halving fires, the last value tried that fired is returned.
   */
  static double threshold(java.util.function.DoublePredicate fires, double start, int doublings, String failure) {
    return threshold(fires, start, doublings, failure, null);
  }

  /**
   * {@link #threshold(java.util.function.DoublePredicate, double, int, String)}, but when every halving fires, the
   * error {@code firesThroughout} makes of the lowest value tried (null: return the last value that fired).
   */
  static double threshold(java.util.function.DoublePredicate fires, double start, int doublings, String failure,
      java.util.function.DoubleFunction<NeuristorException> firesThroughout) {
    double hi = start;
    double lo = 0;
    if (fires.test(hi)) {
      lo = hi / 2;
      int k = 0;
      while (fires.test(lo)) {
        hi = lo;
        lo /= 2;
        if (++k > 16) {
          if (firesThroughout != null) {
            throw firesThroughout.apply(hi); // the lowest value tried, and it fired
          }
          return hi; // fires at any level tried
        }
      }
    } else {
      int k = 0;
      do {
        lo = hi;
        hi *= 2;
        if (++k > doublings) {
          throw NeuristorException.input(failure + String.format(Locale.ROOT, "%.4g", hi));
        }
      } while (!fires.test(hi));
    }
    while (hi - lo > PRECISION * hi) {
      double mid = 0.5 * (lo + hi);
      if (fires.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }
}
