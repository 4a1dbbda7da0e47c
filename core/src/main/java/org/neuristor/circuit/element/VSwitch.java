package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
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
public final class VSwitch implements Element, Circuit.Terminals {
  private final String name;
  private final List<String> nodes;
  private final double vt;
  private final double vh;
  private final double gOn;
  private final double gOff;
  private final boolean initiallyOn;
  private boolean on;
  private int p;
  private int n;
  private int cp;
  private int cn;
  private int hpp;
  private int hpn;
  private int hnp;
  private int hnn;

  public VSwitch(String name, String p, String n, String cp, String cn, Map<String, Double> model, boolean on) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(p, n, cp, cn).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
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
  public String name() {
    return name;
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public int[][] conductingGroups() {
    return new int[][] {{0, 1}, {2, 3}};
  }

  @Override
  public void bind(Binder b) {
    p = b.node(nodes.get(0));
    n = b.node(nodes.get(1));
    cp = b.node(nodes.get(2));
    cn = b.node(nodes.get(3));
    hpp = b.entry(p, p);
    hpn = b.entry(p, n);
    hnp = b.entry(n, p);
    hnn = b.entry(n, n);
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

  private static double v(double[] x, int i) {
    return i < 0 ? 0 : x[i];
  }

  @Override
  public boolean hasEvents() {
    return true;
  }

  @Override
  public double eventFunction(double[] x, double t) {
    double vc = v(x, cp) - v(x, cn);
    return on ? (vt - vh) - vc : vc - (vt + vh);
  }

  @Override
  public void fireEvent(double[] x, double t) {
    on = !on;
  }

  @Override
  public double power(double[] x, double t) {
    double v = v(x, p) - v(x, n);
    return v * v * (on ? gOn : gOff);
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_sw";
    return new SpiceCard(List.of(name + " " + String.join(" ", nodes) + " " + model + (initiallyOn ? " on" : "")),
        List.of(".model " + model + " sw (vt=" + Waveform.trimNumber(vt) + " vh=" + Waveform.trimNumber(vh)
            + " ron=" + Waveform.trimNumber(1 / gOn) + " roff=" + Waveform.trimNumber(1 / gOff) + ")"));
  }
}
