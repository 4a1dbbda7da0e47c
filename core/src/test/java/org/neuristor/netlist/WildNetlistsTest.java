package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.circuit.Simulation;
import org.neuristor.measure.Trace;

/**
 * Idioms of ngspice netlists collected from memristor and threshold-switch model files in public
 * repositories (round 18, docs/netlists.md "Netlists from the wild"), each with the value ngspice-39 gives.
 */
class WildNetlistsTest {

  @TempDir Path tmp;

  private static Trace op(String net) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(net, "w.cir");
    return Simulation.run(c.circuit(), c.analyses().get(0), List.of("all"), null).trace();
  }

  /** Memristor libraries set their state with '.ic V(XSV) = x0' inside the subcircuit: per instance, pins mapped. */
  @Test
  void icInsideASubcircuitIsPerInstanceAndMapsPins() {
    String net = """
        t
        .subckt cell a st params: x0=0.2
        Cst st 0 1
        Rst st 0 1g
        .ic V(st) = {x0} v(a)={x0/2}
        ca a 0 1n
        ra a 0 1meg
        .ends
        x1 n1 s1 cell
        x2 n2 s2 cell x0=0.7
        .tran 1n 2n uic
        .end
        """;
    CircuitCompiler.Compiled c = CircuitCompiler.compile(net, "w.cir");
    Trace t = Simulation.run(c.circuit(), c.analyses().get(0), List.of("all"), null).trace();
    assertThat(t.get("v(s1)")[0]).isCloseTo(0.2, within(1e-12));
    assertThat(t.get("v(s2)")[0]).isCloseTo(0.7, within(1e-12));
    assertThat(t.get("v(n1)")[0]).isCloseTo(0.1, within(1e-12)); // pin a of x1 is n1
    assertThat(t.get("v(n2)")[0]).isCloseTo(0.35, within(1e-12));
  }

  /** Other control lines inside a subcircuit are still refused, at their line. */
  @Test
  void otherControlLinesInsideASubcircuitAreRefused() {
    assertThatThrownBy(() -> CircuitCompiler.compile("t\n.subckt c a\nr1 a 0 1\n.tran 1n 1u\n.ends\nx1 n c\n.op\n", "w.cir"))
        .hasMessageStartingWith("w.cir:4:1: control line .tran is not allowed inside a .subckt");
  }

  /**
   * .csparam makes a constant of the .control block, not a circuit parameter (ngspice-39 refuses {a} in the
   * circuit); '.csparam stime={stime}', as ngspice's memristor example writes it, passes the .param on.
   */
  @Test
  void csparamIsAControlConstantNotACircuitParameter() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(
        "t\n.param stime=10n\n.csparam stime={stime}\n.csparam twice={2*stime}\nv1 x 0 1\nr1 x 0 1k\n.op\n", "w.cir");
    assertThat(c.params().apply("stime")).isEqualTo(10e-9);
    assertThat(c.params().apply("twice")).isEqualTo(20e-9);
    assertThatThrownBy(() -> CircuitCompiler.compile("t\n.csparam a=2\nv1 x 0 {a}\nr1 x 0 1k\n.op\n", "w.cir"))
        .hasMessageStartingWith("w.cir:3:8:").hasMessageContaining("unknown parameter 'a'");
    assertThatThrownBy(() -> CircuitCompiler.compile("t\n.csparam b={nothere}\nv1 x 0 1\nr1 x 0 1k\n.op\n", "w.cir"))
        .hasMessageStartingWith("w.cir:2:");
  }

  /** A resistor whose value reads V() is the current source V(a,b)/(expr), as ngspice-39 (r={V(x)} of the Pershin model). */
  @Test
  void behaviouralResistorIsTheCurrentVOverExpression() {
    Trace t = op("t\nvc c 0 2k\nv1 a 0 1\nrm a b r={V(c)}\nr2 b 0 1k\n.op\n");
    assertThat(t.get("v(b)")[0]).isCloseTo(1.0 / 3, within(1e-12)); // 2k over 1k
    Trace q = op("t\nvc c 0 1k\nv1 a 0 1\nrm a b R='1k + V(c)'\nr2 b 0 2k\n.op\n");
    assertThat(q.get("v(b)")[0]).isCloseTo(0.5, within(1e-12));
    assertThatThrownBy(() -> CircuitCompiler.compile("t\nvc c 0 1\nrm c 0 r={V(c)} tc1=1m\n.op\n", "w.cir"))
        .hasMessageStartingWith("w.cir:3:17: rm: ")
        .hasMessageContaining("behavioural resistor) takes no other parameter, got 'tc1=1m'");
  }

  /** I() of a resistor and of a G source in an expression (Biolek/Joglekar I(Gmem), HSPICE cur='i(Rmem)'): ngspice-39's values. */
  @Test
  void currentOfAResistorOrGSourceInAnExpression() {
    Trace t = op("t\nv1 a 0 2\ng1 a 0 value={1m*v(a)}\nr1 a 0 1k\nb1 x 0 v=i(g1)\nb2 y 0 v=i(r1)\nrx x 0 1\nry y 0 1\n.op\n");
    assertThat(t.get("v(x)")[0]).isCloseTo(2e-3, within(1e-15)); // ngspice-39: 2.000000e-03
    assertThat(t.get("v(y)")[0]).isCloseTo(2e-3, within(1e-15)); // ngspice-39: 2.000000e-03
    Trace s = op("""
        t
        .subckt m te be
        gm te be value={V(te,be)/500}
        bs s 0 v=1k*I(gm)
        rs s 0 1
        .ends
        v1 a 0 1
        x1 a 0 m
        .op
        """);
    assertThat(s.get("v(x1.s)")[0]).isCloseTo(2.0, within(1e-12));
  }

  /** ngspice's memristor example: alter @V1[sin] [ 0 $&vmax $&newfreq ] between two runs. */
  @Test
  void alterReplacesASourceFunction() throws Exception {
    String net = """
        t
        .param vmax=3
        .csparam vmax={vmax}
        v1 a 0 dc 0 sin(0 1 1k)
        r1 a 0 1k
        .control
        tran 10u 1m
        let f = 2k
        alter @V1[sin] [ 0 $&vmax $&f ]
        tran 10u 1m
        .endc
        .end
        """;
    DeckRunner.Result r = DeckRunner.run(CircuitCompiler.compile(net, "w.cir"),
        new DeckRunner.Options(tmp, List.of(), false, new DeckRunner.Listener() {}));
    Trace first = r.runs().get(0).outcome().trace();
    Trace second = r.runs().get(1).outcome().trace();
    assertThat(peak(first)).isCloseTo(1.0, within(0.01));
    assertThat(peak(second)).isCloseTo(3.0, within(0.03)); // the new amplitude
    assertThat(second.at("v(a)", 0.25e-3)).isCloseTo(0.0, within(0.03)); // and frequency: 2 kHz crosses 0 at 250 us
    assertThat(first.at("v(a)", 0.25e-3)).isCloseTo(1.0, within(0.01));
  }

  private static double peak(Trace t) {
    double m = 0;
    for (double v : t.get("v(a)")) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** HSPICE's wildcard probes are warned about at their position and skipped (ngspice warns too). */
  @Test
  void wildcardCurrentProbeIsALocatedWarning() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("t\nv1 a 0 1\nr1 a 0 1k\n.probe i(x*.*) i(nope)\n.op\n", "w.cir");
    assertThat(c.warnings()).contains("w.cir:4:8: i(x*.*) not saved: wildcards in names are not supported",
        "w.cir:4:16: i(nope) not saved: no element nope in the circuit");
  }

  /** An XSPICE A element is named out of scope. */
  @Test
  void xspiceElementIsOutOfScope() {
    assertThatThrownBy(() -> CircuitCompiler.compile("t\nv1 a 0 1\namen a 0 memr\n.model memr memristor (rmin=1k)\n.op\n", "w.cir"))
        .hasMessageStartingWith("w.cir:3:1: amen: XSPICE code-model instances (A elements) are out of scope");
  }
}
