package org.neuristor.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG of {@link Plotter#gallery} and {@link Plotter#multiGallery} (a grid of small line plots, e.g. {@code
 * patterns}' 20 firing patterns), drawn without AWT: each cell is a {@link LinePlot} panel in the gallery's smaller
 * {@link #STYLE} (10 px tick labels, 11 px axis titles, 13 px bold titles, padding 6, tick spacing hints 70 and 45
 * px, no legend), rendered at the cell's size and copied into it; a title centred over the plot area that would cross
 * the cell's right edge moves left to fit the cell, one wider than its cell takes a smaller face or two lines ({@link AxisText#titleFace}), never cut; a panel without data has no ticks; above the cells the gallery's title in 18 px bold. The vector formats keep XChart ({@link
 * Java2dPlots#multiGallery}), with the same {@link Grid}.
 */
final class Gallery {
  /**
   * The cells' look: XChart's styler settings of a gallery panel, and where XChart put the 13 px bold title (its
   * baseline 5 px, its box's padding, below the padding 6 and the text's 12 px height; the plot area another 5 below)
   * and the x title (5 px below the tick labels' line).
   */
  static final LinePlot.Style STYLE = new LinePlot.Style(10, 11, 13, 6, 6 + 5 + 12, 6 + 5 + 12 + 5, 5, 70, 45);
  /**
   * Pixels below a cell's plot area: XChart's x axis band (padding, tick marks, tick labels and x title, measured by
   * the text's ink, not its line height, hence 4 px less than the line heights would give).
   */
  static final int BELOW = 45;
  /** Pixel size of the gallery's (bold) title. */
  static final int TITLE_SIZE = 18;
  /** Baseline of the gallery's title. */
  static final int TITLE_BASELINE = 29;

  private Gallery() {}

  /**
   * Where the cells go: {@code cols} per row ({@code columns}, at most one per panel), cells of {@code cellW} x
   * {@code cellH} pixels (500, 420 or 340 wide for at most 2, 3, or more columns; 0.68 times as high) below a title
   * band of {@code titleH} pixels; {@code w} x {@code h} the whole image.
   */
  record Grid(int cols, int rows, int cellW, int cellH, int titleH, int w, int h) {
    static Grid of(String title, int panels, int columns) {
      if (columns < 1) {
        throw new IllegalArgumentException("columns must be >= 1, got " + columns);
      }
      int cols = Math.min(columns, Math.max(1, panels));
      int rows = (panels + cols - 1) / cols;
      int cellW = cols <= 2 ? 500 : cols == 3 ? 420 : 340;
      int cellH = (int) (cellW * 0.68);
      int titleH = title != null && !title.isBlank() ? 44 : 0;
      return new Grid(cols, rows, cellW, cellH, titleH, cols * cellW, titleH + Math.max(1, rows) * cellH);
    }

    /** Left edge of cell k. */
    int x(int k) {
      return (k % cols) * cellW;
    }

    /** Top edge of cell k. */
    int y(int k) {
      return titleH + (k / cols) * cellH;
    }
  }

  /** A gallery's one-curve panels as panels of a multi-curve gallery (the curve named by the title). */
  static List<Plotter.MultiPanel> multi(List<Plotter.Panel> panels) {
    List<Plotter.MultiPanel> m = new ArrayList<>();
    for (Plotter.Panel p : panels) {
      m.add(new Plotter.MultiPanel(p.title(), List.of(new Plotter.Series(p.title(), p.x(), p.y(), false)), p.xLabel(),
          p.yLabel()));
    }
    return m;
  }

  /** Writes the gallery's PNG, atomically. */
  static Path write(Path out, String title, List<Plotter.MultiPanel> panels, int columns) {
    RasterImage img = render(title, panels, columns);
    return img.write(out);
  }

  static RasterImage render(String title, List<Plotter.MultiPanel> panels, int columns) {
    Grid g = Grid.of(title, panels.size(), columns);
    RasterImage img = new RasterImage(g.w(), g.h());
    for (int k = 0; k < panels.size(); k++) {
      Plotter.MultiPanel mp = panels.get(k);
      LinePlot.Panel p = new LinePlot.Panel(mp.title(), mp.xLabel(), mp.yLabel(), mp.series());
      p.style = STYLE;
      p.below = BELOW;
      p.legend = false;
      img.paste(LinePlot.render(g.cellW(), g.cellH(), null, 0, List.of(p), new int[] {g.cellH()}), g.x(k), g.y(k));
    }
    if (g.titleH() > 0) {
      GlyphAtlas.Face f = GlyphAtlas.load().face(TITLE_SIZE, true);
      AxisText.centred(img, f, title, g.w() / 2, TITLE_BASELINE);
    }
    return img;
  }
}
