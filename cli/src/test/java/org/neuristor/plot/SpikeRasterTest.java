package org.neuristor.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neuristor.plot.Pixels.count;
import static org.neuristor.plot.Pixels.dark;
import static org.neuristor.plot.Pixels.rgb;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeRasterTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private BufferedImage write(String title, List<Plotter.Series> series, double x1, double y1) throws IOException {
    Path f = SpikeRaster.write(dir.resolve("r.png"), title, "time (s)", "neuron", series, 0, x1, -0.5, y1 - 0.5);
    BufferedImage img = ImageIO.read(f.toFile()); // a PNG the JDK's decoder reads
    assertThat(img).isNotNull();
    assertThat(img.getWidth()).isEqualTo(Plotter.WIDTH);
    assertThat(img.getHeight()).isEqualTo(Plotter.HEIGHT);
    return img;
  }

  /** The plot frame: {left, top, right, bottom}, found as the grey lines through the image's middle. */
  private static int[] frame(BufferedImage img) {
    int midY = img.getHeight() / 2;
    int midX = img.getWidth() / 2;
    int left = -1;
    int right = -1;
    int top = -1;
    int bottom = -1;
    for (int x = 0; x < img.getWidth(); x++) {
      if (rgb(img, x, midY) == SpikeRaster.FRAME) {
        if (left < 0) {
          left = x;
        }
        right = x;
      }
    }
    for (int y = 0; y < img.getHeight(); y++) {
      if (rgb(img, midX, y) == SpikeRaster.FRAME) {
        if (top < 0) {
          top = y;
        }
        bottom = y;
      }
    }
    return new int[] {left, top, right, bottom};
  }

  @Test
  void everySpikeIsADotOfItsSeriesColourWhereItsTimeAndNeuronAre() throws IOException {
    // a 10 x 10 grid of spikes, far apart: each one must show (Plotter.raster decimated rasters of more
    // than 20,000 points to the lowest and highest neuron per pixel column)
    double[] t = new double[100];
    double[] n = new double[100];
    for (int i = 0; i < 100; i++) {
      t[i] = 0.05 + 0.1 * (i % 10);
      n[i] = 5 + 10 * (i / 10);
    }
    BufferedImage img = write("grid", List.of(new Plotter.Series("exc", t, n, true)), 1.0, 100);
    int[] f = frame(img);
    assertThat(f[2] - f[0]).isGreaterThan(800);
    assertThat(f[3] - f[1]).isGreaterThan(450);
    int blue = SpikeRaster.PALETTE[0];
    for (int i = 0; i < 100; i++) {
      int x = (int) Math.round(f[0] + t[i] * (f[2] - f[0]));
      int y = (int) Math.round(f[3] - (n[i] + 0.5) / 100 * (f[3] - f[1]));
      assertThat(count(img, blue, x - 2, y - 2, x + 2, y + 2)).as("spike %d", i).isEqualTo(4);
    }
    assertThat(count(img, blue, 0, 0, img.getWidth() - 1, img.getHeight() - 1)).isEqualTo(400);
  }

  @Test
  void axesCarryTitleTickLabelsAndAxisTitlesAndSeveralSeriesALegend() throws IOException {
    double[] t = {0.1, 0.2};
    double[] a = {1, 2};
    double[] b = {30, 40};
    BufferedImage img = write("Spikes of test", List.of(new Plotter.Series("exc", t, a, true),
        new Plotter.Series("inh", t, b, true)), 1.0, 50);
    int[] f = frame(img);
    // title above the frame, tick labels and x title below it, tick labels and y title left of it
    assertThat(dark(img, 0, 0, img.getWidth() - 1, f[1] - 1)).isGreaterThan(50);
    assertThat(dark(img, f[0], f[3] + 2, f[2], img.getHeight() - 1)).isGreaterThan(200);
    assertThat(dark(img, 0, f[1], f[0] - 2, f[3])).isGreaterThan(200);
    // the legend: a square of each series' colour and its name in a strip above the frame, at its right end (before:
    // a box inside the plot area's upper right corner, over the spikes of a dense raster)
    int legendRed = count(img, SpikeRaster.PALETTE[1], (f[0] + f[2]) / 2, 0, f[2], f[1] - 1);
    assertThat(legendRed).isEqualTo(64); // the 8 x 8 legend square
    assertThat(count(img, SpikeRaster.PALETTE[0], (f[0] + f[2]) / 2, 0, f[2], f[1] - 1)).isEqualTo(64);
    // inside the frame only the two inh spikes (2 x 2 each)
    assertThat(count(img, SpikeRaster.PALETTE[1], f[0], f[1], f[2], f[3])).isEqualTo(8);
    // the names between the title and the frame, in the right half
    int titleBottom = 10 + GlyphAtlas.load().bold.height();
    assertThat(dark(img, (f[0] + f[2]) / 2, titleBottom + 2, f[2], f[1] - 1)).isGreaterThan(20);
  }

  @Test
  void theLegendOfADenseRasterCoversNoSpike() throws IOException {
    // spikes everywhere, as COBA's raster: a 40 x 20 grid of exc spikes and one of inh above it; every one must show
    int nx = 40;
    double[] t = new double[nx * 20];
    double[] a = new double[nx * 20];
    double[] b = new double[nx * 20];
    for (int i = 0; i < t.length; i++) {
      t[i] = (i % nx + 0.5) / nx;
      a[i] = 2.5 + 5 * (i / nx);
      b[i] = 102.5 + 5 * (i / nx);
    }
    BufferedImage img = write("Spikes of dense", List.of(new Plotter.Series("exc", t, a, true),
        new Plotter.Series("inh (from index 100)", t, b, true)), 1.0, 200);
    int[] f = frame(img);
    for (int i = 0; i < t.length; i++) {
      int x = (int) Math.round(f[0] + t[i] * (f[2] - f[0]));
      for (double[] n : new double[][] {a, b}) {
        int y = (int) Math.round(f[3] - (n[i] + 0.5) / 200 * (f[3] - f[1]));
        int rgb = n == a ? SpikeRaster.PALETTE[0] : SpikeRaster.PALETTE[1];
        assertThat(count(img, rgb, x - 2, y - 2, x + 2, y + 2)).as("spike %d at %d, %d", i, x, y).isEqualTo(4);
      }
    }
  }

  @Test
  void theSvgRastersLegendIsAboveThePlotAreaToo() throws IOException {
    double[] t = {0.1, 0.2, 0.9};
    double[] a = {1, 2, 3};
    double[] b = {30, 40, 49};
    String svg = java.nio.file.Files.readString(Plotter.raster(dir.resolve("l.svg"), "Spikes", "time (s)", "neuron",
        List.of(new Plotter.Series("exc", t, a, true), new Plotter.Series("inh", t, b, true))));
    // the chart is painted below the title and the legend's strip, translated down
    java.util.regex.Matcher shift = java.util.regex.Pattern.compile("<g transform=\"translate\\(0 ([0-9.]+)\\)\">")
        .matcher(svg);
    assertThat(shift.find()).isTrue();
    double down = Double.parseDouble(shift.group(1));
    java.util.regex.Matcher frame = java.util.regex.Pattern.compile(
        "<rect height=\"[0-9.]+\" style=\"fill:none;stroke:rgb\\(128,128,128\\)[^\"]*\" width=\"[0-9.]+\" x=\"[0-9.]+\" y=\"([0-9.]+)\"")
        .matcher(svg);
    assertThat(frame.find()).isTrue();
    double top = down + Double.parseDouble(frame.group(1));
    for (String colour : new String[] {"31,119,180", "214,39,40"}) {
      java.util.regex.Matcher sq = java.util.regex.Pattern.compile("<rect height=\"8\" style=\"fill:rgb\\(" + colour
          + "\\);stroke:none;\" width=\"8\" x=\"([0-9.]+)\" y=\"([0-9.]+)\"").matcher(svg);
      assertThat(sq.find()).as("the legend square of %s", colour).isTrue();
      assertThat(Double.parseDouble(sq.group(2)) + 8).as("its bottom").isLessThanOrEqualTo(top);
      assertThat(Double.parseDouble(sq.group(1))).as("in the right half").isGreaterThan(500);
    }
  }

  @Test
  void oneSeriesHasNoLegendAndNonFiniteOrOutOfRangePointsAreNotDrawn() throws IOException {
    double[] t = {Double.NaN, 0.5, 2.0, -0.1, Double.POSITIVE_INFINITY};
    double[] n = {1, Double.NaN, 1, 1, 1};
    BufferedImage img = write("t", List.of(new Plotter.Series("exc", t, n, true)), 1.0, 10);
    assertThat(count(img, SpikeRaster.PALETTE[0], 0, 0, img.getWidth() - 1, img.getHeight() - 1)).isZero();
  }

  @Test
  void anSvgRasterKeepsEverySpike() throws IOException {
    // regression: Plotter.raster decimated more than 20,000 points to the lowest and highest neuron per pixel
    // column (202 of these 25,000 spikes were drawn)
    int n = Plotter.DECIMATE_ABOVE + 5000;
    double[] t = new double[n];
    double[] neuron = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (i / 250) * 0.01;
      neuron[i] = i % 250;
    }
    Path f = Plotter.raster(dir.resolve("r.svg"), "r", "time (s)", "neuron", List.of(new Plotter.Series("exc", t, neuron,
        true)));
    String svg = java.nio.file.Files.readString(f);
    assertThat(svg.split("<ellipse", -1).length - 1).isEqualTo(n);
  }

  @Test
  void anSvgRasterSpansTheRunAsThePngDoes() throws IOException {
    // network run writes the SVG with the run's duration and neurons, as the PNG: before, its axes spanned the spikes
    // only (a run of 1 s whose last spike came at 0.9999 s read in ms; its PNG in s)
    double[] t = {0.1, 0.2};
    double[] n = {1, 2};
    String svg = java.nio.file.Files.readString(Plotter.raster(dir.resolve("span.svg"), "r", "time (s)", "neuron",
        List.of(new Plotter.Series("exc", t, n, true)), 0, 1, -0.5, 9.5));
    java.util.regex.Matcher frame = java.util.regex.Pattern.compile(
        "<rect height=\"[0-9.]+\" style=\"fill:none;stroke:rgb\\(128,128,128\\)[^\"]*\" width=\"([0-9.]+)\" x=\"([0-9.]+)\"")
        .matcher(svg);
    assertThat(frame.find()).isTrue();
    double w = Double.parseDouble(frame.group(1));
    double left = Double.parseDouble(frame.group(2));
    java.util.regex.Matcher dot = java.util.regex.Pattern.compile("<ellipse cx=\"([0-9.]+)\"").matcher(svg);
    double first = Double.POSITIVE_INFINITY;
    int dots = 0;
    while (dot.find()) {
      first = Math.min(first, Double.parseDouble(dot.group(1)));
      dots++;
    }
    assertThat(dots).isEqualTo(2); // the range's hidden corners draw nothing
    // t = 0.1 of [0, 1], the data in the middle 92 % of the frame: 0.04 + 0.092 of its width (spanning the spikes
    // only, the first would be at 0.04)
    assertThat((first - left) / w).isCloseTo(0.04 + 0.92 * 0.1, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void emptyRangesAreRefused() {
    assertThatThrownBy(() -> SpikeRaster.write(dir.resolve("x.png"), "t", "x", "y", List.of(), 1, 1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpikeRaster.write(dir.resolve("x.png"), "t", "x", "y", List.of(), 0, 1, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dir.resolve("x.png")).doesNotExist();
  }

  @Test
  void ticksAreNiceNumbersInsideTheRange() {
    assertThat(Ticks.values(0, 1, 11)).containsExactly(0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5,
        0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1.0);
    assertThat(Ticks.values(-0.5, 3999.5, 9)).containsExactly(0, 500, 1000, 1500, 2000, 2500, 3000, 3500);
    assertThat(Ticks.values(0, 1, 10)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
    assertThat(Ticks.values(-1, 1, 5)).containsExactly(-1, -0.5, 0, 0.5, 1);
    assertThat(Ticks.values(-1, 1, 4)).containsExactly(-1, 0, 1);
    assertThat(Ticks.values(1, 1, 4)).isEmpty();
    assertThat(Ticks.label(0.30000000000000004)).isEqualTo("0.3");
    assertThat(Ticks.label(3500)).isEqualTo("3500");
  }
}
