package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Element;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.IvSweep;
import org.neuristor.io.CsvWriter;
import org.neuristor.neuron.Stimulus;
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
    description = {"Sweep a device model quasi-statically and print V_th, V_hold, R_on, R_off per polarity.",
        "MODEL is a type (ts, mott, ...), a preset (nbox, ag, ...) or type:preset. The sweep is a triangle "
            + "0, +amp, 0, -amp, 0. V_th is the largest device voltage on the rising ramp before the device is ON "
            + "(vth_definition): 'jump' where the voltage rises up to the largest conductance rise and that jump takes "
            + "the device ON (the voltage just before it), 'peak' where the voltage peaks before the device is ON "
            + "(behind a series resistor it turns on along its negative-resistance branch: the peak of the S-shaped "
            + "I-V, where a measured curve snaps back), 'on' where it rises all the way on a gradual turn-on (the last "
            + "sample before the resistance comes within 3x of R_on); vth_bracket_V is how precisely the sampling fixes "
            + "it: V_th -/+ the source step amp/2000 for a jump, [V_th, V_th + the device-voltage step to its "
            + "neighbouring samples] for a peak or 'on'. V_hold is its mirror on the falling ramp, the smallest device "
            + "voltage before the device is OFF (within 3x of R_off; vhold_definition): 'jump' (the voltage just before "
            + "the largest conductance fall, the device OFF within one source step), 'trough' (behind a series resistor "
            + "it turns off along its negative-resistance branch: the S-curve's lower turning point) or 'off' (a gradual "
            + "turn-off: the last sample before it is OFF); vhold_bracket_V: V_hold -/+ the source step for a jump, "
            + "[V_hold - the device-voltage step to its neighbouring samples, V_hold] for a trough or 'off'. Its negative half starts in the state the positive half left, so it is also "
            + "swept alone on a fresh device (negative_fresh) and 'history' says when the two differ. Without amp it starts at 1.5 V_th (2 V for a device without a V_th parameter) "
            + "and doubles the amplitude up to 64 V until the device switches. A polarity that does not switch "
            + "reports R_off only: V_th, V_hold, R_on and the window are null, with the reason. One that switches on "
            + "and does not turn off on the falling ramp (a non-volatile SET, a film left metallic, a PCM cell that "
            + "resets on the rising ramp) has no hold point: V_hold and the window are null, with the reason. A half "
            + "that ends ON is swept again and then held at the read voltage (amp/2000) for as long as its two ramps "
            + "took: a device that turns off meanwhile is volatile but slower than the ramp (relaxation_s: a slower "
            + "rate gives its hold point); one that stays ON is a SET (vset_V = vth_V). A half that starts ON and "
            + "turns off on its rising ramp, and does not when held at the read voltage instead, is a RESET (vreset_V; "
            + "R_on and R_off are the states before and after)."},
    footer = {"", "Examples:", "  ./neuristor iv nbox --sweep triangle:amp=1.5,rate=10",
        "  ./neuristor iv ts:ag --devices 50 --seed 1 --json",
        "  ./neuristor iv mott --series 1k --sweep triangle:amp=2,rate=1meg"})
@JsonKeys({"model", "amp_V", "rate_V_per_s", "positive", "negative", "negative_fresh", "csv", "plot", "devices", "switched_devices",
    "vth_V_mean", "vth_V_sigma", "vhold_devices", "vhold_V_mean", "vhold_V_sigma", "vhold_reason", "histogram"})
public final class IvCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "A device type, preset or type:preset, or a .model card file (e.g. written by fit).")
  String model;

  @Option(names = "--sweep", paramLabel = "SPEC", defaultValue = "triangle",
      description = "triangle[:amp=VOLTS,rate=V/S] (default: amp found as above, rate 10 amp per second).")
  String sweep;

  @Option(names = "--compliance", paramLabel = "AMPS", description = "Current compliance, e.g. 1m or 1mA.")
  String compliance;

  @Option(names = "--series", paramLabel = "OHMS", description = "Series resistor, e.g. 1k.")
  String series;

  @Option(names = "--devices", paramLabel = "N", defaultValue = "1",
      description = "Number of sampled devices, a Monte Carlo with d2d_v 0.05 and d2d_r 0.2 unless given "
          + "(default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the device sampling (default: ${DEFAULT-VALUE}).")
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
    if (devices < 1) {
      throw NeuristorException.input("--devices must be >= 1, got " + devices);
    }
    if (devices > 1) {
      params.putIfAbsent("d2d_v", "0.05");
      params.putIfAbsent("d2d_r", "0.2");
    }
    Map<String, Double> resolved = DeviceRegistry.resolve(sel.type().type(), params);
    String[] parts = sweep.split(":", 2);
    if (!parts[0].trim().equalsIgnoreCase("triangle")) {
      throw NeuristorException.input("--sweep: only 'triangle' is supported, got '" + parts[0] + "'");
    }
    Map<String, Double> kv = Stimulus.keyValues(parts.length == 2 ? parts[1] : "", "--sweep triangle",
        Map.of("amp", "V", "rate", "V/s"));
    double amp = kv.getOrDefault("amp", Double.NaN);
    double rate = kv.getOrDefault("rate", Double.NaN);
    double rs = series == null ? 0 : CliArgs.nonNegative(series, "--series", "Ohm");
    double ic = compliance == null ? 0 : CliArgs.positive(compliance, "--compliance", "A");
    if (kv.containsKey("amp") && !(amp > 0 && Double.isFinite(amp))
        || kv.containsKey("rate") && !(rate > 0 && Double.isFinite(rate))) {
      throw NeuristorException.input("--sweep: amp and rate must be positive and finite");
    }
    output.outDir();
    java.util.function.LongFunction<java.util.function.Supplier<Element>> devOf = sd -> () -> DeviceRegistry.create(
        sel.type().type(), "dut", List.of("a", "0"), params, sd);
    // the first device finds the amplitude (when none is given), is swept in its negative half alone too and held
    // where it ended ON; the others are swept at that amplitude, so the Monte Carlo compares like with like
    IvSweep.Result first = IvSweep.sweep(devOf.apply(seed), resolved, amp, rate, rs, ic);
    amp = first.amplitude();
    if (Double.isNaN(rate)) {
      rate = IvSweep.defaultRate(amp);
    }
    List<IvSweep.Result> results = new ArrayList<>();
    results.add(first);
    for (int d = 1; d < devices; d++) {
      results.add(IvSweep.triangle(devOf.apply(seed + d).get(), amp, rate, rs, ic, IvSweep.resolution(amp)));
    }
    String base = "iv-" + device.base();
    Summary s = new Summary();
    s.put("model", device.label());
    s.put("amp_V", amp);
    s.put("rate_V_per_s", rate);
    s.put("positive", branch(first.positive()));
    s.put("negative", negative(first));
    s.put("negative_fresh", branch(first.negativeFresh()));
    Path csv = output.file(base + ".csv");
    CsvWriter.write(csv, first.trace());
    s.put("csv", csv.toString());
    if (output.plot()) {
      Path png = output.file(base + "." + output.plotExt());
      Trace t = first.trace();
      Plotter.xy(png, "I-V of " + model + " (triangle, " + Summary.number(amp) + " V)", "device voltage (V)",
          "|current| (A)", List.of(new Plotter.Series("|i| against v", t.get("v"), t.get("i"), false)), false, true);
      s.put("plot", png.toString());
    }
    if (devices > 1) {
      // V_th and V_hold are NaN for a device that did not switch: the statistics are over the switching ones
      double[] vths = results.stream().mapToDouble(r -> r.positive().vthVolts()).toArray();
      double[] vholds = results.stream().mapToDouble(r -> r.positive().vholdVolts()).toArray();
      double[] switching = java.util.Arrays.stream(vths).filter(Double::isFinite).toArray();
      monteCarlo(s::put, vths, vholds);
      if (output.plot() && switching.length > 0) {
        Path h = output.file(base + "-vth-hist." + output.plotExt());
        Plotter.histogram(h, "V_th over " + switching.length + " switching devices", "V_th (V)", switching,
            Math.max(5, devices / 5));
        s.put("histogram", h.toString());
      }
    }
    output.print(s);
    return 0;
  }

  /** One polarity's extraction as the JSON object {@code iv --json} prints (null for what was not found). */
  public static Map<String, Object> branch(IvSweep.Branch b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("switched", b.switched());
    m.put("vth_V", CliArgs.orNull(b.vthVolts()));
    m.put("vth_definition", b.vthDefinition());
    m.put("vth_bracket_V", b.vthBracketVolts() == null ? null : List.of(b.vthBracketVolts()[0], b.vthBracketVolts()[1]));
    m.put("vhold_V", CliArgs.orNull(b.vholdVolts()));
    m.put("vhold_definition", b.vholdDefinition());
    m.put("vhold_bracket_V", b.vholdBracketVolts() == null ? null
        : List.of(b.vholdBracketVolts()[0], b.vholdBracketVolts()[1]));
    m.put("vset_V", CliArgs.orNull(b.vsetVolts()));
    m.put("vreset_V", CliArgs.orNull(b.vresetVolts()));
    m.put("ron_ohm", CliArgs.orNull(b.ronOhm()));
    m.put("roff_ohm", CliArgs.orNull(b.roffOhm()));
    m.put("window_V", CliArgs.orNull(b.windowVolts()));
    m.put("returned_to_hrs", b.switched() ? b.returnedToHrs() : null);
    m.put("relaxation_s", CliArgs.orNull(b.relaxationSeconds()));
    if (b.reason() != null) {
      m.put("reason", b.reason());
    }
    return m;
  }

  /**
   * A Monte Carlo's statistics as {@code iv --devices N --json} prints them (the studio's Monte Carlo shows the same):
   * the devices, how many switched, and mean and sigma of V_th over those (NaN for a device that did not switch; null
   * when none did); how many have a hold point (a device that switched on and did not turn off on the falling ramp
   * has none) and mean and sigma of V_hold over those, with {@code vhold_reason} when none has one.
   */
  public static void monteCarlo(java.util.function.BiConsumer<String, Object> put, double[] vths, double[] vholds) {
    put.accept("devices", vths.length);
    put.accept("switched_devices", (int) java.util.Arrays.stream(vths).filter(Double::isFinite).count());
    put.accept("vth_V_mean", mean(vths));
    put.accept("vth_V_sigma", sigma(vths));
    // a device that switched on but did not turn off on the falling ramp has no V_hold: it is not in these
    int held = (int) java.util.Arrays.stream(vholds).filter(Double::isFinite).count();
    put.accept("vhold_devices", held);
    put.accept("vhold_V_mean", mean(vholds));
    put.accept("vhold_V_sigma", sigma(vholds));
    if (held == 0) {
      put.accept("vhold_reason", java.util.Arrays.stream(vths).anyMatch(Double::isFinite)
          ? "no device that switched held its ON state and turned off on the falling ramp (each one's reason: no hold "
              + "point)" : "no device switched");
    }
  }

  /**
   * The negative half as {@link #branch} prints it, with {@code history}: null when a fresh device gives
   * the same half, otherwise how and why it differs ({@link IvSweep.Result#history}).
   */
  public static Map<String, Object> negative(IvSweep.Result r) {
    Map<String, Object> m = branch(r.negative());
    m.put("history", r.history());
    return m;
  }

  /** Mean of the finite values; null (not measured) when there are none. */
  public static Double mean(double[] a) {
    double s = 0;
    int n = 0;
    for (double v : a) {
      if (Double.isFinite(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? null : s / n;
  }

  /** Sample standard deviation of the finite values; null below two. */
  public static Double sigma(double[] a) {
    Double m = mean(a);
    double s = 0;
    int n = 0;
    for (double v : a) {
      if (Double.isFinite(v)) {
        s += (v - m) * (v - m);
        n++;
      }
    }
    return n < 2 ? null : Math.sqrt(s / (n - 1));
  }
}
