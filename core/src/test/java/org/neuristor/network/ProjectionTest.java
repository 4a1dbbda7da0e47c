package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Projection's array helpers give what the plain loops give. */
class ProjectionTest {
  @Test
  void fillGivesTheArrayOfArraysFill() {
    for (int n : new int[] {0, 1, 2, 3, 7, 8, 9, 1000, 204_800, 205_123}) {
      float[] a = new float[n];
      float[] b = new float[n];
      Projection.fill(a, 6e-9f);
      Arrays.fill(b, 6e-9f);
      assertThat(a).as("n = %d", n).isEqualTo(b);
    }
  }
}
