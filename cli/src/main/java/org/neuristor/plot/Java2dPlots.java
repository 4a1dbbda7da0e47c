package org.neuristor.plot;

import static org.neuristor.plot.Plotter.DECIMATE_ABOVE;
import static org.neuristor.plot.Plotter.HEIGHT;
import static org.neuristor.plot.Plotter.WIDTH;
import static org.neuristor.plot.Plotter.clean;
import static org.neuristor.plot.Plotter.decimate;
import static org.neuristor.plot.Plotter.maxAbs;
import static org.neuristor.plot.Plotter.niceTicks;
import static org.neuristor.plot.Plotter.tick;
import static org.neuristor.plot.Plotter.uniqueName;

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
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuristor.plot.Plotter.Bar;
import org.neuristor.plot.Plotter.MultiPanel;
import org.neuristor.plot.Plotter.Panel;
import org.neuristor.plot.Plotter.Prefix;
import org.neuristor.plot.Plotter.Series;
import org.neuristor.io.AtomicFiles;

/**
 * The Java2D side of {@link Plotter}: every plot kind painted on a {@link Graphics2D} through XChart, for the vector
 * formats (SVG via VectorGraphics2D, PDF, EPS) and for the PNGs of the kinds {@link LinePlot} does not draw
 * (gallery, matrix, and the spike raster's SVG; heat map, image grid and log bars have their own). A class of its own so
 * that a PNG of the x-y family loads no AWT or XChart class.
 */
final class Java2dPlots {
  private Java2dPlots() {}
  /**
   * The Java2D style, in a class of its own: creating a {@link Color} starts AWT's toolkit, which a PNG of the x-y
   * family ({@link LinePlot}) never needs.
   */
  static final class Awt {
    static final Color[] PALETTE = colors(SpikeRaster.PALETTE);
    static final Color GRID = new Color(SpikeRaster.GRID);
    static final Color FRAME = new Color(SpikeRaster.FRAME);
    static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  }

  private static Color[] colors(int[] rgb) {
    Color[] c = new Color[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      c[i] = new Color(rgb[i]);
    }
    return c;
  }

  static Path lines(Path out, String title, String xLabel, String yLabel, List<Series> series) {
    XYChart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, series, false, false);
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  static Path upDown(Path out, String title, String xLabel, int h, List<String> labels, List<List<Series>> panels) {
    int n = panels.size();
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

  static Path stacked(Path out, String title, String xLabel, List<List<Series>> panels, List<String> panelYLabels,
      int titleHeight, int[] heights, int total, double lo, double hi) {
    int n = panels.size();
    Prefix xp = Prefix.choose(xLabel, Math.max(Math.abs(lo), Math.abs(hi)));
    Chart[] charts = new Chart[n];
    for (int i = 0; i < n; i++) {
      boolean bottom = i == n - 1;
      Chart c = xyChart(WIDTH, heights[i], null, xLabel, panelYLabels.get(i), panels.get(i), false, false);
      XYStyler st = c.getStyler();
      if (lo < hi) {
        st.setXAxisMin(lo * xp.factor());
        st.setXAxisMax(hi * xp.factor());
      }
      if (!bottom) {
        st.setXAxisTitleVisible(false);
        st.setXAxisTickLabelsFormattingFunction(v -> " ");
      }
      charts[i] = c;
    }
    int[] shift = alignPlotAreas(charts, heights);
    return render(out, WIDTH, total, g -> {
      fillWhite(g, WIDTH, total);
      if (title != null && !title.isBlank()) {
        drawCentered(g, title, Awt.TITLE, WIDTH / 2.0, 27);
      }
      int y = titleHeight;
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

  static Path xy(Path out, String title, String xLabel, String yLabel, List<Series> series, boolean logX,
      boolean logY, boolean scatter) {
    XYChart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, series, logX, logY);
    if (scatter) {
      for (XYSeries s : chart.getSeriesCollection()) {
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      }
      chart.getStyler().setMarkerSize(4);
    }
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  static Path scatter(Path out, String title, String xLabel, String yLabel, Series series) {
    XYChart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, List.of(series), false, false);
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
   * The raster as XChart draws it, its title and legend by {@link SpikeRaster}'s layout: the title centred on top, the
   * legend in a strip above the plot area ({@link SpikeRaster.Strip}), never over spikes.
   */
  static Path raster(Path out, String title, String xLabel, String yLabel, List<Series> series, double[] range) {
    List<Series> all = series;
    String corners = "\u0000range";
    if (range != null) { // two hidden points at the range's corners: the axes span it and take its prefix
      all = new ArrayList<>(series);
      all.add(new Series(corners, new double[] {range[0], range[1]}, new double[] {range[2], range[3]}, false));
    }
    // not decimated: min/max per pixel column keeps a line's extremes but drops most of a raster's spikes
    Chart chart = xyChart(WIDTH, HEIGHT, title, xLabel, yLabel, all, false, false, false);
    chart.legendAvoidsData = false;
    List<String> names = new ArrayList<>();
    List<Color> colours = new ArrayList<>();
    for (XYSeries s : chart.getSeriesCollection()) {
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      if (s.getName().equals(corners)) {
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
      }
      if (s.isShowInLegend()) {
        names.add(s.getName());
        colours.add(s.getMarkerColor());
      }
    }
    XYStyler st = chart.getStyler();
    st.setMarkerSize(2);
    st.setLegendVisible(false);
    boolean hasTitle = title != null && !title.isBlank();
    st.setChartTitleVisible(false);
    Font font = st.getLegendFont();
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(font);
    FontMetrics tm = pg.getFontMetrics(Awt.TITLE);
    pg.dispose();
    int pad = st.getChartPadding();
    int[] widths = new int[names.size()];
    for (int k = 0; k < widths.length; k++) {
      widths[k] = fm.stringWidth(names.get(k));
    }
    SpikeRaster.Strip strip = names.size() > 1 ? SpikeRaster.Strip.of(widths, WIDTH - 2 * pad) : null;
    int line = fm.getHeight() + 2;
    int stripTop = pad + (hasTitle ? tm.getHeight() + pad : 0);
    int top = stripTop + (strip == null ? 0 : strip.rows * line + 6) - pad; // XChart pads its plot area's top
    return render(out, WIDTH, HEIGHT, g -> {
      fillWhite(g, WIDTH, HEIGHT);
      AffineTransform saved = g.getTransform();
      g.translate(0, top);
      chart.paint(g, WIDTH, HEIGHT - top);
      g.setTransform(saved);
      if (hasTitle) {
        drawCentered(g, title, Awt.TITLE, WIDTH / 2.0, pad + tm.getAscent());
      }
      if (strip != null) {
        double right = chart.plotBounds().getMaxX();
        for (int k = 0; k < names.size(); k++) {
          int baseline = stripTop + strip.row[k] * line + fm.getAscent();
          double x = right + strip.x[k];
          g.setColor(colours.get(k));
          g.fill(new Rectangle2D.Double(x, baseline - fm.getAscent() / 2.0 - 3, SpikeRaster.Strip.SWATCH,
              SpikeRaster.Strip.SWATCH));
          // as outlines, as XChart draws its text: an SVG viewer's own font would not match the measured widths
          java.awt.Shape text = new java.awt.font.TextLayout(names.get(k), font, g.getFontRenderContext())
              .getOutline(AffineTransform.getTranslateInstance(x + SpikeRaster.Strip.SWATCH + SpikeRaster.Strip.GAP,
                  baseline));
          g.setColor(Color.BLACK);
          g.fill(text);
        }
      }
    });
  }

  /** The histogram's step outline {@code xs}, {@code ys} (from the lowest to the highest edge) as an XChart area. */
  static Path histogram(Path out, String title, String xLabel, double[] xs, double[] ys) {
    double lo = xs[0];
    double hi = xs[xs.length - 1];
    Prefix xp = Prefix.choose(xLabel, Math.max(Math.abs(lo), Math.abs(hi)));
    XYChart chart = baseChart(WIDTH, HEIGHT, title, xp.label(), "count");
    XYSeries s = chart.addSeries("count", xp.apply(xs), ys);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Awt.PALETTE[0]);
    s.setFillColor(new Color(0x1f, 0x77, 0xb4, 110));
    addTickAnchor(chart, xs[0] * xp.factor(), xs[xs.length - 1] * xp.factor(), 0);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisMin(0.0);
    return render(out, WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
  }

  static Path heatmap(Path out, String title, String xLabel, String yLabel, double[] xs,
      double[] ys, double[][] z, String zLabel, java.util.Map<Double, String> categoryNames) {
    HeatMap.check(xs, ys, z);
    int w = HeatMap.WIDTH;
    int h = HeatMap.HEIGHT;
    HeatmapPainter p = new HeatmapPainter(title, xLabel, yLabel, xs, ys, z, zLabel, categoryNames);
    return render(out, w, h, g -> p.paint(g, w, h));
  }


  static Path imageGrid(Path out, String title, List<double[][]> images, int columns,
      List<String> captions, String scaleLabel) {
    ImageGridPlot.Layout l = new ImageGridPlot.Layout(title, images, columns, captions, scaleLabel,
        t -> width(Awt.TITLE, t));
    int w = l.w;
    int h = l.h;
    boolean hasTitle = l.hasTitle;
    boolean bar = l.bar;
    double range = l.range;
    int sc = l.scale;
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      if (hasTitle) {
        drawCentered(g, title, Awt.TITLE, w / 2.0, 27);
      }
      if (bar) {
        int bx = l.barX();
        int top = l.barTop();
        int bh = l.barHeight();
        for (int k = 0; k < bh; k++) {
          int lvl = l.barLevel(k);
          g.setColor(new Color(lvl, lvl, lvl));
          g.fillRect(bx, top + k, 18, 1);
        }
        g.setColor(Awt.FRAME);
        g.drawRect(bx, top, 18, bh);
        g.setFont(Awt.BASE.deriveFont(11f));
        g.setColor(Color.BLACK);
        g.drawString(scaleLabel, bx - 10, top - 8);
        for (double t : niceTicks(-range, range, 5)) {
          int py = (int) Math.round(top + (range - t) / (2 * range) * bh);
          g.drawLine(bx + 18, py, bx + 22, py);
          g.drawString(tick(t), bx + 25, py + 4);
        }
      }
      for (int k = 0; k < images.size(); k++) {
        int x0 = l.imageX(k);
        int y0 = l.imageY(k);
        BufferedImage img = bar ? grey(images.get(k), -range, range) : grey(images.get(k));
        Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
            RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, x0, y0, img.getWidth() * sc, img.getHeight() * sc, null);
        if (old != null) {
          g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
        }
        g.setColor(Awt.FRAME);
        g.drawRect(x0 - 1, y0 - 1, img.getWidth() * sc + 1, img.getHeight() * sc + 1);
        if (k < captions.size() && captions.get(k) != null && !captions.get(k).isEmpty()) {
          drawCentered(g, captions.get(k), Awt.BASE.deriveFont(11f), x0 + maxColsPx(img, sc) / 2.0,
              y0 + img.getHeight() * sc + 14);
        }
      }
    });
  }

  static Path gallery(Path out, String title, List<Panel> panels, int columns) {
    return multiGallery(out, title, Gallery.multi(panels), columns);
  }

  static Path multiGallery(Path out, String title, List<MultiPanel> panels, int columns) {
    Gallery.Grid grid = Gallery.Grid.of(title, panels.size(), columns);
    int cellW = grid.cellW();
    int cellH = grid.cellH();
    boolean hasTitle = grid.titleH() > 0;
    int w = grid.w();
    int h = grid.h();
    List<XYChart> charts = new ArrayList<>();
    for (MultiPanel p : panels) {
      Chart c = xyChart(cellW, cellH, p.title(), p.xLabel(), p.yLabel(), p.series(), false, false);
      XYStyler st = c.getStyler();
      LinePlot.Style gs = Gallery.STYLE;
      st.setChartTitleFont(Awt.BASE.deriveFont(Font.BOLD, gs.titleSize()));
      st.setAxisTitleFont(Awt.BASE.deriveFont((float) gs.axisTitleSize()));
      st.setAxisTickLabelsFont(Awt.BASE.deriveFont((float) gs.tickSize()));
      st.setChartPadding(gs.pad());
      st.setXAxisTickMarkSpacingHint(gs.xHint());
      st.setYAxisTickMarkSpacingHint(gs.yHint());
      st.setLegendVisible(false);
      c.titleWithinChart = true;
      charts.add(c);
    }
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      if (hasTitle) {
        drawCentered(g, title, Awt.TITLE.deriveFont((float) Gallery.TITLE_SIZE), w / 2.0, Gallery.TITLE_BASELINE);
      }
      for (int k = 0; k < charts.size(); k++) {
        AffineTransform saved = g.getTransform();
        g.translate(grid.x(k), grid.y(k));
        charts.get(k).paint(g, cellW, cellH);
        g.setTransform(saved);
      }
    });
  }

  static Path logBars(Path out, String title, String xLabel, List<Bar> bars, List<String> groups) {
    int[] span = LogBarPlot.decades(bars);
    int d0 = span[0];
    int d1 = span[1];
    Font labelFont = Awt.BASE.deriveFont(12f);
    java.awt.image.BufferedImage probe = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    int labelW = 0;
    for (Bar b : bars) {
      labelW = Math.max(labelW, pg.getFontMetrics(labelFont).stringWidth(b.label()));
    }
    pg.dispose();
    int left = labelW + 20;
    int plotW = LogBarPlot.PLOT_WIDTH;
    int rowH = LogBarPlot.ROW;
    int top = LogBarPlot.TOP;
    int w = left + plotW + 30;
    int h = LogBarPlot.height(bars.size(), groups.size());
    final int decades = d1 - d0;
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      drawCentered(g, title, Awt.TITLE, w / 2.0, 28);
      java.util.function.DoubleUnaryOperator xOf = v -> left + plotW * (Math.log10(v) - d0) / decades;
      g.setFont(Awt.BASE.deriveFont(11f));
      for (int d = d0; d <= d1; d++) {
        int x = (int) Math.round(xOf.applyAsDouble(Math.pow(10, d)));
        g.setColor(Awt.GRID);
        g.drawLine(x, top - 4, x, top + bars.size() * rowH);
        drawCentered(g, "1e" + d, Awt.BASE.deriveFont(11f), x, top + bars.size() * rowH + 16);
      }
      drawCentered(g, xLabel, Awt.BASE, left + plotW / 2.0, top + bars.size() * rowH + 36);
      for (int i = 0; i < bars.size(); i++) {
        Bar b = bars.get(i);
        int y = top + i * rowH;
        g.setColor(Color.BLACK);
        g.setFont(labelFont);
        g.drawString(b.label(), 8, y + rowH - 7);
        if (LogBarPlot.drawn(b)) {
          int x1 = (int) Math.round(xOf.applyAsDouble(b.value()));
          g.setColor(Awt.PALETTE[b.group() % Awt.PALETTE.length]);
          g.fillRect(left, y + 4, Math.max(1, x1 - left), rowH - 8);
        }
      }
      g.setColor(Awt.FRAME);
      g.drawRect(left, top - 4, plotW, bars.size() * rowH + 4);
      int ly = top + bars.size() * rowH + 50;
      for (int k = 0; k < groups.size(); k++) {
        int lx = 10 + (k % 2) * ((w - 20) / 2);
        int yy = ly + (k / 2) * LogBarPlot.LEGEND_ROW;
        g.setColor(Awt.PALETTE[k % Awt.PALETTE.length]);
        g.fillRect(lx, yy, 14, 14);
        g.setColor(Color.BLACK);
        g.setFont(Awt.BASE.deriveFont(12f));
        g.drawString(groups.get(k), lx + 20, yy + 12);
      }
    });
  }

  static Path matrix(Path out, String title, List<String> rows, List<String> columns, String[][] text,
      boolean[][] ok) {
    Font cellFont = Awt.BASE.deriveFont((float) Matrix.CELL_SIZE);
    Font headFont = Awt.BASE.deriveFont(Font.BOLD, Matrix.HEAD_SIZE);
    java.awt.image.BufferedImage probe = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics cellFm = pg.getFontMetrics(cellFont);
    FontMetrics headFm = pg.getFontMetrics(headFont);
    FontMetrics titleFm = pg.getFontMetrics(Awt.TITLE);
    Matrix.Geometry geo = Matrix.Geometry.of(title, rows, columns, text, ok, new Matrix.Widths() {
      @Override
      public int cell(String s) {
        return cellFm.stringWidth(s);
      }

      @Override
      public int head(String s) {
        return headFm.stringWidth(s);
      }

      @Override
      public int title(String s) {
        return titleFm.stringWidth(s);
      }
    });
    pg.dispose();
    int cellH = Matrix.CELL_H;
    boolean hasTitle = geo.titleH() > 0;
    int w = geo.w();
    int h = geo.h();
    final int cw = geo.cellW();
    Color pass = new Color(Matrix.PASS);
    Color fail = new Color(Matrix.FAIL);
    return render(out, w, h, g -> {
      fillWhite(g, w, h);
      if (hasTitle) {
        drawCentered(g, title, Awt.TITLE, w / 2.0, Matrix.TITLE_BASELINE);
      }
      g.setColor(Color.BLACK);
      for (int j = 0; j < columns.size(); j++) {
        drawCentered(g, columns.get(j), headFont, geo.x(j) + 0.5 * cw, geo.titleH() + Matrix.HEAD_H - 8);
      }
      for (int i = 0; i < rows.size(); i++) {
        int y0 = geo.y(i);
        g.setColor(Color.BLACK);
        g.setFont(headFont);
        g.drawString(rows.get(i), 6, y0 + cellH - Matrix.TEXT_RAISE);
        for (int j = 0; j < columns.size(); j++) {
          int x0 = geo.x(j);
          g.setColor(ok[i][j] ? pass : fail);
          g.fillRect(x0 + 1, y0 + 1, cw - 2, cellH - 2);
          String t = text[i][j] == null ? "" : text[i][j];
          drawCentered(g, t, cellFont, x0 + cw / 2.0, y0 + cellH - Matrix.TEXT_RAISE,
              new Color(Matrix.textRgb(ok[i][j])));
        }
      }
    });
  }

  // Output

  /** Paints a picture on a Graphics2D of the given size. */
  @FunctionalInterface
  interface Painter {
    void paint(Graphics2D g);
  }

  /** Writes the picture in the format given by {@code out}'s extension, atomically. */
  static Path render(Path out, int width, int height, Painter painter) {
    String vector = Plotter.vectorFormat(out);
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

  /**
   * An XYChart that exposes where it drew its plot area, for aligning stacked panels, and that puts its legend in the
   * inside corner with the least data ({@link LegendCorner}, the PNG's rule) before it paints at a new size.
   */
  static final class Chart extends XYChart {
    /** XChart's gap between an inside legend and the plot area's sides (its Legend_.LEGEND_MARGIN). */
    private static final int LEGEND_MARGIN = 6;
    /** False: the legend stays where the styler puts it. */
    boolean legendAvoidsData = true;
    /**
     * Log axes whose ticks this chart draws itself, chosen by the PNG's rule ({@link LinePlot.Axis}: every k-th decade
     * labelled and no lines at 2..9 where decades are close, linear-style ticks on an axis spanning less than a factor
     * of 3): XChart's log ticks label decades only, all of them, and none on an axis without a decade in range.
     */
    boolean ownLogX;
    boolean ownLogY;
    /**
     * A title that would cross the chart's right edge (centred over the plot area, as XChart puts it) moves left to fit
     * (a gallery cell's, as {@link Gallery} draws the PNG; {@link AxisText#within}); XChart's own is then transparent.
     */
    boolean titleWithinChart;
    private OwnTicks xTicks;
    private OwnTicks yTicks;
    /** The chart's and the plot area's background colours, painted by {@link #paint} when it draws a log axis. */
    private final Color[] background = new Color[2];
    private int placedW = -1;
    private int placedH = -1;
    private int ticksW = -1;
    private int ticksH = -1;

    Chart(int w, int h) {
      super(w, h);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
      if ((ownLogX || ownLogY) && (width != ticksW || height != ticksH)) {
        ticksW = width;
        ticksH = height;
        layOutLogTicks(width, height);
      }
      if (legendAvoidsData && getStyler().isLegendVisible() && (width != placedW || height != placedH)) {
        placedW = width;
        placedH = height;
        placeLegend(width, height);
      }
      if (xTicks != null || yTicks != null) {
        // the backgrounds and the grid under XChart's drawing, whose backgrounds are transparent here
        g.setColor(background[0]);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        g.setColor(background[1]);
        g.fill(plotBounds());
        if (xTicks != null) {
          xTicks.paint(g, this, true, true);
        }
        if (yTicks != null) {
          yTicks.paint(g, this, false, true);
        }
      }
      XYStyler st = getStyler();
      boolean ownTitle = titleWithinChart && st.isChartTitleVisible() && !getTitle().isEmpty();
      Color titleColour = st.getChartTitleFontColor();
      if (ownTitle) {
        st.setChartTitleFontColor(new Color(0, 0, 0, 0));
      }
      try {
        super.paint(g, width, height);
      } finally {
        st.setChartTitleFontColor(titleColour);
      }
      if (ownTitle) {
        // XChart's place (its ChartTitle: the ink's box centred over the plot area, baseline below padding, ink
        // height and title padding), moved by the PNG's rule to lie within the chart's padding, in a smaller face or
        // two lines when wider than the chart (AxisText.titleFace)
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
        Font tf = st.getChartTitleFont();
        int pad = st.getChartPadding();
        java.awt.font.TextLayout full = new java.awt.font.TextLayout(getTitle(), tf, frc);
        double baseline = pad + full.getOutline(null).getBounds2D().getHeight() + st.getChartTitlePadding();
        int[] face = AxisText.titleFace(getTitle(), tf.getSize(), width - 2 * pad, (t, size, bold) ->
            new java.awt.font.TextLayout(t, tf.deriveFont(bold ? Font.BOLD : Font.PLAIN, (float) size), frc)
                .getOutline(null).getBounds2D().getWidth());
        Font f = tf.deriveFont(face[1] == 1 ? Font.BOLD : Font.PLAIN, (float) Math.abs(face[0]));
        String[] lines = face[0] > 0 ? new String[] {getTitle()} : AxisText.wrap(getTitle());
        Rectangle2D pb = plotBounds();
        for (int i = 0; i < lines.length; i++) {
          java.awt.Shape outline = new java.awt.font.TextLayout(lines[i].isEmpty() ? " " : lines[i], f, frc)
              .getOutline(null);
          Rectangle2D b = outline.getBounds2D();
          double x = pb.getX() + (pb.getWidth() - b.getWidth()) / 2.0;
          double ink = AxisText.within(x + b.getX(), b.getWidth(), pad, width - 1 - pad);
          AffineTransform saved = g.getTransform();
          g.translate(ink - b.getX(), baseline - (lines.length - 1 - i) * f.getSize2D() * 1.17);
          g.setColor(titleColour);
          g.fill(outline);
          g.setTransform(saved);
        }
      }
      if (xTicks != null) {
        xTicks.paint(g, this, true, false);
      }
      if (yTicks != null) {
        yTicks.paint(g, this, false, false);
      }
    }

    /**
     * Chooses the ticks of the log axes by {@link LinePlot.Axis} for the plot area XChart lays out, and hides XChart's
     * own ticks there: its labels (stand-ins of the widest of ours, so that XChart reserves their room), tick marks
     * and grid lines are painted transparent, after a recording paint in marker colours has shown where XChart puts
     * them (the labels' column or row, the axis line). XChart's axis range is set to the
     * {@link LinePlot.Axis}' (widened to labelled ends). Repeated until the widest label and the range stay the same
     * (at most 4).
     */
    private void layOutLogTicks(int width, int height) {
      XYStyler s = getStyler();
      Font font = s.getAxisTickLabelsFont();
      BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
      Graphics2D pg = probe.createGraphics();
      FontMetrics fm = pg.getFontMetrics(font);
      pg.dispose();
      // per axis, x then y: whether this chart draws its ticks, XChart's tick-mark colour, the data's range, the
      // widest of our labels (null: none yet), the ends XChart's stand-in labels mark, our ticks
      boolean[] own = {ownLogX, ownLogY};
      Color[] marks = {s.getXAxisTickMarksColor(), s.getYAxisTickMarksColor()};
      double[][] range = {logRange(true), logRange(false)};
      String[] wide = {null, null};
      double[][] ends = range.clone();
      OwnTicks[] ticks = {xTicks, yTicks};
      for (int pass = 0; pass < 4; pass++) {
        for (int k = 0; k < 2; k++) {
          if (own[k]) {
            standInTicks(s, k == 0, standIn(wide[k], ends[k]));
          }
        }
        Marks m = new Marks();
        try {
          super.paint(m, width, height);
        } finally {
          m.dispose();
        }
        Rectangle2D pb = plot.getBounds();
        boolean same = true;
        for (int k = 0; k < 2; k++) {
          if (own[k] && range[k] != null) {
            boolean x = k == 0;
            LinePlot.Axis a;
            if (x) {
              a = new LinePlot.Axis(true, range[k][0], range[k][1], s.getPlotContentSize() * pb.getWidth(),
                  s.getXAxisTickMarkSpacingHint(), fm::stringWidth, 0);
            } else {
              double space = s.getPlotContentSize() * pb.getHeight();
              a = new LinePlot.Axis(true, range[k][0], range[k][1], space,
                  LinePlot.yHint(space, s.getYAxisTickMarkSpacingHint()), null, fm.getAscent() + 4);
            }
            ticks[k] = new OwnTicks(a, m.box(Marks.LABELS[k]), m.box(Marks.MARKS[k]), font, marks[k]);
            same &= ticks[k].widest(fm).equals(wide[k])
                && sameRange(x ? s.getXAxisMin() : s.getYAxisMin(), x ? s.getXAxisMax() : s.getYAxisMax(), a);
            wide[k] = ticks[k].widest(fm);
            // the axis' range widened to labelled ends, as the PNG's (LinePlot.Axis)
            ends[k] = new double[] {a.lo, a.hi};
            if (x) {
              s.setXAxisMin(a.lo).setXAxisMax(a.hi);
            } else {
              s.setYAxisMin(a.lo).setYAxisMax(a.hi);
            }
          }
        }
        if (same) {
          break;
        }
      }
      xTicks = ticks[0];
      yTicks = ticks[1];
      Color none = new Color(0, 0, 0, 0);
      if (xTicks != null || yTicks != null) {
        background[0] = s.getChartBackgroundColor();
        background[1] = s.getPlotBackgroundColor();
        s.setChartBackgroundColor(none);
        s.setPlotBackgroundColor(none);
      }
      if (ownLogX) {
        s.setXAxisTickLabelsColor(none).setXAxisTickMarksColor(none);
      }
      if (ownLogY) {
        s.setYAxisTickLabelsColor(none).setYAxisTickMarksColor(none);
      }
    }

    /**
     * XChart's ticks of axis x (or y) for a paint that shows where they go: {@code labels} as their labels, in the
     * marker colours, without grid lines.
     */
    private static void standInTicks(XYStyler s, boolean x, Function<Double, String> labels) {
      if (x) {
        s.setXAxisTickLabelsFormattingFunction(labels).setXAxisTickLabelsColor(Marks.LABELS[0])
            .setXAxisTickMarksColor(Marks.MARKS[0]).setPlotGridVerticalLinesVisible(false);
      } else {
        s.setYAxisTickLabelsFormattingFunction(labels).setYAxisTickLabelsColor(Marks.LABELS[1])
            .setYAxisTickMarksColor(Marks.MARKS[1]).setPlotGridHorizontalLinesVisible(false);
      }
    }

    /** Whether XChart's axis range (null: the data's) is already {@code a}'s. */
    private static boolean sameRange(Double min, Double max, LinePlot.Axis a) {
      return min != null && max != null && min == a.lo && max == a.hi;
    }

    /**
     * XChart's labels of an axis whose ticks the chart draws: {@code wide} (the widest of ours, null: XChart's own
     * label) for every value, but a text as wide with another digit at the axis' end {@code range[1]}, since XChart
     * makes no ticks at all where its end labels read alike (taken for a format that chops decimals).
     */
    private static Function<Double, String> standIn(String wide, double[] range) {
      if (wide == null) {
        return Plotter::tick;
      }
      int d = 0;
      while (d < wide.length() && !Character.isDigit(wide.charAt(d))) {
        d++;
      }
      String alt = d == wide.length() ? wide + " "
          : wide.substring(0, d) + (wide.charAt(d) == '1' ? '2' : '1') + wide.substring(d + 1);
      double end = range == null ? Double.NaN : range[1];
      return v -> v == end ? alt : wide;
    }

    /** The range of x (or y) of the series, log10 of the values on a log axis ({@link #xyChart}); null: none. */
    private double[] logRange(boolean x) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (XYSeries s : getSeriesCollection()) {
        double a = x ? s.getXMin() : s.getYMin();
        double b = x ? s.getXMax() : s.getYMax();
        if (b >= a) {
          lo = Math.min(lo, a);
          hi = Math.max(hi, b);
        }
      }
      return lo <= hi ? new double[] {lo, hi} : null;
    }

    /**
     * Paints the chart once without its legend into a recorder that marks the pixels its data cover (no raster:
     * Java2D's raster pipeline would cost a cold JVM about 0.4 s), then asks XChart the legend's size.
     */
    private void placeLegend(int width, int height) {
      XYStyler s = getStyler();
      s.setLegendVisible(false);
      Ink data = new Ink(width, height);
      try {
        super.paint(data, width, height);
      } finally {
        data.dispose();
        s.setLegendVisible(true);
      }
      Rectangle2D lb = legend.getBounds(); // its size from the series' names (XChart keeps the offsets apart)
      Rectangle2D pb = plot.getBounds();
      int left = (int) Math.round(pb.getX());
      int top = (int) Math.round(pb.getY());
      int right = (int) Math.round(pb.getMaxX());
      int bottom = (int) Math.round(pb.getMaxY());
      int boxW = (int) Math.round(lb.getWidth());
      int boxH = (int) Math.round(lb.getHeight());
      LegendCorner c = LegendCorner.choose(data::rgb, left, top, Math.min(right, width - 1),
          Math.min(bottom, height - 1), boxW, boxH, LEGEND_MARGIN, LEGEND_MARGIN);
      s.setLegendPosition(switch (c) {
        case NE -> LegendPosition.InsideNE;
        case NW -> LegendPosition.InsideNW;
        case SE -> LegendPosition.InsideSE;
        case SW -> LegendPosition.InsideSW;
      });
    }

    /** Plot-area bounds of the last paint, in chart coordinates. */
    Rectangle2D plotBounds() {
      return plot.getBounds();
    }
  }

  /**
   * One log axis of a {@link Chart} drawn by the chart itself: grid lines at every tick of {@link LinePlot.Axis}, tick
   * marks and labels at its labelled ones, the axis line; placed where XChart's recording paint put its own (the x
   * labels' row, the y labels' right edge, the marks and the axis line).
   */
  private static final class OwnTicks {
    private final LinePlot.Axis axis;
    private final Rectangle2D labels;
    private final Rectangle2D marks;
    private final Font font;
    private final Color markColour;

    OwnTicks(LinePlot.Axis axis, Rectangle2D labels, Rectangle2D marks, Font font, Color markColour) {
      this.axis = axis;
      this.labels = labels;
      this.marks = marks;
      this.font = font;
      this.markColour = markColour;
    }

    /** The widest label (XChart's stand-in for every one of its own). */
    String widest(FontMetrics fm) {
      String w = "";
      for (String l : axis.labels) {
        if (l != null && fm.stringWidth(l) > fm.stringWidth(w)) {
          w = l;
        }
      }
      return w;
    }

    /** Paints the grid lines ({@code grid}) or the tick marks, labels and axis line of the x ({@code x}) or y axis. */
    void paint(Graphics2D g, Chart c, boolean x, boolean grid) {
      Rectangle2D pb = c.plotBounds();
      XYStyler s = c.getStyler();
      java.awt.Stroke saved = g.getStroke();
      for (int k = 0; k < axis.ticks.length; k++) {
        double v = axis.ticks[k]; // log10 of the value, as the chart's data
        double p = x ? c.getScreenXFromChart(v) : c.getScreenYFromChart(v);
        double lo = x ? pb.getMinX() : pb.getMinY();
        double hi = x ? pb.getMaxX() : pb.getMaxY();
        if (!(p > lo && p < hi)) {
          continue;
        }
        if (grid) {
          g.setStroke(s.getPlotGridLinesStroke());
          g.setColor(s.getPlotGridLinesColor());
          g.draw(x ? new java.awt.geom.Line2D.Double(p, pb.getMinY(), p, pb.getMaxY())
              : new java.awt.geom.Line2D.Double(pb.getMinX(), p, pb.getMaxX(), p));
          continue;
        }
        String label = axis.labels[k];
        if (label == null) {
          continue;
        }
        g.setStroke(s.getAxisTickMarksStroke());
        g.setColor(markColour);
        if (marks != null) {
          g.draw(x ? new java.awt.geom.Line2D.Double(p, marks.getMinY(), p, marks.getMaxY())
              : new java.awt.geom.Line2D.Double(marks.getMinX(), p, marks.getMaxX(), p));
        }
        java.awt.font.TextLayout t = new java.awt.font.TextLayout(label, font, g.getFontRenderContext());
        java.awt.Shape outline = t.getOutline(null);
        Rectangle2D b = outline.getBounds2D();
        double tx;
        double ty;
        if (x) { // centred on the tick, the ink centred on XChart's labels' row
          tx = p - b.getWidth() / 2 - b.getX();
          ty = (labels != null ? labels.getCenterY() : pb.getMaxY() + 16) - b.getCenterY();
        } else { // ending at XChart's labels' right edge, the ink centred on the tick
          tx = (labels != null ? labels.getMaxX() : pb.getMinX() - 8) - b.getMaxX();
          ty = p - b.getCenterY();
        }
        AffineTransform at = g.getTransform();
        g.translate(tx, ty);
        g.setColor(Color.BLACK);
        g.fill(outline);
        g.setTransform(at);
      }
      if (marks != null && !grid) { // the axis line, which XChart draws in its tick marks' colour
        g.setStroke(s.getAxisTickMarksStroke());
        g.setColor(markColour);
        g.draw(x ? new java.awt.geom.Line2D.Double(marks.getMinX(), marks.getMinY(), marks.getMaxX(), marks.getMinY())
            : new java.awt.geom.Line2D.Double(marks.getMaxX(), marks.getMinY(), marks.getMaxX(), marks.getMaxY()));
      }
      g.setStroke(saved);
    }
  }

  /**
   * A Graphics2D that records, per marker colour, the bounds of what is drawn in it (XChart's log-axis labels and tick
   * marks, painted in these colours to find where they go); {@code create()} clones it, sharing the record.
   */
  private static final class Marks extends VectorGraphics2D {
    /** The marker colours of the tick labels of x and y. */
    static final Color[] LABELS = {new Color(0x010203), new Color(0x010205)};
    /** The marker colours of the tick marks of x and y. */
    static final Color[] MARKS = {new Color(0x010204), new Color(0x010206)};
    private final java.util.Map<Integer, Rectangle2D> boxes = new java.util.HashMap<>();

    /** The bounds of everything drawn in {@code c}; null if nothing was. */
    Rectangle2D box(Color c) {
      return boxes.get(c.getRGB());
    }

    private void record(java.awt.Shape shape) {
      Color c = getColor();
      if (c == null || !(c.equals(LABELS[0]) || c.equals(MARKS[0]) || c.equals(LABELS[1]) || c.equals(MARKS[1]))) {
        return;
      }
      Rectangle2D b = getTransform().createTransformedShape(shape).getBounds2D();
      boxes.merge(c.getRGB(), b, (u, v) -> u.createUnion(v));
    }

    @Override
    public void draw(java.awt.Shape shape) {
      record(shape);
    }

    @Override
    public void fill(java.awt.Shape shape) {
      record(shape);
    }
  }

  /**
   * A Graphics2D that keeps nothing but the pixels covered by what is drawn in a data colour ({@link LegendCorner#ink}):
   * a stroked shape marks the pixels along its (flattened) path, a filled one its bounds (a marker, a glyph).
   * {@code create()} clones it, so what a copy draws lands in the same pixels.
   */
  private static final class Ink extends VectorGraphics2D {
    private final boolean[] covered;
    private final int w;
    private final int h;

    Ink(int w, int h) {
      this.w = w;
      this.h = h;
      this.covered = new boolean[w * h];
    }

    /** 0 (black) where data are drawn, else white. */
    int rgb(int x, int y) {
      return x >= 0 && y >= 0 && x < w && y < h && covered[y * w + x] ? 0 : 0xffffff;
    }

    private boolean data() {
      Color c = getColor();
      return c != null && c.getAlpha() > 0 && LegendCorner.ink(c.getRGB() & 0xffffff);
    }

    private void mark(double x, double y) {
      int px = (int) Math.floor(x);
      int py = (int) Math.floor(y);
      if (px >= 0 && py >= 0 && px < w && py < h) {
        covered[py * w + px] = true;
      }
    }

    @Override
    public void draw(java.awt.Shape shape) {
      if (!data()) {
        return;
      }
      double[] c = new double[6];
      double x0 = 0;
      double y0 = 0;
      double sx = 0;
      double sy = 0;
      for (java.awt.geom.PathIterator it = shape.getPathIterator(getTransform(), 0.25); !it.isDone(); it.next()) {
        int type = it.currentSegment(c);
        double x1 = type == java.awt.geom.PathIterator.SEG_CLOSE ? sx : c[0];
        double y1 = type == java.awt.geom.PathIterator.SEG_CLOSE ? sy : c[1];
        if (type == java.awt.geom.PathIterator.SEG_MOVETO) {
          sx = x1;
          sy = y1;
          mark(x1, y1);
        } else {
          int steps = (int) Math.ceil(2 * Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)));
          for (int k = 1; k <= steps; k++) {
            mark(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps);
          }
        }
        x0 = x1;
        y0 = y1;
      }
    }

    @Override
    public void fill(java.awt.Shape shape) {
      if (!data()) {
        return;
      }
      Rectangle2D b = getTransform().createTransformedShape(shape).getBounds2D();
      for (int y = (int) Math.floor(b.getMinY()); y < b.getMaxY(); y++) {
        for (int x = (int) Math.floor(b.getMinX()); x < b.getMaxX(); x++) {
          mark(x, y);
        }
      }
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
    s.setPlotBorderColor(Awt.FRAME);
    s.setPlotGridLinesColor(Awt.GRID);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleVisible(title != null && !title.isBlank());
    s.setChartTitleFont(Awt.TITLE);
    s.setAxisTitleFont(Awt.BASE);
    s.setAxisTickLabelsFont(Awt.BASE.deriveFont(12f));
    s.setLegendFont(Awt.BASE.deriveFont(12f));
    s.setLegendBorderColor(Awt.GRID);
    s.setLegendPosition(LegendPosition.InsideNE);
    s.setSeriesColors(Awt.PALETTE);
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
    Prefix xp = Prefix.axis(xLabel, series, true, logX);
    Prefix yp = Prefix.axis(yLabel, series, false, logY);
    Chart c = baseChart(w, h, title, xp.label(xLabel), yp.label(yLabel));
    XYStyler st = c.getStyler();
    // a log axis is a linear XChart axis of log10 of the values (the same places), its ticks drawn by the chart itself
    // (ownLogX, ownLogY): XChart's log ticks label decades only, and none where no decade is in range
    c.ownLogX = logX;
    c.ownLogY = logY;
    int plotted = 0;
    java.util.Set<String> used = new java.util.HashSet<>();
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    double firstY = Double.NaN;
    int plotColumns = Math.max(200, w - 120);
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      // a line breaks where a value is missing (NaN), as in the PNG plots; decimation takes the points without gaps
      double[][] pts = clean(s.x(), s.y(), logX, logY, s.x().length <= DECIMATE_ABOVE);
      if (decimate && pts[0].length > DECIMATE_ABOVE) {
        pts = decimate(pts[0], pts[1], plotColumns);
      }
      if (pts[0].length == 0) {
        continue;
      }
      String name = uniqueName(used, s.name() == null || s.name().isEmpty() ? "series " + (k + 1) : s.name());
      double[] px = logX ? log10(xp.apply(pts[0])) : xp.apply(pts[0]);
      double[] py = logY ? log10(yp.apply(pts[1])) : yp.apply(pts[1]);
      for (double v : px) {
        xLo = Math.min(xLo, v);
        xHi = Math.max(xHi, v);
      }
      if (Double.isNaN(firstY)) {
        firstY = py[0];
      }
      XYSeries xs = c.addSeries(name, px, py);
      xs.setLineColor(Awt.PALETTE[k % Awt.PALETTE.length]);
      xs.setMarkerColor(Awt.PALETTE[k % Awt.PALETTE.length]);
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
      // nor ticks, labels or grid lines: a lone "1" of the invisible point would mean nothing (as the PNG)
      c.ownLogX = false;
      c.ownLogY = false;
      st.setXAxisTicksVisible(false);
      st.setYAxisTicksVisible(false);
      st.setPlotGridLinesVisible(false);
    }
    st.setLegendVisible(plotted > 1);
    return c;
  }

  /** log10 of every value (positive: {@link Plotter#clean} dropped the others). */
  private static double[] log10(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Math.log10(v[i]);
    }
    return r;
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

  // ---------------------------------------------------------------------------------------------
  // Java2D helpers

  private static void fillWhite(Graphics2D g, int w, int h) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
  }

  /** Width in pixels of {@code text} in {@code font}, as an image's Graphics2D measures it. */
  static int width(Font font, String text) {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = probe.createGraphics();
    try {
      return g.getFontMetrics(font).stringWidth(text);
    } finally {
      g.dispose();
    }
  }

  static void drawCentered(Graphics2D g, String text, Font font, double cx, double baseline) {
    drawCentered(g, text, font, cx, baseline, Color.BLACK);
  }

  /** As {@link #drawCentered(Graphics2D, String, Font, double, double)}, in {@code colour}. */
  static void drawCentered(Graphics2D g, String text, Font font, double cx, double baseline, Color colour) {
    g.setFont(font);
    g.setColor(colour);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) baseline);
  }

  private static int maxColsPx(BufferedImage img, int scale) {
    return img.getWidth() * scale;
  }

  /** A grey-scale image of {@code a[row][col]}, min black and max white; non-finite values red. */
  static BufferedImage grey(double[][] a) {
    double[] r = ImageGridPlot.range(a);
    return grey(a, r[0], r[1]);
  }

  /** Grey image of {@code a} with {@code lo} black and {@code hi} white; non-finite cells red. */
  static BufferedImage grey(double[][] a, double lo, double hi) {
    int rows = Math.max(1, a.length);
    int cols = Math.max(1, a.length == 0 ? 1 : a[0].length);
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < cols; c++) {
        img.setRGB(c, r, ImageGridPlot.grey(a, r, c, lo, hi));
      }
    }
    return img;
  }

  /** {@link HeatMap#colormap} as a Java2D colour. */
  static Color colormap(double t) {
    return new Color(HeatMap.colormap(t));
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

    void paint(Graphics2D g, int w, int h) {
      fillWhite(g, w, h);
      boolean hasTitle = title != null && !title.isBlank();
      int top = hasTitle ? 50 : 20;
      int left = HeatMap.LEFT;
      int right = HeatMap.RIGHT;
      int bottom = HeatMap.BOTTOM;
      int pw = w - left - right;
      int ph = h - top - bottom;
      if (hasTitle) {
        drawCentered(g, title, Awt.TITLE, left + pw / 2.0, 30);
      }
      double[] ex = HeatMap.edges(xs);
      double[] ey = HeatMap.edges(ys);
      double x0 = Math.min(ex[0], ex[ex.length - 1]);
      double x1 = Math.max(ex[0], ex[ex.length - 1]);
      double y0 = Math.min(ey[0], ey[ey.length - 1]);
      double y1 = Math.max(ey[0], ey[ey.length - 1]);
      Prefix xp = Prefix.choose(xLabel, Math.max(Math.abs(x0), Math.abs(x1)));
      Prefix yp = Prefix.choose(yLabel, Math.max(Math.abs(y0), Math.abs(y1)));

      HeatMap.Values values = HeatMap.Values.of(z);
      boolean categorical = values.categorical();
      List<Double> categories = values.categories();
      for (int iy = 0; iy < ys.length; iy++) {
        for (int ix = 0; ix < xs.length; ix++) {
          Color col = new Color(values.rgb(z[iy][ix]));
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
      g.setColor(Awt.FRAME);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(left, top, pw, ph);

      Font tickFont = Awt.BASE.deriveFont(12f);
      g.setFont(tickFont);
      FontMetrics fm = g.getFontMetrics();
      for (double t : niceTicks(x0 * xp.factor(), x1 * xp.factor(), 7)) {
        double px = left + (t / xp.factor() - x0) / (x1 - x0) * pw;
        g.setColor(Awt.FRAME);
        g.drawLine((int) Math.round(px), top + ph, (int) Math.round(px), top + ph + 5);
        g.setColor(Color.BLACK);
        String s = tick(t);
        g.drawString(s, (float) (px - fm.stringWidth(s) / 2.0), top + ph + 8 + fm.getAscent());
      }
      int maxTickW = 0;
      for (double t : niceTicks(y0 * yp.factor(), y1 * yp.factor(), 6)) {
        double py = top + ph - (t / yp.factor() - y0) / (y1 - y0) * ph;
        g.setColor(Awt.FRAME);
        g.drawLine(left - 5, (int) Math.round(py), left, (int) Math.round(py));
        g.setColor(Color.BLACK);
        String s = tick(t);
        maxTickW = Math.max(maxTickW, fm.stringWidth(s));
        g.drawString(s, left - 8 - fm.stringWidth(s), (float) (py + fm.getAscent() / 2.0 - 1));
      }
      if (xLabel != null && !xLabel.isBlank()) {
        drawCentered(g, xp.label(xLabel), Awt.BASE, left + pw / 2.0, top + ph + 48);
      }
      if (yLabel != null && !yLabel.isBlank()) {
        drawRotated(g, yp.label(yLabel), Awt.BASE, left - 16 - maxTickW, top + ph / 2.0);
      }

      int bx = left + pw + 25;
      if (categorical) {
        g.setFont(Awt.BASE);
        FontMetrics lm = g.getFontMetrics();
        int y = top + 10;
        if (zLabel != null && !zLabel.isBlank()) {
          g.setColor(Color.BLACK);
          g.drawString(zLabel, bx, y + lm.getAscent());
          y += 26;
        }
        for (int k = 0; k < categories.size(); k++) {
          g.setColor(Awt.PALETTE[k % Awt.PALETTE.length]);
          g.fillRect(bx, y, 18, 18);
          g.setColor(Awt.FRAME);
          g.drawRect(bx, y, 18, 18);
          g.setColor(Color.BLACK);
          g.drawString(HeatMap.Values.legend(categories.get(k), names), bx + 26, y + 14);
          y += 26;
        }
      } else {
        int bw = 20;
        int steps = HeatMap.BAR_STEPS;
        for (int k = 0; k < steps; k++) {
          g.setColor(colormap((k + 0.5) / steps));
          double yk0 = top + ph - (double) (k + 1) / steps * ph;
          g.fill(new Rectangle2D.Double(bx, yk0 - 0.25, bw, (double) ph / steps + 0.5));
        }
        g.setColor(Awt.FRAME);
        g.drawRect(bx, top, bw, ph);
        g.setFont(tickFont);
        int maxW = 0;
        double[] range = values.barRange();
        double lo = range[0];
        double hi = range[1];
        for (double t : niceTicks(lo, hi, 6)) {
          double py = top + ph - (t - lo) / (hi - lo) * ph;
          g.setColor(Awt.FRAME);
          g.drawLine(bx + bw, (int) Math.round(py), bx + bw + 4, (int) Math.round(py));
          g.setColor(Color.BLACK);
          String s = tick(t);
          maxW = Math.max(maxW, fm.stringWidth(s));
          g.drawString(s, bx + bw + 7, (float) (py + fm.getAscent() / 2.0 - 1));
        }
        if (zLabel != null && !zLabel.isBlank()) {
          drawRotated(g, zLabel, Awt.BASE, bx + bw + 14 + maxW + g.getFontMetrics(Awt.BASE).getAscent(),
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

}
