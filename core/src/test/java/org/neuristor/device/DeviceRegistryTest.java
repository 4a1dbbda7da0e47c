package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Element;

/**
 * The registry only lists device classes; everything else comes from each type's declaration (for
 * types a {@code DeviceFactory} service declares, see the CLI module's {@code DevicePluginTest}).
 */
class DeviceRegistryTest {

  @Test
  void everyRegisteredTypeHasAContractTestNamedAfterItsClass() throws Exception {
    for (ModelType t : DeviceRegistry.types()) {
      Element e = DeviceRegistry.create(t.type(), "d1", List.of("a", "b"), t.probe().params(), 1);
      String test = "org.neuristor.device." + e.getClass().getSimpleName() + "Test";
      Class<?> c = Class.forName(test);
      assertThat(DeviceContractTest.class.isAssignableFrom(c)).as(test + " extends DeviceContractTest").isTrue();
    }
  }

  @Test
  void everyDeclarationIsComplete() {
    for (ModelType t : DeviceRegistry.types()) {
      assertThat(t.presets()).as(t.type() + " presets").isNotEmpty();
      for (ParameterSpec p : t.parameters()) {
        assertThat(p.defaultValue()).as(t.type() + "." + p.name()).isBetween(p.min(), p.max());
        assertThat(p.description()).as(t.type() + "." + p.name()).isNotBlank();
      }
      // every preset resolves and passes the type's checks; the corpus recipe gives valid devices
      for (String preset : t.presets().keySet()) {
        DeviceRegistry.resolve(t.type(), Map.of("preset", preset));
      }
      ModelType.CorpusDraw d = t.corpus().draw(new java.util.SplittableRandom(3));
      DeviceRegistry.resolve(t.type(), d.params());
    }
  }
}
