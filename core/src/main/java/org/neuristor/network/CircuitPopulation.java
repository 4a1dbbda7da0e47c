package org.neuristor.network;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.library.CompactKernel;
import org.neuristor.library.NeuronCircuit;

/**
 * A population of any library circuit in its compact form ({@link NeuronCircuit#compact}): a
 * {@link KernelPopulation} whose neurons' input source follows {@code input(t)} (by default the
 * circuit's own {@code vin} waveform, e.g. a DC bias); synaptic currents enter the membrane node
 * ({@code I = synGE - synG V + synI}) and CURRENT kernels put a charge w (C) on the membrane
 * capacitance. Time is device time.
 */
public final class CircuitPopulation extends KernelPopulation {
  private final NeuronCircuit circuit;

  /**
   * @param circuit the library circuit
   * @param params its parameter overrides
   * @param input input-source voltage against time (V), or null for the circuit's own waveform
   */
  public CircuitPopulation(String name, int size, NeuronCircuit circuit, Map<String, String> params,
      DoubleUnaryOperator input) {
    super(name, kernel(circuit, size, params, input), 0, 0);
    this.circuit = circuit;
  }

  private static CompactKernel kernel(NeuronCircuit circuit, int size, Map<String, String> params,
      DoubleUnaryOperator input) {
    CompactKernel k = circuit.compact(size, params);
    return input == null ? k : k.drive(input);
  }

  public NeuronCircuit circuit() {
    return circuit;
  }
}
