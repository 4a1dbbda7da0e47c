package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.network.Network;
import org.neuristor.network.NetworkFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuristor network run FILE}: runs a spiking network described in YAML or JSON. */
@Command(name = "network", mixinStandardHelpOptions = true,
    description = "Spiking networks of (memristive) neurons described in YAML/JSON files.",
    subcommands = {NetworkCommand.Run.class, DigitsCommand.class, CrossbarCommand.class, StdpDigitsCommand.class},
    footer = {"", "Example:", "  ./neuristor network run examples/coba.yaml"})
public final class NetworkCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a network file for its duration; prints spike counts and mean rates per population",
          "(--json: populations with name, size, spikes, rate_hz)."},
      footer = {"", "Example:", "  ./neuristor network run examples/coba.yaml --threads 2 --json"})
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
        pops.add(m);
      }
      Summary sum = new Summary();
      sum.put("network", l.name());
      sum.put("duration_s", l.durationSeconds());
      sum.put("synapses", net.synapses());
      sum.put("populations", pops);
      sum.put("wall_s", wall);
      sum.print(System.out, output.json());
      net.close();
      return 0;
    }
  }
}
