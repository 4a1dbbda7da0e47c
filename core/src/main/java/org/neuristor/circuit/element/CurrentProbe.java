package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Load;

/**
 * A 0 V source put in series with an element terminal so that its current can be saved, as
 * ngspice's {@code .probe} does: {@code i(r1)} is the current into r1's first terminal,
 * {@code i(m1:s)} the current into m1's source terminal (conduction and charge currents alike). The
 * probe sits between the outer node {@code p} and the terminal's inner node {@code n}.
 */
public final class CurrentProbe extends TwoTerminal implements Circuit.VoltageDefined {
  private final String signal;
  private final VoltageBranch branch = new VoltageBranch();
  private int b;

  /**
   * @param signal the saved signal's name, e.g. {@code i(r1)} or {@code i(m1:s)}
   * @param outer the node the terminal was written on
   * @param inner the new node the element's terminal connects to
   */
  public CurrentProbe(String signal, String outer, String inner) {
    super(inner + "#probe", outer, inner);
    this.signal = signal.toLowerCase(Locale.ROOT);
  }

  @Override
  public void allocate(Allocator a) {
    b = a.branch(this, "");
  }

  @Override
  public void bind(Binder binder) {
    super.bind(binder);
    branch.bind(binder, p, n, b);
  }

  @Override
  public void load(Load l) {
    branch.load(l, 0.0);
  }

  @Override
  public boolean linearConstant() {
    return true;
  }

  @Override
  public List<String> probes() {
    return List.of(signal);
  }

  @Override
  public double probe(String probe, double[] x, double t) {
    return x[b];
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of("v" + name.replaceAll("[^a-z0-9_]", "_") + " " + nodeP + " " + nodeN + " 0");
  }
}
