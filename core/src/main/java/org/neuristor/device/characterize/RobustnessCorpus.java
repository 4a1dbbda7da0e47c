package org.neuristor.device.characterize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.neuristor.device.DeviceRegistry;

/**
 * Seeded corpus of randomly parameterized 1TS-1C circuits (V_in -&gt; R_in -&gt; node m; C from m to
 * ground; the device from m to ground) over every device model, with parameters drawn from
 * physical ranges; each case also renders as a netlist ({@code N} line + {@code .model}) so other
 * simulators can be run on the same circuits. Used by the robustness test and the bench command.
 */
public final class RobustnessCorpus {
  private RobustnessCorpus() {}

  /**
   * One circuit of the corpus.
   *
   * @param index position in the corpus
   * @param type device model type
   * @param params device parameters (validated by the registry)
   * @param vinVolts source amplitude (a pulse train when {@code pulsed})
   * @param rinOhm series input resistor
   * @param capFarads membrane capacitor
   * @param tstopSeconds transient length
   * @param pulsed whether the input is a pulse train instead of DC
   */
  public record Case(int index, String type, Map<String, Double> params, double vinVolts, double rinOhm,
      double capFarads, double tstopSeconds, boolean pulsed) {

    /** The case as an ngspice-style netlist using our {@code N} device line. */
    public String netlist() {
      StringBuilder sb = new StringBuilder();
      sb.append("* robustness corpus case ").append(index).append(" (").append(type).append(")\n");
      if (pulsed) {
        sb.append(String.format(Locale.ROOT, "vin in 0 PULSE(0 %.6g 0 %.6g %.6g %.6g %.6g)%n", vinVolts,
            tstopSeconds / 400, tstopSeconds / 400, tstopSeconds / 20, tstopSeconds / 10));
      } else {
        sb.append(String.format(Locale.ROOT, "vin in 0 DC %.6g%n", vinVolts));
      }
      sb.append(String.format(Locale.ROOT, "rin in m %.6g%ncm m 0 %.6g%nn1 m 0 dev%n.model dev %s (", rinOhm, capFarads, type));
      params.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.8g", k, v)));
      sb.append(String.format(Locale.ROOT, " )%n.tran %.6g %.6g uic%n.end%n", tstopSeconds / 1000, tstopSeconds));
      return sb.toString();
    }

    /** The case as a circuit. */
    public Circuit circuit(long seed) {
      Waveform w = pulsed
          ? new Waveform.Pulse(0, vinVolts, 0, tstopSeconds / 400, tstopSeconds / 400, tstopSeconds / 20, tstopSeconds / 10, 0)
          : new Waveform.Dc(vinVolts);
      return Circuit.builder("corpus " + index)
          .add(new VoltageSource("vin", "in", "0", w))
          .add(new Resistor("rin", "in", "m", rinOhm))
          .add(new Capacitor("cm", "m", "0", capFarads))
          .add(DeviceRegistry.create(type, "n1", List.of("m", "0"), params, seed + index))
          .build();
    }
  }

  /** Outcome of one case. */
  public record Outcome(Case c, boolean ok, long accepted, long rejected, String error) {}

  private static final String[] TYPES = {"ts", "diffusive", "ots", "mott", "vo2", "proton2", "synapse"};

  /** The first n cases of the corpus generated from seed. */
  public static List<Case> cases(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(next(i, TYPES[i % TYPES.length], r.split()));
    }
    return out;
  }

  private static double logU(SplittableRandom r, double lo, double hi) {
    return lo * Math.exp(r.nextDouble() * Math.log(hi / lo));
  }

  private static double u(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  private static Case next(int i, String type, SplittableRandom r) {
    Map<String, Double> p = new LinkedHashMap<>();
    double vin;
    double rin;
    double cap;
    double tstop;
    switch (type) {
      case "ts", "diffusive", "ots" -> {
        double vth = u(r, 0.3, 3);
        p.put("vth", vth);
        p.put("vhold", vth * u(r, 0.1, 0.8));
        double ron = logU(r, 100, 1e4);
        p.put("ron", ron);
        p.put("roff", ron * logU(r, 1e2, 1e6));
        double ton = logU(r, 1e-9, 1e-6);
        p.put("tauon", ton);
        p.put("tauoff", ton * logU(r, 2, 100));
        p.put("delta", u(r, 1e-3, 5e-3));
        p.put("c2c", u(r, 0, 0.05));
        if (type.equals("diffusive")) {
          p.put("v0", u(r, 0.03, 0.1));
          p.put("sdelay", r.nextDouble());
        }
        if (type.equals("ots")) {
          p.put("i0", logU(r, 1e-12, 1e-8));
          p.put("va", u(r, 0.2, 0.5));
          p.put("von", p.get("vhold") * u(r, 0.3, 0.9));
        }
        vin = vth * u(r, 0.5, 4);
        rin = logU(r, 1e3, 1e6);
        cap = logU(r, 1e-12, 1e-8);
        tstop = Math.min(Math.max(20 * rin * cap, 50 * p.get("tauoff")), 1e-2);
      }
      case "mott" -> {
        p.put("ri0", logU(r, 5e3, 50e3));
        p.put("rm", u(r, 200, 1000));
        p.put("rth", logU(r, 1e6, 1e7));
        p.put("cth", logU(r, 3e-17, 3e-16));
        p.put("ea", u(r, 0.02, 0.1));
        p.put("w", u(r, 2, 10));
        vin = u(r, 0.3, 3);
        rin = logU(r, 1e3, 50e3);
        cap = logU(r, 1e-14, 1e-11);
        tstop = Math.min(Math.max(20 * rin * cap, 20e-9), 1e-5);
      }
      case "vo2" -> {
        p.put("cth", 49.62776831e-12 * logU(r, 0.5, 2));
        p.put("sth", 0.20558726e-3 * u(r, 0.8, 1.2));
        p.put("t0", u(r, 300, 330));
        vin = u(r, 5, 20);
        rin = logU(r, 3e3, 30e3);
        cap = logU(r, 10e-12, 500e-12);
        tstop = 30e-6;
      }
      case "proton2" -> {
        p.put("gmin", logU(r, 1e-7, 1e-5));
        p.put("gmax", p.get("gmin") * logU(r, 10, 1000));
        p.put("v0", u(r, 0.2, 0.5));
        p.put("tauc", logU(r, 1e-4, 1e-2));
        p.put("tauw", logU(r, 1e-2, 1));
        vin = u(r, 0.2, 2);
        rin = logU(r, 1e3, 1e6);
        cap = logU(r, 1e-12, 1e-8);
        tstop = 20e-3;
      }
      default -> {
        double ron = logU(r, 50, 1e4);
        p.put("ron", ron);
        p.put("roff", ron * logU(r, 10, 1e3));
        p.put("w0", r.nextDouble());
        p.put("iv", r.nextBoolean() ? 1.0 : 0.0);
        vin = u(r, -2, 2);
        rin = logU(r, 10, 1e4);
        cap = logU(r, 1e-13, 1e-10);
        tstop = 1e-6;
      }
    }
    return new Case(i, type, Map.copyOf(p), vin, rin, cap, tstop, r.nextBoolean());
  }

  /**
   * Runs one case: a transient from rest (capacitor discharged, devices in their initial state, as
   * {@code uic}); S-shaped devices have several DC operating points, so a DC solve does not define the start.
   */
  public static Outcome run(Case c, long seed) {
    try {
      TransientAnalysis.Result res = new TransientAnalysis(c.tstopSeconds() / 1000, c.tstopSeconds(), 0, Double.NaN, true)
          .maxSteps(2_000_000).run(new MnaSystem(c.circuit(seed)), List.of("v(m)"));
      for (double v : res.trace().get("v(m)")) {
        if (!Double.isFinite(v)) {
          return new Outcome(c, false, res.accepted(), res.rejected(), "non-finite voltage");
        }
      }
      return new Outcome(c, true, res.accepted(), res.rejected(), "");
    } catch (NeuristorException e) {
      return new Outcome(c, false, 0, 0, e.getMessage());
    }
  }
}
