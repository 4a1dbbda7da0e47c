package org.neuristor.netlist;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Element;

/**
 * Plug-in point for compact device models used on {@code N} lines of a netlist:
 * {@code Nname n+ n- model} with {@code .model model <type> (param=value ...)}. Implementations are
 * found with {@link java.util.ServiceLoader}.
 */
public interface DeviceFactory {

  /** Whether this factory builds devices of the given {@code .model} type (lower case). */
  boolean supports(String type);

  /**
   * Builds one device.
   *
   * @param params the {@code .model} parameters (numbers as Double, strings such as a preset name as String)
   * @param seed seed for the device's variability, derived from the netlist seed and the instance name
   */
  Element create(String type, String instance, List<String> nodes, Map<String, Object> params, long seed);
}
