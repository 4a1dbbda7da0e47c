package org.neuristor.network;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.neuristor.digits.Dataset;
import org.neuristor.digits.Vote;
import org.neuristor.util.Tasks;

/**
 * Inference by spiking on crossbar conductances: a Poisson input population (rate proportional to
 * pixel intensity), a crossbar projection onto a hidden population of memristive LIF neurons
 * ({@link MemristiveLifPopulation}, 1TS-1C compact circuit), a second crossbar onto an output
 * population of memristive LIF neurons; the class is the output neuron with the most spikes
 * (ties: the higher final membrane voltage; still tied, e.g. a silent output layer: no class, counted as wrong and
 * reported, {@link Vote}). Synapses deliver a charge
 * {@code q = V_read t_read (G+ - G-)} per presynaptic spike onto the membrane capacitor (CURRENT
 * kernel), with {@code t_read} of each layer set by the data-based normalization of Diehl et al.
 * (IJCNN 2015): layer l's weights are scaled by {@code lambda_(l-1)/lambda_l} (lambda = a high
 * quantile of the layer's ReLU activations on training data, lambda_0 = 1) so that a normalized
 * activation of 1 asks for one spike per {@code Q_unit = gain C V_th} of charge.
 *
 * <p>Energy per inference = synaptic read energy {@code sum over presynaptic spikes of V_read^2
 * t_read sum_j (G+_ij + G-_ij)} (every cross-point of the spiking row is read) + neuron energy
 * {@code spikes x E_spike} (the 1TS-1C neuron's supply energy per spike, physics.md 4.1, scaled with C).
 *
 * <p>Samples run in fixed blocks of {@link #BLOCK} on independent single-threaded networks; each
 * sample reseeds the input with (seed, sample index) and starts at the same step of its block, so
 * results are bit-for-bit identical whatever the number of threads.
 */
public final class CrossbarClassifier {
  /** Samples per independently simulated block. */
  public static final int BLOCK = 50;

  /**
   * Spiking settings.
   *
   * @param dtSeconds time step
   * @param steps steps per presented sample
   * @param maxRateHz input rate of a pixel of intensity 1
   * @param neuron memristive LIF neuron of both layers
   * @param gain charge of a full-scale normalized hidden-layer weight in units of C V_th
   * @param gainOut the same for the output layer
   * @param readVolts read voltage on a row during an input spike (V)
   * @param readNoise relative read noise sigma (per device, drawn per presented sample)
   */
  public record Config(double dtSeconds, int steps, double maxRateHz, MemristiveLifPopulation.Params neuron,
      double gain, double gainOut, double readVolts, double readNoise) {
    /** Defaults: dt 100 ns, 30 us presentation, 1 MHz max input rate, C = 2 fF (scale 5e5), gains 0.35 / 0.7, 0.5 V read. */
    public static Config defaults() {
      MemristiveLifPopulation.Params p = MemristiveLifPopulation.Params.scaled(5e5);
      p = p.withBias(0, p.rInOhm() * 100);
      return new Config(100e-9, 300, 1e6, p, 0.35, 0.7, 0.5, 0);
    }

    public Config withSteps(int n) {
      return new Config(dtSeconds, n, maxRateHz, neuron, gain, gainOut, readVolts, readNoise);
    }

    public Config withDt(double dt) {
      return new Config(dt, steps, maxRateHz, neuron, gain, gainOut, readVolts, readNoise);
    }

    public Config withMaxRate(double hz) {
      return new Config(dtSeconds, steps, hz, neuron, gain, gainOut, readVolts, readNoise);
    }

    public Config withGainOut(double g) {
      return new Config(dtSeconds, steps, maxRateHz, neuron, gain, g, readVolts, readNoise);
    }

    public Config withGain(double g) {
      return new Config(dtSeconds, steps, maxRateHz, neuron, g, gainOut, readVolts, readNoise);
    }

    public Config withReadNoise(double r) {
      return new Config(dtSeconds, steps, maxRateHz, neuron, gain, gainOut, readVolts, r);
    }
  }

  /**
   * Outcome of a test run.
   *
   * @param predicted class of each sample, {@link Vote#NONE} where the output layer stayed tied
   * @param tally confusion of the decided samples, undecided samples per class (counted as wrong), accuracy
   * @param silentOutputSamples samples in which no output neuron fired
   * @param voltageDecidedSamples samples whose top spike count was shared (silent ones included) and the final
   *     membrane voltage chose the class
   */
  public record Result(int[] predicted, Vote.Tally tally, int silentOutputSamples, int voltageDecidedSamples,
      double spikesPerInference, double hiddenSpikesPerInference, double outputSpikesPerInference,
      double inputSpikesPerInference, double readEnergyPerInference, double neuronEnergyPerInference,
      double energyPerInference, double[] tReadSeconds) implements Vote.Classified {}

  private final Crossbar c1;
  private final Crossbar c2;
  private final double scale1;
  private final double scale2;
  private final Config cfg;

  /**
   * @param c1 programmed input-to-hidden crossbar (weights in units of w1max)
   * @param c2 programmed hidden-to-output crossbar (weights in units of w2max)
   * @param lambda {lambda_hidden, lambda_output}
   */
  public CrossbarClassifier(Crossbar c1, double w1max, Crossbar c2, double w2max, double[] lambda, Config cfg) {
    this.c1 = c1;
    this.c2 = c2;
    this.cfg = cfg;
    double qUnit = cfg.neuron().cFarads() * cfg.neuron().vThVolts();
    this.scale1 = w1max / lambda[0] * qUnit * cfg.gain();
    this.scale2 = w2max * lambda[0] / lambda[1] * qUnit * cfg.gainOut();
  }

  /** t_read of each layer (s): the pulse width that makes V_read t_read (G_max - G_min) the full-scale charge. */
  public double[] tReadSeconds() {
    return new double[] {scale1 / (cfg.readVolts() * (c1.gMax() - c1.gMin())),
        scale2 / (cfg.readVolts() * (c2.gMax() - c2.gMin()))};
  }

  private Network build() {
    Network.Builder b = Network.builder(cfg.dtSeconds(), 0).threads(1);
    b.add(new PoissonPopulation("in", c1.rows(), 0));
    MemristiveLifPopulation hid = new MemristiveLifPopulation("hidden", c1.cols(), cfg.neuron());
    hid.addChannel("q", Kernel.CURRENT, 0, 0);
    b.add(hid);
    MemristiveLifPopulation out = new MemristiveLifPopulation("out", c2.cols(), cfg.neuron());
    out.addChannel("q", Kernel.CURRENT, 0, 0);
    b.add(out);
    b.connect("in_hidden", "in", "hidden", "q", new Connector.AllToAll(true), Dist.constant(0), Dist.constant(0));
    b.connect("hidden_out", "hidden", "out", "q", new Connector.AllToAll(true), Dist.constant(0), Dist.constant(0));
    Network net = b.build();
    return net;
  }

  /** Classifies every sample of d; progress gets the number of samples done. */
  public Result run(Dataset d, long seed, int threads, IntConsumer progress) {
    int n = d.size();
    int nClass = c2.cols();
    int[] pred = new int[n];
    boolean[] byVoltage = new boolean[n];
    long[][] counts = new long[n][]; // per sample: input, hidden, output spikes
    double[] readE = new double[n];
    double[] rowG1 = new double[c1.rows()];
    double[] rowG2 = new double[c2.rows()];
    for (int i = 0; i < rowG1.length; i++) {
      rowG1[i] = c1.rowConductance(i);
    }
    for (int i = 0; i < rowG2.length; i++) {
      rowG2[i] = c2.rowConductance(i);
    }
    double[] tRead = tReadSeconds();
    double v2 = cfg.readVolts() * cfg.readVolts();
    int blocks = (n + BLOCK - 1) / BLOCK;
    AtomicInteger done = new AtomicInteger();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int bk = 0; bk < blocks; bk++) {
      final int from = bk * BLOCK;
      final int to = Math.min(n, from + BLOCK);
      tasks.add(() -> {
        Network net = build();
        PoissonPopulation in = (PoissonPopulation) net.population("in");
        MemristiveLifPopulation hid = (MemristiveLifPopulation) net.population("hidden");
        MemristiveLifPopulation out = (MemristiveLifPopulation) net.population("out");
        Projection p1 = net.projection("in_hidden");
        Projection p2 = net.projection("hidden_out");
        if (cfg.readNoise() == 0) {
          c1.writeTo(p1, scale1, 0, 0);
          c2.writeTo(p2, scale2, 0, 0);
        }
        long[] inBefore = new long[in.size()];
        long[] hidBefore = new long[hid.size()];
        long[] outBefore = new long[out.size()];
        double[] outSpikes = new double[out.size()];
        double[] outV = new double[out.size()];
        for (int s = from; s < to; s++) {
          if (cfg.readNoise() > 0) {
            c1.writeTo(p1, scale1, cfg.readNoise(), s + 1);
            c2.writeTo(p2, scale2, cfg.readNoise(), s + 1);
          }
          float[] x = d.images()[s];
          double[] rates = in.rates();
          for (int i = 0; i < rates.length; i++) {
            rates[i] = x[i] * cfg.maxRateHz();
          }
          in.reseed(CounterRng.hash(seed, 21, s));
          for (Population p : net.populations()) {
            p.spikeCount = 0;
          }
          hid.resetState();
          out.resetState();
          snapshot(in, inBefore);
          snapshot(hid, hidBefore);
          snapshot(out, outBefore);
          net.runSteps(cfg.steps(), null);
          long si = 0;
          long sh = 0;
          long so = 0;
          double e = 0;
          for (int i = 0; i < in.size(); i++) {
            long k = in.spikeTotal(i) - inBefore[i];
            si += k;
            e += k * rowG1[i] * v2 * tRead[0];
          }
          for (int i = 0; i < hid.size(); i++) {
            long k = hid.spikeTotal(i) - hidBefore[i];
            sh += k;
            e += k * rowG2[i] * v2 * tRead[1];
          }
          for (int i = 0; i < out.size(); i++) {
            long k = out.spikeTotal(i) - outBefore[i];
            so += k;
            outSpikes[i] = k;
            outV[i] = out.variable("v", i);
          }
          pred[s] = Vote.winner(outSpikes, null);
          if (pred[s] == Vote.NONE) {
            pred[s] = Vote.winner(outSpikes, outV);
            byVoltage[s] = pred[s] != Vote.NONE;
          }
          counts[s] = new long[] {si, sh, so};
          readE[s] = e;
          int dn = done.incrementAndGet();
          if (progress != null) {
            synchronized (progress) {
              progress.accept(dn);
            }
          }
        }
        return null;
      });
    }
    runAll(tasks, threads);
    Vote.Tally tally = Vote.tally(pred, d.labels(), nClass);
    int silent = 0;
    int voltage = 0;
    double si = 0;
    double sh = 0;
    double so = 0;
    double er = 0;
    for (int s = 0; s < n; s++) {
      silent += counts[s][2] == 0 ? 1 : 0;
      voltage += byVoltage[s] ? 1 : 0;
      si += counts[s][0];
      sh += counts[s][1];
      so += counts[s][2];
      er += readE[s];
    }
    double eSpike = cfg.neuron().energyPerSpikeJoules();
    double neuronE = (sh + so) / n * eSpike;
    return new Result(pred, tally, silent, voltage, (sh + so) / n, sh / n, so / n, si / n, er / n, neuronE,
        er / n + neuronE, tRead);
  }

  private static void snapshot(Population p, long[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = p.spikeTotal(i);
    }
  }

  /** Runs the tasks in order on one thread, or on a pool of {@code threads} (results must not depend on it). */
  public static void runAll(List<Callable<Void>> tasks, int threads) {
    int t = Math.max(1, threads);
    if (t == 1) {
      Tasks.run(null, tasks);
      return;
    }
    ExecutorService pool = Tasks.daemonPool(t, "crossbar-infer");
    try {
      Tasks.run(pool, tasks);
    } finally {
      pool.shutdownNow();
    }
  }
}
