package org.neuristor.behaviour;

/**
 * The stimulus of one behaviour, in units that carry over between neurons: times in units of the
 * neuron's natural time scale tau, levels in units of its rheobase R, or, for behaviours that live
 * just above a threshold, of a calibrated threshold (see {@link Unit}).
 *
 * @param duration record length (tau)
 * @param stimulus breakpoints of the stimulus (times in tau, levels in the unit)
 * @param unit what the levels are measured in
 * @param margin factor applied to a calibrated threshold (ignored for {@link Unit#RHEOBASE})
 * @param probe for {@link Unit#THRESHOLD}: the waveform whose firing threshold is the unit (null:
 *     the stimulus itself), levels in units of R
 */
public record Protocol(double duration, Pwl stimulus, Unit unit, double margin, Pwl probe) {

  /** What the levels of a protocol are measured in. */
  public enum Unit {
    /** The rheobase R: the smallest step that evokes a spike ({@link Scale}). */
    RHEOBASE,
    /**
     * The smallest multiple m of the probe (levels in R) that evokes a spike: levels are then
     * {@code margin * m * R * level}. The same rule for every neuron, for behaviours that need a
     * stimulus just above (or a known factor above) the neuron's own threshold for that stimulus.
     */
    THRESHOLD
  }

  /** The waveform that is calibrated: the probe, or the stimulus itself. */
  public Pwl calibrated() {
    return probe == null ? stimulus : probe;
  }

  /**
   * The physical stimulus for a neuron of natural time scale {@code tau} (s) whose level unit is
   * {@code unitLevel} (input units: R, or margin m R for a calibrated protocol).
   */
  public Pwl physical(double tau, double unitLevel) {
    return stimulus.scaled(tau, unitLevel);
  }
}
