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
 */
final class SweepPlots {
  private SweepPlots() {}

  static List<Path> write(SweepSpec spec, List<PointResult> rows, OutputOptions output) {
    List<Path> out = new ArrayList<>();
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
        for (PointResult row : rows) {
          double v = row.ok() ? row.results().getOrDefault(r, Double.NaN) : Double.NaN;
          if (Double.isFinite(v)) {
            int ix = px.values().indexOf(row.params().get(px.name()));
            int iy = py.values().indexOf(row.params().get(py.name()));
            if (ix >= 0 && iy >= 0) {
              sum[iy][ix] += v;
              n[iy][ix]++;
            }
          }
        }
        for (int iy = 0; iy < ys.length; iy++) {
          for (int ix = 0; ix < xs.length; ix++) {
            sum[iy][ix] = n[iy][ix] == 0 ? Double.NaN : sum[iy][ix] / n[iy][ix];
          }
        }
        Path png = output.plotFile(spec.name() + "." + safe(r));
        out.add(Plotter.heatmap(png, spec.name() + ": " + r, px.name(), py.name(), xs, ys, sum, r));
      }
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
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] x = pts.stream().mapToDouble(a -> a[0]).toArray();
        double[] y = pts.stream().mapToDouble(a -> a[1]).toArray();
        Path png = output.plotFile(spec.name() + "." + safe(r) + "-vs-" + safe(p.name()));
        String title = spec.name() + ": " + r + " vs " + p.name();
        if (p.random() || ps.size() > 1) {
          out.add(Plotter.scatter(png, title, p.name(), r, x, y));
        } else {
          out.add(Plotter.xy(png, title, p.name(), r, List.of(new Plotter.Series(r, x, y, true)), false, false));
        }
      }
    }
    return out;
  }

  static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("_+$", "");
  }
}
