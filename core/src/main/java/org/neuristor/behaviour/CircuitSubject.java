package org.neuristor.behaviour;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Simulation;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.netlist.CircuitCompiler;

/**
 * A library circuit as a behaviour subject: the stimulus replaces its input source {@code vin} as a
 * PWL source; spikes are the circuit's own (its firing state crossing its spike level); the
 * classifier reads the output node, where the spike is seen.
 *
 * @param circuit the library circuit
 * @param params parameter overrides (as {@code neuron run --param})
 */
public record CircuitSubject(NeuronCircuit circuit, Map<String, String> params) implements Subject {

  public CircuitSubject(NeuronCircuit circuit) {
    this(circuit, Map.of());
  }

  @Override
  public String name() {
    return circuit.name();
  }

  @Override
  public String inputUnit() {
    return "V";
  }

  /** The circuit's own input amplitude ({@code .param vin}), else 1 V. */
  @Override
  public double typicalInput() {
    String v = params.getOrDefault("vin", circuit.parameters().get("vin"));
    double x = v == null ? Double.NaN : SpiceNumber.parse(v);
    return x > 0 ? x : 1;
  }

  /** The circuit's own record length ({@code .param tstop}). */
  @Override
  public double window() {
    String v = params.getOrDefault("tstop", circuit.parameters().get("tstop"));
    return v == null ? 1e-6 : SpiceNumber.parse(v);
  }

  @Override
  public Response run(Pwl stimulus, double durationSeconds) {
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("tstop", String.format(Locale.ROOT, "%.9g", durationSeconds));
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(circuit.netlist(p, stimulus.spice(1e-4 * durationSeconds
        / Math.max(1, stimulus.t().length))), circuit.name() + ".cir");
    List<String> saves = new java.util.ArrayList<>(cc.saves());
    for (String s : List.of("v(in)", circuit.output(), circuit.spikeState())) {
      if (!saves.contains(s)) {
        saves.add(s);
      }
    }
    Trace t = Simulation.run(cc.circuit(), cc.analyses().get(0), saves, null).trace();
    return new Response(t, "v(in)", circuit.output(), circuit.features(t).spikeTimes());
  }
}
