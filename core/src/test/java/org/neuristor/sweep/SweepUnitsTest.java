package org.neuristor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neuristor.NetlistException;

/** Issue 17: sweep values are read in the varied parameter's unit, and errors point at what is wrong. */
class SweepUnitsTest {
  static SweepSpec parse(String text) {
    return SweepSpec.parse("s.yaml", text, Path.of("."));
  }

  @Test
  void modelJobValuesAreInTheParametersUnit() {
    // before: 5ms and 20ms became 0.005 and 0.02 (ms) for tau_m
    SweepSpec s = parse("job: {type: model, model: lif, duration: 200ms}\nparameters:\n  tau_m: {list: [5ms, 0.02s, 30]}\n");
    assertThat(((Parameter.Values) s.parameters().get(0)).values()).containsExactly(5.0, 20.0, 30.0);
    assertThatThrownBy(() -> parse("job: {type: model, model: lif}\nparameters:\n  tau_m: {list: [5mV]}\n"))
        .isInstanceOf(NetlistException.class).hasMessageStartingWith("s.yaml:3:").hasMessageContaining("in ms");
  }

  @Test
  void ivJobValuesAreInTheDeviceParametersUnit() {
    SweepSpec s = parse("job: {type: iv, device: nbox}\nparameters:\n  ron: {list: [1k, 2kOhm]}\n");
    assertThat(((Parameter.Values) s.parameters().get(0)).values()).containsExactly(1000.0, 2000.0);
    assertThatThrownBy(() -> parse("job: {type: iv, device: nbox}\nparameters:\n  ron: {list: [2mV]}\n"))
        .hasMessageContaining("expected a value in Ohm");
  }

  @Test
  void aRefusedFixedParameterOfAnIvJobIsReportedAtItsLine() {
    // before: "s.yaml:4:3: parameter 'ron': vhold = 2.0 V ...", the varied parameter's line
    assertThatThrownBy(() -> parse("name: ivs\njob:\n  type: iv\n  device: nbox\n  params:\n    vhold: 2\n"
        + "parameters:\n  ron: {list: [1k, 2k]}\n"))
        .isInstanceOf(NetlistException.class).hasMessageStartingWith("s.yaml:6:").hasMessageContaining("vhold");
  }

  @Test
  void anInfiniteFixedParameterOfANeuronJobIsRefusedBeforeAnyPoint() {
    // before: vin 1e400 was infinity, every point failed ("residual history [Infinity]") and the sweep exited 0
    assertThatThrownBy(() -> parse("job: {type: neuron, circuit: lif, params: {vin: 1e400}}\nparameters:\n"
        + "  cm: {list: [1n, 2n]}\n"))
        .isInstanceOf(NetlistException.class).hasMessageStartingWith("s.yaml:1:")
        .hasMessageContaining("circuit lif: parameter vin: '1e400' is not a finite number");
  }

  @Test
  void aCircuitParametersValueWithAWrongUnitIsRefusedAtLoad() {
    // round 18: rin 7kV and tstop 0.3uA ran as 7k and 0.3u, while neuron run --param rin=7kV refuses it
    String job = "job: {type: neuron, circuit: lif, params: {vin: 2, tstop: 5u}}\nparameters:\n";
    assertThatThrownBy(() -> parse(job + "  rin: {loggrid: [7kV, 20kV, 2]}\n")).isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("s.yaml:3:19: parameter 'rin': '7kV': V is not a unit of resistance (Ohm); "
            + "ngspice would ignore it and read 7k");
    assertThatThrownBy(() -> parse(job + "  rin: {list: [7kOhm, 8k, 9kA]}\n"))
        .hasMessageStartingWith("s.yaml:3:27: parameter 'rin': '9kA': A is not a unit of resistance");
    assertThatThrownBy(() -> parse("job: {type: neuron, circuit: lif}\nparameters:\n  tstop: {list: [0.3uA]}\n"))
        .hasMessageStartingWith("s.yaml:3:18: parameter 'tstop': '0.3uA': A is not a unit of time (s)");
    // the right unit, and no unit, as before
    assertThat(((Parameter.Values) parse(job + "  rin: {loggrid: [7kOhm, 20k, 2]}\n").parameters().get(0)).values())
        .containsExactly(7000.0, 20000.0);
    assertThat(((Parameter.Values) parse(job + "  tstop: {list: [3us, 4u]}\n").parameters().get(0)).values())
        .containsExactly(3e-6, 4e-6);
  }

  @Test
  void aNetlistParamsValueWithAWrongUnitIsRefusedAtLoad(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve("n.cir"), "t\nv1 a 0 1\nr1 a 0 {rl}\n.param rl=1k\n.op\n.end\n");
    String job = "job: {type: run, netlist: n.cir}\nresults: [final:v(a)]\nparameters:\n";
    assertThatThrownBy(() -> SweepSpec.parse("s.yaml", job + "  rl: {list: [2kOhm, 3kV]}\n", dir))
        .isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("s.yaml:4:22: parameter 'rl': '3kV': V is not a unit of resistance (Ohm)");
    assertThat(((Parameter.Values) SweepSpec.parse("s.yaml", job + "  rl: {list: [2kOhm, 3k]}\n", dir).parameters()
        .get(0)).values()).containsExactly(2000.0, 3000.0);
  }

  @Test
  void anInfiniteSweepValueIsRefusedAsInfinite() {
    // before: "list: bad number 'inf'"
    assertThatThrownBy(() -> parse("job: {type: neuron, circuit: lif}\nparameters:\n  cm: {list: [1n, inf]}\n"))
        .isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("s.yaml:3:19: list: 'inf' is infinite; an infinite value is refused");
  }

  @Test
  void networkJobValuesAreInTheKeysUnit() {
    String net = "dt: 0.1ms\nduration: 10ms\npopulations:\n  n: {model: lif, size: 2, C: 200pF, g_L: 10nS, "
        + "E_L: -60mV, V_th: -50mV, V_reset: -60mV}\n";
    assertThat(org.neuristor.network.NetworkFile.unit("n.yaml", net, "populations.n.C")).isEqualTo("F");
    assertThat(org.neuristor.network.NetworkFile.unit("n.yaml", net, "populations.n.V_th")).isEqualTo("V");
  }

  @Test
  void aCircuitParamsUnitIsTheOneTheSpecWrites() {
    // before: no unit for a circuit .param (the axis title said "cm (SI)")
    String job = "job: {type: neuron, circuit: lif}\nparameters:\n";
    assertThat(parse(job + "  cm: {list: [1nF, 2n]}\n").unit("cm")).isEqualTo("F");
    assertThat(parse("samples: 2\n" + job + "  cm: {lognormal: [1nF, 0.1]}\n").unit("cm")).isEqualTo("F");
    assertThat(parse(job + "  rin: {loggrid: [5kohm, 60k, 3]}\n").unit("rin")).isEqualTo("Ohm");
    assertThat(parse(job + "  cm: {list: [1n, 2n]}\n").unit("cm")).isEqualTo(org.neuristor.expr.SpiceNumber.ANY_UNIT);
    // two units written: one of them is not the parameter's quantity, refused since round 18 (see below)
    assertThatThrownBy(() -> parse(job + "  cm: {list: [1nF, 2nV]}\n")).isInstanceOf(NetlistException.class)
        .hasMessageStartingWith("s.yaml:3:20: parameter 'cm': '2nV': V is not a unit of capacitance (F)");
    // a unit the job declares wins over what is written (2kOhm for a parameter in Ohm)
    assertThat(parse("job: {type: model, model: lif}\nparameters:\n  tau_m: {list: [0.02s]}\n").unit("tau_m"))
        .isEqualTo("ms");
  }
}
