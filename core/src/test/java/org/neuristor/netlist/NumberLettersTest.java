package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Letters after a netlist number that are no unit, in the places round 18 left them ignored (as ngspice ignores them):
 * expressions, B sources, {@code .param}, {@code .options}, {@code .ic}/{@code .nodeset}, D and MOS instance
 * parameters, {@code .meas}, {@code .control}, {@code .dc}, {@code .temp}, subcircuit parameters. Each is refused at
 * its file:line:col saying how ngspice would have read it.
 */
class NumberLettersTest {
  private static final String HEAD = "t\nv1 in 0 1\nr1 in m 1k\nc1 m 0 1n\n";

  /** Line 5 is the card under test (after the title, v1, r1 and c1); the deck ends with a .tran. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "r2 m 0 {2kss*3}|5|8|'2kss': ss is not a unit; ngspice would ignore it and read 2k",
      "b1 m 0 i=v(m)/2kss|5|15|'2kss': ss is not a unit; ngspice would ignore it and read 2k",
      "b1 m 0 v={3x*v(in)}|5|11|'3x': x is not a unit; ngspice would ignore it and read 3",
      ".param x=5kq\\nr2 m 0 {x*2}|5|10|'5kq': q is not a unit; ngspice would ignore it and read 5k",
      ".param x=5kq*2\\nr2 m 0 {x}|5|10|'5kq': q is not a unit; ngspice would ignore it and read 5k",
      ".param x=5kq|5|10|'5kq': q is not a unit; ngspice would ignore it and read 5k",
      ".options reltol=1e-3x|5|17|'1e-3x': x is not a unit; ngspice would ignore it and read 1e-3",
      ".ic v(m)=0.5vv|5|10|'0.5vv': vv is not a unit of voltage (V); ngspice would ignore it and read 0.5 for the .ic",
      ".nodeset v(m)=0.5vv|5|15|'0.5vv': vv is not a unit of voltage (V); ngspice would ignore it and read 0.5",
      ".ic v(m)=0.5A|5|10|'0.5A': A is not a unit of voltage (V)",
      "d1 m 0 dd area=2x\\n.model dd D is=1e-14|5|16|'2x': x is not a unit; ngspice would ignore it and read 2",
      "d1 m 0 dd 2x\\n.model dd D is=1e-14|5|11|'2x': x is not a unit; ngspice would ignore it and read 2",
      "m1 m in 0 0 nm w=1ux l=1u\\n.model nm nmos level=1 vto=0.7|5|18|'1ux': x is not a unit; ngspice would ignore it and read 1u",
      "r2 m 0 2k m=2x|5|13|'2x': x is not a unit; ngspice would ignore it and read 2",
      ".meas tran t1 when v(m)=0.5vv|5|7|'0.5vv': vv is not a unit; ngspice would ignore it and read 0.5",
      ".meas tran t1 when v(m)=0.5 td=1nx|5|7|'1nx': x is not a unit; ngspice would ignore it and read 1n",
      ".meas tran t1 param='2kss*3'|5|7|'2kss': ss is not a unit; ngspice would ignore it and read 2k",
      ".temp 27x|5|7|'27x': x is not a unit; ngspice would ignore it and read 27",
      ".subckt s a b rv=1k\\nr1 a b {rv*2}\\n.ends\\nx1 m 0 s rv=3kq|8|13|'3kq': q is not a unit; ngspice would ignore",
      ".func f(a) = {a*2kss}\\nr2 m 0 {f(1)}|6|8|in f(): '2kss': ss is not a unit; ngspice would ignore it and read 2k",
      // unused, so never evaluated until round 20 (ngspice evaluates every .param and reads these silently)
      ".param y={2kq*3}|5|11|'2kq': q is not a unit; ngspice would ignore it and read 2k",
      ".param z='1.5x+1'|5|11|'1.5x': x is not a unit; ngspice would ignore it and read 1.5",
      ".param a=1 z={max(a, 3vv)}|5|22|'3vv': vv is not a unit; ngspice would ignore it and read 3",
      ".subckt s a b\\n.param q={3kq}\\nr1 a b 1k\\n.ends\\nx1 m 0 s|6|11|'3kq': q is not a unit",
      ".subckt s a b rv=1kq\\nr1 a b 1k\\n.ends\\nx1 m 0 s|5|18|'1kq': q is not a unit",
      ".subckt s a b rv={1kq}\\nr1 a b {rv}\\n.ends\\nx1 m 0 s rv=2k|5|19|'1kq': q is not a unit",
      ".subckt s a b params: rv=1kq\\nr1 a b 1k\\n.ends|5|26|'1kq': q is not a unit",
  })
  void lettersThatAreNoUnitAreRefused(String cards, int line, int col, String message) {
    String text = HEAD + cards.replace("\\n", "\n") + "\n.tran 1n 1u\n.end\n";
    assertThatThrownBy(() -> CircuitCompiler.compile(text, "u.cir"))
        .isInstanceOf(org.neuristor.NetlistException.class)
        .hasMessageContaining(message)
        .hasMessageStartingWith("u.cir:" + line + ":" + col + ": ");
  }

  /**
   * A {@code .param} that no value uses is refused where ngspice, which evaluates every {@code .param} (and a
   * subcircuit's for each instance), refuses it: an unknown parameter or function. Until round 20 only a plain
   * number's letters were checked there, so these ran without a word in Neuristor and stopped ngspice.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      ".param y={2*nosuch}|5|13|unknown parameter 'nosuch'",
      ".param w={nosuchfn(3)}|5|11|unknown function 'nosuchfn'",
      ".param w='agauss(1, 0.1, nosuch)'|5|26|unknown parameter 'nosuch'",
      ".param w={2*(1+}|5|16|expression ends too early",
      ".subckt s a b rx={2*nosuch}\\nr1 a b 1k\\n.ends\\nx1 m 0 s|5|21|unknown parameter 'nosuch'",
      ".subckt s a b\\n.param q={3*nosuch}\\nr1 a b 1k\\n.ends\\nx1 m 0 s|6|13|unknown parameter 'nosuch'",
  })
  void anUnusedParamIsCheckedAsNgspiceEvaluatesIt(String cards, int line, int col, String message) {
    lettersThatAreNoUnitAreRefused(cards, line, col, message);
  }

  /**
   * What ngspice does not evaluate is not refused for its names: the default that every instance replaces, and the
   * parameters of a subcircuit that is never used (letters that are no unit are refused there all the same, above).
   */
  @Test
  void whatNgspiceNeverEvaluatesIsNotRefusedForItsNames() {
    CircuitCompiler.compile(HEAD + ".subckt s a b rv={2*nosuch}\nr1 a b {rv}\n.ends\n"
        + "x1 m 0 s rv=2k\n.subckt u a b rx={nosuch}\n.param z={nosuch}\nr1 a b 1k\n.ends\n.tran 1n 1u\n.end\n", "u.cir");
  }

  /**
   * Checking an unused {@code .param} draws nothing from the netlist's seeded generator: the used values' draws are
   * those of the same netlist without it (an {@code agauss()} in an unused {@code .param} is drawn from a throwaway one).
   */
  @Test
  void checkingAnUnusedRandomParamLeavesTheSeededSequence() {
    String used = ".options seed=7\n.param a={agauss(1k, 100, 1)} b={agauss(1k, 100, 1)}\nr2 m 0 {a}\nr3 m 0 {b}\n";
    double[] without = ohms(CircuitCompiler.compile(HEAD + used + ".tran 1n 1u\n.end\n", "u.cir"));
    double[] with = ohms(CircuitCompiler.compile(HEAD + ".param early={agauss(1, 1, 1)}\n" + used
        + ".param late={agauss(1, 1, 1)}\n.tran 1n 1u\n.end\n", "u.cir"));
    assertThat(with).containsExactly(without);
    assertThat(without[0]).isNotEqualTo(without[1]).isNotEqualTo(1000.0);
  }

  private static double[] ohms(CircuitCompiler.Compiled c) {
    return new double[] {((org.neuristor.circuit.element.Resistor) c.circuit().element("r2")).ohms(),
        ((org.neuristor.circuit.element.Resistor) c.circuit().element("r3")).ohms()};
  }

  /** A .dc sweep's values and a .control expression are read through the same check. */
  @Test
  void dcValuesAndControlExpressionsToo() {
    assertThatThrownBy(() -> CircuitCompiler.compile(HEAD + ".dc v1 0 1 0.1xx\n.end\n", "u.cir"))
        .hasMessageStartingWith("u.cir:5:12: ").hasMessageContaining("'0.1xx': xx is not a unit");
    assertThatThrownBy(() -> DeckRunner.run(CircuitCompiler.compile(HEAD + ".tran 1n 10n\n.control\nrun\nlet x = 5kss\n"
        + ".endc\n.end\n", "u.cir"), DeckRunner.Options.defaults()))
        .hasMessageContaining("'5kss': ss is not a unit; ngspice would ignore it and read 5k");
  }

  /** What ngspice reads and Neuristor accepts still reads the same: units, scale factors, expressions, M as milli. */
  @Test
  void unitsAndScaleFactorsAreReadAsNgspiceReadsThem() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(HEAD + ".param x=5kOhm y={2k*3} z=1meg w=2M u=7\n"
        + ".ic v(m)=0.5V\n.nodeset v(in)=1\n.options reltol=1e-3 abstol=2pA\nr2 m 0 {x*y/z}\nr3 m 0 {1kOhm*w}\n"
        + "b1 m 0 i=v(m)/10meg\n.tran 1n 1u\n.end\n", "u.cir");
    assertThat(((org.neuristor.circuit.element.Resistor) c.circuit().element("r2")).ohms()).isEqualTo(5e3 * 6e3 / 1e6);
    assertThat(((org.neuristor.circuit.element.Resistor) c.circuit().element("r3")).ohms()).isEqualTo(2.0);
    assertThat(c.circuit().options().reltol()).isEqualTo(1e-3);
    // a unit ngspice reads as a scale factor, where the quantity is not known: as ngspice (the knowm models' mob=50F)
    CircuitCompiler.Compiled f = CircuitCompiler.compile(HEAD + ".param mob=50F\nr2 m 0 {mob*1e18}\n.op\n.end\n", "u.cir");
    assertThat(((org.neuristor.circuit.element.Resistor) f.circuit().element("r2")).ohms()).isCloseTo(5e4,
        org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(c.circuit().options().abstol()).isEqualTo(2e-12);
  }
}
