package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Differential oracle in the style of Xyce's regression suite: the compiled TS-A device
 * ({@code N} line) and the same equations written as ngspice behavioural sources must give the
 * same spikes in the same 1TS-1C neuron.
 */
class CompactVersusBehaviouralTest {

  static List<Double> spikes(Trace t, String sig) {
    List<Double> out = new java.util.ArrayList<>();
    double[] a = t.axis();
    double[] x = t.get(sig);
    for (int i = 1; i < a.length; i++) {
      if (x[i - 1] < 0.5 && x[i] >= 0.5) {
        out.add(a[i - 1] + (a[i] - a[i - 1]) * (0.5 - x[i - 1]) / (x[i] - x[i - 1]));
      }
    }
    return out;
  }

  @Test
  void compiledDeviceMatchesBehaviouralSourcesSpikeForSpike() throws Exception {
    String behavioural;
    try (InputStream in = getClass().getResourceAsStream("/ngspice/ts_1ts1c_bsource.cir")) {
      behavioural = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String compact = """
        1TS-1C with the compiled TS-A device
        vin in 0 2
        rin in m 20k
        cm m 0 1n
        n1 m o tsa
        .model tsa ts (vth=1 vhold=0.6 ron=1k roff=1meg tauon=10n tauoff=100n delta=2m eps=0.02)
        rout o 0 100
        .ic v(m)=0
        .tran 20n 100u uic
        .end
        """;
    CircuitCompiler.Compiled b = CircuitCompiler.compile(behavioural, "b.cir");
    CircuitCompiler.Compiled c = CircuitCompiler.compile(compact, "c.cir");
    List<Double> sb = spikes(Simulation.run(b.circuit(), b.analyses().get(0), List.of("v(x)"), null).trace(), "v(x)");
    List<Double> sc = spikes(Simulation.run(c.circuit(), c.analyses().get(0), List.of("n1.x"), null).trace(), "n1.x");
    assertThat(sc).hasSameSizeAs(sb).hasSizeGreaterThan(10);
    for (int k = 0; k < sb.size(); k++) {
      // same equations, different unknown layout: spike times agree to 0.1% of the elapsed time
      assertThat(sc.get(k)).isCloseTo(sb.get(k), org.assertj.core.data.Offset.offset(1e-3 * sb.get(k)));
    }
  }
}
