package org.neuristor.network;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * LIF kernels on the JDK's vector API (the incubating module jdk.incubator.vector), loaded only when that module is
 * resolved ({@link LifPopulation#VECTOR}). Each gives bit for bit what the scalar kernel gives: the same IEEE
 * operations in the same order (no fused multiply-add), the candidates collected in ascending order; the lanes that
 * do not fill a vector run the scalar code itself.
 */
final class VectorScan {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private VectorScan() {}

  /**
   * {@link LifPopulation#scan}: writes the indices in [lo, hi) where {@code vv > vth} into {@code out} from {@code c}
   * on and returns the new end. One vector compare per {@code S.length()} neurons; a vector with a lane above
   * threshold is collected by the scalar scan (NaN is never above threshold, in either).
   */
  static int above(double[] vv, int lo, int hi, double vth, int[] out, int c) {
    int lanes = S.length();
    int up = lo + ((hi - lo) & -lanes);
    int i = lo;
    for (; i < up; i += lanes) {
      if (DoubleVector.fromArray(S, vv, i).compare(VectorOperators.GT, vth).anyTrue()) {
        c = LifPopulation.scan(vv, i, i + lanes, vth, out, c);
      }
    }
    return LifPopulation.scan(vv, i, hi, vth, out, c);
  }

  /**
   * {@link LifPopulation#euler2} over [lo, hi) followed by {@link #above} on the new V, in one pass: each vector of
   * new V is compared while it is in a register, and only a vector with a lane above threshold is collected (from
   * the array, by the scalar scan). Returns the candidates' new end in {@code out}.
   */
  static int fusedEuler2(double[] vv, double[] s0, double[] s1, int lo, int hi, double k, double glEl, double gl,
      double e0, double g0, double d0, double e1, double g1, double d1, double vth, int[] out, int c) {
    int lanes = S.length();
    int up = lo + ((hi - lo) & -lanes);
    DoubleVector leak = DoubleVector.broadcast(S, glEl);
    int i = lo;
    for (; i < up; i += lanes) {
      DoubleVector x0 = DoubleVector.fromArray(S, s0, i);
      DoubleVector x1 = DoubleVector.fromArray(S, s1, i);
      DoubleVector vi = DoubleVector.fromArray(S, vv, i);
      // vi + k * (glEl - gl * vi + (x0 * e0 + x1 * e1) - (x0 * g0 + x1 * g1) * vi), operation by operation
      DoubleVector drive = leak.sub(vi.mul(gl)).add(x0.mul(e0).add(x1.mul(e1))).sub(x0.mul(g0).add(x1.mul(g1)).mul(vi));
      DoubleVector nv = vi.add(drive.mul(k));
      nv.intoArray(vv, i);
      x0.mul(d0).intoArray(s0, i);
      x1.mul(d1).intoArray(s1, i);
      if (nv.compare(VectorOperators.GT, vth).anyTrue()) {
        c = LifPopulation.scan(vv, i, i + lanes, vth, out, c);
      }
    }
    LifPopulation.euler2(vv, s0, s1, i, hi, k, glEl, gl, e0, g0, d0, e1, g1, d1);
    return LifPopulation.scan(vv, i, hi, vth, out, c);
  }
}
