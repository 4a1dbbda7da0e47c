package org.neuristor.netlist;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Element;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ModelType;

/**
 * Plug-in point for compact device models used on {@code N} lines of a netlist:
 * {@code Nname n+ n- model} with {@code .model model <type> (param=value ...)}. Implementations are
 * found with {@link java.util.ServiceLoader}.
 *
 * <p>A plug-in declares its types as data ({@link #types()}, like every built-in device class):
 * {@link DeviceRegistry} then lists them, validates their parameters, builds them and describes
 * them ({@code device list/describe}), and the robustness corpus and contract tests cover them. The
 * default {@link #supports} and {@link #create} go through the registry.
 */
public interface DeviceFactory {

  /** The device model types this factory provides, declared as data. */
  default List<ModelType> types() {
    return List.of();
  }

  /** Whether this factory builds devices of the given {@code .model} type (lower case). */
  default boolean supports(String type) {
    return types().stream().anyMatch(t -> t.type().equals(type));
  }

  /**
   * Builds one device (by default through {@link DeviceRegistry#create}: resolved, validated,
   * variability sampled).
   *
   * @param params the {@code .model} parameters (numbers as Double, strings such as a preset name as String)
   * @param seed seed for the device's variability, derived from the netlist seed and the instance name
   */
  default Element create(String type, String instance, List<String> nodes, Map<String, Object> params, long seed) {
    return DeviceRegistry.create(type, instance, nodes, params, seed);
  }
}
