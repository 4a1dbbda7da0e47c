package org.neuristor.network;

import org.neuristor.NeuristorException;

/**
 * Connectivity rules of a projection from a population of {@code nPre} to one of {@code nPost}
 * neurons.
 */
public sealed interface Connector {
  /** Every pre neuron to every post neuron (without i == j when {@code allowSelf} is false and pre == post). */
  record AllToAll(boolean allowSelf) implements Connector {}

  /** Neuron i to neuron i (sizes must agree). */
  record OneToOne() implements Connector {}

  /** Each (i, j) pair independently with probability p (Brian2's {@code connect(p=...)}). */
  record FixedProbability(double p, boolean allowSelf) implements Connector {
    public FixedProbability {
      if (!(p >= 0 && p <= 1)) {
        throw NeuristorException.input("connection probability must be in [0, 1], got " + p);
      }
    }
  }

  /**
   * Explicit synapses: pre[k] -&gt; post[k], optional per-synapse weights (in the channel's unit)
   * and delays (s); null arrays mean "use the projection's weight/delay".
   */
  record Explicit(int[] pre, int[] post, double[] weights, double[] delaysSeconds) implements Connector {}

  /** Expected number of synapses (for the memory estimate). */
  default double expectedSynapses(int nPre, int nPost, boolean samePopulation) {
    if (this instanceof AllToAll a) {
      return (double) nPre * nPost - (samePopulation && !a.allowSelf() ? Math.min(nPre, nPost) : 0);
    } else if (this instanceof OneToOne) {
      return Math.min(nPre, nPost);
    } else if (this instanceof FixedProbability f) {
      return f.p() * nPre * (double) nPost;
    } else {
      return ((Explicit) this).pre().length;
    }
  }
}
