package org.neuristor.crossbar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Sneak-path read error against the closed form of floating lines, and the selectors' ordering. */
class SneakPathTest {
  /**
   * With negligible wires and floating unselected lines, every sneak path is three groups of cells in
   * series: (n-1) LRS cells on the selected row, (n-1)^2 between the unselected lines, (n-1) on the
   * selected column, so {@code error = G_sneak / G_HRS} with
   * {@code 1/G_sneak = 2/((n-1) G_L) + 1/((n-1)^2 G_L)}.
   */
  @Test
  void floatingLinesMatchTheThreeCellSneakPathClosedForm() {
    double lrs = 1e4;
    double hrs = 1e5;
    for (int n : new int[] {2, 5, 16}) {
      SneakPath.Config c = new SneakPath.Config(lrs, hrs, 0.5, 1e-4, 0, 0, SneakPath.Scheme.FLOATING);
      SneakPath.Point p = SneakPath.read(n, new Selector.None(), c);
      double gl = 1 / lrs;
      double gs = 1 / (2 / ((n - 1) * gl) + 1 / ((n - 1.0) * (n - 1) * gl));
      assertThat(p.relativeError()).isCloseTo(gs * hrs, within(1e-5 * gs * hrs));
    }
  }

  /** The V/2 scheme: the (n-1) half-selected cells of the selected column add (n-1) G_L V/2. */
  @Test
  void halfBiasAddsTheHalfSelectedColumnCells() {
    int n = 8;
    SneakPath.Config c = new SneakPath.Config(1e4, 1e5, 0.5, 1e-4, 0, 0, SneakPath.Scheme.HALF);
    SneakPath.Point p = SneakPath.read(n, new Selector.None(), c);
    assertThat(p.relativeError()).isCloseTo((n - 1) * 0.5 * 1e5 / 1e4, within(1e-4));
  }

  /** 1T1R removes the sneak paths (only wire drops remain); the OTS selector cuts the 1R error by orders of magnitude. */
  @Test
  void selectorsOrderTheErrors() {
    SneakPath.Config c = new SneakPath.Config(1e4, 1e5, 0.5, 1, 0, 0, SneakPath.Scheme.FLOATING);
    SneakPath.Config cs = new SneakPath.Config(1e4, 1e5, 3, 1, 0, 0, SneakPath.Scheme.FLOATING);
    int n = 4;
    double r1 = SneakPath.read(n, new Selector.None(), c).relativeError();
    double t = SneakPath.read(n, new Selector.Transistor(1e3), c).relativeError();
    double s = SneakPath.read(n, Selector.ots(), cs).relativeError();
    assertThat(r1).isGreaterThan(10);
    assertThat(s).isLessThan(r1 / 100);
    assertThat(t).isLessThan(1e-3);
  }
}
