package org.neuristor.cli;

import java.util.List;
import java.util.Map;
import org.neuristor.device.ModelType;
import org.neuristor.device.ThresholdSwitch;
import org.neuristor.netlist.DeviceFactory;

/**
 * A device added the way a third party would: a {@link DeviceFactory} service (registered in this
 * module's test resources) that only declares its type. Its physics is the TS-A switch; its corpus
 * recipe is the default one every type without its own gets.
 */
public final class TestPluginFactory implements DeviceFactory {
  static final ModelType PLUGIN = ModelType.of("plugts", "test plug-in: the TS-A switch declared by a service",
      "test resources", ThresholdSwitch.TYPE.parameters(), Map.of("slow", Map.of("tauon", 100e-9, "tauoff", 1e-6)),
      ThresholdSwitch.TYPE.check(), ThresholdSwitch.TYPE.factory()).withProbe(Map.of("preset", "slow"), 2.0);

  @Override
  public List<ModelType> types() {
    return List.of(PLUGIN);
  }
}
