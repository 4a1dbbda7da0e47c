package org.neuristor.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log axis of an SI quantity within three decades takes an engineering prefix as a linear one does: the
 * strength-duration curve's widths 2u..50u draw exactly as the same curve given in µs (was "pulse width (s)" with
 * ticks 2e-6..5e-5), a switching delay of 4e-10..8e-10 s as one in ps.
 */
class LogAxisPrefixTest {
  @TempDir Path dir;

  @Test
  void aLogXAxisWithinThreeDecadesDrawsAsTheSameDataInMicroseconds() throws Exception {
    double[] w = {2e-6, 5e-6, 20e-6, 50e-6};
    double[] us = {2, 5, 20, 50};
    double[] v = {10.3, 4.5, 1.6, 1.2};
    BufferedImage si = draw("si", "pulse width (s)", w, "threshold amplitude (V)", v, true, true);
    BufferedImage prefixed = draw("us", "pulse width (\u00b5s)", us, "threshold amplitude (V)", v, true, true);
    BufferedImage plain = draw("plain", "pulse width (SI-less)", w, "threshold amplitude (V)", v, true, true);
    assertThat(differing(prefixed, plain)).as("the prefixed axis differs from an unprefixed one").isGreaterThan(100);
    assertThat(differing(si, prefixed)).isZero();
  }

  @Test
  void aLogYAxisWithinThreeDecadesDrawsAsTheSameDataInPicoseconds() throws Exception {
    double[] a = {1.2, 1.5, 2, 3};
    double[] d = {8.5e-10, 6.3e-10, 4.7e-10, 3.9e-10};
    double[] ps = {850, 630, 470, 390};
    BufferedImage si = draw("si", "amplitude (V)", a, "delay (s)", d, false, true);
    BufferedImage prefixed = draw("ps", "amplitude (V)", a, "delay (ps)", ps, false, true);
    assertThat(differing(si, prefixed)).isZero();
  }

  @Test
  void aLogAxisOverMoreThanThreeDecadesKeepsNoPrefix() {
    Plotter.Series wide = new Plotter.Series("i", new double[] {1, 2, 3}, new double[] {1e-12, 1e-9, 2e-9}, false);
    Plotter.Series narrow = new Plotter.Series("i", new double[] {1, 2, 3}, new double[] {-1e-9, 0, 2e-9}, false);
    assertThat(Plotter.Prefix.axis("current (A)", List.of(wide), false, true).factor()).isEqualTo(1);
    // |y| on a log y axis, zeros left out: 1e-9..2e-9 is within three decades
    assertThat(Plotter.Prefix.axis("current (A)", List.of(narrow), false, true).label("current (A)"))
        .isEqualTo("current (nA)");
    // on a log x axis x <= 0 is not plotted: 2e-9 alone
    Plotter.Series xs = new Plotter.Series("i", new double[] {-1, 2e-9}, new double[] {1, 2}, false);
    assertThat(Plotter.Prefix.axis("t (s)", List.of(xs), true, true).label("t (s)")).isEqualTo("t (ns)");
    // a linear axis as before: by the largest |value|
    assertThat(Plotter.Prefix.axis("current (A)", List.of(wide), false, false).label("current (A)"))
        .isEqualTo("current (nA)");
  }

  @Test
  void anAxisOfExponentsTakesNoPrefix() {
    // a sweep heat map's log-grid axis "log10 vth (V)" over 0.5..2 V shows -0.3..0.3: before, "log10 vth (mV)" and
    // the exponents times 1000
    assertThat(Plotter.Prefix.choose("log10 vth (V)", 0.35).label("log10 vth (V)")).isEqualTo("log10 vth (V)");
    assertThat(Plotter.Prefix.choose("log10 vth (V)", 0.35).factor()).isEqualTo(1);
    assertThat(Plotter.Prefix.choose("vth (V)", 0.35).label("vth (V)")).isEqualTo("vth (mV)");
  }

  private BufferedImage draw(String name, String xLabel, double[] x, String yLabel, double[] y, boolean logX,
      boolean logY) throws Exception {
    Path out = dir.resolve(name + ".png");
    Plotter.xy(out, "curve", xLabel, yLabel, List.of(new Plotter.Series("c", x, y, true)), logX, logY);
    return ImageIO.read(out.toFile());
  }

  private static int differing(BufferedImage a, BufferedImage b) {
    int n = 0;
    for (int yy = 0; yy < a.getHeight(); yy++) {
      for (int xx = 0; xx < a.getWidth(); xx++) {
        n += a.getRGB(xx, yy) != b.getRGB(xx, yy) ? 1 : 0;
      }
    }
    return n;
  }
}
