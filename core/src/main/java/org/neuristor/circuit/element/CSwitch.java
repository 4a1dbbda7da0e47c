package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/**
 * ngspice's current-controlled switch {@code W}: a resistor between p and n, {@code ron} when on and {@code roff}
 * when off, controlled by the current through a voltage source (or inductor): on when it exceeds {@code it + ih},
 * off when it falls below {@code it - ih}, its state kept in between ({@link SwitchLaw}). As {@link VSwitch}, the
 * state changes only at located switching instants.
 *
 * <p>Model parameters (model type {@code csw}): it [A] 0, ih [A] 0 (must be >= 0), ron [Ohm] 1, roff [Ohm] 1e12.
 */
public final class CSwitch extends TwoTerminal implements HystereticSwitch {
  private final String control;
  private final SwitchLaw law;
  private int c;

  public CSwitch(String name, String p, String n, String controlSource, Map<String, Double> model, boolean on) {
    super(name, p, n);
    this.control = controlSource.toLowerCase(Locale.ROOT);
    this.law = new SwitchLaw(name, model, "it", "ih", on);
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    c = b.branchOf(control);
  }

  @Override
  public SwitchLaw law() {
    return law;
  }

  @Override
  public double controlAt(double[] x) {
    return x[c];
  }

  @Override
  public double across(double[] x) {
    return voltage(x);
  }

  @Override
  public void load(Load l) {
    double g = law.conductance();
    stampCurrent(l, g * voltage(l), g);
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_csw";
    return new SpiceCard(List.of(name + " " + nodeP + " " + nodeN + " " + control + " " + model
        + (law.initiallyOn ? " on" : "")), List.of(law.model(model, "csw")));
  }
}
