package org.neuristor.behaviour;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.neuron.IzhikevichPatterns;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;

/**
 * Subjects by name: a library circuit ({@code yi}), a biological model ({@code model:hh}) or the
 * Izhikevich neuron of one of the 20 patterns ({@code izhikevich:K}, parameters of physics.md Table
 * 2.5-A).
 */
public final class Subjects {
  private Subjects() {}

  /**
   * Per model kind: a typical input (model unit), an observation window (s) and the time step (ms);
   * the rheobase search starts from the input and watches the window.
   */
  private record ModelDefaults(double input, double window, double dtMs) {}

  private static final Map<ModelKind, ModelDefaults> MODELS = Map.of(
      ModelKind.IF, new ModelDefaults(1, 0.1, 0.1),
      ModelKind.LIF, new ModelDefaults(2, 0.1, 0.1),
      ModelKind.HH, new ModelDefaults(10, 0.1, 0.01),
      ModelKind.ADEX, new ModelDefaults(1000, 0.2, 0.01),
      ModelKind.IZHIKEVICH, new ModelDefaults(10, 0.2, 0.25));

  /**
   * The subject called {@code name}, with parameter overrides ({@code k=v}: circuit parameters for
   * a circuit, model parameters for a model).
   */
  public static Subject of(String name, Map<String, String> params) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith("izhikevich:")) {
      IzhikevichPatterns.Pattern p = IzhikevichPatterns.get(n.substring(11));
      if (!params.isEmpty()) {
        throw NeuristorException.input(name + ": the pattern neurons take no parameters (use model:izhikevich)");
      }
      return new ModelSubject("izhikevich:" + p.id(), p.model(), p.tauMs(), MODELS.get(ModelKind.IZHIKEVICH).input(),
          MODELS.get(ModelKind.IZHIKEVICH).window());
    }
    if (n.startsWith("model:")) {
      ModelKind k = ModelKind.parse(n.substring(6));
      Map<String, Double> m = new LinkedHashMap<>();
      params.forEach((key, v) -> m.put(key, k.parameter(key).parse(v))); // in the parameter's unit, as model run
      ModelDefaults d = MODELS.get(k);
      return new ModelSubject("model:" + k.cliName(), NeuronModel.of(k, m), d.dtMs(), d.input(), d.window());
    }
    NeuronCircuit c = NeuronLibrary.get(n);
    return new CircuitSubject(c, org.neuristor.library.Protocols.parameters(c, params)); // checked as neuron run's
  }
}
