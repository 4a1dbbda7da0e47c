package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.AllOrNothing;
import org.neuristor.analysis.StrengthDuration;
import org.neuristor.io.CsvWriter;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Pulse protocols on library circuits: strength-duration curve and the all-or-nothing test. */
final class NeuronProtocolCommands {
  private NeuronProtocolCommands() {}

  @Command(name = "sd", mixinStandardHelpOptions = true,
      description = {"Strength-duration curve: for each pulse width, the smallest pulse amplitude on vin that makes",
          "the circuit spike (bisection), with rheobase and chronaxie; writes CSV and a log-log plot."},
      footer = {"", "Example:", "  ./neuristor neuron sd lif --widths 2u,5u,10u,20u,50u,150u --max 20"})
  static final class StrengthDurationCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--widths", required = true, paramLabel = "S,S,...",
        description = "pulse widths, ascending; make the last several membrane time constants long")
    String widths;

    @Option(names = "--min", defaultValue = "0", paramLabel = "V", description = "an amplitude that never fires")
    String min;

    @Option(names = "--max", required = true, paramLabel = "V", description = "largest amplitude to try")
    String max;

    @Option(names = "--tol", defaultValue = "1e-3", description = "relative tolerance of each threshold")
    String tol;

    @Option(names = "--param", paramLabel = "k=v", split = ",", description = "circuit parameters (see 'show')")
    List<String> params = new ArrayList<>();

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronCircuit c = NeuronLibrary.get(name);
      double[] w = CliArgs.numbers(widths, "--widths");
      long t0 = System.nanoTime();
      StrengthDuration sd = Protocols.strengthDuration(c, w, CliArgs.number(min, "--min"),
          CliArgs.number(max, "--max"), CliArgs.number(tol, "--tol"), CliArgs.circuitParams(params));
      double wall = (System.nanoTime() - t0) / 1e9;
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("rheobase_V", sd.rheobase());
      s.put("chronaxie_s", sd.chronaxie());
      curve(output, s, c.name() + ".sd", "width_s", w, "threshold_V", sd.thresholds(),
          "strength-duration curve of " + c.name(), "pulse width (s)", "threshold amplitude (V)", true);
      s.put("wall_s", wall);
      s.print(System.out, output.json());
      return 0;
    }
  }

  @Command(name = "aon", mixinStandardHelpOptions = true,
      description = {"All-or-nothing test: the output's peak response to one pulse of each amplitude; reports the",
          "threshold and whether responses jump from graded to a plateau of full spikes."},
      footer = {"", "Example:", "  ./neuristor neuron aon pickett --amps 0.2,0.22,0.24,0.26,0.28,0.3,0.32 --width 100n"})
  static final class AllOrNothingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--amps", required = true, paramLabel = "V,V,...", description = "pulse amplitudes, ascending")
    String amps;

    @Option(names = "--width", required = true, paramLabel = "S", description = "pulse width")
    String width;

    @Option(names = "--param", paramLabel = "k=v", split = ",", description = "circuit parameters (see 'show')")
    List<String> params = new ArrayList<>();

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronCircuit c = NeuronLibrary.get(name);
      double[] a = CliArgs.numbers(amps, "--amps");
      double w = CliArgs.number(width, "--width");
      if (!(w > 0)) {
        throw NeuristorException.input("--width must be positive");
      }
      Map<String, String> p = CliArgs.circuitParams(params);
      long t0 = System.nanoTime();
      AllOrNothing r = Protocols.allOrNothing(c, a, w, p);
      double wall = (System.nanoTime() - t0) / 1e9;
      Summary s = new Summary();
      s.put("circuit", c.name());
      s.put("threshold_V", r.threshold());
      s.put("largest_subthreshold_response_V", r.largestBelow());
      s.put("mean_spike_response_V", r.meanAbove());
      s.put("all_or_nothing", r.allOrNothing());
      curve(output, s, c.name() + ".aon", "amplitude_V", a, "response_V", r.responses(),
          "all-or-nothing test of " + c.name(), "pulse amplitude (V)", "response (V)", false);
      s.put("wall_s", wall);
      s.print(System.out, output.json());
      return 0;
    }
  }

  /**
   * Writes a two-column curve as {@code base.csv} (NaN as an empty cell), puts both columns and the
   * file into the summary, and plots it unless plots are off.
   */
  static void curve(OutputOptions output, Summary s, String base, String xName, double[] x, String yName, double[] y,
      String title, String xLabel, String yLabel, boolean log) {
    List<List<Object>> rows = new ArrayList<>();
    for (int k = 0; k < x.length; k++) {
      rows.add(java.util.Arrays.asList(x[k], Double.isFinite(y[k]) ? y[k] : null));
    }
    Path csv = output.file(base + ".csv");
    CsvWriter.writeTable(csv, List.of(xName, yName), rows);
    s.put(xName, x);
    s.put(yName, y);
    s.put("csv", csv.toString());
    if (output.plot()) {
      Path png = output.file(base + "." + output.plotExt());
      Plotter.xy(png, title, xLabel, yLabel, List.of(new Plotter.Series(yName, x, y, true)), log, log);
      s.put("plot", png.toString());
    }
  }
}
