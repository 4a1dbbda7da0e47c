package org.neuristor.device.characterize;

import java.util.ArrayList;
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
import org.neuristor.device.ModelType;

/**
 * Seeded corpus of randomly parameterized 1TS-1C circuits (V_in -&gt; R_in -&gt; node m; C from m to
 * ground; the device from m to ground) over every registered device model, with parameters drawn
 * from the physical ranges each type declares ({@link ModelType#corpus()}); each case also renders as a netlist ({@code N} line + {@code .model}) so other
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

  /**
   * The first n cases of the corpus generated from seed: case i uses the i-th registered device type
   * in turn (every type, plug-ins included), its parameters and bench drawn by the type's own corpus
   * recipe ({@link ModelType#corpus()}), DC or pulsed input at random.
   */
  public static List<Case> cases(long seed, int n) {
    List<ModelType> types = DeviceRegistry.types();
    SplittableRandom r = new SplittableRandom(seed);
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ModelType t = types.get(i % types.size());
      SplittableRandom ri = r.split();
      ModelType.CorpusDraw d = t.corpus().draw(ri);
      out.add(new Case(i, t.type(), d.params(), d.vinVolts(), d.rinOhm(), d.capFarads(), d.tstopSeconds(),
          ri.nextBoolean()));
    }
    return out;
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
