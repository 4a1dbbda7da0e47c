package org.neuristor.netlist.control;

import java.util.Arrays;

/**
 * A named vector of real or complex values, as ngspice's front end keeps them: analysis results
 * ({@code v(out)}, {@code i(v1)}, the scale {@code time}/{@code frequency}/{@code v-sweep}), vectors
 * made with {@code let}, and scalars (length 1).
 */
public final class Vec {
  private final String name;
  private final double[] re;
  private final double[] im;

  private Vec(String name, double[] re, double[] im) {
    this.name = name;
    this.re = re;
    this.im = im;
  }

  public static Vec real(String name, double[] values) {
    return new Vec(name, values, null);
  }

  public static Vec complex(String name, double[] re, double[] im) {
    if (re.length != im.length) {
      throw new IllegalArgumentException("real and imaginary parts differ in length");
    }
    return new Vec(name, re, im);
  }

  public static Vec scalar(String name, double v) {
    return new Vec(name, new double[] {v}, null);
  }

  public String name() {
    return name;
  }

  public Vec named(String n) {
    return new Vec(n, re, im);
  }

  public int length() {
    return re.length;
  }

  public boolean isComplex() {
    return im != null;
  }

  public double re(int i) {
    return re[i];
  }

  public double im(int i) {
    return im == null ? 0 : im[i];
  }

  /** Real parts; do not modify. */
  public double[] re() {
    return re;
  }

  /** Imaginary parts (zeros for a real vector); do not modify. */
  public double[] im() {
    return im == null ? new double[re.length] : im;
  }

  /** Magnitudes. */
  public double[] mag() {
    if (im == null) {
      double[] r = new double[re.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.abs(re[i]);
      }
      return r;
    }
    double[] r = new double[re.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.hypot(re[i], im[i]);
    }
    return r;
  }

  /** The values a real-valued context uses: the real part, or the magnitude of a complex vector. */
  public double[] realValues() {
    return im == null ? re : mag();
  }

  @Override
  public String toString() {
    return name + (im == null ? Arrays.toString(re) : "(complex, " + re.length + ")");
  }
}
