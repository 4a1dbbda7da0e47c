package org.neuristor.crossbar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Effective conductances per tile: superposition, tiling, zero wires, the 1S1R linearization. */
class TiledReadTest {
  static final Consumer<List<Callable<Void>>> SERIAL = tasks -> {
    try {
      for (Callable<Void> c : tasks) {
        c.call();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  };

  @Test
  void effectiveMatrixReproducesAnyInputBySuperposition() {
    int rows = 30;
    int cols = 20;
    double[] g = LinearReadTest.random(rows * cols, 11, 1e-6, 1e-5);
    TiledRead.Config c = new TiledRead.Config(1024, 20, 5, 5, new Selector.None(), 0.5);
    TiledRead.Effective e = TiledRead.of(g, rows, cols, c, SERIAL);
    double[] v = LinearReadTest.random(rows, 12, 0, 0.5);
    LinearRead lr = new LinearRead(ArrayGeometry.of(rows, cols, 20, 5, 5)).tolerance(1e-13);
    lr.conductances(g);
    double[] exact = new double[cols];
    lr.read(v, new double[cols], exact);
    double[] viaM = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        viaM[j] += e.m()[i * cols + j] * v[i];
      }
    }
    assertThat(LinearReadTest.maxRelative(viaM, exact)).isLessThan(1e-8);
    // with wires the effective conductances are smaller than the cells'
    double sumM = 0;
    double sumG = 0;
    for (int k = 0; k < g.length; k++) {
      sumM += e.m()[k];
      sumG += g[k];
    }
    assertThat(sumM).isLessThan(sumG);
  }

  @Test
  void smallerTilesLoseLessToTheWires() {
    int rows = 64;
    int cols = 64;
    double[] g = LinearReadTest.random(rows * cols, 13, 1e-5, 1e-4);
    double loss16 = loss(g, rows, cols, 16);
    double loss64 = loss(g, rows, cols, 64);
    assertThat(loss16).isGreaterThan(0).isLessThan(loss64 / 2);
    TiledRead.Effective ideal = TiledRead.of(g, rows, cols, new TiledRead.Config(16, 0, 0, 0, new Selector.None(), 0.5),
        SERIAL);
    assertThat(ideal.m()).containsExactly(g);
  }

  static double loss(double[] g, int rows, int cols, int tile) {
    TiledRead.Effective e = TiledRead.of(g, rows, cols, new TiledRead.Config(tile, 5, 0, 0, new Selector.None(), 0.5),
        SERIAL);
    double sumM = 0;
    double sumG = 0;
    for (int k = 0; k < g.length; k++) {
      sumM += e.m()[k];
      sumG += g[k];
    }
    return 1 - sumM / sumG;
  }

  @Test
  void transistorAndSwitchSelectorsChangeTheCell() {
    double[] g = {1e-5, 2e-5, 5e-5, 1e-4};
    double[] t = TiledRead.cellConductances(g, new TiledRead.Config(4, 0, 0, 0, new Selector.Transistor(1e4), 0.5));
    assertThat(t[3]).isCloseTo(1 / (1e4 + 1e4), org.assertj.core.api.Assertions.within(1e-15));
    // a threshold switch in series: the 1S1R cell's current at the read voltage, from the engine
    // (one conductance value: one engine operating point instead of the 64-point table)
    TiledRead.Config sc = new TiledRead.Config(4, 0, 0, 0, Selector.ots(), 3);
    double[] same = {2e-5, 2e-5};
    double[] s = TiledRead.cellConductances(same, sc);
    double[] one = CrossbarNetlist.read(new ArrayGeometry(1, 1, 0, 0, 0, 0), new double[] {2e-5}, Selector.ots(),
        new double[] {3}, new double[] {0});
    assertThat(s[1]).isCloseTo(one[0] / 3, org.assertj.core.api.Assertions.within(1e-9 * one[0] / 3));
    // the selector takes part of the read voltage: the cell conducts less than the memristor alone
    assertThat(s[0]).isLessThan(2e-5).isGreaterThan(0);
  }
}
