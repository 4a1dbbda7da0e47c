package org.neuristor.network;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.library.CompactNeuron;
import org.neuristor.library.NeuronCircuit;

/**
 * A population of any library circuit in its compact form ({@link NeuronCircuit#compact}): the
 * network adapter for every {@link CompactNeuron}. The kernel is built in blocks of
 * {@link #BLOCK} neurons so network chunks stay independent; each neuron's input source follows
 * {@code input(t)} (by default the circuit's own {@code vin} waveform, e.g. a DC bias), synaptic
 * currents enter the membrane node: {@code I = synGE - synG V + synI}, and CURRENT kernels put a
 * charge w (C) on the membrane capacitance. Time is device time.
 */
public final class CircuitPopulation extends Population {
  /** Neurons per kernel block. */
  public static final int BLOCK = 256;

  private final NeuronCircuit circuit;
  private final CompactNeuron[] blocks;
  private final DoubleUnaryOperator input;
  private final double[][] vin;
  private final double[][] isyn;
  private final double[][] offset;

  /**
   * @param circuit the library circuit
   * @param params its parameter overrides
   * @param input input-source voltage against time (V), or null for the circuit's own waveform
   */
  public CircuitPopulation(String name, int size, NeuronCircuit circuit, Map<String, String> params,
      DoubleUnaryOperator input) {
    super(name, size);
    this.circuit = circuit;
    this.input = input != null ? input : org.neuristor.library.CompactForms.input(circuit, params);
    int nb = (size + BLOCK - 1) / BLOCK;
    blocks = new CompactNeuron[nb];
    vin = new double[nb][];
    isyn = new double[nb][];
    offset = new double[nb][];
    for (int b = 0; b < nb; b++) {
      int n = Math.min(BLOCK, size - b * BLOCK);
      blocks[b] = circuit.compact(n, params);
      vin[b] = new double[n];
      isyn[b] = new double[n];
      offset[b] = new double[n];
    }
  }

  public NeuronCircuit circuit() {
    return circuit;
  }

  @Override
  public List<String> variables() {
    return blocks[0].variables();
  }

  @Override
  public double variable(String variable, int i) {
    return blocks[i / BLOCK].state(variable)[i % BLOCK];
  }

  @Override
  protected void initialize(long seed, double dt) {
    for (CompactNeuron b : blocks) {
      b.reset();
    }
  }

  @Override
  protected int update(int from, int to, long step, double dt, int[] out) {
    gatherSynapses(from, to, step, dt);
    final boolean hasSyn = synG != null;
    int n = 0;
    for (int b = from / BLOCK; b * BLOCK < to; b++) {
      CompactNeuron k = blocks[b];
      double t = step * dt;
      double u = input.applyAsDouble(k.rampsInput() ? t + dt : t + 0.5 * dt);
      java.util.Arrays.fill(vin[b], u);
      int base = b * BLOCK;
      int len = k.size();
      if (hasSyn) {
        double[] vm = k.membrane();
        double invC = 1 / k.membraneCapacitance();
        double[] is = isyn[b];
        for (int j = 0; j < len; j++) {
          int i = base + j;
          double vj = vm[j] + synJump[i] * invC;
          vm[j] = vj;
          is[j] = synGE[i] - synG[i] * vj + synI[i];
        }
      }
      k.step(dt, vin[b], hasSyn ? isyn[b] : null, offset[b]);
      double[] off = offset[b];
      for (int j = 0; j < len; j++) {
        if (off[j] == off[j]) {
          out[n++] = base + j;
        }
      }
    }
    return n;
  }
}
