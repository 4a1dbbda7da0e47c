package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * ngspice's behavioural source {@code B}: a current ({@code I=expr}, flowing from p through the
 * source to n) or a voltage ({@code V=expr}) given by an expression of node voltages, source
 * currents and time. The expression supplies analytic derivatives with respect to its inputs, so
 * Newton converges quadratically; users write their own device models this way (e.g. a memristor
 * state integrated on a 1 F capacitor) and run the same netlist in ngspice.
 */
public final class BehavioralSource implements Element, Circuit.Terminals {

  /** An input of the expression: V(a), V(a,b) or I(source). */
  public record Probe(Kind kind, String a, String b) {
    public enum Kind { VOLTAGE, CURRENT }

    public static Probe voltage(String a) {
      return new Probe(Kind.VOLTAGE, a.toLowerCase(Locale.ROOT), "0");
    }

    public static Probe voltage(String a, String b) {
      return new Probe(Kind.VOLTAGE, a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }

    public static Probe current(String source) {
      return new Probe(Kind.CURRENT, source.toLowerCase(Locale.ROOT), null);
    }

    // equals, hashCode and toString written out (the same results as the record's): the generated ones
    // bootstrap through method handles on first use (~30 classes spun, several ms of a cold single run, where
    // probes are map keys and parts of expression keys while compiling)
    @Override
    public boolean equals(Object o) {
      return o instanceof Probe p && kind == p.kind && java.util.Objects.equals(a, p.a)
          && java.util.Objects.equals(b, p.b);
    }

    @Override
    public int hashCode() {
      return ((kind == null ? 0 : kind.ordinal() + 1) * 31 + java.util.Objects.hashCode(a)) * 31
          + java.util.Objects.hashCode(b);
    }

    @Override
    public String toString() {
      return "Probe[kind=" + kind + ", a=" + a + ", b=" + b + "]";
    }
  }

  /** The compiled expression: value and gradient with respect to the probe inputs. */
  public interface Function {
    /** Returns the value at {@code inputs} and time t; writes d value / d input_k into {@code gradient}. */
    double valueAndGradient(double[] inputs, double time, double[] gradient);

    /** The value only. */
    default double value(double[] inputs, double time) {
      return valueAndGradient(inputs, time, new double[inputs.length]);
    }

    /**
     * A current source's load at x: input k is {@code x[ia[k]] - x[ib[k]]} (an index below 0 reads 0); the value
     * val goes into {@code f[p] += val}, {@code f[n] += -val} and the gradient g_k of input k into G at the handles
     * {@code wiring[4k..4k+3]} as +g_k, -g_k, -g_k, +g_k (rows p, p, n, n at columns ia[k], ib[k], ia[k], ib[k]);
     * rows and handles below 0 (ground) are left out. {@code in} and {@code grad} are scratch of the input count.
     * Generated evaluators do the same operations in one method, without the scratch arrays and loops.
     *
     * @return val
     */
    default double load(double[] x, double time, double[] f, double[] gv, int p, int n, int[] ia, int[] ib,
        int[] wiring, double[] in, double[] grad) {
      gather(x, ia, ib, in);
      double val = valueAndGradient(in, time, grad);
      if (p >= 0) {
        f[p] += val;
      }
      if (n >= 0) {
        f[n] += -val;
      }
      for (int k = 0, j = 0; k < in.length; k++) {
        double g = grad[k];
        for (int e = 0; e < 4; e++, j++) {
          int h = wiring[j];
          if (h >= 0) {
            gv[h] += e == 1 || e == 2 ? -g : g;
          }
        }
      }
      return val;
    }
  }

  private final String name;
  private final List<String> nodes;
  private final boolean voltage;
  private final List<Probe> probes;
  private final Function function;
  private final String text;
  private int p;
  private int n;
  private int br = -1;
  private int[] ia;
  private int[] ib;
  /** A voltage source's branch (the stamp every voltage-fixing element shares). */
  private final VoltageBranch branch = new VoltageBranch();
  /** A current source's stamps per input k at [4k, 4k+4): (p, a), (p, b), (n, a), (n, b), -1 at ground. */
  private int[] wiring;
  /**
   * A voltage source's gradient stamps that land in the matrix, in the order written out in {@link #bind}: entry
   * {@code stampAt[j]} gets {@code stampSign[j] * grad[stampOf[j]]} (a sign of 1 or -1: exact).
   */
  private int[] stampAt;
  private int[] stampOf;
  private double[] stampSign;
  private final double[] in;
  private final double[] grad;

  /**
   * @param voltage true for {@code V=}, false for {@code I=}
   * @param text the expression text, kept for netlist writing
   */
  public BehavioralSource(String name, String p, String n, boolean voltage, List<Probe> probes, Function function,
      String text) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(p.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
    this.voltage = voltage;
    this.probes = List.copyOf(probes);
    this.function = function;
    this.text = text;
    this.in = new double[probes.size()];
    this.grad = new double[probes.size()];
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
    // The output pair conducts; probed nodes are only sensed.
    return new int[][] {{0, 1}};
  }

  public boolean isVoltage() {
    return voltage;
  }

  public String expression() {
    return text;
  }

  @Override
  public boolean nonlinear() {
    return true;
  }

  @Override
  public boolean chargeFree() {
    return true; // f and G only; the expression keeps no state
  }

  @Override
  public void allocate(Allocator a) {
    if (voltage) {
      br = a.branch(this, "");
    }
  }

  @Override
  public void bind(Binder b) {
    p = b.node(nodes.get(0));
    n = b.node(nodes.get(1));
    int m = probes.size();
    int[][] io = inputs(b, probes);
    ia = io[0];
    ib = io[1];
    if (!voltage) {
      // per input k, on the row of p +grad[k] at input a and -grad[k] at input b, on the row of n the opposite
      wiring = new int[4 * m];
      for (int k = 0; k < m; k++) {
        wiring[4 * k] = b.entry(p, ia[k]);
        wiring[4 * k + 1] = b.entry(p, ib[k]);
        wiring[4 * k + 2] = b.entry(n, ia[k]);
        wiring[4 * k + 3] = b.entry(n, ib[k]);
      }
      return;
    }
    // the branch equation v(p) - v(n) - val = 0 takes -grad[k] at input a and +grad[k] at input b, in the order
    // load adds them; entries at ground are left out
    int[] at = new int[2 * m];
    int[] of = new int[2 * m];
    double[] sign = new double[2 * m];
    int j = 0;
    for (int k = 0; k < m; k++) {
      int ha = b.entry(br, ia[k]);
      int hb = b.entry(br, ib[k]);
      if (ha >= 0) {
        at[j] = ha;
        of[j] = k;
        sign[j++] = -1;
      }
      if (hb >= 0) {
        at[j] = hb;
        of[j] = k;
        sign[j++] = 1;
      }
    }
    stampAt = java.util.Arrays.copyOf(at, j);
    stampOf = java.util.Arrays.copyOf(of, j);
    stampSign = java.util.Arrays.copyOf(sign, j);
    branch.bind(b, p, n, br);
  }

  @Override
  public void load(Load l) {
    if (!voltage) {
      // a current source in one generated method (Function.load): inputs, value and gradient into f and G
      l.behavioural(function, p, n, ia, ib, wiring, in, grad);
      return;
    }
    gather(l.x(), ia, ib, in);
    branch.load(l, function.valueAndGradient(in, l.time(), grad));
    l.g(stampAt, stampSign, stampOf, grad);
  }

  /**
   * The unknowns the probes read, {ia, ib}: input k is {@code x[ia[k]] - x[ib[k]]}, for V(a,b) the two
   * nodes, for I(source) its branch current and -1 (ground).
   */
  static int[][] inputs(Binder b, List<Probe> probes) {
    int m = probes.size();
    int[] ia = new int[m];
    int[] ib = new int[m];
    for (int k = 0; k < m; k++) {
      Probe pr = probes.get(k);
      if (pr.kind() == Probe.Kind.VOLTAGE) {
        ia[k] = b.node(pr.a());
        ib[k] = b.node(pr.b());
      } else {
        ia[k] = b.branchOf(pr.a());
        ib[k] = -1;
      }
    }
    return new int[][] {ia, ib};
  }

  /** The inputs at x: input k is {@code x[ia[k]] - x[ib[k]]}, an index below 0 (ground) reading 0. */
  static void gather(double[] x, int[] ia, int[] ib, double[] in) {
    for (int k = 0; k < in.length; k++) {
      in[k] = (ia[k] < 0 ? 0 : x[ia[k]]) - (ib[k] < 0 ? 0 : x[ib[k]]);
    }
  }

  @Override
  public List<String> probes() {
    return List.of("i(" + name + ")");
  }

  @Override
  public double probe(String probe, double[] x, double t) {
    if (voltage) {
      return x[br];
    }
    gather(x, ia, ib, in);
    return function.valueAndGradient(in, t, grad);
  }

  @Override
  public double power(double[] x, double t) {
    double v = (p < 0 ? 0 : x[p]) - (n < 0 ? 0 : x[n]);
    return v * probe("", x, t);
  }

  @Override
  public SpiceCard toSpice() {
    return SpiceCard.of(name + " " + nodes.get(0) + " " + nodes.get(1) + " " + (voltage ? "V=" : "I=") + text);
  }
}
