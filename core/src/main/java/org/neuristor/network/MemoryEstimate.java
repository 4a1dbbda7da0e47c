package org.neuristor.network;

import java.util.Locale;
import org.neuristor.NeuristorException;

/**
 * Up-front memory estimate of a network, checked against the JVM's free heap before anything large
 * is allocated. Per synapse: 4 bytes target index + 4 bytes float weight (+2 bytes when delays
 * differ per synapse); per neuron: {@link Population#bytesPerNeuron}; per pre neuron and
 * projection: 4 bytes per delivery chunk + 4 for the row pointer.
 */
public final class MemoryEstimate {
  private long neuronBytes;
  private long synapseBytes;
  private double synapses;
  private long neurons;

  public MemoryEstimate neurons(int size, int channels, int slots) {
    neurons += size;
    neuronBytes += (long) size * Population.bytesPerNeuron(channels, slots);
    return this;
  }

  public MemoryEstimate synapses(double expected, int nPre, boolean perSynapseDelay, int chunks) {
    synapses += expected;
    synapseBytes += (long) Math.ceil(expected * (perSynapseDelay ? 10 : 8)) + 4L * nPre * (chunks + 2);
    return this;
  }

  public long bytes() {
    return neuronBytes + synapseBytes;
  }

  public double synapses() {
    return synapses;
  }

  /** Heap that can still be allocated (max heap minus what is in use). */
  public static long availableBytes() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /** Throws an input error with the estimate when it exceeds 90 % of the available heap. */
  public void check(String what) {
    long avail = availableBytes();
    if (bytes() > 0.9 * avail) {
      throw NeuristorException.input(String.format(Locale.ROOT,
          "%s is too large for memory: needs about %s (%d neurons, %.4g synapses x 8 B = %s), %s of heap"
              + " available; reduce its size or raise the heap (NEURISTOR_JAVA_OPTS=-Xmx...)",
          what, human(bytes()), neurons, synapses, human(synapseBytes), human(avail)));
    }
  }

  public static String human(long b) {
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.2f GiB", b / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
  }
}
