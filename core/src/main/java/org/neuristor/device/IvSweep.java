package org.neuristor.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuristor.analysis.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.DcSweep;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;

/**
 * Quasi-static I-V characterization: a DC sweep 0 -> +amp -> 0 -> -amp -> 0 of a source driving
 * the device (through an optional series resistor), carrying the device state from point to point,
 * and the extraction of V_th (last OFF point before the jump to ON), V_hold (last ON point before the
 * release), R_on and R_off per polarity. The sweep step is {@code amp/2000}; {@code rate} is kept
 * for the record (the quasi-static limit is rate-independent).
 */
public final class IvSweep {
  private IvSweep() {}

  /** Extracted figures of one polarity (NaN when the device did not switch). */
  public record Polarity(boolean positive, double vth, double vhold, double ron, double roff) {}

  /** The sweep trace (axis = source voltage; v(dev), i(dev)) and the extracted figures. */
  public record Result(Trace trace, List<Polarity> polarities) {}

  public static Result run(String type, Map<String, Object> params, long seed, double amp, double rate,
      double seriesOhms) {
    Element dev = DeviceRegistry.build(type, "dut", List.of("d", "0"), params, seed);
    Circuit.Builder b = Circuit.builder("iv").add(new VoltageSource("vs", "s", "0", 0.0)).add(dev);
    b.add(new Resistor("rs", "s", "d", seriesOhms > 0 ? seriesOhms : 1e-3));
    Circuit c = b.build();
    double step = amp / 2000;
    List<double[]> rows = new ArrayList<>();
    for (int pol = 0; pol < 2; pol++) {
      double sign = pol == 0 ? 1 : -1;
      MnaSystem sys = new MnaSystem(c);
      Trace t = new DcSweep("vs", 0, sign * amp, sign * step, true).run(sys, List.of("v(d)", "i(vs)")).trace();
      double[] v = t.get("v(d)");
      double[] i = t.get("i(vs)");
      for (int k = 0; k < v.length; k++) {
        rows.add(new double[] {t.axis()[k], v[k], -i[k]});
      }
    }
    Trace.Builder tb = new Trace.Builder("v-sweep", List.of("v(dev)", "i(dev)"));
    for (double[] r : rows) {
      tb.add(r[0], r[1], r[2]);
    }
    Trace tr = tb.build();
    List<Polarity> pols = new ArrayList<>();
    int half = rows.size() / 2;
    pols.add(extract(true, rows.subList(0, half)));
    pols.add(extract(false, rows.subList(half, rows.size())));
    return new Result(tr, pols);
  }

  /** Thresholds from jumps of the device conductance along one up/down branch. */
  static Polarity extract(boolean positive, List<double[]> rows) {
    int top = 0;
    for (int k = 0; k < rows.size(); k++) {
      if (Math.abs(rows.get(k)[0]) > Math.abs(rows.get(top)[0])) { // turning point of the source
        top = k;
      }
    }
    double gMin = Double.POSITIVE_INFINITY;
    double gMax = 0;
    for (double[] r : rows) {
      if (Math.abs(r[1]) > 1e-3) {
        double g = Math.abs(r[2] / r[1]);
        gMin = Math.min(gMin, g);
        gMax = Math.max(gMax, g);
      }
    }
    double gMid = Math.sqrt(gMin * gMax);
    double vth = Double.NaN;
    double vhold = Double.NaN;
    for (int k = 1; k <= top; k++) {
      if (g(rows.get(k - 1)) < gMid && g(rows.get(k)) >= gMid) {
        vth = Math.abs(rows.get(k - 1)[1]);
        break;
      }
    }
    for (int k = top + 1; k < rows.size(); k++) {
      if (g(rows.get(k - 1)) >= gMid && g(rows.get(k)) < gMid) {
        vhold = Math.abs(rows.get(k - 1)[1]);
        break;
      }
    }
    boolean switched = gMax > 2 * gMin;
    return new Polarity(positive, switched ? vth : Double.NaN, switched ? vhold : Double.NaN,
        1 / gMax, 1 / gMin);
  }

  private static double g(double[] r) {
    return Math.abs(r[1]) > 1e-6 ? Math.abs(r[2] / r[1]) : 0;
  }
}
