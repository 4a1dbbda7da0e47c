package org.neuristor.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.neuristor.analysis.SpikeFeatures;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Stimulation protocols on library circuits: the f-I (here f-V) curve with its rheobase, and the
 * paired-pulse refractory period (physics.md 4.0). Independent runs execute in parallel.
 */
public final class Protocols {
  private Protocols() {}

  /** One point of an f-V curve. */
  public record RatePoint(double input, double rateHz, int spikes) {}

  /** The f-V curve and the smallest input that fired (NaN if none). */
  public record FvCurve(List<RatePoint> points, double rheobase) {}

  /** Runs the circuit once with parameters and an optional input source; returns its trace. */
  public static Trace run(NeuronCircuit c, Map<String, String> params, String input) {
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(c.netlist(params, input), c.name() + ".cir");
    return Simulation.run(cc.circuit(), cc.analyses().get(0), cc.saves(), null).trace();
  }

  /** Firing rate against a constant input {@code vin} over the given values. */
  public static FvCurve fv(NeuronCircuit c, double[] inputs, Map<String, String> params) {
    RatePoint[] pts = new RatePoint[inputs.length];
    IntStream.range(0, inputs.length).parallel().forEach(k -> {
      Map<String, String> p = new java.util.LinkedHashMap<>(params);
      p.put("vin", String.format(Locale.ROOT, "%.9g", inputs[k]));
      SpikeFeatures f = c.features(run(c, p, null));
      pts[k] = new RatePoint(inputs[k], f.rateHz(), f.spikeTimes().length);
    });
    double rheo = Double.NaN;
    for (RatePoint r : pts) {
      if (r.spikes() >= 2) {
        rheo = r.input();
        break;
      }
    }
    return new FvCurve(List.of(pts), rheo);
  }

  /** Result of the paired-pulse protocol at one gap. */
  public record PairedPulse(double gapSeconds, int spikes, double secondAmplitude) {}

  /**
   * Two identical pulses (amplitude, width), the second starting {@code gap} after the end of the
   * first; counts spikes of the circuit's firing device.
   */
  public static List<PairedPulse> pairedPulse(NeuronCircuit c, String stateSignal, double amp, double width,
      double[] gaps, Map<String, String> params) {
    PairedPulse[] out = new PairedPulse[gaps.length];
    IntStream.range(0, gaps.length).parallel().forEach(k -> {
      double t1 = 10e-9;
      double e = 1e-12;
      double t2 = t1 + width + 2 * e + gaps[k];
      String src = String.format(Locale.ROOT, "pwl(0 0 %s 0 %s %s %s %s %s 0 %s 0 %s %s %s %s %s 0)", t1, t1 + e,
          amp, t1 + e + width, amp, t1 + 2 * e + width, t2, t2 + e, amp, t2 + e + width, amp, t2 + 2 * e + width);
      Trace t = run(c, params, src);
      double[] sp = SpikeFeatures.crossings(t, stateSignal, stateSignal.equals(c.spikeState()) ? c.spikeLevel() : 0.5);
      double[] y = t.get(c.output());
      double[] a = t.axis();
      double second = 0;
      for (int i = 0; i < a.length; i++) {
        if (a[i] >= t2) {
          second = Math.max(second, y[i] - y[0]);
        }
      }
      out[k] = new PairedPulse(gaps[k], sp.length, second);
    });
    return new ArrayList<>(List.of(out));
  }
}
