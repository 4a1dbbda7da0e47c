package org.neuristor.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.IndependentSource;
import org.neuristor.circuit.element.Mosfet1;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.expr.SpiceNumber;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Energy per spike, size and speed of a library circuit (physics.md 4.0 and 5):
 *
 * <ul>
 *   <li>Supply energy per spike under the circuit's own stimulus (as {@code neuron run NAME}): the
 *       energy all sources deliver between the first and the last spike divided by the intervals
 *       (3 or more spikes), else the whole run's energy divided by the spikes. The run uses the
 *       trapezoidal rule with reltol 1e-4, and the bookkeeping is checked by Tellegen's theorem:
 *       sources = dissipation + stored energy ({@link #tellegenError}).
 *   <li>Static power: what the sources deliver at rest (input at 0 V, same record length); the
 *       dynamic energy per spike is the supply energy minus static power times the time per spike
 *       (the bias of a neuristor burns power through its off devices whether it fires or not).
 *   <li>Device count: memristive devices, transistors, resistors and capacitors of the netlist
 *       (independent sources not counted).
 *   <li>Maximum rate: the highest steady rate under DC inputs of 0.5 to 8 times the circuit's own
 *       input amplitude ({@code .param vin}), each over its own record length; null when no such
 *       input fires tonically (an input whose simulation fails numerically counts as not firing).
 *   <li>Scaled energy: multiplying every resistance by k and dividing every capacitance by k keeps
 *       the waveforms and divides energies by k (physics.md 4.0, exact for the TS-A switch when its
 *       time constants are kept; for thermal, protonic or phase-change devices the device's own time
 *       constants do not scale with it, so the scaled figure is an estimate). k takes the largest
 *       capacitor to {@link #NANO_CAPACITANCE}; a circuit without capacitors is not scaled.
 * </ul>
 *
 * @param circuit library circuit name
 * @param spikes spikes in the energy run
 * @param energyPerSpike supply energy per spike (J), NaN without spikes
 * @param staticPower source power at rest (W)
 * @param dynamicEnergyPerSpike energy per spike above the static power (J)
 * @param tellegenError |sources - dissipation - stored| / sources of the energy run
 * @param devices element counts: {@code memristive}, {@code transistors}, {@code resistors}, {@code capacitors}
 * @param maxRateHz highest steady DC rate (Hz), NaN when none
 * @param maxRateInput the DC input of that rate (V), NaN when none
 * @param largestCapacitance largest capacitor (F), 0 without capacitors
 * @param scaledEnergyPerSpike dynamic energy per spike scaled to {@link #NANO_CAPACITANCE} (J), NaN when not scaled
 */
public record SpikeEnergy(String circuit, int spikes, double energyPerSpike, double staticPower,
    double dynamicEnergyPerSpike, double tellegenError, Map<String, Integer> devices, double maxRateHz,
    double maxRateInput, double largestCapacitance, double scaledEnergyPerSpike) {

  /** The nanoscale capacitance the energies are scaled to (F): 1 fF, about 0.05 um^2 of 10 nm Ta2O5 (physics.md 5). */
  public static final double NANO_CAPACITANCE = 1e-15;

  /** DC inputs of the rate sweep, in units of the circuit's own input amplitude. */
  static final double[] RATE_LEVELS = {0.5, 1, 1.5, 2, 3, 4, 5, 6, 8};

  /** The scale factor k of the scaled energy (largest capacitance / 1 fF), NaN when not scaled. */
  public double scale() {
    return largestCapacitance > NANO_CAPACITANCE ? largestCapacitance / NANO_CAPACITANCE : Double.NaN;
  }

  /** Measures a library circuit with parameter overrides. */
  public static SpikeEnergy measure(NeuronCircuit c, Map<String, String> params) {
    String net = c.netlist(params, null).replace(".end\n", ".options method=trap reltol=1e-4\n.end\n");
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(net, c.name() + ".cir");
    Analysis.Tran tr = (Analysis.Tran) cc.analyses().get(0);
    List<String> saves = new ArrayList<>(cc.saves());
    saves.add("e(sources)");
    if (!saves.contains(c.spikeState())) {
      saves.add(c.spikeState());
    }
    TransientAnalysis.Result r = new TransientAnalysis(tr.tstep(), tr.tstop(), tr.tstart(), tr.tmax(), tr.uic())
        .energyAccounting(true).run(new MnaSystem(cc.circuit()), saves);
    Trace t = r.trace();
    double[] sp = c.features(t).spikeTimes();
    double perSpike = Double.NaN;
    double timePerSpike = Double.NaN;
    if (sp.length >= 3) {
      perSpike = (t.at("e(sources)", sp[sp.length - 1]) - t.at("e(sources)", sp[0])) / (sp.length - 1);
      timePerSpike = (sp[sp.length - 1] - sp[0]) / (sp.length - 1);
    } else if (sp.length > 0) {
      perSpike = r.energy().delivered() / sp.length;
      timePerSpike = tr.tstop() / sp.length;
    }
    double staticPower = staticPower(c, params, tr.tstop());
    Map<String, Integer> devices = devices(cc.circuit().elements());
    double cmax = 0;
    for (Element e : cc.circuit().elements()) {
      if (e instanceof Capacitor cap) {
        cmax = Math.max(cmax, cap.farads());
      }
    }
    double dynamic = perSpike - staticPower * timePerSpike;
    double[] rate = maxRate(c, params);
    double k = cmax > NANO_CAPACITANCE ? cmax / NANO_CAPACITANCE : Double.NaN;
    return new SpikeEnergy(c.name(), sp.length, perSpike, staticPower, dynamic, r.energy().relativeError(), devices,
        rate[0], rate[1], cmax, dynamic / k);
  }

  private static double staticPower(NeuronCircuit c, Map<String, String> params, double tstop) {
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(c.netlist(params, "0"), c.name() + ".cir");
    Analysis.Tran tr = (Analysis.Tran) cc.analyses().get(0);
    TransientAnalysis.Result r = new TransientAnalysis(tr.tstep(), tstop, 0, tr.tmax(), tr.uic())
        .run(new MnaSystem(cc.circuit()), List.of());
    double e = 0;
    for (double v : r.sourceEnergy().values()) {
      e += v;
    }
    return e / tstop;
  }

  /** Memristive devices (netlist {@code N} elements), transistors, resistors, capacitors. */
  static Map<String, Integer> devices(List<Element> elements) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("memristive", 0);
    m.put("transistors", 0);
    m.put("resistors", 0);
    m.put("capacitors", 0);
    for (Element e : elements) {
      String key = e instanceof Resistor ? "resistors" : e instanceof Capacitor ? "capacitors"
          : e instanceof Mosfet1 ? "transistors" : e instanceof IndependentSource ? null
          : e.name().toLowerCase(Locale.ROOT).startsWith("n") ? "memristive" : null;
      if (key != null) {
        m.merge(key, 1, Integer::sum);
      }
    }
    return m;
  }

  /** {rate (Hz), input (V)} of the highest steady DC rate, NaN when no DC input fires tonically. */
  static double[] maxRate(NeuronCircuit c, Map<String, String> params) {
    String v = params.getOrDefault("vin", c.parameters().get("vin"));
    double base = v == null ? 1 : Math.abs(SpiceNumber.parse(v));
    double[] rate = new double[RATE_LEVELS.length];
    java.util.stream.IntStream.range(0, rate.length).parallel().forEach(k -> {
      Map<String, String> p = new LinkedHashMap<>(params);
      p.put("vin", String.format(Locale.ROOT, "%.9g", RATE_LEVELS[k] * base));
      try {
        SpikeFeatures f = c.features(Protocols.run(c, p, "{vin}"));
        rate[k] = f.spikeTimes().length >= 3 ? f.rateHz() : Double.NaN;
      } catch (org.neuristor.NeuristorException e) {
        rate[k] = Double.NaN;
      }
    });
    double best = Double.NaN;
    double at = Double.NaN;
    for (int k = 0; k < rate.length; k++) {
      if (rate[k] > 0 && !(rate[k] <= best)) {
        best = rate[k];
        at = RATE_LEVELS[k] * base;
      }
    }
    return new double[] {best, at};
  }

  /** Device count as text: {@code "2 memristive + 5 R/C"}. */
  public String deviceText() {
    int m = devices.get("memristive");
    int tr = devices.get("transistors");
    int rc = devices.get("resistors") + devices.get("capacitors");
    return String.format(Locale.ROOT, "%d memristive%s + %d R/C", m, tr > 0 ? " + " + tr + " MOSFET" : "", rc);
  }
}
