package org.neuristor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.IvSweep;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.io.CsvWriter;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor iv MODEL --sweep triangle:amp=2,rate=1}: quasi-static triangle I-V sweep of a
 * device (type, preset or type:preset), extraction of V_th, V_hold, R_on, R_off per polarity, and a
 * Monte Carlo over sampled devices with {@code --devices N --seed S}.
 */
@Command(name = "iv", mixinStandardHelpOptions = true,
    description = {"Quasi-static I-V sweep of a device model; prints V_th, V_hold, R_on, R_off per polarity.",
        "MODEL is a type (ts, mott, ...), a preset (nbox, ag, ...) or type:preset."},
    footer = {"", "Examples:", "  ./neuristor iv nbox --sweep triangle:amp=1.5,rate=10",
        "  ./neuristor iv ts:ag --devices 50 --seed 1 --json", "  ./neuristor iv mott --series 1k --sweep triangle:amp=2,rate=1e6"})
public final class IvCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "type, preset or type:preset")
  String model;

  @Option(names = "--sweep", paramLabel = "SPEC", defaultValue = "triangle",
      description = "triangle[:amp=V,rate=V/s] (default amp = 1.5 vth or 2 V, rate = 10 amp V/s)")
  String sweep;

  @Option(names = "--compliance", paramLabel = "A", description = "current compliance, e.g. 1m")
  String compliance;

  @Option(names = "--series", paramLabel = "OHM", description = "series resistor, e.g. 1k")
  String series;

  @Option(names = "--devices", defaultValue = "1", description = "number of sampled devices (Monte Carlo)")
  int devices;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the device sampling")
  long seed;

  @Option(names = "--param", paramLabel = "K=V", description = "parameter override (repeatable)")
  List<String> param = new ArrayList<>();

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    DeviceRegistry.Selection sel = DeviceRegistry.lookup(model);
    Map<String, Object> params = CliArgs.deviceParams(sel, param);
    if (devices < 1) {
      throw NeuristorException.input("--devices must be >= 1");
    }
    if (devices > 1) {
      params.putIfAbsent("d2d_v", "0.05");
      params.putIfAbsent("d2d_r", "0.2");
    }
    Map<String, Double> resolved = DeviceRegistry.resolve(sel.type().type(), params);
    double amp = IvSweep.defaultAmplitude(resolved);
    double rate = Double.NaN;
    String[] parts = sweep.split(":", 2);
    if (!parts[0].equalsIgnoreCase("triangle")) {
      throw NeuristorException.input("--sweep: only 'triangle' is supported, got '" + parts[0] + "'");
    }
    if (parts.length == 2) {
      for (String kv : parts[1].split(",")) {
        String[] p = kv.split("=", 2);
        if (p.length != 2) {
          throw NeuristorException.input("--sweep: expected key=value, got '" + kv + "'");
        }
        double v = SpiceNumber.parse(p[1].trim());
        switch (p[0].trim().toLowerCase(Locale.ROOT)) {
          case "amp" -> amp = v;
          case "rate" -> rate = v;
          default -> throw NeuristorException.input("--sweep: unknown key '" + p[0] + "' (amp, rate)");
        }
      }
    }
    if (Double.isNaN(rate)) {
      rate = 10 * amp;
    }
    double rs = series == null ? 0 : SpiceNumber.parse(series);
    double ic = compliance == null ? 0 : SpiceNumber.parse(compliance);
    if (rs < 0 || ic < 0 || !(amp > 0) || !(rate > 0)) {
      throw NeuristorException.input("amp, rate, --series and --compliance must be positive");
    }
    List<IvSweep.Result> results = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      results.add(IvSweep.triangle(DeviceRegistry.create(sel.type().type(), "dut", List.of("a", "0"), params, seed + d),
          amp, rate, rs, ic, amp / 2000));
    }
    IvSweep.Result first = results.get(0);
    String base = "iv-" + model.replace(':', '-');
    Summary s = new Summary();
    s.put("model", sel.type().type() + (sel.preset() == null ? "" : ":" + sel.preset()));
    s.put("amp_V", amp);
    s.put("rate_V_per_s", rate);
    s.put("positive", branch(first.positive()));
    s.put("negative", branch(first.negative()));
    java.nio.file.Path csv = output.file(base + ".csv");
    CsvWriter.write(csv, first.trace());
    s.put("csv", csv.toString());
    if (output.plot()) {
      java.nio.file.Path png = output.file(base + "." + output.plotExt());
      Trace t = first.trace();
      Plotter.xy(png, "I-V " + model, "device voltage (V)", "|current| (A)",
          List.of(new Plotter.Series("|i|", t.get("v"), t.get("i"), false)), false, true);
      s.put("plot", png.toString());
    }
    if (devices > 1) {
      double[] vths = new double[devices];
      double[] vholds = new double[devices];
      for (int d = 0; d < devices; d++) {
        vths[d] = results.get(d).positive().vthVolts();
        vholds[d] = results.get(d).positive().vholdVolts();
      }
      s.put("devices", devices);
      s.put("vth_V_mean", mean(vths));
      s.put("vth_V_sigma", sigma(vths));
      s.put("vhold_V_mean", mean(vholds));
      s.put("vhold_V_sigma", sigma(vholds));
      if (output.plot()) {
        java.nio.file.Path h = output.file(base + "-vth-hist." + output.plotExt());
        Plotter.histogram(h, "V_th over " + devices + " devices", "V_th (V)", vths, Math.max(5, devices / 5));
        s.put("histogram", h.toString());
      }
    }
    s.print(System.out, output.json());
    return 0;
  }

  /** One polarity's extraction as the JSON object {@code iv --json} prints (null for what was not found). */
  public static Map<String, Object> branch(IvSweep.Branch b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("switched", b.switched());
    m.put("vth_V", finite(b.vthVolts()));
    m.put("vhold_V", finite(b.vholdVolts()));
    m.put("ron_ohm", finite(b.ronOhm()));
    m.put("roff_ohm", finite(b.roffOhm()));
    m.put("window_V", finite(b.windowVolts()));
    m.put("returned_to_hrs", b.returnedToHrs());
    return m;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Mean of the finite values (0 if none). */
  public static double mean(double[] a) {
    double s = 0;
    int n = 0;
    for (double v : a) {
      if (Double.isFinite(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? 0 : s / n;
  }

  /** Sample standard deviation of the finite values (0 if fewer than 2). */
  public static double sigma(double[] a) {
    double m = mean(a);
    double s = 0;
    int n = 0;
    for (double v : a) {
      if (Double.isFinite(v)) {
        s += (v - m) * (v - m);
        n++;
      }
    }
    return n < 2 ? 0 : Math.sqrt(s / (n - 1));
  }
}
