package org.neuristor.device;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Element;
import org.neuristor.netlist.DeviceFactory;

/**
 * The device model types Neuristor offers, by netlist type name. Also the netlist's
 * {@link DeviceFactory} (registered as a service), so {@code N} lines with
 * {@code .model name <type> (preset=... param=value sigma_param=...)} build these devices.
 */
public final class DeviceRegistry implements DeviceFactory {
  private static final List<ModelType> TYPES = List.of(ThresholdSwitch.type(), MottMemristor.type());

  /** All model types. */
  public static List<ModelType> types() {
    return TYPES;
  }

  /** A type by name; throws naming the known types. */
  public static ModelType type(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    for (ModelType t : TYPES) {
      if (t.name().equals(key)) {
        return t;
      }
    }
    throw new ModelParameterException("type", "unknown device type '" + name + "'; known: "
        + String.join(", ", TYPES.stream().map(ModelType::name).toList()));
  }

  /**
   * Builds a device.
   *
   * @param params parameter values (Double) and optionally {@code preset} (String) and
   *     {@code sigma_<param>} relative device-to-device spreads
   * @param seed seed of the device's variability draw
   */
  public static Element build(String type, String instance, List<String> nodes, Map<String, Object> params,
      long seed) {
    ModelType t = type(type);
    if (nodes.size() != 2) {
      throw new ModelParameterException("nodes", instance + ": a " + t.name() + " device has 2 terminals, got "
          + nodes.size());
    }
    SplittableRandom rng = new SplittableRandom(seed);
    return t.factory().create(instance, nodes, t.resolve(instance, params, rng), rng);
  }

  @Override
  public boolean supports(String type) {
    return TYPES.stream().anyMatch(t -> t.name().equals(type));
  }

  @Override
  public Element create(String type, String instance, List<String> nodes, Map<String, Object> params, long seed) {
    return build(type, instance, nodes, params, seed);
  }
}
