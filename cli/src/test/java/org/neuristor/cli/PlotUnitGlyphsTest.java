package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;
import org.neuristor.plot.Plotter;

/**
 * Units in figure titles and axis titles show µ and ² (the glyph atlas has both); the CSV header, the JSON and the
 * terminal keep the ASCII form users parse (uA/cm2, us).
 */
class PlotUnitGlyphsTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void unitText() {
    assertThat(Plotter.unitText("uA/cm2")).isEqualTo("\u00b5A/cm\u00b2");
    assertThat(Plotter.unitText("11.49 us")).isEqualTo("11.49 \u00b5s");
    assertThat(Plotter.unitText("A/m2")).isEqualTo("A/m\u00b2");
    assertThat(Plotter.unitText("A/m^2")).isEqualTo("A/m\u00b2");
    // a cube: the unit of a MOSFET's substrate doping nsub (1/cm^3), a volume or a density
    assertThat(Plotter.unitText("1/cm^3")).isEqualTo("1/cm\u00b3");
    assertThat(Plotter.unitText("kg/m3")).isEqualTo("kg/m\u00b3");
    for (String same : List.of("V", "nA", "ms", "1", "Ohm", "pA", "A/m20", "A/m30", "3")) {
      assertThat(Plotter.unitText(same)).isEqualTo(same);
    }
  }

  @Test
  void behaviourGalleryTitleScale() {
    // before: "R = 2.25 uA/cm2, tau = 11.49 us" in the gallery's title
    assertThat(NeuronBehavioursCommand.scaleText(2.25, "uA/cm2", 11.49e-6))
        .isEqualTo("R = 2.25 \u00b5A/cm\u00b2, tau = 11.49 \u00b5s");
    assertThat(NeuronBehavioursCommand.seconds(11.49e-6)).isEqualTo("11.49 us"); // the terminal's
  }

  @Test
  void modelFiPlotShowsMicroAndSquareAndTheCsvKeepsAscii() throws Exception {
    CliHarness.Result r = CliHarness.run("model", "fi", "hh", "--from", "0", "--to", "20", "--points", "3",
        "--duration", "0.2s", "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("input_unit").asText()).isEqualTo("uA/cm2");
    assertThat(Files.readAllLines(dir.resolve("hh.fi.csv")).get(0)).isEqualTo("input_uA_per_cm2,rate_hz");
    double rheo = j.get("rheobase_uA_per_cm2").asDouble();
    double[] in = new double[3];
    double[] hz = new double[3];
    for (int k = 0; k < 3; k++) {
      in[k] = j.get("input_uA_per_cm2").get(k).asDouble();
      hz[k] = j.get("rate_hz").get(k).asDouble();
    }
    BufferedImage png = ImageIO.read(dir.resolve("hh.fi.png").toFile());
    // the same curve drawn with the titles it should carry, and with the ASCII ones it had
    BufferedImage glyphs = draw(dir.resolve("glyphs.png"), "\u00b5A/cm\u00b2", rheo, in, hz);
    BufferedImage ascii = draw(dir.resolve("ascii.png"), "uA/cm2", rheo, in, hz);
    assertThat(differing(glyphs, ascii)).as("the two titles differ in the image").isGreaterThan(50);
    assertThat(differing(png, glyphs)).as("pixels differing from the µA/cm² drawing").isZero();
  }

  @Test
  void aCubeIsDrawnFromTheGlyphAtlasNotAsAQuestionMark() throws Exception {
    // before: ³ was missing from the atlas and drawn as its fallback, '?'
    double[] x = {1e15, 2e15, 3e15};
    double[] y = {1, 2, 3};
    BufferedImage cube = axisTitle(dir.resolve("cube.png"), "nsub (1/cm\u00b3)", x, y);
    BufferedImage question = axisTitle(dir.resolve("question.png"), "nsub (1/cm?)", x, y);
    BufferedImage none = axisTitle(dir.resolve("none.png"), "nsub (1/cm)", x, y);
    assertThat(differing(cube, question)).as("³ drawn unlike ?").isGreaterThan(10);
    assertThat(differing(cube, none)).as("³ drawn at all").isGreaterThan(10);
  }

  private static BufferedImage axisTitle(Path out, String xTitle, double[] x, double[] y) throws Exception {
    Plotter.xy(out, "t", xTitle, "y (1)", List.of(new Plotter.Series("s", x, y, true)), false, false);
    return ImageIO.read(out.toFile());
  }

  private static BufferedImage draw(Path out, String unit, double rheo, double[] in, double[] hz) throws Exception {
    Plotter.xy(out, "f-I curve of hh (rheobase " + Summary.number(rheo) + " " + unit + ")", "input (" + unit + ")",
        "rate (Hz)", List.of(new Plotter.Series("steady rate", in, hz, true)), false, false);
    return ImageIO.read(out.toFile());
  }

  private static int differing(BufferedImage a, BufferedImage b) {
    assertThat(a.getWidth()).isEqualTo(b.getWidth());
    assertThat(a.getHeight()).isEqualTo(b.getHeight());
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
      }
    }
    return n;
  }
}
