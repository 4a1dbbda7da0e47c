package org.neuristor.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.BehavioralSource.Probe;

/**
 * An arithmetic expression in ngspice's syntax, as used by {@code .param} values, {@code {...}}
 * substitutions and behavioural {@code B} sources.
 *
 * <p>Grammar (case-insensitive), lowest precedence first: {@code c ? a : b}; {@code ||};
 * {@code &&}; {@code == != < <= > >=}; {@code + -}; {@code * /}; unary {@code - + !}; power
 * {@code ^} or {@code **} (right associative); primaries: SPICE numbers with suffixes, parameter
 * names, {@code time}, {@code pi}, {@code V(a)}, {@code V(a,b)}, {@code I(vsource)}, parentheses and
 * braces, and the functions exp ln log log10 sqrt abs sin cos tan asin acos atan atan2 sinh cosh tanh
 * pow pwr min max limit u uramp sgn floor ceil int if.
 *
 * <p>Following ngspice's B source, {@code sqrt}, {@code ln} and {@code log} use the absolute value
 * of a negative argument, and {@code pow(x, y)} with negative x and non-integer y uses |x|.
 * Derivatives of non-smooth functions take one-sided values (abs'(0) = 0, u' = 0; min/max follow
 * the active argument).
 */
public final class Expression {
  private final String text;
  private final Ast root;

  private Expression(String text, Ast root) {
    this.text = text;
    this.root = root;
  }

  /** Parses an expression; throws {@link ExpressionException} with the offending offset. */
  public static Expression parse(String text) {
    Parser p = new Parser(text);
    Ast a = p.ternary();
    p.skip();
    if (p.pos < text.length()) {
      throw new ExpressionException(p.pos, "unexpected '" + text.charAt(p.pos) + "' in expression");
    }
    return new Expression(text, a);
  }

  public String text() {
    return text;
  }

  /** Names of the parameters the expression refers to (lower case). */
  public Set<String> parameters() {
    Set<String> s = new LinkedHashSet<>();
    root.collect(s, null);
    return s;
  }

  /** The probes V(..)/I(..) the expression reads, in order of first appearance. */
  public List<Probe> probes() {
    List<Probe> l = new ArrayList<>();
    root.collect(null, l);
    return l;
  }

  /** Whether the expression reads {@code time}. */
  public boolean usesTime() {
    return root.usesTime();
  }

  /**
   * Evaluates a constant expression; {@code params} resolves parameter names (lower case) and
   * returns null for unknown ones.
   */
  public double evaluate(Function<String, Double> params) {
    if (!probes().isEmpty()) {
      throw new ExpressionException(0, "V() and I() are only allowed in behavioural sources");
    }
    return tape(params, List.of()).valueAndGradient(new double[0], 0, new double[0]);
  }

  /**
   * Compiles with parameters folded to constants and probes as indexed inputs (in {@code order}) into a
   * {@link Tape} (value and gradient in one pass, each distinct subexpression computed once), translated to
   * bytecode by {@link TapeCompiler}.
   */
  public BehavioralSource.Function compile(Function<String, Double> params, List<Probe> order) {
    return TapeCompiler.compile(tape(params, order));
  }

  /** The interpreted tape (what {@link #compile} translates to bytecode). */
  Tape tape(Function<String, Double> params, List<Probe> order) {
    Tape.Builder b = new Tape.Builder(order.size());
    int result = root.compile(params, order, b, new java.util.HashMap<>());
    return b.build(result);
  }

  // ---------------------------------------------------------------- AST

  private abstract static class Ast {
    final int offset;

    Ast(int offset) {
      this.offset = offset;
    }

    abstract void collect(Set<String> params, List<Probe> probes);

    abstract boolean usesTime();

    /** Emits this subexpression into the tape; returns its slot. {@code memo} maps keys to slots. */
    abstract int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Map<String, Integer> memo);

    /** Structural key: equal keys mean equal subexpressions (for common-subexpression sharing). */
    abstract String key();
  }

  private static final class Num extends Ast {
    final double value;

    Num(int off, double v) {
      super(off);
      this.value = v;
    }

    @Override
    void collect(Set<String> p, List<Probe> q) {}

    @Override
    boolean usesTime() {
      return false;
    }

    @Override
    String key() {
      return "#" + Double.doubleToLongBits(value);
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Map<String, Integer> memo) {
      return b.constant(value);
    }
  }

  private static final class Ident extends Ast {
    final String name;

    Ident(int off, String name) {
      super(off);
      this.name = name;
    }

    @Override
    void collect(Set<String> p, List<Probe> q) {
      if (p != null && !name.equals("time") && !name.equals("pi")) {
        p.add(name);
      }
    }

    @Override
    boolean usesTime() {
      return name.equals("time");
    }

    @Override
    String key() {
      return "$" + name;
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Map<String, Integer> memo) {
      if (name.equals("time")) {
        return b.time();
      }
      Double val = params.apply(name);
      if (val == null) {
        if (name.equals("pi")) {
          return b.constant(Math.PI);
        }
        throw new ExpressionException(offset, "unknown parameter '" + name + "'");
      }
      return b.constant(val);
    }
  }

  private static final class ProbeRef extends Ast {
    final Probe probe;

    ProbeRef(int off, Probe p) {
      super(off);
      this.probe = p;
    }

    @Override
    void collect(Set<String> p, List<Probe> q) {
      if (q != null && !q.contains(probe)) {
        q.add(probe);
      }
    }

    @Override
    boolean usesTime() {
      return false;
    }

    @Override
    String key() {
      return "@" + probe;
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Map<String, Integer> memo) {
      int k = order.indexOf(probe);
      if (k < 0) {
        throw new ExpressionException(offset, "V()/I() not allowed here");
      }
      return b.input(k);
    }
  }

  private static final class Op extends Ast {
    final String op;
    final Ast[] args;

    Op(int off, String op, Ast... args) {
      super(off);
      this.op = op;
      this.args = args;
    }

    @Override
    void collect(Set<String> p, List<Probe> q) {
      for (Ast a : args) {
        a.collect(p, q);
      }
    }

    @Override
    boolean usesTime() {
      for (Ast a : args) {
        if (a.usesTime()) {
          return true;
        }
      }
      return false;
    }

    private String key;

    @Override
    String key() {
      if (key == null) {
        StringBuilder sb = new StringBuilder(op).append('(');
        for (Ast a : args) {
          sb.append(a.key()).append(',');
        }
        key = sb.append(')').toString();
      }
      return key;
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Map<String, Integer> memo) {
      Integer known = memo.get(key());
      if (known != null) {
        return known; // the same subexpression again: one slot, computed once
      }
      int[] c = new int[args.length];
      for (int i = 0; i < args.length; i++) {
        c[i] = args[i].compile(params, order, b, memo);
      }
      int slot = switch (op) {
        case "+" -> b.op(Tape.ADD, c[0], c[1], 0);
        case "-" -> b.op(Tape.SUB, c[0], c[1], 0);
        case "*" -> b.op(Tape.MUL, c[0], c[1], 0);
        case "/" -> b.op(Tape.DIV, c[0], c[1], 0);
        case "neg" -> b.op(Tape.NEG, c[0], 0, 0);
        case "!" -> b.op(Tape.NOT, c[0], 0, 0);
        case "==" -> b.op(Tape.EQ, c[0], c[1], 0);
        case "!=" -> b.op(Tape.NE, c[0], c[1], 0);
        case "<" -> b.op(Tape.LT, c[0], c[1], 0);
        case "<=" -> b.op(Tape.LE, c[0], c[1], 0);
        case ">" -> b.op(Tape.GT, c[0], c[1], 0);
        case ">=" -> b.op(Tape.GE, c[0], c[1], 0);
        case "&&" -> b.op(Tape.AND, c[0], c[1], 0);
        case "||" -> b.op(Tape.OR, c[0], c[1], 0);
        case "?:", "if" -> b.op(Tape.SELECT, c[0], c[1], c[2]);
        default -> {
          Functions.Def f = Functions.lookup(op);
          if (f == null) {
            throw new ExpressionException(offset, "unknown function '" + op + "'");
          }
          yield f.unary() != null ? b.unary(f.unary(), c[0]) : b.nary(f.nary(), c);
        }
      };
      if (b.isConstant(slot) && !Double.isFinite(b.valueOf(slot))) {
        throw new ExpressionException(offset, "expression evaluates to " + b.valueOf(slot) + " (" + op + ")");
      }
      memo.put(key(), slot);
      return slot;
    }
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

    boolean eat(String tok) {
      skip();
      if (s.startsWith(tok, pos)) {
        pos += tok.length();
        return true;
      }
      return false;
    }

    Ast ternary() {
      Ast c = or();
      skip();
      int at = pos;
      if (eat("?")) {
        Ast a = ternary();
        if (!eat(":")) {
          throw new ExpressionException(pos, "expected ':' of the '?' at offset " + at);
        }
        Ast b = ternary();
        return new Op(at, "?:", c, a, b);
      }
      return c;
    }

    Ast or() {
      Ast a = and();
      while (true) {
        skip();
        int at = pos;
        if (eat("||")) {
          a = new Op(at, "||", a, and());
        } else {
          return a;
        }
      }
    }

    Ast and() {
      Ast a = cmp();
      while (true) {
        skip();
        int at = pos;
        if (eat("&&")) {
          a = new Op(at, "&&", a, cmp());
        } else {
          return a;
        }
      }
    }

    Ast cmp() {
      Ast a = add();
      while (true) {
        skip();
        int at = pos;
        String op = null;
        for (String o : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
          if (s.startsWith(o, pos)) {
            op = o;
            break;
          }
        }
        if (op == null) {
          return a;
        }
        pos += op.length();
        a = new Op(at, op, a, add());
      }
    }

    Ast add() {
      Ast a = mul();
      while (true) {
        skip();
        int at = pos;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          String op = String.valueOf(s.charAt(pos++));
          a = new Op(at, op, a, mul());
        } else {
          return a;
        }
      }
    }

    Ast mul() {
      Ast a = unary();
      while (true) {
        skip();
        int at = pos;
        if (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/') && !s.startsWith("**", pos)) {
          String op = String.valueOf(s.charAt(pos++));
          a = new Op(at, op, a, unary());
        } else {
          return a;
        }
      }
    }

    Ast unary() {
      skip();
      int at = pos;
      if (eat("-")) {
        return new Op(at, "neg", unary());
      }
      if (eat("+")) {
        return unary();
      }
      if (pos < s.length() && s.charAt(pos) == '!' && !s.startsWith("!=", pos)) {
        pos++;
        return new Op(at, "!", unary());
      }
      return power();
    }

    Ast power() {
      Ast base = primary();
      skip();
      int at = pos;
      if (eat("**") || eat("^")) {
        return new Op(at, "pow", base, unary());
      }
      return base;
    }

    Ast primary() {
      skip();
      if (pos >= s.length()) {
        throw new ExpressionException(pos, "expression ends too early");
      }
      int at = pos;
      char ch = s.charAt(pos);
      if (ch == '(' || ch == '{') {
        pos++;
        Ast a = ternary();
        if (!eat(ch == '(' ? ")" : "}")) {
          throw new ExpressionException(pos, "missing '" + (ch == '(' ? ")" : "}") + "'");
        }
        return a;
      }
      if (Character.isDigit(ch) || ch == '.') {
        int[] end = {0};
        double v = SpiceNumber.parsePrefix(s, pos, end);
        if (Double.isNaN(v)) {
          throw new ExpressionException(pos, "bad number");
        }
        pos = end[0];
        return new Num(at, v);
      }
      if (Character.isLetter(ch) || ch == '_') {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
            || s.charAt(pos) == '.')) {
          pos++;
        }
        String name = s.substring(start, pos).toLowerCase(Locale.ROOT);
        skip();
        if (pos < s.length() && s.charAt(pos) == '(') {
          if (name.equals("v") || name.equals("i")) {
            return probe(at, name);
          }
          pos++;
          List<Ast> args = new ArrayList<>();
          skip();
          if (!eat(")")) {
            do {
              args.add(ternary());
            } while (eat(","));
            if (!eat(")")) {
              throw new ExpressionException(pos, "expected ',' or ')' in call of " + name);
            }
          }
          Functions.checkArity(name, args.size(), at);
          return new Op(at, name, args.toArray(new Ast[0]));
        }
        return new Ident(at, name);
      }
      throw new ExpressionException(pos, "unexpected '" + ch + "' in expression");
    }

    Ast probe(int at, String kind) {
      pos++; // '('
      List<String> names = new ArrayList<>();
      while (true) {
        skip();
        int start = pos;
        while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ')' && !Character.isWhitespace(s.charAt(pos))) {
          pos++;
        }
        if (pos == start) {
          throw new ExpressionException(pos, "expected a " + (kind.equals("v") ? "node" : "source") + " name");
        }
        names.add(s.substring(start, pos).toLowerCase(Locale.ROOT));
        skip();
        if (eat(")")) {
          break;
        }
        if (!eat(",")) {
          throw new ExpressionException(pos, "expected ',' or ')'");
        }
      }
      if (kind.equals("i")) {
        if (names.size() != 1) {
          throw new ExpressionException(at, "I() takes one source name");
        }
        return new ProbeRef(at, Probe.current(names.get(0)));
      }
      if (names.size() > 2) {
        throw new ExpressionException(at, "V() takes one or two node names");
      }
      return new ProbeRef(at, names.size() == 1 ? Probe.voltage(names.get(0))
          : Probe.voltage(names.get(0), names.get(1)));
    }
  }
}
