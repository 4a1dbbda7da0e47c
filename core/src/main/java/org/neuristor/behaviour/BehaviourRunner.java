package org.neuristor.behaviour;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.neuristor.NeuristorException;
import org.neuristor.measure.FiringPattern;
import org.neuristor.measure.FiringPatternClassifier;

/**
 * Runs behaviour protocols on a subject: measures its {@link Scale}, turns each protocol into a
 * physical stimulus (calibrating thresholds where the protocol asks), runs it and labels the
 * response with the unchanged {@link FiringPatternClassifier}. Behaviours run in parallel; each
 * result depends only on the subject and the protocol.
 */
public final class BehaviourRunner {
  private BehaviourRunner() {}

  /** A calibrated protocol gives up when its probe does not fire at 2^7 = 128 times the rheobase. */
  static final int MAX_DOUBLINGS = 7;

  /**
   * The outcome of one behaviour on one subject.
   *
   * @param behaviour the behaviour tested
   * @param stimulus the physical stimulus applied (s, input unit)
   * @param level the level unit used (input unit): R, or margin x calibrated threshold
   * @param response the response (null when the protocol could not be applied)
   * @param result the classifier's label and reason (null when not applied)
   * @param error why the protocol could not be applied (null when it was)
   */
  public record Outcome(Behaviour behaviour, Pwl stimulus, double level, Subject.Response response,
      FiringPatternClassifier.Result result, String error) {
    /** The label found, or {@code UNCLASSIFIED} when the protocol could not be applied. */
    public FiringPattern label() {
      return result == null ? FiringPattern.UNCLASSIFIED : result.pattern();
    }

    /** Whether the classifier gave the behaviour's own label. */
    public boolean pass() {
      return result != null && result.pattern() == behaviour.expected();
    }

    /**
     * Whether the response ends where it began when the stimulus ends at its baseline: every sample of
     * the last {@link #SETTLED_TAIL} of the record lies within 10 % of the output's range of its first
     * value. False for a response that settles in another state (a latch), which the classifier's
     * after-potential and pulse rules read as if the final level were the rest, and for one that keeps
     * oscillating (a latch whose last sample happens to fall near the start). True for bistability
     * (whose point is not to return), for stimuli that end away from their baseline and for outcomes
     * without a response. Used by the searches for tuned sets ({@code bench/YiSearch}); not a
     * classifier rule.
     */
    public boolean returnsToRest() {
      double[] st = stimulus == null ? null : stimulus.v();
      if (response == null || st == null || behaviour.expected() == FiringPattern.BISTABILITY
          || st[st.length - 1] != st[0]) {
        return true;
      }
      double[] v = response.trace().get(response.membrane());
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double x : v) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      double[] t = response.trace().axis();
      double from = t[t.length - 1] - SETTLED_TAIL * (t[t.length - 1] - t[0]);
      for (int i = v.length - 1; i >= 0 && t[i] >= from; i--) {
        if (Math.abs(v[i] - v[0]) > 0.1 * (hi - lo)) {
          return false;
        }
      }
      return true;
    }

    /** The part of the record (fraction of its length, at its end) that must lie at the rest level. */
    public static final double SETTLED_TAIL = 0.05;

    /** The classifier's reason, or the error. */
    public String reason() {
      return result == null ? error : result.reason();
    }
  }

  /** Runs {@code behaviours} on {@code subject} with its measured scale. */
  public static List<Outcome> run(Subject subject, Scale scale, List<Behaviour> behaviours, Consumer<Outcome> done) {
    Outcome[] out = new Outcome[behaviours.size()];
    IntStream.range(0, out.length).parallel().forEach(k -> {
      out[k] = one(subject, scale, behaviours.get(k));
      if (done != null) {
        synchronized (BehaviourRunner.class) {
          done.accept(out[k]);
        }
      }
    });
    return List.of(out);
  }

  /** Runs one behaviour. */
  public static Outcome one(Subject subject, Scale scale, Behaviour b) {
    Protocol p = b.protocol();
    double tau = scale.timeScale();
    double duration = p.duration() * tau;
    double level = scale.rheobase();
    try {
      if (p.unit() == Protocol.Unit.THRESHOLD) {
        Pwl probe = p.calibrated();
        double m = Scale.threshold(x -> subject.run(probe.scaled(tau, x * scale.rheobase()), duration).spikes().length > 0,
            1, MAX_DOUBLINGS, String.format(Locale.ROOT, "%s: no spike for behaviour %s up to a multiple (of R) of ",
                subject.name(), b.id()));
        level = p.margin() * m * scale.rheobase();
      }
      Pwl stim = p.physical(tau, level);
      Subject.Response r = subject.run(stim, duration);
      FiringPatternClassifier.Result c = FiringPatternClassifier.classify(r.trace(), r.stimulus(), r.membrane(),
          r.spikes());
      return new Outcome(b, stim, level, r, c, null);
    } catch (NeuristorException e) {
      return new Outcome(b, p.physical(tau, level), level, null, null, e.getMessage());
    }
  }
}
