package org.neuristor.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ModelType;
import org.neuristor.device.ParameterSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code neuristor device list|describe}: the device model types, generated from their declarations. */
@Command(name = "device", mixinStandardHelpOptions = true,
    description = "List the device model types, or describe one with every parameter.",
    subcommands = {DeviceCommand.ListTypes.class, DeviceCommand.Describe.class},
    footer = {"", "Example:", "  ./neuristor device list", "  ./neuristor device describe ts"})
public final class DeviceCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the device model types and presets.",
      footer = {"", "Example:", "  ./neuristor device list"})
  static final class ListTypes implements Runnable {
    @Override
    public void run() {
      for (ModelType t : DeviceRegistry.types()) {
        System.out.printf(Locale.ROOT, "%-10s %s%n%-10s presets: %s%n", t.name(), t.description(), "",
            String.join(", ", t.presets().keySet()));
      }
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Print a model type's parameters (unit, default, range, description) and presets.",
      footer = {"", "Example:", "  ./neuristor device describe mott"})
  static final class Describe implements Callable<Integer> {
    @Parameters(paramLabel = "TYPE", description = "model type, e.g. ts or mott")
    String type;

    @Override
    public Integer call() {
      ModelType t = DeviceRegistry.type(type);
      System.out.println(t.name() + ": " + t.description());
      System.out.println("reference: " + t.reference());
      System.out.println();
      System.out.printf(Locale.ROOT, "%-10s %-6s %-12s %-26s %s%n", "parameter", "unit", "default", "range",
          "description");
      for (ParameterSpec p : t.parameters()) {
        System.out.printf(Locale.ROOT, "%-10s %-6s %-12s %-26s %s%n", p.name(), p.unit(), g(p.defaultValue()),
            "[" + g(p.min()) + ", " + g(p.max()) + "]", p.description());
      }
      System.out.println();
      System.out.println("presets:");
      for (Map.Entry<String, Map<String, Double>> e : t.presets().entrySet()) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(e.getValue()).forEach((k, v) -> sb.append(' ').append(k).append('=').append(g(v)));
        System.out.println("  " + e.getKey() + ":" + sb);
      }
      System.out.println();
      System.out.println("netlist use: N1 a b mydev   with   .model mydev " + t.name()
          + " (preset=" + t.presets().keySet().iterator().next() + " param=value ... sigma_param=0.05)");
      return 0;
    }

    private static String g(double v) {
      return String.format(Locale.ROOT, "%.4g", v);
    }
  }
}
