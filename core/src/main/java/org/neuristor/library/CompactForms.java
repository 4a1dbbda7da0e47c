package org.neuristor.library;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.IndependentSource;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.device.ThresholdSwitch;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Builds the compact form ({@link CompactNeuron}) of a library circuit from its compiled netlist, so
 * the kernel uses exactly the element values and device parameters (presets, {@code --param}
 * overrides) of the full circuit. Circuits without a compact form are refused with a clear error.
 */
public final class CompactForms {
  private CompactForms() {}

  /** Names of the library circuits that have a compact form. */
  public static final List<String> SUPPORTED = List.of("lif", "lif-ag", "lif-ots", "wang", "pickett", "pickett2013", "yi", "yi-phasic",
      "yi-mixed", "huang");

  /** Sub-step bound on node-voltage change, relative to the smallest smoothing width delta (0.1 delta). */
  private static final double DV_OVER_DELTA = 0.1;

  public static boolean has(NeuronCircuit c) {
    return SUPPORTED.contains(c.name());
  }

  /** The compact form of {@code c} with parameter overrides, for {@code n} neurons. */
  public static CompactNeuron of(NeuronCircuit c, Map<String, String> params, int n) {
    if (n < 1) {
      throw NeuristorException.input("compact " + c.name() + ": need at least one neuron, got " + n);
    }
    if (c.name().startsWith("yi")) {
      return CompactYi.of(c, params, n);
    }
    if (c.name().equals("huang")) {
      return CompactHuang.of(c, params, n);
    }
    Circuit k = compile(c, params).circuit();
    switch (c.name()) {
      case "lif":
      case "lif-ag":
      case "lif-ots": {
        TsGate g = gate(k, "nts", c);
        return new CompactLif(n, g, ohms(k, "rin"), farads(k, "cm"), ohms(k, "rout")).adaptive(DV_OVER_DELTA * g.delta);
      }
      case "pickett":
      case "pickett2013": {
        TsGate g1 = gate(k, "nm1", c);
        TsGate g2 = gate(k, "nm2", c);
        return new CompactNeuristor(n, g1, g2, ohms(k, "rl1"), ohms(k, "rl2"), ohms(k, "rout"), farads(k, "c1"),
            farads(k, "c2"), -source(k, "vdc1").valueAt(0, true), source(k, "vdc2").valueAt(0, true),
            DV_OVER_DELTA * Math.min(g1.delta, g2.delta));
      }
      case "wang": {
        TsGate g = gate(k, "ndm", c);
        return new CompactWang(n, g, farads(k, "cdm"), farads(k, "cs"), ohms(k, "rleak"), DV_OVER_DELTA * g.delta);
      }
      default:
        throw NeuristorException.input("circuit " + c.name() + " has no compact form yet (compact forms: "
            + String.join(", ", SUPPORTED) + ")");
    }
  }

  /**
   * The circuit's own input waveform V_in(t) (source {@code vin}) with the parameter overrides, as
   * the full transient sees it.
   */
  public static DoubleUnaryOperator input(NeuronCircuit c, Map<String, String> params) {
    return input(c, params, null);
  }

  /** As {@link #input(NeuronCircuit, Map)} with the input source replaced (null keeps the circuit's). */
  public static DoubleUnaryOperator input(NeuronCircuit c, Map<String, String> params, String inputSource) {
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(c.netlist(params, inputSource), c.name() + ".cir");
    IndependentSource s = source(cc.circuit(), "vin");
    if (!cc.analyses().isEmpty() && cc.analyses().get(0) instanceof Analysis.Tran tr) {
      s.prepareTransient(tr.tstep(), tr.tstop());
    }
    return t -> s.valueAt(t, false);
  }

  private static CircuitCompiler.Compiled compile(NeuronCircuit c, Map<String, String> params) {
    return CircuitCompiler.compile(c.netlist(params, null), c.name() + ".cir");
  }

  private static TsGate gate(Circuit k, String name, NeuronCircuit c) {
    Element e = k.element(name);
    if (!(e instanceof ThresholdSwitch ts)) {
      throw NeuristorException.input("compact " + c.name() + ": element " + name + " is not a threshold switch");
    }
    ThresholdSwitch.Gate g = ts.gate();
    if (!g.plain()) {
      throw NeuristorException.input("compact " + c.name() + ": device " + name
          + " uses features the compact form does not model (hold form, sinh leakage, cp, c2c or sdelay)");
    }
    return TsGate.of(g);
  }

  private static double ohms(Circuit k, String name) {
    return ((Resistor) k.element(name)).ohms();
  }

  private static double farads(Circuit k, String name) {
    return ((Capacitor) k.element(name)).farads();
  }

  private static IndependentSource source(Circuit k, String name) {
    return (IndependentSource) k.element(name);
  }
}
