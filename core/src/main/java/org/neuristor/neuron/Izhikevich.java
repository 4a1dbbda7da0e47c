package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Izhikevich's simple model (IEEE TNN 14, 1569 (2003); 15, 1063 (2004)), integrated exactly as the
 * author's figure1.m does (physics.md 2.5): forward Euler with step tau, v first, then u with the
 * new v, then the reset when v > 30 mV. Time grid t_i = i tau computed from the index.
 *
 * @param a recovery rate
 * @param b sensitivity of u to v
 * @param c reset voltage (mV)
 * @param d reset increment of u
 * @param variant "" for the standard model, "class1" for 0.04v^2+4.1v+108 (patterns G, L),
 *     "accommodation" for du = a b (v + 65) (pattern R), "euler" for plain forward Euler (u from the
 *     previous v, as Brian2's {@code euler} method integrates it)
 */
public record Izhikevich(double a, double b, double c, double d, String variant) {

  /** Spike (reset) times in ms for the stimulus I(t), from v0 (u0 = b v0 unless given). */
  public double[] run(double v0, double u0, double tauMs, double tMaxMs, DoubleUnaryOperator stimulus) {
    double v = v0;
    double u = Double.isNaN(u0) ? b * v0 : u0;
    List<Double> spikes = new ArrayList<>();
    long steps = Math.round(tMaxMs / tauMs);
    for (long i = 0; i <= steps; i++) {
      double t = i * tauMs;
      double iExt = stimulus.applyAsDouble(t);
      double vPrev = v;
      if (variant.equals("class1")) {
        v = v + tauMs * (0.04 * v * v + 4.1 * v + 108 - u + iExt);
      } else {
        v = v + tauMs * (0.04 * v * v + 5 * v + 140 - u + iExt);
      }
      if (variant.equals("accommodation")) {
        u = u + tauMs * a * (b * (v + 65));
      } else if (variant.equals("euler")) {
        u = u + tauMs * a * (b * vPrev - u);
      } else {
        u = u + tauMs * a * (b * v - u);
      }
      if (v > 30) {
        spikes.add(t);
        v = c;
        u = u + d;
      }
    }
    return spikes.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
