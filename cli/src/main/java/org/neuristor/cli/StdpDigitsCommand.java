package org.neuristor.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.digits.Dataset;
import org.neuristor.device.PulseProgrammedSynapse;
import org.neuristor.digits.StdpDigits;
import org.neuristor.digits.StdpNetwork;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuristor network stdp-digits}: unsupervised STDP learning of digits (Diehl and Cook 2015). */
@Command(name = "stdp-digits", mixinStandardHelpOptions = true,
    description = {"Learn digits without labels by STDP (Diehl and Cook, Front. Comput. Neurosci. 9, 99 (2015)).",
        "Poisson inputs, excitatory neurons with adaptive thresholds and lateral inhibition, STDP on ideal or device "
            + "synapses (every change as programming pulses). After training, neurons are labelled by their responses "
            + "to the training digits; test digits are classified by the labelled neurons' mean response. Prints "
            + "accuracy, confusion, spikes and energy per inference, programming energy; writes the receptive fields "
            + "as an image."},
    footer = {"", "Examples:", "  ./neuristor network stdp-digits --neurons 400",
        "  ./neuristor network stdp-digits --neurons 400 --synapse neurosim",
        "  ./neuristor network stdp-digits --neurons 100 --epochs 1 --train-samples 2k"})
@JsonKeys({"dataset", "train_samples", "test_samples", "neurons", "epochs", "synapse", "accuracy",
    "accuracy_standard_error", "accuracy_ci95", "undecided_samples", "unlabelled_neurons", "input_spikes_per_inference", "spikes_per_inference", "energy_per_inference_J",
    "read_energy_per_inference_J", "neuron_energy_per_inference_J", "programming_energy_J", "programming_pulses",
    "learning_pulses", "train_presentations", "training_s", "labelling_s", "test_s", "cpu_s", "receptive_fields_plot"})
final class StdpDigitsCommand implements Callable<Integer> {
  @Option(names = "--neurons", paramLabel = "N", defaultValue = "400",
      description = "Excitatory neurons (default: ${DEFAULT-VALUE}).")
  int neurons;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "3",
      description = "Passes over the training digits (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist10k",
      description = "mnist10k or digits (8x8) (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--data", paramLabel = "PATH",
      description = "MNIST IDX files instead of the shipped set (a file or a directory, as in network digits).")
  Path data;

  @Option(names = "--synapse", paramLabel = "NAME", defaultValue = "ideal",
      description = "ideal (continuous weights), neurosim (Ag:a-Si device, pulses) or FILE.json, a synapse fitted by "
          + "'fit synapse' (default: ${DEFAULT-VALUE}).")
  String synapse;

  @Option(names = "--levels", paramLabel = "N", defaultValue = "0",
      description = "Conductance levels (0: the device's).")
  int levels;

  @Option(names = "--c2c", paramLabel = "FRACTION",
      description = "Cycle-to-cycle sigma per pulse, as a fraction of the range (default: the device's).")
  Double c2c;

  @Option(names = "--train-samples", paramLabel = "N", defaultValue = "0",
      description = "Train on an evenly spaced subset of this many training digits (0: all).")
  int trainSamples;

  @Option(names = "--test-samples", paramLabel = "N", defaultValue = "0",
      description = "Test on an evenly spaced subset of this many held-out digits (0: all).")
  int testSamples;

  @Option(names = "--presentation", paramLabel = "SECONDS", defaultValue = "0.35",
      description = "Presentation time per digit (default: ${DEFAULT-VALUE}).")
  String presentation;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of weights, spikes and pulses (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Threads for labelling and test (0: all cores); results do not depend on it.")
  int threads;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    double presentation = CliArgs.positive(this.presentation, "--presentation", "s");
    CliArgs.atLeast(neurons, 1, "--neurons");
    CliArgs.atLeast(epochs, 0, "--epochs");
    CliArgs.atLeast(trainSamples, 0, "--train-samples");
    CliArgs.atLeast(testSamples, 0, "--test-samples");
    if (!synapse.equals("ideal") && !synapse.equals("neurosim") && !synapse.endsWith(".json")) {
      throw NeuristorException.input("--synapse must be ideal, neurosim or a fitted synapse FILE.json, got '"
          + synapse + "'");
    }
    int nThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    PulseProgrammedSynapse.Params device = synapse.equals("ideal") && levels <= 0 ? null
        : PulseProgrammedSynapse.device(synapse, levels, -1, -1, c2c);
    output.outDir();
    Dataset.Split split = DigitsCommand.load(data, dataset);
    Dataset train = split.train().evenly(trainSamples);
    Dataset test = split.test().evenly(testSamples);
    StdpNetwork.Params params = StdpNetwork.Params.diehlCook(neurons).withPresentation(presentation);
    long cpu0 = processCpuNanos();
    StdpDigits.Result r;
    try (ProgressBar trainBar = output.progress("STDP training", (long) epochs * train.size());
        ProgressBar labelBar = output.progress("labelling", train.size());
        ProgressBar testBar = output.progress("test", test.size())) {
      r = StdpDigits.run(train, test, params, device, epochs, seed, nThreads, new StdpDigits.Progress() {
        @Override
        public void train(long done) {
          trainBar.stepBy(done - trainBar.done());
        }

        @Override
        public void label(long done) {
          labelBar.stepBy(done - labelBar.done());
        }

        @Override
        public void test(long done) {
          testBar.stepBy(done - testBar.done());
        }
      });
    }
    double cpuS = (processCpuNanos() - cpu0) / 1e9;
    if (!output.json()) {
      output.out().println(DigitsCommand.confusion(r.tally()));
    }
    Summary s = new Summary();
    s.put("dataset", split.train().name().replace("-train", ""));
    s.put("train_samples", train.size());
    s.put("test_samples", test.size());
    s.put("neurons", neurons);
    s.put("epochs", epochs);
    s.put("synapse", device == null ? "ideal" : synapse);
    s.put("accuracy", r.accuracy());
    s.put("accuracy_standard_error", r.accuracyStandardError());
    s.put("accuracy_ci95", r.accuracyInterval95());
    s.put("undecided_samples", r.undecidedSamples());
    s.put("unlabelled_neurons", (int) java.util.Arrays.stream(r.assignments()).filter(a -> a < 0).count());
    s.put("input_spikes_per_inference", r.inputSpikesPerInference());
    s.put("spikes_per_inference", r.excSpikesPerInference() + r.inhSpikesPerInference());
    s.put("energy_per_inference_J", r.energyPerInference(), "J");
    s.put("read_energy_per_inference_J", r.readEnergyPerInference(), "J");
    s.put("neuron_energy_per_inference_J", r.neuronEnergyPerInference(), "J");
    s.put("programming_energy_J", r.programmingEnergyJoules(), "J");
    s.put("programming_pulses", r.programmingPulses());
    s.put("learning_pulses", List.of(r.learningPulsesUp(), r.learningPulsesDown()));
    s.put("train_presentations", r.trainPresentations());
    s.put("training_s", r.trainSeconds(), "s");
    s.put("labelling_s", r.labelSeconds(), "s");
    s.put("test_s", r.testSeconds(), "s");
    s.put("cpu_s", cpuS, "s");
    if (output.plot()) {
      s.put("receptive_fields_plot", receptiveFields(r, split.train().rows(), split.train().cols()).toString());
    }
    output.print(s);
    return 0;
  }

  /** CPU time of the whole process (all threads), ns; -1 where the JVM cannot tell. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private Path receptiveFields(StdpDigits.Result r, int rows, int cols) {
    StdpNetwork net = r.network();
    int n = net.neurons();
    List<double[][]> ims = new ArrayList<>();
    List<String> caps = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      double[][] im = new double[rows][cols];
      for (int i = 0; i < rows * cols; i++) {
        im[i / cols][i % cols] = net.weight(i, j);
      }
      ims.add(im);
      caps.add(r.assignments()[j] < 0 ? "-" : Integer.toString(r.assignments()[j]));
    }
    int columns = (int) Math.ceil(Math.sqrt(n));
    return Plotter.imageGrid(output.plotFile("stdp_receptive_fields"),
        "Learned receptive fields (input weights) of the " + n + " excitatory neurons, with their labels", ims,
        columns, caps);
  }
}
