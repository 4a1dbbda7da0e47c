package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector API kernels ({@link VectorScan}) against the scalar code they replace ({@link LifPopulation#scan},
 * {@link LifPopulation#euler2}), bit for bit, on random data with NaN, -0.0, +0.0, infinities and values equal to
 * the threshold, at every length from 0 to 70 and start offsets that are not multiples of the lanes. The test JVM
 * resolves jdk.incubator.vector (surefire's argLine), so the vector path is what runs; the first test fails if not.
 */
class VectorScanTest {
  private static final double VTH = -50e-3;

  @Test
  void theTestJvmRunsTheVectorPath() {
    assertThat(LifPopulation.VECTOR).as("jdk.incubator.vector resolved (surefire argLine --add-modules)").isTrue();
  }

  /** Membrane-like values around the threshold with special values mixed in. */
  private static double[] membranes(SplittableRandom r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(10)) {
        case 0:
          v[i] = Double.NaN;
          break;
        case 1:
          v[i] = VTH;
          break;
        case 2:
          v[i] = r.nextBoolean() ? -0.0 : 0.0;
          break;
        case 3:
          v[i] = r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          break;
        case 4:
          v[i] = Math.nextUp(VTH);
          break;
        default:
          v[i] = -60e-3 + 12e-3 * r.nextDouble();
      }
    }
    return v;
  }

  /** Channel states: mostly small conductances, some -0.0, 0, NaN and huge ones. */
  private static double[] states(SplittableRandom r, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(12)) {
        case 0:
          s[i] = -0.0;
          break;
        case 1:
          s[i] = 0.0;
          break;
        case 2:
          s[i] = Double.NaN;
          break;
        case 3:
          s[i] = 1e300 * r.nextDouble();
          break;
        default:
          s[i] = 5e-8 * r.nextDouble();
      }
    }
    return s;
  }

  @Test
  void aboveEqualsTheScalarScan() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 400; trial++) {
      int n = trial % 71;
      int lo = n == 0 ? 0 : r.nextInt(Math.min(n, 13) + 1);
      double[] v = membranes(r, n);
      int c0 = r.nextInt(3);
      int[] want = new int[n + 3];
      int[] got = new int[n + 3];
      int wantEnd = LifPopulation.scan(v, lo, n, VTH, want, c0);
      int gotEnd = VectorScan.above(v, lo, n, VTH, got, c0);
      assertThat(gotEnd).as("end, n %d lo %d", n, lo).isEqualTo(wantEnd);
      assertThat(got).as("candidates, n %d lo %d", n, lo).isEqualTo(want);
    }
  }

  @Test
  void aboveFindsEveryLaneOfAFullVector() {
    int n = 67;
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1.0);
    int[] out = new int[n];
    assertThat(VectorScan.above(v, 0, n, VTH, out, 0)).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(out[i]).isEqualTo(i);
    }
  }

  @Test
  void fusedEuler2EqualsTheScalarLoopThenTheScan() {
    SplittableRandom r = new SplittableRandom(12);
    for (int trial = 0; trial < 600; trial++) {
      int n = trial % 71;
      int lo = n == 0 ? 0 : r.nextInt(Math.min(n, 13) + 1);
      double[] v = membranes(r, n);
      double[] s0 = states(r, n);
      double[] s1 = states(r, n);
      double k = 0.1e-3 / 200e-12;
      double gl = 10e-9;
      double glEl = gl * -60e-3 + (r.nextBoolean() ? 200e-12 : 0);
      // channel 0: conductance (g 1, e = E) or current/exponential (g 0, e 1); channel 1 likewise
      boolean cond0 = r.nextInt(4) != 0;
      boolean cond1 = r.nextInt(4) != 0;
      double e0 = cond0 ? 0.0 : 1;
      double g0 = cond0 ? 1 : 0;
      double e1 = cond1 ? -80e-3 : 1;
      double g1 = cond1 ? 1 : 0;
      double d0 = 0.98;
      double d1 = r.nextBoolean() ? 0.99 : -0.0;
      double[] wv = v.clone();
      double[] ws0 = s0.clone();
      double[] ws1 = s1.clone();
      int[] want = new int[n];
      LifPopulation.euler2(wv, ws0, ws1, lo, n, k, glEl, gl, e0, g0, d0, e1, g1, d1);
      int wantEnd = LifPopulation.scan(wv, lo, n, VTH, want, 0);
      int[] got = new int[n];
      int gotEnd = VectorScan.fusedEuler2(v, s0, s1, lo, n, k, glEl, gl, e0, g0, d0, e1, g1, d1, VTH, got, 0);
      String at = "trial " + trial + ", n " + n + ", lo " + lo;
      assertThat(bits(v)).as("V, " + at).isEqualTo(bits(wv));
      assertThat(bits(s0)).as("state 0, " + at).isEqualTo(bits(ws0));
      assertThat(bits(s1)).as("state 1, " + at).isEqualTo(bits(ws1));
      assertThat(gotEnd).as("end, " + at).isEqualTo(wantEnd);
      assertThat(got).as("candidates, " + at).isEqualTo(want);
    }
  }

  private static long[] bits(double[] a) {
    long[] b = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Double.doubleToRawLongBits(a[i]);
    }
    return b;
  }
}
