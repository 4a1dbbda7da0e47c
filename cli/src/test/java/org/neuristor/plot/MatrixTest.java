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
    // the widest text (inhibition-induced spiking) fits its cell: no dark pixel on the cell's border columns
    assertThat(dark(img, x0 + 1, y0 + cellH + 1, x0 + 1, y0 + 2 * cellH - 2)).isZero();
    assertThat(dark(img, x0 + cellW - 1, y0 + cellH + 1, x0 + cellW - 1, y0 + 2 * cellH - 2)).isZero();
    assertThat(dark(img, x0 + 2, y0 + cellH + 1, x0 + cellW - 2, y0 + 2 * cellH - 2)).isPositive();
    // the check mark is a glyph, not a '?': its ink sits in the middle of its cell, narrower than a '?' box would be
    int ink = count(img, c -> c != Matrix.PASS && c != 0xffffff, x0 + 1, y0 + 1, x0 + cellW - 2, y0 + cellH - 2);
    assertThat(ink).isPositive();
    // row heads in the column left of the cells, column heads above them
    assertThat(dark(img, 0, y0 + 1, x0 - 1, y0 + cellH - 1)).isPositive();
    assertThat(dark(img, x0, y0 - Matrix.HEAD_H, x0 + cellW - 1, y0 - 1)).isPositive();
    // the title band above
    assertThat(dark(img, 0, 0, img.getWidth() - 1, 39)).isPositive();
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
