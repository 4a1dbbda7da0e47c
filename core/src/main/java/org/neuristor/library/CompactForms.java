package org.neuristor.library;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.IndependentSource;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.device.ThresholdSwitch;
import org.neuristor.netlist.CircuitCompiler;

/**
 * What the compact forms read from a library circuit's compiled netlist, so a kernel uses exactly
 * the element values and device parameters (presets, {@code --param} overrides) of the full
 * circuit: element values, threshold-switch gates, the input waveform. Which circuit has which
 * compact form is declared with the circuit ({@link NeuronCircuit#compact()}).
 */
public final class CompactForms {
  private CompactForms() {}

  /** Sub-step bound on node-voltage change, relative to the smallest smoothing width delta (0.1 delta). */
  static final double DV_OVER_DELTA = 0.1;

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

  /** The circuit compiled with the overrides (element values and device parameters as the engine uses them). */
  static Circuit compile(NeuronCircuit c, Map<String, String> params) {
    return CircuitCompiler.compile(c.netlist(params, null), c.name() + ".cir").circuit();
  }

  static TsGate gate(Circuit k, String name, NeuronCircuit c) {
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

  static double ohms(Circuit k, String name) {
    return ((Resistor) k.element(name)).ohms();
  }

  static double farads(Circuit k, String name) {
    return ((Capacitor) k.element(name)).farads();
  }

  static IndependentSource source(Circuit k, String name) {
    return (IndependentSource) k.element(name);
  }
}
