package org.neuristor.circuit.element;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Load;

/**
 * ngspice's voltage-controlled switch {@code S}: a resistor between p and n that is {@code ron} when
 * on and {@code roff} when off. It turns on when the control voltage v(cp,cn) exceeds
 * {@code vt + vh} and off when it falls below {@code vt - vh}; in between it keeps its state
 * (hysteresis) - the simplest threshold switch ({@link SwitchLaw}).
 *
 * <p>The on/off state is discrete. It never changes inside a Newton iteration: the transient
 * engine locates the crossing of the threshold in time ({@link #eventFunction}), lands on it and
 * only then flips the state, so switching instants are exact to the event tolerance.
 *
 * <p>Model parameters (model type {@code sw}): vt [V] 0, vh [V] 0 (must be >= 0), ron [Ohm] 1,
 * roff [Ohm] 1e12 (ngspice's 1/gmin).
 */
public final class VSwitch extends FourTerminal implements HystereticSwitch {
  private final SwitchLaw law;

  public VSwitch(String name, String p, String n, String cp, String cn, Map<String, Double> model, boolean on) {
    super(name, p, n, cp, cn);
    this.law = new SwitchLaw(name, model, "vt", "vh", on);
  }

  @Override
  public SwitchLaw law() {
    return law;
  }

  @Override
  public double controlAt(double[] x) {
    return control(x);
  }

  @Override
  public double across(double[] x) {
    return output(x);
  }

  @Override
  public void load(Load l) {
    double g = law.conductance();
    double i = g * (l.v(p) - l.v(n));
    l.f(p, i);
    l.f(n, -i);
    l.g(hpp, g);
    l.g(hpn, -g);
    l.g(hnp, -g);
    l.g(hnn, g);
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_sw";
    return new SpiceCard(List.of(card() + " " + model + (law.initiallyOn ? " on" : "")), List.of(law.model(model, "sw")));
  }
}
