package org.neuristor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;
import org.neuristor.netlist.CircuitCompiler;

/**
 * A run point's reductions computed row by row as the transient records them (no trace kept) are bit for bit what
 * the array forms give on the whole trace ({@code DoubleStream} max/min/average, the last sample, the device-state
 * crossings and their rate).
 */
class SignalReductionsTest {
  @TempDir Path dir;

  static final List<String> KINDS = List.of("max", "min", "final", "mean", "spikes", "rate");

  /** The reductions as the sweep computed them before streaming: from the stored arrays. */
  static Map<String, Double> fromArrays(Trace t, List<String> reductions) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String r : reductions) {
      String kind = r.substring(0, r.indexOf(':'));
      String sig = r.substring(r.indexOf(':') + 1);
      double[] y = t.get(sig);
      double[] x = t.axis();
      double span = x.length < 2 ? 0 : x[x.length - 1] - x[0];
      out.put(r, switch (kind) {
        case "max" -> Arrays.stream(y).max().orElse(Double.NaN);
        case "min" -> Arrays.stream(y).min().orElse(Double.NaN);
        case "final" -> y.length == 0 ? Double.NaN : y[y.length - 1];
        case "mean" -> Arrays.stream(y).average().orElse(Double.NaN);
        case "spikes" -> (double) SpikeFeatures.crossings(t, sig).length;
        default -> span > 0 ? SpikeFeatures.crossings(t, sig).length / span : Double.NaN;
      });
    }
    return out;
  }

  static List<String> all(String... signals) {
    List<String> out = new java.util.ArrayList<>();
    for (String s : signals) {
      for (String k : KINDS) {
        out.add(k + ":" + s);
      }
    }
    return out;
  }

  static Map<String, Double> values(SignalReductions s, List<String> reductions) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String r : reductions) {
      out.put(r, s.value(r, "f"));
    }
    return out;
  }

  static void assertBitIdentical(Map<String, Double> got, Map<String, Double> expected) {
    assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String r : expected.keySet()) {
      assertThat(Double.doubleToRawLongBits(got.get(r))).as(r + ": " + got.get(r) + " vs " + expected.get(r))
          .isEqualTo(Double.doubleToRawLongBits(expected.get(r)));
    }
  }

  @Test
  void streamedRowsGiveTheArrayFormsBitForBit() {
    Random rnd = new Random(7);
    for (int rows : new int[] {0, 1, 2, 255, 256, 257, 5_000, 40_001}) {
      Trace.Builder kept = new Trace.Builder("time", List.of("v(a)", "v(x)", "v(c)"));
      List<String> red = all("v(x)", "V(A)");
      SignalReductions streamed = new SignalReductions(red);
      Trace.Builder unkept = new Trace.Builder("time", List.of("v(a)", "v(x)", "v(c)"), streamed);
      double t = 0;
      double[] row = new double[3];
      for (int r = 0; r < rows; r++) {
        t += rnd.nextDouble() * 1e-9;
        // a state in [0, 1] that spikes (a smooth wave with noise), a wide-range signal with awkward values
        row[1] = 0.5 + 0.55 * Math.sin(r / 37.0) + 0.03 * rnd.nextGaussian();
        row[0] = rnd.nextInt(50) == 0 ? (rnd.nextBoolean() ? -0.0 : 1e300) : rnd.nextGaussian() * 1e3;
        row[2] = r;
        kept.addRow(t, row);
        unkept.addRow(t, row);
      }
      Trace whole = kept.build();
      Trace none = unkept.build();
      assertThat(none.size()).isZero();
      assertThat(none.names()).containsExactly("v(a)", "v(x)", "v(c)");
      Map<String, Double> expected = fromArrays(whole, red);
      if (rows > 1000) {
        assertThat(expected.get("spikes:v(x)")).isGreaterThan(10);
      }
      assertBitIdentical(values(streamed, red), expected);
      assertBitIdentical(values(SignalReductions.of(red, whole), red), expected);
    }
  }

  @Test
  void nonFiniteSamplesReduceAsTheArrayFormsDo() {
    double[][] cases = {{1, Double.NaN, 2}, {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0},
        {0.0, -0.0}, {-0.0, 0.0}, {0, 0.7, Double.NaN, 0.2, 0.9}};
    for (double[] y : cases) {
      double[] x = new double[y.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i * 1e-6;
      }
      Trace t = Trace.of("time", x, Map.of("v(x)", y));
      List<String> red = all("v(x)");
      SignalReductions streamed = new SignalReductions(red);
      Trace.Builder b = new Trace.Builder("time", List.of("v(x)"), streamed);
      for (int i = 0; i < x.length; i++) {
        b.add(x[i], y[i]);
      }
      b.build();
      assertBitIdentical(values(streamed, red), fromArrays(t, red));
    }
  }

  /** The neuron of the bench's f-V sweep, one point: the job (streamed) against the whole trace's arrays. */
  @Test
  void aRunPointMatchesItsWholeTrace() throws Exception {
    String net = String.join("\n", "1TS-1C LIF, B-source switch", ".param vin=2.5 vth=1 vhold=0.6 gon=1m goff=1u",
        "vin in 0 {vin}", "rin in m 20k", "cm m 0 1n", "bts m o I = ({goff} + V(x)*({gon}-{goff})) * V(m,o)",
        "rout o 0 100", "cx x 0 1",
        "bx 0 x I = (1/(1+exp(-(abs(V(m,o))-{vth}+({vth}-{vhold})*V(x))/2m)) - V(x)) / (100n + (10n-100n)"
            + "/(1+exp(-((1/(1+exp(-(abs(V(m,o))-{vth}+({vth}-{vhold})*V(x))/2m)) - V(x))/0.02))))",
        ".ic v(x)=0 v(m)=0", ".tran 1n 100u 0 20n", ".save v(m) v(o) v(x)", ".end", "");
    Files.writeString(dir.resolve("fv.cir"), net);
    List<String> red = List.of("rate:v(x)", "spikes:v(x)", "max:v(o)", "mean:v(m)", "min:v(m)", "final:v(x)");
    Files.writeString(dir.resolve("s.yaml"), "job: {type: run, netlist: fv.cir}\nparameters:\n  vin: {list: [2.5]}\n"
        + "results: ['" + String.join("', '", red) + "']\n");
    PointResult p = PointResult.evaluate(SweepSpec.load(dir.resolve("s.yaml")), 0);
    assertThat(p.ok()).as(p.error()).isTrue();
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(net, "fv.cir", dir);
    Analysis.Outcome o = Simulation.run(cc.circuit(), cc.analyses().get(0), List.of("v(x)", "v(o)", "v(m)"), null);
    assertThat(p.results().get("spikes:v(x)")).isGreaterThan(2);
    assertBitIdentical(p.results(), fromArrays(o.trace(), red));
  }

  @Test
  void aSignalThatWasNotRecordedNamesTheRecordedOnes() {
    SignalReductions s = new SignalReductions(List.of("max:v(q)"));
    Trace.Builder b = new Trace.Builder("time", List.of("v(x)"), s);
    b.add(0, 1);
    b.build();
    assertThatThrownBy(() -> s.value("max:v(q)", "n.cir")).isInstanceOf(NeuristorException.class)
        .hasMessage("n.cir: no signal 'v(q)' (saved: v(x))");
  }
}
