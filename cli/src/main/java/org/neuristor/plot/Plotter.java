package org.neuristor.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuristor.NeuristorException;
import org.neuristor.measure.Trace;

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


  private Plotter() {}

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
    return Java2dPlots.lines(out, title, xLabel, yLabel, series);
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
      List<Series> g = groups.get(quantity(n)); // not computeIfAbsent: its lambda is a class the start-up archive lacks
      if (g == null) {
        g = new ArrayList<>();
        groups.put(quantity(n), g);
      }
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
    return Java2dPlots.upDown(out, title, xLabel, h, labels, panels);
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
    List<List<Series>> panelSeries = new ArrayList<>();
    for (List<String> names : panels) {
      List<Series> series = new ArrayList<>();
      for (String s : names) {
        series.add(new Series(s, axis, trace.get(s), false));
      }
      panelSeries.add(series);
    }
    if (png(out)) {
      List<LinePlot.Panel> ps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        LinePlot.Panel p = new LinePlot.Panel(null, xLabel, panelYLabels.get(i), panelSeries.get(i));
        p.xLo = lo;
        p.xHi = hi;
        p.xLabels = i == n - 1;
        p.below = LinePlot.BELOW_AXIS + (p.xLabels ? xAxisExtra : 0); // equal plot areas; the last's labels in the extra
        ps.add(p);
      }
      return LinePlot.write(out, WIDTH, total, title, titleHeight, ps, heights);
    }
    return Java2dPlots.stacked(out, title, xLabel, panelSeries, panelYLabels, titleHeight, heights, total, lo, hi);
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
    return Java2dPlots.xy(out, title, xLabel, yLabel, series, logX, logY, scatter);
  }

  /**
   * Scatter plot (markers only, no connecting lines) of y against x, e.g. a Monte Carlo result
   * against one sampled parameter; non-finite points are dropped.
   */
  public static Path scatter(Path out, String title, String xLabel, String yLabel, double[] x, double[] y) {
    Series series = new Series(yLabel, x, y, true);
    if (png(out)) {
      LinePlot.Panel p = new LinePlot.Panel(title, xLabel, yLabel, List.of(series));
      p.scatter = true;
      return LinePlot.write(out, p);
    }
    return Java2dPlots.scatter(out, title, xLabel, yLabel, series);
  }

  /**
   * Spike raster: one dot per spike (time, neuron index), one colour per series (population) with a
   * legend naming them.
   */
  public static Path raster(Path out, String title, String xLabel, String yLabel, List<Series> series) {
    return Java2dPlots.raster(out, title, xLabel, yLabel, series, null);
  }

  /**
   * As {@link #raster(Path, String, String, String, List)}, the axes spanning at least [xMin, xMax] x [yMin, yMax]
   * (the run's duration and neurons, as {@link SpikeRaster} draws the PNG) and prefixed by them: a run of 1 s whose
   * last spike is at 0.9999 s reads in s, as its PNG does, not in ms.
   */
  public static Path raster(Path out, String title, String xLabel, String yLabel, List<Series> series, double xMin,
      double xMax, double yMin, double yMax) {
    return Java2dPlots.raster(out, title, xLabel, yLabel, series, new double[] {xMin, xMax, yMin, yMax});
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
    if (png(out)) {
      LinePlot.Panel p = new LinePlot.Panel(title, xLabel, "count", List.of(new Series("count", xs, ys, false)));
      p.area = true;
      p.wholeY = true;
      return LinePlot.write(out, p);
    }
    return Java2dPlots.histogram(out, title, xLabel, xs, ys);
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
    if (png(out)) {
      return HeatMap.write(out, title, xLabel, yLabel, xs, ys, z, zLabel, categoryNames);
    }
    return Java2dPlots.heatmap(out, title, xLabel, yLabel, xs, ys, z, zLabel, categoryNames);
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
    if (png(out)) {
      return ImageGridPlot.write(out, title, images, columns, captions, scaleLabel);
    }
    return Java2dPlots.imageGrid(out, title, images, columns, captions, scaleLabel);
  }

  /**
   * A grid of small line plots in one image, {@code columns} per row (e.g. the 20 Izhikevich
   * firing patterns). Each panel is an XChart plot painted into its cell of the shared canvas, for
   * PNG and vector formats alike.
   */
  public static Path gallery(Path out, String title, List<Panel> panels, int columns) {
    if (png(out)) {
      return Gallery.write(out, title, Gallery.multi(panels), columns);
    }
    return Java2dPlots.gallery(out, title, panels, columns);
  }

  /** One small plot of a {@link #multiGallery} with several curves (no legend: say in the title what they are). */
  public record MultiPanel(String title, List<Series> series, String xLabel, String yLabel) {}

  /** As {@link #gallery} with several curves per panel, in palette order, without legends. */
  public static Path multiGallery(Path out, String title, List<MultiPanel> panels, int columns) {
    if (png(out)) {
      return Gallery.write(out, title, panels, columns);
    }
    return Java2dPlots.multiGallery(out, title, panels, columns);
  }

  /** One bar of {@link #logBars}: its label, its value and the group that colours it. */
  public record Bar(String label, double value, int group) {}

  /**
   * Horizontal bars on a logarithmic axis, one row per bar (top to bottom), coloured by group, with
   * a legend naming the groups; non-positive or non-finite values leave the row without a bar.
   */
  public static Path logBars(Path out, String title, String xLabel, List<Bar> bars, List<String> groups) {
    if (png(out)) {
      return LogBarPlot.write(out, title, xLabel, bars, groups);
    }
    return Java2dPlots.logBars(out, title, xLabel, bars, groups);
  }

  /**
   * A table as a picture: one row per {@code rows} entry, one column per {@code columns} entry,
   * each cell with a short text on a green ({@code ok}) or grey background, e.g. which behaviour
   * (row) each circuit (column) shows.
   */
  public static Path matrix(Path out, String title, List<String> rows, List<String> columns, String[][] text,
      boolean[][] ok) {
    if (png(out)) {
      return Matrix.write(out, title, rows, columns, text, ok);
    }
    return Java2dPlots.matrix(out, title, rows, columns, text, ok);
  }

  // ---------------------------------------------------------------------------------------------
  /** The vector format {@code out}'s extension asks for ({@code svg}, {@code pdf}, {@code eps}), else null: PNG. */
  static String vectorFormat(Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".svg") ? "svg" : name.endsWith(".pdf") ? "pdf" : name.endsWith(".eps") ? "eps" : null;
  }

  /** Whether {@code out} is written as PNG (no vector extension): the x-y kinds then draw with {@link LinePlot}. */
  static boolean png(Path out) {
    return vectorFormat(out) == null;
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
    return clean(x, y, logX, logY, false);
  }

  /**
   * As {@link #clean(double[], double[], boolean, boolean)}; with {@code gaps} the points dropped between two kept ones
   * leave one point (the previous x, NaN), where XChart breaks the line as the PNG plots do at NaN.
   */
  static double[][] clean(double[] x, double[] y, boolean logX, boolean logY, boolean gaps) {
    int n = 0;
    double[] cx = new double[2 * x.length];
    double[] cy = new double[2 * y.length];
    boolean dropped = false;
    for (int i = 0; i < x.length; i++) {
      double a = x[i];
      double b = logY ? Math.abs(y[i]) : y[i];
      if (!Double.isFinite(a) || !Double.isFinite(b) || (logX && a <= 0) || (logY && b == 0)) {
        dropped = true;
        continue;
      }
      if (gaps && dropped && n > 0) {
        cx[n] = cx[n - 1];
        cy[n] = Double.NaN;
        n++;
      }
      dropped = false;
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

  static double maxAbs(double[] a) {
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

  /**
   * Unit text as a figure shows it: micro as µ, a square as ² and a cube as ³ ({@code 11.49 us}: {@code 11.49 µs},
   * {@code uA/cm2}: {@code µA/cm²}, {@code A/m^2}: {@code A/m²}, {@code 1/cm^3}: {@code 1/cm³}, the unit of a MOSFET's
   * substrate doping {@code nsub}); CSV headers, JSON and terminal text keep the ASCII form that users parse. Give it
   * the unit (or a value and its unit), not a whole title with names in it.
   */
  public static String unitText(String unit) {
    return unit.replaceAll("(?<![A-Za-z0-9])u(?=[A-Za-z])", "\u00b5").replaceAll("(?<=[A-Za-z])\\^?2(?![0-9])",
        "\u00b2").replaceAll("(?<=[A-Za-z])\\^?3(?![0-9])", "\u00b3");
  }

  /** An axis title: {@code name (unit)} with the unit as {@link #unitText} shows it, the name alone for a dimensionless unit. */
  public static String axisTitle(String name, String unit) {
    return org.neuristor.expr.SpiceNumber.dimensionless(unit) ? name : plainTitle(name, unitText(unit));
  }

  /**
   * A title with its unit as written, in ASCII ({@code stimulus (uA/cm2)}; Studio's panels): {@code name (unit)}, the
   * name alone for a dimensionless unit. {@link #axisTitle} is the same for figures, with the unit's glyphs.
   */
  public static String plainTitle(String name, String unit) {
    return org.neuristor.expr.SpiceNumber.dimensionless(unit) ? name : name + " (" + unit + ")";
  }

  /** A value's unit after it in text: {@code " " + unit}, or nothing for a dimensionless unit ({@code 1}, {@code -}). */
  public static String unitAfter(String unit) {
    return org.neuristor.expr.SpiceNumber.dimensionless(unit) ? "" : " " + unit;
  }

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

    /**
     * The prefix of an x ({@code x} true) or y axis of these series: on a linear axis by the largest |value|; on a
     * log axis (plotted: x > 0, |y| > 0) by the largest value when all lie within three decades, else none (a
     * prefix for labels of 1e-12 to 1 would suit only some of them).
     */
    static Prefix axis(String axisLabel, List<Series> series, boolean x, boolean log) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (Series s : series) {
        for (double v : x ? s.x() : s.y()) {
          double a = log && x ? v : Math.abs(v);
          if (Double.isFinite(a) && (a > 0 || !log)) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
          }
        }
      }
      return log && !(hi <= 1000 * lo) ? NONE : choose(axisLabel, hi);
    }

    /** A prefix by the largest |value|; none for an axis of exponents ({@code log10 rin (Ohm)}: 3.7..4.8). */
    static Prefix choose(String axisLabel, double maxAbs) {
      if (axisLabel == null || !axisLabel.endsWith(")") || axisLabel.startsWith("log10 ") || !(maxAbs > 0)
          || !Double.isFinite(maxAbs)) {
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

  /** Guards plot output against a user error, e.g. a signal missing from the trace. */
  static NeuristorException missing(String what) {
    return NeuristorException.input(what);
  }

}
