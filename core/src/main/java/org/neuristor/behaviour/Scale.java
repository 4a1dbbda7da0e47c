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
        s.name() + ": no spike for a step up to ");
    double[] sp = step.apply(2 * r).spikes();
    if (sp.length == 0) {
      throw NeuristorException.input(String.format(Locale.ROOT, "%s: a step of 2 x rheobase (%.4g %s) does not fire",
          s.name(), 2 * r, s.inputUnit()));
    }
    return new Scale(r, sp[0] - onset, s.inputUnit());
  }

  /**
   * Smallest positive multiplier that fires: from {@code start}, doubling (at most {@code doublings}
   * times, else an error ending in the last value tried) until it fires or halving (at most 16
   * times) until it does not, then bisection to {@link #PRECISION}; the value returned fires.
   */
  static double threshold(java.util.function.DoublePredicate fires, double start, int doublings, String failure) {
    double hi = start;
    double lo = 0;
    if (fires.test(hi)) {
      lo = hi / 2;
      int k = 0;
      while (fires.test(lo)) {
        hi = lo;
        lo /= 2;
        if (++k > 16) {
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
