package org.neuristor.netlist.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.neuristor.expr.SpiceNumber;

/**
 * ngspice's vector expressions (the front end's {@code let}, {@code print}, {@code meas} and
 * {@code wrdata} arguments): arithmetic on real and complex vectors element by element (a scalar
 * combines with every element), comparisons and logic ({@code > gt}, {@code and}...), indexing
 * {@code v[3]} and ranges {@code v[2,5]}, node and branch accessors {@code v(a)}, {@code v(a,b)},
 * {@code i(v1)}, {@code vdb() vm() vp() vr() vi()} (and the {@code i} forms), and the functions mag
 * abs ph phase cph real imag db log10 log (base 10, as in ngspice) ln exp sqrt sin cos tan atan sinh
 * cosh tanh floor ceil sgn norm mean avg length vecmax vecmin maximum minimum sum deriv integ j
 * unitvec vector. Phases are in radians, as in ngspice-39.
 */
public final class VecExpr {
  private final String text;
  private final Node root;

  private VecExpr(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** An error in a vector expression, at a character offset of the expression text. */
  public static final class VecException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final boolean letters;

    public VecException(int offset, String message) {
      this(offset, message, false);
    }

    /** @param letters whether the error is the letters written after a number ({@link org.neuristor.expr.UnitLetters#noUnit}) */
    public VecException(int offset, String message, boolean letters) {
      super(message);
      this.offset = offset;
      this.letters = letters;
    }

    public int offset() {
      return offset;
    }

    /** Whether the error is the letters written after a number (the message says how ngspice reads it). */
    public boolean letters() {
      return letters;
    }
  }

  /** Resolves a bare name to a vector (the current plot's vectors, measurement results, parameters). */
  public interface Scope {
    /** The vector called {@code name}, or null. */
    Vec vector(String name);

    /** The scale of the current plot (for deriv and integ), or null. */
    Vec scale();
  }

  public static VecExpr parse(String text) {
    Parser p = new Parser(text);
    Node n = p.conditional();
    p.skip();
    if (p.pos < text.length()) {
      throw new VecException(p.pos, "unexpected '" + text.charAt(p.pos) + "' in expression");
    }
    return new VecExpr(text, n);
  }

  public String text() {
    return text;
  }

  public Vec evaluate(Scope scope) {
    return root.eval(scope);
  }

  // ---------------------------------------------------------------- values

  private interface Node {
    Vec eval(Scope s);
  }

  private static int len(Vec a, Vec b) {
    if (a.length() == 1) {
      return b.length();
    }
    if (b.length() == 1) {
      return a.length();
    }
    return Math.min(a.length(), b.length());
  }

  private static int at(Vec v, int i) {
    return v.length() == 1 ? 0 : i;
  }

  private static Vec binary(String op, Vec a, Vec b, int offset) {
    int n = len(a, b);
    boolean cplx = a.isComplex() || b.isComplex();
    double[] re = new double[n];
    double[] im = cplx ? new double[n] : null;
    for (int k = 0; k < n; k++) {
      double ar = a.re(at(a, k));
      double ai = a.im(at(a, k));
      double br = b.re(at(b, k));
      double bi = b.im(at(b, k));
      double r;
      double i = 0;
      switch (op) {
        case "+" -> {
          r = ar + br;
          i = ai + bi;
        }
        case "-" -> {
          r = ar - br;
          i = ai - bi;
        }
        case "*" -> {
          r = ar * br - ai * bi;
          i = ar * bi + ai * br;
        }
        case "/" -> {
          double d = br * br + bi * bi;
          r = (ar * br + ai * bi) / d;
          i = (ai * br - ar * bi) / d;
        }
        case "%" -> r = ar % br;
        case "^" -> {
          if (!cplx) {
            r = Math.pow(ar, br);
          } else {
            double lr = Math.log(Math.hypot(ar, ai));
            double la = Math.atan2(ai, ar);
            double er = lr * br - la * bi;
            double ea = lr * bi + la * br;
            r = Math.exp(er) * Math.cos(ea);
            i = Math.exp(er) * Math.sin(ea);
          }
        }
        case "==" -> r = ar == br && ai == bi ? 1 : 0;
        case "!=" -> r = ar != br || ai != bi ? 1 : 0;
        case "<" -> r = ar < br ? 1 : 0;
        case ">" -> r = ar > br ? 1 : 0;
        case "<=" -> r = ar <= br ? 1 : 0;
        case ">=" -> r = ar >= br ? 1 : 0;
        case "&&" -> r = (ar != 0 || ai != 0) && (br != 0 || bi != 0) ? 1 : 0;
        case "||" -> r = (ar != 0 || ai != 0) || (br != 0 || bi != 0) ? 1 : 0;
        default -> throw new VecException(offset, "unknown operator " + op);
      }
      re[k] = r;
      if (im != null) {
        im[k] = i;
      }
    }
    boolean logical = List.of("==", "!=", "<", ">", "<=", ">=", "&&", "||", "%").contains(op);
    return logical || !cplx ? Vec.real("", re) : Vec.complex("", re, im);
  }

  private static Vec map(Vec a, java.util.function.DoubleUnaryOperator f) {
    double[] x = a.realValues();
    double[] r = new double[x.length];
    for (int k = 0; k < r.length; k++) {
      r[k] = f.applyAsDouble(x[k]);
    }
    return Vec.real("", r);
  }

  private static Vec call(String fn, List<Vec> args, Scope s, int offset) {
    if (args.isEmpty() && !List.of("vector", "unitvec").contains(fn)) {
      throw new VecException(offset, fn + "() needs an argument");
    }
    Vec a = args.isEmpty() ? null : args.get(0);
    switch (fn) {
      case "mag", "abs":
        return Vec.real("", a.mag());
      case "ph", "phase", "cph": {
        double[] r = new double[a.length()];
        for (int k = 0; k < r.length; k++) {
          r[k] = Math.atan2(a.im(k), a.re(k));
        }
        if (fn.equals("cph")) {
          for (int k = 1; k < r.length; k++) {
            while (r[k] - r[k - 1] > Math.PI) {
              r[k] -= 2 * Math.PI;
            }
            while (r[k] - r[k - 1] < -Math.PI) {
              r[k] += 2 * Math.PI;
            }
          }
        }
        return Vec.real("", r);
      }
      case "real", "re":
        return Vec.real("", a.re().clone());
      case "imag", "im":
        return Vec.real("", a.im().clone());
      case "db":
        return map(Vec.real("", a.mag()), x -> 20 * Math.log10(x));
      case "log10", "log":
        return map(Vec.real("", a.isComplex() ? a.mag() : a.re()), Math::log10);
      case "ln":
        return map(Vec.real("", a.isComplex() ? a.mag() : a.re()), Math::log);
      case "exp":
        if (a.isComplex()) {
          double[] re = new double[a.length()];
          double[] im = new double[a.length()];
          for (int k = 0; k < re.length; k++) {
            double e = Math.exp(a.re(k));
            re[k] = e * Math.cos(a.im(k));
            im[k] = e * Math.sin(a.im(k));
          }
          return Vec.complex("", re, im);
        }
        return map(a, Math::exp);
      case "sqrt":
        if (a.isComplex()) {
          double[] re = new double[a.length()];
          double[] im = new double[a.length()];
          for (int k = 0; k < re.length; k++) {
            double m = Math.sqrt(Math.hypot(a.re(k), a.im(k)));
            double ph = Math.atan2(a.im(k), a.re(k)) / 2;
            re[k] = m * Math.cos(ph);
            im[k] = m * Math.sin(ph);
          }
          return Vec.complex("", re, im);
        }
        return map(a, Math::sqrt);
      case "sin":
        return map(a, Math::sin);
      case "cos":
        return map(a, Math::cos);
      case "tan":
        return map(a, Math::tan);
      case "atan":
        return map(a, Math::atan);
      case "sinh":
        return map(a, Math::sinh);
      case "cosh":
        return map(a, Math::cosh);
      case "tanh":
        return map(a, Math::tanh);
      case "floor":
        return map(a, Math::floor);
      case "ceil":
        return map(a, Math::ceil);
      case "nint": // ngspice's nearbyint: to the nearest integer, ties to even
        return map(a, Math::rint);
      case "sgn":
        return map(a, Math::signum);
      case "norm": {
        double[] m = a.mag();
        double mx = 0;
        for (double v : m) {
          mx = Math.max(mx, v);
        }
        double scale = mx == 0 ? 1 : mx;
        return binary("/", a, Vec.scalar("", scale), offset);
      }
      case "mean": {
        double re = 0;
        double im = 0;
        for (int k = 0; k < a.length(); k++) {
          re += a.re(k);
          im += a.im(k);
        }
        return a.isComplex() ? Vec.complex("", new double[] {re / a.length()}, new double[] {im / a.length()})
            : Vec.scalar("", re / a.length());
      }
      case "sum": {
        double re = 0;
        for (int k = 0; k < a.length(); k++) {
          re += a.re(k);
        }
        return Vec.scalar("", re);
      }
      case "avg": {
        double[] x = a.realValues();
        double[] r = new double[x.length];
        double acc = 0;
        for (int k = 0; k < x.length; k++) {
          acc += x[k];
          r[k] = acc / (k + 1);
        }
        return Vec.real("", r);
      }
      case "length":
        return Vec.scalar("", a.length());
      case "vecmax", "maximum": {
        double[] x = a.realValues();
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
          m = Math.max(m, v);
        }
        return Vec.scalar("", m);
      }
      case "vecmin", "minimum": {
        double[] x = a.realValues();
        double m = Double.POSITIVE_INFINITY;
        for (double v : x) {
          m = Math.min(m, v);
        }
        return Vec.scalar("", m);
      }
      case "j":
        return binary("*", a, Vec.complex("", new double[] {0}, new double[] {1}), offset);
      case "vector":
      case "unitvec": {
        int n = (int) Math.round(a.re(0));
        double[] r = new double[Math.max(n, 0)];
        for (int k = 0; k < r.length; k++) {
          r[k] = fn.equals("vector") ? k : 1;
        }
        return Vec.real("", r);
      }
      case "deriv":
      case "integ": {
        Vec sc = s.scale();
        if (sc == null || sc.length() != a.length()) {
          throw new VecException(offset, fn + "() needs a vector of the current plot's scale length");
        }
        double[] t = sc.re();
        double[] x = a.realValues();
        double[] r = new double[x.length];
        if (fn.equals("integ")) {
          for (int k = 1; k < x.length; k++) {
            r[k] = r[k - 1] + 0.5 * (x[k] + x[k - 1]) * (t[k] - t[k - 1]);
          }
        } else {
          for (int k = 0; k < x.length; k++) {
            int lo = Math.max(0, k - 1);
            int hi = Math.min(x.length - 1, k + 1);
            r[k] = hi > lo ? (x[hi] - x[lo]) / (t[hi] - t[lo]) : 0;
          }
        }
        return Vec.real("", r);
      }
      default:
        throw new VecException(offset, "unknown function " + fn + "()");
    }
  }

  /** Node and branch accessors: {@code v(a)}, {@code v(a,b)}, {@code vdb(a)}, {@code i(v1)}, ... */
  private static final List<String> ACCESSORS = List.of("v", "vm", "vdb", "vp", "vr", "vi", "i", "im", "idb",
      "ip", "ir", "ii");

  private static Vec access(String fn, List<String> names, Scope s, int offset) {
    Vec v;
    if (fn.startsWith("v")) {
      v = node(names.get(0), s, offset);
      if (names.size() == 2) {
        v = binary("-", v, node(names.get(1), s, offset), offset);
      }
    } else {
      String key = "i(" + names.get(0) + ")";
      v = s.vector(key);
      if (v == null) {
        v = s.vector(names.get(0) + "#branch");
      }
      if (v == null) {
        throw new VecException(offset, "no vector " + key);
      }
    }
    String f = fn.length() == 1 ? "" : fn.substring(1);
    return switch (f) {
      case "" -> v;
      case "m" -> Vec.real("", v.mag());
      case "db" -> call("db", List.of(v), s, offset);
      case "p" -> call("ph", List.of(v), s, offset);
      case "r" -> call("real", List.of(v), s, offset);
      default -> call("imag", List.of(v), s, offset);
    };
  }

  private static Vec node(String n, Scope s, int offset) {
    if (n.equals("0") || n.equalsIgnoreCase("gnd")) {
      return Vec.scalar("", 0);
    }
    Vec v = s.vector("v(" + n + ")");
    if (v == null) {
      v = s.vector(n);
    }
    if (v == null) {
      throw new VecException(offset, "no vector v(" + n + ")");
    }
    return v;
  }

  // ---------------------------------------------------------------- parser

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean word(String w) {
      skip();
      if (s.regionMatches(true, pos, w, 0, w.length())
          && (pos + w.length() >= s.length() || !Character.isLetterOrDigit(s.charAt(pos + w.length())))) {
        pos += w.length();
        return true;
      }
      return false;
    }

    boolean eat(String t) {
      skip();
      if (s.startsWith(t, pos)) {
        pos += t.length();
        return true;
      }
      return false;
    }

    /**
     * {@code c ? a : b} (as in ngspice's .meas PARAM and B-source expressions): a scalar condition picks
     * one side, a vector one picks element by element (a scalar side stands for every element).
     */
    Node conditional() {
      Node c = or();
      int at = pos;
      if (!eat("?")) {
        return c;
      }
      Node t = conditional();
      if (!eat(":")) {
        throw new VecException(pos, "missing ':' of '?' at " + at);
      }
      Node f = conditional();
      return sc -> {
        Vec cv = c.eval(sc);
        if (cv.length() == 1) {
          return cv.re(0) != 0 || cv.im(0) != 0 ? t.eval(sc) : f.eval(sc);
        }
        Vec tv = t.eval(sc);
        Vec fv = f.eval(sc);
        boolean cplx = tv.isComplex() || fv.isComplex();
        double[] re = new double[cv.length()];
        double[] im = new double[cv.length()];
        for (int i = 0; i < re.length; i++) {
          Vec pick = cv.re(i) != 0 || cv.im(i) != 0 ? tv : fv;
          int j = pick.length() == 1 ? 0 : i;
          if (j >= pick.length()) {
            throw new VecException(at, "vectors of different lengths in '?:'");
          }
          re[i] = pick.re(j);
          im[i] = pick.im(j);
        }
        return cplx ? Vec.complex("", re, im) : Vec.real("", re);
      };
    }

    Node or() {
      Node a = and();
      while (true) {
        int at = pos;
        if (eat("||") || word("or")) {
          Node l = a;
          Node r = and();
          a = sc -> binary("||", l.eval(sc), r.eval(sc), at);
        } else {
          return a;
        }
      }
    }

    Node and() {
      Node a = not();
      while (true) {
        int at = pos;
        if (eat("&&") || word("and")) {
          Node l = a;
          Node r = not();
          a = sc -> binary("&&", l.eval(sc), r.eval(sc), at);
        } else {
          return a;
        }
      }
    }

    Node not() {
      skip();
      int at = pos;
      if ((s.startsWith("!", pos) && !s.startsWith("!=", pos) && eat("!")) || word("not")) {
        Node a = not();
        return sc -> binary("==", a.eval(sc), Vec.scalar("", 0), at);
      }
      return cmp();
    }

    Node cmp() {
      Node a = add();
      skip();
      int at = pos;
      String op = null;
      String[][] ops = {{"==", "=="}, {"!=", "!="}, {"<>", "!="}, {"<=", "<="}, {">=", ">="}, {"<", "<"}, {">", ">"}};
      for (String[] o : ops) {
        if (s.startsWith(o[0], pos)) {
          pos += o[0].length();
          op = o[1];
          break;
        }
      }
      if (op == null) {
        String[][] words = {{"eq", "=="}, {"ne", "!="}, {"le", "<="}, {"ge", ">="}, {"lt", "<"}, {"gt", ">"}};
        for (String[] w : words) {
          if (word(w[0])) {
            op = w[1];
            break;
          }
        }
      }
      if (op == null) {
        return a;
      }
      Node b = add();
      String o = op;
      return sc -> binary(o, a.eval(sc), b.eval(sc), at);
    }

    Node add() {
      Node a = mul();
      while (true) {
        skip();
        int at = pos;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          String op = String.valueOf(s.charAt(pos++));
          Node l = a;
          Node r = mul();
          a = sc -> binary(op, l.eval(sc), r.eval(sc), at);
        } else {
          return a;
        }
      }
    }

    Node mul() {
      Node a = unary();
      while (true) {
        skip();
        int at = pos;
        if (pos < s.length() && "*/%".indexOf(s.charAt(pos)) >= 0 && !s.startsWith("**", pos)) {
          String op = String.valueOf(s.charAt(pos++));
          Node l = a;
          Node r = unary();
          a = sc -> binary(op, l.eval(sc), r.eval(sc), at);
        } else {
          return a;
        }
      }
    }

    Node unary() {
      skip();
      int at = pos;
      if (eat("-")) {
        Node a = unary();
        return sc -> binary("-", Vec.scalar("", 0), a.eval(sc), at);
      }
      if (eat("+")) {
        return unary();
      }
      return power();
    }

    Node power() {
      Node base = postfix();
      skip();
      int at = pos;
      if (eat("^") || eat("**")) {
        Node e = unary();
        return sc -> binary("^", base.eval(sc), e.eval(sc), at);
      }
      return base;
    }

    Node postfix() {
      Node a = primary();
      while (true) {
        skip();
        int at = pos;
        if (!eat("[")) {
          return a;
        }
        Node lo = or();
        Node hi = eat(",") ? or() : null;
        if (!eat("]")) {
          throw new VecException(pos, "missing ']'");
        }
        Node v = a;
        a = sc -> index(v.eval(sc), lo.eval(sc), hi == null ? null : hi.eval(sc), at);
      }
    }

    static Vec index(Vec v, Vec lo, Vec hi, int at) {
      int a = (int) Math.round(lo.re(0));
      int b = hi == null ? a : (int) Math.round(hi.re(0));
      if (a < 0 || b < 0 || a >= v.length() || b >= v.length()) {
        throw new VecException(at, "index out of range: " + v.name() + " has " + v.length() + " elements");
      }
      int n = Math.abs(b - a) + 1;
      int step = b >= a ? 1 : -1;
      double[] re = new double[n];
      double[] im = v.isComplex() ? new double[n] : null;
      for (int k = 0; k < n; k++) {
        re[k] = v.re(a + k * step);
        if (im != null) {
          im[k] = v.im(a + k * step);
        }
      }
      return im == null ? Vec.real("", re) : Vec.complex("", re, im);
    }

    Node primary() {
      skip();
      if (pos >= s.length()) {
        throw new VecException(pos, "expression ends too early");
      }
      int at = pos;
      char ch = s.charAt(pos);
      if (ch == '(' || ch == '{') {
        pos++;
        Node a = conditional();
        if (!eat(ch == '(' ? ")" : "}")) {
          throw new VecException(pos, "missing '" + (ch == '(' ? ")" : "}") + "'");
        }
        return a;
      }
      if (Character.isDigit(ch) || ch == '.') {
        int[] end = {0};
        double v = SpiceNumber.parsePrefix(s, pos, end);
        if (Double.isNaN(v)) {
          throw new VecException(pos, "bad number");
        }
        String why = org.neuristor.expr.UnitLetters.noUnit(s.substring(pos, end[0]));
        if (why != null) {
          throw new VecException(pos, why, true);
        }
        pos = end[0];
        Vec c = Vec.scalar("", v);
        return sc -> c;
      }
      if (Character.isLetter(ch) || ch == '_' || ch == '@' || ch == '#') {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_.#:@$".indexOf(s.charAt(pos)) >= 0)) {
          pos++;
        }
        String name = s.substring(start, pos).toLowerCase(Locale.ROOT);
        skip();
        if (pos < s.length() && s.charAt(pos) == '(') {
          if (ACCESSORS.contains(name)) {
            int close = s.indexOf(')', pos);
            if (close < 0) {
              throw new VecException(pos, "missing ')'");
            }
            List<String> names = new ArrayList<>();
            for (String p : s.substring(pos + 1, close).split(",")) {
              String n = p.trim();
              if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1); // v("/A"): ngspice quotes node names such as KiCad's
              }
              names.add(n.toLowerCase(Locale.ROOT));
            }
            pos = close + 1;
            if (names.size() > 2 || names.get(0).isEmpty()) {
              throw new VecException(at, name + "() takes one or two node names");
            }
            String whole = name + "(" + String.join(",", names) + ")";
            return sc -> {
              Vec direct = sc.vector(whole);
              return direct != null ? direct : access(name, names, sc, at);
            };
          }
          pos++;
          List<Node> args = new ArrayList<>();
          skip();
          if (!eat(")")) {
            do {
              args.add(conditional());
            } while (eat(","));
            if (!eat(")")) {
              throw new VecException(pos, "expected ',' or ')' in call of " + name);
            }
          }
          return sc -> {
            List<Vec> vals = new ArrayList<>();
            for (Node n : args) {
              vals.add(n.eval(sc));
            }
            return call(name, vals, sc, at);
          };
        }
        return sc -> {
          Vec v = sc.vector(name);
          if (v == null) {
            v = sc.vector("v(" + name + ")");
          }
          if (v == null) {
            if (name.equals("pi")) {
              return Vec.scalar("pi", Math.PI);
            }
            throw new VecException(at, "no vector or parameter named " + name);
          }
          return v;
        };
      }
      throw new VecException(pos, "unexpected '" + ch + "' in expression");
    }
  }

  /** A scope over one plot plus extra named scalars (measurement results, parameters). */
  public static Scope scope(Plot plot, Function<String, Vec> extra) {
    return new Scope() {
      @Override
      public Vec vector(String name) {
        Vec v = plot == null ? null : plot.get(name);
        return v != null ? v : extra.apply(name);
      }

      @Override
      public Vec scale() {
        return plot == null ? null : plot.scale();
      }
    };
  }
}
