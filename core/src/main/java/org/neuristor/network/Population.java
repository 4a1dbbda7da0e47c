package org.neuristor.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.neuristor.NeuristorException;

/**
 * A population of neurons (or input encoders) in structure-of-arrays form, stepped by the network
 * in chunks of neurons, possibly on several threads at once. Subclasses implement
 * {@link #update}, which must touch only the neurons of its range and allocate nothing.
 *
 * <p>Synaptic input arrives through {@link Channel}s; {@link #gatherSynapses} folds the arrivals of
 * the current step into the channel states and leaves, per neuron, the summed conductance
 * {@code synG} (S), conductance times reversal {@code synGE} (A/V * V = A), exponential currents
 * {@code synI} (A) and instantaneous jumps {@code synJump}, so that the synaptic current at membrane
 * voltage V is {@code synGE - synG V + synI}.
 */
public abstract class Population {
  final String name;
  final int size;
  final List<Channel> channels = new ArrayList<>();
  final List<Projection> incoming = new ArrayList<>();
  int index;
  /** Indices of the neurons that spiked in the last step, ascending. */
  int[] spikes;
  int spikeCount;
  /** Spikes per neuron since the start. */
  long[] spikeTotals;
  /** Whether channel states decay with forward Euler (1 - dt/tau) rather than exactly. */
  boolean eulerChannels;
  double[] synG;
  double[] synGE;
  double[] synI;
  double[] synJump;

  protected Population(String name, int size) {
    if (size < 1) {
      throw NeuristorException.input("population '" + name + "': size must be >= 1, got " + size);
    }
    this.name = name;
    this.size = size;
  }

  public String name() {
    return name;
  }

  public int size() {
    return size;
  }

  /** Adds a receptor channel; returns it. */
  public Channel addChannel(String channelName, Kernel kernel, double tauSeconds, double reversalVolts) {
    if (channel(channelName) != null) {
      throw NeuristorException.input("population '" + name + "': channel '" + channelName + "' defined twice");
    }
    if (kernel != Kernel.CURRENT && !(tauSeconds > 0)) {
      throw NeuristorException.input("population '" + name + "': channel '" + channelName + "' needs tau > 0");
    }
    Channel c = new Channel(channelName, kernel, tauSeconds, reversalVolts, size);
    channels.add(c);
    return c;
  }

  /** The channel of that name, or null. */
  public Channel channel(String channelName) {
    for (Channel c : channels) {
      if (c.name.equals(channelName)) {
        return c;
      }
    }
    return null;
  }

  public List<Channel> channels() {
    return Collections.unmodifiableList(channels);
  }

  /** Whether this population accepts synaptic input (encoders do not). */
  public boolean acceptsInput() {
    return true;
  }

  /** Names of the state variables a state monitor may sample. */
  public abstract List<String> variables();

  /** Value of a state variable of neuron i (SI units). */
  public abstract double variable(String variable, int i);

  /** Energy spent by the neurons per spike (J), 0 when the model does not define one. */
  public double energyPerSpikeJoules() {
    return 0;
  }

  /**
   * Whether chunks of this population may be updated concurrently with results independent of the
   * chunking (false: the network updates it as one chunk).
   */
  boolean rangeSafe() {
    return true;
  }

  /** Chunk starts are multiples of this (16 neurons keep threads off each other's cache lines). */
  int chunkAlignment() {
    return 16;
  }

  /** The chunk starts the network will update this population with (ascending, first 0). */
  void plan(int[] starts) {}

  /** Time (s) of neuron i's spike in step {@code step}: the step's start unless the model knows better. */
  double spikeTime(int neuron, long step, double dt) {
    return step * dt;
  }

  /** Puts the population in its initial state (seeded draws allowed). Called once before running. */
  protected abstract void initialize(long seed, double dt);

  /**
   * Integrates neurons [from, to) over one step of length dt starting at step number {@code step};
   * writes the indices of neurons that spiked into {@code out} from position 0 in ascending order
   * and returns how many ({@code out} has {@code to - from} slots; those past the count may serve as scratch).
   */
  protected abstract int update(int from, int to, long step, double dt, int[] out);

  void allocate(double dt) {
    spikes = new int[size];
    spikeTotals = new long[size];
    if (!channels.isEmpty()) {
      synG = new double[size];
      synGE = new double[size];
      synI = new double[size];
      synJump = new double[size];
    }
  }

  /** Folds this step's arrivals into the channel states; see the class comment. */
  protected final void gatherSynapses(int from, int to, long step, double dt) {
    if (synG == null) {
      return;
    }
    for (int i = from; i < to; i++) {
      synG[i] = 0;
      synGE[i] = 0;
      synI[i] = 0;
      synJump[i] = 0;
    }
    for (int c = 0; c < channels.size(); c++) {
      Channel ch = channels.get(c);
      double[] s = ch.state;
      double[] r = ch.ring;
      int off = r == null ? 0 : (int) (step % ch.slots) * size;
      switch (ch.kernel) {
        case CURRENT:
          for (int i = from; i < to; i++) {
            double x = r[off + i];
            r[off + i] = 0;
            s[i] = x;
            synJump[i] += x;
          }
          break;
        case EXPONENTIAL: {
          double decay = decay(ch, dt);
          if (r == null) {
            for (int i = from; i < to; i++) {
              double x = s[i];
              synI[i] += x;
              s[i] = x * decay;
            }
            break;
          }
          for (int i = from; i < to; i++) {
            double x = s[i] + r[off + i];
            r[off + i] = 0;
            synI[i] += x;
            s[i] = x * decay;
          }
          break;
        }
        default: {
          double decay = decay(ch, dt);
          double e = ch.reversalVolts;
          if (r == null) {
            for (int i = from; i < to; i++) {
              double x = s[i];
              synG[i] += x;
              synGE[i] += x * e;
              s[i] = x * decay;
            }
            break;
          }
          for (int i = from; i < to; i++) {
            double x = s[i] + r[off + i];
            r[off + i] = 0;
            synG[i] += x;
            synGE[i] += x * e;
            s[i] = x * decay;
          }
        }
      }
    }
  }

  /** Per-step decay factor of a decaying channel's state: forward Euler or exact. */
  final double decay(Channel ch, double dt) {
    return eulerChannels ? 1 - dt / ch.tauSeconds : ch.decayExact;
  }

  /** Number of spikes emitted in the last step. */
  public int lastSpikeCount() {
    return spikeCount;
  }

  /** Neuron index of the k-th spike of the last step. */
  public int lastSpike(int k) {
    return spikes[k];
  }

  /** Total spikes of neuron i since initialization. */
  public long spikeTotal(int i) {
    return spikeTotals[i];
  }

  /** Total spikes of the population since initialization. */
  public long spikeTotal() {
    long s = 0;
    for (long c : spikeTotals) {
      s += c;
    }
    return s;
  }

  /** Approximate heap bytes per neuron of this model (for the up-front memory estimate). */
  public static long bytesPerNeuron(int channels, int slots) {
    // state and refractory bookkeeping ~8 doubles, totals, spike buffer (x2 with chunk buffers),
    // 4 scratch arrays, channels
    return 8 * 8 + 8 + 8 + 4 * 8 + (long) channels * (8 + 8L * slots);
  }
}
