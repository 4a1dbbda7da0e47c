package org.neuristor.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PointOrderTest {

  static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  /** Hands out every pending index once, then -1; also with more points than groups. */
  @Test
  void everyPendingPointOnce() {
    for (List<Integer> pending : List.of(range(0, 1), List.of(3, 7, 8, 20), range(0, 1100), range(5, 3000))) {
      PointOrder o = new PointOrder(pending);
      List<Integer> got = new ArrayList<>();
      for (int i; (i = o.next()) >= 0; ) {
        got.add(i);
        o.finished(i, 1 + (i % 7));
      }
      assertThat(got).containsExactlyInAnyOrderElementsOf(pending);
      assertThat(o.next()).isEqualTo(-1);
    }
  }

  /** Before any cost is known the first points are spread: lowest, highest, middle. */
  @Test
  void startSpreadsOverTheRange() {
    PointOrder o = new PointOrder(range(0, 21));
    assertThat(List.of(o.next(), o.next(), o.next())).containsExactly(0, 20, 10);
  }

  /**
   * Simulates {@code w} workers that each take the next point when free; returns the hand-out order and the
   * time the last point ends.
   */
  static double simulate(PointOrder o, IntToDoubleFunction cost, int w, List<Integer> handed) {
    record Running(double end, int index) {}
    PriorityQueue<Running> busy = new PriorityQueue<>((a, b) -> Double.compare(a.end, b.end));
    double now = 0;
    double last = 0;
    for (int k = 0; k < w; k++) {
      int i = o.next();
      if (i >= 0) {
        handed.add(i);
        busy.add(new Running(cost.applyAsDouble(i), i));
      }
    }
    while (!busy.isEmpty()) {
      Running r = busy.poll();
      now = r.end;
      last = Math.max(last, now);
      o.finished(r.index, cost.applyAsDouble(r.index));
      int i = o.next();
      if (i >= 0) {
        handed.add(i);
        busy.add(new Running(now + cost.applyAsDouble(i), i));
      }
    }
    return last;
  }

  /**
   * Cost rising along the grid (an f-V sweep: 29 to 54 ms per point, measured) or falling: the learned
   * order ends with cheap points, and on 2 workers the sweep ends within half the cheapest point's cost
   * of the perfect split; index order can leave the costliest points to one worker at the end.
   */
  @Test
  void costliestFirstOnAMonotoneGrid() {
    for (int n : new int[] {20, 200, 3000}) {
      IntToDoubleFunction rising = i -> 29 + 25.0 * i / (n - 1);
      IntToDoubleFunction falling = i -> rising.applyAsDouble(n - 1 - i);
      for (IntToDoubleFunction cost : List.of(rising, falling)) {
        double total = IntStream.range(0, n).mapToDouble(cost).sum();
        List<Integer> handed = new ArrayList<>();
        double learned = simulate(new PointOrder(range(0, n)), cost, 2, handed);
        assertThat(learned).as("n=%d", n).isLessThanOrEqualTo(total / 2 + 29 / 2.0 + 1e-9);
        // the last points handed out are among the cheapest tenth (+ the spread start)
        double cheap = IntStream.range(0, n).mapToDouble(cost).sorted().toArray()[n / 10 + 2];
        assertThat(cost.applyAsDouble(handed.get(n - 1))).isLessThanOrEqualTo(cheap);
      }
      // cost growing steeply at the end of the axis: in index order one worker ends alone with the costliest
      // points; learned, the sweep ends within the cheapest point of the perfect split
      IntToDoubleFunction steep = i -> 29 + 250 * Math.pow(i / (n - 1.0), 4);
      double total = IntStream.range(0, n).mapToDouble(steep).sum();
      double learned = simulate(new PointOrder(range(0, n)), steep, 2, new ArrayList<>());
      assertThat(learned).isLessThanOrEqualTo(total / 2 + 29 / 2.0 + 1e-9)
          .isLessThan(simulateInOrder(steep, n, 2));
    }
  }

  static double simulateInOrder(IntToDoubleFunction cost, int n, int w) {
    double[] free = new double[w];
    for (int i = 0; i < n; i++) {
      int k = 0;
      for (int j = 1; j < w; j++) {
        if (free[j] < free[k]) {
          k = j;
        }
      }
      free[k] += cost.applyAsDouble(i);
    }
    return java.util.Arrays.stream(free).max().getAsDouble();
  }
}
