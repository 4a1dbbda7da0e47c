package org.neuristor.device;

/** C1/C-infinity building blocks shared by the device models (logistic gate, softplus, guarded exp/sinh). */
final class Smooth {
  private Smooth() {}

  /** Logistic S(z) = 1/(1+e^-z), evaluated without overflow. */
  static double sig(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** Softplus ln(1+e^z), derivative sig(z). */
  static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /** Exponential continued linearly above {@code cap} so trial Newton steps cannot overflow (C1). */
  static double limexp(double z, double cap) {
    return z <= cap ? Math.exp(z) : Math.exp(cap) * (1 + z - cap);
  }

  /** Derivative of {@link #limexp}. */
  static double dlimexp(double z, double cap) {
    return Math.exp(Math.min(z, cap));
  }

  /** sinh continued linearly beyond |z| = cap (C1, odd). */
  static double sinh(double z, double cap) {
    double a = Math.abs(z);
    return a <= cap ? Math.sinh(z) : Math.signum(z) * (Math.sinh(cap) + Math.cosh(cap) * (a - cap));
  }

  /** Derivative of {@link #sinh(double, double)}. */
  static double cosh(double z, double cap) {
    return Math.cosh(Math.min(Math.abs(z), cap));
  }
}
