package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.network.Network;
import org.neuristor.network.NetworkFile;
import org.neuristor.network.SpikeMonitor;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor network run FILE}: runs a spiking network described in YAML or JSON. */
@Command(name = "network", mixinStandardHelpOptions = true,
    description = "Spiking networks of (memristive) neurons described in YAML/JSON files.",
    subcommands = {NetworkCommand.Run.class, DigitsCommand.class},
    footer = {"", "Example:", "  ./neuristor network run examples/coba.yaml"})
public final class NetworkCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a network file for its duration; prints spike counts and mean rates per population",
          "(--json: populations with name, size, spikes, rate_hz; monitored ones also first_spike_s, last_spike_s).",
          "Spike monitors are written to <name>.spikes.csv (population, neuron, time_s) with a raster plot."},
      footer = {"", "Populations: model: lif|if|hh|adex|izhikevich, circuit: lif|pickett|yi|..., memristive_lif,",
          "poisson, latency (docs/networks.md).", "", "Examples:",
          "  ./neuristor network run examples/coba.yaml --threads 2 --json",
          "  ./neuristor network run examples/synfire-pickett.yaml"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "network file (.yaml, .yml or .json)") Path file;

    @Option(names = "--threads", defaultValue = "0",
        description = "worker threads (0: the file's setting or all cores); results do not depend on it")
    int threads;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      NetworkFile.Loaded l = NetworkFile.load(file, threads);
      Network net = l.network();
      long steps = Math.round(l.durationSeconds() / net.dt());
      long t0 = System.nanoTime();
      try (ProgressBar bar = new ProgressBar("network", steps)) {
        net.runSteps(steps, step -> bar.step());
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      List<Map<String, Object>> pops = new ArrayList<>();
      for (Network.PopulationStats s : net.stats()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("size", s.size());
        m.put("spikes", s.spikes());
        m.put("rate_hz", s.rateHz());
        for (SpikeMonitor mon : net.spikeMonitors()) {
          if (mon.population().name().equals(s.name()) && mon.count() > 0) {
            m.put("first_spike_s", mon.time(0));
            m.put("last_spike_s", mon.time(mon.count() - 1));
          }
        }
        pops.add(m);
      }
      Summary sum = new Summary();
      sum.put("network", l.name());
      sum.put("duration_s", l.durationSeconds());
      sum.put("synapses", net.synapses());
      sum.put("populations", pops);
      if (!net.spikeMonitors().isEmpty()) {
        sum.put("spikes_csv", writeSpikes(output.file(l.name() + ".spikes.csv"), net).toString());
        if (output.plot()) {
          Path png = raster(output.plotFile(l.name() + ".raster"), l.name(), net);
          if (png != null) {
            sum.put("raster", png.toString());
          }
        }
      }
      sum.put("wall_s", wall);
      sum.print(System.out, output.json());
      net.close();
      return 0;
    }
  }

  /** Every monitored spike as population, neuron, time_s (streamed: monitors of large networks hold millions). */
  static Path writeSpikes(Path csv, Network net) {
    return org.neuristor.io.AtomicFiles.write(csv, out -> {
      java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
          java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
      w.write("population,neuron,time_s\n");
      for (SpikeMonitor mon : net.spikeMonitors()) {
        String name = mon.population().name();
        for (int k = 0; k < mon.count(); k++) {
          w.write(name);
          w.write(',');
          w.write(Integer.toString(mon.neuron(k)));
          w.write(',');
          w.write(Double.toString(mon.time(k)));
          w.write('\n');
        }
      }
      w.flush();
    });
  }

  /** Neurons per population shown in the raster plot. */
  static final int RASTER_NEURONS = 500;

  /** Raster of the monitored populations, stacked, at most {@link #RASTER_NEURONS} neurons each; null if silent. */
  static Path raster(Path png, String name, Network net) {
    int total = 0;
    for (SpikeMonitor mon : net.spikeMonitors()) {
      for (int k = 0; k < mon.count(); k++) {
        total += mon.neuron(k) < RASTER_NEURONS ? 1 : 0;
      }
    }
    if (total == 0) {
      return null;
    }
    double[] x = new double[total];
    double[] y = new double[total];
    int j = 0;
    int offset = 0;
    boolean cut = false;
    for (SpikeMonitor mon : net.spikeMonitors()) {
      for (int k = 0; k < mon.count(); k++) {
        if (mon.neuron(k) < RASTER_NEURONS) {
          x[j] = mon.time(k);
          y[j++] = offset + mon.neuron(k);
        }
      }
      int shown = Math.min(RASTER_NEURONS, mon.population().size());
      cut |= shown < mon.population().size();
      offset += shown;
    }
    String pops = String.join(", ", net.spikeMonitors().stream().map(m -> m.population().name()).toList());
    return Plotter.scatter(png, name + ": spikes of " + pops + (cut ? " (first " + RASTER_NEURONS + " neurons each)"
        : ""), "time (s)", "neuron (populations stacked)", x, y);
  }
}
