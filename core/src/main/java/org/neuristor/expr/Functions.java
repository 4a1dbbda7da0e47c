package org.neuristor.expr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The one table of the expression language's functions: name, number of arguments, value and analytic
 * derivative, each function defined once here. The compiler ({@link Tape}) takes every function from this
 * table; adding a function is one line.
 *
 * <p>A function of one argument gives its value y = f(x) and its derivative from x and y together, so that
 * {@code exp}, {@code tanh} and the like are evaluated once per node ({@code exp' = y}, {@code tanh' = 1 - y^2}).
 * A function of several arguments returns its value and writes every partial derivative in one call.
 * Derivatives of non-smooth functions take one-sided values (abs'(0) = 0, u' = 0; min, max and limit follow
 * the active argument). Elementary functions use {@link Math}, whose intrinsics the JIT compiles inline.
 */
final class Functions {
  private Functions() {}

  /** A smooth-almost-everywhere function of one argument. */
  static final class Unary {
    final String name;
    private final DoubleUnaryOperator value;
    private final DoubleBinaryOperator derivative;

    Unary(String name, DoubleUnaryOperator value, DoubleBinaryOperator derivative) {
      this.name = name;
      this.value = value;
      this.derivative = derivative;
    }

    double value(double x) {
      return value.applyAsDouble(x);
    }

    /** df/dx at x, given y = f(x). */
    double derivative(double x, double y) {
      return derivative.applyAsDouble(x, y);
    }

    /** The value as a function object (generated code calls it directly, one call site per function). */
    DoubleUnaryOperator valueFunction() {
      return value;
    }

    /** The derivative (x, y) -> f'(x) as a function object. */
    DoubleBinaryOperator derivativeFunction() {
      return derivative;
    }
  }

  /** A function of several arguments: value and all partial derivatives together. */
  @FunctionalInterface
  interface Nary {
    /** Returns f(a[0..n)) and writes d f / d a[i] into {@code partial[i]}. */
    double apply(double[] a, int n, double[] partial);
  }

  /**
   * One entry of the table.
   *
   * @param minArgs fewest arguments
   * @param maxArgs most arguments ({@link Integer#MAX_VALUE} for variadic)
   * @param unary the kernel of a one-argument function, else null
   * @param nary the kernel of a function of several arguments, else null
   */
  record Def(String name, int minArgs, int maxArgs, Unary unary, Nary nary) {}

  private static final Map<String, Def> TABLE = new LinkedHashMap<>();

  private static void unary(String name, DoubleUnaryOperator f, DoubleBinaryOperator df) {
    TABLE.put(name, new Def(name, 1, 1, new Unary(name, f, df), null));
  }

  private static void nary(String name, int min, int max, Nary f) {
    TABLE.put(name, new Def(name, min, max, null, f));
  }

  private static final double LN10 = Math.log(10);

  static {
    unary("exp", Math::exp, (x, y) -> y);
    unary("ln", x -> Math.log(Math.abs(x)), (x, y) -> 1 / x);
    unary("log", x -> Math.log(Math.abs(x)), (x, y) -> 1 / x);
    unary("log10", x -> Math.log10(Math.abs(x)), (x, y) -> 1 / (x * LN10));
    unary("sqrt", x -> Math.sqrt(Math.abs(x)), (x, y) -> Math.signum(x) * 0.5 / y);
    unary("abs", Math::abs, (x, y) -> Math.signum(x));
    unary("sin", Math::sin, (x, y) -> Math.cos(x));
    unary("cos", Math::cos, (x, y) -> -Math.sin(x));
    unary("tan", Math::tan, (x, y) -> 1 + y * y);
    unary("asin", Math::asin, (x, y) -> 1 / Math.sqrt(1 - x * x));
    unary("acos", Math::acos, (x, y) -> -1 / Math.sqrt(1 - x * x));
    unary("atan", Math::atan, (x, y) -> 1 / (1 + x * x));
    unary("sinh", Math::sinh, (x, y) -> Math.cosh(x));
    unary("cosh", Math::cosh, (x, y) -> Math.sinh(x));
    unary("tanh", Math::tanh, (x, y) -> 1 - y * y);
    unary("u", x -> x > 0 ? 1 : 0, (x, y) -> 0);
    unary("uramp", x -> x > 0 ? x : 0, (x, y) -> x > 0 ? 1 : 0);
    unary("sgn", Math::signum, (x, y) -> 0);
    unary("floor", Math::floor, (x, y) -> 0);
    unary("ceil", Math::ceil, (x, y) -> 0);
    unary("int", x -> x < 0 ? Math.ceil(x) : Math.floor(x), (x, y) -> 0);
    Nary pow = (a, n, d) -> {
      double x = a[0];
      double e = a[1];
      // ngspice: a negative base with a non-integer exponent uses |base|
      boolean integer = e == Math.rint(e);
      double base = x < 0 && !integer ? -x : x;
      double sign = x < 0 && !integer ? -1 : 1;
      double v = Math.pow(base, e);
      d[0] = base == 0 ? (e == 1 ? 1 : 0) : e * Math.pow(base, e - 1) * sign;
      d[1] = base > 0 ? v * Math.log(base) : 0;
      return v;
    };
    nary("pow", 2, 2, pow);
    nary("pwr", 2, 2, pow);
    nary("atan2", 2, 2, (a, n, d) -> {
      double y = a[0];
      double x = a[1];
      double r2 = x * x + y * y;
      d[0] = r2 == 0 ? 0 : x / r2;
      d[1] = r2 == 0 ? 0 : -y / r2;
      return Math.atan2(y, x);
    });
    nary("min", 2, Integer.MAX_VALUE, (a, n, d) -> pick(a, n, d, true));
    nary("max", 2, Integer.MAX_VALUE, (a, n, d) -> pick(a, n, d, false));
    nary("limit", 3, 3, (a, n, d) -> {
      int k = a[0] < a[1] ? 1 : a[0] > a[2] ? 2 : 0;
      d[0] = 0;
      d[1] = 0;
      d[2] = 0;
      d[k] = 1;
      return a[k];
    });
  }

  /** min or max: the first extreme argument, whose derivative the result follows. */
  private static double pick(double[] a, int n, double[] d, boolean min) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (min ? a[i] < a[best] : a[i] > a[best]) {
        best = i;
      }
    }
    for (int i = 0; i < n; i++) {
      d[i] = i == best ? 1 : 0;
    }
    return a[best];
  }

  /** The function named {@code name} (lower case), or null; {@code if} is the ternary operator. */
  static Def lookup(String name) {
    return TABLE.get(name);
  }

  static void checkArity(String name, int n, int offset) {
    if (name.equals("if")) {
      if (n != 3) {
        throw new ExpressionException(offset, "if() takes 3 arguments, got " + n);
      }
      return;
    }
    Def d = TABLE.get(name);
    if (d == null) {
      throw new ExpressionException(offset, "unknown function '" + name + "'");
    }
    if (n < d.minArgs() || n > d.maxArgs()) {
      int a = d.minArgs();
      throw new ExpressionException(offset, name + "() takes " + a + (d.maxArgs() > a ? " or more" : "")
          + " argument" + (a == 1 ? "" : "s") + ", got " + n);
    }
  }
}
