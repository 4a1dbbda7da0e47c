package org.neuristor.neuron;

import java.util.List;
import java.util.Map;
import org.neuristor.measure.FiringPattern;

/**
 * The 20 firing patterns of Izhikevich (IEEE TNN 15, 1063 (2004), Fig. 1) with the parameters and
 * stimulus protocols of the author's figure1.m (physics.md Table 2.5-A), each run with the author's
 * Euler scheme ({@link Method#AUTHOR_EULER}) on the grid {@code t_i = i tau, i = 0..T/tau}, so the
 * spike counts and times reproduce Table 2.5-B.
 */
public final class IzhikevichPatterns {
  private IzhikevichPatterns() {}

  /**
   * One pattern of the catalogue.
   *
   * @param id letter A..T as in the figure
   * @param expected the class the pattern illustrates
   * @param model Izhikevich model with the pattern's a, b, c, d (and k1, k0, v_u, u_leak variants)
   *     and initial state
   * @param tauMs the author's time step (ms)
   * @param durationMs the protocol's T (ms)
   * @param stimulus I(t), strict inequalities as in figure1.m
   */
  public record Pattern(String id, FiringPattern expected, NeuronModel model, double tauMs, double durationMs,
      Stimulus stimulus) {

    public String name() {
      return expected.label();
    }

    /** Runs the protocol: T/tau + 1 steps of the author's scheme, every step recorded. */
    public NeuronSimulation.Result run() {
      return NeuronSimulation.run(model, stimulus, durationMs + tauMs, tauMs, Method.AUTHOR_EULER, Noise.NONE, 0, 1);
    }
  }

  private static boolean in(double t, double a, double b) {
    return t > a && t < b;
  }

  private static Pattern p(String id, FiringPattern fp, double a, double b, double c, double d, double v0,
      double tau, double tMax, Stimulus s, Map<String, Double> extra) {
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>(
        Map.of("a", a, "b", b, "c", c, "d", d, "v0", v0));
    m.putAll(extra);
    return new Pattern(id, fp, NeuronModel.of(ModelKind.IZHIKEVICH, m), tau, tMax, s);
  }

  /** The 20 patterns A..T in the figure's order. */
  public static List<Pattern> all() {
    Map<String, Double> none = Map.of();
    Map<String, Double> class1 = Map.of("k1", 4.1, "k0", 108.0);
    double l1 = 100.0 / 11;
    return List.of(
        p("A", FiringPattern.TONIC_SPIKING, 0.02, 0.2, -65, 6, -70, 0.25, 100, t -> t > 10 ? 14 : 0, none),
        p("B", FiringPattern.PHASIC_SPIKING, 0.02, 0.25, -65, 6, -64, 0.25, 200, t -> t > 20 ? 0.5 : 0, none),
        p("C", FiringPattern.TONIC_BURSTING, 0.02, 0.2, -50, 2, -70, 0.25, 220, t -> t > 22 ? 15 : 0, none),
        p("D", FiringPattern.PHASIC_BURSTING, 0.02, 0.25, -55, 0.05, -64, 0.2, 200, t -> t > 20 ? 0.6 : 0, none),
        p("E", FiringPattern.MIXED_MODE, 0.02, 0.2, -55, 4, -70, 0.25, 160, t -> t > 16 ? 10 : 0, none),
        p("F", FiringPattern.SPIKE_FREQUENCY_ADAPTATION, 0.01, 0.2, -65, 8, -70, 0.25, 85, t -> t > 8.5 ? 30 : 0,
            none),
        p("G", FiringPattern.CLASS_1_EXCITABLE, 0.02, -0.1, -55, 6, -60, 0.25, 300,
            t -> t > 30 ? 0.075 * (t - 30) : 0, class1),
        p("H", FiringPattern.CLASS_2_EXCITABLE, 0.2, 0.26, -65, 0, -64, 0.25, 300,
            t -> t > 30 ? -0.5 + 0.015 * (t - 30) : -0.5, none),
        p("I", FiringPattern.SPIKE_LATENCY, 0.02, 0.2, -65, 6, -70, 0.2, 100, t -> in(t, 10, 13) ? 7.04 : 0, none),
        p("J", FiringPattern.SUBTHRESHOLD_OSCILLATIONS, 0.05, 0.26, -60, 0, -62, 0.25, 200,
            t -> in(t, 20, 25) ? 2 : 0, none),
        p("K", FiringPattern.RESONATOR, 0.1, 0.26, -60, -1, -62, 0.25, 400,
            t -> in(t, 40, 44) || in(t, 60, 64) || in(t, 280, 284) || in(t, 320, 324) ? 0.65 : 0, none),
        p("L", FiringPattern.INTEGRATOR, 0.02, -0.1, -55, 6, -60, 0.25, 100,
            t -> in(t, l1, l1 + 2) || in(t, l1 + 5, l1 + 7) || in(t, 70, 72) || in(t, 80, 82) ? 9 : 0, class1),
        p("M", FiringPattern.REBOUND_SPIKE, 0.03, 0.25, -60, 4, -64, 0.2, 200, t -> in(t, 20, 25) ? -15 : 0, none),
        p("N", FiringPattern.REBOUND_BURST, 0.03, 0.25, -52, 0, -64, 0.2, 200, t -> in(t, 20, 25) ? -15 : 0, none),
        p("O", FiringPattern.THRESHOLD_VARIABILITY, 0.03, 0.25, -60, 4, -64, 0.25, 100,
            t -> in(t, 10, 15) || in(t, 80, 85) ? 1 : in(t, 70, 75) ? -6 : 0, none),
        p("P", FiringPattern.BISTABILITY, 0.1, 0.26, -60, 0, -61, 0.25, 300,
            t -> in(t, 37.5, 42.5) || in(t, 216, 221) ? 1.24 : 0.24, none),
        p("Q", FiringPattern.DEPOLARIZING_AFTER_POTENTIAL, 1, 0.2, -60, -21, -70, 0.1, 50,
            t -> Math.abs(t - 10) < 1 ? 20 : 0, none),
        p("R", FiringPattern.ACCOMMODATION, 0.02, 1, -55, 4, -65, 0.5, 400,
            t -> t < 200 ? t / 25 : t < 300 ? 0 : t < 312.5 ? (t - 300) / 12.5 * 4 : 0,
            Map.of("u0", -16.0, "v_u", -65.0, "u_leak", 0.0)),
        p("S", FiringPattern.INHIBITION_INDUCED_SPIKING, -0.02, -1, -60, 8, -63.8, 0.5, 350,
            t -> t < 50 || t > 250 ? 80 : 75, none),
        p("T", FiringPattern.INHIBITION_INDUCED_BURSTING, -0.026, -1, -45, -2, -63.8, 0.5, 350,
            t -> t < 50 || t > 250 ? 80 : 75, none));
  }

  /** The pattern with letter {@code id} (A..T). */
  public static Pattern get(String id) {
    return all().stream().filter(p -> p.id().equalsIgnoreCase(id)).findFirst()
        .orElseThrow(() -> new org.neuristor.ModelParameterException("pattern", "unknown pattern '" + id + "' (A..T)"));
  }
}
