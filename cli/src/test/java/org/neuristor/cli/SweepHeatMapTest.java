package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small phase sweep (examples/sweep-pickett-phase.yaml on a 3 x 3 grid) end to end: its phase map's PNG shows each
 * grid point's phase from the CSV in the colour of that phase's rank in the legend.
 */
class SweepHeatMapTest {
  @TempDir Path dir;

  /** The example's palette (SpikeRaster.PALETTE), in order: categories take them by rank. */
  private static final int[] PALETTE = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e};

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void phaseMapCellsShowTheCsvPhases() throws Exception {
    String text = Files.readString(Path.of("../examples/sweep-pickett-phase.yaml"))
        .replace("loggrid: [7k, 16k, 16]", "loggrid: [7k, 16k, 3]").replace("loggrid: [5k, 60k, 16]",
            "loggrid: [5k, 60k, 3]");
    assertThat(text).contains("[7k, 16k, 3]").contains("[5k, 60k, 3]");
    Path spec = dir.resolve("phase.yaml");
    Files.writeString(spec, text);
    CliHarness.Result r = CliHarness.run("sweep", spec.toString(), "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    List<String> lines = Files.readAllLines(dir.resolve("pickett-phase.csv"));
    assertThat(lines.get(0)).startsWith("point,rin,rc,phase,");
    assertThat(lines).hasSize(10);
    TreeSet<Double> rins = new TreeSet<>();
    TreeSet<Double> rcs = new TreeSet<>();
    for (String l : lines.subList(1, 10)) {
      rins.add(Double.parseDouble(l.split(",")[1]));
      rcs.add(Double.parseDouble(l.split(",")[2]));
    }
    int[][] phase = new int[3][3]; // [rin index][rc index]: rin is y (the first parameter), rc is x
    TreeSet<Integer> distinct = new TreeSet<>();
    for (String l : lines.subList(1, 10)) {
      String[] c = l.split(",");
      int iy = rins.headSet(Double.parseDouble(c[1])).size();
      int ix = rcs.headSet(Double.parseDouble(c[2])).size();
      phase[iy][ix] = (int) Double.parseDouble(c[3]);
      distinct.add(phase[iy][ix]);
    }
    assertThat(distinct.size()).as("the grid shows more than one phase").isGreaterThan(1);
    BufferedImage img = ImageIO.read(dir.resolve("pickett-phase.phase.png").toFile());
    // the map's frame: 95 px from the left, 170 from the right, 50 from the top (a title), 70 from the bottom
    int left = 95;
    int right = img.getWidth() - 170;
    int top = 50;
    int bottom = img.getHeight() - 70;
    List<Integer> ranks = List.copyOf(distinct);
    for (int iy = 0; iy < 3; iy++) {
      for (int ix = 0; ix < 3; ix++) {
        int x = (int) (left + (ix + 0.5) / 3 * (right - left));
        int y = (int) (bottom - (iy + 0.5) / 3 * (bottom - top));
        assertThat(img.getRGB(x, y) & 0xffffff).as("rin %d rc %d", iy, ix)
            .isEqualTo(PALETTE[ranks.indexOf(phase[iy][ix])]);
      }
    }
  }
}
