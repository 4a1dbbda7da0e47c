package org.neuristor.netlist;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .model} card: name, type (lower case) and parameters (numbers as Double, words such as a
 * preset name as String), with the line it was written on for errors.
 */
record Model(String name, String type, Map<String, Object> params, SourceLine line) {

  /**
   * The parameters as numbers; a word-valued parameter is an error at the model's line, except a version word
   * ({@code version=3.3.0} of the BSIM cards in ngspice's examples), left out so that the level is what is refused.
   */
  Map<String, Double> numeric() {
    Map<String, Double> r = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (e.getKey().equals("version") && e.getValue() instanceof String) {
        continue; // BSIM's version=3.3.0: a level Neuristor refuses by its number, not by this word
      }
      if (!(e.getValue() instanceof Double d)) {
        throw line.error(0, "model parameter " + e.getKey() + " must be a number, got '" + e.getValue() + "'");
      }
      r.put(e.getKey(), d);
    }
    return r;
  }
}
