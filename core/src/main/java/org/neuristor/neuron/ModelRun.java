package org.neuristor.neuron;

import org.neuristor.measure.FiringPatternClassifier;
import org.neuristor.measure.MembraneOscillation;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;
import org.neuristor.util.Numbers;

/**
 * One run of a biological model under a stimulus with its spike features and firing-pattern label:
 * what {@code model run} prints and what a sweep collects.
 *
 * @param result the simulation (trace, spike times, final state)
 * @param features spike features of the kernel's own spikes (HH: with their shapes measured on v)
 * @param pattern firing-pattern label and reason (no label under noise or a periodic pulse train, see
 *     {@link FiringPatternClassifier#classifyRun}, nor when {@code oscillation} is not null)
 * @param oscillation for a model whose spikes are crossings of a level (HH's {@code v_spike}) and a run without
 *     noise: the membrane's oscillation in the run's second half that the level did not count ({@link
 *     MembraneOscillation#of}), else null
 */
public record ModelRun(NeuronSimulation.Result result, SpikeFeatures features, FiringPatternClassifier.Result pattern,
    MembraneOscillation oscillation) {

  /** The sum of the stimulus specs (see {@link Stimulus#parse}), or the default stimulus when there are none. */
  public static Stimulus stimulus(java.util.List<String> specs, ModelKind k) {
    Stimulus stim = null;
    for (String s : specs) {
      Stimulus one = Stimulus.parse(s, k.currentUnit());
      stim = stim == null ? one : stim.plus(one);
    }
    return stim == null ? defaultStimulus(k) : stim;
  }

  /**
   * Whether {@code stim} is 0 at every step of a run of {@code durMs} at {@code dtMs} (sampled at most 1,000,000
   * times): a stimulus given in seconds where milliseconds were meant ({@code t0=10} is 10 s) never starts.
   */
  public static boolean zeroThroughout(Stimulus stim, double durMs, double dtMs) {
    long steps = Math.round(durMs / dtMs);
    long every = Math.max(1, steps / 1_000_000);
    for (long k = 0; k <= steps; k += every) {
      if (stim.at(k * dtMs) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The sum of the noise specs (see {@link Noise#plus}); none gives {@link Noise#NONE}. */
  public static Noise noise(java.util.List<String> specs, ModelKind k) {
    Noise noise = Noise.NONE;
    for (String s : specs) {
      noise = noise.plus(s, k.currentUnit());
    }
    return noise;
  }

  /** The default stimulus of {@code model run}: a step from 10 ms of a model-typical amplitude. */
  public static Stimulus defaultStimulus(ModelKind k) {
    return Stimulus.step(k.descriptor().defaultStimulusAmplitude(), 10, Double.POSITIVE_INFINITY);
  }

  /**
   * Runs {@code m} for {@code durMs} at step {@code dtMs}; the step is checked against the method's
   * stability limit first. Traces are decimated to at most ~200,000 samples.
   */
  public static ModelRun run(NeuronModel m, Stimulus stim, double durMs, double dtMs, Method method, Noise noise,
      long seed) {
    m.checkStep(method, dtMs);
    NeuronSimulation.Result r = NeuronSimulation.run(m, stim, durMs, dtMs, method, noise, seed,
        recordEvery(durMs, dtMs));
    Trace t = r.trace();
    double[] spikes = r.spikeTimesSeconds();
    double onset = onset(t);
    // the kernel's own spikes (HH: upward crossings of v_spike, as NEURON's NetCon counts them) for every feature:
    // a second detector with its own hysteresis on the trace dropped the spikes that peak within 10 mV above
    // v_spike (HH above ~40 uA/cm2, or warmer than 6.3 degC) and printed a rate of 0 beside 19 spikes
    String level = m.kind().descriptor().spikeLevelParameter();
    SpikeFeatures f = level != null
        ? SpikeFeatures.analyze(t, "v", spikes, onset)
        : SpikeFeatures.fromSpikeTimes(spikes, onset);
    FiringPatternClassifier.Result pattern = FiringPatternClassifier.classifyRun(t, "i", "v", spikes,
        noise.isNone() ? null : "the run has a noise term, a random input");
    MembraneOscillation osc = level != null && noise.isNone() ? MembraneOscillation.of(t, "v", spikes) : null;
    if (osc != null) {
      // the spikes counted at the level are not the firing: a label from them ("phasic spiking, then silent") would
      // report a silence that did not happen
      pattern = new FiringPatternClassifier.Result(null, belowLevel(osc, level, m.get(level)), pattern.epochs());
    }
    return new ModelRun(r, f, pattern, osc);
  }

  /** The recording interval of {@link #run}: traces of at most ~200,000 samples. */
  private static int recordEvery(double durMs, double dtMs) {
    return (int) Math.max(1, Math.round(durMs / dtMs) / 200_000);
  }

  /**
   * One input of an f-I curve: the spike times (ms) of {@code m} from rest under the constant {@code input} for
   * {@code durMs}, and the membrane's oscillation below its spike level in the run's second half (where {@code model
   * fi} counts its rate; {@link MembraneOscillation#of}), null for a model without a spike level ({@link
   * ModelDescriptor#spikeLevelParameter}), at rest or with two or more spikes counted there. Both from one run, without
   * a trace: the membrane's samples after every step go through a {@link MembraneOscillation.Tracker}. Hodgkin-Huxley
   * between about 152 and 154.6 uA/cm2 oscillates with peaks below its -40 mV level.
   *
   * @param spikeTimesMs the kernel's spikes (ms)
   * @param oscillation the oscillation below the spike level in the second half, or null
   */
  public record FiRun(double[] spikeTimesMs, MembraneOscillation oscillation) {

    /** Runs {@code m} under the constant {@code input} (in the model's current unit); see {@link FiRun}. */
    public static FiRun of(NeuronModel m, double input, double durMs, double dtMs, Method method) {
      if (m.kind().descriptor().spikeLevelParameter() == null) {
        return new FiRun(NeuronSimulation.spikeTimesMs(m, Stimulus.constant(input), durMs, dtMs, method), null);
      }
      // the second half of the run's record: from half its last sample's time, (steps dt) / 2
      MembraneOscillation.Tracker osc = new MembraneOscillation.Tracker(0.5 * (Math.round(durMs / dtMs) * (dtMs
          * 1e-3)));
      double[] spikes = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(input), durMs, dtMs, method, osc::add);
      double[] seconds = java.util.Arrays.stream(spikes).map(t -> t * 1e-3).toArray();
      return new FiRun(spikes, osc.result(seconds));
    }
  }

  /**
   * The oscillation keys {@code model run} prints, the Studio's model run shows and a {@code sweep} model job
   * collects, in this order: {@code oscillation_hz}, {@code oscillation_peak_V}, {@code oscillation_trough_V}.
   */
  public static final java.util.List<String> OSCILLATION_KEYS = java.util.List.of("oscillation_hz",
      "oscillation_peak_V", "oscillation_trough_V");

  /**
   * The level at which {@code m} counts a spike (V; {@code spike_level_V} of {@code model run} and the Studio), or
   * null for a model that has none.
   */
  public static Double spikeLevelVolts(NeuronModel m) {
    String level = m.kind().descriptor().spikeLevelParameter();
    return level == null ? null : m.get(level) * 1e-3;
  }

  /**
   * This run's spike features as {@code model run --json} prints them, in its order (the Studio's model page shows the
   * same keys from this code): {@code spike_level_V} (for a model that has one), {@code rate_hz} (null with {@code
   * rate_reason} for one spike: no interval), {@code cv_isi}, {@code latency_s}, the first spike's shape ({@code
   * first_spike_*}, HH), the oscillation below the spike level ({@link #oscillationValues}) and {@code firing_pattern}
   * with its reason.
   *
   * @param m the model that ran
   */
  public void putFeatures(java.util.function.BiConsumer<String, Object> put, NeuronModel m) {
    Double level = spikeLevelVolts(m);
    if (level != null) {
      put.accept("spike_level_V", level);
    }
    if (features.spikeTimes().length == 1) {
      put.accept("rate_hz", null);
      put.accept("rate_reason", "one spike: no interval to measure a rate from");
    } else {
      put.accept("rate_hz", features.rateHz());
    }
    put.accept("cv_isi", features.cv());
    put.accept("latency_s", features.latencySeconds());
    if (!features.shapes().isEmpty()) {
      SpikeFeatures.SpikeShape sh = features.shapes().get(0);
      put.accept("first_spike_peak_V", sh.peak());
      put.accept("first_spike_amplitude_V", sh.amplitude());
      put.accept("first_spike_width_s", sh.width());
      put.accept("first_spike_rise_s", sh.riseTime());
      put.accept("first_spike_fall_s", sh.fallTime());
    }
    oscillationValues().forEach(put);
    put.accept("firing_pattern", pattern.label());
    put.accept("firing_pattern_reason", pattern.reason());
  }

  /** {@link #OSCILLATION_KEYS} with this run's values; empty when {@link #oscillation} is null. */
  public java.util.Map<String, Double> oscillationValues() {
    java.util.Map<String, Double> v = new java.util.LinkedHashMap<>();
    if (oscillation != null) {
      v.put(OSCILLATION_KEYS.get(0), oscillation.rateHz());
      v.put(OSCILLATION_KEYS.get(1), oscillation.peak());
      v.put(OSCILLATION_KEYS.get(2), oscillation.trough());
    }
    return v;
  }

  /** Why a run whose membrane oscillates below the spike level {@code name} = {@code levelMv} has no label. */
  static String belowLevel(MembraneOscillation o, String name, double levelMv) {
    return "the membrane still oscillates in the run's second half without reaching the spike level " + name + " = "
        + Numbers.plain(levelMv) + " mV: " + Numbers.plain(o.rateHz()) + " Hz between "
        + Numbers.plain(o.trough() * 1e3) + " and " + Numbers.plain(o.peak() * 1e3) + " mV (last cycle "
        + Numbers.plain(o.lastAmplitude() * 1e3) + " mV peak to peak, first of the second half "
        + Numbers.plain(o.firstAmplitude() * 1e3) + " mV" + (o.lastAmplitude() < 0.9 * o.firstAmplitude()
            ? ", shrinking: a longer run shows whether it lasts" : "") + "), not the silence the spikes counted "
        + "suggest (Hodgkin-Huxley: its spikes shrink towards depolarisation block as the input grows), so no label; "
        + "--param " + name + "=" + Math.round(0.5e3 * (o.peak() + o.trough())) + " counts its peaks";
  }

  /**
   * The run's trace with its stimulus {@code i} in the model's own current unit ({@link ModelKind#currentUnit}, what
   * {@code --stim}, {@code model fi} and the default stimulus are written in: uA/cm2 for HH, not the kernel's A/m2),
   * for plots; the trace itself and its CSV stay SI.
   */
  public static Trace stimulusInModelUnit(Trace t, ModelKind k) {
    java.util.Map<String, double[]> signals = new java.util.LinkedHashMap<>();
    double toSi = k.currentToSi();
    for (String name : t.names()) {
      double[] v = t.get(name);
      signals.put(name, name.equals("i") ? java.util.Arrays.stream(v).map(x -> x / toSi).toArray() : v);
    }
    return Trace.of(t.axisName(), t.axis(), signals);
  }

  /** First time the stimulus leaves its initial value (0 if it never does). */
  public static double onset(Trace t) {
    return t.onset("i");
  }
}
