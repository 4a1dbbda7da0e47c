package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.data.Dataset;
import org.neuristor.data.Datasets;
import org.neuristor.data.Idx;
import org.neuristor.device.SynapseDevice;
import org.neuristor.io.CsvWriter;
import org.neuristor.learn.Mlp;
import org.neuristor.network.CrossbarClassifier;
import org.neuristor.network.DigitsPipeline;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuristor network digits}: digit recognition by memristive LIF neurons on crossbar synapses. */
@JsonKeys({"dataset", "train_samples", "test_samples", "synapse", "float_accuracy", "accuracy",
    "spikes_per_inference", "input_spikes_per_inference", "energy_per_inference_J", "read_energy_per_inference_J",
    "neuron_energy_per_inference_J", "programming_energy_J", "programming_pulses", "t_read_s", "training_s",
    "inference_s", "weights_plot", "levels", "d2d", "stuck"})
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
      description = "ideal or neurosim (Ag:a-Si, physics.md 3.8c) (default: ${DEFAULT-VALUE}).")
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
      description = "levels, d2d, stuck or a comma list of them: accuracy curves (CSV and plot), each non-ideality "
          + "alone on the --synapse device (ideal: linear, noise-free, quasi-continuous).")
  String sweep;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of training, devices and spikes; the held-out split is fixed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Threads (0: all cores); results do not depend on it.")
  int threads;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    if (hidden < 1 || epochs < 0 || steps < 1 || testSamples < 0 || writeVerify < 0) {
      throw NeuristorException.input("--hidden, --steps must be >= 1, --epochs, --test-samples, --write-verify >= 0");
    }
    if (levels == 1 || levels < 0) {
      throw NeuristorException.input("--levels must be 0 (the device's) or at least 2, got " + levels);
    }
    fraction("--d2d", d2d, 2);
    fraction("--stuck", stuck, 1);
    fraction("--c2c", c2c, 1);
    fraction("--read-noise", readNoise, 1);
    int nThreads = NetworkCommand.threads(threads) > 0 ? threads : Runtime.getRuntime().availableProcessors();
    SynapseDevice.Params device = DigitsPipeline.device(synapse, levels, d2d(), stuck(), c2c);
    if (sweep != null) {
      for (String w : sweep.split(",")) {
        if (!List.of("levels", "d2d", "stuck").contains(w)) {
          throw NeuristorException.input("--sweep must be levels, d2d, stuck or a comma list of them, got '" + sweep
              + "'");
        }
      }
    }
    output.outDir(); // a bad --out fails now, not after training
    Dataset.Split split = load();
    Dataset test = split.test();
    if (testSamples > 0 && testSamples < test.size()) {
      int[] idx = new int[testSamples];
      for (int i = 0; i < testSamples; i++) {
        idx[i] = (int) ((long) i * test.size() / testSamples);
      }
      test = test.subset(idx, test.name());
    }
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
        all.put(w, sweep(w, t, test, cfg, nThreads, trainS));
      }
      output.print(all);
      return 0;
    }
    DigitsPipeline.Mapped m = DigitsPipeline.map(t, device, cfg, seed, writeVerify);
    long t1 = System.nanoTime();
    CrossbarClassifier.Result r;
    try (ProgressBar bar = output.progress("inference", test.size())) {
      r = m.classifier().run(test, seed, nThreads, done -> bar.stepBy(done - bar.done()));
    }
    double inferS = (System.nanoTime() - t1) / 1e9;
    if (!output.json()) {
      output.out().println(confusion(r.confusion()));
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
    s.put("spikes_per_inference", r.spikesPerInference());
    s.put("input_spikes_per_inference", r.inputSpikesPerInference());
    s.put("energy_per_inference_J", r.energyPerInference(), "J");
    s.put("read_energy_per_inference_J", r.readEnergyPerInference(), "J");
    s.put("neuron_energy_per_inference_J", r.neuronEnergyPerInference(), "J");
    s.put("programming_energy_J", m.programmingEnergyJoules(), "J");
    s.put("programming_pulses", m.pulses());
    s.put("t_read_s", List.of(r.tReadSeconds()[0], r.tReadSeconds()[1]));
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

  static String confusion(int[][] c) {
    StringBuilder b = new StringBuilder("confusion (rows: true, columns: predicted)\n     ");
    for (int k = 0; k < c.length; k++) {
      b.append(String.format(Locale.ROOT, "%5d", k));
    }
    b.append('\n');
    for (int i = 0; i < c.length; i++) {
      b.append(String.format(Locale.ROOT, "%5d", i));
      for (int k = 0; k < c.length; k++) {
        b.append(String.format(Locale.ROOT, "%5d", c[i][k]));
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
    double[] xs = switch (sweep) {
      case "levels" -> new double[] {2, 4, 8, 16, 32, 64, 97, 128, 256};
      case "d2d" -> new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
      default -> new double[] {0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1};
    };
    String base = synapse.equals("ideal") ? "ideal" : synapse;
    List<List<?>> rows = new ArrayList<>();
    double[] acc = new double[xs.length];
    try (ProgressBar bar = output.progress("sweep " + sweep, xs.length)) {
      for (int k = 0; k < xs.length; k++) {
        int lv = sweep.equals("levels") ? (int) xs[k] : levels;
        double dd = sweep.equals("d2d") ? xs[k] : d2d();
        double st = sweep.equals("stuck") ? xs[k] : stuck();
        SynapseDevice.Params dev = DigitsPipeline.device(base, lv, dd, st, c2c);
        DigitsPipeline.Mapped m = DigitsPipeline.map(t, dev, cfg, seed, writeVerify);
        CrossbarClassifier.Result r = m.classifier().run(test, seed, nThreads, null);
        acc[k] = r.accuracy();
        rows.add(List.of(xs[k], r.accuracy(), r.spikesPerInference(), r.energyPerInference()));
        bar.step();
      }
    }
    String label = switch (sweep) {
      case "levels" -> "conductance levels";
      case "d2d" -> "device-to-device spread (relative sigma)";
      default -> "stuck devices (fraction, half on / half off)";
    };
    Path csv = CsvWriter.writeTable(output.file("digits_sweep_" + sweep + ".csv"),
        List.of(sweep, "accuracy", "spikes_per_inference", "energy_per_inference_J"), rows);
    Path png = null;
    if (output.plot()) {
      png = Plotter.xy(output.plotFile("digits_sweep_" + sweep),
          "Spiking accuracy vs " + label + " (" + base + " synapse)", label, "accuracy",
          List.of(new Plotter.Series("accuracy", xs, acc, true)), sweep.equals("levels"), false);
    }
    Summary s = new Summary();
    s.put("sweep", sweep);
    s.put("synapse", base);
    s.put("float_accuracy", t.floatTestAccuracy());
    s.put("test_samples", test.size());
    s.put("x", xs);
    s.put("accuracy", acc);
    s.put("training_s", trainS, "s");
    s.put("csv", csv.toString());
    if (png != null) {
      s.put("plot", png.toString());
    }
    return s.asMap();
  }
}
