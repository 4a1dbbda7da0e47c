package org.neuristor.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neuristor.plot.Pixels.count;
import static org.neuristor.plot.Pixels.dark;
import static org.neuristor.plot.Pixels.rgb;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWT-free PNG of {@link Plotter#gallery} and {@link Plotter#multiGallery} ({@link Gallery}), checked on the
 * decoded image: cells where the grid puts them, each with its own plot frame found from the pixels, data on the rows
 * the documented mapping gives (the middle {@link LinePlot#CONTENT} of the frame), titles moved left to fit their cell or, wider than it, in a smaller face or two lines, never cut, no legend,
 * text smaller than in the big plots.
 */
class GalleryTest {
  private static final int CELL_W = 340;
  private static final int CELL_H = (int) (340 * 0.68);
  private static final int TITLE_H = 44;

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static BufferedImage read(Path f) throws IOException {
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(img).isNotNull();
    return img;
  }

  /**
   * A panel of v = -70 mV rising to 30 mV halfway (0..100 ms), through one point at -50 mV (not two levels, which
   * would be ticked at the levels): the range of an Izhikevich pattern.
   */
  private static Plotter.Panel step(String title) {
    double[] t = new double[201];
    double[] v = new double[201];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 0.5;
      v[i] = i < 100 ? -70 : i == 100 ? -50 : 30;
    }
    return new Plotter.Panel(title, t, v, "time (ms)", "v (mV)");
  }

  /**
   * The plot frame of the cell {@code cellW} wide whose left top corner is (x0, y0): {left, top, right, bottom}, the outermost columns
   * and rows of the frame colour that run through the cell's middle (the axis lines sit outside the frame).
   */
  private static int[] frame(BufferedImage img, int x0, int y0, int cellW) {
    int cellH = (int) (cellW * 0.68);
    List<Integer> cols = new ArrayList<>();
    int midY = y0 + cellH / 2;
    for (int x = x0; x < x0 + cellW; x++) {
      boolean all = true;
      for (int y = midY - 10; y <= midY + 10 && all; y++) {
        all = rgb(img, x, y) == SpikeRaster.FRAME;
      }
      if (all) {
        cols.add(x);
      }
    }
    List<Integer> rows = new ArrayList<>();
    int midX = x0 + cellW / 2;
    for (int y = y0; y < y0 + cellH; y++) {
      boolean all = true;
      for (int x = midX - 10; x <= midX + 10 && all; x++) {
        all = rgb(img, x, y) == SpikeRaster.FRAME;
      }
      if (all) {
        rows.add(y);
      }
    }
    assertThat(cols).as("frame columns of the cell at %d,%d", x0, y0).hasSizeGreaterThanOrEqualTo(3);
    assertThat(rows).as("frame rows of the cell at %d,%d", x0, y0).hasSizeGreaterThanOrEqualTo(3);
    // y axis line, frame left, frame right; frame top, frame bottom, x axis line
    return new int[] {cols.get(cols.size() - 2), rows.get(0), cols.get(cols.size() - 1), rows.get(rows.size() - 2)};
  }

  /** Pixels of {@code colour} painted over white with at least half coverage (anti-aliased lines). */
  private static int tinted(BufferedImage img, int colour, int x0, int y0, int x1, int y1) {
    return count(img, c -> {
      double a = -1;
      for (int k = 0; k <= 16; k += 8) {
        int want = colour >> k & 0xff;
        int got = c >> k & 0xff;
        if (want != 255) {
          double ak = (255.0 - got) / (255 - want);
          if (a >= 0 && Math.abs(ak - a) > 0.05) {
            return false;
          }
          a = ak;
        } else if (got != 255) {
          return false;
        }
      }
      return a >= 0.5;
    }, x0, y0, x1, y1);
  }

  private static int row(int[] f, double y, double y0, double y1) {
    double m = (1 - LinePlot.CONTENT) / 2 * (f[3] - f[1]);
    return (int) Math.floor(f[3] + 0.5 - m - (y - y0) / (y1 - y0) * (f[3] - f[1] - 2 * m));
  }

  private static int column(int[] f, double x, double x0, double x1) {
    double m = (1 - LinePlot.CONTENT) / 2 * (f[2] - f[0]);
    return (int) Math.floor(f[0] + 0.5 + m + (x - x0) / (x1 - x0) * (f[2] - f[0] - 2 * m));
  }

  @Test
  void everyCellHasItsOwnFrameAndItsDataOnTheRowsOfTheirValues() throws IOException {
    List<Plotter.Panel> panels = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      panels.add(step("(" + (char) ('A' + k) + ") pattern"));
    }
    BufferedImage img = read(Plotter.gallery(dir.resolve("g.png"), "patterns", panels, 4));
    assertThat(img.getWidth()).isEqualTo(4 * CELL_W);
    assertThat(img.getHeight()).isEqualTo(TITLE_H + 2 * CELL_H);
    int blue = SpikeRaster.PALETTE[0];
    assertThat(tinted(img, SpikeRaster.PALETTE[1], 0, 0, img.getWidth() - 1, img.getHeight() - 1)).isZero();
    for (int k = 0; k < 6; k++) {
      int x0 = (k % 4) * CELL_W;
      int y0 = TITLE_H + (k / 4) * CELL_H;
      int[] f = frame(img, x0, y0, CELL_W);
      assertThat(f[0]).isGreaterThan(x0);
      assertThat(f[2]).isLessThan(x0 + CELL_W);
      assertThat(f[1]).isGreaterThan(y0);
      assertThat(f[3]).isLessThan(y0 + CELL_H);
      // -70 mV before 50 ms, 30 mV after: the line's colour on those rows, nothing a few rows away
      int low = row(f, -70, -70, 30);
      int high = row(f, 30, -70, 30);
      int c1 = column(f, 25, 0, 100);
      int c2 = column(f, 75, 0, 100);
      assertThat(tinted(img, blue, c1, low - 1, c1, low + 1)).as("cell %d at -70 mV", k).isPositive();
      assertThat(tinted(img, blue, c2, high - 1, c2, high + 1)).as("cell %d at 30 mV", k).isPositive();
      assertThat(count(img, c -> c != 0xffffff && c != SpikeRaster.GRID, c1, low - 12, c1, low - 3)).isZero();
      assertThat(count(img, c -> c != 0xffffff && c != SpikeRaster.GRID, c2, high + 3, c2, high + 12)).isZero();
    }
    // cells 6 and 7 of the second row are empty
    assertThat(count(img, c -> c != 0xffffff, 2 * CELL_W, TITLE_H + CELL_H, 4 * CELL_W - 1, TITLE_H + 2 * CELL_H - 1))
        .isZero();
    // the title centred above the cells
    int left = Integer.MAX_VALUE;
    int right = -1;
    for (int y = 0; y < TITLE_H; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (dark(img, x, y, x, y) > 0) {
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
    }
    assertThat(Math.abs((left + right) / 2 - img.getWidth() / 2)).isLessThanOrEqualTo(3);
  }

  @Test
  void theCellGridFollowsTheColumnCount() throws IOException {
    List<Plotter.Panel> panels = List.of(step("a"), step("b"), step("c"));
    BufferedImage two = read(Plotter.gallery(dir.resolve("2.png"), null, panels, 2));
    assertThat(two.getWidth()).isEqualTo(2 * 500);
    assertThat(two.getHeight()).isEqualTo(2 * (int) (500 * 0.68));
    BufferedImage three = read(Plotter.gallery(dir.resolve("3.png"), "t", panels, 5)); // at most one per panel
    assertThat(three.getWidth()).isEqualTo(3 * 420);
    assertThat(three.getHeight()).isEqualTo(TITLE_H + (int) (420 * 0.68));
    int[] f = frame(two, 500, 0, 500); // the second cell of the first row
    assertThat(f[0]).isGreaterThan(500);
    assertThat(f[2]).isLessThan(1000);
  }

  @Test
  void aShortPanelsYAxisIsTickedAsXChartDid() throws IOException {
    // -70..30 mV over ~140 px: XChart starts short y axes at a hint of 25 px, which gives a step of 20 (10 with 20 px)
    BufferedImage img = read(Plotter.gallery(dir.resolve("y.png"), null, List.of(step("s"), step("t"), step("u"),
        step("v")), 4));
    int[] f = frame(img, 0, 0, CELL_W);
    int axis = f[0] - 4; // the y axis line, left of the frame
    assertThat(rgb(img, axis, (f[1] + f[3]) / 2)).isEqualTo(SpikeRaster.FRAME);
    List<Integer> ticks = new ArrayList<>();
    for (int y = f[1]; y <= f[3]; y++) {
      if (rgb(img, axis - 2, y) == SpikeRaster.FRAME) {
        ticks.add(y);
      }
    }
    assertThat(ticks).hasSize(5); // -60, -40, -20, 0, 20
    for (int i = 0; i < ticks.size(); i++) {
      assertThat(Math.abs(ticks.get(i) - row(f, 20 - 20 * i, -70, 30))).isLessThanOrEqualTo(1);
    }
  }

  /** First and last column of dark pixels in columns [x0, x1], rows [y0, y1]: {first, last}, -1 if none. */
  private static int[] inkColumns(BufferedImage img, int x0, int y0, int x1, int y1) {
    int first = -1;
    int last = -1;
    for (int x = x0; x <= x1; x++) {
      if (dark(img, x, y0, x, y1) > 0) {
        last = x;
        first = first < 0 ? x : first;
      }
    }
    return new int[] {first, last};
  }

  @Test
  void aTitleWiderThanItsCellIsWrappedInTwoSmallerLinesNeverCut() throws IOException {
    // before: drawn in its 13 px bold face from the left padding and cut at the cell's edge
    String wide = "(A) a title far wider than the five hundred pixels of its cell, even in the smallest face of all the faces that the glyph atlas holds";
    int pad = Gallery.STYLE.pad();
    assertThat(GlyphAtlas.load().face(10, false).width(wide)).isGreaterThan(500 - 2 * pad);
    BufferedImage img = read(Plotter.gallery(dir.resolve("w.png"), null, List.of(step(wide), step("")), 2));
    int[] f = frame(img, 500, 0, 500);
    // the second cell has no title: nothing dark above its frame, though the first cell's title would reach it
    assertThat(dark(img, 500, 0, 999, f[1] - 1)).isZero();
    int top = frame(img, 0, 0, 500)[1];
    int[] cols = inkColumns(img, 0, 0, 499, top - 1);
    assertThat(cols[0]).as("the title's first column").isGreaterThanOrEqualTo(pad);
    assertThat(cols[1]).as("the title's last column").isLessThanOrEqualTo(499 - pad);
    // two lines of text: two bands of dark rows above the frame, each holding about half of the title
    int bands = 0;
    boolean in = false;
    for (int y = 0; y < top; y++) {
      boolean d = dark(img, 0, y, 499, y) > 0;
      bands += d && !in ? 1 : 0;
      in = d;
    }
    assertThat(bands).isEqualTo(2);
  }

  @Test
  void anEmptyPanelsTooWideTitleShrinksAndItShowsNoTicks() throws IOException {
    // neuron behaviours yi-tuned: a behaviour not reached is an empty panel, its title too wide for a 340 px cell in
    // 13 px bold; before, the title was cut at the cell's edge and each axis showed a lone "1" (XChart's placeholder)
    String t = "(Q) depolarizing after-potential [not reached]";
    int pad = Gallery.STYLE.pad();
    GlyphAtlas font = GlyphAtlas.load();
    assertThat(font.face(13, true).width(t)).isGreaterThan(340 - 2 * pad);
    Plotter.Panel empty = new Plotter.Panel(t, new double[0], new double[0], "t / tau", "output");
    BufferedImage img = read(Plotter.gallery(dir.resolve("q.png"), null,
        List.of(empty, step("(B) b"), step("(C) c"), step("(D) d")), 4));
    int[] fr = frame(img, 0, 0, 340);
    int[] cols = inkColumns(img, 0, 0, 339, fr[1] - 1);
    assertThat(cols[0]).as("the title's first column").isGreaterThanOrEqualTo(pad);
    assertThat(cols[1]).as("the title's last column").isLessThanOrEqualTo(339 - pad);
    // all of it, in one line of a smaller face (at least the 10 px one's width)
    assertThat(cols[1] - cols[0] + 1).isGreaterThan(font.face(10, false).width(t) - 4);
    // no tick labels: between the y title's column and the frame nothing dark; below the frame only the x title
    int yTitleRight = pad + font.face(Gallery.STYLE.axisTitleSize(), false).height();
    assertThat(dark(img, yTitleRight + 1, fr[1], fr[0] - 1, fr[3])).as("y tick labels").isZero();
    int xTitleTop = fr[3] + 4 + 3 + 3 + font.face(10, false).height(); // axis gap, tick, label gap, tick labels
    assertThat(dark(img, fr[0], fr[3] + 1, fr[2], xTitleTop - 1)).as("x tick labels").isZero();
    // nor grid lines inside the frame
    assertThat(count(img, SpikeRaster.GRID, fr[0] + 1, fr[1] + 1, fr[2] - 1, fr[3] - 1)).isZero();
  }

  @Test
  void theSvgShrinksSuchATitleAndShowsNoTicksEither() throws IOException {
    String t = "(Q) depolarizing after-potential [not reached]";
    Plotter.Panel empty = new Plotter.Panel(t, new double[0], new double[0], "t / tau", "output");
    String svg = java.nio.file.Files.readString(Plotter.gallery(dir.resolve("q.svg"), null,
        List.of(empty, step("(B) b"), step("(C) c"), step("(D) d")), 4));
    int pad = Gallery.STYLE.pad();
    java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
    java.awt.Font bold = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13);
    assertThat(new java.awt.font.TextLayout(t, bold, frc).getOutline(null).getBounds2D().getWidth())
        .isGreaterThan(340 - 2 * pad);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<g transform=\"translate\\(([-0-9.E]+) ([-0-9.E]+)\\)\">\\s*<path d=\"([^\"]*)\" style=\"fill:rgb\\(0,0,0\\);stroke:none;\"")
        .matcher(svg);
    List<double[]> first = new ArrayList<>();
    double rightmost = Double.NEGATIVE_INFINITY;
    while (m.find()) {
      double x = Double.parseDouble(m.group(1));
      double y = Double.parseDouble(m.group(2));
      if (x < 340 && y < CELL_H) {
        first.add(new double[] {x, y});
        if (y < 30) { // the title's row: its outline's right end
          java.util.regex.Matcher n = java.util.regex.Pattern.compile("[ML]\\s*([-0-9.E]+)[ ,]").matcher(m.group(3));
          while (n.find()) {
            rightmost = Math.max(rightmost, x + Double.parseDouble(n.group(1)));
          }
        }
      }
    }
    // the first cell's black texts: its title and the two axis titles only (no "1" tick labels)
    assertThat(first).hasSize(3);
    assertThat(rightmost).as("the title's right end").isLessThanOrEqualTo(340 - pad + 1e-6);
  }

  @Test
  void aTitleThatFitsItsCellButNotRightOfThePlotsCentreMovesLeft() throws IOException {
    // behaviours' panel title in a 340 px cell: narrower than the cell, wider than twice the room right of the plot
    // area's centre
    String t = "(J) subthreshold oscillations [unclassified]";
    GlyphAtlas.Face f = GlyphAtlas.load().face(Gallery.STYLE.titleSize(), true);
    int pad = Gallery.STYLE.pad();
    assertThat(f.width(t)).isLessThan(340 - 2 * pad);
    BufferedImage img = read(Plotter.gallery(dir.resolve("j.png"), null,
        List.of(step(t), step("(B) b"), step("(C) c"), step("(D) d")), 4));
    int[] fr = frame(img, 0, 0, 340);
    assertThat(f.width(t) / 2).isGreaterThan(339 - pad - (fr[0] + fr[2]) / 2); // centred, it would cross the edge
    int first = -1;
    int last = -1;
    for (int x = 0; x < 340; x++) {
      if (dark(img, x, 0, x, fr[1] - 1) > 0) {
        last = x;
        first = first < 0 ? x : first;
      }
    }
    assertThat(last).as("the title's last column").isLessThanOrEqualTo(339 - pad);
    assertThat(first).as("the title's first column").isGreaterThanOrEqualTo(pad);
    assertThat(last - first + 1).isGreaterThan(f.width(t) - 4); // all of it (a glyph's ink is inside its advance)
  }

  @Test
  void theSvgMovesSuchATitleLeftByTheSameRule() throws IOException {
    // the same gallery as SVG (XChart): before, the title stayed centred over the plot area and crossed the cell's
    // right edge into the next cell
    String t = "(J) subthreshold oscillations [unclassified]";
    String svg = java.nio.file.Files.readString(Plotter.gallery(dir.resolve("j.svg"), null,
        List.of(step(t), step("(B) b"), step("(C) c"), step("(D) d")), 4));
    java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, Gallery.STYLE.titleSize());
    java.awt.geom.Rectangle2D ink = new java.awt.font.TextLayout(t, font,
        new java.awt.font.FontRenderContext(null, true, false)).getOutline(null).getBounds2D();
    int pad = Gallery.STYLE.pad();
    assertThat(ink.getWidth()).isLessThan(340 - 2 * pad);
    // the topmost text of the first cell is its title: a group translated to where its outline starts
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<g transform=\"translate\\(([-0-9.E]+) ([-0-9.E]+)\\)\">\\s*<path d=\"[^\"]*\" style=\"fill:rgb\\(0,0,0\\);stroke:none;\"")
        .matcher(svg);
    double tx = Double.NaN;
    double ty = Double.POSITIVE_INFINITY;
    while (m.find()) {
      double x = Double.parseDouble(m.group(1));
      double y = Double.parseDouble(m.group(2));
      if (x < 340 && y < ty) {
        tx = x;
        ty = y;
      }
    }
    assertThat(tx + ink.getMaxX()).as("the title's right end").isLessThanOrEqualTo(340 - pad + 1e-6); // columns up to 339 - pad
    assertThat(tx + ink.getMinX()).as("the title's left end").isGreaterThanOrEqualTo(pad - 1e-6);
  }

  @Test
  void multiGalleryDrawsEveryCurveInPaletteOrderWithoutALegend() throws IOException {
    double[] t = {0, 1, 2, 3, 4};
    List<Plotter.Series> s = List.of(new Plotter.Series("response", t, new double[] {1, 1, 1, 1, 1}, false),
        new Plotter.Series("stimulus", t, new double[] {0, 0, 0, 0, 0}, false));
    BufferedImage img = read(Plotter.multiGallery(dir.resolve("m.png"), "lif",
        List.of(new Plotter.MultiPanel("(A) tonic", s, "t / tau", "output (V)"),
            new Plotter.MultiPanel("(B) no response", List.of(), "t / tau", "output")), 4));
    assertThat(img.getWidth()).isEqualTo(2 * 500);
    int[] f = frame(img, 0, TITLE_H, 500);
    int c = column(f, 2.3, 0, 4); // off the grid lines: the line over white
    assertThat(tinted(img, SpikeRaster.PALETTE[0], c, row(f, 1, 0, 1) - 1, c, row(f, 1, 0, 1) + 1)).isPositive();
    assertThat(tinted(img, SpikeRaster.PALETTE[1], c, row(f, 0, 0, 1) - 1, c, row(f, 0, 0, 1) + 1)).isPositive();
    assertThat(tinted(img, SpikeRaster.PALETTE[1], c, row(f, 1, 0, 1) - 1, c, row(f, 1, 0, 1) + 1)).isZero();
    // no legend: no text inside the plot area
    assertThat(dark(img, f[0] + 1, f[1] + 1, f[2] - 1, f[3] - 1)).isZero();
    // a panel without curves still has its frame and title
    int[] g = frame(img, 500, TITLE_H, 500);
    assertThat(dark(img, 500, TITLE_H, 999, g[1] - 1)).isPositive();
  }

  @Test
  void panelTextIsSmallerThanTheBigPlotsAndTwoRunsWriteTheSameBytes() throws IOException {
    Path a = Plotter.gallery(dir.resolve("a.png"), "t", List.of(step("s")), 4);
    Path b = Plotter.gallery(dir.resolve("b.png"), "t", List.of(step("s")), 4);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    Plotter.Panel p = step("s");
    Path big = Plotter.xy(dir.resolve("big.png"), "s", "time (ms)", "v (mV)",
        List.of(new Plotter.Series("v", p.x(), p.y(), false)), false, false);
    assertThat(labelHeight(read(a), frame(read(a), 0, TITLE_H, 500))).isLessThan(labelHeight(read(big), bigFrame(read(big))));
  }

  /** Rows of dark ink just below the x axis line: the height of the x tick labels' digits. */
  private static int labelHeight(BufferedImage img, int[] f) {
    int first = -1;
    int last = -1;
    for (int y = f[3] + 6; y < Math.min(img.getHeight(), f[3] + 30); y++) {
      if (dark(img, f[0], y, f[2], y) > 0) {
        first = first < 0 ? y : first;
        last = y;
      } else if (first >= 0) {
        break;
      }
    }
    assertThat(first).isPositive();
    return last - first + 1;
  }

  private static int[] bigFrame(BufferedImage img) {
    int[] f = new int[4];
    List<Integer> rows = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y++) {
      if (rgb(img, img.getWidth() / 2, y) == SpikeRaster.FRAME && rgb(img, img.getWidth() / 2 + 5, y) == SpikeRaster.FRAME) {
        rows.add(y);
      }
    }
    f[0] = 0;
    f[2] = img.getWidth() - 1;
    f[1] = rows.get(0);
    f[3] = rows.get(rows.size() - 2);
    return f;
  }
}
