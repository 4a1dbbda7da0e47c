package org.neuristor.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sampled result: one independent variable (time in s, or a swept value) and any number of named
 * signals sampled at the same points. Signal names follow ngspice's conventions ({@code v(out)},
 * {@code i(v1)}), lower case.
 *
 * <p>Traces are built by appending rows ({@link Builder#add}) and are immutable once built. Every
 * producer in Neuristor (circuit transient, DC sweep, neuron models, networks) returns a Trace, and
 * every consumer (spike analysis, CSV, plots) reads one.
 */
public final class Trace {
  private final String axisName;
  private final double[] axis;
  private final Map<String, double[]> signals;

  private Trace(String axisName, double[] axis, Map<String, double[]> signals) {
    this.axisName = axisName;
    this.axis = axis;
    this.signals = signals;
  }

  /** Builds a trace from arrays that are not copied; the caller must not modify them afterwards. */
  public static Trace of(String axisName, double[] axis, Map<String, double[]> signals) {
    Map<String, double[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : signals.entrySet()) {
      if (e.getValue().length != axis.length) {
        throw new IllegalArgumentException(
            "signal " + e.getKey() + " has " + e.getValue().length + " samples, axis has " + axis.length);
      }
      copy.put(e.getKey(), e.getValue());
    }
    return new Trace(axisName, axis, Collections.unmodifiableMap(copy));
  }

  /** Name of the independent variable, e.g. {@code time} or {@code v-sweep}. */
  public String axisName() {
    return axisName;
  }

  /** The independent variable; do not modify. */
  public double[] axis() {
    return axis;
  }

  /** Number of sample points. */
  public int size() {
    return axis.length;
  }

  /** Signal names in insertion order. */
  public List<String> names() {
    return new ArrayList<>(signals.keySet());
  }

  public boolean has(String name) {
    return signals.containsKey(name.toLowerCase());
  }

  /** The samples of a signal; do not modify. */
  public double[] get(String name) {
    double[] s = signals.get(name.toLowerCase());
    if (s == null) {
      throw new IllegalArgumentException("no signal '" + name + "' in trace; available: " + signals.keySet());
    }
    return s;
  }

  /**
   * The onset of a stimulus signal: the axis value of the last sample before {@code name} first leaves its first
   * value, or 0 if it never does (a constant input is on from the start).
   */
  public double onset(String name) {
    double[] s = get(name);
    for (int k = 1; k < s.length; k++) {
      if (s[k] != s[0]) {
        return axis[k - 1];
      }
    }
    return 0;
  }

  /** Linear interpolation of a signal at axis value {@code a} (clamped at the ends). */
  public double at(String name, double a) {
    return interpolate(axis, get(name), a);
  }

  /** Linear interpolation helper over monotone {@code xs}. */
  public static double interpolate(double[] xs, double[] ys, double a) {
    int n = xs.length;
    if (n == 0) {
      throw new IllegalArgumentException("empty trace");
    }
    if (a <= xs[0]) {
      return ys[0];
    }
    if (a >= xs[n - 1]) {
      return ys[n - 1];
    }
    int lo = 0;
    int hi = n - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (xs[mid] <= a) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double span = xs[hi] - xs[lo];
    if (span == 0) {
      return ys[hi];
    }
    return ys[lo] + (ys[hi] - ys[lo]) * (a - xs[lo]) / span;
  }

  /**
   * Receives the rows of a trace while it is recorded ({@link Builder#Builder(String, List, Rows)}), in blocks of
   * rows laid out as the builder stores them, on the recording thread: for example to format them for a file on
   * another thread while the simulation goes on. A block's rows are never changed after they were handed over, so
   * another thread may read them once it has received the block through a synchronising hand-off (a queue).
   */
  public interface Rows {
    /** The axis name and the signal names (lower case), before any row. */
    void start(String axisName, List<String> names);

    /**
     * Rows [from, to) of {@code block}: the axis value of row r at {@code block[r]}, signal k's at
     * {@code block[(k + 1) * stride + r]}. Rows arrive in order, each once.
     */
    void rows(double[] block, int stride, int from, int to);

    /** {@link Builder#build} was called with {@code size} rows recorded (all of them handed over). */
    void built(int size);

    /**
     * Whether the builder keeps the rows for its trace (the default). A consumer that reads every row as it comes
     * and needs no trace (a sweep point's scalar results) returns false: the builder then keeps no rows, reuses one
     * small block (read it during {@link #rows}: it is overwritten afterwards), and {@link Builder#build} gives a
     * trace with the signal names and no samples. A long transient then allocates nothing per row.
     */
    default boolean keep() {
      return true;
    }
  }

  /**
   * Incremental builder; not thread safe. Rows go into chunks (the first of at most 256 rows, each next one
   * twice as large up to about 128 kB or 16 rows, small enough for a thread-local allocation buffer), so
   * appending never copies what is already stored, and {@link #build} copies every value once, into arrays of
   * the final length. (Doubling one array per signal copied each value about twice more, and a long run
   * allocated arrays too large for the thread-local buffers.) A chunk holds its rows column by column, so
   * {@link #build} copies each column of a chunk with one {@code System.arraycopy}: fast even before the JIT
   * has compiled anything, as in a single short run.
   */
  public static final class Builder {
    /** Values per chunk (axis and signals of a row are stored together). */
    private static final int CHUNK_VALUES = 16_384;

    private final String axisName;
    private final String[] names;
    /** Values per row: the axis value and one per signal. */
    private final int width;
    /** Rows of the largest chunk. */
    private final int maxRows;
    private final List<double[]> chunks = new ArrayList<>();
    /** The chunk being filled: value k of its row r at {@code k * rows + r}. */
    private double[] chunk;
    /** False when the rows only go to {@link #rowsOut} ({@link Rows#keep()}): one chunk, reused. */
    private final boolean keep;
    /** Rows the chunk being filled can take. */
    private int rows;
    /** Rows in the chunk being filled. */
    private int used;
    private int n;
    /** Receives the rows as they are recorded, or null. */
    private final Rows rowsOut;
    /** Rows of the chunk being filled already handed to {@link #rowsOut}. */
    private int handed;

    public Builder(String axisName, List<String> names) {
      this(axisName, names, null);
    }

    /**
     * A builder that also hands its rows to {@code rowsOut} (null: none) as they are recorded: each full chunk
     * as it is completed, the rest at {@link #build}; see {@link Rows}.
     */
    public Builder(String axisName, List<String> names, Rows rowsOut) {
      this.axisName = Objects.requireNonNull(axisName);
      this.names = names.stream().map(String::toLowerCase).toArray(String[]::new);
      this.width = this.names.length + 1;
      this.maxRows = Math.max(16, CHUNK_VALUES / width);
      this.rowsOut = rowsOut;
      this.keep = rowsOut == null || rowsOut.keep();
      if (rowsOut != null) {
        rowsOut.start(this.axisName, List.of(this.names));
      }
    }

    /** Appends one row: the axis value and one value per signal, in the order of the names. */
    public void add(double a, double... values) {
      if (values.length != names.length) {
        throw new IllegalArgumentException("expected " + names.length + " values, got " + values.length);
      }
      addRow(a, values);
    }

    /** Appends a row without varargs allocation: {@code values[k]} for each signal. */
    public void addRow(double a, double[] values) {
      int r = nextRow();
      double[] c = chunk;
      int m = rows;
      c[r] = a;
      for (int k = 1, p = m + r; k < width; k++, p += m) {
        c[p] = values[k - 1];
      }
    }

    /**
     * Appends the row of {@code x[picks[k]]} for each signal k (0 where {@code picks[k]} is negative): what
     * {@link #addRow(double, double[])} appends for those values, without copying them into a row first.
     */
    public void addPicked(double a, double[] x, int[] picks) {
      int r = nextRow();
      double[] c = chunk;
      int m = rows;
      c[r] = a;
      for (int k = 1, p = m + r; k < width; k++, p += m) {
        int i = picks[k - 1];
        c[p] = i < 0 ? 0 : x[i];
      }
    }

    /**
     * Counts a new row and returns its place in {@link #chunk}. Small enough for the JIT to inline into the callers of
     * {@link #addPicked} and {@link #addRow} (a call spills every live register); a full or missing chunk goes to
     * {@link #newChunk}.
     */
    private int nextRow() {
      int r = used;
      if (r == rows) {
        r = newChunk();
      }
      used = r + 1;
      n++;
      return r;
    }

    /** Hands the full chunk on and starts the next one (the first when there is none); returns row 0. */
    private int newChunk() {
      double[] c = chunk;
      int m = rows;
      if (c != null && rowsOut != null) {
        rowsOut.rows(c, m, handed, m);
      }
      handed = 0;
      if (c == null || keep) {
        m = c == null ? Math.min(256, maxRows) : Math.min(maxRows, 2 * m);
        c = new double[m * width];
        if (keep) {
          chunks.add(c);
        }
        chunk = c;
        rows = m;
      }
      return 0;
    }

    public int size() {
      return n;
    }

    /**
     * The trace of the rows added so far (the builder can go on appending); without kept rows ({@link Rows#keep()}
     * false) the signal names and no samples.
     */
    public Trace build() {
      if (rowsOut != null) {
        if (chunk != null && handed < used) {
          rowsOut.rows(chunk, rows, handed, used);
          handed = used;
        }
        rowsOut.built(n);
      }
      if (!keep) {
        Map<String, double[]> none = new LinkedHashMap<>();
        for (String name : names) {
          none.put(name, new double[0]);
        }
        return Trace.of(axisName, new double[0], none);
      }
      double[][] cols = new double[width][n];
      int row = 0;
      for (double[] c : chunks) {
        int cap = c.length / width;
        int r = Math.min(cap, n - row);
        for (int k = 0; k < width; k++) {
          System.arraycopy(c, k * cap, cols[k], row, r);
        }
        row += r;
      }
      Map<String, double[]> m = new LinkedHashMap<>();
      for (int k = 0; k < names.length; k++) {
        m.put(names[k], cols[k + 1]);
      }
      return Trace.of(axisName, cols[0], m);
    }
  }
}
