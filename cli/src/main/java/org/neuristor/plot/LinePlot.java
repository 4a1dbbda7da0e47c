package org.neuristor.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Plotter}'s x-y family ({@code lines}, {@code signals} / {@code stacked}, {@code upDown}, {@code xy}, {@code
 * scatter}) drawn straight into PNG bytes ({@link RasterImage}) without AWT, XChart or {@code ImageIO}: in a fresh
 * JVM, Java2D's pipeline, fonts and PNG encoder load and run interpreted and cost more than the simulation behind the
 * plot. The look follows the XChart style Plotter gives the vector formats: white background, dashed light grid,
 * grey frame with an axis line and tick marks outside it, the data spanning the middle {@value #CONTENT} of the plot
 * area, XChart's tick rule (steps of 1, 2 or 5 times a power of ten sized by a tick spacing hint; log axes by {@link
 * Axis}: labelled ends, decades or 1, 2, 5 times them, lighter minor lines), text in DejaVu Sans ({@link GlyphAtlas}), a legend only when a panel
 * has more than one series, in the upper right corner or, when data lie there, the corner with the least data ({@link
 * LegendCorner}), lines {@value #LINE_WIDTH} px wide and anti-aliased (pixel
 * coverage of the stroke, the largest over a series' segments, so joints are not painted twice), filled circle
 * markers.
 *
 * <p>A non-finite point (and, on a log axis, a value with no logarithm) breaks the line: a gap, never a line to
 * zero. A series with more than {@link Plotter#DECIMATE_ABOVE} points has each unbroken run reduced to the
 * minimum and maximum per pixel column ({@link Plotter#decimate}), so a 1-ns spike in a 10-ms run still shows.
 */
final class LinePlot {
  /** Width of a line in pixels (XChart's stroke of the same series). */
  static final double LINE_WIDTH = 1.5;
  /** Share of the plot area's width and height the data span (XChart's plot content size). */
  static final double CONTENT = 0.92;
  /** Marker diameter in pixels of line plots (scatter plots: {@link #SCATTER_MARKER}). */
  static final int MARKER = 6;
  /** Marker diameter in pixels of scatter plots. */
  static final int SCATTER_MARKER = 4;
  /** Opacity (0-255) of a filled area (XChart's histogram fill). */
  static final int AREA_ALPHA = 110;
  private static final int TEXT = AxisText.TEXT;
  /** Chart padding of the big plots (XChart's default); a {@link Style} may set another. */
  private static final int PAD = 10;
  /** Frame to axis line, tick mark length, tick mark to label. */
  private static final int AXIS_GAP = 4;
  private static final int TICK = 3;
  private static final int LABEL_GAP = 3;
  private static final int DASH = 4;
  /** Pixels below a plot area that shows no x labels: padding, the axis line and its tick marks. */
  static final int BELOW_AXIS = PAD + AXIS_GAP + TICK + 1;

  /**
   * Fonts (pixel sizes of DejaVu Sans in the {@link GlyphAtlas}), chart padding, where a title goes (its baseline and
   * the plot area's top, from the panel's top), the gap between the x tick labels' line and the x title's line, and
   * tick spacing hints of a panel (a hint of 0: XChart's default, from the plot's size).
   */
  record Style(int tickSize, int axisTitleSize, int titleSize, int pad, int titleBaseline, int titledTop,
      int xTitleGap, int xHint, int yHint) {
    /**
     * The big plots: 12 px tick labels and legend, 13 px axis titles, 16 px bold title (baseline at padding + ascent,
     * plot area a padding below the title's line), padding 10.
     */
    static final Style PLOT = new Style(12, 13, 16, PAD, PAD + 15, PAD + 19 + PAD, 6, 0, 0);
  }

  /** One pair of axes with its series. Fields other than the constructor's are options with defaults. */
  static final class Panel {
    final String title;
    final String xLabel;
    final String yLabel;
    final List<Plotter.Series> series;
    boolean logX;
    boolean logY;
    /** Markers only (no lines), {@link #SCATTER_MARKER} wide, for every series. */
    boolean scatter;
    /** The area between each line and y = 0 filled in its colour, light (a histogram); no legend; y starts at 0. */
    boolean area;
    /** The y axis counts (a histogram): only whole numbers are labelled, a fractional tick is a grid line only. */
    boolean wholeY;
    /** False: the x tick labels and the x title are left out (upper panels of a stack). */
    boolean xLabels = true;
    /** The x range in data units (NaN: the data's). */
    double xLo = Double.NaN;
    double xHi = Double.NaN;
    /** Pixels reserved below the plot area (negative: what the x labels need). */
    int below = -1;
    /** False: no legend even with several series. */
    boolean legend = true;
    Style style = Style.PLOT;

    Panel(String title, String xLabel, String yLabel, List<Plotter.Series> series) {
      this.title = title;
      this.xLabel = xLabel;
      this.yLabel = yLabel;
      this.series = series;
    }
  }

  private LinePlot() {}

  /** XChart's tick spacing hint of a y axis: its setting, or 25 for an axis under 160 px ("squeeze some more ticks in"). */
  static int yHint(double space, int hint) {
    return space < 160 ? 25 : hint;
  }

  /** Writes one panel filling a {@link Plotter#WIDTH} x {@link Plotter#HEIGHT} PNG, atomically. */
  static Path write(Path out, Panel panel) {
    return write(out, Plotter.WIDTH, Plotter.HEIGHT, null, 0, List.of(panel), new int[] {Plotter.HEIGHT});
  }

  /** Writes panels stacked top to bottom (panel i {@code heights[i]} high) under a title band, atomically. */
  static Path write(Path out, int w, int h, String title, int titleBand, List<Panel> panels, int[] heights) {
    RasterImage img = render(w, h, title, titleBand, panels, heights);
    return img.write(out);
  }

  /**
   * Draws panels stacked top to bottom, panel i {@code heights[i]} pixels high, below a band of {@code titleBand}
   * pixels holding {@code title}; every panel's plot area has the same left edge (the widest y tick labels decide).
   */
  static RasterImage render(int w, int h, String title, int titleBand, List<Panel> panels, int[] heights) {
    GlyphAtlas font = GlyphAtlas.load();
    RasterImage img = new RasterImage(w, h);
    int n = panels.size();
    Layout[] layouts = new Layout[n];
    int y = titleBand;
    int left = 0;
    for (int i = 0; i < n; i++) {
      layouts[i] = new Layout(font, panels.get(i), w, y, heights[i]);
      left = Math.max(left, layouts[i].minLeft);
      y += heights[i];
    }
    for (Layout l : layouts) {
      l.draw(img, left);
    }
    if (title != null && !title.isBlank()) {
      AxisText.centred(img, font.bold, title, w / 2, titleBand / 2 + font.bold.ascent / 2);
    }
    return img;
  }

  // ---------------------------------------------------------------------------------------------
  // One panel

  /** One series ready to draw: coordinates on the axes' scale (prefixed or log10), NaN where the line breaks. */
  private record Curve(String name, int rgb, double[] x, double[] y, boolean line, boolean markers, boolean area) {}

  /** Text widths in the atlas' faces (a class, not a lambda: nothing to spin up in a cold JVM). */
  private record AtlasWidth(GlyphAtlas font) implements AxisText.TextWidth {
    @Override
    public double of(String text, int size, boolean bold) {
      return font.face(size, bold).width(text);
    }
  }

  /** One panel's data, axes and pixel layout. */
  private static final class Layout {
    private final Panel p;
    /** Faces of tick labels (and the legend), axis titles, the title; the chart padding. */
    private final GlyphAtlas.Face tf;
    private final GlyphAtlas.Face af;
    private final GlyphAtlas.Face hf;
    private final int pad;
    private final int w;
    private final int y0;
    private final int chartHeight;
    private final String xTitle;
    private final String yTitle;
    private final List<Curve> curves = new ArrayList<>();
    private final int top;
    private final int bottom;
    private final Axis yAxis;
    private final double xLo;
    private final double xHi;
    private final int minLeft;
    private int left;
    private int right;
    private Axis xAxis;

    Layout(GlyphAtlas font, Panel p, int w, int y0, int chartHeight) {
      this.p = p;
      this.tf = font.face(p.style.tickSize(), false);
      this.af = font.face(p.style.axisTitleSize(), false);
      this.hf = font.face(p.style.titleSize(), true);
      this.pad = p.style.pad();
      this.w = w;
      this.y0 = y0;
      this.chartHeight = chartHeight;
      Plotter.Prefix xp = Plotter.Prefix.axis(p.xLabel, p.series, true, p.logX);
      Plotter.Prefix yp = Plotter.Prefix.axis(p.yLabel, p.series, false, p.logY);
      xTitle = xp.label(p.xLabel);
      yTitle = yp.label(p.yLabel);
      int columns = Math.max(200, w - 120);
      Set<String> used = new HashSet<>();
      double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      for (int k = 0; k < p.series.size(); k++) {
        Plotter.Series s = p.series.get(k);
        double[] cx = scale(s.x(), p.logX, xp.factor(), false);
        double[] cy = scale(s.y(), p.logY, yp.factor(), true);
        int valid = breakGaps(cx, cy);
        if (valid == 0) {
          continue;
        }
        if (valid > Plotter.DECIMATE_ABOVE) {
          double[][] d = decimateRuns(cx, cy, columns);
          cx = d[0];
          cy = d[1];
        }
        range(cx, xr);
        range(cy, yr);
        String name = Plotter.uniqueName(used, s.name() == null || s.name().isEmpty() ? "series " + (k + 1) : s.name());
        int rgb = SpikeRaster.PALETTE[k % SpikeRaster.PALETTE.length];
        curves.add(new Curve(name, rgb, cx, cy, !p.scatter, p.scatter || s.markers(), p.area));
      }
      if (curves.isEmpty()) { // the frame and titles only: no ticks (a lone "1" would mean nothing)
        xr[0] = xr[1] = p.logX ? 0 : 1; // log10(1) on a log axis
        yr[0] = yr[1] = p.logY ? 0 : 1;
      }
      if (p.area && !p.logY) {
        yr[0] = Math.min(yr[0], 0);
      }
      if (!p.logX && p.xHi > p.xLo && Double.isFinite(p.xHi - p.xLo)) {
        xr[0] = p.xLo * xp.factor();
        xr[1] = p.xHi * xp.factor();
      }
      boolean hasTitle = p.title != null && !p.title.isBlank();
      top = y0 + (hasTitle ? p.style.titledTop() : pad);
      int below = p.below >= 0 ? p.below
          : pad + (p.xLabels ? AXIS_GAP + TICK + LABEL_GAP + tf.height() + (blank(xTitle) ? 0
              : p.style.xTitleGap() + af.height()) : AXIS_GAP + TICK + 1);
      bottom = y0 + chartHeight - 1 - below;
      double ySpace = CONTENT * (bottom - top);
      int yHint = yHint(ySpace, p.style.yHint() > 0 ? p.style.yHint() : Math.max(40, chartHeight / 11));
      boolean twoLevels = !p.logY && !curves.isEmpty() && yr[1] > yr[0];
      for (Curve c : curves) {
        twoLevels = twoLevels && levels(c.y, yr);
      }
      if (curves.isEmpty()) {
        yAxis = Axis.bare(yr[0]);
      } else if (twoLevels) {
        // XChart's ticks for data taking equally spaced values are those values: for two levels (a step stimulus, a
        // pulse train) the two levels only
        yAxis = new Axis(yr[0], yr[1]);
      } else {
        yAxis = new Axis(p.logY, yr[0], yr[1], ySpace, yHint, null, tf.ascent + 4);
      }
      if (p.wholeY) {
        for (int k = 0; k < yAxis.ticks.length; k++) {
          if (yAxis.ticks[k] != Math.rint(yAxis.ticks[k])) {
            yAxis.labels[k] = null;
          }
        }
      }
      int labels = 0;
      for (String s : yAxis.labels) {
        if (s != null) {
          labels = Math.max(labels, tf.width(s));
        }
      }
      xLo = xr[0];
      xHi = xr[1];
      minLeft = pad + (blank(yTitle) ? 0 : af.height() + 8) + labels + LABEL_GAP + TICK + AXIS_GAP;
    }

    /** Lays the panel out with its plot area's left edge at {@code left} and draws it. */
    void draw(RasterImage img, int left) {
      this.left = left;
      this.right = w - 1 - pad;
      xAxis = curves.isEmpty() ? Axis.bare(xLo) : new Axis(p.logX, xLo, xHi, CONTENT * (right - left),
          p.style.xHint() > 0 ? p.style.xHint() : Math.max(60, w / 11), tf, 0);
      xAxis.place(left + 0.5, right + 0.5);
      yAxis.place(bottom + 0.5, top + 0.5);
      grid(img);
      Coverage ink = new Coverage(left + 1, top + 1, right - 1, bottom - 1);
      for (Curve c : curves) {
        if (c.area) {
          area(img, c);
        }
        if (c.line) {
          polyline(ink, c);
        }
        if (c.markers) {
          double r = (p.scatter ? SCATTER_MARKER : MARKER) / 2.0;
          for (int i = 0; i < c.x.length; i++) {
            if (!Double.isNaN(c.x[i])) {
              ink.disc(xAxis.map(c.x[i]), yAxis.map(c.y[i]), r);
            }
          }
        }
        ink.paint(img, c.rgb);
      }
      img.outline(left, top, right, bottom, SpikeRaster.FRAME);
      axes(img);
      if (curves.size() > 1 && !p.area && p.legend) {
        legend(img, ink);
      }
      if (!blank(p.title)) {
        // centred over the plot area, moved left when that would cut it at the panel's edge (a gallery cell's title)
        // and in a smaller face, or two lines, when it is wider than the panel: never cut
        GlyphAtlas font = GlyphAtlas.load();
        int[] face = AxisText.titleFace(p.title, p.style.titleSize(), w - 2 * pad, new AtlasWidth(font));
        int baseline = y0 + p.style.titleBaseline();
        if (face[0] > 0) {
          AxisText.centredWithin(img, font.face(face[0], face[1] == 1), p.title, (left + right) / 2, baseline, pad,
              w - 1 - pad);
        } else {
          GlyphAtlas.Face f = font.face(-face[0], false);
          String[] lines = AxisText.wrap(p.title);
          AxisText.centredWithin(img, f, lines[0], (left + right) / 2, baseline - f.height(), pad, w - 1 - pad);
          AxisText.centredWithin(img, f, lines[1], (left + right) / 2, baseline, pad, w - 1 - pad);
        }
      }
      if (!blank(yTitle)) {
        AxisText.upCentred(img, af, yTitle, pad + af.ascent, (top + bottom) / 2);
      }
      if (p.xLabels && !blank(xTitle)) {
        AxisText.centred(img, af, xTitle, (left + right) / 2,
            bottom + AXIS_GAP + TICK + LABEL_GAP + tf.height() + p.style.xTitleGap() + af.ascent);
      }
    }

    /** Dashed grid lines at every tick (log axes: also the unlabelled ones). */
    private void grid(RasterImage img) {
      for (double v : xAxis.ticks) {
        int x = xAxis.pixel(v);
        if (x > left && x < right) {
          for (int y = top + 1; y < bottom; y++) {
            if (((y - top - 1) / DASH & 1) == 0) {
              img.set(x, y, SpikeRaster.GRID);
            }
          }
        }
      }
      for (double v : yAxis.ticks) {
        int y = yAxis.pixel(v);
        if (y > top && y < bottom) {
          for (int x = left + 1; x < right; x++) {
            if (((x - left - 1) / DASH & 1) == 0) {
              img.set(x, y, SpikeRaster.GRID);
            }
          }
        }
      }
    }

    /** Axis lines outside the frame, tick marks at the labelled ticks, tick labels. */
    private void axes(RasterImage img) {
      int ax = left - AXIS_GAP;
      int ay = bottom + AXIS_GAP;
      img.fill(ax, top, ax + 1, bottom + 1, SpikeRaster.FRAME);
      img.fill(left, ay, right + 1, ay + 1, SpikeRaster.FRAME);
      AxisText.yTicks(img, tf, yAxis.pixels(), yAxis.labels, top, bottom, ax - TICK, ax, ax - TICK - LABEL_GAP, false);
      AxisText.xTicks(img, tf, xAxis.pixels(), xAxis.labels, left, right, ay + 1, ay + 1 + TICK,
          ay + TICK + LABEL_GAP + tf.ascent, p.xLabels);
    }

    /**
     * The area between a curve and y = 0, in its colour at {@link #AREA_ALPHA}: per pixel column, the rows between the
     * curve (interpolated at the column's centre) and the zero line; segments running leftwards add nothing.
     */
    private void area(RasterImage img, Curve c) {
      double zero = yAxis.map(0);
      for (int i = 1; i < c.x.length; i++) {
        if (Double.isNaN(c.x[i - 1]) || Double.isNaN(c.x[i])) {
          continue;
        }
        double xa = xAxis.map(c.x[i - 1]);
        double xb = xAxis.map(c.x[i]);
        double ya = yAxis.map(c.y[i - 1]);
        double yb = yAxis.map(c.y[i]);
        for (int col = Math.max(left + 1, (int) Math.ceil(xa - 0.5)); col + 0.5 < xb && col < right; col++) {
          double y = ya + (col + 0.5 - xa) / (xb - xa) * (yb - ya);
          int r0 = Math.max(top + 1, (int) Math.round(Math.min(y, zero)));
          int r1 = Math.min(bottom - 1, (int) Math.round(Math.max(y, zero)) - 1);
          for (int row = r0; row <= r1; row++) {
            img.blend(col, row, c.rgb, AREA_ALPHA);
          }
        }
      }
    }

    /** The line of a curve, broken at NaN. */
    private void polyline(Coverage ink, Curve c) {
      double hw = LINE_WIDTH / 2;
      double px = Double.NaN;
      double py = Double.NaN;
      for (int i = 0; i < c.x.length; i++) {
        if (Double.isNaN(c.x[i])) {
          px = Double.NaN;
          continue;
        }
        double qx = xAxis.map(c.x[i]);
        double qy = yAxis.map(c.y[i]);
        if (Double.isNaN(px)) {
          ink.segment(qx, qy, qx, qy, hw); // a point between two gaps still shows
        } else {
          ink.segment(px, py, qx, qy, hw);
        }
        px = qx;
        py = qy;
      }
    }

    /**
     * A box in the plot's upper right corner, or in the corner with the least data ({@link LegendCorner}): per series a
     * line (and a marker) of its colour and its name.
     */
    private void legend(RasterImage img, Coverage ink) {
      GlyphAtlas.Face f = tf;
      int inset = 6;
      int sample = 20;
      int line = f.height() + 4;
      int textWidth = 0;
      for (Curve c : curves) {
        textWidth = Math.max(textWidth, f.width(c.name));
      }
      int boxW = inset + sample + 6 + textWidth + inset;
      int boxH = inset + curves.size() * line - 4 + inset;
      int margin = 6; // from the plot area's sides
      LegendCorner corner = LegendCorner.choose(img::rgb, left, top, right, bottom, boxW, boxH, margin, margin);
      int bx0 = corner.x0(left, right, boxW, margin);
      int bx1 = bx0 + boxW;
      int by0 = corner.y0(top, bottom, boxH, margin);
      img.fill(bx0, by0, bx1 + 1, by0 + boxH + 1, 0xffffff);
      img.outline(bx0, by0, bx1, by0 + boxH, SpikeRaster.GRID);
      for (int k = 0; k < curves.size(); k++) {
        Curve c = curves.get(k);
        int baseline = by0 + inset + k * line + f.ascent;
        double cy = baseline - f.ascent / 2 + 0.5; // a pixel row's centre: the sample is crisp
        if (c.line) {
          ink.segment(bx0 + inset, cy, bx0 + inset + sample, cy, LINE_WIDTH / 2);
        }
        if (c.markers) {
          ink.disc(bx0 + inset + sample / 2.0, cy, (p.scatter ? SCATTER_MARKER : MARKER) / 2.0);
        }
        ink.paint(img, c.rgb);
        f.draw(img, c.name, bx0 + inset + sample + 6, baseline, TEXT);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Axes

  /**
   * One axis: its range in plotted units (prefixed values, or log10 of the values on a log axis), its ticks and
   * labels, and its mapping to pixel coordinates (pixel i spans [i, i + 1)).
   */
  static final class Axis {
    final boolean log;
    final double lo;
    final double hi;
    final double[] ticks;
    /**
     * log10 of the largest factor a log axis may span and still take linear-style ticks: over a factor of 3 their
     * spacing on the log scale varies at most threefold, wider ones would crowd the high end and leave the low end bare.
     */
    static final double NARROW_LOG = Math.log10(3);
    /** Decades a log axis spans at least to be labelled at decades only ({@link #wideLog}). */
    static final double WIDE_LOG = 2.5;
    /** Pixels a decade needs for grid lines at 2..9, and at 2 and 5. */
    static final double MINOR_ALL = 150;
    static final double MINOR_25 = 40;
    /** Label per tick; null: a grid line without label (2..9 times a decade). */
    final String[] labels;
    private double a;
    private double b;

    /**
     * Ticks as XChart chooses them: with {@code space} pixels for the data and about one tick per {@code hint}
     * pixels, a step of 1, 2 or 5 times a power of ten, the hint grown by 5 pixels until the labels differ and, on
     * an x axis ({@code width} not null: a label's width in pixels), the widest label plus a tenth fits between two
     * ticks; a constant axis has one tick, in the middle. A log axis's range ({@link #lo}, {@link #hi}) is widened
     * so that its ends are labelled values: one spanning {@link #WIDE_LOG} decades or more is labelled at decades
     * ({@link #wideLog}; where they are too close for a label each, {@code yLabelSpan} pixels apart on a y axis, the
     * widest label plus 5 on an x axis, every 2nd, 5th, 10th, ... decade from the low end, without the lines at
     * 2..9), a narrower one at 1, 2 and 5 times a power of ten or, spanning less than a decade, at 1..9 times
     * ({@link #mediumLog}); one label format per axis ({@link #oneFormat}). One spanning less than a factor
     * of 3 ({@link #NARROW_LOG}) keeps its range and takes linear-style ticks instead (steps of 1, 2 or 5 times a power of ten, spaced for their labels where the
     * log scale puts them closest, at the high end) when those label more values: 0.8 to 1.3 reads 0.8, 0.9, 1,
     * 1.1, 1.2, 1.3, not 0.9 and 1 bunched at one end.
     */
    Axis(boolean log, double lo, double hi, double space, int hint, java.util.function.ToIntFunction<String> width,
        int yLabelSpan) {
      this.log = log;
      if (!(hi > lo)) {
        this.lo = lo;
        this.hi = hi;
        ticks = new double[] {lo};
        labels = new String[] {Ticks.label(log ? Math.pow(10, lo) : lo)};
      } else if (log && hi - lo >= NARROW_LOG) {
        double[] r = new double[] {lo, hi};
        List<Double> t = new ArrayList<>();
        List<String> l = new ArrayList<>();
        if (hi - lo >= WIDE_LOG) {
          wideLog(r, space, width, yLabelSpan, t, l);
        } else {
          mediumLog(r, t, l);
        }
        this.lo = r[0];
        this.hi = r[1];
        ticks = new double[t.size()]; // a loop, not a stream: no lambda to spin up in a cold JVM
        for (int k = 0; k < ticks.length; k++) {
          ticks[k] = t.get(k);
        }
        labels = oneFormat(l.toArray(new String[0]), ticks);
      } else if (log) {
        this.lo = lo;
        this.hi = hi;
        List<Double> t = new ArrayList<>();
        List<String> l = new ArrayList<>();
        for (int d = (int) Math.floor(lo); d <= (int) Math.ceil(hi); d++) {
          for (int m = 1; m <= 9; m++) {
            double v = d + Math.log10(m);
            if (v >= lo - 1e-9 && v <= hi + 1e-9) {
              t.add(v);
              l.add(Ticks.label(Math.pow(10, v)));
            }
          }
        }
        double[] v = logNice(lo, hi, space, hint, width, yLabelSpan);
        if (v.length > t.size()) { // linear-style ticks label more values of a narrow axis
          t.clear();
          l.clear();
          for (double x : v) {
            t.add(Math.log10(x));
            l.add(Ticks.label(x));
          }
        }
        ticks = new double[t.size()];
        for (int k = 0; k < ticks.length; k++) {
          ticks[k] = t.get(k);
        }
        labels = oneFormat(l.toArray(new String[0]), ticks);
      } else {
        this.lo = lo;
        this.hi = hi;
        ticks = nice(lo, hi, space, hint, width);
        labels = Ticks.labels(ticks);
      }
    }

    /**
     * A log axis spanning {@link #WIDE_LOG} decades or more: widened to whole decades, then to every k-th (k = 1, 2,
     * 5, 10, 20, ...: the first whose labels are far enough apart, {@code yLabelSpan} pixels on a y axis, the widest
     * label plus 5 on an x axis), so that both ends are labelled decades; a label on every k-th decade from the low
     * end. Unlabelled grid lines: at 2..9 where a decade has {@link #MINOR_ALL} pixels, at 2 and 5 where it has {@link
     * #MINOR_25}, none where fewer or k > 1 (the lines would grey the plot).
     */
    private static void wideLog(double[] r, double space, java.util.function.ToIntFunction<String> width,
        int yLabelSpan, List<Double> t, List<String> l) {
      long d0 = (long) Math.floor(r[0] + 1e-9);
      long d1 = (long) Math.ceil(r[1] - 1e-9);
      int k = 1;
      for (int pass = 0; pass < 3; pass++) {
        long top = d0 + k * ((d1 - d0 + k - 1) / k);
        int need = yLabelSpan;
        if (width != null) {
          need = 0;
          for (long d = d0; d <= top; d += k) {
            need = Math.max(need, width.applyAsInt(Ticks.label(Math.pow(10, d))) + 5);
          }
        }
        double perDecade = space / (top - d0);
        int next = 1;
        for (int i = 0; next * perDecade < need && i < 30; i++) {
          next = (i % 3 == 1 ? 5 * next / 2 : 2 * next); // 2, 5, 10, 20, 50, 100, ...
        }
        if (next == k) {
          break;
        }
        k = next;
      }
      long top = d0 + k * ((d1 - d0 + k - 1) / k);
      r[0] = d0;
      r[1] = top;
      double perDecade = space / (top - d0);
      int[] minor = k > 1 || perDecade < MINOR_25 ? new int[0]
          : perDecade < MINOR_ALL ? new int[] {2, 5} : new int[] {2, 3, 4, 5, 6, 7, 8, 9};
      for (long d = d0; d <= top; d++) {
        t.add((double) d);
        l.add((d - d0) % k == 0 ? Ticks.label(Math.pow(10, d)) : null);
        for (int m : minor) {
          if (d < top) {
            t.add(d + Math.log10(m));
            l.add(null);
          }
        }
      }
    }

    /**
     * A log axis spanning a factor of 3 to {@link #WIDE_LOG} decades: widened to the nearest labelled values, which
     * are 1, 2 and 5 times a power of ten from a decade on (strength-duration widths 2 to 150 us: 2, 5, 10, 20, 50,
     * 100, 200), else every 1..9 times (thresholds 1.14 to 10.4 V: 1, 2, ..., 10, 20); grid lines at 1..9.
     */
    private static void mediumLog(double[] r, List<Double> t, List<String> l) {
      boolean oneTwoFive = r[1] - r[0] >= 1;
      double lo = r[0];
      double hi = r[1];
      boolean topFound = false;
      for (int d = (int) Math.floor(lo) - 1; d <= (int) Math.ceil(hi); d++) {
        for (int m = 1; m <= 9; m++) {
          double v = d + Math.log10(m);
          boolean labelled = !oneTwoFive || m == 1 || m == 2 || m == 5;
          if (labelled && v <= lo + 1e-9) {
            r[0] = v;
          }
          if (labelled && v >= hi - 1e-9 && !topFound) {
            r[1] = v;
            topFound = true;
          }
        }
      }
      for (int d = (int) Math.floor(r[0] + 1e-9); d <= (int) Math.ceil(r[1] - 1e-9); d++) {
        for (int m = 1; m <= 9; m++) {
          double v = d + Math.log10(m);
          if (v >= r[0] - 1e-9 && v <= r[1] + 1e-9) {
            t.add(v);
            l.add(!oneTwoFive || m == 1 || m == 2 || m == 5 ? Ticks.label(Math.pow(10, v)) : null);
          }
        }
      }
    }

    /**
     * One label format per log axis: when a label is written with an exponent (beyond 1e-3 .. 1e5), all are ({@code
     * 1e-3}, {@code 1e-4}, not {@code 0.001}, {@code 1e-4}).
     */
    private static String[] oneFormat(String[] labels, double[] ticks) {
      boolean exp = false;
      for (String s : labels) {
        exp |= s != null && s.contains("e");
      }
      if (exp) {
        for (int k = 0; k < labels.length; k++) {
          if (labels[k] != null) {
            labels[k] = Ticks.exponent(Math.pow(10, ticks[k]));
          }
        }
      }
      return labels;
    }

    /**
     * {@link #linear} ticks of the values 10^lo..10^hi of a log axis of {@code space} pixels, the hint grown by 5
     * until the labels differ and every two neighbours, where the log scale puts them, are far enough apart for their
     * labels: half of each and 4 pixels on an x axis ({@code width} not null), {@code yLabelSpan} on a y axis.
     */
    private static double[] logNice(double lo, double hi, double space, int hint,
        java.util.function.ToIntFunction<String> width, int yLabelSpan) {
      double vlo = Math.pow(10, lo);
      double vhi = Math.pow(10, hi);
      double[] v = {vlo};
      for (int h = hint; h < hint + 5 * 200; h += 5) {
        v = linear(vlo, vhi, space, h);
        Set<String> s = new HashSet<>();
        boolean apart = true;
        for (int k = 0; k < v.length; k++) {
          String label = Ticks.label(v[k]);
          s.add(label);
          if (k > 0) { // x: half of each label and a gap of 4, as AxisText.xTicks leaves
            double need = width == null ? yLabelSpan
                : (width.applyAsInt(Ticks.label(v[k - 1])) + width.applyAsInt(label)) / 2.0 + 4;
            apart &= (Math.log10(v[k]) - Math.log10(v[k - 1])) / (hi - lo) * space > need;
          }
        }
        if (apart && s.size() == v.length) {
          break;
        }
      }
      return v;
    }

    /**
     * {@link #linear} ticks of [lo, hi] over {@code space} pixels, the hint grown by 5 until the labels differ and
     * (with a {@code width}: an x axis) the widest label and a tenth fit between two ticks.
     */
    private static double[] nice(double lo, double hi, double space, int hint,
        java.util.function.ToIntFunction<String> width) {
      double[] v = {lo};
      for (int h = hint; h < hint + 5 * 200; h += 5) {
        v = linear(lo, hi, space, h);
        Set<String> s = new HashSet<>();
        int widest = 0;
        for (double t : v) {
          String label = Ticks.label(t);
          s.add(label);
          widest = Math.max(widest, width == null ? 10 : width.applyAsInt(label));
        }
        double apart = v.length > 1 ? (v[1] - v[0]) / (hi - lo) * space : space;
        if (widest * 1.1 < apart && s.size() == v.length) {
          break;
        }
      }
      return v;
    }

    /** A linear axis over [lo, hi] with ticks at lo and hi only. */
    Axis(double lo, double hi) {
      this(lo, hi, new double[] {lo, hi}, new String[] {Ticks.label(lo), Ticks.label(hi)});
    }

    private Axis(double lo, double hi, double[] ticks, String[] labels) {
      this.log = false;
      this.lo = lo;
      this.hi = hi;
      this.ticks = ticks;
      this.labels = labels;
    }

    /** An axis of a panel without data: no ticks, grid lines or labels, {@code at} its middle. */
    static Axis bare(double at) {
      return new Axis(at, at, new double[0], new String[0]);
    }

    /**
     * XChart's linear tick values: multiples of the step (hi - lo) / space * hint rounded to 1, 2, 5 or 10, in [lo,
     * hi] give or take a millionth of a pixel (XChart's tolerance: an axis whose data end a hair below 80 has its tick
     * at 80) or a billionth of a step.
     */
    static double[] linear(double lo, double hi, double space, int hint) {
      if (!(hi > lo) || !(space > 0)) {
        return new double[] {lo};
      }
      double raw = (hi - lo) / space * hint;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / mag;
      if (f >= 10) {
        f /= 10;
        mag *= 10;
      }
      double step = (f > 7.5 ? 10 : f > 3.5 ? 5 : f > 1.5 ? 2 : 1) * mag;
      return Ticks.multiples(lo, hi, step, Math.max(1e-9, 1e-6 * (hi - lo) / space / step), 1000);
    }

    /** Maps the data range to the middle {@link #CONTENT} of [from, to] (pixel coordinates, either direction). */
    void place(double from, double to) {
      double margin = (1 - CONTENT) / 2 * (to - from);
      a = from + margin;
      b = to - margin;
    }

    /** The pixel coordinate of v (plotted units). */
    double map(double v) {
      return hi > lo ? a + (v - lo) * (b - a) / (hi - lo) : (a + b) / 2;
    }

    /** The pixel (row or column) holding v. */
    int pixel(double v) {
      return (int) Math.floor(map(v));
    }

    /** The pixel of every tick. */
    int[] pixels() {
      int[] r = new int[ticks.length];
      for (int k = 0; k < r.length; k++) {
        r[k] = pixel(ticks[k]);
      }
      return r;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Data

  /**
   * The values on the axis' scale: times {@code factor}, or log10 on a log axis (of |v| for y, as log y plots the
   * magnitude); non-finite results (and log of 0 or, for x, of a negative) are NaN.
   */
  private static double[] scale(double[] v, boolean log, double factor, boolean magnitude) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double s = log ? Math.log10((magnitude ? Math.abs(v[i]) : v[i]) * factor) : v[i] * factor;
      r[i] = Double.isFinite(s) ? s : Double.NaN;
    }
    return r;
  }

  /** Sets x and y to NaN where either is; returns the points left. */
  private static int breakGaps(double[] x, double[] y) {
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        x[i] = Double.NaN;
        y[i] = Double.NaN;
      } else {
        n++;
      }
    }
    return n;
  }

  /** Each run between gaps reduced to min/max per column ({@link Plotter#decimate}); gaps stay one NaN. */
  private static double[][] decimateRuns(double[] x, double[] y, int columns) {
    double[] ox = new double[Math.min(x.length, 4 * columns + 8)];
    double[] oy = new double[ox.length];
    int m = 0;
    int i = 0;
    while (i < x.length) {
      if (Double.isNaN(x[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < x.length && !Double.isNaN(x[j])) {
        j++;
      }
      double[][] d = Plotter.decimate(java.util.Arrays.copyOfRange(x, i, j), java.util.Arrays.copyOfRange(y, i, j),
          columns);
      if (m + d[0].length + 1 > ox.length) {
        int cap = Math.max(2 * ox.length, m + d[0].length + 1);
        ox = java.util.Arrays.copyOf(ox, cap);
        oy = java.util.Arrays.copyOf(oy, cap);
      }
      if (m > 0) {
        ox[m] = Double.NaN;
        oy[m++] = Double.NaN;
      }
      System.arraycopy(d[0], 0, ox, m, d[0].length);
      System.arraycopy(d[1], 0, oy, m, d[1].length);
      m += d[0].length;
      i = j;
    }
    return new double[][] {java.util.Arrays.copyOf(ox, m), java.util.Arrays.copyOf(oy, m)};
  }

  /** Whether every value of v (NaN aside) is r[0] or r[1]. */
  private static boolean levels(double[] v, double[] r) {
    for (double a : v) {
      if (!Double.isNaN(a) && a != r[0] && a != r[1]) {
        return false;
      }
    }
    return true;
  }

  private static void range(double[] v, double[] r) {
    for (double a : v) {
      if (!Double.isNaN(a)) {
        r[0] = Math.min(r[0], a);
        r[1] = Math.max(r[1], a);
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  // ---------------------------------------------------------------------------------------------
  // Anti-aliased ink

  /**
   * Coverage (0-255) of one colour's shapes over a clip rectangle, kept as the largest coverage any shape gives a
   * pixel, then painted over the image in one pass: where a line's segments meet, or a marker sits on its line, the
   * pixel is painted once, as one stroke would be.
   */
  static final class Coverage {
    private final int x0;
    private final int y0;
    private final int x1;
    private final int y1;
    private final int stride;
    private final byte[] cov;
    private int minX;
    private int minY;
    private int maxX;
    private int maxY;

    /** Clip rectangle [x0, x1] x [y0, y1], corners included. */
    Coverage(int x0, int y0, int x1, int y1) {
      this.x0 = x0;
      this.y0 = y0;
      this.x1 = Math.max(x0, x1);
      this.y1 = Math.max(y0, y1);
      this.stride = this.x1 - x0 + 1;
      this.cov = new byte[stride * (this.y1 - y0 + 1)];
      clean();
    }

    private void clean() {
      minX = Integer.MAX_VALUE;
      minY = Integer.MAX_VALUE;
      maxX = Integer.MIN_VALUE;
      maxY = Integer.MIN_VALUE;
    }

    /**
     * A segment from (ax, ay) to (bx, by) with round ends, {@code hw} wide on either side of its centre line:
     * a pixel's coverage is hw + 1/2 minus the distance of its centre from the segment, clamped to [0, 1].
     */
    void segment(double ax, double ay, double bx, double by, double hw) {
      double r = hw + 0.5;
      double dx = bx - ax;
      double dy = by - ay;
      double len2 = dx * dx + dy * dy;
      int c0 = Math.max(x0, (int) Math.floor(Math.min(ax, bx) - r));
      int c1 = Math.min(x1, (int) Math.floor(Math.max(ax, bx) + r));
      for (int i = c0; i <= c1; i++) {
        double cx = i + 0.5;
        // the part of the segment within r of this column's centre: its y extent, widened by r
        double ya;
        double yb;
        if (Math.abs(dx) < 1e-12) {
          ya = ay;
          yb = by;
        } else {
          double t0 = Math.max(0, Math.min(1, (cx - r - ax) / dx));
          double t1 = Math.max(0, Math.min(1, (cx + r - ax) / dx));
          ya = ay + t0 * dy;
          yb = ay + t1 * dy;
        }
        int r0 = Math.max(y0, (int) Math.floor(Math.min(ya, yb) - r));
        int r1 = Math.min(y1, (int) Math.floor(Math.max(ya, yb) + r));
        for (int j = r0; j <= r1; j++) {
          double cy = j + 0.5;
          double t = len2 > 0 ? Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / len2)) : 0;
          double ex = cx - ax - t * dx;
          double ey = cy - ay - t * dy;
          put(i, j, r - Math.sqrt(ex * ex + ey * ey));
        }
      }
    }

    /** A filled disc of radius {@code rad} centred on (cx, cy). */
    void disc(double cx, double cy, double rad) {
      double r = rad + 0.5;
      int c0 = Math.max(x0, (int) Math.floor(cx - r));
      int c1 = Math.min(x1, (int) Math.floor(cx + r));
      int r0 = Math.max(y0, (int) Math.floor(cy - r));
      int r1 = Math.min(y1, (int) Math.floor(cy + r));
      for (int j = r0; j <= r1; j++) {
        for (int i = c0; i <= c1; i++) {
          double ex = i + 0.5 - cx;
          double ey = j + 0.5 - cy;
          put(i, j, r - Math.sqrt(ex * ex + ey * ey));
        }
      }
    }

    private void put(int i, int j, double coverage) {
      if (!(coverage > 0)) {
        return;
      }
      int c = coverage >= 1 ? 255 : (int) Math.round(coverage * 255);
      int k = (j - y0) * stride + (i - x0);
      if (c > (cov[k] & 0xff)) {
        cov[k] = (byte) c;
      }
      minX = Math.min(minX, i);
      maxX = Math.max(maxX, i);
      minY = Math.min(minY, j);
      maxY = Math.max(maxY, j);
    }

    /** Paints {@code rgb} over the image with the coverage gathered so far, then clears it. */
    void paint(RasterImage img, int rgb) {
      for (int j = minY; j <= maxY; j++) {
        int row = (j - y0) * stride - x0;
        for (int i = minX; i <= maxX; i++) {
          int c = cov[row + i] & 0xff;
          if (c != 0) {
            img.blend(i, j, rgb, c);
            cov[row + i] = 0;
          }
        }
      }
      clean();
    }
  }
}
