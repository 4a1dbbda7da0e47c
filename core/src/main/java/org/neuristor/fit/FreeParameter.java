package org.neuristor.fit;

/**
 * One fitted quantity: a device parameter shared by all files, or a condition of one file. The
 * optimizer works on an unbounded coordinate u and sees the parameter through a periodic map onto
 * its range (MINUIT's transform for two-sided limits), so no step can leave the range and a step that
 * runs into a limit can come back (a logistic map would flatten out there and trap it):
 *
 * <pre>
 *   s = (1 + sin u) / 2
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
    double s = fraction(u);
    return log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * s) : lo + (hi - lo) * s;
  }

  /** The coordinate of a value, in [-pi/2, pi/2]. */
  public double coordinate(double value) {
    double s = log ? (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (value - lo) / (hi - lo);
    s = Math.min(Math.max(s, 0), 1);
    return Math.asin(2 * s - 1);
  }

  /** Whether a value sits at an end of the range (within 1e-6 of its span). */
  public boolean atLimit(double value) {
    double s = log ? (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (value - lo) / (hi - lo);
    return s < 1e-6 || s > 1 - 1e-6;
  }

  /**
   * d(natural)/du, where natural is ln p for a log parameter and p otherwise (the coordinates in
   * which standard errors are reported).
   */
  public double naturalSlope(double u) {
    double ds = 0.5 * Math.cos(u);
    return log ? (Math.log(hi) - Math.log(lo)) * ds : (hi - lo) * ds;
  }

  /** Display label: {@code name} or {@code name[file]}. */
  public String label(java.util.List<String> files) {
    return file < 0 ? name : name + "[" + files.get(file) + "]";
  }

  private static double fraction(double u) {
    return 0.5 * (1 + Math.sin(u));
  }
}
