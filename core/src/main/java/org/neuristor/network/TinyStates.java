package org.neuristor.network;

import java.util.List;

/**
 * Keeps the decaying synaptic states of a network out of the subnormal doubles (below 2^-1022, ~2.2e-308), which
 * x86 multiplies only through a microcode assist, tens of times slower than a normal multiply.
 *
 * <p>The hazard: with no input, a conductance or exponential channel state is multiplied by its decay factor d
 * every step (0.98 for tau 5 ms at dt 0.1 ms). From 1 nS it reaches the subnormal range after ~34,000 steps, and
 * it never leaves it: once x is a few units of the last place of the subnormal range (x = k 2^-1074 with
 * (1 - d) k &lt; 1/2, k &lt; 25 for d = 0.98), {@code x * d} rounds back to x, so the state stays subnormal for the
 * rest of the run and every step that reads it pays the assist (examples/coba-quiet.yaml, COBA fallen silent:
 * 4.2-4.3 us of thread CPU per step while its states were normal, 104-109 us once they were subnormal, on an
 * Intel Xeon; docs/network-performance.md). Java has no flush-to-zero mode.
 *
 * <p>The fix: every {@link #period} steps the network zeroes every channel state whose magnitude is below
 * {@link #BOUND} (2^-960, ~1.0e-289). Between two flushes a state above the bound is multiplied by at most
 * {@code period} decay factors, which the period keeps above {@link #FLOOR} (2^-982, ~2.5e-296, a margin of
 * 2^40 above the subnormals for the state's products with reversal potentials and voltages in the membrane
 * update); a state is raised only by arrivals (weights of ordinary size). So no channel state is ever subnormal
 * (except under weights below ~1e-280 or the like).
 *
 * <p>Why the membrane potentials and spikes do not change: a flushed state x (|x| &lt; 2^-960) enters the
 * membrane update only as terms x, x E, x V added to the leak drive g_L (E_L - V) + I_bias (and to the other
 * channels' terms), then scaled by dt/C and added to V. A term t leaves a partial sum P unchanged when
 * |t| &lt; ulp(P)/2, i.e. whenever |P| &gt; 2^53 |t| (~1e-273 for |E|, |V| &lt; 10 V); and if the partial sums are
 * that small, the increment they make is absorbed in V + dt/C * (...) unless |V| itself is below ~1e-250 V. So
 * V (and with it every spike) can differ only when V is within ~1e-250 V of 0 while the leak drive and every
 * other current cancel to below ~1e-273 A: a membrane at rest at exactly 0 V (E_L = 0 V and I_bias = 0, or
 * g_L E_L + I_bias = 0 exactly; a memristive_lif with V_in = 0), whose own V then decays through the subnormals
 * as well: a single-channel LIF with E_L = 0 differs from step ~137,000 of silence on, where |V| &lt; 1e-300 V. With a
 * nonzero resting potential (every example and benchmark) it cannot happen. The states themselves read 0 where they were below
 * 2^-960 ({@link Channel#state()}).
 */
final class TinyStates {
  /** Channel states below this magnitude are zeroed at each flush: 2^-960 (~1.0e-289). */
  static final double BOUND = 0x1p-960;
  /** The least a state above {@link #BOUND} may decay to before the next flush: 2^-982 (~2.5e-296). */
  static final double FLOOR = 0x1p-982;
  /** Most steps between flushes (slow decays would allow more; the flush costs one pass per this many steps). */
  static final long MAX_PERIOD = 1 << 20;

  private TinyStates() {}

  /**
   * Steps between flushes: the most steps the fastest channel decay of the populations (|d|, forward Euler's
   * 1 - dt/tau or the exact e^(-dt/tau)) takes from {@link #BOUND} down to no less than {@link #FLOOR}; at least 1,
   * at most {@link #MAX_PERIOD}.
   */
  static long period(List<Population> populations, double dt) {
    double fastest = 1;
    for (Population p : populations) {
      for (Channel ch : p.channels) {
        if (ch.kernel != Kernel.CURRENT) {
          double d = Math.abs(p.decay(ch, dt));
          if (d > 0 && d < fastest) { // 0 sends the state to 0 at once; >= 1 does not decay
            fastest = d;
          }
        }
      }
    }
    if (fastest >= 1) {
      return MAX_PERIOD;
    }
    double k = Math.floor(Math.log(BOUND / FLOOR) / -Math.log(fastest));
    return (long) Math.max(1, Math.min(MAX_PERIOD, k));
  }

  /** Zeroes the states of p's decaying channels whose magnitude is below {@link #BOUND} (not exact zeros). */
  static void flush(Population p) {
    List<Channel> chs = p.channels;
    for (int c = 0; c < chs.size(); c++) {
      Channel ch = chs.get(c);
      if (ch.kernel == Kernel.CURRENT) {
        continue; // no decay: the state is the last step's arrivals
      }
      double[] s = ch.state;
      for (int i = 0; i < s.length; i++) {
        double x = s[i];
        if (Math.abs(x) < BOUND && x != 0) {
          s[i] = 0;
        }
      }
    }
  }
}
