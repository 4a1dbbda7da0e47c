package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.ModelParameterException;
import org.neuristor.NeuristorException;
import org.neuristor.analysis.Trace;

/**
 * Runs one biological reference neuron with a time-dependent stimulus and records its membrane
 * trace (time in s, v in V) and spike times: the engine behind {@code neuristor model run}. Each
 * model keeps its conventional units for the stimulus (LIF nA, HH uA/cm^2, AdEx pA, Izhikevich
 * dimensionless) and parameters; outputs are converted to SI at this edge.
 *
 * @param trace time (s) and {@code v} (V), sampled every step
 * @param spikeTimesSeconds spike times (s)
 * @param finalState the model's state variables at the end, by name
 */
public record ModelRun(Trace trace, double[] spikeTimesSeconds, Map<String, Double> finalState) {

  /** Stimulus units per model, for help texts. */
  public static String stimulusUnit(String model) {
    return switch (model) {
      case "lif", "if" -> "nA";
      case "hh" -> "uA/cm2";
      case "adex" -> "pA";
      default -> "(dimensionless)";
    };
  }

  /**
   * @param model lif, if, hh, adex or izhikevich
   * @param params parameter overrides by name (model units)
   * @param stimulus input over time in ms, in the model's unit
   */
  public static ModelRun run(String model, Map<String, Double> params, DoubleUnaryOperator stimulus,
      double durationMs, double dtMs) {
    if (!(dtMs > 0) || !(durationMs > 0)) {
      throw NeuristorException.input("duration and dt must be > 0");
    }
    if (durationMs / dtMs > 5e7) {
      throw NeuristorException.input("duration/dt is more than 5e7 steps");
    }
    Map<String, Double> p = new LinkedHashMap<>(params);
    return switch (model.toLowerCase(Locale.ROOT)) {
      case "lif", "if" -> lif(model.equalsIgnoreCase("if"), p, stimulus, durationMs, dtMs);
      case "hh" -> hh(p, stimulus, durationMs, dtMs);
      case "adex" -> adex(p, stimulus, durationMs, dtMs);
      case "izhikevich" -> izh(p, stimulus, durationMs, dtMs);
      default -> throw NeuristorException.input("unknown model '" + model + "' (lif, if, hh, adex, izhikevich)");
    };
  }

  private static double take(Map<String, Double> p, String k, double def) {
    Double v = p.remove(k);
    return v == null ? def : v;
  }

  private static void noneLeft(String model, Map<String, Double> p) {
    if (!p.isEmpty()) {
      String k = p.keySet().iterator().next();
      throw new ModelParameterException(k, model + " has no parameter '" + k + "'");
    }
  }

  private static ModelRun finish(Trace.Builder tb, List<Double> spikes, Map<String, Double> fin) {
    return new ModelRun(tb.build(), spikes.stream().mapToDouble(d -> d / 1000).toArray(), fin);
  }

  private static ModelRun lif(boolean perfect, Map<String, Double> p, DoubleUnaryOperator stim, double dur,
      double dt) {
    Lif m = new Lif(take(p, "tau", perfect ? 1e12 : 10), take(p, "el", -70), take(p, "theta", -55),
        take(p, "vreset", -70), take(p, "tref", 2), take(p, "r", 10));
    noneLeft("lif", p);
    Lif.Population pop = m.population(1);
    double[] i = new double[1];
    double[] spike = new double[1];
    Trace.Builder tb = new Trace.Builder("time", List.of("v"));
    List<Double> spikes = new ArrayList<>();
    tb.add(0, pop.v[0] / 1000);
    long steps = Math.round(dur / dt);
    for (long k = 0; k < steps; k++) {
      i[0] = stim.applyAsDouble(k * dt);
      pop.step(dt, i, spike);
      if (!Double.isNaN(spike[0])) {
        spikes.add(k * dt + spike[0]);
      }
      tb.add((k + 1) * dt / 1000, pop.v[0] / 1000);
    }
    return finish(tb, spikes, Map.of("v_V", pop.v[0] / 1000));
  }

  private static ModelRun hh(Map<String, Double> p, DoubleUnaryOperator stim, double dur, double dt) {
    noneLeft("hh", p);
    if (dt > 0.05) {
      throw new ModelParameterException("dt", "hh: dt = " + dt + " ms is above the stable limit of RK4 here (0.05 ms)");
    }
    double v0 = HodgkinHuxley.restingPotential();
    double[] s = {v0, HodgkinHuxley.am(v0) / (HodgkinHuxley.am(v0) + HodgkinHuxley.bm(v0)),
        HodgkinHuxley.ah(v0) / (HodgkinHuxley.ah(v0) + HodgkinHuxley.bh(v0)),
        HodgkinHuxley.an(v0) / (HodgkinHuxley.an(v0) + HodgkinHuxley.bn(v0))};
    double[][] k = new double[4][4];
    double[] tmp = new double[4];
    Trace.Builder tb = new Trace.Builder("time", List.of("v"));
    List<Double> spikes = new ArrayList<>();
    tb.add(0, s[0] / 1000);
    long steps = Math.round(dur / dt);
    for (long n = 0; n < steps; n++) {
      double t = n * dt;
      double vOld = s[0];
      double[] c = {0, 0.5, 0.5, 1};
      for (int stage = 0; stage < 4; stage++) {
        for (int j = 0; j < 4; j++) {
          tmp[j] = s[j] + (stage == 0 ? 0 : c[stage] * dt * k[stage - 1][j]);
        }
        HodgkinHuxley.rhs(tmp, stim.applyAsDouble(t + c[stage] * dt), k[stage]);
      }
      for (int j = 0; j < 4; j++) {
        s[j] += dt / 6 * (k[0][j] + 2 * k[1][j] + 2 * k[2][j] + k[3][j]);
      }
      if (vOld < 0 && s[0] >= 0) {
        spikes.add(t + dt * (0 - vOld) / (s[0] - vOld));
      }
      tb.add((n + 1) * dt / 1000, s[0] / 1000);
    }
    return finish(tb, spikes, Map.of("v_V", s[0] / 1000, "m", s[1], "h", s[2], "n", s[3]));
  }

  private static ModelRun adex(Map<String, Double> p, DoubleUnaryOperator stim, double dur, double dt) {
    AdEx d = AdEx.REGULAR;
    AdEx m = new AdEx(take(p, "c", d.cPf()), take(p, "gl", d.glNs()), take(p, "el", d.elMv()), take(p, "vt", d.vtMv()),
        take(p, "deltat", d.deltaTMv()), take(p, "tauw", d.tauWMs()), take(p, "a", d.aNs()), take(p, "b", d.bPa()),
        take(p, "vr", d.vrMv()), take(p, "vpeak", d.vPeakMv()));
    noneLeft("adex", p);
    if (!(m.cPf() > 0)) {
      throw new ModelParameterException("c", "adex: capacitance must be > 0 pF, got " + m.cPf());
    }
    double v = m.elMv();
    double w = 0;
    Trace.Builder tb = new Trace.Builder("time", List.of("v", "w"));
    List<Double> spikes = new ArrayList<>();
    tb.add(0, v / 1000, w * 1e-12);
    long steps = Math.round(dur / dt);
    for (long n = 0; n < steps; n++) {
      double i = stim.applyAsDouble(n * dt);
      double[] r = m.midpointStep(v, w, i, dt);
      v = r[0];
      w = r[1];
      if (r[2] > 0) {
        spikes.add((n + 1) * dt);
      }
      tb.add((n + 1) * dt / 1000, v / 1000, w * 1e-12);
    }
    return finish(tb, spikes, Map.of("v_V", v / 1000, "w_A", w * 1e-12));
  }

  private static ModelRun izh(Map<String, Double> p, DoubleUnaryOperator stim, double dur, double dt) {
    Izhikevich m = new Izhikevich(take(p, "a", 0.02), take(p, "b", 0.2), take(p, "c", -65), take(p, "d", 8), "");
    double v0 = take(p, "v0", -65);
    noneLeft("izhikevich", p);
    double v = v0;
    double u = m.b() * v0;
    Trace.Builder tb = new Trace.Builder("time", List.of("v", "u"));
    List<Double> spikes = new ArrayList<>();
    long steps = Math.round(dur / dt);
    for (long n = 0; n <= steps; n++) {
      double t = n * dt;
      double i = stim.applyAsDouble(t);
      v = v + dt * (0.04 * v * v + 5 * v + 140 - u + i);
      u = u + dt * m.a() * (m.b() * v - u);
      if (v > 30) {
        spikes.add(t);
        tb.add(t / 1000, 0.030, u);
        v = m.c();
        u = u + m.d();
      } else {
        tb.add(t / 1000, v / 1000, u);
      }
    }
    return finish(tb, spikes, Map.of("v_V", v / 1000, "u", u));
  }
}
