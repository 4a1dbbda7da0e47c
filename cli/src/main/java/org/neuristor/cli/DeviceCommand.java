package org.neuristor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.ParameterSpec;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ModelType;
import org.neuristor.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor device list|describe TYPE}: the device models, generated from their declarations. */
@Command(name = "device", mixinStandardHelpOptions = true,
    description = "List device model types or describe one (parameters, units, defaults, ranges, presets).",
    footer = {"", "Examples:", "  ./neuristor device list", "  ./neuristor device describe ts"},
    subcommands = {DeviceCommand.ListCommand.class, DeviceCommand.DescribeCommand.class})
public final class DeviceCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    new ListCommand().call();
    return 0;
  }

  /** {@code device list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the device model types and presets.")
  static final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print as JSON")
    boolean json;

    @Override
    public Integer call() {
      List<Object> rows = new ArrayList<>();
      for (ModelType t : DeviceRegistry.types()) {
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("type", t.type());
          m.put("description", t.description());
          m.put("presets", new ArrayList<>(t.presets().keySet()));
          rows.add(m);
        } else {
          System.out.printf("%-10s %-70s presets: %s%n", t.type(), t.description(), String.join(", ", t.presets().keySet()));
        }
      }
      if (json) {
        System.out.println(Json.write(rows));
      }
      return 0;
    }
  }

  /** {@code device describe TYPE}. */
  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe one device model type.")
  static final class DescribeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TYPE", description = "model type, e.g. ts, mott, vo2")
    String type;

    @Option(names = "--json", description = "print as JSON")
    boolean json;

    @Override
    public Integer call() {
      if (!json) {
        System.out.println(DeviceRegistry.describe(type));
        return 0;
      }
      ModelType t = DeviceRegistry.type(type);
      Map<String, Object> m = new LinkedHashMap<>();
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
      System.out.println(Json.write(m));
      return 0;
    }
  }
}
