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
 * The AWT-free PNG of {@link Plotter#imageGrid} ({@link ImageGridPlot}), checked on the decoded image against the
 * documented layout: 4 x 4 images scaled by 112 / 4 = 28, cells of 28 * 4 + 16 px (+ 18 for captions), a 40 px title
 * band, the grid centred in an image at least 300 px and the title plus 40 px wide; each source pixel a 28 x 28 block
 * of its grey level.
 */
class ImageGridPlotTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static final int SCALE = 28;
  private static final int CELL_W = 4 * SCALE + 16;
  private static final int CELL_H = 4 * SCALE + 16 + 18;
  private static final int TITLE = 40;

  /** A 4 x 4 image with value {@code base + r * 4 + c} at (r, c). */
  private static double[][] ramp(double base) {
    double[][] a = new double[4][4];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        a[r][c] = base + r * 4 + c;
      }
    }
    return a;
  }

  private static BufferedImage read(Path f) throws IOException {
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(img).isNotNull();
    return img;
  }

  /**
   * The grey block of source pixel (r, c) of image k in a grid of {@code cols} columns starting at column {@code left}:
   * its one colour, or -1.
   */
  private static int block(BufferedImage img, int left, int k, int cols, int r, int c) {
    int x0 = left + (k % cols) * CELL_W + 8 + c * SCALE;
    int y0 = TITLE + (k / cols) * CELL_H + 8 + r * SCALE;
    int colour = rgb(img, x0, y0);
    return count(img, colour, x0, y0, x0 + SCALE - 1, y0 + SCALE - 1) == SCALE * SCALE ? colour : -1;
  }

  private static int grey(int level) {
    return level << 16 | level << 8 | level;
  }

  @Test
  void eachImageIsScaledAndNormalisedToItsOwnRange() throws IOException {
    double[][] b = ramp(100);
    b[2][1] = Double.NaN;
    List<double[][]> images = List.of(ramp(0), b, ramp(-5));
    BufferedImage img = read(Plotter.imageGrid(dir.resolve("g.png"), "weights", images, 2, List.of("a", "b", "c")));
    assertThat(img.getWidth()).isEqualTo(300);
    assertThat(img.getHeight()).isEqualTo(TITLE + 2 * CELL_H);
    int left = (300 - 2 * CELL_W) / 2; // the 2 * 128 px grid centred in the 300 px minimum
    for (int k : new int[] {0, 2}) { // 0..15: black to white in 15 steps of 17
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          assertThat(block(img, left, k, 2, r, c)).as("image %d (%d, %d)", k, r, c).isEqualTo(grey(17 * (r * 4 + c)));
        }
      }
    }
    assertThat(block(img, left, 1, 2, 2, 1)).isEqualTo(ImageGridPlot.MISSING); // NaN: red
    assertThat(block(img, left, 1, 2, 0, 0)).isEqualTo(grey(0));
    assertThat(block(img, left, 1, 2, 3, 3)).isEqualTo(grey(255));
    // a grey frame around each image, one pixel outside it
    int x0 = left + CELL_W + 8;
    int y0 = TITLE + 8;
    assertThat(count(img, SpikeRaster.FRAME, x0 - 1, y0 - 1, x0 + 4 * SCALE, y0 - 1)).isEqualTo(4 * SCALE + 2);
    assertThat(count(img, SpikeRaster.FRAME, x0 - 1, y0, x0 - 1, y0 + 4 * SCALE)).isEqualTo(4 * SCALE + 1);
    // captions under the images, the title above
    for (int k = 0; k < 3; k++) {
      int cx = left + (k % 2) * CELL_W + 8 + 2 * SCALE;
      int cy = TITLE + (k / 2) * CELL_H + 8 + 4 * SCALE;
      assertThat(dark(img, cx - 10, cy + 1, cx + 10, cy + 17)).as("caption %d", k).isPositive();
    }
    assertThat(dark(img, 0, 0, img.getWidth() - 1, TITLE - 1)).isPositive();
  }

  @Test
  void aCommonScaleMapsZeroToMidGreyAndShowsATickedBar() throws IOException {
    double[][] a = {{-2, 0}, {1, 2}};
    double[][] b = {{0.5, -1}, {0, 0}};
    BufferedImage img = read(Plotter.imageGrid(dir.resolve("s.png"), "w", List.of(a, b), 2, List.of(),
        "weight (S)"));
    int scale = 112 / 2;
    int cellW = 2 * scale + 16;
    int cellH = 2 * scale + 16; // no captions
    assertThat(img.getWidth()).isEqualTo(2 * cellW + 140);
    assertThat(img.getHeight()).isEqualTo(TITLE + cellH);
    // [-2, 2] black to white for both images: 0 -> 127.5 -> 128, 1 -> 191, 0.5 -> 159, -1 -> 64
    int[][] expected = {{0, 128, 191, 255}, {159, 64, 128, 128}};
    for (int k = 0; k < 2; k++) {
      for (int p = 0; p < 4; p++) {
        int x = k * cellW + 8 + (p % 2) * scale + scale / 2;
        int y = TITLE + 8 + (p / 2) * scale + scale / 2;
        assertThat(rgb(img, x, y)).as("image %d pixel %d", k, p).isEqualTo(grey(expected[k][p]));
      }
    }
    // the bar: 20 px right of the grid, white on top, black at the bottom, framed
    int bx = 2 * cellW + 20;
    int top = TITLE + 8 + 20;
    int bottom = Math.max(top + 60, img.getHeight() - 30);
    assertThat(rgb(img, bx, (top + bottom) / 2)).isEqualTo(SpikeRaster.FRAME);
    assertThat(rgb(img, bx + 9, top + 1)).isGreaterThan(grey(245));
    assertThat(rgb(img, bx + 9, bottom - 1)).isLessThan(grey(10));
    // ticks right of it at -2, -1, 0, 1, 2 (top: +2), each with a label
    List<Integer> marks = new ArrayList<>();
    for (int y = top; y <= bottom; y++) {
      if (dark(img, bx + 20, y, bx + 20, y) > 0) {
        marks.add(y);
      }
    }
    assertThat(marks).hasSize(5);
    assertThat(marks.get(0)).isEqualTo(top);
    assertThat(marks.get(4)).isEqualTo(bottom);
    assertThat(marks.get(2)).isEqualTo((int) Math.round((top + bottom) / 2.0));
    for (int y : marks) {
      assertThat(dark(img, bx + 25, y - 6, bx + 50, y + 6)).as("label at %d", y).isPositive();
    }
    assertThat(dark(img, bx - 10, top - 20, bx + 100, top - 5)).isPositive(); // the scale's name above it
  }

  @Test
  void aTitleWiderThanTheGridWidensTheImageAndStaysWhole() throws IOException {
    // stdp-digits' title over 16 neurons in 4 columns (512 px of cells)
    String title = "Learned receptive fields (input weights) of the 16 excitatory neurons, with their labels";
    List<double[][]> images = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      images.add(ramp(k));
      captions.add(Integer.toString(k % 10));
    }
    BufferedImage img = read(Plotter.imageGrid(dir.resolve("t.png"), title, images, 4, captions));
    int w = img.getWidth();
    // the title's ink: its outermost columns well inside the image, about 20 px from either edge
    int first = -1;
    int last = -1;
    for (int x = 0; x < w; x++) {
      if (dark(img, x, 0, x, TITLE - 1) > 0) {
        last = x;
        if (first < 0) {
          first = x;
        }
      }
    }
    assertThat(first).isBetween(15, 25);
    assertThat(last).isBetween(w - 26, w - 16);
    int titleW = GlyphAtlas.load().bold.width(title);
    assertThat(titleW).isGreaterThan(4 * CELL_W);
    assertThat(w).isEqualTo(titleW + 40);
    // the grid centred under it: image 0's first grey block (its value 0: black) starts at left + 8
    int left = (w - 4 * CELL_W) / 2;
    assertThat(block(img, left, 0, 4, 0, 0)).isEqualTo(grey(0));
    assertThat(block(img, left, 3, 4, 3, 3)).isEqualTo(grey(255));
    assertThat(rgb(img, left + 6, TITLE + 20)).isEqualTo(0xffffff);
    // the SVG: as wide as its own font's title plus 40, the title starting 20 px in
    String svg = Files.readString(Plotter.imageGrid(dir.resolve("t.svg"), title, images, 4, captions));
    int svgW = Java2dPlots.width(Java2dPlots.Awt.TITLE, title) + 40;
    assertThat(svg).contains("width=\"" + svgW + "px\"");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("x=\"([-0-9.]+)\"[^>]*>" + java.util.regex.Pattern.quote(title))
        .matcher(svg);
    assertThat(m.find()).as("the title's text element").isTrue();
    assertThat(Double.parseDouble(m.group(1))).isEqualTo(20.0);
  }

  @Test
  void twoRunsGiveIdenticalBytes() throws IOException {
    List<double[][]> images = List.of(ramp(0), ramp(3));
    Plotter.imageGrid(dir.resolve("a.png"), "t", images, 2, List.of("x", "y"), "w (1)");
    Plotter.imageGrid(dir.resolve("b.png"), "t", images, 2, List.of("x", "y"), "w (1)");
    assertThat(Files.readAllBytes(dir.resolve("a.png"))).isEqualTo(Files.readAllBytes(dir.resolve("b.png")));
  }
}
