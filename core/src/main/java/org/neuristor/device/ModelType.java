package org.neuristor.device;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.neuristor.circuit.Element;

/**
 * Descriptor of one device model type as used in netlists ({@code .model m <type> (...)}): the
 * declared parameters, named presets and the factory that builds an {@link Element}.
 *
 * @param type netlist type name (lower case), e.g. {@code ts}
 * @param description one-line summary
 * @param reference literature reference
 * @param parameters declared parameters (defaults, units, ranges)
 * @param presets named parameter sets (values override defaults; the user's values override presets)
 * @param check cross-parameter validation on the resolved set (throws ModelParameterException)
 * @param factory builds the element from a resolved, validated, variability-sampled parameter set
 */
public record ModelType(String type, String description, String reference, List<ParameterSpec> parameters,
    Map<String, Map<String, Double>> presets, Consumer<Map<String, Double>> check, Factory factory) {

  /** Builds an element from resolved parameters (all declared names present). */
  @FunctionalInterface
  public interface Factory {
    Element create(String instance, List<String> nodes, Map<String, Double> params, long seed);
  }

  /** The declared parameter of that name, or null. */
  public ParameterSpec parameter(String name) {
    for (ParameterSpec p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
