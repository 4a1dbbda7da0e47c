package org.neuristor.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.measure.Trace;

class PlotterTest {
  @TempDir Path dir;
  static final Path KEEP = System.getProperty("plot.keep") == null ? null : Path.of(System.getProperty("plot.keep"));

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** A neuron-like trace: a current step, a membrane voltage with spikes, an output pulse train. */
  static Trace neuronTrace(int n) {
    Trace.Builder b = new Trace.Builder("time", List.of("i(in)", "v(mem)", "v(out)"));
    double dt = 10e-6 / n;
    for (int i = 0; i < n; i++) {
      double t = i * dt;
      double phase = (t % 2e-6) / 2e-6;
      double vmem = phase * 0.8;
      double vout = phase > 0.98 ? 1.2 : 0;
      b.add(t, t > 1e-6 ? 50e-6 : 0, vmem, vout);
    }
    return b.build();
  }

  private static BufferedImage png(Path f) throws IOException {
    if (KEEP != null) {
      // -Dplot.keep=DIR keeps copies for looking at the style by eye
      Files.createDirectories(KEEP);
      Files.copy(f, KEEP.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.size(f)).isPositive();
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(img).isNotNull();
    return img;
  }

  private static void assertSvg(Path f) throws IOException {
    if (KEEP != null) {
      Files.createDirectories(KEEP);
      Files.copy(f, KEEP.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    String s = Files.readString(f, StandardCharsets.UTF_8);
    assertThat(s.startsWith("<svg") || s.startsWith("<?xml")).as("SVG header of " + f).isTrue();
    assertThat(s).contains("</svg>");
  }

  private void assertNoTempFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void linesPngAndSvg() throws IOException {
    Trace t = neuronTrace(2000);
    Path p = Plotter.lines(dir.resolve("lines.png"), "Membrane", "time (s)", "voltage (V)", t,
        List.of("v(mem)", "v(out)"));
    BufferedImage img = png(p);
    assertThat(img.getWidth()).isEqualTo(Plotter.WIDTH);
    assertThat(img.getHeight()).isEqualTo(Plotter.HEIGHT);
    assertThat(img.getRGB(2, 2) & 0xffffff).isEqualTo(0xffffff); // white background
    assertSvg(Plotter.lines(dir.resolve("lines.svg"), "Membrane", "time (s)", "voltage (V)", t,
        List.of("v(mem)")));
    assertNoTempFiles();
  }

  @Test
  void axisTitlesAndValuesShowNoUnitForADimensionlessQuantity() {
    assertThat(Plotter.axisTitle("stimulus", "uA/cm2")).isEqualTo("stimulus (\u00b5A/cm\u00b2)");
    assertThat(Plotter.axisTitle("stimulus", "1")).isEqualTo("stimulus");
    assertThat(Plotter.axisTitle("gain", "-")).isEqualTo("gain");
    assertThat(Plotter.unitAfter("nA")).isEqualTo(" nA");
    assertThat(Plotter.unitAfter("1")).isEmpty();
  }

  @Test
  void stackedHasOnePanelHeightPerPanel() throws IOException {
    Trace t = neuronTrace(30_000);
    Path p = Plotter.stacked(dir.resolve("stack.png"), "1T1C neuron", t,
        List.of(List.of("i(in)"), List.of("v(mem)"), List.of("v(out)")),
        List.of("input (A)", "membrane (V)", "output (V)"));
    BufferedImage img = png(p);
    assertThat(img.getWidth()).isEqualTo(Plotter.WIDTH);
    assertThat(img.getHeight()).isEqualTo(40 + 3 * Plotter.STACK_PANEL_HEIGHT + 45);
    assertSvg(Plotter.stacked(dir.resolve("stack.svg"), "", t, List.of(List.of("v(mem)")),
        List.of("membrane (V)")));
  }

  @Test
  void xyLogLogDropsZerosAndKeepsMarkers() throws IOException {
    double[] f = new double[50];
    double[] mag = new double[50];
    for (int i = 0; i < 50; i++) {
      f[i] = Math.pow(10, i / 10.0);
      mag[i] = i % 7 == 0 ? 0 : -1 / (1 + f[i]); // zeros and negative values: |y| is plotted
    }
    Path p = Plotter.xy(dir.resolve("bode.png"), "RC", "frequency (Hz)", "|H|", List.of(
        new Plotter.Series("measured", f, mag, true),
        new Plotter.Series("all zero", f, new double[50], false)), true, true);
    assertThat(png(p).getWidth()).isEqualTo(Plotter.WIDTH);
    assertSvg(Plotter.xy(dir.resolve("bode.svg"), "RC", "f (Hz)", "|H|",
        List.of(new Plotter.Series("m", f, mag, true)), true, false));
  }

  @Test
  void histogramAndDegenerateInputs() throws IOException {
    SplittableRandom rng = new SplittableRandom(7);
    double[] isi = new double[5000];
    for (int i = 0; i < isi.length; i++) {
      isi[i] = 7e-6 + 0.3e-6 * rng.nextDouble() + (i == 3 ? Double.NaN : 0);
    }
    assertThat(png(Plotter.histogram(dir.resolve("h.png"), "ISI", "ISI (s)", isi, 40)).getHeight())
        .isEqualTo(Plotter.HEIGHT);
    assertThat(png(Plotter.histogram(dir.resolve("h1.png"), "one", "x", new double[] {3, 3}, 5)))
        .isNotNull();
    assertThat(png(Plotter.histogram(dir.resolve("h0.png"), "none", "x", new double[0], 5))).isNotNull();
    assertSvg(Plotter.histogram(dir.resolve("h.svg"), "ISI", "ISI (s)", isi, 40));
  }

  @Test
  void heatmapContinuousAndCategorical() throws IOException {
    int nx = 30;
    int ny = 20;
    double[] xs = new double[nx];
    double[] ys = new double[ny];
    double[][] z = new double[ny][nx];
    double[][] phase = new double[ny][nx];
    for (int ix = 0; ix < nx; ix++) {
      xs[ix] = 1e-6 * (ix + 1);
    }
    for (int iy = 0; iy < ny; iy++) {
      ys[iy] = 0.1 * iy;
      for (int ix = 0; ix < nx; ix++) {
        z[iy][ix] = Math.sin(ix * 0.2) * Math.cos(iy * 0.3) * 1e3;
        phase[iy][ix] = ix + iy < 20 ? 0 : ix > iy ? 1 : 2;
      }
    }
    z[3][4] = Double.NaN;
    BufferedImage img = png(Plotter.heatmap(dir.resolve("hm.png"), "rate", "R (Ohm)", "V (V)", xs, ys,
        z, "rate (Hz)"));
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(650);
    assertThat(png(Plotter.heatmap(dir.resolve("phase.png"), "phases", "C (F)", "V (V)", xs, ys,
        phase, "regime"))).isNotNull();
    assertSvg(Plotter.heatmap(dir.resolve("hm.svg"), "rate", "x", "y", xs, ys, z, "z"));
  }

  @Test
  void imageGridSizeFollowsColumns() throws IOException {
    List<double[][]> images = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(1);
    for (int k = 0; k < 10; k++) {
      double[][] im = new double[28][28];
      for (double[] row : im) {
        for (int c = 0; c < 28; c++) {
          row[c] = rng.nextDouble();
        }
      }
      images.add(im);
      captions.add("neuron " + k);
    }
    BufferedImage img = png(Plotter.imageGrid(dir.resolve("w.png"), "weights", images, 5, captions));
    int scale = 112 / 28;
    int cellW = 28 * scale + 16;
    int cellH = 28 * scale + 16 + 18;
    assertThat(img.getWidth()).isEqualTo(5 * cellW);
    assertThat(img.getHeight()).isEqualTo(40 + 2 * cellH);
    assertSvg(Plotter.imageGrid(dir.resolve("w.svg"), "weights", images, 4, List.of()));
  }

  @Test
  void galleryComposesPanels() throws IOException {
    List<Plotter.Panel> panels = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      double[] t = new double[500];
      double[] v = new double[500];
      for (int i = 0; i < 500; i++) {
        t[i] = i * 0.2;
        v[i] = -65 + 30 * Math.max(0, Math.sin(i * 0.05 * (k + 1)));
      }
      panels.add(new Plotter.Panel("pattern " + k, t, v, "t (ms)", "v (mV)"));
    }
    BufferedImage img = png(Plotter.gallery(dir.resolve("g.png"), "Izhikevich", panels, 4));
    assertThat(img.getWidth()).isEqualTo(4 * 340);
    assertThat(img.getHeight()).isEqualTo(44 + 5 * (int) (340 * 0.68));
    assertSvg(Plotter.gallery(dir.resolve("g.svg"), "Izhikevich", panels.subList(0, 3), 2));
  }

  @Test
  void decimationKeepsNarrowSpikesAndBoundsPointCount() {
    int n = 1_000_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i * 1e-9;
    }
    y[123_457] = 5; // one-sample spike
    y[900_001] = -2;
    double[][] d = Plotter.decimate(x, y, 1000);
    assertThat(d[0].length).isLessThanOrEqualTo(2 * 1000 + 2);
    assertThat(d[1]).contains(5.0, -2.0);
    assertThat(d[0][0]).isEqualTo(0.0);
    assertThat(d[0][d[0].length - 1]).isEqualTo(x[n - 1]);
    for (int i = 1; i < d[0].length; i++) {
      assertThat(d[0][i]).isGreaterThan(d[0][i - 1]); // order preserved
    }
  }

  @Test
  void cleanDropsNonFiniteAndLogInvalidPoints() {
    double[][] c = Plotter.clean(new double[] {-1, 0, 1, 2, 3, Double.NaN},
        new double[] {1, 1, 0, -4, Double.POSITIVE_INFINITY, 1}, true, true);
    assertThat(c[0]).containsExactly(2.0);
    assertThat(c[1]).containsExactly(4.0);
  }

  @Test
  void engineeringPrefixes() {
    Plotter.Prefix p = Plotter.Prefix.choose("time (s)", 7e-6);
    assertThat(p.label()).isEqualTo("time (µs)");
    assertThat(p.factor()).isEqualTo(1e6);
    assertThat(Plotter.Prefix.choose("current (A)", 2.5e-3).label()).isEqualTo("current (mA)");
    assertThat(Plotter.Prefix.choose("voltage (V)", 1.2).factor()).isEqualTo(1.0);
    assertThat(Plotter.Prefix.choose("v (mV)", 1e-3).factor()).isEqualTo(1.0);
    assertThat(Plotter.Prefix.choose("time (s)", 1e-3).label()).isEqualTo("time (ms)");
  }

  @Test
  void niceTicksAndLabels() {
    assertThat(Plotter.niceTicks(0, 10, 5)).containsExactly(0, 2, 4, 6, 8, 10);
    assertThat(Plotter.tick(0.30000000000000004)).isEqualTo("0.3");
    assertThat(Plotter.tick(2.5e-9)).isEqualTo("2.5e-9");
  }

  /**
   * Round 22: the SVG (XChart) plots dropped missing values and joined the line across them, where the PNG plots break
   * it (error bars drawn as one series of segments separated by NaN became a zigzag). Each gap now leaves one point
   * (the previous x, NaN), where XChart breaks the line; none at the ends, and none without {@code gaps}.
   */
  @Test
  void aGapInAnSvgLineLeavesOneBreakPoint() {
    double nan = Double.NaN;
    double[] x = {nan, 1, 1, nan, 2, 2, nan, nan, 3, nan};
    double[] y = {5, 0.2, 0.4, nan, 0.1, 0.3, nan, 7, 0.5, nan};
    double[][] c = Plotter.clean(x, y, false, false, true);
    assertThat(c[0]).containsExactly(1, 1, 1, 2, 2, 2, 3);
    assertThat(c[1]).containsExactly(0.2, 0.4, nan, 0.1, 0.3, nan, 0.5);
    double[][] joined = Plotter.clean(x, y, false, false);
    assertThat(joined[0]).containsExactly(1, 1, 2, 2, 3);
  }
}
