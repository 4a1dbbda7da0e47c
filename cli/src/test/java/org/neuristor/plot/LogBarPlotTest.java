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
 * The AWT-free PNG of {@link Plotter#logBars} ({@link LogBarPlot}), checked on the decoded image: the frame and the
 * decade grid lines are found in the pixels, and each bar must end where log10 of its value falls between them.
 */
class LogBarPlotTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static final int ROWS_TOP = 50; // the documented layout: row i spans [50 + 22 i, 50 + 22 (i + 1))
  private static final int ROW = 22;

  private static final List<Plotter.Bar> BARS = List.of(
      new Plotter.Bar("one picojoule", 1e-12, 0),
      new Plotter.Bar("half a decade more", Math.pow(10, -11.5), 0),
      new Plotter.Bar("three femtojoules", 3e-15, 1),
      new Plotter.Bar("none", 0, 1),
      new Plotter.Bar("not a number", Double.NaN, 2),
      new Plotter.Bar("top of the axis", 1e-9, 2));

  private BufferedImage plot(String name) throws IOException {
    Path f = Plotter.logBars(dir.resolve(name), "energy", "energy (J, log scale)", BARS,
        List.of("as built", "scaled", "CMOS"));
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(img).isNotNull();
    return img;
  }

  /** Columns holding the frame colour on every row of the plot area's height: {left, right}. */
  private static int[] frameColumns(BufferedImage img) {
    List<Integer> cols = new ArrayList<>();
    int bottom = ROWS_TOP + BARS.size() * ROW;
    for (int x = 0; x < img.getWidth(); x++) {
      if (count(img, SpikeRaster.FRAME, x, ROWS_TOP - 4, x, bottom) == bottom - ROWS_TOP + 5) {
        cols.add(x);
      }
    }
    assertThat(cols).hasSize(2);
    return new int[] {cols.get(0), cols.get(1)};
  }

  /** The last column of row i's bar (its colour's run from the frame), or -1 without a bar. */
  private static int barEnd(BufferedImage img, int[] frame, int i) {
    int y = ROWS_TOP + i * ROW + ROW / 2;
    int c = rgb(img, frame[0] + 1, y);
    if (c == 0xffffff || c == SpikeRaster.GRID) {
      return -1;
    }
    int x = frame[0] + 1;
    while (rgb(img, x + 1, y) == c) {
      x++;
    }
    return x;
  }

  @Test
  void barsEndAtLog10OfTheirValueBetweenTheDecadeLines() throws IOException {
    BufferedImage img = plot("bars.png");
    int[] frame = frameColumns(img);
    int y = ROWS_TOP + 3 * ROW + ROW / 2; // the empty row: only decade lines inside the frame
    List<Integer> decades = new ArrayList<>();
    for (int x = frame[0] + 1; x < frame[1]; x++) {
      if (rgb(img, x, y) == SpikeRaster.GRID) {
        decades.add(x);
      }
    }
    // 1e-15 .. 1e-9: six decades, the inner five lines inside the frame, equally spaced
    assertThat(decades).hasSize(5);
    double decade = (frame[1] - frame[0]) / 6.0;
    for (int k = 0; k < 5; k++) {
      assertThat((double) decades.get(k)).isCloseTo(frame[0] + (k + 1) * decade, org.assertj.core.data.Offset.offset(
          0.51));
    }
    // a bar of 10^d covers [left, line of d): it ends one pixel before that decade's line (the bar's fill is from the
    // frame's column to the mapped column, exclusive)
    assertThat(barEnd(img, frame, 0)).isEqualTo(decades.get(2) - 1); // 1e-12
    assertThat((double) barEnd(img, frame, 1)).isCloseTo(decades.get(2) + 0.5 * decade - 1,
        org.assertj.core.data.Offset.offset(1.0)); // 10^-11.5: half way between 1e-12 and 1e-11
    assertThat((double) barEnd(img, frame, 2)).isCloseTo(frame[0] + Math.log10(3) * decade - 1,
        org.assertj.core.data.Offset.offset(1.0)); // 3e-15: the axis starts at 1e-15
    assertThat(barEnd(img, frame, 3)).isEqualTo(-1);
    assertThat(barEnd(img, frame, 4)).isEqualTo(-1);
    assertThat(barEnd(img, frame, 5)).isEqualTo(frame[1] - 1); // 1e-9: the right end
    // colours by group
    assertThat(rgb(img, frame[0] + 2, ROWS_TOP + ROW / 2)).isEqualTo(SpikeRaster.PALETTE[0]);
    assertThat(rgb(img, frame[0] + 1, ROWS_TOP + 2 * ROW + ROW / 2)).isEqualTo(SpikeRaster.PALETTE[1]);
    assertThat(rgb(img, frame[0] + 2, ROWS_TOP + 5 * ROW + ROW / 2)).isEqualTo(SpikeRaster.PALETTE[2]);
    // bars are 14 px high, centred in their 22 px row
    int x = frame[0] + 3;
    assertThat(count(img, SpikeRaster.PALETTE[0], x, ROWS_TOP, x, ROWS_TOP + ROW - 1)).isEqualTo(ROW - 8);
    // labels left of the frame on every row, decade labels under each line (and the frame's ends)
    for (int i = 0; i < BARS.size(); i++) {
      assertThat(dark(img, 0, ROWS_TOP + i * ROW, frame[0] - 1, ROWS_TOP + (i + 1) * ROW - 1)).as("row %d", i)
          .isPositive();
    }
    int bottom = ROWS_TOP + BARS.size() * ROW;
    for (int c : decades) {
      assertThat(dark(img, c - 8, bottom + 4, c + 8, bottom + 20)).as("decade at %d", c).isPositive();
    }
    assertThat(dark(img, decades.get(0) + 25, bottom + 4, decades.get(1) - 25, bottom + 20)).isZero();
  }

  @Test
  void legendShowsEachGroupsColourInTwoColumns() throws IOException {
    BufferedImage img = plot("legend.png");
    int legendTop = ROWS_TOP + BARS.size() * ROW + 50;
    int half = (img.getWidth() - 20) / 2;
    assertThat(count(img, SpikeRaster.PALETTE[0], 10, legendTop, 23, legendTop + 13)).isEqualTo(14 * 14);
    assertThat(count(img, SpikeRaster.PALETTE[1], 10 + half, legendTop, 23 + half, legendTop + 13)).isEqualTo(14 * 14);
    assertThat(count(img, SpikeRaster.PALETTE[2], 10, legendTop + 24, 23, legendTop + 37)).isEqualTo(14 * 14);
    assertThat(dark(img, 30, legendTop, half, legendTop + 14)).isPositive(); // the group's name
    assertThat(img.getHeight()).isEqualTo(legendTop + 2 * 24 + 10);
  }

  @Test
  void twoRunsGiveIdenticalBytes() throws IOException {
    plot("a.png");
    plot("b.png");
    assertThat(Files.readAllBytes(dir.resolve("a.png"))).isEqualTo(Files.readAllBytes(dir.resolve("b.png")));
  }

  @Test
  void withoutAnyPositiveValueTheAxisIsOneDecade() throws IOException {
    Path f = Plotter.logBars(dir.resolve("empty.png"), "t", "x", List.of(new Plotter.Bar("zero", 0, 0)),
        List.of("g"));
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(LogBarPlot.decades(List.of(new Plotter.Bar("zero", 0, 0)))).containsExactly(0, 1);
    assertThat(img.getHeight()).isEqualTo(ROWS_TOP + ROW + 50 + 24 + 10);
  }
}
