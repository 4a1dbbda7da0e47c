package org.neuristor.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;
import org.neuristor.io.AtomicFiles;

/**
 * Publication-style plots of Neuristor results, written headless and atomically.
 *
 * <p>The format follows the file extension: {@code .svg} (vector, via VectorGraphics2D), {@code
 * .pdf} and {@code .eps} (vector), anything else PNG. Every method paints onto a {@link Graphics2D}
 * canvas; for PNG that canvas is a {@link BufferedImage}, for the vector formats a {@link
 * VectorGraphics2D} command recorder, so composite figures ({@link #stacked}, {@link #gallery},
 * {@link #imageGrid}, {@link #heatmap}) are genuine vector drawings in SVG too: each XChart panel
 * is painted into the shared canvas under a translation, exactly as for PNG.
 *
 * <p>Style: white background, light grid, a legend only when more than one series is shown, axis
 * titles as given by the caller (which should carry the unit, e.g. {@code time (s)}). When an axis
 * title ends in a plain SI unit in parentheses ({@code (s)}, {@code (V)}, {@code (A)}, {@code (Hz)},
 * ...), the data are rescaled to an engineering prefix so ticks read {@code 0 2 4 6} with the title
 * {@code time (µs)} instead of {@code 0.000002}.
 *
 * <p>Traces longer than {@value #DECIMATE_ABOVE} points are decimated to the minimum and maximum
 * of each pixel column (kept in their original order), so a 1-ns spike in a 10-ms run still shows.
 * Non-finite points are never plotted.
 */
public final class Plotter {
  /** Traces with more points than this are reduced to min/max per pixel column. */
  public static final int DECIMATE_ABOVE = 20_000;

  static final int WIDTH = 1000;
  static final int HEIGHT = 600;
  static final int STACK_PANEL_HEIGHT = 260;

  private static final Color[] PALETTE = colors(SpikeRaster.PALETTE);
  private static final Color GRID = new Color(SpikeRaster.GRID);
  private static final Color FRAME = new Color(SpikeRaster.FRAME);
  private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);

  private Plotter() {}

  private static Color[] colors(int[] rgb) {
    Color[] c = new Color[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      c[i] = new Color(rgb[i]);
    }
    return c;
  }

  /** One curve of an {@link #xy} plot; {@code markers} draws a marker at each point. */
  public record Series(String name, double[] x, double[] y, boolean markers) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "series " + name + ": x has " + x.length + " points, y has " + y.length);
      }
    }
  }

  /** One small line plot of a {@link #gallery}. */
  public record Panel(String title, double[] x, double[] y, String xLabel, String yLabel) {
    public Panel {
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "panel " + title + ": x has " + x.length + " points, y has " + y.length);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Public plot kinds

  /** Signals of a trace against its axis, one line each, on a single pair of axes. */
  public static Path lines(Path out, String title, String xLabel, String yLabel, Trace trace,
      List<String> signals) {
    List<Series> series = new ArrayList<>();
    for (String s : signals) {
      series.add(new Series(s, trace.axis(), trace.get(s), false));
    }
    if (png(out)) {
      return LinePlot.write(out, new LinePlot.Panel(title, xLabel, yLabel, series));
    }
    XYChart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, series, false, false);
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  /**
   * The axis title of a signal by its SPICE name: {@code voltage (V)} for {@code v(...)}, {@code
   * current (A)} for {@code i(...)}, {@code energy (J)} for {@code e(...)}, else the name itself (a
   * device state such as {@code n1.x} or {@code n1.t}, whose unit depends on the device).
   */
  public static String quantity(String signal) {
    String s = signal.toLowerCase(Locale.ROOT);
    if (s.startsWith("v(")) {
      return "voltage (V)";
    }
    if (s.startsWith("i(")) {
      return "current (A)";
    }
    if (s.startsWith("e(")) {
      return "energy (J)";
    }
    return "state " + signal;
  }

  /**
   * Signals of a trace in stacked panels, one per quantity ({@link #quantity}): all voltages in one
   * panel titled in V, all currents in one in A, each device state in its own, so that no axis mixes
   * units; a legend names the lines where a panel has several.
   */
  public static Path signals(Path out, String title, Trace trace, List<String> names) {
    java.util.Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
    for (String n : names) {
      groups.computeIfAbsent(quantity(n), k -> new ArrayList<>()).add(n);
    }
    return stacked(out, title, trace, new ArrayList<>(groups.values()), new ArrayList<>(groups.keySet()));
  }

  /**
   * A DC sweep that went up and back down ({@code .dc} with up/down): each signal is split at the
   * turning point into an "up" and a "down" line, so hysteresis shows as two branches; one panel
   * per quantity as in {@link #signals}, stacked.
   */
  public static Path upDown(Path out, String title, String xLabel, Trace trace, List<String> names) {
    double[] x = trace.axis();
    int turn = x.length - 1;
    for (int k = 1; k < x.length - 1; k++) {
      if ((x[k] - x[k - 1]) * (x[k + 1] - x[k]) < 0) {
        turn = k;
        break;
      }
    }
    java.util.Map<String, List<Series>> groups = new java.util.LinkedHashMap<>();
    for (String n : names) {
      double[] y = trace.get(n);
      List<Series> g = groups.computeIfAbsent(quantity(n), k -> new ArrayList<>());
      g.add(new Series(n + " up", Arrays.copyOfRange(x, 0, turn + 1), Arrays.copyOfRange(y, 0, turn + 1), false));
      if (turn < x.length - 1) {
        g.add(new Series(n + " down", Arrays.copyOfRange(x, turn, x.length), Arrays.copyOfRange(y, turn, y.length),
            false));
      }
    }
    int n = groups.size();
    int h = STACK_PANEL_HEIGHT * Math.max(2, n) + 45;
    List<String> labels = new ArrayList<>(groups.keySet());
    List<List<Series>> panels = new ArrayList<>(groups.values());
    if (png(out)) {
      List<LinePlot.Panel> ps = new ArrayList<>();
      int[] heights = new int[n];
      for (int i = 0; i < n; i++) {
        ps.add(new LinePlot.Panel(i == 0 ? title : null, xLabel, labels.get(i), panels.get(i)));
        heights[i] = h / n;
      }
      return LinePlot.write(out, WIDTH, h, null, 0, ps, heights);
    }
    XYChart[] charts = new XYChart[n];
    for (int i = 0; i < n; i++) {
      charts[i] = xyChart(WIDTH, h / n, i == 0 ? title : null, xLabel, labels.get(i), panels.get(i), false, false);
    }
    return render(out, WIDTH, h, g -> {
      fillWhite(g, WIDTH, h);
      for (int i = 0; i < n; i++) {
        AffineTransform saved = g.getTransform();
        g.translate(0, i * (h / n));
        charts[i].paint(g, WIDTH, h / n);
        g.setTransform(saved);
      }
    });
  }

  /**
   * Vertically stacked panels sharing the x axis (same range, tick labels only on the bottom
   * panel), e.g. input current / membrane voltage / output of a neuron. {@code panels.get(i)} lists
   * the signals of panel i and {@code panelYLabels.get(i)} its y-axis title. The x title is the
   * trace's axis name, with {@code (s)} appended for {@code time}.
   */
  public static Path stacked(Path out, String title, Trace trace, List<List<String>> panels,
      List<String> panelYLabels) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("stacked plot needs at least one panel");
    }
    if (panelYLabels.size() != panels.size()) {
      throw new IllegalArgumentException(
          panels.size() + " panels but " + panelYLabels.size() + " y labels");
    }
    String xLabel = trace.axisName().equalsIgnoreCase("time") ? "time (s)" : trace.axisName();
    boolean hasTitle = title != null && !title.isBlank();
    int titleHeight = hasTitle ? 40 : 0;
    int n = panels.size();
    int xAxisExtra = 45;
    int[] heights = new int[n];
    int total = titleHeight;
    for (int i = 0; i < n; i++) {
      heights[i] = STACK_PANEL_HEIGHT + (i == n - 1 ? xAxisExtra : 0);
      total += heights[i];
    }
    double[] axis = trace.axis();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double a : axis) {
      if (Double.isFinite(a)) {
        lo = Math.min(lo, a);
        hi = Math.max(hi, a);
      }
    }
    if (png(out)) {
      List<LinePlot.Panel> ps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<Series> series = new ArrayList<>();
        for (String s : panels.get(i)) {
          series.add(new Series(s, axis, trace.get(s), false));
        }
        LinePlot.Panel p = new LinePlot.Panel(null, xLabel, panelYLabels.get(i), series);
        p.xLo = lo;
        p.xHi = hi;
        p.xLabels = i == n - 1;
        p.below = LinePlot.BELOW_AXIS + (p.xLabels ? xAxisExtra : 0); // equal plot areas; the last's labels in the extra
        ps.add(p);
      }
      return LinePlot.write(out, WIDTH, total, title, titleHeight, ps, heights);
    }
    Prefix xp = Prefix.choose(xLabel, Math.max(Math.abs(lo), Math.abs(hi)));
    Chart[] charts = new Chart[n];
    for (int i = 0; i < n; i++) {
      List<Series> series = new ArrayList<>();
      for (String s : panels.get(i)) {
        series.add(new Series(s, axis, trace.get(s), false));
      }
      boolean bottom = i == n - 1;
      Chart c = xyChart(WIDTH, heights[i], null, xLabel, panelYLabels.get(i), series, false, false);
      XYStyler st = c.getStyler();
      if (lo < hi) {
        st.setXAxisMin(lo * xp.factor);
        st.setXAxisMax(hi * xp.factor);
      }
      if (!bottom) {
        st.setXAxisTitleVisible(false);
        st.setXAxisTickLabelsFormattingFunction(v -> " ");
      }
      charts[i] = c;
    }
    int[] shift = alignPlotAreas(charts, heights);
    final int th = titleHeight;
    final int height = total;
    return render(out, WIDTH, height, g -> {
      fillWhite(g, WIDTH, height);
      if (hasTitle) {
        drawCentered(g, title, TITLE, WIDTH / 2.0, 27);
      }
      int y = th;
      for (int i = 0; i < n; i++) {
        AffineTransform saved = g.getTransform();
        g.translate(shift[i], y);
        charts[i].paint(g, WIDTH - shift[i], heights[i]);
        g.setTransform(saved);
        y += heights[i];
      }
    });
  }

  /**
   * Horizontal shifts that give every stacked panel the same plot-area left edge. XChart sizes the
   * y axis by its tick labels, so panels with narrower labels are painted further right and
   * narrower (the right edge stays put); repeated because a narrower plot may pick other ticks.
   */
  private static int[] alignPlotAreas(Chart[] charts, int[] heights) {
    int n = charts.length;
    int[] shift = new int[n];
    BufferedImage scratch = new BufferedImage(WIDTH, 1, BufferedImage.TYPE_INT_RGB);
    for (int pass = 0; pass < 4; pass++) {
      double[] left = new double[n];
      double target = 0;
      for (int i = 0; i < n; i++) {
        Graphics2D g = scratch.createGraphics();
        try {
          charts[i].paint(g, WIDTH - shift[i], heights[i]);
        } finally {
          g.dispose();
        }
        left[i] = shift[i] + charts[i].plotBounds().getX();
        target = Math.max(target, left[i]);
      }
      boolean aligned = true;
      for (int i = 0; i < n; i++) {
        int extra = (int) Math.round(target - left[i]);
        if (extra != 0) {
          aligned = false;
          shift[i] += extra;
        }
      }
      if (aligned) {
        break;
      }
    }
    return shift;
  }

  /**
   * General x-y plot of several series. With {@code logY} the magnitude |y| is plotted and zero
   * values are dropped; with {@code logX} points with x <= 0 are dropped.
   */
  public static Path xy(Path out, String title, String xLabel, String yLabel, List<Series> series,
      boolean logX, boolean logY) {
    return xy(out, title, xLabel, yLabel, series, logX, logY, false);
  }

  /** As {@link #xy(Path, String, String, String, List, boolean, boolean)}; {@code scatter} draws markers only. */
  public static Path xy(Path out, String title, String xLabel, String yLabel, List<Series> series,
      boolean logX, boolean logY, boolean scatter) {
    if (png(out)) {
      LinePlot.Panel p = new LinePlot.Panel(title, xLabel, yLabel, series);
      p.logX = logX;
      p.logY = logY;
      p.scatter = scatter;
      return LinePlot.write(out, p);
    }
    XYChart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, series, logX, logY);
    if (scatter) {
      for (XYSeries s : chart.getSeriesCollection()) {
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      }
      chart.getStyler().setMarkerSize(4);
    }
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  /**
   * Scatter plot (markers only, no connecting lines) of y against x, e.g. a Monte Carlo result
   * against one sampled parameter; non-finite points are dropped.
   */
  public static Path scatter(Path out, String title, String xLabel, String yLabel, double[] x, double[] y) {
    if (png(out)) {
      LinePlot.Panel p = new LinePlot.Panel(title, xLabel, yLabel, List.of(new Series(yLabel, x, y, true)));
      p.scatter = true;
      return LinePlot.write(out, p);
    }
    XYChart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, List.of(new Series(yLabel, x, y, true)), false,
        false);
    for (XYSeries s : chart.getSeriesCollection()) {
      if (s.getName().equals(yLabel)) {
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
      } else {
        s.setMarker(SeriesMarkers.NONE); // the axis tick anchor
      }
    }
    chart.getStyler().setMarkerSize(4);
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  /**
   * Spike raster: one dot per spike (time, neuron index), one colour per series (population) with a
   * legend naming them.
   */
  public static Path raster(Path out, String title, String xLabel, String yLabel, List<Series> series) {
    // not decimated: min/max per pixel column keeps a line's extremes but drops most of a raster's spikes
    XYChart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, series, false, false, false);
    for (XYSeries s : chart.getSeriesCollection()) {
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    }
    chart.getStyler().setMarkerSize(2);
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  /**
   * Histogram of {@code values} (non-finite values ignored) in {@code bins} equal bins spanning
   * their range; the y axis is the count.
   */
  public static Path histogram(Path out, String title, String xLabel, double[] values, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    double lo = v.length == 0 ? 0 : Arrays.stream(v).min().getAsDouble();
    double hi = v.length == 0 ? 1 : Arrays.stream(v).max().getAsDouble();
    if (hi == lo) {
      double half = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
      lo -= half;
      hi += half;
    }
    long[] counts = new long[bins];
    double width = (hi - lo) / bins;
    for (double x : v) {
      int b = (int) ((x - lo) / width);
      counts[Math.min(Math.max(b, 0), bins - 1)]++;
    }
    // Step outline: (left edge, count) and (right edge, count) per bin, closed to zero at the ends.
    double[] xs = new double[2 * bins + 2];
    double[] ys = new double[2 * bins + 2];
    xs[0] = lo;
    for (int b = 0; b < bins; b++) {
      xs[2 * b + 1] = lo + b * width;
      xs[2 * b + 2] = lo + (b + 1) * width;
      ys[2 * b + 1] = counts[b];
      ys[2 * b + 2] = counts[b];
    }
    xs[2 * bins + 1] = hi;
    Prefix xp = Prefix.choose(xLabel, Math.max(Math.abs(lo), Math.abs(hi)));
    XYChart chart = baseChart(WIDTH, HEIGHT, title, xp.label, "count");
    XYSeries s = chart.addSeries("count", xp.apply(xs), ys);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(PALETTE[0]);
    s.setFillColor(new Color(0x1f, 0x77, 0xb4, 110));
    addTickAnchor(chart, xs[0] * xp.factor, xs[xs.length - 1] * xp.factor, 0);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisMin(0.0);
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  /**
   * Colour map of {@code z[iy][ix]} at cell centres {@code xs[ix]}, {@code ys[iy]} (ascending), with
   * a colour bar labelled {@code zLabel}. NaN cells are left grey. When z holds at most 10 distinct
   * integer values (a categorical phase diagram) a discrete legend of those values replaces the
   * continuous bar.
   */
  public static Path heatmap(Path out, String title, String xLabel, String yLabel, double[] xs,
      double[] ys, double[][] z, String zLabel) {
    return heatmap(out, title, xLabel, yLabel, xs, ys, z, zLabel, java.util.Map.of());
  }

  /**
   * As {@link #heatmap(Path, String, String, String, double[], double[], double[][], String)}, with
   * names for the values of a categorical map (e.g. 0 silent, 1 single spike, 2 tonic), shown in its
   * legend next to each colour.
   */
  public static Path heatmap(Path out, String title, String xLabel, String yLabel, double[] xs,
      double[] ys, double[][] z, String zLabel, java.util.Map<Double, String> categoryNames) {
    if (xs.length == 0 || ys.length == 0) {
      throw new IllegalArgumentException("heatmap needs at least one x and one y value");
    }
    if (z.length != ys.length) {
      throw new IllegalArgumentException("z has " + z.length + " rows but ys has " + ys.length);
    }
    for (int iy = 0; iy < z.length; iy++) {
      if (z[iy].length != xs.length) {
        throw new IllegalArgumentException(
            "z row " + iy + " has " + z[iy].length + " values but xs has " + xs.length);
      }
    }
    int w = 900;
    int h = 650;
    HeatmapPainter p = new HeatmapPainter(title, xLabel, yLabel, xs, ys, z, zLabel, categoryNames);
    return render(out, w, h, g -> p.paint(g, w, h));
  }

  /**
   * Grid of grey-scale images (e.g. learned synaptic weights, 28x28), each normalised to its own
   * range (min black, max white), with an optional caption under each ({@code captions} may be
   * empty or shorter than the image list).
   */
  public static Path imageGrid(Path out, String title, List<double[][]> images, int columns,
      List<String> captions) {
    return imageGrid(out, title, images, columns, captions, null);
  }

  /**
   * As {@link #imageGrid(Path, String, List, int, List)}, but with {@code scaleLabel} (e.g. {@code
   * weight (S)}) every image shares one symmetric range [-m, m] (m the largest magnitude of all),
   * black to white, shown by a grey colour bar with ticks on the right; null keeps the per-image
   * normalization (no common scale).
   */
  public static Path imageGrid(Path out, String title, List<double[][]> images, int columns,
      List<String> captions, String scaleLabel) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1, got " + columns);
    }
    int maxRows = 1;
    int maxCols = 1;
    for (double[][] im : images) {
      maxRows = Math.max(maxRows, im.length);
      maxCols = Math.max(maxCols, im.length == 0 ? 0 : im[0].length);
    }
    int scale = Math.max(1, 112 / Math.max(maxRows, maxCols));
    boolean anyCaption = captions.stream().anyMatch(c -> c != null && !c.isEmpty());
    int pad = 8;
    int captionH = anyCaption ? 18 : 0;
    int cellW = maxCols * scale + 2 * pad;
    int cellH = maxRows * scale + 2 * pad + captionH;
    int cols = Math.min(columns, Math.max(1, images.size()));
    int rows = (images.size() + cols - 1) / cols;
    boolean hasTitle = title != null && !title.isBlank();
    int titleH = hasTitle ? 40 : 0;
    double m = 0;
    for (double[][] im : images) {
      for (double[] row : im) {
        for (double v : row) {
          if (Double.isFinite(v)) {
            m = Math.max(m, Math.abs(v));
          }
        }
      }
    }
    final double range = m > 0 ? m : 1;
    boolean bar = scaleLabel != null;
    int barW = bar ? 140 : 0;
    int w = Math.max(cols * cellW + barW, hasTitle ? 300 : 1);
    int h = titleH + Math.max(1, rows) * cellH;
    final int sc = scale;
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      if (hasTitle) {
        drawCentered(g, title, TITLE, w / 2.0, 27);
      }
      if (bar) {
        int bx = cols * cellW + 20;
        int top = titleH + pad + 20;
        int bh = Math.max(60, h - top - 30);
        for (int k = 0; k < bh; k++) {
          int lvl = (int) Math.round(255 * (1 - (k + 0.5) / bh));
          g.setColor(new Color(lvl, lvl, lvl));
          g.fillRect(bx, top + k, 18, 1);
        }
        g.setColor(FRAME);
        g.drawRect(bx, top, 18, bh);
        g.setFont(BASE.deriveFont(11f));
        g.setColor(Color.BLACK);
        g.drawString(scaleLabel, bx - 10, top - 8);
        for (double t : niceTicks(-range, range, 5)) {
          int py = (int) Math.round(top + (range - t) / (2 * range) * bh);
          g.drawLine(bx + 18, py, bx + 22, py);
          g.drawString(tick(t), bx + 25, py + 4);
        }
      }
      for (int k = 0; k < images.size(); k++) {
        int x0 = (k % cols) * cellW + pad;
        int y0 = titleH + (k / cols) * cellH + pad;
        BufferedImage img = bar ? grey(images.get(k), -range, range) : grey(images.get(k));
        Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
            RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, x0, y0, img.getWidth() * sc, img.getHeight() * sc, null);
        if (old != null) {
          g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
        }
        g.setColor(FRAME);
        g.drawRect(x0 - 1, y0 - 1, img.getWidth() * sc + 1, img.getHeight() * sc + 1);
        if (k < captions.size() && captions.get(k) != null && !captions.get(k).isEmpty()) {
          drawCentered(g, captions.get(k), BASE.deriveFont(11f), x0 + maxColsPx(img, sc) / 2.0,
              y0 + img.getHeight() * sc + 14);
        }
      }
    });
  }

  /**
   * A grid of small line plots in one image, {@code columns} per row (e.g. the 20 Izhikevich
   * firing patterns). Each panel is an XChart plot painted into its cell of the shared canvas, for
   * PNG and vector formats alike.
   */
  public static Path gallery(Path out, String title, List<Panel> panels, int columns) {
    List<MultiPanel> m = new ArrayList<>();
    for (Panel p : panels) {
      m.add(new MultiPanel(p.title(), List.of(new Series(p.title(), p.x(), p.y(), false)), p.xLabel(), p.yLabel()));
    }
    return multiGallery(out, title, m, columns);
  }

  /** One small plot of a {@link #multiGallery} with several curves (no legend: say in the title what they are). */
  public record MultiPanel(String title, List<Series> series, String xLabel, String yLabel) {}

  /** As {@link #gallery} with several curves per panel, in palette order, without legends. */
  public static Path multiGallery(Path out, String title, List<MultiPanel> panels, int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1, got " + columns);
    }
    int cols = Math.min(columns, Math.max(1, panels.size()));
    int rows = (panels.size() + cols - 1) / cols;
    int cellW = cols <= 2 ? 500 : cols == 3 ? 420 : 340;
    int cellH = (int) (cellW * 0.68);
    boolean hasTitle = title != null && !title.isBlank();
    int titleH = hasTitle ? 44 : 0;
    int w = cols * cellW;
    int h = titleH + Math.max(1, rows) * cellH;
    List<XYChart> charts = new ArrayList<>();
    for (MultiPanel p : panels) {
      Chart c = xyChart(cellW, cellH, p.title(), p.xLabel(), p.yLabel(), p.series(), false, false);
      XYStyler st = c.getStyler();
      st.setChartTitleFont(BASE.deriveFont(Font.BOLD, 13f));
      st.setAxisTitleFont(BASE.deriveFont(11f));
      st.setAxisTickLabelsFont(BASE.deriveFont(10f));
      st.setChartPadding(6);
      st.setXAxisTickMarkSpacingHint(70);
      st.setYAxisTickMarkSpacingHint(45);
      st.setLegendVisible(false);
      charts.add(c);
    }
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      if (hasTitle) {
        drawCentered(g, title, TITLE.deriveFont(18f), w / 2.0, 29);
      }
      for (int k = 0; k < charts.size(); k++) {
        AffineTransform saved = g.getTransform();
        g.translate((k % cols) * cellW, titleH + (k / cols) * cellH);
        charts.get(k).paint(g, cellW, cellH);
        g.setTransform(saved);
      }
    });
  }

  /** One bar of {@link #logBars}: its label, its value and the group that colours it. */
  public record Bar(String label, double value, int group) {}

  /**
   * Horizontal bars on a logarithmic axis, one row per bar (top to bottom), coloured by group, with
   * a legend naming the groups; non-positive or non-finite values leave the row without a bar.
   */
  public static Path logBars(Path out, String title, String xLabel, List<Bar> bars, List<String> groups) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Bar b : bars) {
      if (b.value() > 0 && Double.isFinite(b.value())) {
        lo = Math.min(lo, b.value());
        hi = Math.max(hi, b.value());
      }
    }
    if (!(hi > 0)) {
      lo = 1;
      hi = 10;
    }
    int d0 = (int) Math.floor(Math.log10(lo));
    int d1 = Math.max(d0 + 1, (int) Math.ceil(Math.log10(hi)));
    Font labelFont = BASE.deriveFont(12f);
    java.awt.image.BufferedImage probe = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    int labelW = 0;
    for (Bar b : bars) {
      labelW = Math.max(labelW, pg.getFontMetrics(labelFont).stringWidth(b.label()));
    }
    pg.dispose();
    int left = labelW + 20;
    int plotW = 560;
    int rowH = 22;
    int top = 50;
    int legendH = 24 * ((groups.size() + 1) / 2) + 10;
    int w = left + plotW + 30;
    int h = top + bars.size() * rowH + 50 + legendH;
    final int decades = d1 - d0;
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      drawCentered(g, title, TITLE, w / 2.0, 28);
      java.util.function.DoubleUnaryOperator xOf = v -> left + plotW * (Math.log10(v) - d0) / decades;
      g.setFont(BASE.deriveFont(11f));
      for (int d = d0; d <= d1; d++) {
        int x = (int) Math.round(xOf.applyAsDouble(Math.pow(10, d)));
        g.setColor(GRID);
        g.drawLine(x, top - 4, x, top + bars.size() * rowH);
        drawCentered(g, "1e" + d, BASE.deriveFont(11f), x, top + bars.size() * rowH + 16);
      }
      drawCentered(g, xLabel, BASE, left + plotW / 2.0, top + bars.size() * rowH + 36);
      for (int i = 0; i < bars.size(); i++) {
        Bar b = bars.get(i);
        int y = top + i * rowH;
        g.setColor(Color.BLACK);
        g.setFont(labelFont);
        g.drawString(b.label(), 8, y + rowH - 7);
        if (b.value() > 0 && Double.isFinite(b.value())) {
          int x1 = (int) Math.round(xOf.applyAsDouble(b.value()));
          g.setColor(PALETTE[b.group() % PALETTE.length]);
          g.fillRect(left, y + 4, Math.max(1, x1 - left), rowH - 8);
        }
      }
      g.setColor(FRAME);
      g.drawRect(left, top - 4, plotW, bars.size() * rowH + 4);
      int ly = top + bars.size() * rowH + 50;
      for (int k = 0; k < groups.size(); k++) {
        int lx = 10 + (k % 2) * ((w - 20) / 2);
        int yy = ly + (k / 2) * 24;
        g.setColor(PALETTE[k % PALETTE.length]);
        g.fillRect(lx, yy, 14, 14);
        g.setColor(Color.BLACK);
        g.setFont(BASE.deriveFont(12f));
        g.drawString(groups.get(k), lx + 20, yy + 12);
      }
    });
  }

  /**
   * A table as a picture: one row per {@code rows} entry, one column per {@code columns} entry,
   * each cell with a short text on a green ({@code ok}) or grey background, e.g. which behaviour
   * (row) each circuit (column) shows.
   */
  public static Path matrix(Path out, String title, List<String> rows, List<String> columns, String[][] text,
      boolean[][] ok) {
    if (text.length != rows.size() || ok.length != rows.size()) {
      throw new IllegalArgumentException("matrix: " + rows.size() + " rows but " + text.length + " text rows");
    }
    Font cellFont = BASE.deriveFont(11f);
    Font headFont = BASE.deriveFont(Font.BOLD, 12f);
    java.awt.image.BufferedImage probe = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    int rowHead = 0;
    for (String r : rows) {
      rowHead = Math.max(rowHead, pg.getFontMetrics(headFont).stringWidth(r));
    }
    int cellW = 0;
    for (String c : columns) {
      cellW = Math.max(cellW, pg.getFontMetrics(headFont).stringWidth(c));
    }
    for (String[] r : text) {
      for (String t : r) {
        cellW = Math.max(cellW, pg.getFontMetrics(cellFont).stringWidth(t == null ? "" : t));
      }
    }
    int titleW = title == null ? 0 : pg.getFontMetrics(TITLE).stringWidth(title) + 40;
    pg.dispose();
    rowHead += 16;
    cellW += 14;
    int cellH = 22;
    boolean hasTitle = title != null && !title.isBlank();
    int titleH = hasTitle ? 40 : 0;
    int headH = 26;
    int w = Math.max(rowHead + columns.size() * cellW + 10, hasTitle ? titleW : 1);
    int h = titleH + headH + rows.size() * cellH + 10;
    final int rh = rowHead;
    final int cw = cellW;
    Color pass = new Color(0xb7e1b0);
    Color fail = new Color(0xf0f0f0);
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      if (hasTitle) {
        drawCentered(g, title, TITLE, w / 2.0, 27);
      }
      g.setColor(Color.BLACK);
      for (int j = 0; j < columns.size(); j++) {
        drawCentered(g, columns.get(j), headFont, rh + (j + 0.5) * cw, titleH + headH - 8);
      }
      for (int i = 0; i < rows.size(); i++) {
        int y0 = titleH + headH + i * cellH;
        g.setColor(Color.BLACK);
        g.setFont(headFont);
        g.drawString(rows.get(i), 6, y0 + cellH - 7);
        for (int j = 0; j < columns.size(); j++) {
          int x0 = rh + j * cw;
          g.setColor(ok[i][j] ? pass : fail);
          g.fillRect(x0 + 1, y0 + 1, cw - 2, cellH - 2);
          g.setColor(ok[i][j] ? Color.BLACK : new Color(0x707070));
          String t = text[i][j] == null ? "" : text[i][j];
          drawCentered(g, t, cellFont, x0 + cw / 2.0, y0 + cellH - 7);
        }
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  /** Paints a picture on a Graphics2D of the given size. */
  @FunctionalInterface
  interface Painter {
    void paint(Graphics2D g);
  }

  /** The vector format {@code out}'s extension asks for ({@code svg}, {@code pdf}, {@code eps}), else null: PNG. */
  private static String vectorFormat(Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".svg") ? "svg" : name.endsWith(".pdf") ? "pdf" : name.endsWith(".eps") ? "eps" : null;
  }

  /** Whether {@code out} is written as PNG (no vector extension): the x-y kinds then draw with {@link LinePlot}. */
  static boolean png(Path out) {
    return vectorFormat(out) == null;
  }

  /** Writes the picture in the format given by {@code out}'s extension, atomically. */
  static Path render(Path out, int width, int height, Painter painter) {
    String vector = vectorFormat(out);
    if (vector != null) {
      VectorGraphics2D g = new VectorGraphics2D();
      try {
        painter.paint(g);
      } finally {
        g.dispose();
      }
      Processor proc = Processors.get(vector);
      Document doc = proc.getDocument(g.getCommands(), new PageSize(0, 0, width, height));
      return AtomicFiles.write(out, doc::writeTo);
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      fillWhite(g, width, height);
      painter.paint(g);
    } finally {
      g.dispose();
    }
    return AtomicFiles.write(out, o -> {
      if (!ImageIO.write(img, "png", o)) {
        throw new java.io.IOException("no PNG writer available");
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // XChart helpers

  /** An XYChart that exposes where it drew its plot area, for aligning stacked panels. */
  static final class Chart extends XYChart {
    Chart(int w, int h) {
      super(w, h);
    }

    /** Plot-area bounds of the last paint, in chart coordinates. */
    Rectangle2D plotBounds() {
      return plot.getBounds();
    }
  }

  private static Chart baseChart(int w, int h, String title, String xLabel, String yLabel) {
    Chart c = new Chart(w, h);
    c.setTitle(title == null ? "" : title);
    c.setXAxisTitle(xLabel == null ? "" : xLabel);
    c.setYAxisTitle(yLabel == null ? "" : yLabel);
    XYStyler s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(FRAME);
    s.setPlotGridLinesColor(GRID);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleVisible(title != null && !title.isBlank());
    s.setChartTitleFont(TITLE);
    s.setAxisTitleFont(BASE);
    s.setAxisTickLabelsFont(BASE.deriveFont(12f));
    s.setLegendFont(BASE.deriveFont(12f));
    s.setLegendBorderColor(GRID);
    s.setLegendPosition(LegendPosition.InsideNE);
    s.setSeriesColors(PALETTE);
    s.setMarkerSize(6);
    s.setXAxisTitleVisible(xLabel != null && !xLabel.isBlank());
    s.setYAxisTitleVisible(yLabel != null && !yLabel.isBlank());
    s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
    s.setXAxisTickMarkSpacingHint(Math.max(60, w / 11));
    s.setYAxisTickMarkSpacingHint(Math.max(40, h / 11));
    Function<Double, String> fmt = Plotter::tick;
    s.setXAxisTickLabelsFormattingFunction(fmt);
    s.setYAxisTickLabelsFormattingFunction(fmt);
    return c;
  }

  /** Builds a styled chart of the given series (cleaned, decimated and prefix-scaled). */
  static Chart xyChart(int w, int h, String title, String xLabel, String yLabel,
      List<Series> series, boolean logX, boolean logY) {
    return xyChart(w, h, title, xLabel, yLabel, series, logX, logY, true);
  }

  /** As above; {@code decimate} false keeps every point (scatter plots such as spike rasters). */
  static Chart xyChart(int w, int h, String title, String xLabel, String yLabel,
      List<Series> series, boolean logX, boolean logY, boolean decimate) {
    double xMax = 0;
    double yMax = 0;
    for (Series s : series) {
      xMax = Math.max(xMax, maxAbs(s.x()));
      yMax = Math.max(yMax, maxAbs(s.y()));
    }
    Prefix xp = logX ? Prefix.NONE : Prefix.choose(xLabel, xMax);
    Prefix yp = logY ? Prefix.NONE : Prefix.choose(yLabel, yMax);
    Chart c = baseChart(w, h, title, xp.label(xLabel), yp.label(yLabel));
    XYStyler st = c.getStyler();
    st.setXAxisLogarithmic(logX);
    st.setYAxisLogarithmic(logY);
    if (logX) {
      st.setXAxisTickLabelsFormattingFunction(Plotter::tick);
    }
    int plotted = 0;
    java.util.Set<String> used = new java.util.HashSet<>();
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    double firstY = Double.NaN;
    int plotColumns = Math.max(200, w - 120);
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      double[][] pts = clean(s.x(), s.y(), logX, logY);
      if (decimate && pts[0].length > DECIMATE_ABOVE) {
        pts = decimate(pts[0], pts[1], plotColumns);
      }
      if (pts[0].length == 0) {
        continue;
      }
      String name = uniqueName(used, s.name() == null || s.name().isEmpty() ? "series " + (k + 1) : s.name());
      double[] px = xp.apply(pts[0]);
      double[] py = yp.apply(pts[1]);
      for (double v : px) {
        xLo = Math.min(xLo, v);
        xHi = Math.max(xHi, v);
      }
      if (Double.isNaN(firstY)) {
        firstY = py[0];
      }
      XYSeries xs = c.addSeries(name, px, py);
      xs.setLineColor(PALETTE[k % PALETTE.length]);
      xs.setMarkerColor(PALETTE[k % PALETTE.length]);
      xs.setLineWidth(1.5f);
      if (s.markers()) {
        xs.setMarker(SeriesMarkers.CIRCLE);
      } else {
        xs.setMarker(SeriesMarkers.NONE);
      }
      plotted++;
    }
    if (plotted > 0 && !logX) {
      addTickAnchor(c, xLo, xHi, firstY);
    }
    if (plotted == 0) {
      // XChart cannot lay out axes without data; an invisible point keeps the frame and titles.
      XYSeries dummy = c.addSeries("no data", new double[] {1}, new double[] {1});
      dummy.setMarker(SeriesMarkers.NONE);
      dummy.setLineColor(new Color(0, 0, 0, 0));
      dummy.setShowInLegend(false);
    }
    st.setLegendVisible(plotted > 1);
    return c;
  }

  /**
   * XChart picks x ticks among the data values when they are exactly equally spaced (as a fixed-step
   * simulation's are), which crowds the axis with labels. A hidden, unevenly spaced three-point
   * series inside the data range switches it back to its normal "nice number" ticks.
   */
  private static void addTickAnchor(XYChart c, double lo, double hi, double y) {
    if (!(hi > lo)) {
      return;
    }
    XYSeries a = c.addSeries("\u0000tick-anchor", new double[] {lo, lo + 0.3183 * (hi - lo), hi},
        new double[] {y, y, y});
    a.setMarker(SeriesMarkers.NONE);
    a.setLineColor(new Color(0, 0, 0, 0));
    a.setLineWidth(0f);
    a.setShowInLegend(false);
  }

  static String uniqueName(java.util.Set<String> used, String name) {
    String n = name;
    int i = 2;
    while (!used.add(n)) {
      n = name + " (" + i++ + ")";
    }
    return n;
  }

  /** Drops non-finite points, and non-positive ones on log axes (log y plots |y|). */
  static double[][] clean(double[] x, double[] y, boolean logX, boolean logY) {
    int n = 0;
    double[] cx = new double[x.length];
    double[] cy = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      double a = x[i];
      double b = logY ? Math.abs(y[i]) : y[i];
      if (!Double.isFinite(a) || !Double.isFinite(b) || (logX && a <= 0) || (logY && b == 0)) {
        continue;
      }
      cx[n] = a;
      cy[n] = b;
      n++;
    }
    return new double[][] {Arrays.copyOf(cx, n), Arrays.copyOf(cy, n)};
  }

  /**
   * Reduces a long series to at most {@code 2 * columns + 2} points: for each of {@code columns}
   * equal x intervals, the minimum and maximum y in their original order; the first and last points
   * are kept. Narrow extremes (spikes) therefore survive at any zoom-out.
   */
  public static double[][] decimate(double[] x, double[] y, int columns) {
    int n = x.length;
    if (n <= 2 * columns + 2) {
      return new double[][] {x.clone(), y.clone()};
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double span = hi - lo;
    double[] ox = new double[2 * columns + 4];
    double[] oy = new double[2 * columns + 4];
    int m = 0;
    ox[m] = x[0];
    oy[m++] = y[0];
    int i = 1;
    while (i < n - 1) {
      int bucket = span > 0 ? (int) Math.min(columns - 1, (x[i] - lo) / span * columns) : 0;
      int minI = i;
      int maxI = i;
      int j = i;
      while (j < n - 1) {
        int b = span > 0 ? (int) Math.min(columns - 1, (x[j] - lo) / span * columns) : 0;
        if (b != bucket) {
          break;
        }
        if (y[j] < y[minI]) {
          minI = j;
        }
        if (y[j] > y[maxI]) {
          maxI = j;
        }
        j++;
      }
      if (m + 3 > ox.length) {
        ox = Arrays.copyOf(ox, ox.length * 2);
        oy = Arrays.copyOf(oy, oy.length * 2);
      }
      int first = Math.min(minI, maxI);
      int second = Math.max(minI, maxI);
      ox[m] = x[first];
      oy[m++] = y[first];
      if (second != first) {
        ox[m] = x[second];
        oy[m++] = y[second];
      }
      i = j;
    }
    ox[m] = x[n - 1];
    oy[m++] = y[n - 1];
    return new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      if (Double.isFinite(v)) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // Formatting

  /** Tick label: up to 4 significant digits, plain for 1e-3 <= |v| < 1e5, else compact exponent. */
  static String tick(double v) {
    return Ticks.label(v);
  }

  /**
   * An engineering prefix for an axis whose title ends in a plain SI unit in parentheses, e.g.
   * {@code time (s)} with data up to 7e-6 becomes {@code time (µs)} with data multiplied by 1e6.
   */
  record Prefix(double factor, String label) {
    static final Prefix NONE = new Prefix(1, null);
    private static final List<String> UNITS =
        List.of("s", "V", "A", "Hz", "F", "H", "W", "S", "Ω", "Ohm", "m", "C", "J");
    private static final String[] PREFIXES = {"f", "p", "n", "µ", "m", "", "k", "M", "G"};

    String label(String original) {
      return label == null ? original : label;
    }

    double[] apply(double[] values) {
      if (factor == 1) {
        return values;
      }
      double[] r = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        r[i] = values[i] * factor;
      }
      return r;
    }

    static Prefix choose(String axisLabel, double maxAbs) {
      if (axisLabel == null || !axisLabel.endsWith(")") || !(maxAbs > 0) || !Double.isFinite(maxAbs)) {
        return new Prefix(1, axisLabel);
      }
      int open = axisLabel.lastIndexOf('(');
      if (open < 0) {
        return new Prefix(1, axisLabel);
      }
      String unit = axisLabel.substring(open + 1, axisLabel.length() - 1).trim();
      if (!UNITS.contains(unit)) {
        return new Prefix(1, axisLabel);
      }
      int exp3 = (int) Math.floor(Math.log10(maxAbs * (1 + 1e-12)) / 3);
      exp3 = Math.max(-5, Math.min(3, exp3));
      if (exp3 == 0) {
        return new Prefix(1, axisLabel);
      }
      String prefixed = PREFIXES[exp3 + 5] + unit;
      return new Prefix(Math.pow(10, -3 * exp3),
          axisLabel.substring(0, open + 1) + prefixed + ")");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Java2D helpers

  private static void fillWhite(Graphics2D g, int w, int h) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
  }

  static void drawCentered(Graphics2D g, String text, Font font, double cx, double baseline) {
    g.setFont(font);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) baseline);
  }

  private static int maxColsPx(BufferedImage img, int scale) {
    return img.getWidth() * scale;
  }

  /** A grey-scale image of {@code a[row][col]}, min black and max white; non-finite values red. */
  static BufferedImage grey(double[][] a) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] row : a) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return grey(a, lo, hi);
  }

  /** Grey image of {@code a} with {@code lo} black and {@code hi} white; non-finite cells red. */
  static BufferedImage grey(double[][] a, double lo, double hi) {
    int rows = Math.max(1, a.length);
    int cols = Math.max(1, a.length == 0 ? 1 : a[0].length);
    double span = hi > lo ? hi - lo : 1;
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < cols; c++) {
        double v = c < a[r].length ? a[r][c] : Double.NaN;
        int rgb;
        if (Double.isFinite(v)) {
          int lvl = (int) Math.round(255 * (hi > lo ? Math.max(0, Math.min(1, (v - lo) / span)) : 0.5));
          rgb = (lvl << 16) | (lvl << 8) | lvl;
        } else {
          rgb = 0xcc3333;
        }
        img.setRGB(c, r, rgb);
      }
    }
    return img;
  }

  /**
   * Nice tick values (1, 2, 5 x 10^k) covering [lo, hi] with about {@code target} ticks. Not {@link Ticks#values}
   * (at most N ticks): on half of all ranges that rule gives these heat-map axes and colour bars fewer ticks (0..10
   * for 5: 0, 5, 10 instead of 0, 2, ..., 10), and this rule's exceeding N fits axes sized for about N.
   */
  static double[] niceTicks(double lo, double hi, int target) {
    if (!(hi > lo)) {
      return new double[] {lo};
    }
    double rough = (hi - lo) / Math.max(1, target);
    double mag = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / mag;
    double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    double first = Math.ceil(lo / step - 1e-9) * step;
    List<Double> t = new ArrayList<>();
    for (double v = first; v <= hi + step * 1e-9; v += step) {
      t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Perceptually ordered colour map (viridis-like), {@code t} in [0, 1]. */
  static Color colormap(double t) {
    final int[][] anchors = {
      {0x44, 0x01, 0x54}, {0x47, 0x2c, 0x7a}, {0x3b, 0x51, 0x8b}, {0x2c, 0x71, 0x8e},
      {0x21, 0x90, 0x8d}, {0x27, 0xad, 0x81}, {0x5c, 0xc8, 0x63}, {0xaa, 0xdc, 0x32}, {0xfd, 0xe7, 0x25}
    };
    double u = Math.max(0, Math.min(1, t)) * (anchors.length - 1);
    int i = Math.min(anchors.length - 2, (int) u);
    double f = u - i;
    int[] a = anchors[i];
    int[] b = anchors[i + 1];
    return new Color(
        (int) Math.round(a[0] + f * (b[0] - a[0])),
        (int) Math.round(a[1] + f * (b[1] - a[1])),
        (int) Math.round(a[2] + f * (b[2] - a[2])));
  }

  /** Java2D heat map with axes and a colour bar (or a categorical legend). */
  private static final class HeatmapPainter {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] xs;
    private final double[] ys;
    private final double[][] z;
    private final String zLabel;
    private final java.util.Map<Double, String> names;

    HeatmapPainter(String title, String xLabel, String yLabel, double[] xs, double[] ys,
        double[][] z, String zLabel, java.util.Map<Double, String> names) {
      this.names = names;
      this.title = title;
      this.xLabel = xLabel;
      this.yLabel = yLabel;
      this.xs = xs;
      this.ys = ys;
      this.z = z;
      this.zLabel = zLabel;
    }

    /** Cell edges: midpoints between centres, half a spacing beyond the ends. */
    private static double[] edges(double[] c) {
      int n = c.length;
      double[] e = new double[n + 1];
      if (n == 1) {
        double half = c[0] == 0 ? 0.5 : Math.abs(c[0]) * 0.5;
        e[0] = c[0] - half;
        e[1] = c[0] + half;
        return e;
      }
      for (int i = 1; i < n; i++) {
        e[i] = 0.5 * (c[i - 1] + c[i]);
      }
      e[0] = c[0] - (e[1] - c[0]);
      e[n] = c[n - 1] + (c[n - 1] - e[n - 1]);
      return e;
    }

    void paint(Graphics2D g, int w, int h) {
      fillWhite(g, w, h);
      boolean hasTitle = title != null && !title.isBlank();
      int top = hasTitle ? 50 : 20;
      int left = 95;
      int right = 170;
      int bottom = 70;
      int pw = w - left - right;
      int ph = h - top - bottom;
      if (hasTitle) {
        drawCentered(g, title, TITLE, left + pw / 2.0, 30);
      }
      double[] ex = edges(xs);
      double[] ey = edges(ys);
      double x0 = Math.min(ex[0], ex[ex.length - 1]);
      double x1 = Math.max(ex[0], ex[ex.length - 1]);
      double y0 = Math.min(ey[0], ey[ey.length - 1]);
      double y1 = Math.max(ey[0], ey[ey.length - 1]);
      Prefix xp = Prefix.choose(xLabel, Math.max(Math.abs(x0), Math.abs(x1)));
      Prefix yp = Prefix.choose(yLabel, Math.max(Math.abs(y0), Math.abs(y1)));

      double zlo = Double.POSITIVE_INFINITY;
      double zhi = Double.NEGATIVE_INFINITY;
      TreeSet<Double> distinct = new TreeSet<>();
      boolean integral = true;
      for (double[] row : z) {
        for (double v : row) {
          if (Double.isFinite(v)) {
            zlo = Math.min(zlo, v);
            zhi = Math.max(zhi, v);
            integral &= v == Math.rint(v);
            if (distinct.size() <= 10) {
              distinct.add(v);
            }
          }
        }
      }
      boolean categorical = integral && !distinct.isEmpty() && distinct.size() <= 10;
      List<Double> categories = new ArrayList<>(distinct);
      double zspan = zhi > zlo ? zhi - zlo : 1;

      for (int iy = 0; iy < ys.length; iy++) {
        for (int ix = 0; ix < xs.length; ix++) {
          double v = z[iy][ix];
          Color col;
          if (!Double.isFinite(v)) {
            col = new Color(0xd0d0d0);
          } else if (categorical) {
            col = PALETTE[categories.indexOf(v) % PALETTE.length];
          } else {
            col = colormap((v - zlo) / zspan);
          }
          double px0 = left + (ex[ix] - x0) / (x1 - x0) * pw;
          double px1 = left + (ex[ix + 1] - x0) / (x1 - x0) * pw;
          double py0 = top + ph - (ey[iy] - y0) / (y1 - y0) * ph;
          double py1 = top + ph - (ey[iy + 1] - y0) / (y1 - y0) * ph;
          g.setColor(col);
          // Half a pixel of overlap hides anti-aliasing seams between neighbouring cells.
          g.fill(new Rectangle2D.Double(Math.min(px0, px1) - 0.25, Math.min(py0, py1) - 0.25,
              Math.abs(px1 - px0) + 0.5, Math.abs(py1 - py0) + 0.5));
        }
      }
      g.setColor(FRAME);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(left, top, pw, ph);

      Font tickFont = BASE.deriveFont(12f);
      g.setFont(tickFont);
      FontMetrics fm = g.getFontMetrics();
      for (double t : niceTicks(x0 * xp.factor, x1 * xp.factor, 7)) {
        double px = left + (t / xp.factor - x0) / (x1 - x0) * pw;
        g.setColor(FRAME);
        g.drawLine((int) Math.round(px), top + ph, (int) Math.round(px), top + ph + 5);
        g.setColor(Color.BLACK);
        String s = tick(t);
        g.drawString(s, (float) (px - fm.stringWidth(s) / 2.0), top + ph + 8 + fm.getAscent());
      }
      int maxTickW = 0;
      for (double t : niceTicks(y0 * yp.factor, y1 * yp.factor, 6)) {
        double py = top + ph - (t / yp.factor - y0) / (y1 - y0) * ph;
        g.setColor(FRAME);
        g.drawLine(left - 5, (int) Math.round(py), left, (int) Math.round(py));
        g.setColor(Color.BLACK);
        String s = tick(t);
        maxTickW = Math.max(maxTickW, fm.stringWidth(s));
        g.drawString(s, left - 8 - fm.stringWidth(s), (float) (py + fm.getAscent() / 2.0 - 1));
      }
      if (xLabel != null && !xLabel.isBlank()) {
        drawCentered(g, xp.label(xLabel), BASE, left + pw / 2.0, top + ph + 48);
      }
      if (yLabel != null && !yLabel.isBlank()) {
        drawRotated(g, yp.label(yLabel), BASE, left - 16 - maxTickW, top + ph / 2.0);
      }

      int bx = left + pw + 25;
      if (categorical) {
        g.setFont(BASE);
        FontMetrics lm = g.getFontMetrics();
        int y = top + 10;
        if (zLabel != null && !zLabel.isBlank()) {
          g.setColor(Color.BLACK);
          g.drawString(zLabel, bx, y + lm.getAscent());
          y += 26;
        }
        for (int k = 0; k < categories.size(); k++) {
          g.setColor(PALETTE[k % PALETTE.length]);
          g.fillRect(bx, y, 18, 18);
          g.setColor(FRAME);
          g.drawRect(bx, y, 18, 18);
          g.setColor(Color.BLACK);
          String name = names.get(categories.get(k));
          g.drawString(name != null ? tick(categories.get(k)) + " " + name : tick(categories.get(k)), bx + 26, y + 14);
          y += 26;
        }
      } else {
        int bw = 20;
        int steps = 128;
        for (int k = 0; k < steps; k++) {
          g.setColor(colormap((k + 0.5) / steps));
          double yk0 = top + ph - (double) (k + 1) / steps * ph;
          g.fill(new Rectangle2D.Double(bx, yk0 - 0.25, bw, (double) ph / steps + 0.5));
        }
        g.setColor(FRAME);
        g.drawRect(bx, top, bw, ph);
        g.setFont(tickFont);
        int maxW = 0;
        double lo = zlo;
        double hi = zhi > zlo ? zhi : zlo + 1;
        if (!Double.isFinite(lo)) {
          lo = 0;
          hi = 1;
        }
        for (double t : niceTicks(lo, hi, 6)) {
          double py = top + ph - (t - lo) / (hi - lo) * ph;
          g.setColor(FRAME);
          g.drawLine(bx + bw, (int) Math.round(py), bx + bw + 4, (int) Math.round(py));
          g.setColor(Color.BLACK);
          String s = tick(t);
          maxW = Math.max(maxW, fm.stringWidth(s));
          g.drawString(s, bx + bw + 7, (float) (py + fm.getAscent() / 2.0 - 1));
        }
        if (zLabel != null && !zLabel.isBlank()) {
          drawRotated(g, zLabel, BASE, bx + bw + 14 + maxW + g.getFontMetrics(BASE).getAscent(),
              top + ph / 2.0);
        }
      }
    }
  }

  /** Draws text rotated 90° counter-clockwise, centred vertically on {@code cy}, right edge at x. */
  private static void drawRotated(Graphics2D g, String text, Font font, double x, double cy) {
    AffineTransform saved = g.getTransform();
    g.setFont(font);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    g.translate(x, cy);
    g.rotate(-Math.PI / 2);
    g.drawString(text, (float) (-fm.stringWidth(text) / 2.0), 0f);
    g.setTransform(saved);
  }

  /** Guards plot output against a user error, e.g. a signal missing from the trace. */
  static NeuristorException missing(String what) {
    return NeuristorException.input(what);
  }
}
