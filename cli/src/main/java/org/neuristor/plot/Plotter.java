package org.neuristor.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuristor.analysis.Trace;
import org.neuristor.io.AtomicFiles;

/**
 * Plots written headless with XChart, as PNG or SVG by file extension, atomically. Long traces are
 * decimated to the minimum and maximum of each pixel column so narrow spikes stay visible.
 */
public final class Plotter {
  private Plotter() {}

  static final int WIDTH = 1000;
  static final int HEIGHT = 600;

  /** One x-y series. */
  public record Series(String name, double[] x, double[] y, boolean markers) {}

  /** One panel of a {@link #gallery}. */
  public record Panel(String title, double[] x, double[] y, String xLabel, String yLabel) {}

  /** Signals of a trace against its axis. */
  public static void lines(Path out, String title, String xLabel, String yLabel, Trace trace, List<String> signals) {
    Object[] ax = timeAxis(trace, xLabel);
    double[] x = (double[]) ax[0];
    List<Series> s = new ArrayList<>();
    for (String n : signals) {
      s.add(new Series(n, x, trace.get(n), false));
    }
    xy(out, title, (String) ax[1], yLabel, s, false, false);
  }

  /** The trace's axis, scaled to s, ms, us or ns when it is time, and its label. */
  private static Object[] timeAxis(Trace trace, String label) {
    double[] x = trace.axis();
    if (!trace.axisName().equals("time") || x.length == 0) {
      return new Object[] {x, label};
    }
    double span = Math.abs(x[x.length - 1]);
    double[] scales = {1, 1e-3, 1e-6, 1e-9};
    String[] units = {"s", "ms", "\u00b5s", "ns"};
    int u = 0;
    while (u < 3 && span < scales[u]) {
      u++;
    }
    double f = 1 / scales[u];
    double[] xs = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = x[i] * f;
    }
    return new Object[] {xs, "time (" + units[u] + ")"};
  }

  /** Vertically stacked panels sharing the x axis, e.g. input, membrane and output of a neuron. */
  public static void stacked(Path out, String title, Trace trace, List<List<String>> panels, List<String> yLabels) {
    List<BufferedImage> imgs = new ArrayList<>();
    int h = Math.max(220, HEIGHT / Math.max(1, panels.size()) + 60);
    Object[] ax = timeAxis(trace, axisLabel(trace));
    for (int p = 0; p < panels.size(); p++) {
      List<Series> s = new ArrayList<>();
      for (String n : panels.get(p)) {
        s.add(new Series(n, (double[]) ax[0], trace.get(n), false));
      }
      XYChart c = chart(p == 0 ? title : "", p == panels.size() - 1 ? (String) ax[1] : "", yLabels.get(p), s,
          false, false, WIDTH, h);
      imgs.add(BitmapEncoder.getBufferedImage(c));
    }
    BufferedImage all = new BufferedImage(WIDTH, h * imgs.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    for (int i = 0; i < imgs.size(); i++) {
      g.drawImage(imgs.get(i), 0, i * h, null);
    }
    g.dispose();
    writeImage(out, all);
  }

  private static String axisLabel(Trace t) {
    return t.axisName().equals("time") ? "time (s)" : t.axisName();
  }

  /** Generic x-y plot; logY plots |y| and drops zeros. */
  public static void xy(Path out, String title, String xLabel, String yLabel, List<Series> series, boolean logX,
      boolean logY) {
    XYChart c = chart(title, xLabel, yLabel, series, logX, logY, WIDTH, HEIGHT);
    write(out, c);
  }

  /** Histogram of values in equal bins. */
  public static void histogram(Path out, String title, String xLabel, double[] values, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double[] counts = new double[bins];
    for (double v : values) {
      counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
    }
    double[] x = new double[2 * bins + 2];
    double[] y = new double[2 * bins + 2];
    for (int b = 0; b < bins; b++) {
      x[2 * b + 1] = lo + (hi - lo) * b / bins;
      x[2 * b + 2] = lo + (hi - lo) * (b + 1) / bins;
      y[2 * b + 1] = counts[b];
      y[2 * b + 2] = counts[b];
    }
    x[0] = lo;
    x[2 * bins + 1] = hi;
    xy(out, title, xLabel, "count", List.of(new Series("count", x, y, false)), false, false);
  }

  /** A colour map of z[iy][ix] over xs and ys, with a colour scale. */
  public static void heatmap(Path out, String title, String xLabel, String yLabel, double[] xs, double[] ys,
      double[][] z, String zLabel) {
    int w = WIDTH;
    int h = HEIGHT;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    int left = 90;
    int top = 50;
    int right = 150;
    int bottom = 70;
    int pw = w - left - right;
    int ph = h - top - bottom;
    double zmin = Double.POSITIVE_INFINITY;
    double zmax = Double.NEGATIVE_INFINITY;
    for (double[] row : z) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          zmin = Math.min(zmin, v);
          zmax = Math.max(zmax, v);
        }
      }
    }
    if (!(zmax > zmin)) {
      zmax = zmin + 1;
    }
    for (int iy = 0; iy < ys.length; iy++) {
      for (int ix = 0; ix < xs.length; ix++) {
        double v = z[iy][ix];
        g.setColor(Double.isFinite(v) ? color((v - zmin) / (zmax - zmin)) : Color.LIGHT_GRAY);
        int x0 = left + ix * pw / xs.length;
        int x1 = left + (ix + 1) * pw / xs.length;
        int y0 = top + ph - (iy + 1) * ph / ys.length;
        int y1 = top + ph - iy * ph / ys.length;
        g.fillRect(x0, y0, x1 - x0, y1 - y0);
      }
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int ix = 0; ix < xs.length; ix += Math.max(1, xs.length / 8)) {
      g.drawString(fmt(xs[ix]), left + ix * pw / xs.length, top + ph + 18);
    }
    for (int iy = 0; iy < ys.length; iy += Math.max(1, ys.length / 8)) {
      g.drawString(fmt(ys[iy]), 10, top + ph - iy * ph / ys.length - 4);
    }
    g.drawString(xLabel, left + pw / 2 - 40, h - 20);
    g.drawString(yLabel, 10, top - 10);
    for (int k = 0; k <= 100; k++) {
      g.setColor(color(k / 100.0));
      g.fillRect(w - right + 30, top + ph - (k + 1) * ph / 101, 20, ph / 101 + 1);
    }
    g.setColor(Color.BLACK);
    g.drawString(fmt(zmax), w - right + 55, top + 10);
    g.drawString(fmt(zmin), w - right + 55, top + ph);
    g.drawString(zLabel, w - right + 20, top - 10);
    g.dispose();
    writeImage(out, img);
  }

  /** Grey-scale images in a grid (e.g. learned synaptic weights), with captions. */
  public static void imageGrid(Path out, String title, List<double[][]> images, int columns, List<String> captions) {
    int cell = 120;
    int rows = (images.size() + columns - 1) / columns;
    BufferedImage img = new BufferedImage(columns * cell + 20, rows * (cell + 20) + 50, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    for (int k = 0; k < images.size(); k++) {
      double[][] im = images.get(k);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] r : im) {
        for (double v : r) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (!(hi > lo)) {
        hi = lo + 1;
      }
      int x0 = 10 + (k % columns) * cell;
      int y0 = 40 + (k / columns) * (cell + 20);
      int px = (cell - 10) / Math.max(im.length, im[0].length);
      for (int r = 0; r < im.length; r++) {
        for (int c = 0; c < im[r].length; c++) {
          int grey = (int) Math.round(255 * (im[r][c] - lo) / (hi - lo));
          g.setColor(new Color(grey, grey, grey));
          g.fillRect(x0 + c * px, y0 + r * px, px, px);
        }
      }
      g.setColor(Color.BLACK);
      if (captions != null && k < captions.size()) {
        g.drawString(captions.get(k), x0, y0 + im.length * px + 14);
      }
    }
    g.dispose();
    writeImage(out, img);
  }

  /** A grid of small line plots in one image. */
  public static void gallery(Path out, String title, List<Panel> panels, int columns) {
    int pw = 360;
    int ph = 220;
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage img = new BufferedImage(columns * pw, rows * ph + 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    for (int k = 0; k < panels.size(); k++) {
      Panel p = panels.get(k);
      XYChart c = chart(p.title(), p.xLabel(), p.yLabel(), List.of(new Series(p.title(), p.x(), p.y(), false)),
          false, false, pw, ph);
      g.drawImage(BitmapEncoder.getBufferedImage(c), (k % columns) * pw, 40 + (k / columns) * ph, null);
    }
    g.dispose();
    writeImage(out, img);
  }

  // ------------------------------------------------------------------ helpers

  private static XYChart chart(String title, String xLabel, String yLabel, List<Series> series, boolean logX,
      boolean logY, int w, int h) {
    XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    Styler st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setLegendVisible(series.size() > 1);
    st.setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setXAxisLogarithmic(logX);
    c.getStyler().setYAxisLogarithmic(logY);
    c.getStyler().setMarkerSize(4);
    for (Series s : series) {
      double[][] d = prepare(s.x(), s.y(), logX, logY, w);
      if (d[0].length == 0) {
        continue;
      }
      XYSeries xs = c.addSeries(s.name(), d[0], d[1]);
      xs.setMarker(s.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    return c;
  }

  /** Drops non-finite and (for log axes) non-positive points; min/max decimation per pixel column. */
  static double[][] prepare(double[] x, double[] y, boolean logX, boolean logY, int pixels) {
    int n = x.length;
    double floor = 0;
    if (logY) {
      // A log axis shows 12 decades below the largest value; the rest (currents near 0 V) is dropped.
      for (double v : y) {
        if (Double.isFinite(v)) {
          floor = Math.max(floor, Math.abs(v));
        }
      }
      floor *= 1e-12;
    }
    double[] xs = new double[n];
    double[] ys = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      double xv = x[i];
      double yv = logY ? Math.abs(y[i]) : y[i];
      if (!Double.isFinite(xv) || !Double.isFinite(yv) || (logX && xv <= 0) || (logY && yv <= floor)) {
        continue;
      }
      xs[m] = xv;
      ys[m] = yv;
      m++;
    }
    if (m <= 20_000) {
      return new double[][] {java.util.Arrays.copyOf(xs, m), java.util.Arrays.copyOf(ys, m)};
    }
    int buckets = 2 * pixels;
    double lo = xs[0];
    double hi = xs[m - 1];
    double[] ox = new double[2 * buckets];
    double[] oy = new double[2 * buckets];
    int k = 0;
    int i = 0;
    for (int b = 0; b < buckets && i < m; b++) {
      double edge = lo + (hi - lo) * (b + 1) / buckets;
      int iMin = i;
      int iMax = i;
      while (i < m && (xs[i] <= edge || b == buckets - 1)) {
        if (ys[i] < ys[iMin]) {
          iMin = i;
        }
        if (ys[i] > ys[iMax]) {
          iMax = i;
        }
        i++;
      }
      int a = Math.min(iMin, iMax);
      int c = Math.max(iMin, iMax);
      ox[k] = xs[a];
      oy[k++] = ys[a];
      if (c != a) {
        ox[k] = xs[c];
        oy[k++] = ys[c];
      }
    }
    return new double[][] {java.util.Arrays.copyOf(ox, k), java.util.Arrays.copyOf(oy, k)};
  }

  private static Graphics2D canvas(BufferedImage img, String title) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 10, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  /** Viridis-like colour ramp for t in [0, 1]. */
  static Color color(double t) {
    t = Math.max(0, Math.min(1, t));
    int r = (int) Math.round(255 * Math.max(0, Math.min(1, -0.35 + 1.6 * t * t)));
    int gr = (int) Math.round(255 * Math.max(0, Math.min(1, 0.05 + 0.85 * t)));
    int b = (int) Math.round(255 * Math.max(0, Math.min(1, 0.35 + 0.6 * Math.sin(Math.PI * (0.9 - t)))));
    return new Color(r, gr, b);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  private static boolean svg(Path out) {
    return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
  }

  private static void write(Path out, XYChart c) {
    if (svg(out)) {
      AtomicFiles.write(out, os -> VectorGraphicsEncoder.saveVectorGraphic(c, os,
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    } else {
      AtomicFiles.write(out, os -> BitmapEncoder.saveBitmap(c, os, BitmapEncoder.BitmapFormat.PNG));
    }
  }

  /** Java2D images are written as PNG; an .svg name gets an embedded PNG inside an SVG wrapper. */
  private static void writeImage(Path out, BufferedImage img) {
    if (svg(out)) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try {
        ImageIO.write(img, "png", bos);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      String b64 = java.util.Base64.getEncoder().encodeToString(bos.toByteArray());
      AtomicFiles.writeString(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + img.getWidth()
          + "\" height=\"" + img.getHeight() + "\"><image width=\"" + img.getWidth() + "\" height=\""
          + img.getHeight() + "\" href=\"data:image/png;base64," + b64 + "\"/></svg>\n");
    } else {
      AtomicFiles.write(out, os -> ImageIO.write(img, "png", os));
    }
  }
}
