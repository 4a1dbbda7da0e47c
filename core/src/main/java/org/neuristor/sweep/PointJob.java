package org.neuristor.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One simulation of a sweep: parameter values in, named scalar results out. Implementations are
 * immutable and thread-safe (every call builds its own circuit, model or network) and serializable,
 * so the same job runs on local threads and on Spark executors.
 */
public interface PointJob extends Serializable {
  /** Short description, e.g. {@code neuron lif}. */
  String describe();

  /** The result names this job can produce, in their natural order. */
  List<String> outputs();

  /**
   * Checks that a parameter name is accepted (before any point runs).
   *
   * @return null if fine, else the reason it is not
   */
  String checkParameter(String name);

  /**
   * The unit the values of parameter {@code name} are given in (see {@link
   * org.neuristor.expr.SpiceNumber#parse(String, String)}); {@link
   * org.neuristor.expr.SpiceNumber#ANY_UNIT} where the job does not declare one.
   */
  default String unit(String name) {
    return org.neuristor.expr.SpiceNumber.ANY_UNIT;
  }

  /**
   * Why {@code text}, a value of parameter {@code name} written with a unit ({@code 7kV}), cannot be one of its
   * values where the same value as a plain number can, or null; asked before any point runs for jobs that declare
   * no unit ({@link #unit}): a circuit job's netlist checks the unit against the quantity the parameter sets.
   */
  default String checkValue(String name, String text) {
    return null;
  }

  /**
   * Runs one point.
   *
   * @param params values of the varied parameters (SI)
   * @param seed seed of this point's own randomness (device sampling, noise), from (sweep seed, index)
   * @return every result of {@link #outputs()} (NaN when undefined, e.g. energy per spike without spikes)
   */
  Map<String, Double> run(Map<String, Double> params, long seed);
}
