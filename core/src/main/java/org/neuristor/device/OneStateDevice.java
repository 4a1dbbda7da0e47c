package org.neuristor.device;

import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.element.TwoTerminal;

/**
 * Base of two-terminal devices with an internal state s (filament fraction, temperature,
 * conductance state): allocates s with its tolerance and the five matrix handles that couple it to
 * the terminals, so each device class only writes its equations. A device with further states
 * allocates them after s ({@link PhaseChangeCell}: its output spike).
 */
abstract class OneStateDevice extends TwoTerminal {
  private final String stateLabel;
  private final double stateTol;
  /** Index of the state unknown. */
  protected int s;
  protected int hss;
  protected int hsp;
  protected int hsn;
  protected int hps;
  protected int hns;

  OneStateDevice(String name, String p, String n, String stateLabel, double stateTol) {
    super(name, p, n);
    this.stateLabel = stateLabel;
    this.stateTol = stateTol;
  }

  @Override
  public void allocate(Allocator a) {
    s = a.state(this, stateLabel, stateTol);
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    hss = b.entry(s, s);
    hsp = b.entry(s, p);
    hsn = b.entry(s, n);
    hps = b.entry(p, s);
    hns = b.entry(n, s);
  }

  @Override
  public boolean nonlinear() {
    return true;
  }
}
