package org.neuristor.circuit.solve;

import java.util.Arrays;

/**
 * The sparsity pattern of an n x n MNA matrix, collected while elements bind: each distinct (row,
 * col) pair gets one handle, an index into the value arrays. Handles of ground rows or columns are
 * -1 and are ignored when stamping. The pattern is frozen before the first solve.
 */
public final class MatrixPattern {
  private final int n;
  private long[] keys = new long[64];
  private int[] handles = new int[64];
  private int size;
  private int[] rows = new int[16];
  private int[] cols = new int[16];
  private boolean frozen;

  public MatrixPattern(int n) {
    this.n = n;
    Arrays.fill(handles, -1);
  }

  public int dimension() {
    return n;
  }

  /** Number of distinct entries. */
  public int size() {
    return size;
  }

  public int row(int handle) {
    return rows[handle];
  }

  public int col(int handle) {
    return cols[handle];
  }

  /** Handle of entry (row, col), creating it if new; -1 when either index is ground (negative). */
  public int entry(int row, int col) {
    if (row < 0 || col < 0) {
      return -1;
    }
    if (row >= n || col >= n) {
      throw new IllegalArgumentException("entry (" + row + "," + col + ") outside " + n + "x" + n);
    }
    long key = (long) row * n + col;
    int mask = keys.length - 1;
    int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    while (handles[slot] >= 0) {
      if (keys[slot] == key) {
        return handles[slot];
      }
      slot = (slot + 1) & mask;
    }
    if (frozen) {
      throw new IllegalStateException("pattern is frozen; entry (" + row + "," + col + ") is new");
    }
    keys[slot] = key;
    handles[slot] = size;
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, size * 2);
      cols = Arrays.copyOf(cols, size * 2);
    }
    rows[size] = row;
    cols[size] = col;
    size++;
    if (size * 2 > keys.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldHandles = handles;
    keys = new long[oldKeys.length * 2];
    handles = new int[oldKeys.length * 2];
    Arrays.fill(handles, -1);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldHandles[i] >= 0) {
        int slot = Long.hashCode(oldKeys[i] * 0x9E3779B97F4A7C15L) & mask;
        while (handles[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        handles[slot] = oldHandles[i];
      }
    }
  }

  /** Makes sure every diagonal entry exists (gmin and pivoting need them) and freezes the pattern. */
  public void freeze() {
    for (int i = 0; i < n; i++) {
      entry(i, i);
    }
    frozen = true;
  }

  public boolean frozen() {
    return frozen;
  }

  /**
   * The compressed-column layout of the pattern: fills {@code colPtr} (n+1 entries) and
   * {@code rowIdx} (one per entry, rows ascending within each column) and returns, per handle, its
   * position in that layout.
   */
  public int[] compressedColumns(int[] colPtr, int[] rowIdx) {
    Integer[] order = new Integer[size];
    for (int h = 0; h < size; h++) {
      order[h] = h;
    }
    Arrays.sort(order, (p, q) -> {
      int c = Integer.compare(cols[p], cols[q]);
      return c != 0 ? c : Integer.compare(rows[p], rows[q]);
    });
    Arrays.fill(colPtr, 0, n + 1, 0);
    int[] position = new int[size];
    for (int k = 0; k < size; k++) {
      int h = order[k];
      position[h] = k;
      rowIdx[k] = rows[h];
      colPtr[cols[h] + 1]++;
    }
    for (int c = 0; c < n; c++) {
      colPtr[c + 1] += colPtr[c];
    }
    return position;
  }
}
