package org.neuristor.network;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Threshold scan on the JDK's vector API (jdk.incubator.vector), loaded only when that module is resolved. */
final class VectorScan {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private VectorScan() {}

  static int above(double[] vv, int lo, int hi, double vth, int[] out, int c) {
    int lanes = S.length();
    int up = lo + ((hi - lo) & -lanes);
    int i = lo;
    for (; i < up; i += lanes) {
      if (DoubleVector.fromArray(S, vv, i).compare(VectorOperators.GT, vth).anyTrue()) {
        for (int j = i, e = i + lanes; j < e; j++) {
          if (vv[j] > vth) {
            out[c++] = j;
          }
        }
      }
    }
    for (; i < hi; i++) {
      if (vv[i] > vth) {
        out[c++] = i;
      }
    }
    return c;
  }
}
