package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.measure.Trace;

/**
 * Runs one neuron of a model under a stimulus and records a {@link Trace} in SI units: axis
 * {@code time} (s), signals {@code v} (V), {@code i} (the stimulus; A, or A/m^2 for HH, or
 * Izhikevich's dimensionless I) and the model's state variables ({@code w} in A, {@code u},
 * {@code m}, {@code h}, {@code n}, ...). Row k is the state after step k (time k dt); in the step
 * where a neuron fires, {@code v} shows the spike's peak (v_peak for AdEx and Izhikevich, as the
 * author's figure draws 30 mV; v_th for IF and LIF) instead of the reset value, so plots show
 * spikes; HH shows its real trajectory.
 */
public final class NeuronSimulation {
  private NeuronSimulation() {}

  /**
   * The outcome of a single-neuron run.
   *
   * @param model the model and its parameters
   * @param method integration method used
   * @param dtMs time step (ms)
   * @param trace recorded signals (SI)
   * @param spikeTimesSeconds all spike times (s), as the kernel emitted them
   * @param finalState state after the last step, SI values keyed {@code name_unit} ({@code v_V})
   */
  public record Result(NeuronModel model, Method method, double dtMs, Trace trace, double[] spikeTimesSeconds,
      Map<String, Double> finalState) {

    /** Spike times in ms. */
    public double[] spikeTimesMs() {
      double[] s = new double[spikeTimesSeconds.length];
      for (int k = 0; k < s.length; k++) {
        s[k] = spikeTimesSeconds[k] * 1e3;
      }
      return s;
    }
  }

  /**
   * Simulates {@code durationMs} (rounded to whole steps) recording every {@code recordEvery}-th
   * step. The kernel runs in SI: step k starts at {@code k dt} seconds with the stimulus sampled
   * there and converted to the kernel's input unit.
   */
  public static Result run(NeuronModel model, Stimulus stimulus, double durationMs, double dtMs, Method method,
      Noise noise, long seed, int recordEvery) {
    if (!(durationMs > 0) || !Double.isFinite(durationMs)) {
      throw new ModelParameterException("duration", "duration must be > 0, got " + durationMs + " ms");
    }
    if (recordEvery < 1) {
      throw new ModelParameterException("record", "record interval must be >= 1 step");
    }
    NeuronKernel p = model.kernel(1, dtMs, method, noise, seed);
    long steps = Math.round(durationMs / dtMs);
    if (steps > 500_000_000L) {
      // the count as a double: a long saturates (a dt of 1e-300 s said 9223372036854775807 steps)
      throw new ModelParameterException("dt", String.format(java.util.Locale.ROOT,
          "duration/dt = %.3g steps is too many for one run (at most 5e8)", durationMs / dtMs));
    }
    List<StateVariable> vars = p.stateVariables();
    List<String> names = new ArrayList<>();
    names.add("v");
    names.add("i");
    for (StateVariable sv : vars) {
      if (!sv.name().equals("v")) {
        names.add(sv.name());
      }
    }
    double iToSi = model.kind().currentToSi();
    double peak = model.kind().descriptor().spikeMarkMv(model);
    Trace.Builder tb = new Trace.Builder("time", names);
    double[] row = new double[names.size()];
    double i0 = stimulus.at(0);
    fill(row, p, vars, i0 * iToSi, Double.NaN);
    tb.addRow(0, row);
    double dt = dtMs * 1e-3;
    double[] input = new double[1];
    Spikes out = new Spikes(16);
    double[] spikes = new double[16];
    int count = 0;
    for (long k = 0; k < steps; k++) {
      double t0 = k * dtMs;
      double in = stimulus.at(t0);
      if (!Double.isFinite(in)) {
        throw new ModelParameterException("stim", "stimulus is not finite at t = " + t0 + " ms");
      }
      input[0] = in * iToSi;
      out.clear();
      p.step(k * dt, dt, input, out);
      boolean fired = out.count() > 0;
      for (int s = 0; s < out.count(); s++) {
        if (count == spikes.length) {
          spikes = java.util.Arrays.copyOf(spikes, 2 * count);
        }
        spikes[count++] = out.time(s);
      }
      if (!Double.isFinite(p.membrane()[0])) {
        throw new org.neuristor.NeuristorException(model.kind().cliName() + ": membrane potential diverged at t = "
            + (t0 + dtMs) + " ms (reduce dt)", 3);
      }
      if ((k + 1) % recordEvery == 0 || k == steps - 1) {
        fill(row, p, vars, in * iToSi, fired ? peak : Double.NaN);
        tb.addRow((k + 1) * dt, row);
      }
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    for (StateVariable sv : vars) {
      fin.put(sv.unit().equals("1") ? sv.name() : sv.name() + "_" + sv.unit().replace("/", "_per_"), sv.values()[0]);
    }
    Method used = p instanceof PointNeuronKernel pk ? pk.method() : method;
    return new Result(model, used, dtMs, tb.build(), java.util.Arrays.copyOf(spikes, count), fin);
  }

  /** A noise-free run with the default method, recording every step. */
  public static Result run(NeuronModel model, Stimulus stimulus, double durationMs, double dtMs) {
    return run(model, stimulus, durationMs, dtMs, model.kind().defaultMethod(), Noise.NONE, 0, 1);
  }

  /** Spike times (ms) only, without recording a trace. */
  public static double[] spikeTimesMs(NeuronModel model, Stimulus stimulus, double durationMs, double dtMs,
      Method method) {
    return spikeTimesMs(model, stimulus, durationMs, dtMs, method, null);
  }

  /** Receives the membrane potential as {@link #run} records it (V; the spike's mark in the step it fires) at t (s). */
  @FunctionalInterface
  public interface MembraneObserver {
    void sample(double tSeconds, double vVolts);
  }

  /**
   * Spike times (ms) without recording a trace; {@code observer} (when not null) sees every sample {@link #run} would
   * record with a record interval of 1: at t = 0 and after each step.
   */
  public static double[] spikeTimesMs(NeuronModel model, Stimulus stimulus, double durationMs, double dtMs,
      Method method, MembraneObserver observer) {
    NeuronKernel p = model.kernel(1, dtMs, method, Noise.NONE, 0);
    long steps = Math.round(durationMs / dtMs);
    double dt = dtMs * 1e-3;
    double toSi = model.kind().currentToSi();
    double peakVolts = model.kind().descriptor().spikeMarkMv(model) * 1e-3;
    double[] input = new double[1];
    Spikes out = new Spikes(16);
    double[] spikes = new double[16];
    int count = 0;
    if (observer != null) {
      observer.sample(0, p.membrane()[0]);
    }
    for (long k = 0; k < steps; k++) {
      input[0] = stimulus.at(k * dtMs) * toSi;
      out.clear();
      p.step(k * dt, dt, input, out);
      for (int s = 0; s < out.count(); s++) {
        if (count == spikes.length) {
          spikes = java.util.Arrays.copyOf(spikes, 2 * count);
        }
        spikes[count++] = out.time(s) * 1e3;
      }
      if (observer != null) {
        observer.sample((k + 1) * dt, out.count() > 0 && !Double.isNaN(peakVolts) ? peakVolts : p.membrane()[0]);
      }
    }
    return java.util.Arrays.copyOf(spikes, count);
  }

  private static void fill(double[] row, NeuronKernel p, List<StateVariable> vars, double iSi, double spikePeakMv) {
    row[0] = Double.isNaN(spikePeakMv) ? p.membrane()[0] : spikePeakMv * 1e-3;
    row[1] = iSi;
    int k = 2;
    for (StateVariable sv : vars) {
      if (!sv.name().equals("v")) {
        row[k++] = sv.values()[0];
      }
    }
  }
}
