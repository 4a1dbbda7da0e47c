package org.neuristor.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neuristor.plot.Pixels.count;
import static org.neuristor.plot.Pixels.dark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWT-free PNG of {@link Plotter#matrix} ({@link Matrix}), checked on the decoded image: a cell's background
 * where the layout puts it (found from the pixels: the green and grey rectangles), text inside its cell, the check
 * mark drawn as a glyph, row heads left of the cells.
 */
class MatrixTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static final List<String> ROWS = List.of("A  tonic spiking", "B  phasic spiking");
  private static final List<String> COLS = List.of("lif", "yi");
  private static final String[][] TEXT = {{"\u2713", "tonic spiking"}, {"inhibition-induced spiking", "\u2713"}};
  private static final boolean[][] OK = {{true, false}, {false, true}};

  private BufferedImage matrix(String name, String title) throws IOException {
    BufferedImage img = ImageIO.read(Plotter.matrix(dir.resolve(name), title, ROWS, COLS, TEXT, OK).toFile());
    assertThat(img).isNotNull();
    return img;
  }

  /** The bounding box {x0, y0, x1, y1} of the pixels of exactly {@code colour}. */
  private static int[] box(BufferedImage img, int colour) {
    int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (Pixels.rgb(img, x, y) == colour) {
          b[0] = Math.min(b[0], x);
          b[1] = Math.min(b[1], y);
          b[2] = Math.max(b[2], x);
          b[3] = Math.max(b[3], y);
        }
      }
    }
    return b;
  }

  @Test
  void cellsAreColouredByPassAndHoldTheirText() throws IOException {
    BufferedImage img = matrix("m.png", "Behaviours by circuit");
    // green cells on the diagonal: their box spans both columns and both rows
    int[] green = box(img, Matrix.PASS);
    assertThat(green[2]).isGreaterThan(green[0]);
    int cellW = (green[2] - green[0] + 3) / 2; // two cells, each filled but for a 1-pixel border
    int cellH = (green[3] - green[1] + 3) / 2;
    assertThat(cellH).isEqualTo(Matrix.CELL_H);
    int x0 = green[0] - 1;
    int y0 = green[1] - 1;
    // cell (0, 0) green, (0, 1) grey, (1, 0) grey, (1, 1) green: sampled at each cell's corner, clear of the text
    assertThat(Pixels.rgb(img, x0 + 2, y0 + 2)).isEqualTo(Matrix.PASS);
    assertThat(Pixels.rgb(img, x0 + cellW + 2, y0 + 2)).isEqualTo(Matrix.FAIL);
    assertThat(Pixels.rgb(img, x0 + 2, y0 + cellH + 2)).isEqualTo(Matrix.FAIL);
    assertThat(Pixels.rgb(img, x0 + cellW + 2, y0 + cellH + 2)).isEqualTo(Matrix.PASS);
    // a white 1-pixel gap between cells
    assertThat(Pixels.rgb(img, x0 + cellW, y0 + 5)).isEqualTo(0xffffff);
    // the widest text (inhibition-induced spiking, grey on grey) fits its cell: its first fill column is all
    // background, the white gap after it all white, and its ink lies between
    assertThat(count(img, Matrix.FAIL, x0 + 1, y0 + cellH + 1, x0 + 1, y0 + 2 * cellH - 2)).isEqualTo(cellH - 2);
    assertThat(count(img, 0xffffff, x0 + cellW - 1, y0 + cellH + 1, x0 + cellW - 1, y0 + 2 * cellH - 2))
        .isEqualTo(cellH - 2);
    assertThat(count(img, c -> c != Matrix.FAIL, x0 + 2, y0 + cellH + 1, x0 + cellW - 2, y0 + 2 * cellH - 2))
        .isPositive();
    // the check mark is a glyph, not a '?': its ink sits in the middle of its cell, narrower than a '?' box would be
    int ink = count(img, c -> c != Matrix.PASS && c != 0xffffff, x0 + 1, y0 + 1, x0 + cellW - 2, y0 + cellH - 2);
    assertThat(ink).isPositive();
    // row heads in the column left of the cells, column heads above them
    assertThat(dark(img, 0, y0 + 1, x0 - 1, y0 + cellH - 1)).isPositive();
    assertThat(dark(img, x0, y0 - Matrix.HEAD_H, x0 + cellW - 1, y0 - 1)).isPositive();
    // the title band above
    assertThat(dark(img, 0, 0, img.getWidth() - 1, 39)).isPositive();
  }

  /** The darkest pixel (smallest channel sum) of the rectangle [x0, x1] x [y0, y1]. */
  private static int darkest(BufferedImage img, int x0, int y0, int x1, int y1) {
    int best = 0xffffff;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        int c = Pixels.rgb(img, x, y);
        if (sum(c) < sum(best)) {
          best = c;
        }
      }
    }
    return best;
  }

  private static int sum(int c) {
    return ((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff);
  }

  @Test
  void aFailingCellsTextIsGreyAndAPassingCellsBlack() throws IOException {
    BufferedImage img = matrix("c.png", "t");
    int[] green = box(img, Matrix.PASS);
    int cellW = (green[2] - green[0] + 3) / 2;
    int cellH = (green[3] - green[1] + 3) / 2;
    int x0 = green[0] - 1;
    int y0 = green[1] - 1;
    // inside each cell's fill: (0, 0) passes (the check mark), (0, 1) fails (tonic spiking), (1, 0) fails
    int pass = darkest(img, x0 + 1, y0 + 1, x0 + cellW - 2, y0 + cellH - 2);
    int fail = darkest(img, x0 + cellW + 1, y0 + 1, x0 + 2 * cellW - 2, y0 + cellH - 2);
    int fail2 = darkest(img, x0 + 1, y0 + cellH + 1, x0 + cellW - 2, y0 + 2 * cellH - 2);
    // a glyph's fully covered pixels take the text colour exactly, the rest blend towards the background; the
    // 11 px check mark has no fully covered pixel, but black blended on green is far darker than grey text can be
    assertThat(Matrix.PASS_TEXT).isZero();
    assertThat(pass >> 16).as("passing cell's text, red").isLessThan(0x20);
    assertThat((pass >> 8) & 0xff).as("passing cell's text, green").isLessThan(0x20);
    assertThat(pass & 0xff).as("passing cell's text, blue").isLessThan(0x20);
    assertThat(fail).as("failing cell's text").isEqualTo(Matrix.FAIL_TEXT);
    assertThat(fail2).as("failing cell's text").isEqualTo(Matrix.FAIL_TEXT);
    // the row and column heads stay black
    assertThat(darkest(img, 0, y0 + 1, x0 - 1, y0 + cellH - 2)).isEqualTo(AxisText.TEXT);
  }

  @Test
  void theSvgDrawsTheSameTextColours() throws IOException {
    String svg = Files.readString(Plotter.matrix(dir.resolve("c.svg"), "t", ROWS, COLS, TEXT, OK));
    // the cells' texts, in the cell font (11 px), in drawing order (row by row): colour and text
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<text style=\"fill:rgb\\((\\d+),(\\d+),(\\d+)\\);[^\"]*font-size:" + Matrix.CELL_SIZE + "px;[^\"]*\"[^>]*>([^<]*)<")
        .matcher(svg);
    List<String> cells = new java.util.ArrayList<>();
    while (m.find()) {
      int rgb = Integer.parseInt(m.group(1)) << 16 | Integer.parseInt(m.group(2)) << 8 | Integer.parseInt(m.group(3));
      cells.add(String.format("%06x %s", rgb, m.group(4)));
    }
    assertThat(cells).containsExactly(
        String.format("%06x %s", Matrix.PASS_TEXT, TEXT[0][0]), String.format("%06x %s", Matrix.FAIL_TEXT, TEXT[0][1]),
        String.format("%06x %s", Matrix.FAIL_TEXT, TEXT[1][0]), String.format("%06x %s", Matrix.PASS_TEXT, TEXT[1][1]));
    assertThat(Matrix.FAIL_TEXT).isEqualTo(0x707070);
  }

  @Test
  void theCheckMarkIsNotTheFallbackGlyph() {
    GlyphAtlas.Face f = GlyphAtlas.load().face(Matrix.CELL_SIZE, false);
    assertThat(Pixels.notFallback(f, "\u2713")).as("\u2713 drawn as ?").isTrue();
  }

  @Test
  void aMatrixWithoutTitleStartsWithTheColumnHeadsAndTwoRunsWriteTheSameBytes() throws IOException {
    BufferedImage img = matrix("n.png", null);
    assertThat(box(img, Matrix.PASS)[1]).isEqualTo(Matrix.HEAD_H + 1);
    assertThat(img.getHeight()).isEqualTo(Matrix.HEAD_H + 2 * Matrix.CELL_H + 10);
    Path a = Plotter.matrix(dir.resolve("a.png"), "t", ROWS, COLS, TEXT, OK);
    Path b = Plotter.matrix(dir.resolve("b.png"), "t", ROWS, COLS, TEXT, OK);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void aWideTitleWidensTheImageAndMismatchedRowsAreAnError() throws IOException {
    String title = "a title much wider than two narrow columns of a small matrix, so the image follows it";
    BufferedImage img = matrix("w.png", title);
    int narrow = matrix("x.png", "t").getWidth();
    assertThat(img.getWidth()).isGreaterThan(narrow);
    assertThat(img.getWidth()).isEqualTo(GlyphAtlas.load().face(Matrix.TITLE_SIZE, true).width(title) + 40);
    assertThatThrownBy(() -> Plotter.matrix(dir.resolve("bad.png"), "t", ROWS, COLS, new String[1][2], OK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 rows but 1 text rows");
  }
}
