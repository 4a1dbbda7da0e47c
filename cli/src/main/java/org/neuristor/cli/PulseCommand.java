package org.neuristor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.PulseResponse;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.io.CsvWriter;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor pulse MODEL --amp V --width s}: switching delay, relaxation time and switching energy. */
@Command(name = "pulse", mixinStandardHelpOptions = true,
    description = {"Pulse response of a device model: switching delay, relaxation time, energy to switch.",
        "With --amps a,b,c: the delay-vs-amplitude curve (CSV + plot)."},
    footer = {"", "Examples:", "  ./neuristor pulse nbox --amp 2 --width 200n",
        "  ./neuristor pulse mott --series 1k --amps 1.2,1.5,2,3 --width 2n"})
public final class PulseCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "type, preset or type:preset")
  String model;

  @Option(names = "--amp", paramLabel = "V", description = "pulse amplitude")
  String amp;

  @Option(names = "--amps", split = ",", paramLabel = "V", description = "several amplitudes (delay-vs-amplitude)")
  List<String> amps = new ArrayList<>();

  @Option(names = "--width", paramLabel = "S", required = true, description = "pulse width, e.g. 100n")
  String width;

  @Option(names = "--relax", paramLabel = "S", description = "relaxation window after the pulse (default 5 x width)")
  String relax;

  @Option(names = "--series", paramLabel = "OHM", description = "series resistor")
  String series;

  @Option(names = "--seed", defaultValue = "1", description = "device seed")
  long seed;

  @Option(names = "--param", paramLabel = "K=V", description = "parameter override (repeatable)")
  List<String> param = new ArrayList<>();

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    DeviceRegistry.Selection sel = DeviceRegistry.lookup(model);
    Map<String, Object> params = CliArgs.deviceParams(sel, param);
    List<Double> list = new ArrayList<>();
    if (amp != null) {
      list.add(CliArgs.number(amp, "--amp"));
    }
    for (String a : amps) {
      list.add(CliArgs.number(a, "--amps"));
    }
    if (list.isEmpty()) {
      throw NeuristorException.input("give --amp or --amps");
    }
    double w = CliArgs.number(width, "--width");
    double rw = relax == null ? 5 * w : CliArgs.number(relax, "--relax");
    double rs = series == null ? 0 : CliArgs.number(series, "--series");
    String base = "pulse-" + model.replace(':', '-');
    Summary s = new Summary();
    s.put("model", sel.type().type() + (sel.preset() == null ? "" : ":" + sel.preset()));
    s.put("width_s", w);
    List<Object> rows = new ArrayList<>();
    List<List<?>> table = new ArrayList<>();
    double[] xs = new double[list.size()];
    double[] ys = new double[list.size()];
    PulseResponse.Result first = null;
    for (int k = 0; k < list.size(); k++) {
      PulseResponse.Result r = PulseResponse.run(sel.type().type(), params, seed, list.get(k), w, rs, rw);
      if (first == null) {
        first = r;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("amp_V", list.get(k));
      m.put("switched", r.switched());
      m.put("conductance_ratio", finite(r.conductanceRatio()));
      m.put("delay_s", finite(r.delaySeconds()));
      m.put("relaxation_s", finite(r.relaxationSeconds()));
      m.put("switching_energy_J", finite(r.switchingEnergyJoules()));
      if (r.reason() != null) {
        m.put("reason", r.reason());
      }
      rows.add(m);
      table.add(java.util.Arrays.asList(list.get(k), r.switched(), finite(r.delaySeconds()),
          finite(r.relaxationSeconds()), finite(r.switchingEnergyJoules()), r.reason()));
      xs[k] = list.get(k);
      ys[k] = r.delaySeconds();
    }
    s.put("pulses", rows);
    java.nio.file.Path csv = output.file(base + ".csv");
    CsvWriter.write(csv, first.trace());
    s.put("csv", csv.toString());
    if (list.size() > 1) {
      java.nio.file.Path c2 = output.file(base + "-delay.csv");
      CsvWriter.writeTable(c2, List.of("amp_V", "switched", "delay_s", "relaxation_s", "switching_energy_J",
          "reason"), table);
      s.put("delay_csv", c2.toString());
    }
    if (output.plot()) {
      java.nio.file.Path png = output.file(base + "." + output.plotExt());
      if (list.size() > 1) {
        Plotter.xy(png, "switching delay vs amplitude", "amplitude (V)", "delay (s)",
            List.of(new Plotter.Series("delay", xs, ys, true)), false, true);
      } else {
        Plotter.lines(png, "pulse response " + model, "time (s)", "value", first.trace(), List.of("v", "s"));
      }
      s.put("plot", png.toString());
    }
    s.print(System.out, output.json());
    return 0;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
