package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.NeuristorException;
import org.neuristor.io.CsvWriter;
import org.neuristor.neuron.ModelRun;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor model run}: the biological reference neurons. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Biological reference neurons: LIF, IF, Hodgkin-Huxley, AdEx, Izhikevich.",
    subcommands = {ModelCommand.Run.class},
    footer = {"", "Example:", "  ./neuristor model run hh --stim step:amp=10,t0=10,t1=90 --duration 100"})
public final class ModelCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run one neuron with a stimulus; writes CSV and a plot of v(t), prints spike times and rate.",
          "Stimulus amplitudes in the model's unit: lif/if nA, hh uA/cm2, adex pA, izhikevich dimensionless;",
          "times in ms."},
      footer = {"", "Stimuli: step:amp=A,t0=ms[,t1=ms]   ramp:slope=A/ms,t0=ms", "", "Examples:",
          "  ./neuristor model run lif --stim step:amp=2,t0=0 --duration 200",
          "  ./neuristor model run adex --stim step:amp=1000,t0=0 --duration 600 --dt 0.001 --json",
          "  ./neuristor model run izhikevich --param a=0.02,b=0.2,c=-50,d=2 --stim step:amp=15,t0=22"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "lif, if, hh, adex or izhikevich") String model;

    @Option(names = "--param", paramLabel = "k=v", split = ",", description = "parameters in model units")
    List<String> params = new ArrayList<>();

    @Option(names = "--stim", defaultValue = "step:amp=0,t0=0", description = "stimulus (default: none)")
    String stim;

    @Option(names = "--duration", defaultValue = "100", description = "simulated time in ms (default 100)")
    double durationMs;

    @Option(names = "--dt", defaultValue = "0.01", description = "time step in ms (default 0.01)")
    double dtMs;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      Map<String, Double> p = new LinkedHashMap<>();
      for (String kv : params) {
        String[] a = kv.split("=", 2);
        if (a.length != 2) {
          throw NeuristorException.input("--param expects name=value, got '" + kv + "'");
        }
        p.put(a[0].trim().toLowerCase(Locale.ROOT), NeuronCommand.number(a[1], "--param " + a[0]));
      }
      ModelRun r = ModelRun.run(model, p, stimulus(stim), durationMs, dtMs);
      String base = model.toLowerCase(Locale.ROOT);
      Path csv = output.file(base + ".csv");
      CsvWriter.write(csv, r.trace());
      double[] sp = r.spikeTimesSeconds();
      double rate = sp.length >= 2 ? (sp.length - 1) / (sp[sp.length - 1] - sp[0]) : 0;
      Summary s = new Summary();
      s.put("model", base);
      s.put("stimulus_unit", ModelRun.stimulusUnit(base));
      s.put("csv", csv.toString());
      s.put("spikes", sp.length);
      s.put("spike_times_s", sp);
      s.put("rate_hz", rate);
      s.put("final_state", r.finalState());
      if (output.plot()) {
        Path png = output.file(base + "." + output.plotExt());
        Plotter.lines(png, base + " membrane", "time (s)", "v (V)", r.trace(), List.of("v"));
        s.put("plot", png.toString());
      }
      s.print(System.out, output.json());
      return 0;
    }

    static DoubleUnaryOperator stimulus(String spec) {
      int colon = spec.indexOf(':');
      String kind = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
      Map<String, Double> kv = new LinkedHashMap<>();
      if (colon >= 0 && colon + 1 < spec.length()) {
        for (String part : spec.substring(colon + 1).split(",")) {
          String[] a = part.split("=", 2);
          if (a.length != 2) {
            throw NeuristorException.input("--stim: expected key=value, got '" + part + "'");
          }
          kv.put(a[0].trim().toLowerCase(Locale.ROOT), NeuronCommand.number(a[1], "--stim " + a[0]));
        }
      }
      double t0 = kv.getOrDefault("t0", 0.0);
      switch (kind) {
        case "step": {
          double amp = kv.getOrDefault("amp", 0.0);
          double t1 = kv.getOrDefault("t1", Double.POSITIVE_INFINITY);
          return t -> t >= t0 && t < t1 ? amp : 0;
        }
        case "ramp": {
          double slope = kv.getOrDefault("slope", 0.0);
          return t -> t >= t0 ? slope * (t - t0) : 0;
        }
        default:
          throw NeuristorException.input("--stim: unknown kind '" + kind + "' (step, ramp)");
      }
    }
  }
}
