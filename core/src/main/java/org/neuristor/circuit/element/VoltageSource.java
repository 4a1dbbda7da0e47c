package org.neuristor.circuit.element;

import java.util.List;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Load;

/**
 * Independent voltage source {@code v(p) - v(n) = V(t)}. Its branch current {@code i(vname)} flows
 * from p through the source to n (ngspice's sign: negative while the source delivers power).
 */
public final class VoltageSource extends DrivenSource implements Circuit.VoltageDefined {
  private final VoltageBranch branch = new VoltageBranch();
  private int b;

  public VoltageSource(String name, String p, String n, Waveform w) {
    this(name, p, n, Spec.of(w));
  }

  /** A source with an explicit DC value and AC excitation besides its waveform. */
  public VoltageSource(String name, String p, String n, Spec spec) {
    super(name, p, n, spec);
  }

  /** A DC source. */
  public VoltageSource(String name, String p, String n, double volts) {
    this(name, p, n, new Waveform.Dc(volts));
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
    branch.load(l, l.sourceScale() * drive.value(l.time(), l.dc()));
  }

  @Override
  public List<String> probes() {
    return List.of("i(" + name + ")");
  }

  @Override
  public double probe(String probe, double[] x, double t) {
    return x[b];
  }

  /** Index of the branch-current unknown. */
  public int branchIndex() {
    return b;
  }

  @Override
  public void acExcitation(double[] re, double[] im) {
    addAc(re, im, b, 1);
  }

  @Override
  public double power(double[] x, double t) {
    return voltage(x) * x[b];
  }
}
