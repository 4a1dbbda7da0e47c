package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Element;
import org.neuristor.netlist.DeviceFactory;

/** Connects netlist {@code N} lines to {@link DeviceRegistry} (registered with ServiceLoader). */
public final class NetlistDeviceFactory implements DeviceFactory {
  @Override
  public boolean supports(String type) {
    return DeviceRegistry.has(type);
  }

  @Override
  public Element create(String type, String instance, List<String> nodes, Map<String, Object> params, long seed) {
    return DeviceRegistry.create(type, instance, nodes, params, seed);
  }
}
