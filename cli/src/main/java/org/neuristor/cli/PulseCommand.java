package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.PulseResponse;
import org.neuristor.io.CsvWriter;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor pulse MODEL --amp V --width s}: switching delay, relaxation time and switching energy. */
@Command(name = "pulse", mixinStandardHelpOptions = true,
    description = {"Apply a voltage pulse to a device model and print its switching delay, relaxation time and "
        + "switching energy.",
        "The device switched when its conductance rose at least tenfold during the pulse; otherwise delay, "
            + "relaxation and energy are null and the reason says why. The delay runs from the pulse edge "
            + "(1 ps edges for every width) to the state's half-way point; the relaxation from the falling "
            + "edge back below it. A pulse that ends before the state settles (more than 1%% of its excursion still "
            + "to come) says so in the reason: its half-way point then depends on the width. With --amps a,b,c it "
            + "writes the delay-against-amplitude curve."},
    footer = {"", "Examples:", "  ./neuristor pulse nbox --amp 2 --width 200n",
        "  ./neuristor pulse mott --series 1k --amps 1.2,1.5,2,3 --width 5n",
        "  ./neuristor pulse pcm --amp 1.5 --width 1u --json"})
@JsonKeys({"model", "width_s", "pulses", "csv", "delay_csv", "plot"})
public final class PulseCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "A device type, preset or type:preset, or a .model card file (e.g. written by fit).")
  String model;

  @Option(names = "--amp", paramLabel = "VOLTS", description = "Pulse amplitude.")
  String amp;

  @Option(names = "--amps", split = ",", paramLabel = "VOLTS", description = "Several amplitudes, one pulse each.")
  List<String> amps = new ArrayList<>();

  @Option(names = "--width", paramLabel = "SECONDS", required = true, description = "Pulse width, e.g. 100n.")
  String width;

  @Option(names = "--relax", paramLabel = "SECONDS",
      description = "Relaxation window after the pulse (default: 5 pulse widths).")
  String relax;

  @Option(names = "--series", paramLabel = "OHMS", description = "Series resistor, e.g. 1k.")
  String series;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the device's variability draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--param", paramLabel = "K=V", split = ",",
      description = "Device parameter override in its unit (see 'device describe'), e.g. ron=1k (repeatable).")
  List<String> param = new ArrayList<>();

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    CliArgs.Device device = CliArgs.device(model, param);
    DeviceRegistry.Selection sel = device.selection();
    Map<String, Object> params = device.params();
    DeviceRegistry.resolve(sel.type().type(), params); // parameter errors before any run
    List<Double> list = new ArrayList<>();
    if (amp != null) {
      list.add(CliArgs.finite(amp, "--amp", "V"));
    }
    for (String a : amps) {
      list.add(CliArgs.finite(a, "--amps", "V"));
    }
    if (list.isEmpty()) {
      throw NeuristorException.input("give --amp or --amps");
    }
    double w = CliArgs.positive(width, "--width", "s");
    double rw = relax == null ? 5 * w : CliArgs.positive(relax, "--relax", "s");
    double rs = series == null ? 0 : CliArgs.nonNegative(series, "--series", "Ohm");
    output.outDir();
    String base = "pulse-" + device.base();
    Summary s = new Summary();
    s.put("model", device.label());
    s.put("width_s", w);
    List<Object> rows = new ArrayList<>();
    List<List<?>> table = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    PulseResponse.Result first = null;
    for (double a : list) {
      PulseResponse.Result r = PulseResponse.run(sel.type().type(), params, seed, a, w, rs, rw);
      if (first == null) {
        first = r;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("amp_V", a);
      m.put("switched", r.switched());
      m.put("conductance_ratio", CliArgs.orNull(r.conductanceRatio()));
      m.put("delay_s", CliArgs.orNull(r.delaySeconds()));
      m.put("relaxation_s", CliArgs.orNull(r.relaxationSeconds()));
      m.put("switching_energy_J", CliArgs.orNull(r.switchingEnergyJoules()));
      m.put("reason", r.reason());
      rows.add(m);
      table.add(Arrays.asList(a, r.switched(), CliArgs.orNull(r.delaySeconds()),
          CliArgs.orNull(r.relaxationSeconds()), CliArgs.orNull(r.switchingEnergyJoules()), r.reason()));
      if (Double.isFinite(r.delaySeconds())) {
        xs.add(a);
        ys.add(r.delaySeconds());
      }
    }
    s.put("pulses", rows);
    Path csv = output.file(base + ".csv");
    CsvWriter.write(csv, first.trace());
    s.put("csv", csv.toString());
    if (list.size() > 1) {
      Path c2 = output.file(base + "-delay.csv");
      CsvWriter.writeTable(c2, List.of("amp_V", "switched", "delay_s", "relaxation_s", "switching_energy_J", "reason"),
          table);
      s.put("delay_csv", c2.toString());
    }
    if (output.plot() && list.size() > 1 && xs.isEmpty()) {
      output.noPlot("delay_s", "no pulse switched");
    } else if (output.plot()) {
      Path png = output.file(base + "." + output.plotExt());
      if (list.size() > 1) {
        Plotter.xy(png, "Switching delay against amplitude (" + xs.size() + " of " + list.size() + " pulses switched)",
            "amplitude (V)", "delay (s)", List.of(new Plotter.Series("delay of the pulses that switched",
                xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), true)), false, true);
      } else {
        Plotter.stacked(png, "Pulse response of " + model + (first.switched() ? "" : " (no switch)"), first.trace(),
            List.of(List.of("v"), List.of("i"), List.of("s")),
            List.of("device voltage (V)", "device current (A)", "state " + stateName(sel)));
      }
      s.put("plot", png.toString());
    }
    output.print(s);
    return 0;
  }

  /** What the followed state is, for the plot's axis title. */
  private static String stateName(DeviceRegistry.Selection sel) {
    return switch (sel.type().type()) {
      case "mott", "vo2" -> "T (K)";
      case "pcm" -> "p";
      case "proton2" -> "w";
      default -> "x (fraction)";
    };
  }
}
