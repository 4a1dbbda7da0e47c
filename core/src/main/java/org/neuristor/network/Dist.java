package org.neuristor.network;

import java.util.SplittableRandom;

/**
 * A value or a distribution of per-synapse values (weights in the channel's unit, delays in s):
 * {@code constant a}, {@code uniform [a, b)} or {@code normal (mean a, sd b)}.
 */
public record Dist(String kind, double a, double b) {
  public static Dist constant(double v) {
    return new Dist("constant", v, 0);
  }

  public boolean isConstant() {
    return kind.equals("constant");
  }

  double draw(SplittableRandom r) {
    switch (kind) {
      case "uniform":
        return a + (b - a) * r.nextDouble();
      case "normal": {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return a + b * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      }
      default:
        return a;
    }
  }

  /** Largest value it can take (for ring sizing), +inf for normal. */
  double max() {
    return switch (kind) {
      case "uniform" -> Math.max(a, b);
      case "normal" -> Double.POSITIVE_INFINITY;
      default -> a;
    };
  }
}
