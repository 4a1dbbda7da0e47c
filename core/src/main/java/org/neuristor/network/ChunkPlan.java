package org.neuristor.network;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a network step is cut into tasks: one task updates one chunk (a neuron range) of one
 * population, on one thread. One chunk per population on one thread; else every population of at
 * least threads x 256 neurons in {@code threads} equal chunks (one per thread), smaller ones whole
 * on the least loaded thread, and threads run their own chunks: a step costs one wake-up and one
 * done flag per thread, no shared counter. Large networks ({@link #DYNAMIC_MIN} neurons and more)
 * cut their large populations into 4 chunks per thread that threads claim from a shared counter, so
 * a thread delayed by the operating system delays one chunk, not half the step. A population that
 * is not range-safe (a kernel drawing random numbers in neuron order) is always one chunk. Chunk
 * starts are multiples of the population's alignment (16 neurons, which keeps threads off each
 * other's cache lines, or a kernel's block size); a small population may then get an empty chunk.
 */
final class ChunkPlan {
  /** Networks from this many neurons on use dynamic task claiming. */
  static final int DYNAMIC_MIN = 100_000;

  /** Population index, chunk number, neuron range [from, to) of each task, in population order. */
  final int[] population;
  final int[] chunk;
  final int[] from;
  final int[] to;
  /** Tasks of each thread (thread 0 is the caller), when not {@link #dynamic}. */
  final int[][] threadTasks;
  /** Whether threads claim tasks from a shared counter rather than run their own. */
  final boolean dynamic;
  private final Map<Population, int[]> starts = new IdentityHashMap<>();

  ChunkPlan(List<Population> populations, int threads) {
    long total = 0;
    for (Population p : populations) {
      total += p.size;
    }
    dynamic = threads > 1 && total >= DYNAMIC_MIN;
    List<int[]> tasks = new ArrayList<>();
    long[] load = new long[threads];
    for (Population p : populations) {
      int k = !p.rangeSafe() ? 1
          : dynamic && p.size >= threads * 4 * 1024 ? threads * 4 : threads > 1 && p.size >= threads * 256 ? threads : 1;
      int align = p.chunkAlignment();
      int[] s = new int[k + 1];
      for (int c = 1; c < k; c++) {
        s[c] = (int) Math.min(p.size, ((long) c * p.size / k + align - 1) / align * align);
      }
      s[k] = p.size;
      for (int c = 0; c < k; c++) {
        int th = c % threads;
        if (k == 1) {
          for (int w = 0; w < threads; w++) {
            if (load[w] < load[th]) {
              th = w;
            }
          }
        }
        load[th] += s[c + 1] - s[c];
        tasks.add(new int[] {p.index, c, s[c], s[c + 1], th});
      }
      starts.put(p, s);
    }
    int nt = tasks.size();
    population = new int[nt];
    chunk = new int[nt];
    from = new int[nt];
    to = new int[nt];
    int[] perThread = new int[threads];
    for (int[] a : tasks) {
      perThread[a[4]]++;
    }
    threadTasks = new int[threads][];
    for (int w = 0; w < threads; w++) {
      threadTasks[w] = new int[perThread[w]];
      perThread[w] = 0;
    }
    for (int t = 0; t < nt; t++) {
      int[] a = tasks.get(t);
      population[t] = a[0];
      chunk[t] = a[1];
      from[t] = a[2];
      to[t] = a[3];
      threadTasks[a[4]][perThread[a[4]]++] = t;
    }
  }

  /** Number of tasks per step. */
  int tasks() {
    return population.length;
  }

  /** Worker threads the plan was made for (thread 0 is the caller). */
  int threads() {
    return threadTasks.length;
  }

  /** Chunk starts of a population, with its size appended. */
  int[] starts(Population p) {
    return starts.get(p);
  }
}
