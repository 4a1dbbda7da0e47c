package org.neuristor.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector formats' log axes follow the PNG's tick rule ({@link LinePlot.Axis}): every k-th decade labelled where
 * decades are close, linear-style ticks on a narrow axis. Checked on the SVG's text: each drawn string is a group
 * translated to its place holding black outlines (XChart's own log labels, kept for their room, are transparent).
 */
class VectorLogTicksTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Pattern TEXT = Pattern.compile(
      "<g transform=\"translate\\(([-0-9.E]+) ([-0-9.E]+)\\)\">\\s*<path d=\"[^\"]*\" style=\"fill:rgb\\(0,0,0\\);stroke:none;\"");
  private static final Pattern FRAME = Pattern.compile(
      "<rect height=\"([-0-9.]+)\" style=\"fill:none;stroke:rgb\\(128,128,128\\)[^\"]*\" width=\"([-0-9.]+)\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\"");

  /** Opaque black strings of the SVG: their (x, y) places. */
  private static List<double[]> texts(String svg) {
    List<double[]> t = new ArrayList<>();
    Matcher m = TEXT.matcher(svg);
    while (m.find()) {
      t.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
    }
    return t;
  }

  /** The plot area's frame: {left, top, right, bottom}. */
  private static double[] frame(String svg) {
    Matcher m = FRAME.matcher(svg);
    assertThat(m.find()).as("the plot frame").isTrue();
    double h = Double.parseDouble(m.group(1));
    double w = Double.parseDouble(m.group(2));
    double x = Double.parseDouble(m.group(3));
    double y = Double.parseDouble(m.group(4));
    return new double[] {x, y, x + w, y + h};
  }

  /**
   * The SVG of a current rising geometrically from {@code first} by a factor {@code ratio} over {@code n} points
   * (voltage 0, 0.01, ... V) on a log y axis.
   */
  private String logCurrent(String name, int n, double first, double ratio) throws IOException {
    double[] v = new double[n];
    double[] i = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = k / 100.0;
      i[k] = first * Math.pow(ratio, k / (n - 1.0));
    }
    return Files.readString(Plotter.xy(dir.resolve(name), "t", "voltage (V)", "current (A)",
        List.of(new Plotter.Series("i", v, i, false)), false, true));
  }

  /** The rows of the y tick labels (not the y title) of an SVG whose plot frame is {@code f}, top to bottom. */
  private static List<Double> yLabelRows(String svg, double[] f) {
    List<Double> rows = new ArrayList<>();
    for (double[] t : texts(svg)) {
      if (t[0] > 25 && t[0] < f[0] && t[1] > f[1] && t[1] < f[3] + 10) {
        rows.add(t[1]);
      }
    }
    rows.sort(null);
    return rows;
  }

  @Test
  void manyDecadesAreLabelledEveryKthDecadeAsInThePng() throws IOException {
    // |y| from 1e-30 to 10 (iv mott's 32 decades of current): XChart labelled all 32 decades, 14 px apart
    String svg = logCurrent("decades.svg", 300, 1e-30, 1e31);
    double[] f = frame(svg);
    List<Double> rows = yLabelRows(svg, f);
    // every 2nd decade of 1e-30 .. 10, the axis widened to 100 so that both ends are labelled: 1e-30, 1e-28, ...,
    // 1e2 (17 labels), evenly spaced
    assertThat(rows).hasSize(17);
    double gap = rows.get(1) - rows.get(0);
    for (int k = 1; k < rows.size(); k++) {
      assertThat(rows.get(k) - rows.get(k - 1)).isCloseTo(gap, org.assertj.core.data.Offset.offset(1.0));
    }
    // the PNG labels the same decades
    LinePlot.Axis png = new LinePlot.Axis(true, -30, 1, 0.92 * (f[3] - f[1]), 54, null,
        GlyphAtlas.load().face(12, false).ascent + 4);
    long labelled = java.util.Arrays.stream(png.labels).filter(java.util.Objects::nonNull).count();
    assertThat(labelled).isEqualTo(17);
  }

  @Test
  void aNarrowLogAxisGetsLinearStyleLabelsAsInThePng() throws IOException {
    // cm of a Monte Carlo sweep, 0.81 to 1.3 nF on a log x axis: XChart labelled only 1 (its decade)
    String svg = Files.readString(Plotter.xy(dir.resolve("narrow.svg"), "t", "cm (F)", "rate (Hz)",
        List.of(new Plotter.Series("r", new double[] {0.81e-9, 1e-9, 1.3e-9}, new double[] {1, 2, 3}, true)), true,
        false, true));
    double[] f = frame(svg);
    List<Double> cols = new ArrayList<>();
    for (double[] t : texts(svg)) {
      if (t[1] > f[3] + 5 && t[1] < f[3] + 30) { // the x tick labels' row
        cols.add(t[0]);
      }
    }
    cols.sort(null);
    assertThat(cols).hasSizeGreaterThanOrEqualTo(5);
    assertThat(cols.get(0)).isLessThan(f[0] + (f[2] - f[0]) / 5);
    assertThat(cols.get(cols.size() - 1)).isGreaterThan(f[2] - (f[2] - f[0]) / 5);
  }

  @Test
  void theEndsOfTheDataDecadesAreLabelledAsInThePng() throws IOException {
    // the fitted VO2 overlay's current, 2e-5 to 0.06 A: before, 1e-4, 0.001 and 0.01 labelled (the axis ended at the
    // data); now the axis runs from 1e-5 to 0.1, each decade labelled, the end labels at the plot content's ends
    String svg = logCurrent("fit.svg", 200, 2e-5, 3000);
    double[] f = frame(svg);
    List<Double> rows = yLabelRows(svg, f);
    assertThat(rows).hasSize(5); // 1e-1, 1e-2, 1e-3, 1e-4, 1e-5
    double content = 0.92 * (f[3] - f[1]);
    assertThat(rows.get(4) - rows.get(0)).isCloseTo(content, org.assertj.core.data.Offset.offset(2.0));
  }
}
