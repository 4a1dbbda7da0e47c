package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Load;

/**
 * ngspice's voltage-controlled switch {@code S}: a resistor between p and n that is {@code ron} when
 * on and {@code roff} when off. It turns on when the control voltage v(cp,cn) exceeds
 * {@code vt + vh} and off when it falls below {@code vt - vh}; in between it keeps its state
 * (hysteresis) - the simplest threshold switch.
 *
 * <p>The on/off state is discrete. It never changes inside a Newton iteration: the transient
 * engine locates the crossing of the threshold in time ({@link #eventFunction}), lands on it and
 * only then flips the state, so switching instants are exact to the event tolerance.
 *
 * <p>Model parameters (model type {@code sw}): vt [V] 0, vh [V] 0 (must be >= 0), ron [Ohm] 1,
 * roff [Ohm] 1e12 (ngspice's 1/gmin).
 */
public final class VSwitch extends FourTerminal {
  private final double vt;
  private final double vh;
  private final double gOn;
  private final double gOff;
  private final boolean initiallyOn;
  private boolean on;

  public VSwitch(String name, String p, String n, String cp, String cn, Map<String, Double> model, boolean on) {
    super(name, p, n, cp, cn);
    Map<String, Double> m = new java.util.HashMap<>();
    model.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
    for (String k : m.keySet()) {
      if (!List.of("vt", "vh", "ron", "roff").contains(k)) {
        throw new ModelParameterException(k, "switch model has no parameter " + k + " (vt vh ron roff)");
      }
    }
    this.vt = m.getOrDefault("vt", 0.0);
    this.vh = m.getOrDefault("vh", 0.0);
    double ron = m.getOrDefault("ron", 1.0);
    double roff = m.getOrDefault("roff", 1e12);
    if (vh < 0) {
      throw new ModelParameterException("vh", "switch " + name + ": vh must be >= 0 (ngspice's smooth vh<0 mode"
          + " is not supported), got " + vh);
    }
    if (!(ron > 0) || !(roff > 0)) {
      throw new ModelParameterException("ron", "switch " + name + ": ron and roff must be > 0");
    }
    this.gOn = 1 / ron;
    this.gOff = 1 / roff;
    this.initiallyOn = on;
    this.on = on;
  }

  @Override
  public void reset() {
    on = initiallyOn;
  }

  /** Whether the switch is on. */
  public boolean on() {
    return on;
  }

  @Override
  public void load(Load l) {
    double g = on ? gOn : gOff;
    double i = g * (l.v(p) - l.v(n));
    l.f(p, i);
    l.f(n, -i);
    l.g(hpp, g);
    l.g(hpn, -g);
    l.g(hnp, -g);
    l.g(hnn, g);
  }

  @Override
  public boolean hasEvents() {
    return true;
  }

  @Override
  public double eventFunction(double[] x, double t) {
    double vc = control(x);
    return on ? (vt - vh) - vc : vc - (vt + vh);
  }

  @Override
  public void fireEvent(double[] x, double t) {
    on = !on;
  }

  @Override
  public double power(double[] x, double t) {
    double v = output(x);
    return v * v * (on ? gOn : gOff);
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_sw";
    return new SpiceCard(List.of(card() + " " + model + (initiallyOn ? " on" : "")),
        List.of(".model " + model + " sw (vt=" + Waveform.trimNumber(vt) + " vh=" + Waveform.trimNumber(vh)
            + " ron=" + Waveform.trimNumber(1 / gOn) + " roff=" + Waveform.trimNumber(1 / gOff) + ")"));
  }
}
