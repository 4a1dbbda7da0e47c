package org.neuristor.behaviour;

import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;

/**
 * A biological model as a behaviour subject: the stimulus is its input current (in the model's
 * current unit, times converted to ms), run noise-free with the model's default method.
 *
 * @param name name for tables and plots
 * @param model the model and its parameters
 * @param dtMs time step (ms)
 * @param typicalInput a typical input current (model unit), where the rheobase search starts
 * @param window observation window (s) for the rheobase search
 */
public record ModelSubject(String name, NeuronModel model, double dtMs, double typicalInput, double window) implements Subject {

  @Override
  public String inputUnit() {
    return model.kind().currentUnit();
  }

  @Override
  public Response run(Pwl stimulus, double durationSeconds) {
    NeuronSimulation.Result r = NeuronSimulation.run(model, tMs -> stimulus.valueAt(tMs * 1e-3),
        durationSeconds * 1e3, dtMs);
    return new Response(r.trace(), "i", "v", r.spikeTimesSeconds());
  }
}
