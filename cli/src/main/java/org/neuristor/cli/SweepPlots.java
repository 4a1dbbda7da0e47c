package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuristor.plot.Plotter;
import org.neuristor.sweep.Parameter;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.SweepSpec;

/**
 * The figures of a finished sweep: with exactly two grid/list parameters, one heat map per result
 * (cells averaged over the samples); otherwise each result against each varied parameter (a line
 * for a grid parameter alone, a scatter for sampled ones). Failed points are left out (grey cells).
 * Axis titles carry units (a parameter's declared unit, a result's from its name: {@code _hz},
 * {@code _V}, {@code _s}, {@code _J}, {@code _ohm}); log-spaced parameters ({@code loggrid},
 * {@code lognormal}) get a logarithmic axis (log10 of the value on a heat map); the neuron job's
 * {@code phase} map names its categories. A result no point gave a finite value of gets no figure (an empty plot
 * would show what did not happen): one warning line names those left out.
 */
final class SweepPlots {
  private SweepPlots() {}

  static List<Path> write(SweepSpec spec, List<PointResult> rows, OutputOptions output) {
    List<Path> out = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<Parameter> ps = spec.parameters();
    List<Parameter.Values> grid = ps.stream().filter(p -> p instanceof Parameter.Values)
        .map(p -> (Parameter.Values) p).toList();
    if (ps.size() == 2 && grid.size() == 2) {
      Parameter.Values px = grid.get(1);
      Parameter.Values py = grid.get(0);
      double[] xs = px.values().stream().mapToDouble(Double::doubleValue).toArray();
      double[] ys = py.values().stream().mapToDouble(Double::doubleValue).toArray();
      for (String r : spec.results()) {
        double[][] sum = new double[ys.length][xs.length];
        int[][] n = new int[ys.length][xs.length];
        boolean any = false;
        for (PointResult row : rows) {
          double v = row.ok() ? row.results().getOrDefault(r, Double.NaN) : Double.NaN;
          if (Double.isFinite(v)) {
            int ix = px.values().indexOf(row.params().get(px.name()));
            int iy = py.values().indexOf(row.params().get(py.name()));
            if (ix >= 0 && iy >= 0) {
              sum[iy][ix] += v;
              n[iy][ix]++;
              any = true;
            }
          }
        }
        for (int iy = 0; iy < ys.length; iy++) {
          for (int ix = 0; ix < xs.length; ix++) {
            sum[iy][ix] = n[iy][ix] == 0 ? Double.NaN : sum[iy][ix] / n[iy][ix];
          }
        }
        if (!any) {
          empty.add(r);
          continue;
        }
        Path png = output.plotFile(spec.name() + "." + safe(r));
        out.add(Plotter.heatmap(png, spec.name() + ": " + r, axis(spec, px), axis(spec, py), log(px, xs), log(py, ys),
            sum, resultLabel(r), r.equals("phase") ? PHASES : java.util.Map.of()));
      }
      warnEmpty(output, empty);
      return out;
    }
    for (String r : spec.results()) {
      for (Parameter p : ps) {
        List<double[]> pts = new ArrayList<>();
        for (PointResult row : rows) {
          double v = row.ok() ? row.results().getOrDefault(r, Double.NaN) : Double.NaN;
          if (Double.isFinite(v)) {
            pts.add(new double[] {row.params().get(p.name()), v});
          }
        }
        if (pts.isEmpty()) {
          if (!empty.contains(r)) {
            empty.add(r);
          }
          continue;
        }
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] x = pts.stream().mapToDouble(a -> a[0]).toArray();
        double[] y = pts.stream().mapToDouble(a -> a[1]).toArray();
        Path png = output.plotFile(spec.name() + "." + safe(r) + "-vs-" + safe(p.name()));
        String title = spec.name() + ": " + r + " vs " + p.name();
        boolean logX = logarithmic(p);
        if (p.random() || ps.size() > 1) {
          out.add(Plotter.xy(png, title, label(spec, p), resultLabel(r), List.of(new Plotter.Series(r, x, y, true)),
              logX, false, true));
        } else {
          out.add(Plotter.xy(png, title, label(spec, p), resultLabel(r), List.of(new Plotter.Series(r, x, y, true)),
              logX, false));
        }
      }
    }
    warnEmpty(output, empty);
    return out;
  }

  private static void warnEmpty(OutputOptions output, List<String> results) {
    if (!results.isEmpty()) {
      output.noPlot(String.join(", ", results), NO_FINITE);
    }
  }

  /** Why a result gets no plot. */
  static final String NO_FINITE = "no point gave a finite value";

  /** The names of the neuron job's phase values. */
  static final java.util.Map<Double, String> PHASES = java.util.Map.of(0.0, "silent", 1.0, "single spike", 2.0,
      "tonic");

  static boolean logarithmic(Parameter p) {
    return p instanceof Parameter.Values v && v.logarithmic() || p instanceof Parameter.LogNormal;
  }

  /**
   * A parameter's axis title with its unit ({@link SweepSpec#unit}: the job's, else the one the spec writes after
   * the values) as figure text ({@link Plotter#unitText}: {@code i_ext (µA/cm²)}); the bare name where
   * neither gives one ({@code cm} for {@code cm: {list: [1n, 2n]}}).
   */
  static String label(SweepSpec spec, Parameter p) {
    String u;
    try {
      u = spec.unit(p.name());
    } catch (RuntimeException e) {
      u = org.neuristor.expr.SpiceNumber.ANY_UNIT;
    }
    return u.equals(org.neuristor.expr.SpiceNumber.ANY_UNIT) ? p.name() : Plotter.axisTitle(p.name(), u);
  }

  /** Heat-map axis title: log10 of the value for a log-spaced parameter. */
  static String axis(SweepSpec spec, Parameter.Values p) {
    return p.logarithmic() ? "log10 " + label(spec, p) : label(spec, p);
  }

  static double[] log(Parameter.Values p, double[] v) {
    return p.logarithmic() ? java.util.Arrays.stream(v).map(Math::log10).toArray() : v;
  }

  /** A result's axis title with the unit its name carries. */
  static String resultLabel(String r) {
    String[][] suffixes = {{"_hz", "Hz"}, {"_V", "V"}, {"_s", "s"}, {"_J", "J"}, {"_ohm", "Ohm"}, {"_A", "A"}};
    for (String[] sx : suffixes) {
      if (r.endsWith(sx[0])) {
        return r + " (" + sx[1] + ")";
      }
    }
    return r.equals("spikes") || r.endsWith(".spikes") ? r + " (count)" : r;
  }

  static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("_+$", "");
  }
}
