package org.neuristor.network;

/**
 * Counter-based random numbers: a uniform variate is a pure function of (seed, stream, counter),
 * computed with the SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014). Because no state is
 * carried from one draw to the next, a neuron's draws do not depend on which thread computes them
 * or in which order, which is what makes the network's spikes identical for any thread count.
 */
public final class CounterRng {
  private CounterRng() {}

  /** SplitMix64 finaliser: a bijective 64-bit mix with good avalanche. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit hash of the triple. */
  public static long hash(long seed, long stream, long counter) {
    return mix(mix(seed + 0x9E3779B97F4A7C15L * (stream + 1)) ^ (counter * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L));
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public static double uniform(long seed, long stream, long counter) {
    return (hash(seed, stream, counter) >>> 11) * 0x1.0p-53;
  }

  /** Standard normal (Box-Muller on two counter-based uniforms). */
  public static double normal(long seed, long stream, long counter) {
    double u1 = 1 - uniform(seed, stream, 2 * counter);
    double u2 = uniform(seed, stream, 2 * counter + 1);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
