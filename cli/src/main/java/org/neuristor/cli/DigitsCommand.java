package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.digits.Dataset;
import org.neuristor.digits.Datasets;
import org.neuristor.crossbar.Selector;
import org.neuristor.crossbar.TiledRead;
import org.neuristor.digits.Idx;
import org.neuristor.device.PulseProgrammedSynapse;
import org.neuristor.io.CsvWriter;
import org.neuristor.digits.InSituTraining;
import org.neuristor.digits.Mlp;
import org.neuristor.digits.Vote;
import org.neuristor.network.CrossbarClassifier;
import org.neuristor.digits.DigitsPipeline;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuristor network digits}: digit recognition by memristive LIF neurons on crossbar synapses. */
@JsonKeys({"dataset", "train_samples", "test_samples", "synapse", "float_accuracy", "accuracy",
    "accuracy_standard_error", "accuracy_ci95", "accuracy_seeds", "accuracy_seed_mean", "accuracy_seed_sd", "undecided_samples", "silent_output_samples", "voltage_decided_samples",
    "spikes_per_inference", "input_spikes_per_inference", "energy_per_inference_J", "read_energy_per_inference_J",
    "neuron_energy_per_inference_J", "programming_energy_J", "programming_pulses", "t_read_s", "training_s",
    "inference_s", "weights_plot", "summary_json", "train", "learning_rate", "weight_ranges", "epoch_accuracy",
    "wire_r_ohm", "tile", "selector", "levels", "d2d", "stuck", "read_noise", "wire_r", "nl"})
@Command(name = "digits", mixinStandardHelpOptions = true,
    description = {"Recognize digits with spiking memristive neurons on memristive crossbars.",
        "Trains a rate network (784-H-10, ReLU, Adam), programs it onto differential-pair crossbars of synaptic "
            + "memristors and classifies the held-out digits by spiking memristive LIF neurons. Prints accuracy, "
            + "confusion matrix, spikes and energy per inference, and writes weight images. --sweep levels, d2d or "
            + "stuck trains once and maps many times: accuracy against the non-ideality (CSV and plot)."},
    footer = {"", "Examples:", "  ./neuristor network digits", "  ./neuristor network digits --synapse neurosim",
        "  ./neuristor network digits --dataset digits --hidden 64",
        "  ./neuristor network digits --sweep levels --test-samples 500"})
final class DigitsCommand implements Callable<Integer> {
  @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist10k",
      description = "digits (8x8) or mnist10k (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--data", paramLabel = "PATH",
      description = "MNIST IDX files instead of the shipped set: a *images-idx3-ubyte[.gz] file or a directory "
          + "(with train-* and t10k-* files, those are the training and test sets).")
  Path data;

  @Option(names = "--synapse", paramLabel = "NAME", defaultValue = "ideal",
      description = "ideal, neurosim (Ag:a-Si, physics.md 3.8c) or FILE.json, a synapse fitted to measured curves by "
          + "'fit synapse' (default: ${DEFAULT-VALUE}).")
  String synapse;

  @Option(names = "--levels", paramLabel = "N", defaultValue = "0",
      description = "Conductance levels, at least 2 (0: the device's).")
  int levels;

  @Option(names = "--d2d", paramLabel = "FRACTION",
      description = "Device-to-device relative spread, e.g. 0.1 or 10%% (default: the device's).")
  Double d2d;

  @Option(names = "--stuck", paramLabel = "FRACTION",
      description = "Fraction of stuck devices, half on and half off, e.g. 1%% (default: the device's).")
  Double stuck;

  @Option(names = "--c2c", paramLabel = "FRACTION",
      description = "Cycle-to-cycle sigma per pulse, as a fraction of the range (default: the device's).")
  Double c2c;

  @Option(names = "--write-verify", paramLabel = "N", defaultValue = "5",
      description = "Write-verify iterations per device after the open-loop pulses (0: open loop; default: "
          + "${DEFAULT-VALUE}).")
  int writeVerify;

  @Option(names = "--read-noise", paramLabel = "FRACTION", defaultValue = "0",
      description = "Relative read noise per device and sample (default: ${DEFAULT-VALUE}).")
  double readNoise;

  @Option(names = "--hidden", paramLabel = "N", defaultValue = "300",
      description = "Hidden neurons (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
      description = "Training epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "300",
      description = "Time steps of 100 ns per presented digit (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--test-samples", paramLabel = "N", defaultValue = "0",
      description = "Test on an evenly spaced subset of this many held-out digits (0: all).")
  int testSamples;

  @Option(names = "--sweep", paramLabel = "WHAT",
      description = "levels, d2d, stuck, read-noise, wire-r, tile, nl or a comma list of them: accuracy curves (CSV "
          + "and plot), each non-ideality alone on the --synapse device (ideal: linear, noise-free, quasi-continuous).")
  String sweep;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of training, devices and spikes; the held-out split is fixed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
      description = "Repeat the run (training, devices, spikes) for N seeds from --seed on and report the accuracy of "
          + "each with their mean and standard deviation: the spread that drawn devices add to the test set's "
          + "standard error (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Threads (0: all cores); results do not depend on it.")
  int threads;

  @Option(names = "--wire-r", paramLabel = "OHMS", defaultValue = "0",
      description = "Wire resistance per cell segment (0: ideal wires); above 0 the read goes through the crossbar "
          + "circuit (default: ${DEFAULT-VALUE}).")
  String wireR;

  @Option(names = "--tile", paramLabel = "N", defaultValue = "1024",
      description = "Tile size: rows and columns per array (default: ${DEFAULT-VALUE}).")
  int tile;

  @Option(names = "--driver-r", paramLabel = "OHMS", defaultValue = "0",
      description = "Row driver resistance (default: ${DEFAULT-VALUE}).")
  String driverR;

  @Option(names = "--sense-r", paramLabel = "OHMS", defaultValue = "0",
      description = "Column sense resistance (default: ${DEFAULT-VALUE}).")
  String senseR;

  @Option(names = "--selector", paramLabel = "NAME", defaultValue = "none",
      description = "Cell selector: none, 1t1r (15 kOhm on), 1t1r:OHMS, ots or TYPE:PRESET[:NAME=VALUE...] "
          + "(threshold switch, linearized at the read voltage) (default: ${DEFAULT-VALUE}).")
  String selector;

  @Option(names = "--train", paramLabel = "HOW", defaultValue = "offline",
      description = "offline (float training, then mapping) or insitu (SGD with every update as device pulses) "
          + "(default: ${DEFAULT-VALUE}).")
  String train;

  @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.3",
      description = "In-situ SGD learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Mixin OutputOptions output;

  /** Sweep kinds besides the mapping non-idealities. */
  static final List<String> SWEEPS = List.of("levels", "d2d", "stuck", "read-noise", "wire-r", "tile", "nl");

  TiledRead.Config readConfig() {
    if (tile < 1) {
      throw NeuristorException.input("--tile must be >= 1, got " + tile);
    }
    return new TiledRead.Config(tile, CliArgs.nonNegative(wireR, "--wire-r", "Ohm"),
        CliArgs.nonNegative(driverR, "--driver-r", "Ohm"), CliArgs.nonNegative(senseR, "--sense-r", "Ohm"),
        Selector.parse(selector), 0.5);
  }

  @Override
  public Integer call() {
    if (!List.of("offline", "insitu").contains(train)) {
      throw NeuristorException.input("--train must be offline or insitu, got '" + train + "'");
    }
    if (!(lr > 0)) {
      throw NeuristorException.input("--lr must be > 0, got " + lr);
    }
    TiledRead.Config readCfg = readConfig();
    CliArgs.atLeast(hidden, 1, "--hidden");
    CliArgs.atLeast(steps, 1, "--steps");
    CliArgs.atLeast(epochs, 0, "--epochs");
    CliArgs.atLeast(testSamples, 0, "--test-samples");
    CliArgs.atLeast(writeVerify, 0, "--write-verify");
    CliArgs.atLeast(seeds, 1, "--seeds");
    if (seeds > 1 && (sweep != null || train.equals("insitu"))) {
      throw NeuristorException.input("--seeds repeats a single offline run; it does not combine with "
          + (sweep != null ? "--sweep" : "--train insitu"));
    }
    if (levels == 1 || levels < 0) {
      throw NeuristorException.input("--levels must be 0 (the device's) or at least 2, got " + levels);
    }
    fraction("--d2d", d2d, 1);
    fraction("--stuck", stuck, 1);
    fraction("--c2c", c2c, 1);
    fraction("--read-noise", readNoise, 1);
    int nThreads = NetworkCommand.threads(threads) > 0 ? threads : Runtime.getRuntime().availableProcessors();
    if (train.equals("insitu") && sweep == null) {
      return inSitu(readCfg, nThreads);
    }
    PulseProgrammedSynapse.Params device = PulseProgrammedSynapse.device(synapse, levels, d2d(), stuck(), c2c);
    if (sweep != null) {
      for (String w : sweep.split(",")) {
        if (!SWEEPS.contains(w)) {
          throw NeuristorException.input("--sweep must be " + String.join(", ", SWEEPS) + " or a comma list of "
              + "them, got '" + sweep + "'");
        }
        // until round 20 the mapping sweeps ran offline without a word when --train insitu was asked for
        if (train.equals("insitu") && !w.equals("nl")) {
          throw NeuristorException.input("--train insitu does not combine with --sweep " + w + ": the mapping sweeps "
              + "train offline (--sweep nl compares in-situ and offline training)");
        }
      }
    }
    output.outDir(); // a bad --out fails now, not after training
    Dataset.Split split = load();
    Dataset test = split.test().evenly(testSamples);
    boolean small = split.train().features() < 100;
    Mlp.Options mo = new Mlp.Options(epochs, small ? 16 : 64, 1e-3, small ? 0 : 1, seed, nThreads);
    long t0 = System.nanoTime();
    DigitsPipeline.Trained t;
    try (ProgressBar bar = output.progress("training", (long) epochs * split.train().size())) {
      t = DigitsPipeline.train(split.train(), split.test(), hidden, mo, done -> bar.stepBy(done - bar.done()));
    }
    double trainS = (System.nanoTime() - t0) / 1e9;
    CrossbarClassifier.Config cfg = CrossbarClassifier.Config.defaults().withSteps(steps).withReadNoise(readNoise);
    if (sweep != null) {
      Summary all = new Summary();
      for (String w : sweep.split(",")) {
        all.put(w.replace('-', '_'), sweep(w, t, test, cfg, nThreads, trainS));
      }
      output.print(all);
      return 0;
    }
    DigitsPipeline.Mapped m = DigitsPipeline.map(t, device, cfg, seed, writeVerify);
    DigitsPipeline.readThrough(m, readCfg, nThreads);
    long t1 = System.nanoTime();
    CrossbarClassifier.Result r;
    try (ProgressBar bar = output.progress("inference", test.size())) {
      r = m.classifier().run(test, seed, nThreads, done -> bar.stepBy(done - bar.done()));
    }
    double inferS = (System.nanoTime() - t1) / 1e9;
    double[] seedAccuracy = new double[seeds];
    seedAccuracy[0] = r.accuracy();
    for (int k = 1; k < seeds; k++) {
      long sk = seed + k;
      Mlp.Options ok = new Mlp.Options(mo.epochs(), mo.batch(), mo.learningRate(), mo.maxShift(), sk, nThreads);
      try (ProgressBar bar = output.progress("seed " + sk + " (" + seed + ".." + (seed + seeds - 1) + ")",
          (long) epochs * split.train().size() + test.size())) {
        DigitsPipeline.Trained tk = DigitsPipeline.train(split.train(), split.test(), hidden, ok,
            done -> bar.stepBy(done - bar.done()));
        DigitsPipeline.Mapped mk = DigitsPipeline.map(tk, device, cfg, sk, writeVerify);
        DigitsPipeline.readThrough(mk, readCfg, nThreads);
        long trained = bar.done();
        seedAccuracy[k] = mk.classifier().run(test, sk, nThreads, done -> bar.stepBy(trained + done - bar.done()))
            .accuracy();
      }
    }
    if (!output.json()) {
      output.out().println(confusion(r.tally()));
    }
    Path weights = null;
    if (output.plot()) {
      weights = weightImages(m, split.train().rows(), split.train().cols());
    }
    Summary s = new Summary();
    s.put("dataset", split.train().name().replace("-train", ""));
    s.put("train_samples", split.train().size());
    s.put("test_samples", test.size());
    s.put("synapse", device == null ? "ideal" : synapse);
    s.put("float_accuracy", t.floatTestAccuracy());
    s.put("accuracy", r.accuracy());
    s.put("accuracy_standard_error", r.accuracyStandardError());
    s.put("accuracy_ci95", r.accuracyInterval95());
    if (seeds > 1) {
      s.put("accuracy_seeds", seedAccuracy);
      s.put("accuracy_seed_mean", java.util.Arrays.stream(seedAccuracy).average().orElseThrow());
      s.put("accuracy_seed_sd", Dataset.sampleStandardDeviation(seedAccuracy));
    }
    putDecisions(s, r);
    s.put("spikes_per_inference", r.spikesPerInference());
    s.put("input_spikes_per_inference", r.inputSpikesPerInference());
    s.put("energy_per_inference_J", r.energyPerInference(), "J");
    s.put("read_energy_per_inference_J", r.readEnergyPerInference(), "J");
    s.put("neuron_energy_per_inference_J", r.neuronEnergyPerInference(), "J");
    s.put("programming_energy_J", m.programmingEnergyJoules(), "J");
    s.put("programming_pulses", m.pulses());
    s.put("t_read_s", List.of(r.tReadSeconds()[0], r.tReadSeconds()[1]));
    putRead(s, readCfg);
    s.put("training_s", trainS, "s");
    s.put("inference_s", inferS, "s");
    if (weights != null) {
      s.put("weights_plot", weights.toString());
    }
    // the run as a file too (with the confusion matrix), for reports such as the studio's Results page
    Map<String, Object> file = new java.util.LinkedHashMap<>(s.asMap());
    file.put("confusion", r.confusion());
    Path json = org.neuristor.io.Json.writeFile(output.file("digits.json"), file);
    s.put("summary_json", json.toString());
    output.print(s);
    return 0;
  }

  /** A fraction option: absent, or in [0, max]. */
  private static void fraction(String name, Double v, double max) {
    if (v != null && !(v >= 0 && v <= max)) {
      throw NeuristorException.input(name + " must be between 0 and " + max + ", got " + v);
    }
  }

  /** The device's own d2d spread unless --d2d is given (-1 tells the pipeline "the device's"). */
  private double d2d() {
    return d2d == null ? -1 : d2d;
  }

  private double stuck() {
    return stuck == null ? -1 : stuck;
  }

  /**
   * Seed of the held-out split, fixed so the 2,000 mnist10k test digits (20 % of each class; the
   * file is grouped by class, so a head/tail split would not do) are the same whatever --seed.
   */
  static final long SPLIT_SEED = 20150;

  private Dataset.Split load() {
    return load(data, dataset);
  }

  /** The training and held-out sets: IDX files at {@code data}, or a shipped data set by name. */
  static Dataset.Split load(Path data, String dataset) {
    if (data != null) {
      Dataset train = Idx.read(data, false);
      if (java.nio.file.Files.isDirectory(data)) {
        Dataset test = Idx.read(data, true);
        if (!test.name().equals(train.name())) {
          return new Dataset.Split(train, test);
        }
      }
      return train.stratifiedSplit(0.2, SPLIT_SEED);
    }
    return switch (dataset) {
      case "mnist10k" -> Datasets.mnist10k().stratifiedSplit(0.2, SPLIT_SEED);
      case "digits" -> Datasets.digits().stratifiedSplit(0.3, SPLIT_SEED);
      default -> throw NeuristorException.input("--dataset must be digits or mnist10k, got '" + dataset + "'");
    };
  }

  /**
   * How the spiking classifier's output layer decided: samples without any output spike, samples whose top spike
   * count was shared and the membrane voltage chose, samples left undecided (counted as wrong).
   */
  static void putDecisions(Summary s, CrossbarClassifier.Result r) {
    s.put("undecided_samples", r.undecidedSamples());
    s.put("silent_output_samples", r.silentOutputSamples());
    s.put("voltage_decided_samples", r.voltageDecidedSamples());
  }

  /** The confusion matrix as text; an "undecided" column (no class chosen) when any sample was left undecided. */
  static String confusion(Vote.Tally t) {
    int[][] c = t.confusion();
    boolean none = t.undecidedTotal() > 0;
    StringBuilder b = new StringBuilder("confusion (rows: true, columns: predicted)\n     ");
    for (int k = 0; k < c.length; k++) {
      b.append(String.format(Locale.ROOT, "%5d", k));
    }
    b.append(none ? "  undecided\n" : "\n");
    for (int i = 0; i < c.length; i++) {
      b.append(String.format(Locale.ROOT, "%5d", i));
      for (int k = 0; k < c.length; k++) {
        b.append(String.format(Locale.ROOT, "%5d", c[i][k]));
      }
      if (none) {
        b.append(String.format(Locale.ROOT, "%11d", t.undecided()[i]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private Path weightImages(DigitsPipeline.Mapped m, int rows, int cols) {
    List<double[][]> ims = new ArrayList<>();
    List<String> caps = new ArrayList<>();
    int n = Math.min(36, m.c1().cols());
    for (int j = 0; j < n; j++) {
      double[][] im = new double[rows][cols];
      for (int i = 0; i < rows * cols; i++) {
        im[i / cols][i % cols] = m.c1().weight(i * m.c1().cols() + j);
      }
      ims.add(im);
      caps.add("h" + j);
    }
    return Plotter.imageGrid(output.plotFile("digits_weights"),
        "Crossbar weights (G+ - G-) of the first hidden neurons", ims, 6, caps, "weight / w_max (1)");
  }

  private java.util.Map<String, Object> sweep(String sweep, DigitsPipeline.Trained t, Dataset test, CrossbarClassifier.Config cfg, int nThreads,
      double trainS) {
    if (sweep.equals("nl")) {
      return sweepNl(t, test, cfg, nThreads, trainS);
    }
    TiledRead.Config rc = readConfig();
    double[] xs = switch (sweep) {
      case "levels" -> new double[] {2, 4, 8, 16, 32, 64, 97, 128, 256};
      case "d2d" -> new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
      case "read-noise" -> new double[] {0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3};
      case "wire-r" -> new double[] {0, 1, 3, 10, 30, 100, 300, 1000, 3000};
      case "tile" -> new double[] {64, 128, 256, 512, 1024};
      default -> new double[] {0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1};
    };
    // the tile curve needs wires; without --wire-r it uses 10 Ohm per segment
    double tileWire = rc.wireOhm() > 0 ? rc.wireOhm() : 10;
    String base = synapse.equals("ideal") ? "ideal" : synapse;
    List<List<?>> rows = new ArrayList<>();
    double[] acc = new double[xs.length];
    int[] undecided = new int[xs.length];
    int[] silent = new int[xs.length];
    double[][] ci = new double[xs.length][];
    try (ProgressBar bar = output.progress("sweep " + sweep, xs.length)) {
      for (int k = 0; k < xs.length; k++) {
        int lv = sweep.equals("levels") ? (int) xs[k] : levels;
        double dd = sweep.equals("d2d") ? xs[k] : d2d();
        double st = sweep.equals("stuck") ? xs[k] : stuck();
        PulseProgrammedSynapse.Params dev = PulseProgrammedSynapse.device(base, lv, dd, st, c2c);
        CrossbarClassifier.Config pcfg = sweep.equals("read-noise") ? cfg.withReadNoise(xs[k]) : cfg;
        DigitsPipeline.Mapped m = DigitsPipeline.map(t, dev, pcfg, seed, writeVerify);
        TiledRead.Config pc = switch (sweep) {
          case "wire-r" -> new TiledRead.Config(rc.tile(), xs[k], rc.driverOhm(), rc.senseOhm(), rc.selector(),
              rc.readVolts());
          case "tile" -> new TiledRead.Config((int) xs[k], tileWire, rc.driverOhm(), rc.senseOhm(), rc.selector(),
              rc.readVolts());
          default -> rc;
        };
        DigitsPipeline.readThrough(m, pc, nThreads);
        CrossbarClassifier.Result r = m.classifier().run(test, seed, nThreads, null);
        acc[k] = r.accuracy();
        undecided[k] = r.undecidedSamples();
        silent[k] = r.silentOutputSamples();
        ci[k] = r.accuracyInterval95();
        rows.add(List.of(xs[k], r.accuracy(), r.spikesPerInference(), r.energyPerInference(), ci[k][0], ci[k][1],
            undecided[k], silent[k]));
        bar.step();
      }
    }
    String label = switch (sweep) {
      case "levels" -> "conductance levels";
      case "d2d" -> "device-to-device spread (relative sigma)";
      case "read-noise" -> "read noise (relative sigma per device and digit)";
      case "wire-r" -> "wire resistance per cell segment (Ohm), tile " + Math.min(rc.tile(), 1024);
      case "tile" -> "tile size (rows = columns), wire " + tileWire + " Ohm per segment";
      default -> "stuck devices (fraction, half on / half off)";
    };
    Path csv = CsvWriter.writeTable(output.file("digits_sweep_" + sweep + ".csv"),
        List.of(sweep, "accuracy", "spikes_per_inference", "energy_per_inference_J", "accuracy_ci95_low",
            "accuracy_ci95_high", "undecided_samples", "silent_output_samples"), rows);
    double[] se = new double[xs.length];
    for (int k = 0; k < xs.length; k++) {
      se[k] = Dataset.standardError(acc[k], test.size());
    }
    Path png = null;
    if (output.plot()) {
      // each point's Wilson 95% interval over the test digits as an error bar: the span a curve's bumps must leave to
      // mean anything (unlike +- the standard error it does not shrink to nothing at accuracy 0 or 1)
      png = Plotter.xy(output.plotFile("digits_sweep_" + sweep),
          "Spiking accuracy vs " + label + " (" + base + " synapse, " + test.size() + " test digits)", label,
          "accuracy", List.of(new Plotter.Series("accuracy", xs, acc, true), intervalBars(xs, ci)),
          sweep.equals("levels") || sweep.equals("tile"), false);
    }
    Summary s = new Summary();
    s.put("sweep", sweep);
    s.put("synapse", base);
    s.put("float_accuracy", t.floatTestAccuracy());
    s.put("test_samples", test.size());
    s.put("x", xs);
    s.put("accuracy", acc);
    s.put("accuracy_standard_error", se);
    s.put("accuracy_ci95", ci);
    s.put("undecided_samples", undecided);
    s.put("silent_output_samples", silent);
    s.put("training_s", trainS, "s");
    s.put("csv", csv.toString());
    if (png != null) {
      s.put("plot", png.toString());
    }
    return s.asMap();
  }

  /**
   * Wilson 95% intervals {low, high} per point as one series of vertical error bars, each from low to high at its x,
   * separated by NaN (a break in the line).
   */
  static Plotter.Series intervalBars(double[] xs, double[][] ci) {
    double[] bx = new double[3 * xs.length];
    double[] by = new double[3 * xs.length];
    for (int k = 0; k < xs.length; k++) {
      bx[3 * k] = xs[k];
      by[3 * k] = ci[k][0];
      bx[3 * k + 1] = xs[k];
      by[3 * k + 1] = ci[k][1];
      bx[3 * k + 2] = Double.NaN;
      by[3 * k + 2] = Double.NaN;
    }
    return new Plotter.Series("Wilson 95% interval", bx, by, false);
  }

  private static Plotter.Series named(Plotter.Series s, String name) {
    return new Plotter.Series(name, s.x(), s.y(), s.markers());
  }

  private void putRead(Summary s, TiledRead.Config rc) {
    s.put("wire_r_ohm", rc.wireOhm());
    s.put("tile", rc.tile());
    s.put("selector", rc.selector().label());
  }

  private InSituTraining.Options inSituOptions(Dataset trainSet, int nThreads) {
    boolean small = trainSet.features() < 100;
    return InSituTraining.Options.withHeRanges(epochs, small ? 16 : 64, lr, small ? 0 : 1, trainSet.features(), hidden,
        seed, nThreads);
  }

  /** {@code --train insitu}: SGD on the devices, then spiking inference on the trained crossbars. */
  private Integer inSitu(TiledRead.Config readCfg, int nThreads) {
    PulseProgrammedSynapse.Params device = PulseProgrammedSynapse.device(synapse, levels, d2d(), stuck(), c2c);
    output.outDir(); // a bad --out fails now, not after training
    Dataset.Split split = load();
    Dataset test = split.test().evenly(testSamples);
    InSituTraining.Options o = inSituOptions(split.train(), nThreads);
    long t0 = System.nanoTime();
    InSituTraining.Result r;
    try (ProgressBar bar = output.progress("in-situ training", (long) epochs * split.train().size())) {
      r = InSituTraining.train(split.train(), split.test(), hidden, device, o, done -> bar.stepBy(done - bar.done()));
    }
    double trainS = (System.nanoTime() - t0) / 1e9;
    CrossbarClassifier.Config cfg = CrossbarClassifier.Config.defaults().withSteps(steps).withReadNoise(readNoise);
    DigitsPipeline.Trained t = DigitsPipeline.trainedInSitu(r, split.train(), split.test(), o);
    DigitsPipeline.Mapped m = DigitsPipeline.mappedInSitu(r, t, cfg);
    DigitsPipeline.readThrough(m, readCfg, nThreads);
    long t1 = System.nanoTime();
    CrossbarClassifier.Result res;
    try (ProgressBar bar = output.progress("inference", test.size())) {
      res = m.classifier().run(test, seed, nThreads, done -> bar.stepBy(done - bar.done()));
    }
    double inferS = (System.nanoTime() - t1) / 1e9;
    if (!output.json()) {
      output.out().println(confusion(res.tally()));
    }
    Summary s = new Summary();
    s.put("dataset", split.train().name().replace("-train", ""));
    s.put("train", "insitu");
    s.put("synapse", device == null ? "ideal (floating point)" : synapse + (levels > 0 ? ", " + levels + " levels" : ""));
    s.put("learning_rate", lr);
    s.put("weight_ranges", List.of(o.range1(), o.range2()));
    s.put("epoch_accuracy", r.testAccuracy());
    s.put("float_accuracy", t.floatTestAccuracy());
    s.put("accuracy", res.accuracy());
    s.put("accuracy_standard_error", res.accuracyStandardError());
    s.put("accuracy_ci95", res.accuracyInterval95());
    putDecisions(s, res);
    s.put("test_samples", test.size());
    s.put("spikes_per_inference", res.spikesPerInference());
    s.put("input_spikes_per_inference", res.inputSpikesPerInference());
    s.put("energy_per_inference_J", res.energyPerInference(), "J");
    s.put("read_energy_per_inference_J", res.readEnergyPerInference(), "J");
    s.put("neuron_energy_per_inference_J", res.neuronEnergyPerInference(), "J");
    s.put("programming_energy_J", r.programmingEnergyJoules(), "J");
    s.put("programming_pulses", r.programmingPulses());
    putRead(s, readCfg);
    s.put("training_s", trainS, "s");
    s.put("inference_s", inferS, "s");
    output.print(s);
    return 0;
  }

  /**
   * Accuracy against the non-linearity label NL of LTP and LTD (NeuroSim's table) on the --synapse
   * device (neurosim: its levels and c2c noise): in-situ training and offline training plus mapping.
   */
  private java.util.Map<String, Object> sweepNl(DigitsPipeline.Trained offline, Dataset test,
      CrossbarClassifier.Config cfg, int nThreads, double trainS) {
    double[] xs = {0, 1, 2, 3, 4, 5, 6};
    PulseProgrammedSynapse.Params base = PulseProgrammedSynapse.device(synapse.equals("ideal") ? "neurosim" : synapse,
        levels, d2d(), stuck(), c2c);
    Dataset.Split split = load();
    InSituTraining.Options o = inSituOptions(split.train(), nThreads);
    double[] inSitu = new double[xs.length];
    double[] inSituRead = new double[xs.length];
    double[] mapped = new double[xs.length];
    double[][] inSituCi = new double[xs.length][];
    double[][] mappedCi = new double[xs.length][];
    int[][] decisions = new int[4][xs.length]; // undecided and silent: in-situ, then offline + mapping
    List<List<?>> rows = new ArrayList<>();
    try (ProgressBar bar = output.progress("sweep nl", xs.length)) {
      for (int k = 0; k < xs.length; k++) {
        PulseProgrammedSynapse.Params dev = DigitsPipeline.withNonlinearity(base, xs[k], xs[k]);
        InSituTraining.Result r = InSituTraining.train(split.train(), split.test(), hidden, dev, o, null);
        DigitsPipeline.Trained t = DigitsPipeline.trainedInSitu(r, split.train(), split.test(), o);
        DigitsPipeline.Mapped mi = DigitsPipeline.mappedInSitu(r, t, cfg);
        CrossbarClassifier.Result ri = mi.classifier().run(test, seed, nThreads, null);
        inSitu[k] = ri.accuracy();
        inSituCi[k] = ri.accuracyInterval95();
        inSituRead[k] = t.floatTestAccuracy();
        DigitsPipeline.Mapped mo = DigitsPipeline.map(offline, dev, cfg, seed, writeVerify);
        CrossbarClassifier.Result ro = mo.classifier().run(test, seed, nThreads, null);
        mapped[k] = ro.accuracy();
        mappedCi[k] = ro.accuracyInterval95();
        decisions[0][k] = ri.undecidedSamples();
        decisions[1][k] = ri.silentOutputSamples();
        decisions[2][k] = ro.undecidedSamples();
        decisions[3][k] = ro.silentOutputSamples();
        rows.add(List.of(xs[k], inSitu[k], inSituRead[k], mapped[k], r.programmingPulses(), inSituCi[k][0],
            inSituCi[k][1], decisions[0][k], decisions[1][k], mappedCi[k][0], mappedCi[k][1], decisions[2][k],
            decisions[3][k]));
        bar.step();
      }
    }
    Path csv = CsvWriter.writeTable(output.file("digits_sweep_nl.csv"),
        List.of("nl", "insitu_accuracy", "insitu_float_read_accuracy", "offline_mapped_accuracy", "insitu_pulses",
            "insitu_accuracy_ci95_low", "insitu_accuracy_ci95_high", "insitu_undecided_samples",
            "insitu_silent_output_samples", "offline_mapped_accuracy_ci95_low", "offline_mapped_accuracy_ci95_high",
            "offline_mapped_undecided_samples", "offline_mapped_silent_output_samples"),
        rows);
    Summary s = new Summary();
    s.put("sweep", "nl");
    s.put("device", base.toString());
    s.put("float_accuracy", offline.floatTestAccuracy());
    s.put("test_samples", test.size());
    s.put("x", xs);
    s.put("insitu_accuracy", inSitu);
    s.put("insitu_accuracy_ci95", inSituCi);
    s.put("insitu_undecided_samples", decisions[0]);
    s.put("insitu_silent_output_samples", decisions[1]);
    s.put("insitu_float_read_accuracy", inSituRead);
    s.put("offline_mapped_accuracy", mapped);
    s.put("offline_mapped_accuracy_ci95", mappedCi);
    s.put("offline_mapped_undecided_samples", decisions[2]);
    s.put("offline_mapped_silent_output_samples", decisions[3]);
    s.put("csv", csv.toString());
    if (output.plot()) {
      s.put("plot", Plotter.xy(output.plotFile("digits_sweep_nl"),
          "Accuracy vs non-linearity NL (LTP = LTD), in-situ vs offline + mapping", "non-linearity label NL",
          "accuracy", List.of(new Plotter.Series("in-situ, spiking", xs, inSitu, true),
              new Plotter.Series("in-situ, rate network read from the devices", xs, inSituRead, true),
              new Plotter.Series("offline + mapping, spiking", xs, mapped, true),
              named(intervalBars(xs, inSituCi), "in-situ, spiking: Wilson 95% interval"),
              named(intervalBars(xs, mappedCi), "offline + mapping: Wilson 95% interval")), false, false).toString());
    }
    return s.asMap();
  }
}
