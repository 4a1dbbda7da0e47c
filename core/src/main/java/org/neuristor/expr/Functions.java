package org.neuristor.expr;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/** Builds compiled nodes for operators and functions, each with its analytic derivative. */
final class Functions {
  private Functions() {}

  /** Value and derivative of a smooth unary function. */
  private record Unary(DoubleUnaryOperator f, DoubleUnaryOperator df) {}

  private static final Map<String, Integer> ARITY = Map.ofEntries(
      Map.entry("exp", 1), Map.entry("ln", 1), Map.entry("log", 1), Map.entry("log10", 1), Map.entry("sqrt", 1),
      Map.entry("abs", 1), Map.entry("sin", 1), Map.entry("cos", 1), Map.entry("tan", 1), Map.entry("asin", 1),
      Map.entry("acos", 1), Map.entry("atan", 1), Map.entry("sinh", 1), Map.entry("cosh", 1),
      Map.entry("tanh", 1), Map.entry("u", 1), Map.entry("uramp", 1), Map.entry("sgn", 1),
      Map.entry("floor", 1), Map.entry("ceil", 1), Map.entry("int", 1), Map.entry("atan2", 2),
      Map.entry("pow", 2), Map.entry("pwr", 2), Map.entry("min", 2), Map.entry("max", 2),
      Map.entry("limit", 3), Map.entry("if", 3), Map.entry("asinh", 1), Map.entry("acosh", 1),
      Map.entry("atanh", 1), Map.entry("arctan", 1), Map.entry("nint", 1), Map.entry("agauss", 3),
      Map.entry("gauss", 3), Map.entry("aunif", 2), Map.entry("unif", 2));

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

  /**
   * ngspice's divisor: shifted away from zero by 1e-32 (gmin * 1e-20), so that x/0, ln(0)' and sqrt(0)'
   * give huge finite numbers instead of infinities at the zero-volt start of a Newton iteration.
   */
  static double fudge(double b) {
    return b >= 0 ? b + 1e-32 : b - 1e-32;
  }

  /** ngspice's exp: 1e99 beyond an argument of 227.9559242 instead of overflowing. */
  static double exp(double x) {
    return x > 227.9559242 ? 1e99 : Math.exp(x);
  }

  /** ngspice's logarithm at 0: -1e99 (it happens at the zero-volt start of an operating point). */
  static double ln(double x) {
    return x == 0 ? -1e99 : Math.log(Math.abs(x));
  }

  static void checkArity(String name, int n, int offset) {
    Integer a = ARITY.get(name);
    if (a == null) {
      throw new ExpressionException(offset, "unknown function '" + name + "'");
    }
    if (a != n && !((name.equals("min") || name.equals("max")) && n >= 2)) {
      throw new ExpressionException(offset, name + "() takes " + a + " argument" + (a == 1 ? "" : "s") + ", got " + n);
    }
  }

  static Node make(String op, Node[] c, int m, int offset) {
    switch (op) {
      case "+": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          c[1].eval(in, t);
          v = c[0].v + c[1].v;
          for (int k = 0; k < m; k++) {
            g[k] = c[0].g[k] + c[1].g[k];
          }
        }
      };
      case "-": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          c[1].eval(in, t);
          v = c[0].v - c[1].v;
          for (int k = 0; k < m; k++) {
            g[k] = c[0].g[k] - c[1].g[k];
          }
        }
      };
      case "*": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          c[1].eval(in, t);
          double a = c[0].v;
          double b = c[1].v;
          v = a * b;
          for (int k = 0; k < m; k++) {
            g[k] = c[0].g[k] * b + a * c[1].g[k];
          }
        }
      };
      case "/": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          c[1].eval(in, t);
          double a = c[0].v;
          double b = fudge(c[1].v);
          v = a / b;
          for (int k = 0; k < m; k++) {
            g[k] = (c[0].g[k] * b - a * c[1].g[k]) / (b * b);
          }
        }
      };
      case "neg": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          v = -c[0].v;
          for (int k = 0; k < m; k++) {
            g[k] = -c[0].g[k];
          }
        }
      };
      case "pow": case "pwr": {
        // ngspice's B source: x**y, x^y and pow(x, y) are |x|^y; pwr(x, y) is sign(x) |x|^y.
        boolean signed = op.equals("pwr");
        return new Node(m) {
          @Override
          void eval(double[] in, double t) {
            c[0].eval(in, t);
            c[1].eval(in, t);
            double a = c[0].v;
            double b = c[1].v;
            double base = Math.abs(a);
            double sign = signed && a < 0 ? -1 : 1;
            double mag = Math.pow(base, b);
            v = sign * mag;
            double dA = base == 0 ? (b == 1 ? 1 : 0) : b * Math.pow(base, b - 1) * (signed ? 1 : Math.signum(a));
            double dB = base > 0 ? v * Math.log(base) : 0;
            for (int k = 0; k < m; k++) {
              g[k] = dA * c[0].g[k] + dB * c[1].g[k];
            }
          }
        };
      }
      case "atan2": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          c[1].eval(in, t);
          double y = c[0].v;
          double x = c[1].v;
          v = Math.atan2(y, x);
          double r2 = x * x + y * y;
          for (int k = 0; k < m; k++) {
            g[k] = r2 == 0 ? 0 : (x * c[0].g[k] - y * c[1].g[k]) / r2;
          }
        }
      };
      case "min": case "max": {
        boolean isMin = op.equals("min");
        return new Node(m) {
          @Override
          void eval(double[] in, double t) {
            int best = 0;
            c[0].eval(in, t);
            for (int i = 1; i < c.length; i++) {
              c[i].eval(in, t);
              if (isMin ? c[i].v < c[best].v : c[i].v > c[best].v) {
                best = i;
              }
            }
            v = c[best].v;
            System.arraycopy(c[best].g, 0, g, 0, m);
          }
        };
      }
      case "limit": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          c[1].eval(in, t);
          c[2].eval(in, t);
          double x = c[0].v;
          if (x < c[1].v) {
            v = c[1].v;
            System.arraycopy(c[1].g, 0, g, 0, m);
          } else if (x > c[2].v) {
            v = c[2].v;
            System.arraycopy(c[2].g, 0, g, 0, m);
          } else {
            v = x;
            System.arraycopy(c[0].g, 0, g, 0, m);
          }
        }
      };
      case "?:": case "if": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          Node pick = c[0].v != 0 ? c[1] : c[2];
          pick.eval(in, t);
          v = pick.v;
          System.arraycopy(pick.g, 0, g, 0, m);
        }
      };
      case "==": case "!=": case "<": case "<=": case ">": case ">=": case "&&": case "||": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          c[1].eval(in, t);
          double a = c[0].v;
          double b = c[1].v;
          boolean r = switch (op) {
            case "==" -> a == b;
            case "!=" -> a != b;
            case "<" -> a < b;
            case "<=" -> a <= b;
            case ">" -> a > b;
            case ">=" -> a >= b;
            case "&&" -> a != 0 && b != 0;
            default -> a != 0 || b != 0;
          };
          v = r ? 1 : 0;
        }
      };
      case "!": return new Node(m) {
        @Override
        void eval(double[] in, double t) {
          c[0].eval(in, t);
          v = c[0].v == 0 ? 1 : 0;
        }
      };
      default:
        return unary(op, c[0], m, offset);
    }
  }

  private static Node unary(String op, Node a, int m, int offset) {
    Unary f = switch (op) {
      case "exp" -> new Unary(Functions::exp, Functions::exp);
      case "ln", "log" -> new Unary(Functions::ln, x -> 1 / fudge(x));
      case "log10" -> new Unary(x -> x == 0 ? -1e99 : Math.log10(Math.abs(x)), x -> 1 / (fudge(x) * Math.log(10)));
      case "sqrt" -> new Unary(x -> Math.sqrt(Math.abs(x)), x -> (x < 0 ? -0.5 : 0.5) / fudge(Math.sqrt(Math.abs(x))));
      case "abs" -> new Unary(x -> Math.abs(x), x -> Math.signum(x));
      case "sin" -> new Unary(x -> Math.sin(x), x -> Math.cos(x));
      case "cos" -> new Unary(x -> Math.cos(x), x -> -Math.sin(x));
      case "tan" -> new Unary(
        x -> Math.tan(x),
        x -> {
          double c = Math.cos(x);
          return 1 / (c * c);
        });
      case "asin" -> new Unary(x -> Math.asin(x), x -> 1 / Math.sqrt(1 - x * x));
      case "acos" -> new Unary(x -> Math.acos(x), x -> -1 / Math.sqrt(1 - x * x));
      case "atan", "arctan" -> new Unary(x -> Math.atan(x), x -> 1 / (1 + x * x));
      case "asinh" -> new Unary(x -> Math.log(x + Math.sqrt(x * x + 1)), x -> 1 / Math.sqrt(x * x + 1));
      case "acosh" -> new Unary(x -> Math.log(x + Math.sqrt(x * x - 1)), x -> 1 / Math.sqrt(x * x - 1));
      case "atanh" -> new Unary(x -> 0.5 * Math.log((1 + x) / (1 - x)), x -> 1 / (1 - x * x));
      case "nint" -> new Unary(Math::rint, x -> 0);
      case "sinh" -> new Unary(x -> Math.sinh(x), x -> Math.cosh(x));
      case "cosh" -> new Unary(x -> Math.cosh(x), x -> Math.sinh(x));
      case "tanh" -> new Unary(
        x -> Math.tanh(x),
        x -> {
          double th = Math.tanh(x);
          return 1 - th * th;
        });
      case "u" -> new Unary(x -> x > 0 ? 1 : x < 0 ? 0 : 0.5, x -> 0); // ngspice: u(0) = 0.5
      case "uramp" -> new Unary(x -> x > 0 ? x : 0, x -> x > 0 ? 1 : 0);
      case "sgn" -> new Unary(x -> Math.signum(x), x -> 0);
      case "floor" -> new Unary(x -> Math.floor(x), x -> 0);
      case "ceil" -> new Unary(x -> Math.ceil(x), x -> 0);
      case "int" -> new Unary(x -> x < 0 ? Math.ceil(x) : Math.floor(x), x -> 0);
      default -> throw new ExpressionException(offset, "unknown function '" + op + "'");
    };
    return new Node(m) {
      @Override
      void eval(double[] in, double t) {
        a.eval(in, t);
        double x = a.v;
        v = f.f().applyAsDouble(x);
        double d = f.df().applyAsDouble(x);
        for (int k = 0; k < m; k++) {
          double gk = a.g[k];
          g[k] = gk == 0 ? 0 : d * gk;
        }
      }
    };
  }
}
