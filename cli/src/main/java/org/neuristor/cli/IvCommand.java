package org.neuristor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.IvSweep;
import org.neuristor.io.CsvWriter;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor iv}: a quasi-static triangle I-V sweep of a device (as a parameter analyser
 * would run it), with the extracted thresholds and resistances per polarity.
 */
@Command(name = "iv", mixinStandardHelpOptions = true,
    description = {"Quasi-static I-V sweep of a device model: 0 -> +amp -> 0 -> -amp -> 0 through an optional",
        "series (compliance) resistor; writes CSV and a log-current plot and prints V_th, V_hold, R_on, R_off",
        "and the hysteresis window for each polarity."},
    footer = {"", "Example:", "  ./neuristor iv ts --preset nbox --sweep triangle:amp=1.5,rate=1",
        "  ./neuristor iv mott --preset nbo2 --compliance 2k --json",
        "  ./neuristor iv ts --preset ag --devices 100 --seed 7 --param sigma_vth=0.05"})
public final class IvCommand implements Callable<Integer> {

  @Parameters(paramLabel = "TYPE", description = "device model type (see 'neuristor device list')")
  String type;

  @Option(names = "--preset", description = "named preset of the type")
  String preset;

  @Option(names = "--param", paramLabel = "k=v", split = ",", description = "parameter values (SPICE suffixes allowed)")
  List<String> params = new ArrayList<>();

  @Option(names = "--sweep", defaultValue = "triangle:amp=2,rate=1",
      description = "triangle:amp=V,rate=V/s (default: ${DEFAULT-VALUE})")
  String sweep;

  @Option(names = "--compliance", description = "series resistor in ohms limiting the ON current (e.g. 1k)")
  String compliance;

  @Option(names = "--devices", defaultValue = "1", description = "Monte Carlo: number of sampled devices")
  int devices;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the device-to-device draw")
  long seed;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    double amp = Double.NaN;
    double rate = 1;
    if (!sweep.toLowerCase(Locale.ROOT).startsWith("triangle:")) {
      throw NeuristorException.input("--sweep must be triangle:amp=V,rate=V/s, got " + sweep);
    }
    for (String kv : sweep.substring(9).split(",")) {
      String[] p = kv.split("=", 2);
      if (p.length != 2) {
        throw NeuristorException.input("--sweep: expected key=value, got '" + kv + "'");
      }
      double v = number(p[1], "--sweep " + p[0]);
      switch (p[0].trim().toLowerCase(Locale.ROOT)) {
        case "amp" -> amp = v;
        case "rate" -> rate = v;
        default -> throw NeuristorException.input("--sweep: unknown key '" + p[0] + "' (amp, rate)");
      }
    }
    if (!(amp > 0) || !(rate > 0)) {
      throw NeuristorException.input("--sweep needs amp > 0 and rate > 0");
    }
    if (devices < 1) {
      throw NeuristorException.input("--devices must be >= 1");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    if (preset != null) {
      p.put("preset", preset);
    }
    for (String kv : params) {
      String[] a = kv.split("=", 2);
      if (a.length != 2) {
        throw NeuristorException.input("--param expects name=value, got '" + kv + "'");
      }
      p.put(a[0].trim().toLowerCase(Locale.ROOT), number(a[1], "--param " + a[0]));
    }
    double rs = compliance == null ? 0 : number(compliance, "--compliance");
    DeviceRegistry.type(type); // clear error for unknown types before any work
    List<IvSweep.Result> results = new ArrayList<>();
    try (ProgressBar bar = devices > 1 ? new ProgressBar("iv", devices) : ProgressBar.quiet("iv", 1)) {
      for (int k = 0; k < devices; k++) {
        results.add(IvSweep.run(type, p, seed + k, amp, rate, rs));
        bar.step();
      }
    }
    IvSweep.Result first = results.get(0);
    String base = type + (preset == null ? "" : "-" + preset);
    Path csv = output.file(base + ".iv.csv");
    CsvWriter.write(csv, first.trace());
    Summary s = new Summary();
    s.put("device", type + (preset == null ? "" : " (" + preset + ")"));
    s.put("csv", csv.toString());
    for (IvSweep.Polarity pol : first.polarities()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("vth_V", pol.vth());
      m.put("vhold_V", pol.vhold());
      m.put("ron_ohm", pol.ron());
      m.put("roff_ohm", pol.roff());
      m.put("window_V", pol.vth() - pol.vhold());
      s.put(pol.positive() ? "positive" : "negative", m);
    }
    if (output.plot()) {
      Path png = output.file(base + ".iv." + output.plotExt());
      Trace t = first.trace();
      Plotter.xy(png, "I-V of " + s.asMap().get("device"), "device voltage (V)", "|current| (A)",
          List.of(new Plotter.Series("i(dev)", t.get("v(dev)"), t.get("i(dev)"), false)), false, true);
      s.put("plot", png.toString());
    }
    if (devices > 1) {
      double[] vth = results.stream().mapToDouble(r -> r.polarities().get(0).vth()).toArray();
      double[] vhold = results.stream().mapToDouble(r -> r.polarities().get(0).vhold()).toArray();
      s.put("devices", devices);
      s.put("vth_mean_V", mean(vth));
      s.put("vth_sigma_V", sigma(vth));
      s.put("vhold_mean_V", mean(vhold));
      s.put("vhold_sigma_V", sigma(vhold));
      List<List<Object>> rows = new ArrayList<>();
      for (int k = 0; k < devices; k++) {
        rows.add(List.of(k, vth[k], vhold[k]));
      }
      Path mc = output.file(base + ".mc.csv");
      CsvWriter.writeTable(mc, List.of("device", "vth_V", "vhold_V"), rows);
      s.put("mc_csv", mc.toString());
      if (output.plot()) {
        Path h = output.file(base + ".vth-hist." + output.plotExt());
        Plotter.histogram(h, "V_th over " + devices + " devices", "V_th (V)", vth, Math.max(5, devices / 5));
        s.put("histogram", h.toString());
      }
    }
    s.print(System.out, output.json());
    return 0;
  }

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  static double sigma(double[] a) {
    double m = mean(a);
    double s = 0;
    for (double v : a) {
      s += (v - m) * (v - m);
    }
    return a.length > 1 ? Math.sqrt(s / (a.length - 1)) : 0;
  }

  static double number(String s, String what) {
    double v = org.neuristor.expr.SpiceNumber.parse(s.trim());
    if (Double.isNaN(v)) {
      throw NeuristorException.input(what + ": bad number '" + s + "'");
    }
    return v;
  }
}
