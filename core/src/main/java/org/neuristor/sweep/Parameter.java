package org.neuristor.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * A varied parameter of a sweep. Grid and list parameters span a Cartesian product; random ones
 * (uniform, normal, log-normal, Latin hypercube) are drawn once per point from a generator seeded by
 * (sweep seed, point index) only, so every engine and thread count sees the same values.
 */
public sealed interface Parameter extends Serializable {
  /** The parameter name as the job understands it. */
  String name();

  /** Explicit values (a {@code grid} from..to in n steps, or a {@code list}). */
  record Values(String name, List<Double> values, boolean logarithmic) implements Parameter {}

  /** Uniform on [lo, hi). */
  record Uniform(String name, double lo, double hi) implements Parameter {}

  /** Normal with mean and standard deviation. */
  record Normal(String name, double mean, double sigma) implements Parameter {}

  /** Log-normal: median * exp(sigma * z), z standard normal. */
  record LogNormal(String name, double median, double sigma) implements Parameter {}

  /**
   * Latin hypercube on [lo, hi): the samples fall one per stratum of width (hi - lo) / samples, in an
   * order permuted per parameter from the sweep seed.
   */
  record Lhs(String name, double lo, double hi) implements Parameter {}

  /** Whether this parameter is drawn at random per point. */
  default boolean random() {
    return !(this instanceof Values);
  }
}
