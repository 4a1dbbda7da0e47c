package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.measure.AllOrNothing;
import org.neuristor.measure.FiCurve;
import org.neuristor.measure.StrengthDuration;
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
      description = {"Measure the strength-duration curve: the threshold pulse amplitude for each pulse width.",
          "For each width, the smallest amplitude on vin that makes the circuit spike, by bisection between --min "
              + "and --max; then the rheobase (threshold of the longest pulse) and the chronaxie (the width at "
              + "twice the rheobase). A width that does not fire up to --max has no threshold (an empty cell). The "
              + "rheobase is checked: when the amplitude --tol below it fires in a pulse 4 times as long as the "
              + "longest, the threshold still falls there and rheobase_V is null with rheobase_reason (chronaxie_s "
              + "too). Writes CSV and a log-log plot."},
      footer = {"", "Example:", "  ./neuristor neuron sd lif --widths 2u,5u,10u,20u,50u,150u --max 20"})
  @JsonKeys({"circuit", "rheobase_V", "rheobase_reason", "chronaxie_s", "chronaxie_reason", "width_s", "threshold_V",
      "csv", "plot", "wall_s"})
  static final class StrengthDurationCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "A library circuit (see 'neuron list').") String name;

    @Option(names = "--widths", required = true, paramLabel = "SECONDS,...",
        description = "Pulse widths, ascending; make the last several membrane time constants long.")
    String widths;

    @Option(names = "--min", defaultValue = "0", paramLabel = "VOLTS",
        description = "An amplitude that never fires (default: ${DEFAULT-VALUE} V).")
    String min;

    @Option(names = "--max", required = true, paramLabel = "VOLTS", description = "The largest amplitude to try.")
    String max;

    @Option(names = "--tol", defaultValue = "1e-3", paramLabel = "FRACTION",
        description = "Relative tolerance of each threshold, at least 1e-12 (default: ${DEFAULT-VALUE}).")
    String tol;

    @Option(names = "--param", paramLabel = "K=V", split = ",",
        description = "A circuit .param or device parameter (see 'neuron show'), e.g. rin=20k (repeatable).")
    List<String> params = new ArrayList<>();

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronCircuit c = NeuronLibrary.get(name);
      double[] w = CliArgs.ascending(widths, "--widths", "s");
      double relTol = relativeTolerance(tol);
      Map<String, String> p = Protocols.parameters(c, CliArgs.keyValues(params, "--param"));
      double lo = CliArgs.finite(min, "--min", "V");
      double hi = CliArgs.finite(max, "--max", "V");
      output.outDir();
      long t0 = System.nanoTime();
      StrengthDuration sd = Protocols.strengthDuration(c, w, lo, hi, relTol, p);
      String rheoReason = Protocols.strengthDurationRheobaseReason(c, sd, relTol, p, null);
      double wall = (System.nanoTime() - t0) / 1e9;
      Summary s = new Summary();
      s.put("circuit", c.name());
      Protocols.strengthDurationValues(sd, rheoReason).forEach(s::put);
      curve(output, s, c.name() + ".sd", "width_s", w, "threshold_V", sd.thresholds(),
          "strength-duration curve of " + c.name(), "pulse width (s)", "threshold amplitude (V)", true);
      s.put("wall_s", wall);
      output.print(s);
      return 0;
    }
  }

  @Command(name = "aon", mixinStandardHelpOptions = true,
      description = {"Run the all-or-nothing test: the output's peak response to one pulse of each amplitude.",
          "Reports the threshold and whether the responses jump from graded to a plateau of full spikes there. "
              + "The threshold lies between the last amplitude that does not make the circuit spike and the first "
              + "that does; bisection with single pulses narrows that bracket to --tol of its upper end: threshold_V "
              + "is the midpoint of threshold_below_V (the largest amplitude found silent) and threshold_above_V "
              + "(the smallest found to spike). Null with the reason when no amplitude spikes or the lowest already "
              + "does."},
      footer = {"", "Example:",
          "  ./neuristor neuron aon pickett --amps 0.2,0.24,0.28,0.32 --width 100n"})
  @JsonKeys({"circuit", "threshold_V", "threshold_reason", "threshold_below_V", "threshold_above_V",
      "largest_subthreshold_response_V", "mean_spike_response_V", "all_or_nothing", "amplitude_V", "response_V", "csv",
      "plot", "wall_s"})
  static final class AllOrNothingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "A library circuit (see 'neuron list').") String name;

    @Option(names = "--amps", required = true, paramLabel = "VOLTS,...", description = "Pulse amplitudes, ascending.")
    String amps;

    @Option(names = "--width", required = true, paramLabel = "SECONDS", description = "Pulse width.")
    String width;

    @Option(names = "--tol", defaultValue = "1e-3", paramLabel = "FRACTION",
        description = "Relative tolerance of the threshold, at least 1e-12 (default: ${DEFAULT-VALUE}).")
    String tol;

    @Option(names = "--param", paramLabel = "K=V", split = ",",
        description = "A circuit .param or device parameter (see 'neuron show'), e.g. rin=20k (repeatable).")
    List<String> params = new ArrayList<>();

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NeuronCircuit c = NeuronLibrary.get(name);
      double[] a = CliArgs.ascending(amps, "--amps", "V");
      double w = CliArgs.positive(width, "--width", "s");
      double relTol = relativeTolerance(tol);
      Map<String, String> p = Protocols.parameters(c, CliArgs.keyValues(params, "--param"));
      output.outDir();
      long t0 = System.nanoTime();
      AllOrNothing r = Protocols.allOrNothingRefined(c, Protocols.allOrNothing(c, a, w, p), w, p, relTol, null);
      double wall = (System.nanoTime() - t0) / 1e9;
      Summary s = new Summary();
      s.put("circuit", c.name());
      Protocols.allOrNothingValues(r).forEach(s::put);
      curve(output, s, c.name() + ".aon", "amplitude_V", a, "response_V", r.responses(),
          "all-or-nothing test of " + c.name(), "pulse amplitude (V)", "peak response (V)", false);
      s.put("wall_s", wall);
      output.print(s);
      return 0;
    }
  }

  /** The relative bisection tolerance {@code --tol}: in [{@link FiCurve#MIN_RELATIVE_TOLERANCE}, 1). */
  static double relativeTolerance(String tol) {
    double relTol = CliArgs.positive(tol, "--tol", "1");
    if (relTol < FiCurve.MIN_RELATIVE_TOLERANCE || relTol >= 1) {
      throw NeuristorException.input("--tol must be in [" + FiCurve.MIN_RELATIVE_TOLERANCE + ", 1), got " + tol);
    }
    return relTol;
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
    boolean any = false;
    for (int k = 0; k < x.length; k++) {
      any |= Double.isFinite(y[k]) && (!log || x[k] > 0 && y[k] != 0);
    }
    if (output.plot() && !any) {
      output.noPlot(yName, SweepPlots.NO_FINITE);
    } else if (output.plot()) {
      Path png = output.file(base + "." + output.plotExt());
      Plotter.xy(png, title, xLabel, yLabel, List.of(new Plotter.Series(yName, x, y, true)), log, log);
      s.put("plot", png.toString());
    }
  }
}
