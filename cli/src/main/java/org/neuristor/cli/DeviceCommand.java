package org.neuristor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.ParameterSpec;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ExportFormat;
import org.neuristor.device.ModelType;
import org.neuristor.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code neuristor device list|describe TYPE}: the device models, generated from their declarations. */
@Command(name = "device", mixinStandardHelpOptions = true,
    description = "List the device model types or describe one: parameters, units, defaults, ranges, presets.",
    footer = {"", "Examples:", "  ./neuristor device list", "  ./neuristor device describe ts",
        "  ./neuristor device export ts:nbox --format ngspice > nbox.sub"},
    subcommands = {DeviceCommand.ListCommand.class, DeviceCommand.DescribeCommand.class, DeviceCommand.ExportCommand.class})
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

  /**
   * {@code device export MODEL --param K=V --name NAME --format FORMAT}'s result (keys model, type, name, format,
   * netlist): the device as an ngspice or LTspice subcircuit of B sources or a Verilog-A module; the studio's export
   * calls it too.
   */
  public static Summary export(String model, List<String> param, String name, ExportFormat format) {
    CliArgs.Device d = CliArgs.device(model, param);
    String type = d.selection().type().type();
    String sub = name != null ? name : d.base().replaceAll("[^A-Za-z0-9_]", "_");
    String text = org.neuristor.device.SpiceExport.export(sub, type, d.params(),
        List.of("Neuristor device " + d.label() + " as " + format.what() + " (device export)"), format);
    return new Summary().put("model", d.label()).put("type", type).put("name", sub).put("format", format.label())
        .put("netlist", text);
  }

  /** {@code device export MODEL --format ngspice|ltspice|verilog-a}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Write a device model as an ngspice or LTspice subcircuit or a Verilog-A module.",
          "The subcircuits are B sources with the states on 1 F capacitors; the Verilog-A module (Spectre, HSPICE) holds "
              + "them on internal nodes with ddt(); the three carry the same equations.",
          "MODEL is a type, preset, type:preset or a .model card file (e.g. written by fit); every type: ts, "
              + "diffusive, ots, mott, vo2 (its hysteresis memory on capacitors), proton2, synapse, pcm (its controller "
              + "as latches; only without its random draws, sigr=sigg=0). Cycle-to-cycle parts of the switches (c2c, "
              + "sdelay) are exported at their mean and named in a comment; device-to-device variability (d2d_v, d2d_r) "
              + "and parameters the export does not write are refused unless at their defaults."},
      footer = {"", "Examples:", "  ./neuristor device export ts:nbox --format ngspice > nbox.sub",
          "  ./neuristor device export ts:nbox --format ltspice --name nbox > nbox.lib",
          "  ./neuristor device export vo2 --format verilog-a --name vo2 > vo2.va",
          "  ./neuristor device export vo2 --name vo2 > vo2.sub",
          "  ./neuristor device export pcm --param sigr=0,sigg=0 --json"})
  @JsonKeys({"model", "type", "name", "format", "netlist"})
  static final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A device type, preset or type:preset, or a .model card file.")
    String model;

    @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ngspice",
        description = "Output format: ngspice, ltspice (an LTspice .lib/.sub) or verilog-a (a .va module) (default: "
            + "${DEFAULT-VALUE}).")
    String format;

    @picocli.CommandLine.Option(names = "--name", paramLabel = "NAME",
        description = "Subcircuit name (default: the card's name, or the type and preset).")
    String name;

    @picocli.CommandLine.Option(names = "--param", paramLabel = "K=V", split = ",",
        description = "Device parameter override in its unit, e.g. vth=1.2 (repeatable).")
    List<String> param = new ArrayList<>();

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      Summary s = export(model, param, name, ExportFormat.of(format));
      if (json.json()) {
        json.print(s);
      } else {
        json.out().print(s.asMap().get("netlist"));
        json.out().flush();
      }
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
