package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Units written after numbers: read as ngspice reads them, refused where that would misread the deck. */
class WrittenUnitsTest {

  /** Forms ngspice reads and whose letters fit the quantity (or are no unit): accepted, value as ngspice. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "r1 a 0 10kohm|1e4", "r1 a 0 20k|2e4", "r1 a 0 1.5Meg|1.5e6", "r1 a 0 1MEG|1e6", "r1 a 0 2Ohms|2",
      "r1 a 0 1m|1e-3", "r1 a 0 1M|1e-3", "r1 a 0 2\u03a9|2",
      "c1 a 0 1uF|1e-6", "c1 a 0 100pF|1e-10", "c1 a 0 1fF|1e-15", "c1 a 0 1f|1e-15",
      "l1 a 0 1H|1", "l1 a 0 100nH|1e-7", "c1 a 0 2MF|2e-3", "l1 a 0 3MH|3e-3",
  })
  void ngspiceFormsAreReadAsNgspiceReadsThem(String card, double expected) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("t\ni1 0 a 1m\n" + card + "\nr9 a 0 1k\n.op\n", "u.cir");
    String name = card.substring(0, 2);
    double v = switch (name.charAt(0)) {
      case 'r' -> ((org.neuristor.circuit.element.Resistor) c.circuit().element(name)).ohms();
      case 'c' -> ((org.neuristor.circuit.element.Capacitor) c.circuit().element(name)).farads();
      default -> ((org.neuristor.circuit.element.Inductor) c.circuit().element(name)).henries();
    };
    assertThat(v).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-9));
  }

  /** Lead's finding (issue 17/18): a unit of another quantity, or one ngspice reads as a scale factor, is refused at its position. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "t\\n.param rin=20kV\\nv1 a 0 1\\nr1 a 0 {rin}\\n.op|2|12|V is not a unit of resistance",
      "t\\nv1 a 0 1\\nr1 a 0 20kV\\n.op|3|8|V is not a unit of resistance (Ohm); ngspice would ignore it and read 20k",
      "t\\nv1 a 0 1\\nr1 a 0 1MOhm\\n.op|3|8|M is milli in SPICE",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\nc1 a 0 1F\\n.op|4|8|ngspice reads F as the scale factor femto",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\nc1 a 0 2farad\\n.op|4|8|ngspice reads f as the scale factor femto",
      "t\\nv1 a 0 5A\\nr1 a 0 1k\\n.op|2|8|A is not a unit of voltage",
      "t\\nv1 a 0 pwl(0US 0MA 10US 0.1MA)\\nr1 a 0 1k\\n.tran 1u 10u|2|16|A is not a unit of voltage",
      "t\\ni1 0 a 2mV\\nr1 a 0 1k\\n.op|2|8|V is not a unit of current",
      "t\\nv1 a 0 pulse(0 1 1mV 1n 1n 1u 2u)\\nr1 a 0 1k\\n.tran 1n 4u|2|18|V is not a unit of time",
      "t\\nv1 a 0 sin(0 1 10MHz)\\nr1 a 0 1k\\n.tran 1n 4u|2|16|M is milli in SPICE",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\n.tran 1nV 4u|4|7|V is not a unit of time",
      "t\\n.subckt s p q rv=1k\\nr1 p q {rv}\\n.ends\\nv1 a 0 1\\nx1 a 0 s rv=3kF\\n.op|6|13|F is not a unit of resistance",
      // round 18: letters that are no unit at all were ignored (5kss read as 5k, 3x as 3), as ngspice does
      "t\\nv1 a 0 1\\nr1 a 0 5kss\\n.op|3|8|'5kss': ss is not a unit of resistance (Ohm); ngspice would ignore it and read 5k",
      "t\\nv1 a 0 1\\nr1 a 0 3x\\n.op|3|8|'3x': x is not a unit of resistance (Ohm); ngspice would ignore it and read 3",
      "t\\n.param rin=5kss\\nv1 a 0 1\\nr1 a 0 {rin}\\n.op|2|12|ss is not a unit of resistance",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\nc1 a 0 1nss\\n.tran 1n 10n|4|8|ss is not a unit of capacitance (F)",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\n.tran 1nx 10n|4|7|x is not a unit of time (s)",
      // .model cards and device instance parameters: letters that are no unit, and for a Neuristor device a unit of
      // another quantity than the parameter's (ron in Ohm)
      "t\\nv1 a 0 1\\nr1 a b 1k\\nn1 b 0 tsm\\n.model tsm ts (ron=5kss)\\n.op|5|20|'5kss': ss is not a unit of resistance (Ohm); ngspice would ignore it and read 5k for model parameter ron",
      "t\\nv1 a 0 1\\nr1 a b 1k\\nn1 b 0 tsm\\n.model tsm ts (ron=5kV)\\n.op|5|20|'5kV': V is not a unit of resistance (Ohm)",
      "t\\nv1 a 0 1\\nr1 a b 1k\\nn1 b 0 tsm ron=5kss\\n.model tsm ts\\n.op|4|16|ss is not a unit of resistance (Ohm)",
      "t\\nv1 a 0 1\\nr1 a b 1k\\nd1 b 0 dd\\n.model dd d (is=1e-14x)\\n.op|5|17|'1e-14x': x is not a unit; ngspice would ignore it and read 1e-14 for model parameter is",
  })
  void unitsThatWouldBeMisreadAreRefused(String text, int line, int col, String message) {
    assertThatThrownBy(() -> CircuitCompiler.compile(text.replace("\\n", "\n"), "u.cir"))
        .isInstanceOf(org.neuristor.NetlistException.class)
        .hasMessageContaining(message)
        .hasMessageStartingWith("u.cir:" + line + ":" + col + ": ");
  }

  /** Units that fit on .model cards are read as before: a Neuristor device's parameter in its unit, any unit on a SPICE model. */
  @org.junit.jupiter.api.Test
  void modelParametersWithTheirUnitAreRead() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("t\nv1 a 0 1\nr1 a b 1k\nn1 b 0 tsm\nd1 a 0 dd\n"
        + ".model tsm ts (ron=5kOhm vth=1.5V tauon=10ns)\n.model dd d (is=1e-14A n=1)\n.op\n", "u.cir");
    org.assertj.core.api.Assertions.assertThat(c.circuit().element("n1")).isNotNull();
    org.assertj.core.api.Assertions.assertThat(c.circuit().element("d1")).isNotNull();
  }

  /** A model card file (fit's output, read by fit check and --start) refuses the same letters, naming the parameter. */
  @org.junit.jupiter.api.Test
  void modelCardFilesRefuseLettersThatAreNoUnit() {
    assertThatThrownBy(() -> org.neuristor.fit.ModelCard.parse(".model m ts (vth=1 ron=5kss)\n", "m.model"))
        .isInstanceOf(org.neuristor.NetlistException.class)
        .hasMessage("m.model:1:1: '5kss': ss is not a unit of resistance (Ohm); ngspice would ignore it and read 5k"
            + " for model parameter ron");
    assertThatThrownBy(() -> org.neuristor.fit.ModelCard.parse(".model m ts (vth=1kOhm)\n", "m.model"))
        .hasMessageContaining("Ohm is not a unit of voltage (V)");
    assertThat(org.neuristor.fit.ModelCard.parse(".model m ts (vth=1.5V ron=5kOhm)\n", "m.model")).isNotNull();
  }

  /** A library circuit's parameter given with the unit of the quantity it sets reaches the netlist with that unit checked. */
  @org.junit.jupiter.api.Test
  void circuitParametersKeepTheirUnitUpToTheElement() {
    org.neuristor.library.NeuronCircuit lif = org.neuristor.library.NeuronLibrary.get("lif");
    java.util.Map<String, String> p = org.neuristor.library.Protocols.parameters(lif,
        java.util.Map.of("rin", "22kOhm", "cm", "2nF", "tstop", "50us"));
    CircuitCompiler.Compiled c = CircuitCompiler.compile(lif.netlist(p, null), "lif.cir");
    assertThat(((org.neuristor.circuit.element.Resistor) c.circuit().element("rin")).ohms()).isEqualTo(22e3);
    assertThat(((org.neuristor.circuit.element.Capacitor) c.circuit().element("cm")).farads()).isEqualTo(2e-9);
    assertThatThrownBy(() -> CircuitCompiler.compile(lif.netlist(org.neuristor.library.Protocols.parameters(lif,
        java.util.Map.of("cm", "2nH")), null), "lif.cir")).hasMessageContaining("H is not a unit of capacitance");
  }
}
