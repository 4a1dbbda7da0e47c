package org.neuristor.behaviour;

import org.neuristor.measure.Trace;

/**
 * A neuron the behaviour protocols run on: a library circuit ({@link CircuitSubject}) or a
 * biological model ({@link ModelSubject}). It takes an input waveform in its own input unit (V for
 * a circuit's input source, the model's current unit for a model) and answers with its response.
 */
public interface Subject {
  /** Name for tables and plots. */
  String name();

  /** Unit of the input ({@code "V"}, {@code "uA/cm2"}, ...). */
  String inputUnit();

  /** A typical input level, the starting point of the rheobase search (input unit). */
  double typicalInput();

  /** An observation window (s) long enough to see a first spike near the rheobase. */
  double window();

  /** Runs the neuron from rest under {@code stimulus} (times in s) for {@code durationSeconds}. */
  Response run(Pwl stimulus, double durationSeconds);

  /**
   * One response.
   *
   * @param trace everything recorded
   * @param membrane name of the signal the classifier reads as the membrane (the output spike for a circuit)
   * @param stimulus name of the stimulus signal in the trace
   * @param spikes spike times (s)
   */
  record Response(Trace trace, String stimulus, String membrane, double[] spikes) {}
}
