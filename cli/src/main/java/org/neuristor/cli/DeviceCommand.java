package org.neuristor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ModelType;
import org.neuristor.device.ParameterSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code neuristor device list|describe TYPE}: the device models, generated from their declarations. */
@Command(name = "device", mixinStandardHelpOptions = true,
    description = "List the device model types or describe one: parameters, units, defaults, ranges, presets.",
    footer = {"", "Examples:", "  ./neuristor device list", "  ./neuristor device describe ts"},
    subcommands = {DeviceCommand.ListCommand.class, DeviceCommand.DescribeCommand.class})
@JsonKeys({"commands"})
public final class DeviceCommand implements Runnable {
  @Mixin JsonOption json;

  @Override
  public void run() {
    json.usageOrCommands();
  }

  /** {@code device list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the device model types and their presets.",
      footer = {"", "Example:", "  ./neuristor device list --json"})
  @JsonKeys({"types"})
  static final class ListCommand implements Callable<Integer> {
    @Mixin JsonOption json;

    @Override
    public Integer call() {
      List<Object> rows = new ArrayList<>();
      for (ModelType t : DeviceRegistry.types()) {
        if (json.json()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("type", t.type());
          m.put("description", t.description());
          m.put("presets", new ArrayList<>(t.presets().keySet()));
          rows.add(m);
        } else {
          json.out().printf(Locale.ROOT, "%-10s %-70s presets: %s%n", t.type(), t.description(),
              String.join(", ", t.presets().keySet()));
        }
      }
      if (json.json()) {
        json.print(new Summary().put("types", rows));
      }
      json.out().flush();
      return 0;
    }
  }

  /** {@code device describe TYPE}. */
  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Describe one device model type: every parameter with unit, default and range, and the presets.",
      footer = {"", "Example:", "  ./neuristor device describe mott --json"})
  @JsonKeys({"type", "description", "reference", "parameters", "presets"})
  static final class DescribeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TYPE", description = "A model type, e.g. ts, mott, vo2.")
    String type;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      if (!json.json()) {
        json.out().println(DeviceRegistry.describe(type));
        json.out().flush();
        return 0;
      }
      ModelType t = DeviceRegistry.type(type);
      Summary m = new Summary();
      m.put("type", t.type());
      m.put("description", t.description());
      m.put("reference", t.reference());
      List<Object> ps = new ArrayList<>();
      for (ParameterSpec p : t.parameters()) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", p.name());
        q.put("unit", p.unit());
        q.put("default", p.defaultValue());
        q.put("min", p.min());
        q.put("max", p.max());
        q.put("description", p.description());
        ps.add(q);
      }
      m.put("parameters", ps);
      m.put("presets", t.presets());
      json.print(m);
      return 0;
    }
  }
}
