package org.neuristor.expr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * The functions met so far. Each is defined when first looked up ({@link #define}): linking the lambdas of
   * all the functions at once cost a cold single run several ms, and a netlist uses a few of them.
   */
  private static final Map<String, Def> TABLE = new ConcurrentHashMap<>();

  private static Def unary(String name, DoubleUnaryOperator f, DoubleBinaryOperator df) {
    return new Def(name, 1, 1, new Unary(name, f, df), null);
  }

  private static Def nary(String name, int min, int max, Nary f) {
    return new Def(name, min, max, null, f);
  }

  private static final double LN10 = Math.log(10);

  /**
   * ngspice's divisor: shifted away from zero by 1e-32 (gmin * 1e-20), so that x/0, ln(0)' and sqrt(0)'
   * give huge finite numbers instead of infinities at the zero-volt start of a Newton iteration.
   */
  static double fudge(double b) {
    return b >= 0 ? b + 1e-32 : b - 1e-32;
  }

  /** The divisor of a division by a non-constant expression: {@link #fudge}, derivative 1. */
  static final Unary DIVISOR = new Unary("divisor", Functions::fudge, (x, y) -> 1);

  /** ngspice's exp: 1e99 beyond an argument of 227.9559242 instead of overflowing. */
  static double exp(double x) {
    return x > 227.9559242 ? 1e99 : Math.exp(x);
  }

  /** ngspice's logarithm at 0: -1e99 (it happens at the zero-volt start of an operating point). */
  static double ln(double x) {
    return x == 0 ? -1e99 : Math.log(Math.abs(x));
  }

  private static final double LN2 = Math.log(2);

  /*
   * The inverse hyperbolic functions as the C library computes them (fdlibm's s_asinh.c, e_acosh.c, e_atanh.c, which
   * glibc's are, and which ngspice calls): within an ulp everywhere. The textbook forms lose digits where the result
   * is small (log(x + sqrt(x^2 + 1)) near 0 keeps 1e-9 to 7 digits, log((1 + x)/(1 - x)) likewise; acosh near 1),
   * and x^2 overflows beyond 1e154.
   */

  static double asinh(double x) {
    double a = Math.abs(x);
    if (!(a < Double.POSITIVE_INFINITY) || a < 0x1p-28) {
      return x; // NaN, infinities and asinh(x) = x to the last bit
    }
    double w;
    if (a > 0x1p28) {
      w = Math.log(a) + LN2;
    } else if (a > 2) {
      w = Math.log(2 * a + 1 / (Math.sqrt(x * x + 1) + a));
    } else {
      double t = x * x;
      w = Math.log1p(a + t / (1 + Math.sqrt(1 + t)));
    }
    return Math.copySign(w, x);
  }

  static double acosh(double x) {
    if (!(x >= 1)) {
      return Double.NaN;
    }
    if (x >= 0x1p28) {
      return Math.log(x) + LN2; // also +inf
    }
    if (x > 2) {
      return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
    }
    double t = x - 1;
    return Math.log1p(t + Math.sqrt(2 * t + t * t));
  }

  static double atanh(double x) {
    double a = Math.abs(x);
    if (!(a <= 1)) {
      return Double.NaN;
    }
    if (a < 0x1p-28) {
      return x;
    }
    double t = a < 0.5 ? 0.5 * Math.log1p(2 * a + 2 * a * a / (1 - a)) : 0.5 * Math.log1p(2 * a / (1 - a));
    return Math.copySign(t, x); // +-inf at +-1
  }

  /** The random functions: drawn once at parse time (see {@link Expression.Context}). */
  static final java.util.Set<String> RANDOM = java.util.Set.of("agauss", "gauss", "aunif", "unif");

  /**
   * One draw, as ngspice defines them: {@code agauss(nom, abs, sigma)} = nom + abs/sigma N(0,1);
   * {@code gauss(nom, rel, sigma)} = nom (1 + rel/sigma N(0,1)); {@code aunif(nom, abs)} uniform in
   * nom +- abs; {@code unif(nom, rel)} uniform in nom (1 +- rel).
   */
  static double draw(String name, double[] a, java.util.random.RandomGenerator rng) {
    return switch (name) {
      case "agauss" -> a[0] + a[1] / a[2] * rng.nextGaussian();
      case "gauss" -> a[0] * (1 + a[1] / a[2] * rng.nextGaussian());
      case "aunif" -> a[0] + a[1] * (2 * rng.nextDouble() - 1);
      default -> a[0] * (1 + a[1] * (2 * rng.nextDouble() - 1));
    };
  }

  /** The function named {@code name} (lower case), or null. */
  private static Def define(String name) {
    return switch (name) {
      case "exp" -> unary("exp", Functions::exp, (x, y) -> y);
      case "ln" -> unary("ln", Functions::ln, (x, y) -> 1 / fudge(x));
      case "log" -> unary("log", Functions::ln, (x, y) -> 1 / fudge(x));
      case "log10" -> unary("log10", x -> x == 0 ? -1e99 : Math.log10(Math.abs(x)), (x, y) -> 1 / (fudge(x) * LN10));
      case "sqrt" -> unary("sqrt", x -> Math.sqrt(Math.abs(x)), (x, y) -> (x < 0 ? -0.5 : 0.5) / fudge(y));
      case "abs" -> unary("abs", Math::abs, (x, y) -> Math.signum(x));
      case "sin" -> unary("sin", Math::sin, (x, y) -> Math.cos(x));
      case "cos" -> unary("cos", Math::cos, (x, y) -> -Math.sin(x));
      case "tan" -> unary("tan", Math::tan, (x, y) -> 1 + y * y);
      case "asin" -> unary("asin", Math::asin, (x, y) -> 1 / Math.sqrt(1 - x * x));
      case "acos" -> unary("acos", Math::acos, (x, y) -> -1 / Math.sqrt(1 - x * x));
      case "atan" -> unary("atan", Math::atan, (x, y) -> 1 / (1 + x * x));
      case "arctan" -> unary("arctan", Math::atan, (x, y) -> 1 / (1 + x * x));
      case "asinh" -> unary("asinh", Functions::asinh, (x, y) -> 1 / Math.sqrt(x * x + 1));
      case "acosh" -> unary("acosh", Functions::acosh, (x, y) -> 1 / Math.sqrt(x * x - 1));
      case "atanh" -> unary("atanh", Functions::atanh, (x, y) -> 1 / (1 - x * x));
      case "nint" -> unary("nint", Math::rint, (x, y) -> 0);
      case "sinh" -> unary("sinh", Math::sinh, (x, y) -> Math.cosh(x));
      case "cosh" -> unary("cosh", Math::cosh, (x, y) -> Math.sinh(x));
      case "tanh" -> unary("tanh", Math::tanh, (x, y) -> 1 - y * y);
      case "u" -> unary("u", x -> x > 0 ? 1 : x < 0 ? 0 : 0.5, (x, y) -> 0); // ngspice: u(0) = 0.5
      case "uramp" -> unary("uramp", x -> x > 0 ? x : 0, (x, y) -> x > 0 ? 1 : 0);
      case "sgn" -> unary("sgn", Math::signum, (x, y) -> 0);
      case "floor" -> unary("floor", Math::floor, (x, y) -> 0);
      case "ceil" -> unary("ceil", Math::ceil, (x, y) -> 0);
      case "int" -> unary("int", x -> x < 0 ? Math.ceil(x) : Math.floor(x), (x, y) -> 0);
      // ngspice's B source: x**y, x^y and pow(x, y) are |x|^y; pwr(x, y) is sign(x) |x|^y.
      case "pow" -> nary("pow", 2, 2, (a, n, d) -> power(a, d, false));
      case "pwr" -> nary("pwr", 2, 2, (a, n, d) -> power(a, d, true));
      case "atan2" -> nary("atan2", 2, 2, (a, n, d) -> {
        double y = a[0];
        double x = a[1];
        double r2 = x * x + y * y;
        d[0] = r2 == 0 ? 0 : x / r2;
        d[1] = r2 == 0 ? 0 : -y / r2;
        return Math.atan2(y, x);
      });
      case "min" -> nary("min", 2, Integer.MAX_VALUE, (a, n, d) -> pick(a, n, d, true));
      case "max" -> nary("max", 2, Integer.MAX_VALUE, (a, n, d) -> pick(a, n, d, false));
      // ngspice's pwl(x, x0, y0, x1, y1, ...) (PTpwl): linear between the points, the end segments extended
      case "pwl" -> nary("pwl", 5, Integer.MAX_VALUE, Functions::pwl);
      case "tablepwl" -> nary("tablepwl", 5, Integer.MAX_VALUE, Functions::tablePwl);
      case "limit" -> nary("limit", 3, 3, (a, n, d) -> {
        int k = a[0] < a[1] ? 1 : a[0] > a[2] ? 2 : 0;
        d[0] = 0;
        d[1] = 0;
        d[2] = 0;
        d[k] = 1;
        return a[k];
      });
      default -> null;
    };
  }

  /** |x|^y (or sign(x) |x|^y when {@code signed}) and its partial derivatives. */
  private static double power(double[] a, double[] d, boolean signed) {
    double x = a[0];
    double e = a[1];
    double base = Math.abs(x);
    double mag = Math.pow(base, e);
    double v = signed && x < 0 ? -mag : mag;
    d[0] = base == 0 ? (e == 1 ? 1 : 0) : e * Math.pow(base, e - 1) * (signed ? 1 : Math.signum(x));
    d[1] = base > 0 ? v * Math.log(base) : 0;
    return v;
  }

  /**
   * ngspice's {@code pwl(x, x0, y0, x1, y1, ...)}: the segment is found by bisection as PTpwl finds it (a point equal to
   * x0..xn starts the segment to its right; beyond the ends the first and last segments go on), and the partial
   * derivatives are those of that segment's line, also with respect to its two points.
   */
  private static double pwl(double[] a, int n, double[] d) {
    double x = a[0];
    int k0 = 0;
    int k1 = (n - 1) / 2 - 1;
    while (k1 - k0 > 1) {
      int k = (k0 + k1) / 2;
      if (a[1 + 2 * k] > x) {
        k1 = k;
      } else {
        k0 = k;
      }
    }
    double x0 = a[1 + 2 * k0];
    double y0 = a[2 + 2 * k0];
    double x1 = a[1 + 2 * k1];
    double y1 = a[2 + 2 * k1];
    double slope = (y1 - y0) / (x1 - x0);
    java.util.Arrays.fill(d, 0, n, 0.0);
    double t = (x - x0) / (x1 - x0);
    d[0] = slope;
    d[2 + 2 * k0] = 1 - t;
    d[2 + 2 * k1] = t;
    d[1 + 2 * k0] = slope * (t - 1);
    d[1 + 2 * k1] = -slope * t;
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
  }

  /**
   * What an E/G {@code TABLE} becomes in ngspice-39: XSPICE's {@code pwl} code model with {@code input_domain=0.1
   * fraction=true limit=true} over the table's points {@code tablepwl(x, x0, y0, ..., xn, yn)}: linear between the
   * points, flat beyond the ends, and each corner (the ends too) rounded by cm_smooth_corner's parabola over x_i +-
   * 0.1 of the shorter adjacent segment. The points are constants (their partials are 0).
   */
  private static double tablePwl(double[] a, int n, double[] d) {
    int m = (n - 1) / 2;
    double x = a[0];
    java.util.Arrays.fill(d, 0, n, 0.0);
    for (int i = 0; i < m; i++) {
      double xi = a[1 + 2 * i];
      double yi = a[2 + 2 * i];
      double lowerSeg = i > 0 ? xi - a[2 * i - 1] : Double.POSITIVE_INFINITY;
      double upperSeg = i < m - 1 ? a[3 + 2 * i] - xi : Double.POSITIVE_INFINITY;
      double lower = i > 0 ? (yi - a[2 * i]) / lowerSeg : 0;
      double upper = i < m - 1 ? (a[4 + 2 * i] - yi) / upperSeg : 0;
      double domain = 0.1 * Math.min(lowerSeg, upperSeg);
      if (x < xi - domain) {
        d[0] = lower;
        return yi + (x - xi) * lower;
      }
      if (x < xi + domain) { // cm_smooth_corner
        double xu = xi + domain;
        double c2 = (upper - lower) / 4.0 * (1 / domain);
        double c1 = upper - 2.0 * c2 * xu;
        double c0 = yi + upper * domain - c2 * xu * xu - c1 * xu;
        d[0] = 2.0 * c2 * x + c1;
        return c2 * x * x + c1 * x + c0;
      }
    }
    return a[n - 1];
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
  /** Functions of PSpice and LTspice that memristor model files use, with what ngspice and Neuristor read instead. */
  private static final Map<String, String> OTHER_SIMULATORS = Map.of(
      "stp", "u(x) (stp() is PSpice's unit step)",
      "table", "a PWL source or nested ?: (table() is PSpice's and LTspice's)",
      "idt", "a capacitor integrating a current (idt() is LTspice's and Verilog-A's)",
      "sdt", "a capacitor integrating a current (sdt() is PSpice's)");

  /** What to write instead of a function of another simulator, or "". */
  static String hint(String name) {
    String h = OTHER_SIMULATORS.get(name);
    return h == null ? "" : "; write " + h;
  }

  static Def lookup(String name) {
    Def d = TABLE.get(name);
    if (d == null) {
      d = define(name);
      if (d != null) {
        Def first = TABLE.putIfAbsent(name, d);
        d = first != null ? first : d;
      }
    }
    return d;
  }

  static void checkArity(String name, int n, int offset) {
    if (name.equals("if")) {
      if (n != 3) {
        throw new ExpressionException(offset, "if() takes 3 arguments, got " + n);
      }
      return;
    }
    if (RANDOM.contains(name)) {
      int want = name.endsWith("gauss") ? 3 : 2;
      if (n != want) {
        throw new ExpressionException(offset, name + "() takes " + want + " arguments, got " + n);
      }
      return;
    }
    Def d = lookup(name);
    if (d == null) {
      throw new ExpressionException(offset, "unknown function '" + name + "'" + hint(name));
    }
    if ((name.equals("pwl") || name.equals("tablepwl")) && (n < 5 || n % 2 == 0)) {
      throw new ExpressionException(offset, name + "() takes an argument and pairs of points (x0, y0, x1, y1, ...), got "
          + n + " argument" + (n == 1 ? "" : "s"));
    }
    if (n < d.minArgs() || n > d.maxArgs()) {
      int a = d.minArgs();
      throw new ExpressionException(offset, name + "() takes " + a + (d.maxArgs() > a ? " or more" : "")
          + " argument" + (a == 1 ? "" : "s") + ", got " + n);
    }
  }
}
