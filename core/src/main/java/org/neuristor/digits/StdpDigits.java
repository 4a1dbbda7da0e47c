package org.neuristor.digits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.neuristor.device.PulseProgrammedSynapse;

/**
 * Unsupervised digit recognition with {@link StdpNetwork} (Diehl and Cook 2015): train by STDP on
 * the training digits (shuffled every epoch), present the training digits again to the frozen
 * network and label every excitatory neuron with the class it responds to most (mean spike count
 * per class), then classify each test digit as the class whose labelled neurons fire most on
 * average (a tie, e.g. no labelled neuron firing: no class, counted as wrong and reported, {@link Vote}).
 *
 * <p>Energy per inference: a read of the input row at every input spike, {@code V_read^2 t_read
 * sum_j G_ij} (V_read 0.5 V, t_read 10 ns; ideal weights counted as G = G_min + w (G_max - G_min) of
 * the NeuroSim range) plus {@code E_spike} per excitatory and inhibitory spike (the 1TS-1C neuron
 * at C = 2 fF, 1.68 fJ, as in the digits pipeline). Programming energy is the crossbar's count of
 * every pulse (initial weights and learning).
 */
public final class StdpDigits {
  private StdpDigits() {}

  /** Read voltage (V) and pulse width (s) of one input-spike row read, for the energy estimate. */
  public static final double READ_VOLTS = 0.5;
  public static final double READ_SECONDS = 10e-9;
  /** Energy per neuron spike (J): the 1TS-1C neuron's 0.84 nJ at 1 nF scaled to 2 fF. */
  public static final double SPIKE_JOULES = 0.84e-9 * 2e-15 / 1e-9;

  /** Outcome of a run. */
  public record Result(StdpNetwork network, Vote.Tally tally, int[] predicted, int[] assignments,
      double inputSpikesPerInference, double excSpikesPerInference, double inhSpikesPerInference,
      double readEnergyPerInference, double neuronEnergyPerInference, double programmingEnergyJoules,
      long programmingPulses, long learningPulsesUp, long learningPulsesDown, long trainPresentations,
      double trainSeconds, double labelSeconds, double testSeconds) implements Vote.Classified {
    public double energyPerInference() {
      return readEnergyPerInference + neuronEnergyPerInference;
    }
  }

  /** Progress phases: training presentations, labelling and test responses. */
  public interface Progress {
    void train(long done);

    void label(long done);

    void test(long done);
  }

  /**
   * Trains, labels and tests.
   *
   * @param device synapse device, or null for ideal weights
   * @param epochs passes over the training set
   */
  public static Result run(Dataset train, Dataset test, StdpNetwork.Params params, PulseProgrammedSynapse.Params device,
      int epochs, long seed, int threads, Progress progress) {
    long t0 = System.nanoTime();
    StdpNetwork net = new StdpNetwork(train.features(), params, device, seed);
    int nTrain = train.size();
    long done = 0;
    for (int e = 0; e < epochs; e++) {
      int[] order = Mlp.epochOrder(nTrain, seed, 46, e);
      for (int k = 0; k < nTrain; k++) {
        net.learn(train.images()[order[k]]);
        done++;
        if (progress != null) {
          progress.train(done);
        }
      }
    }
    long t1 = System.nanoTime();
    int n = params.neurons();
    int classes = Math.max(train.classes(), test.classes());
    Responses lab = responses(net, train, 1L << 40, threads, progress == null ? null : progress::label);
    double[][] mean = new double[classes][n];
    int[] perClass = new int[classes];
    for (int s = 0; s < nTrain; s++) {
      int c = train.labels()[s];
      perClass[c]++;
      for (int j = 0; j < n; j++) {
        mean[c][j] += lab.counts[s][j];
      }
    }
    int[] assign = new int[n];
    for (int j = 0; j < n; j++) {
      int best = -1;
      double bestRate = 0;
      for (int c = 0; c < classes; c++) {
        double rate = perClass[c] > 0 ? mean[c][j] / perClass[c] : 0;
        if (rate > bestRate) {
          bestRate = rate;
          best = c;
        }
      }
      assign[j] = best;
    }
    long t2 = System.nanoTime();
    Responses res = responses(net, test, 2L << 40, threads, progress == null ? null : progress::test);
    int[] assigned = new int[classes];
    for (int a : assign) {
      if (a >= 0) {
        assigned[a]++;
      }
    }
    int[] pred = new int[test.size()];
    double readE = 0;
    for (int s = 0; s < test.size(); s++) {
      double[] score = new double[classes];
      for (int j = 0; j < n; j++) {
        if (assign[j] >= 0) {
          score[assign[j]] += res.counts[s][j];
        }
      }
      for (int c = 0; c < classes; c++) {
        score[c] = assigned[c] > 0 ? score[c] / assigned[c] : 0;
      }
      pred[s] = Vote.winner(score, null);
      readE += res.readWeight[s];
    }
    Vote.Tally tally = Vote.tally(pred, test.labels(), classes);
    long t3 = System.nanoTime();
    double m = test.size();
    double in = res.totals[0] / m;
    double exc = res.totals[1] / m;
    double inh = res.totals[2] / m;
    double v2t = READ_VOLTS * READ_VOLTS * READ_SECONDS;
    double prog = net.crossbar() == null ? 0 : net.crossbar().programmingEnergyJoules();
    long pulses = net.crossbar() == null ? 0 : net.crossbar().pulses();
    long[] lp = net.learningPulses();
    return new Result(net, tally, pred, assign, in, exc, inh, readE / m * v2t, (exc + inh) * SPIKE_JOULES,
        prog, pulses, lp[0], lp[1], net.presentations(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
  }

  /** Row read conductance sum_j G_ij of every input (S). */
  static double[] rowConductances(StdpNetwork net) {
    int nIn = net.inputs();
    int n = net.neurons();
    double[] out = new double[nIn];
    double gMin = PulseProgrammedSynapse.Params.neurosimAgSi().gMinSiemens();
    double gMax = PulseProgrammedSynapse.Params.neurosimAgSi().gMaxSiemens();
    for (int i = 0; i < nIn; i++) {
      double s = 0;
      if (net.crossbar() != null) {
        double[] g = net.crossbar().conductances();
        for (int j = 0; j < n; j++) {
          s += g[2 * (i * n + j)];
        }
      } else {
        for (int j = 0; j < n; j++) {
          s += gMin + net.weight(i, j) * (gMax - gMin);
        }
      }
      out[i] = s;
    }
    return out;
  }

  private record Responses(int[][] counts, long[] totals, double[] readWeight) {}

  private static final int BLOCK = 25;

  private static Responses responses(StdpNetwork net, Dataset d, long keyBase, int threads, LongConsumer progress) {
    int size = d.size();
    int[][] counts = new int[size][net.neurons()];
    long[][] per = new long[size][];
    double[] readW = new double[size];
    net.readConductances(rowConductances(net));
    AtomicLong done = new AtomicLong();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int from = 0; from < size; from += BLOCK) {
      final int a = from;
      final int b = Math.min(size, from + BLOCK);
      tasks.add(() -> {
        Object st = net.newState();
        for (int s = a; s < b; s++) {
          per[s] = net.respond(st, d.images()[s], keyBase + s, counts[s]);
          readW[s] = net.rowReadConductance(st);
          long k = done.incrementAndGet();
          if (progress != null) {
            synchronized (progress) {
              progress.accept(k);
            }
          }
        }
        return null;
      });
    }
    org.neuristor.network.CrossbarClassifier.runAll(tasks, threads);
    long[] totals = new long[3];
    for (long[] q : per) {
      for (int k = 0; k < 3; k++) {
        totals[k] += q[k];
      }
    }
    return new Responses(counts, totals, readW);
  }
}
