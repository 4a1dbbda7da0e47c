package org.neuristor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.NeuristorException;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;

class ResultsLogTest {
  @TempDir Path dir;

  static final String SPEC = "name: t\njob: {type: neuron, circuit: lif, params: {tstop: 20u}}\n"
      + "parameters:\n  vth: {list: [1.0, 1.2, -1, 0.9]}\nresults: [rate_hz, spikes]\n";

  @Test
  void tornLastLineIsDroppedAndFinishedPointsAreSkipped() throws Exception {
    SweepSpec s = SweepSpecTest.parse(SPEC);
    try (ResultsLog log = ResultsLog.open(dir, s)) {
      log.append(PointResult.evaluate(s, 2));
      log.append(PointResult.evaluate(s, 0));
    }
    Path csv = ResultsLog.csvPath(dir, s);
    // simulate a machine crash in the middle of a row
    Files.writeString(csv, "1,1.2,12", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    try (ResultsLog log = ResultsLog.open(dir, s)) {
      assertThat(log.pending()).containsExactly(1, 3);
      assertThat(log.count()).isEqualTo(2);
      LocalEngine.run(s, log, 2, null);
      List<PointResult> rows = log.finish();
      assertThat(rows).extracting(PointResult::index).containsExactly(0, 1, 2, 3);
    }
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("point,vth,rate_hz,spikes,status,error,wall_s");
    // a bad parameter value is recorded with its error, the other points still ran
    assertThat(lines.get(3)).startsWith("2,-1,,,error,\"").contains("vth");
    assertThat(lines.get(1)).contains(",ok,,");
    assertThat(lines.get(4)).contains(",ok,,");
  }

  @Test
  void anotherSpecInTheSameFolderIsRefused() {
    SweepSpec s = SweepSpecTest.parse(SPEC);
    try (ResultsLog log = ResultsLog.open(dir, s)) {
      log.append(PointResult.evaluate(s, 0));
    }
    SweepSpec other = SweepSpecTest.parse(SPEC.replace("0.9]", "0.8]"));
    assertThatThrownBy(() -> ResultsLog.open(dir, other)).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("different t spec");
  }

  @Test
  void rowsRoundTripExactly() {
    SweepSpec s = SweepSpecTest.parse("name: r\nseed: 3\nsamples: 3\njob: {type: neuron, circuit: lif, params: "
        + "{tstop: 20u}}\nparameters:\n  vth: {normal: [1, 0.05]}\n  cm: {lognormal: [1n, 0.1]}\n");
    PointResult r = PointResult.evaluate(s, 1);
    PointResult back = PointResult.parse(s, r.csvLine(s));
    assertThat(back.params()).isEqualTo(r.params());
    assertThat(back.results().keySet()).isEqualTo(r.results().keySet());
    for (String k : r.results().keySet()) {
      assertThat(back.results().get(k)).isEqualTo(r.results().get(k));
    }
  }

  @Test
  void neuronJobDeviceParameterEqualsTheHandEditedNetlistAndTheReferenceRate() {
    Jobs.NeuronJob job = new Jobs.NeuronJob("lif", null, Map.of("tstop", "100u"));
    // physics.md 4.1 [C]: V_in 2 V, R_in 20k, C 1 nF, TS 1.0/0.6 V -> 141 kHz
    assertThat(job.run(Map.of("vth", 1.0), 1).get("rate_hz")).isCloseTo(141e3, org.assertj.core.data.Percentage
        .withPercentage(3));
    double viaJob = job.run(Map.of("vth", 1.2), 1).get("rate_hz");
    String text = NeuronLibrary.get("lif").netlist().replace("vth=1 ", "vth=1.2 ");
    assertThat(text).contains("vth=1.2 ");
    org.neuristor.netlist.CircuitCompiler.Compiled cc = org.neuristor.netlist.CircuitCompiler.compile(
        text.replace("tstop=100u", "tstop=100u"), "lif.cir");
    org.neuristor.measure.Trace t = org.neuristor.circuit.Simulation.run(cc.circuit(), cc.analyses().get(0),
        cc.saves(), null).trace();
    double byHand = org.neuristor.measure.SpikeFeatures.of(t, "nts.x", "v(o)").rateHz();
    assertThat(viaJob).isEqualTo(byHand);
    assertThat(viaJob).isLessThan(130e3);
    assertThat(Protocols.stimulus("dc:amp=2", 1e-6)).isEqualTo("2.0");
  }
}
