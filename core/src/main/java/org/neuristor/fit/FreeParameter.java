package org.neuristor.fit;

/**
 * One fitted quantity: a device parameter shared by all files, or a condition of one file. The
 * optimizer works on an unbounded coordinate u and sees the parameter through a logistic map onto
 * its range, so no step can leave the range:
 *
 * <pre>
 *   s = 1 / (1 + exp(-u))
 *   p = lo + (hi - lo) s                            (linear)
 *   p = exp(ln lo + (ln hi - ln lo) s)              (log, for scale parameters spanning decades)
 * </pre>
 *
 * @param name device parameter name, or a file condition ({@code ambient}, {@code series}, a device
 *     parameter) when {@code file >= 0}
 * @param file index of the file this condition belongs to, -1 for a shared device parameter
 * @param lo lower end of the range
 * @param hi upper end of the range
 * @param log whether the map is logarithmic (needs lo &gt; 0)
 * @param start starting value
 */
public record FreeParameter(String name, int file, double lo, double hi, boolean log, double start) {
  public FreeParameter {
    if (!(hi > lo) || (log && !(lo > 0))) {
      throw new IllegalArgumentException("bad range [" + lo + ", " + hi + "] for " + name);
    }
  }

  /** The same parameter starting elsewhere (clipped into the range). */
  public FreeParameter withStart(double value) {
    return new FreeParameter(name, file, lo, hi, log, Math.min(Math.max(value, lo), hi));
  }

  /** The same parameter with another range (the start clipped into it). */
  public FreeParameter withRange(double newLo, double newHi) {
    return new FreeParameter(name, file, newLo, newHi, log && newLo > 0, Math.min(Math.max(start, newLo), newHi));
  }

  /** Parameter value of the unbounded coordinate u. */
  public double value(double u) {
    double s = sigmoid(u);
    return log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * s) : lo + (hi - lo) * s;
  }

  /** The unbounded coordinate of a value (values at the ends map to +-13.8). */
  public double coordinate(double value) {
    double s = log ? (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (value - lo) / (hi - lo);
    s = Math.min(Math.max(s, 1e-6), 1 - 1e-6);
    return Math.log(s / (1 - s));
  }

  /**
   * d(natural)/du, where natural is ln p for a log parameter and p otherwise (the coordinates in
   * which standard errors are reported).
   */
  public double naturalSlope(double u) {
    double s = sigmoid(u);
    double ds = s * (1 - s);
    return log ? (Math.log(hi) - Math.log(lo)) * ds : (hi - lo) * ds;
  }

  /** Display label: {@code name} or {@code name[file]}. */
  public String label(java.util.List<String> files) {
    return file < 0 ? name : name + "[" + files.get(file) + "]";
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }
}
