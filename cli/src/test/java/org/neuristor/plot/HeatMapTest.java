package org.neuristor.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neuristor.plot.Pixels.count;
import static org.neuristor.plot.Pixels.dark;
import static org.neuristor.plot.Pixels.rgb;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWT-free PNG of {@link Plotter#heatmap} ({@link HeatMap}), checked on the decoded image: the map's frame is found
 * in the pixels, and each cell's centre, the colour bar, the legend and the tick marks must sit where the cell grid
 * (edges half way between the given centres) and the documented colours put them.
 */
class HeatMapTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static final double[] XS = {0, 1, 2, 3};
  private static final double[] YS = {10, 20, 30};

  private static BufferedImage read(Path f) throws IOException {
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(img).isNotNull();
    return img;
  }

  /** The map's frame {left, top, right, bottom}: the leftmost columns and topmost rows of the frame colour that run
   * over most of the image's height or width. */
  private static int[] frame(BufferedImage img) {
    List<Integer> cols = new ArrayList<>();
    for (int x = 0; x < img.getWidth(); x++) {
      if (count(img, SpikeRaster.FRAME, x, 0, x, img.getHeight() - 1) > img.getHeight() * 0.7) {
        cols.add(x);
      }
    }
    List<Integer> rows = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y++) {
      if (count(img, SpikeRaster.FRAME, cols.get(0), y, cols.get(1), y) > (cols.get(1) - cols.get(0)) * 0.9) {
        rows.add(y);
      }
    }
    assertThat(rows).hasSize(2);
    return new int[] {cols.get(0), rows.get(0), cols.get(1), rows.get(1)};
  }

  /** The pixel at the centre of cell (ix, iy) of an nx x ny map in frame f (rows going up). */
  private static int cell(BufferedImage img, int[] f, int ix, int iy, int nx, int ny) {
    int x = (int) Math.floor(f[0] + (ix + 0.5) / nx * (f[2] - f[0]));
    int y = (int) Math.floor(f[3] - (iy + 0.5) / ny * (f[3] - f[1]));
    return rgb(img, x, y);
  }

  @Test
  void categoricalCellsTakeTheirValuesPaletteColourAndTheLegendListsThem() throws IOException {
    double[][] z = {{0, 1, 2, 5}, {5, 2, 1, 0}, {0, Double.NaN, 0, 0}};
    BufferedImage img = read(Plotter.heatmap(dir.resolve("cat.png"), "phases", "x (SI)", "y (SI)", XS, YS, z,
        "phase", Map.of(0.0, "silent", 5.0, "bursting")));
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(650);
    int[] f = frame(img);
    int[] p = SpikeRaster.PALETTE;
    int[] rank = {0, 1, 2, -1, -1, 3}; // the distinct values 0, 1, 2, 5 in ascending order
    for (int iy = 0; iy < 3; iy++) {
      for (int ix = 0; ix < 4; ix++) {
        int expected = Double.isNaN(z[iy][ix]) ? HeatMap.MISSING : p[rank[(int) z[iy][ix]]];
        assertThat(cell(img, f, ix, iy, 4, 3)).as("cell %d %d", ix, iy).isEqualTo(expected);
      }
    }
    // cells meet without seams: inside the frame only cell colours
    Set<Integer> colours = Set.of(p[0], p[1], p[2], p[3], HeatMap.MISSING);
    assertThat(count(img, c -> !colours.contains(c), f[0] + 1, f[1] + 1, f[2] - 1, f[3] - 1)).isZero();
    // a cell boundary half way between x = 1 and x = 2: the column of the mapped edge 1.5 of [-0.5, 3.5]
    int edge = (int) Math.round(f[0] + 2.0 / 4 * (f[2] - f[0]));
    int row = (int) (f[3] - 0.5 / 3 * (f[3] - f[1])); // bottom row of cells: 1 then 2
    assertThat(rgb(img, edge - 1, row)).isEqualTo(p[1]);
    assertThat(rgb(img, edge, row)).isEqualTo(p[2]);
    // the legend right of the map: the z title, then one swatch per value in ascending order, each with its text
    int bx = f[2] + 25;
    int y = f[1] + 10;
    assertThat(dark(img, bx, y, bx + 60, y + 16)).isPositive();
    for (int k = 0; k < 4; k++) {
      int sy = y + 26 + 26 * k;
      assertThat(count(img, p[k], bx + 1, sy + 1, bx + 17, sy + 17)).as("swatch %d", k).isEqualTo(17 * 17);
      assertThat(dark(img, bx + 26, sy, bx + 140, sy + 18)).as("text %d", k).isPositive();
    }
    int named = dark(img, bx + 26, y + 26, bx + 160, y + 26 + 18); // "0 silent" has more ink than "1"
    assertThat(named).isGreaterThan(3 * dark(img, bx + 26, y + 52, bx + 160, y + 52 + 18));
    assertThat(count(img, p[4], bx, y + 26 + 26 * 4, bx + 18, y + 26 + 26 * 4 + 18)).isZero(); // no fifth swatch
  }

  @Test
  void continuousCellsFollowTheColourMapAndTheBarIsTicked() throws IOException {
    double[][] z = new double[3][4];
    for (int iy = 0; iy < 3; iy++) {
      for (int ix = 0; ix < 4; ix++) {
        z[iy][ix] = ix + 4 * iy; // 0..11: more than 10 values, so a colour bar
      }
    }
    BufferedImage img = read(Plotter.heatmap(dir.resolve("cont.png"), "rate", "x", "y", XS, YS, z, "rate (Hz)"));
    int[] f = frame(img);
    assertThat(cell(img, f, 0, 0, 4, 3)).isEqualTo(0x440154); // the map's ends
    assertThat(cell(img, f, 3, 2, 4, 3)).isEqualTo(0xfde725);
    int previous = -1;
    for (int k = 0; k < 12; k++) { // green rises along viridis
      int g = cell(img, f, k % 4, k / 4, 4, 3) >> 8 & 0xff;
      assertThat(g).as("value %d", k).isGreaterThan(previous);
      previous = g;
    }
    assertThat(cell(img, f, 1, 1, 4, 3)).isEqualTo(HeatMap.colormap(5 / 11.0));
    // the bar: right of the map, from the frame's top to its bottom, dark violet below and yellow on top
    int bx = f[2] + 25;
    assertThat(rgb(img, bx, (f[1] + f[3]) / 2)).isEqualTo(SpikeRaster.FRAME);
    assertThat(rgb(img, bx + 10, f[3] - 1)).isEqualTo(HeatMap.colormap(0.5 / HeatMap.BAR_STEPS));
    assertThat(rgb(img, bx + 10, f[1] + 1)).isEqualTo(HeatMap.colormap((HeatMap.BAR_STEPS - 0.5) / HeatMap.BAR_STEPS));
    // its ticks at 0, 2, ..., 10 of [0, 11]: marks right of the bar at those rows, a label right of each
    List<Integer> marks = new ArrayList<>();
    for (int y = f[1]; y <= f[3]; y++) {
      if (rgb(img, bx + 20 + 3, y) == SpikeRaster.FRAME) {
        marks.add(y);
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int t = 0; t <= 10; t += 2) {
      expected.add(0, (int) Math.round(f[3] - t / 11.0 * (f[3] - f[1])));
    }
    assertThat(marks).isEqualTo(expected);
    for (int y : expected) {
      assertThat(dark(img, bx + 26, y - 6, bx + 60, y + 6)).as("label at %d", y).isPositive();
    }
    // the z title reads upwards right of the labels: taller than wide
    int[] box = inkBox(img, bx + 62, f[1], img.getWidth() - 1, f[3]);
    assertThat(box[3] - box[1]).isGreaterThan(3 * (box[2] - box[0]));
    // x ticks below the map at -0.5, 0, 0.5, ..., 3.5 over the cell edges [-0.5, 3.5]
    List<Integer> xMarks = new ArrayList<>();
    for (int x = f[0]; x <= f[2]; x++) {
      if (rgb(img, x, f[3] + 3) == SpikeRaster.FRAME) {
        xMarks.add(x);
      }
    }
    List<Integer> xExpected = new ArrayList<>();
    for (int k = 0; k <= 8; k++) {
      xExpected.add((int) Math.round(f[0] + k / 8.0 * (f[2] - f[0])));
    }
    assertThat(xMarks).isEqualTo(xExpected);
  }

  /** The bounding box {x0, y0, x1, y1} of the dark pixels of a rectangle. */
  private static int[] inkBox(BufferedImage img, int x0, int y0, int x1, int y1) {
    int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        if (dark(img, x, y, x, y) > 0) {
          b[0] = Math.min(b[0], x);
          b[1] = Math.min(b[1], y);
          b[2] = Math.max(b[2], x);
          b[3] = Math.max(b[3], y);
        }
      }
    }
    assertThat(b[2]).isGreaterThanOrEqualTo(0);
    return b;
  }

  @Test
  void twoRunsGiveIdenticalBytes() throws IOException {
    double[][] z = {{0, 1, 2, 3}, {1, 2, 3, 4.5}, {2, 3, 4, Double.NaN}};
    Plotter.heatmap(dir.resolve("a.png"), "t", "x", "y", XS, YS, z, "z");
    Plotter.heatmap(dir.resolve("b.png"), "t", "x", "y", XS, YS, z, "z");
    assertThat(Files.readAllBytes(dir.resolve("a.png"))).isEqualTo(Files.readAllBytes(dir.resolve("b.png")));
  }

  @Test
  void aMisshapenMapIsRejected() {
    assertThatThrownBy(() -> Plotter.heatmap(dir.resolve("bad.png"), "t", "x", "y", XS, YS, new double[2][4], "z"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z has 2 rows but ys has 3");
    assertThat(dir.resolve("bad.png")).doesNotExist();
  }
}
