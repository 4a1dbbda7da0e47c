package org.neuristor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.io.CsvWriter;
import org.neuristor.network.Network;
import org.neuristor.network.NetworkFile;
import org.neuristor.network.SpikeMonitor;
import org.neuristor.network.StateMonitor;
import org.neuristor.network.WarmUp;
import org.neuristor.plot.Plotter;
import org.neuristor.plot.SpikeRaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor network run FILE}: runs a spiking network described in YAML or JSON. Its subcommands
 * (run, digits, crossbar, stdp-digits) are registered in {@link Commands}, so that a run builds only the
 * one it names.
 */
@Command(name = "network", mixinStandardHelpOptions = true,
    description = "Run spiking networks of (memristive) neurons described in YAML or JSON files, digit "
        + "recognition on memristive crossbars, crossbar reads as circuits and unsupervised STDP learning.",
    footer = {"", "Example:", "  ./neuristor network run examples/coba.yaml"})
@JsonKeys({"commands"})
public final class NetworkCommand implements Runnable {
  @Mixin JsonOption json;

  @Override
  public void run() {
    json.usageOrCommands();
  }

  /** Largest {@code --threads} accepted (0 means all cores). */
  static final int MAX_THREADS = 1024;

  /** A {@code --threads} value checked: 0 (all cores) to {@link #MAX_THREADS}. */
  static int threads(int threads) {
    if (threads < 0 || threads > MAX_THREADS) {
      throw NeuristorException.input("--threads must be between 0 (all cores) and " + MAX_THREADS + ", got "
          + threads);
    }
    return threads;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a network file for its duration and print spike counts and mean rates per population (monitored ones also their first and last spike times).",
          "The file's monitors are written to --out: each spike monitor as <name>.<population>.spikes.csv "
              + "(time_s, neuron) with a raster plot, each state monitor as <name>.<population>.<variable>.csv "
              + "with a plot."},
      footer = {"", "Populations: model: lif|if|hh|adex|izhikevich, circuit: lif|pickett|yi|..., memristive_lif,",
          "poisson, latency (docs/networks.md).", "", "Examples:",
          "  ./neuristor network run examples/coba.yaml --threads 2 --json",
          "  ./neuristor network run examples/synfire-pickett.yaml"})
  @JsonKeys({"network", "duration_s", "synapses", "populations", "files", "wall_s"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The network file (.yaml, .yml or .json).") Path file;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
        description = "Worker threads (0: the file's setting or all cores); results do not depend on it.")
    int threads;

    @Mixin OutputOptions output;

    /**
     * For {@code network run FILE ...}: a {@link WarmUp} on FILE (the first argument after {@code run} that
     * names a .yaml, .yml or .json file), started before picocli parses the command line; else null. It also
     * loads the network ahead ({@link WarmUp#loaded}) unless an option changes the load ({@code --threads}) or
     * asks for help or the version (nothing would be loaded).
     */
    static WarmUp warmUp(String[] args) {
      if (args.length < 3 || !args[0].equals("network") || !args[1].equals("run")) {
        return null;
      }
      boolean loadAhead = true;
      for (int i = 2; i < args.length; i++) {
        for (String o : List.of("--threads", "-h", "--help", "-V", "--version")) {
          if (args[i].startsWith(o)) {
            loadAhead = false;
          }
        }
      }
      for (int i = 2; i < args.length; i++) {
        String a = args[i].toLowerCase(Locale.ROOT);
        if (!a.startsWith("-") && (a.endsWith(".yaml") || a.endsWith(".yml") || a.endsWith(".json"))) {
          try {
            Path p = Path.of(args[i]);
            return Files.isRegularFile(p) ? WarmUp.start(p, loadAhead) : null;
          } catch (InvalidPathException e) {
            return null; // picocli reports it
          }
        }
      }
      return null;
    }

    @Override
    public Integer call() {
      return run(output.main() != null ? output.main().warmUp() : null, output.out());
    }

    /** The run, with the warm-up started for it (null: none); the summary printed on {@code out}. */
    private Integer run(WarmUp warmUp, PrintWriter out) {
      int threadsOverride = threads(threads);
      // the network loaded ahead by the warm-up (the same load on its thread), else loaded here
      NetworkFile.Loaded ahead = warmUp != null ? warmUp.loaded(file, threadsOverride) : null;
      NetworkFile.Loaded l = ahead != null ? ahead : NetworkFile.load(file, threadsOverride);
      Network net = l.network();
      try {
        output.outDir();
        long steps = Math.round(l.durationSeconds() / net.dt());
        if (warmUp != null) {
          warmUp.beforeRun(net, steps); // the real run starts on the code the miniature compiled, or stops it
        }
        long t0 = System.nanoTime();
        try (ProgressBar bar = new ProgressBar("network", steps)) {
          Progress progress = new Progress(bar, net.step());
          net.runSteps(steps, progress);
          progress.report(net.step());
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
        sum.put("files", monitors(l, net));
        sum.put("wall_s", wall);
        sum.print(out, output.json());
        return 0;
      } finally {
        net.close();
      }
    }

    /** Writes every monitor of the file (CSV, and a plot unless --no-plot); returns the files written. */
    private List<String> monitors(NetworkFile.Loaded l, Network net) {
      List<String> files = new ArrayList<>();
      String base = l.name();
      List<SpikeMonitor> spikes = net.spikeMonitors();
      // the raster is drawn on a thread of its own, from its own copies of the spike lists, while this one
      // writes the spike files (two cores: the files and the PNG take about the same time)
      RasterJob plot = output.plot() && !spikes.isEmpty()
          ? new RasterJob(output.plotFile(base + ".raster"), "Spikes of " + base, spikes, l.durationSeconds())
          : null;
      for (SpikeMonitor m : spikes) {
        // numeric columns straight to bytes: the same file as a table of boxed cells, without 2 boxes a spike
        files.add(CsvWriter.writeColumns(output.file(base + "." + m.population().name() + ".spikes.csv"),
            SpikeMonitor.HEADER, m.times(), m.neuronColumn()).toString());
      }
      if (plot != null) {
        files.add(plot.join().toString());
      }
      for (StateMonitor m : net.stateMonitors()) {
        String pop = m.population().name();
        int[] idx = m.neurons();
        List<String> header = new ArrayList<>();
        header.add("time_s");
        for (int i : idx) {
          header.add(m.variable() + "[" + i + "]");
        }
        double[] t = new double[m.count()];
        double[][] y = new double[idx.length][m.count()];
        for (int k = 0; k < m.count(); k++) {
          t[k] = m.time(k);
          for (int i = 0; i < idx.length; i++) {
            y[i][k] = m.value(i, k);
          }
        }
        double[][] columns = new double[idx.length + 1][];
        columns[0] = t;
        System.arraycopy(y, 0, columns, 1, idx.length);
        String name = base + "." + pop + "." + m.variable();
        files.add(CsvWriter.writeColumns(output.file(name + ".csv"), header, columns).toString());
        if (output.plot()) {
          List<Plotter.Series> series = new ArrayList<>();
          for (int i = 0; i < idx.length; i++) {
            series.add(new Plotter.Series(pop + " neuron " + idx[i], t, y[i], false));
          }
          files.add(Plotter.xy(output.plotFile(name), m.variable() + " of " + pop, "time (s)",
              m.variable() + " (" + unit(m.variable()) + ")", series, false, false).toString());
        }
      }
      return files;
    }

    /**
     * Reports a run's steps to its progress bar every {@link #EVERY} steps rather than every step: a bar's
     * {@code stepBy} is synchronized and reads the clock, and 10,000 calls of it cost ~1.4 ms in a fresh JVM
     * (mostly before the JIT compiles it), about 3% of COBA's loop; the bar redraws at most 10 times a second,
     * so 64 steps (a few ms of any network) change nothing it shows. A class, not a lambda: no lambda class
     * spun at start-up.
     */
    private static final class Progress implements Network.StepListener {
      static final long EVERY = 64;
      private final ProgressBar bar;
      private long reported;

      Progress(ProgressBar bar, long start) {
        this.bar = bar;
        this.reported = start;
      }

      @Override
      public void afterStep(long step) {
        if ((step & (EVERY - 1)) == 0) {
          report(step);
        }
      }

      /** Reports the steps up to {@code step} not reported yet. */
      void report(long step) {
        if (step > reported) {
          bar.stepBy(step - reported);
          reported = step;
        }
      }
    }

    /**
     * The spike raster of a run, written on a thread of its own: PNG by {@link SpikeRaster} (our writer, no
     * AWT: for COBA's 80,000 spikes ~1 s of CPU less than XChart), SVG by {@link Plotter#raster}.
     */
    private static final class RasterJob implements Runnable {
      private static final String Y_LABEL = "neuron (populations stacked)";
      private final Path file;
      private final String title;
      private final List<SpikeMonitor> spikes;
      private final double duration;
      private final Thread thread;
      private volatile Path written;
      private volatile RuntimeException failure;

      /** Starts drawing the spikes of {@code spikes} (finished monitors: only read) into {@code file}. */
      RasterJob(Path file, String title, List<SpikeMonitor> spikes, double duration) {
        this.file = file;
        this.title = title;
        this.spikes = spikes;
        this.duration = duration;
        thread = new Thread(this, "raster-plot"); // a class, not a lambda: no lambda class spun at start-up
        thread.setDaemon(true);
        thread.start();
      }

      @Override
      public void run() {
        try {
          // one series per population, neurons stacked: population k's neuron i at the sizes before it plus i
          List<Plotter.Series> raster = new ArrayList<>();
          int offset = 0;
          for (SpikeMonitor m : spikes) {
            double[] n = new double[m.count()];
            for (int k = 0; k < n.length; k++) {
              n[k] = offset + m.neuron(k);
            }
            String pop = m.population().name();
            raster.add(new Plotter.Series(pop + (offset > 0 ? " (from index " + offset + ")" : ""), m.times(), n, true));
            offset += m.population().size();
          }
          boolean png = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
          written = png ? SpikeRaster.write(file, title, "time (s)", Y_LABEL, raster, 0, duration, -0.5, offset - 0.5)
              : Plotter.raster(file, title, "time (s)", Y_LABEL, raster, 0, duration, -0.5, offset - 0.5);
        } catch (RuntimeException e) {
          failure = e;
        }
      }

      /** Waits for the file; rethrows what writing it failed with. */
      Path join() {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing the raster plot", e);
        }
        if (failure != null) {
          throw failure;
        }
        return written;
      }
    }

    /** The SI unit of a population variable by its name (v: V, g_*: S, i/I_*: A, else 1). */
    private static String unit(String variable) {
      String v = variable.toLowerCase(java.util.Locale.ROOT);
      return v.startsWith("v") ? "V" : v.startsWith("g") ? "S" : v.startsWith("i") ? "A" : v.startsWith("x") ? "1"
          : "SI";
    }
  }
}
