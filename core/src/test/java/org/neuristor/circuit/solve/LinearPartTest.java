package org.neuristor.circuit.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generated linear part equals the loops it writes out, bit for bit, on values that round and on edge values. */
class LinearPartTest {
  private static final double[] EDGE = {0.0, -0.0, 1.0, -1.0, 1e-300, -1e308, Double.MIN_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

  private static double value(SplittableRandom rnd) {
    return rnd.nextInt(4) == 0 ? EDGE[rnd.nextInt(EDGE.length)] : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-9, 10));
  }

  /** A random structure: n rows, each with 0 to 4 entries in random columns (repeats allowed). */
  private static int[][] structure(SplittableRandom rnd, int n, int perRow) {
    int[] start = new int[n + 1];
    for (int r = 0; r < n; r++) {
      start[r + 1] = start[r] + rnd.nextInt(perRow + 1);
    }
    int[] col = new int[start[n]];
    for (int k = 0; k < col.length; k++) {
      col[k] = rnd.nextInt(n);
    }
    return new int[][] {start, col};
  }

  private static void assertSameBits(double[] a, double[] b) {
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.length; i++) {
      assertThat(Double.doubleToRawLongBits(a[i])).as("entry %d: %s vs %s", i, a[i], b[i])
          .isEqualTo(Double.doubleToRawLongBits(b[i]));
    }
  }

  @Test
  void generatedEqualsTheLoopsBitForBit() {
    SplittableRandom rnd = new SplittableRandom(13);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + rnd.nextInt(12);
      int[][] s = structure(rnd, n, 4);
      LinearPart generated = LinearPart.of(s[0], s[1]);
      assertThat(generated).isNotInstanceOf(LinearPart.Loops.class);
      LinearPart loops = new LinearPart.Loops(s[0], s[1]);
      double[] g = new double[s[1].length];
      double[] c = new double[s[1].length];
      for (int k = 0; k < g.length; k++) {
        g[k] = value(rnd);
        c[k] = value(rnd);
      }
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = value(rnd);
      }
      double[][] out = new double[6][n];
      for (double[] o : out) {
        java.util.Arrays.fill(o, 42.0); // every row is written
      }
      generated.apply(x, out[0], out[1], g, c);
      loops.apply(x, out[2], out[3], g, c);
      generated.charges(x, out[4], c);
      loops.charges(x, out[5], c);
      assertSameBits(out[0], out[2]);
      assertSameBits(out[1], out[3]);
      assertSameBits(out[4], out[5]);
      assertSameBits(out[4], out[1]); // q alone equals q of the full evaluation
    }
  }

  @Test
  void structuresBeyondTheSizeLimitRunTheLoopsAndTheSameStructureSharesOneClass() {
    SplittableRandom rnd = new SplittableRandom(5);
    int[][] big = structure(rnd, 400, 4);
    assertThat(LinearPart.of(big[0], big[1])).isInstanceOf(LinearPart.Loops.class);
    int[][] small = structure(rnd, 6, 3);
    assertThat(LinearPart.of(small[0].clone(), small[1].clone())).isSameAs(LinearPart.of(small[0], small[1]));
  }
}
