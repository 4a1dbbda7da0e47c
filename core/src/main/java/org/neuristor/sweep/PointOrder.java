package org.neuristor.sweep;

import java.util.List;

/**
 * The order in which parallel workers take the pending points of a sweep: the point expected to cost
 * most goes first, with costs learned from the points already finished, so that the last points to run
 * are the cheap ones and no worker is left alone with an expensive point at the end.
 *
 * <p>This is Graham's longest-processing-time-first rule (R. L. Graham, "Bounds on multiprocessing
 * timing anomalies", SIAM J. Appl. Math. 17, 416-429, 1969): with {@code w} workers taking the next
 * point whenever they are free and the costs known, the sweep ends at most {@code (4/3 - 1/(3w))} times
 * the optimum, and a worker idles at the end at most as long as the cheapest point takes (index order:
 * up to the costliest point). Here the costs are estimates, so these bounds hold approximately.
 * Dispatching in index order instead leaves the costliest point last when the cost grows along a grid
 * axis (e.g. an f-V sweep: more spikes at higher input).
 *
 * <p>Costs are not known in advance, so they are estimated from the points already finished, assuming
 * neighbouring indices cost about the same (true along a grid axis; for random samples the estimate is
 * noise and the order is as good as any). The pending points are split into at most {@value #GROUPS}
 * groups of consecutive indices (one point per group for sweeps up to that size); a group's estimate is
 * the mean cost of its finished points, else the linear interpolation between the nearest groups with
 * finished points on either side (the nearest one's cost on one side only). The next point comes from
 * the available group with the highest estimate. Ties (a one-sided extrapolation gives many groups the
 * same estimate) go to the group nearest to a point still running, which has already run as long as the
 * finished one, so the costlier side is probably there; at the start, when nothing is known, to the
 * group farthest from any group already started (first the lowest index, then the highest, then the
 * middle, ...), which spreads the first measurements over the range. Within a group points go in index
 * order. A pick scans the groups: O({@value #GROUPS}) per point, a few microseconds.
 *
 * <p>The order never changes what a point computes (its values and seed depend on its index only), only
 * when it runs. Thread safe.
 */
final class PointOrder {
  /** At most this many groups (bounds the work per pick). */
  static final int GROUPS = 256;

  private final int[] indices;
  private final int per;
  private final int[] next;
  private final int[] end;
  private final double[] costSum;
  private final int[] costCount;
  private final boolean[] started;
  private final int[] running;
  private final double[] estimate;
  private final int[] startedDistance;
  private final int[] runningDistance;
  private int left;
  private boolean measured;
  private boolean costsChanged = true;
  private boolean startsChanged = true;

  /** An order over {@code pending}, the point indices still to run, ascending. */
  PointOrder(List<Integer> pending) {
    int m = pending.size();
    indices = new int[m];
    for (int i = 0; i < m; i++) {
      indices[i] = pending.get(i);
    }
    per = Math.max(1, (m + GROUPS - 1) / GROUPS);
    int g = (m + per - 1) / per;
    next = new int[g];
    end = new int[g];
    for (int k = 0; k < g; k++) {
      next[k] = k * per;
      end[k] = Math.min(m, (k + 1) * per);
    }
    costSum = new double[g];
    costCount = new int[g];
    started = new boolean[g];
    running = new int[g];
    estimate = new double[g];
    startedDistance = new int[g];
    runningDistance = new int[g];
    left = m;
  }

  /** The next point to run, or -1 when every point has been handed out. */
  synchronized int next() {
    if (left == 0) {
      return -1;
    }
    int g = end.length;
    if (costsChanged) {
      estimates();
      costsChanged = false;
    }
    if (startsChanged) {
      distances(started, null, startedDistance);
      distances(null, running, runningDistance);
      startsChanged = false;
    }
    int best = -1;
    for (int k = 0; k < g; k++) {
      if (next[k] < end[k] && (best < 0 || before(k, best))) {
        best = k;
      }
    }
    started[best] = true;
    running[best]++;
    startsChanged = true;
    left--;
    return indices[next[best]++];
  }

  /**
   * Whether group {@code a} goes before group {@code b}: higher estimate; on a tie (e.g. both
   * extrapolated from the same finished group), nearer to a point still running once some cost is
   * known (it has already run as long as the finished ones: the costlier side is probably there), then
   * farther from any started group (spreads the first points over the range), then the lower index.
   */
  private boolean before(int a, int b) {
    if (estimate[a] != estimate[b]) {
      return estimate[a] > estimate[b];
    }
    if (measured && runningDistance[a] != runningDistance[b]) {
      return runningDistance[a] < runningDistance[b];
    }
    return startedDistance[a] > startedDistance[b];
  }

  /** Records the cost (any consistent unit, e.g. seconds) of a finished point handed out by {@link #next}. */
  synchronized void finished(int index, double cost) {
    int pos = java.util.Arrays.binarySearch(indices, index);
    if (pos < 0) {
      return;
    }
    int k = pos / per;
    running[k] = Math.max(0, running[k] - 1);
    startsChanged = true;
    if (cost >= 0 && !Double.isInfinite(cost)) {
      costSum[k] += cost;
      costCount[k]++;
      measured = true;
      costsChanged = true;
    }
  }

  /** Fills {@link #estimate}: own mean, else interpolation between the nearest measured groups; 0 if none. */
  private void estimates() {
    int g = end.length;
    int prev = -1;
    for (int k = 0; k < g; k++) {
      if (costCount[k] > 0) {
        estimate[k] = costSum[k] / costCount[k];
        prev = k;
      } else {
        // provisional: the left neighbour's index, completed by the right-to-left pass
        estimate[k] = prev;
      }
    }
    int after = -1;
    for (int k = g - 1; k >= 0; k--) {
      if (costCount[k] > 0) {
        after = k;
        continue;
      }
      int before = (int) estimate[k];
      if (before < 0 && after < 0) {
        estimate[k] = 0;
      } else if (before < 0) {
        estimate[k] = mean(after);
      } else if (after < 0) {
        estimate[k] = mean(before);
      } else {
        double t = (double) (k - before) / (after - before);
        estimate[k] = mean(before) + t * (mean(after) - mean(before));
      }
    }
  }

  private double mean(int k) {
    return costSum[k] / costCount[k];
  }

  /**
   * Fills {@code out} with the distance in groups to the nearest started group ({@code started}) or group
   * with a point running ({@code running}); g + 1 when there is none.
   */
  private static void distances(boolean[] started, int[] running, int[] out) {
    int g = out.length;
    int d = g + 1;
    for (int k = 0; k < g; k++) {
      d = (started != null ? started[k] : running[k] > 0) ? 0 : Math.min(g + 1, d + 1);
      out[k] = d;
    }
    d = g + 1;
    for (int k = g - 1; k >= 0; k--) {
      d = (started != null ? started[k] : running[k] > 0) ? 0 : Math.min(g + 1, d + 1);
      out[k] = Math.min(out[k], d);
    }
  }
}
