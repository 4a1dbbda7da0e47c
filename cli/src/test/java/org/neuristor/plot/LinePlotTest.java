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
import org.neuristor.measure.Trace;

/**
 * The AWT-free PNGs of Plotter's x-y family ({@link LinePlot}), checked on the decoded image: where lines, gaps,
 * ticks, legends and plot areas are, found from the pixels and the documented mapping (the data span the middle
 * {@link LinePlot#CONTENT} of the plot area), not from the renderer's own helpers.
 */
class LinePlotTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static BufferedImage read(Path f) throws IOException {
    BufferedImage img = ImageIO.read(f.toFile()); // a PNG the JDK's decoder reads
    assertThat(img).isNotNull();
    return img;
  }

  /** Pixels painted by data (neither white background nor grid) in the rectangle. */
  private static int ink(BufferedImage img, int x0, int y0, int x1, int y1) {
    return Pixels.count(img, c -> c != 0xffffff && c != SpikeRaster.GRID, x0, y0, x1, y1);
  }

  /** Columns that have the frame colour on every row of [y0, y1]: the frame's sides and the y axis line. */
  private static List<Integer> frameColumns(BufferedImage img, int y0, int y1) {
    List<Integer> cols = new ArrayList<>();
    for (int x = 0; x < img.getWidth(); x++) {
      boolean all = true;
      for (int y = y0; y <= y1 && all; y++) {
        all = rgb(img, x, y) == SpikeRaster.FRAME;
      }
      if (all) {
        cols.add(x);
      }
    }
    return cols;
  }

  /** Rows that have the frame colour on every column of [x0, x1]. */
  private static List<Integer> frameRows(BufferedImage img, int x0, int x1, int y0, int y1) {
    List<Integer> rows = new ArrayList<>();
    for (int y = y0; y <= y1; y++) {
      boolean all = true;
      for (int x = x0; x <= x1 && all; x++) {
        all = rgb(img, x, y) == SpikeRaster.FRAME;
      }
      if (all) {
        rows.add(y);
      }
    }
    return rows;
  }

  /** The plot frame of a single-panel plot: {left, top, right, bottom}. */
  private static int[] frame(BufferedImage img) {
    List<Integer> cols = frameColumns(img, img.getHeight() / 2 - 20, img.getHeight() / 2 + 20);
    int right = cols.get(cols.size() - 1);
    int left = cols.get(cols.size() - 2); // the y axis line is left of the frame
    List<Integer> rows = frameRows(img, img.getWidth() / 2 - 20, img.getWidth() / 2 + 20, 0, img.getHeight() - 1);
    return new int[] {left, rows.get(0), right, rows.get(rows.size() - 2)}; // the x axis line is below the frame
  }

  /** Pixel column of x in a data range [x0, x1] spread over the middle CONTENT of the frame's width. */
  private static int column(int[] f, double x, double x0, double x1) {
    double m = (1 - LinePlot.CONTENT) / 2 * (f[2] - f[0]);
    return (int) Math.floor(f[0] + 0.5 + m + (x - x0) / (x1 - x0) * (f[2] - f[0] - 2 * m));
  }

  /** Pixel row of y in a data range [y0, y1] (upwards). */
  private static int row(int[] f, double y, double y0, double y1) {
    double m = (1 - LinePlot.CONTENT) / 2 * (f[3] - f[1]);
    return (int) Math.floor(f[3] + 0.5 - m - (y - y0) / (y1 - y0) * (f[3] - f[1] - 2 * m));
  }

  private Path xy(String name, List<Plotter.Series> series, boolean logY) {
    return Plotter.xy(dir.resolve(name), "title", "x", "y", series, false, logY);
  }

  @Test
  void aConstantSeriesLandsOnThePixelRowOfItsValue() throws IOException {
    BufferedImage img = read(xy("c.png", List.of(new Plotter.Series("ramp", new double[] {0, 1}, new double[] {0, 10},
        false), new Plotter.Series("flat", new double[] {0, 1}, new double[] {5, 5}, false)), false));
    assertThat(img.getWidth()).isEqualTo(Plotter.WIDTH);
    assertThat(img.getHeight()).isEqualTo(Plotter.HEIGHT);
    int[] f = frame(img);
    int y = row(f, 5, 0, 10);
    // not at x = 0.5, where the ramp crosses the flat line: there the colour depends on where the two strokes fall in
    // the pixel (the gallery helper found the check passing there only by the line centre's position)
    for (double x : new double[] {0.1, 0.3, 0.7, 0.9}) {
      int c = column(f, x, 0, 1);
      int px = rgb(img, c, y); // the line 1.5 px wide through this row covers at least three quarters of it
      assertThat(px >> 16 & 0xff).as("x %s", x).isGreaterThan(200); // red of 0xd62728 over white
      assertThat(px & 0xff).as("x %s", x).isLessThan(110);
      assertThat(ink(img, c, y - 12, c, y - 3)).isZero();
      assertThat(ink(img, c, y + 3, c, y + 12)).isZero();
    }
    // the ramp passes (0.25, 2.5)
    assertThat(ink(img, column(f, 0.25, 0, 1), row(f, 2.5, 0, 10) - 1, column(f, 0.25, 0, 1), row(f, 2.5, 0, 10) + 1))
        .isPositive();
  }

  @Test
  void aNonFinitePointLeavesAGapNotALine() throws IOException {
    int n = 101;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i / 100.0;
      y[i] = i % 10; // a saw tooth 0..9
    }
    y[50] = Double.NaN;
    x[80] = Double.POSITIVE_INFINITY;
    BufferedImage img = read(xy("gap.png", List.of(new Plotter.Series("s", x, y, false)), false));
    int[] f = frame(img);
    int blue = SpikeRaster.PALETTE[0];
    for (double gap : new double[] {0.5, 0.8}) { // no segment reaches a dropped point: the columns there stay empty
      int c = column(f, gap, 0, 1);
      assertThat(ink(img, c - 1, f[1] + 1, c + 1, f[3] - 1)).as("gap at %s", gap).isZero();
    }
    int c = column(f, 0.305, 0, 1); // between two points: the line is drawn
    assertThat(ink(img, c, f[1] + 1, c, f[3] - 1)).isPositive();
  }

  @Test
  void tickMarksAndLabelsSitAtTheNiceValuesOfTheAxis() throws IOException {
    BufferedImage img = read(xy("t.png", List.of(new Plotter.Series("s", new double[] {0, 1}, new double[] {0, 1},
        false)), false));
    int[] f = frame(img);
    int axis = f[3] + 4; // the x axis line, its tick marks below it
    List<Integer> marks = new ArrayList<>();
    for (int x = f[0]; x <= f[2]; x++) {
      if (rgb(img, x, axis + 2) == SpikeRaster.FRAME) {
        marks.add(x);
      }
    }
    // 1 / 0.92 of the width for 0..1: 0.1 apart is ~80 px, the step a ~90 px hint gives
    List<Integer> expected = new ArrayList<>();
    for (int k = 0; k <= 10; k++) {
      expected.add(column(f, k / 10.0, 0, 1));
    }
    assertThat(marks).isEqualTo(expected);
    for (int c : expected) { // a label under each mark
      assertThat(dark(img, c - 10, axis + 4, c + 10, axis + 20)).as("label at %d", c).isPositive();
    }
    assertThat(dark(img, expected.get(0) + 20, axis + 4, expected.get(1) - 20, axis + 20)).isZero();
  }

  /** Rows of the y axis' tick marks (left of the axis line, which is 4 px left of the frame). */
  private static List<Integer> yTickRows(BufferedImage img, int[] f) {
    List<Integer> marks = new ArrayList<>();
    for (int y = f[1]; y <= f[3]; y++) {
      if (rgb(img, f[0] - 4 - 2, y) == SpikeRaster.FRAME) {
        marks.add(y);
      }
    }
    return marks;
  }

  @Test
  void aLogAxisOfManyDecadesLabelsEveryKthDecadeRegularly() throws IOException {
    // |y| from 1e-35 to 1e-3 (iv mott's current): 32 decades in about 440 px, too close for a label each
    BufferedImage img = read(xy("decades.png", List.of(new Plotter.Series("s", new double[] {0, 1},
        new double[] {1e-35, 1e-3}, false)), true));
    int[] f = frame(img);
    List<Integer> marks = yTickRows(img, f);
    assertThat(marks).hasSizeGreaterThan(5);
    int gap = marks.get(1) - marks.get(0);
    for (int i = 1; i < marks.size(); i++) {
      assertThat(marks.get(i) - marks.get(i - 1)).as("gap %d", i).isBetween(gap - 1, gap + 1);
    }
    for (int y : marks) { // each tick mark has its label left of it
      assertThat(dark(img, 0, y - 3, f[0] - 8, y + 3)).as("label at row %d", y).isPositive();
    }
    // between two labelled decades only the unlabelled decade's grid line, no lines at 2..9 (a row of a horizontal
    // grid line is a quarter or more grid colour; other rows only cross the vertical lines)
    int lines = 0;
    for (int y = marks.get(0) + 1; y < marks.get(1); y++) {
      lines += count(img, SpikeRaster.GRID, f[0] + 1, y, f[2] - 1, y) > (f[2] - f[0]) / 4 ? 1 : 0;
    }
    assertThat(lines).isEqualTo(1);
  }

  @Test
  void aNarrowLogAxisGetsLinearStyleTicksSpreadOverIt() throws IOException {
    // cm of lif-mc's Monte Carlo sweep (log-normal, 10 %): 0.81 to 1.3 nF on a log x axis; before: only 0.9 and 1
    // labelled, bunched at the left; now 0.85, 0.9, ... 1.3 (or every 0.1), spread over the whole axis
    Path p = Plotter.xy(dir.resolve("narrow.png"), "title", "cm (F)", "y", List.of(new Plotter.Series("s",
        new double[] {0.81e-9, 1e-9, 1.3e-9}, new double[] {1, 2, 3}, true)), true, false, true);
    BufferedImage img = read(p);
    int[] f = frame(img);
    int axis = f[3] + 4;
    List<Integer> marks = new ArrayList<>();
    for (int x = f[0]; x <= f[2]; x++) {
      if (rgb(img, x, axis + 2) == SpikeRaster.FRAME) {
        marks.add(x);
      }
    }
    assertThat(marks).hasSizeGreaterThanOrEqualTo(5);
    // from the left fifth of the axis to its right fifth (before: the last, 1, at the middle)
    assertThat(marks.get(0)).isLessThan(f[0] + (f[2] - f[0]) / 5);
    assertThat(marks.get(marks.size() - 1)).isGreaterThan(f[2] - (f[2] - f[0]) / 5);
    // at log-spaced places of equally stepped values: the gaps shrink from left to right, by the ratio of the ends
    double ratio = (double) (marks.get(1) - marks.get(0)) / (marks.get(marks.size() - 1) - marks.get(marks.size() - 2));
    assertThat(ratio).isBetween(1.2, 2.0);
    for (int i = 0; i < marks.size(); i++) { // each mark labelled, no two labels touching
      int c = marks.get(i);
      assertThat(dark(img, c - 6, axis + 6, c + 6, axis + 18)).as("label at %d", c).isPositive();
      if (i > 0) {
        int mid = (marks.get(i - 1) + c) / 2;
        assertThat(dark(img, mid, axis + 4, mid, axis + 20)).as("gap between labels at %d", mid).isZero();
      }
    }
    // a log axis over a factor of 3 or more keeps its 1..9 ticks: 0.2 to 0.9 reads 0.2, 0.3, ..., 0.9
    LinePlot.Axis wide = new LinePlot.Axis(true, Math.log10(0.2), Math.log10(0.9), 800, 90,
        GlyphAtlas.load().face(12, false), 0);
    assertThat(wide.labels).containsExactly("0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9");
  }

  @Test
  void aLogAxisLabelsTheEndsOfItsDataInOneFormat() {
    GlyphAtlas.Face f = GlyphAtlas.load().face(12, false);
    int span = f.ascent + 4;
    // the fitted VO2 overlay's current, 2e-5 to 0.06 A: before, 1e-4, 0.001, 0.01 (0.1 A and 1e-5 missing, two
    // formats on one axis)
    LinePlot.Axis fit = new LinePlot.Axis(true, Math.log10(2e-5), Math.log10(0.06), 430, 40, null, span);
    assertThat(java.util.Arrays.stream(fit.labels).filter(java.util.Objects::nonNull))
        .containsExactly("1e-5", "1e-4", "1e-3", "1e-2", "1e-1");
    assertThat(fit.lo).isEqualTo(-5);
    assertThat(fit.hi).isEqualTo(-1);
    // iv ts: 1e-12 to 1.5e-3 A, every decade from 1e-12 to 1e-2 labelled, 43 px a decade: grid lines at 2 and 5 only
    LinePlot.Axis iv = new LinePlot.Axis(true, -11.9, Math.log10(1.5e-3), 460, 40, null, span);
    assertThat(iv.labels[0]).isEqualTo("1e-12");
    assertThat(iv.labels[iv.labels.length - 1]).isEqualTo("1e-2");
    assertThat(iv.ticks).hasSize(11 + 2 * 10);
    // neuron sd lif: widths 2 to 150 us (before: only 10 and 100 labelled), thresholds 1.14 to 10.4 V (before: no
    // label below 2)
    LinePlot.Axis widths = new LinePlot.Axis(true, Math.log10(2), Math.log10(150), 850, 90, f, 0);
    assertThat(java.util.Arrays.stream(widths.labels).filter(java.util.Objects::nonNull))
        .containsExactly("2", "5", "10", "20", "50", "100", "200");
    LinePlot.Axis volts = new LinePlot.Axis(true, Math.log10(1.14), Math.log10(10.4), 470, 54, null, span);
    assertThat(volts.labels[0]).isEqualTo("1");
    assertThat(volts.labels[volts.labels.length - 1]).isEqualTo("20");
  }

  @Test
  void dataOfTwoLevelsAreTickedAtThoseLevelsAsXChartDid() throws IOException {
    double[] x = {0, 0.1, 0.1, 1};
    BufferedImage step = read(xy("step.png", List.of(new Plotter.Series("s", x, new double[] {0, 0, 2, 2}, false)),
        false));
    int[] f = frame(step);
    assertThat(yTickRows(step, f)).containsExactly(row(f, 2, 0, 2), row(f, 0, 0, 2));
    BufferedImage ramp = read(xy("ramp.png", List.of(new Plotter.Series("s", x, new double[] {0, 0, 1, 2}, false)),
        false));
    assertThat(yTickRows(ramp, frame(ramp))).hasSizeGreaterThan(4); // 0, 0.2, ..., 2 or so
  }

  @Test
  void aLegendOnlyWithSeveralSeries() throws IOException {
    double[] x = {0, 1};
    // falling lines: the upper right corner holds no data
    BufferedImage one = read(xy("one.png", List.of(new Plotter.Series("a", x, new double[] {1, 0}, false)), false));
    BufferedImage two = read(xy("two.png", List.of(new Plotter.Series("a", x, new double[] {1, 0}, false),
        new Plotter.Series("b", x, new double[] {0.9, 0}, false)), false));
    int[] f = frame(two);
    // the legend's box: a solid run of the grid colour (grid lines are dashed) in the upper right corner
    assertThat(longestGridRun(two, (f[0] + f[2]) / 2, f[1] + 1, f[2] - 1, f[1] + 80)).isGreaterThan(30);
    assertThat(longestGridRun(one, (f[0] + f[2]) / 2, f[1] + 1, f[2] - 1, f[1] + 80)).isLessThan(10);
    // its sample line of the second series' colour
    assertThat(count(two, SpikeRaster.PALETTE[1], (f[0] + f[2]) / 2, f[1], f[2], f[1] + 80)).isPositive();
    assertThat(ink(one, (f[0] + f[2]) / 2, f[1] + 1, f[2] - 1, f[1] + 80)).isZero();
    assertThat(dark(two, (f[0] + f[2]) / 2, f[1], f[2], f[1] + 80)).isPositive();
    assertThat(dark(one, (f[0] + f[2]) / 2, f[1] + 1, f[2] - 1, f[1] + 80)).isZero();
  }

  @Test
  void aLegendMovesToAFreeCornerWhenTheUpperRightHoldsData() throws IOException {
    double[] x = {0, 1};
    // rising lines end in the upper right corner; the upper left is free
    List<Plotter.Series> rising = List.of(new Plotter.Series("alpha", x, new double[] {0, 1}, false),
        new Plotter.Series("beta", x, new double[] {0, 0.9}, false));
    BufferedImage img = read(xy("rise.png", rising, false));
    int[] f = frame(img);
    int mid = (f[0] + f[2]) / 2;
    // the legend's box (a solid run of the grid colour) upper left, none upper right
    assertThat(longestGridRun(img, f[0] + 1, f[1] + 1, mid, f[1] + 80)).isGreaterThan(30);
    assertThat(longestGridRun(img, mid, f[1] + 1, f[2] - 1, f[1] + 80)).isLessThan(10);
    assertThat(dark(img, f[0] + 1, f[1] + 1, mid, f[1] + 80)).isPositive(); // the names
    assertThat(dark(img, mid, f[1] + 1, f[2] - 1, f[1] + 80)).isZero();
    // the first line's end (1, 1) stays visible in the upper right
    int c = column(f, 1, 0, 1);
    int r = row(f, 1, 0, 1);
    assertThat(count(img, c2 -> c2 != 0xffffff && c2 != SpikeRaster.GRID, c - 3, r - 2, c, r + 2)).isPositive();
    assertThat(count(img, SpikeRaster.PALETTE[0], c - 20, r - 4, c, r + 12)).isPositive();
    // the SVG (XChart) takes the same corner: its legend box starts in the left half, and upper right for falling lines
    assertThat(legendBoxX(Plotter.xy(dir.resolve("rise.svg"), "title", "x", "y", rising, false, false)))
        .isLessThan(Plotter.WIDTH / 2.0);
    List<Plotter.Series> falling = List.of(new Plotter.Series("alpha", x, new double[] {1, 0}, false),
        new Plotter.Series("beta", x, new double[] {0.9, 0}, false));
    assertThat(legendBoxX(Plotter.xy(dir.resolve("fall.svg"), "title", "x", "y", falling, false, false)))
        .isGreaterThan(Plotter.WIDTH / 2.0);
  }

  /** The left edge of an XChart SVG's legend box: the one rectangle outlined in the grid colour (grid lines are paths). */
  private static double legendBoxX(Path svg) throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<rect [^>]*stroke:rgb\\(230,230,230\\)[^>]*x=\"([-0-9.]+)\"").matcher(java.nio.file.Files.readString(svg));
    assertThat(m.find()).as("the legend box").isTrue();
    double x = Double.parseDouble(m.group(1));
    assertThat(m.find()).as("one legend box").isFalse();
    return x;
  }

  private static int longestGridRun(BufferedImage img, int x0, int y0, int x1, int y1) {
    int best = 0;
    for (int y = y0; y <= y1; y++) {
      int run = 0;
      for (int x = x0; x <= x1; x++) {
        run = rgb(img, x, y) == SpikeRaster.GRID ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }

  @Test
  void aLogAxisSpacesDecadesEquallyAndPutsAGeometricMeanHalfway() throws IOException {
    // |y| from 1e-3 to 10, straight in log space: at x = 0.5 it is 0.1
    BufferedImage img = read(xy("log.png", List.of(new Plotter.Series("s", new double[] {0, 1},
        new double[] {-1e-3, 10}, false)), true));
    int[] f = frame(img);
    List<Integer> marks = yTickRows(img, f);
    assertThat(marks).hasSize(5); // 1e-3, 1e-2, 0.1, 1, 10: labelled decades (2..9 are grid lines only)
    for (int k = 0; k < 5; k++) {
      assertThat(marks.get(4 - k)).isEqualTo(row(f, k, 0, 4)); // log10(y) + 3 spans [0, 4]
    }
    int c = column(f, 0.5, 0, 1);
    int r = row(f, 2, 0, 4);
    assertThat(ink(img, c, r - 1, c, r + 1)).isPositive();
    assertThat(ink(img, c, r - 12, c, r - 4)).isZero();
    assertThat(ink(img, c, r + 4, c, r + 12)).isZero();
  }

  @Test
  void stackedPanelsShareTheirPlotAreaAndOnlyTheBottomOneHasXLabels() throws IOException {
    int n = 200;
    Trace.Builder b = new Trace.Builder("time", List.of("a", "b"));
    for (int i = 0; i < n; i++) {
      b.add(i * 1e-6, 0.5 * i / n, -70000 + 20000.0 * i / n); // y labels of 3 and 6 characters
    }
    Path p = Plotter.stacked(dir.resolve("s.png"), "stack", b.build(), List.of(List.of("a"), List.of("b")),
        List.of("small", "wide"));
    BufferedImage img = read(p);
    assertThat(img.getHeight()).isEqualTo(40 + 2 * Plotter.STACK_PANEL_HEIGHT + 45);
    int top0 = 40;
    int top1 = 40 + Plotter.STACK_PANEL_HEIGHT;
    List<Integer> upper = frameColumns(img, top0 + 40, top0 + 200);
    List<Integer> lower = frameColumns(img, top1 + 40, top1 + 200);
    assertThat(upper).hasSize(3).isEqualTo(lower); // axis line, left and right frame
    // between the upper frame's bottom and the lower frame's top: no tick labels
    int x0 = upper.get(1);
    int x1 = upper.get(2);
    List<Integer> rows = frameRows(img, (x0 + x1) / 2 - 20, (x0 + x1) / 2 + 20, top0, img.getHeight() - 1);
    int upperBottom = rows.get(1); // frame top, frame bottom, axis line, then the lower panel's
    int lowerTop = rows.get(3);
    assertThat(dark(img, x0, upperBottom + 1, x1, lowerTop - 1)).isZero();
    assertThat(dark(img, x0, rows.get(4) + 1, x1, rows.get(5) + 30)).isPositive(); // the bottom panel's labels
    // the plot areas are as high as each other
    assertThat(rows.get(1) - rows.get(0)).isEqualTo(rows.get(4) - rows.get(3));
  }

  @Test
  void aOneSampleSpikeInALongTraceStillShows() throws IOException {
    int n = 1_000_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i * 1e-11;
    }
    y[123_457] = 1;
    y[0] = -1;
    BufferedImage img = read(xy("long.png", List.of(new Plotter.Series("v", x, y, false)), false));
    int[] f = frame(img);
    int c = column(f, x[123_457], 0, x[n - 1]);
    int top = row(f, 1, -1, 1);
    assertThat(ink(img, c - 1, top - 1, c + 1, top + 1)).isPositive();
  }

  @Test
  void twoRunsWriteTheSameBytesAndTheMicroSignIsAGlyph() throws IOException {
    double[] t = new double[500];
    double[] v = new double[500];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 1e-8;
      v[i] = Math.sin(i * 0.1);
    }
    List<Plotter.Series> s = List.of(new Plotter.Series("v", t, v, true));
    Path a = Plotter.xy(dir.resolve("a.png"), "t", "time (s)", "v (V)", s, false, false);
    Path b = Plotter.xy(dir.resolve("b.png"), "t", "time (s)", "v (V)", s, false, false);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Pixels.notFallback(GlyphAtlas.load().regular, "\u00b5")).as("µ drawn as ?").isTrue();
  }

  @Test
  void scatterDrawsMarkersWithoutLines() throws IOException {
    Path p = Plotter.scatter(dir.resolve("sc.png"), "mc", "a", "b", new double[] {0, 1}, new double[] {0, 1});
    BufferedImage img = read(p);
    int[] f = frame(img);
    int blue = SpikeRaster.PALETTE[0];
    int c = column(f, 0.5, 0, 1); // halfway between the two markers: nothing
    assertThat(ink(img, c - 3, f[1] + 1, c + 3, f[3] - 1)).isZero();
    int c0 = column(f, 0, 0, 1);
    int r0 = row(f, 0, 0, 1);
    assertThat(count(img, blue, c0 - 1, r0 - 1, c0 + 1, r0 + 1)).isPositive();
  }

  @Test
  void aHistogramLabelsWholeCountsOnly() throws IOException {
    // five values in three bins: counts 2, 1, 2; the tick rule steps the count axis by 0.2
    BufferedImage img = read(Plotter.histogram(dir.resolve("c.png"), "h", "x", new double[] {1, 1.1, 2, 3, 2.9}, 3));
    int[] f = frame(img);
    // tick marks (each with its label) at 0, 1 and 2 only
    assertThat(yTickRows(img, f)).containsExactly(row(f, 2, 0, 2), row(f, 1, 0, 2), row(f, 0, 0, 2));
    for (int y : yTickRows(img, f)) {
      assertThat(dark(img, 0, y - 3, f[0] - 8, y + 3)).as("label at row %d", y).isPositive();
    }
    assertThat(dark(img, 0, row(f, 1.5, 0, 2) - 3, f[0] - 8, row(f, 1.5, 0, 2) + 3)).isZero(); // no 1.4, 1.6
  }

  @Test
  void aHistogramFillsItsBarsLightlyFromZero() throws IOException {
    // bins [1, 1.5) and [1.5, 2]: counts 3 and 1
    BufferedImage img = read(Plotter.histogram(dir.resolve("h.png"), "h", "x", new double[] {1, 1, 1, 2}, 2));
    int[] f = frame(img);
    int fill = 0;
    for (int k = 16; k >= 0; k -= 8) { // the series colour at LinePlot.AREA_ALPHA over white, rounded to nearest
      int c = SpikeRaster.PALETTE[0] >> k & 0xff;
      fill = fill << 8 | 255 + Math.floorDiv((c - 255) * LinePlot.AREA_ALPHA + 127, 255);
    }
    int first = column(f, 1.23, 1, 2); // off the grid lines
    int second = column(f, 1.77, 1, 2);
    assertThat(rgb(img, first, row(f, 1.3, 0, 3))).isEqualTo(fill);
    assertThat(rgb(img, first, row(f, 2.7, 0, 3))).isEqualTo(fill);
    assertThat(rgb(img, second, row(f, 0.7, 0, 3))).isEqualTo(fill);
    assertThat(ink(img, second, row(f, 2.5, 0, 3) - 2, second, row(f, 1.5, 0, 3))).isZero(); // above the lower bar
    assertThat(ink(img, first, f[1] + 1, first, row(f, 3, 0, 3) - 3)).isZero(); // above the higher bar
  }
}
