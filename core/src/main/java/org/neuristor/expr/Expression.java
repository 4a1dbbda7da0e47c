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
 * braces, and the functions exp ln log log10 sqrt abs sin cos tan asin acos atan (arctan) atan2 sinh
 * cosh tanh asinh acosh atanh pow pwr min max limit u uramp sgn floor ceil int nint if, user functions,
 * {@code ddt()} and the random draws agauss gauss aunif unif ({@link Context}).
 *
 * <p>Following ngspice's B source, {@code x**y}, {@code x^y} and {@code pow(x, y)} are |x|^y
 * ({@code (-2)**3} is 8), {@code pwr(x, y)} is sign(x) |x|^y and {@code u(0)} is 0.5; a division by a
 * non-constant divisor shifts it 1e-32 away from zero and {@code ln(0)} is -1e99, so that a Newton
 * iteration starting at 0 V stays finite; {@code sqrt}, {@code ln} and {@code log} use the absolute value
 * of a negative argument (where ngspice stops with an error).
 * Derivatives of non-smooth functions take one-sided values (abs'(0) = 0, u' = 0; min/max follow
 * the active argument).
 */
public final class Expression {
  private final String text;
  private final Ast root;
  private final List<Derivative> derivatives;

  private Expression(String text, Ast root) {
    this(text, root, List.of());
  }

  private Expression(String text, Ast root, List<Derivative> derivatives) {
    this.text = text;
    this.root = root;
    this.derivatives = derivatives;
  }

  /**
   * A time derivative {@code ddt(body)} in a behavioural source: the parsed expression reads it as the
   * current probe {@code I(id)}; the netlist compiler adds an element named {@code id} whose branch
   * unknown is d/dt of {@code body} (0 in DC analyses).
   */
  public record Derivative(String id, Expression body) {}

  /** The {@code ddt()} calls of this expression, in order (their ids are {@code ddt#1}, {@code ddt#2}, ...). */
  public List<Derivative> derivatives() {
    return derivatives;
  }

  /**
   * A user function ({@code .func f(x, y) = {body}} or {@code .param f(x) = ...}): its parameter names
   * and body text. Calls are inlined when an expression is parsed, so evaluators see only built-in
   * operations.
   */
  public record UserFunction(String name, List<String> params, String body) {}

  /**
   * What an expression may call besides the built-ins: user functions, and the random draws of
   * {@code agauss(nom, abs, sigma)}, {@code gauss(nom, rel, sigma)}, {@code aunif(nom, abs)} and
   * {@code unif(nom, rel)}, which are drawn once when the expression is parsed (their arguments must
   * be constant) from the netlist's seeded generator.
   */
  public interface Context {
    /** The user function called {@code name} (lower case), or null. */
    UserFunction function(String name);

    /** The generator of the random functions, or null when none is available. */
    java.util.random.RandomGenerator random();

    /** A parameter's value for the arguments of the random functions, or null. */
    default Double param(String name) {
      return null;
    }

    Context NONE = new Context() {
      @Override
      public UserFunction function(String name) {
        return null;
      }

      @Override
      public java.util.random.RandomGenerator random() {
        return null;
      }
    };
  }

  /** Parses an expression; throws {@link ExpressionException} with the offending offset. */
  public static Expression parse(String text) {
    return parse(text, Context.NONE);
  }

  /** Parses with user functions and random draws (see {@link Context}). */
  public static Expression parse(String text, Context context) {
    Parser p = new Parser(text, context, new java.util.ArrayDeque<>(), 0);
    Ast a = p.ternary();
    p.skip();
    if (p.pos < text.length()) {
      throw new ExpressionException(p.pos, "unexpected '" + text.charAt(p.pos) + "' in expression");
    }
    return new Expression(text, a, List.copyOf(p.derivatives));
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

  /**
   * A walk over the parsed tree, leaves first: how an expression is written in another simulator's language (the
   * device export's LTspice and Verilog-A forms are this tree printed in their dialects). User functions are inlined
   * and random draws made when the expression is parsed, so a visitor sees only numbers, names ({@code time},
   * {@code pi}, parameters), probes and operations.
   */
  public interface Visitor<T> {
    T number(double value);

    T name(String name);

    T probe(Probe probe);

    /**
     * An operation on its visited arguments: {@code + - * /}, {@code neg} (unary minus), {@code !}, the comparisons
     * {@code == != < <= > >=}, {@code && ||}, {@code ?:} (condition, then, else), {@code pow} (for {@code **} and
     * {@code ^} as well) and the functions by their lower-case names.
     */
    T apply(String op, List<T> args);
  }

  /** The tree walked by {@code visitor}. */
  public <T> T visit(Visitor<T> visitor) {
    return root.visit(visitor);
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
    return constantTape(params).valueAndGradient(new double[0], 0, new double[0]);
  }

  /**
   * Refuses what {@link #evaluate} would refuse, a name that {@code known} does not accept ("unknown parameter") or a
   * probe, without evaluating: the parameters' values are not asked for (a {@code .param} that no value uses is checked
   * as ngspice evaluates it, and evaluating it would draw its {@code agauss()} arguments from the netlist's generator).
   */
  public void check(java.util.function.Predicate<String> known) {
    constantTape(name -> known.test(name) ? 0.0 : null);
  }

  private Tape constantTape(Function<String, Double> params) {
    if (!probes().isEmpty()) {
      throw new ExpressionException(0, "V() and I() are only allowed in behavioural sources");
    }
    return tape(params, List.of());
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
    int result = root.compile(params, order, b, new Memo());
    return b.build(result);
  }

  /** One compilation's common subexpressions: structural keys and the slot computed for each. */
  private static final class Memo {
    /** Structural keys met so far, numbered in order: equal numbers mean structurally equal subexpressions. */
    private final Map<String, Integer> ids = new java.util.HashMap<>();
    /** The key of each operation node, computed once. */
    final Map<Ast, String> keys = new java.util.IdentityHashMap<>();
    final Map<String, Integer> slots = new java.util.HashMap<>();

    /** The number of structural key {@code key} (a new one for a key not met before). */
    int id(String key) {
      Integer id = ids.get(key);
      if (id == null) {
        id = ids.size();
        ids.put(key, id);
      }
      return id;
    }
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
    abstract int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Memo memo);

    /**
     * Structural key: equal keys mean equal subexpressions (for common-subexpression sharing). An operation's key
     * names its arguments by their numbers in {@code memo} (see {@link Memo#id}), so it is as long as the node
     * itself, not its whole subtree.
     */
    abstract String key(Memo memo);

    /** A copy with the named parameters replaced (user-function inlining); new nodes report {@code at}. */
    abstract Ast substitute(java.util.Map<String, Ast> bind, int at);

    /** Whether the expression reads no V()/I() and no time. */
    abstract boolean probesFree();

    abstract <T> T visit(Visitor<T> v);
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
    String key(Memo memo) {
      return "#" + Double.doubleToLongBits(value);
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Memo memo) {
      return b.constant(value);
    }

    @Override
    Ast substitute(java.util.Map<String, Ast> bind, int at) {
      return new Num(at, value);
    }

    @Override
    <T> T visit(Visitor<T> v) {
      return v.number(value);
    }

    @Override
    boolean probesFree() {
      return true;
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
    String key(Memo memo) {
      return "$" + name;
    }

    @Override
    Ast substitute(java.util.Map<String, Ast> bind, int at) {
      Ast a = bind.get(name);
      return a != null ? a : new Ident(at, name);
    }

    @Override
    <T> T visit(Visitor<T> v) {
      return v.name(name);
    }

    @Override
    boolean probesFree() {
      return !name.equals("time");
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Memo memo) {
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
    String key(Memo memo) {
      return "@" + probe;
    }

    @Override
    Ast substitute(java.util.Map<String, Ast> bind, int at) {
      return new ProbeRef(at, probe);
    }

    @Override
    <T> T visit(Visitor<T> v) {
      return v.probe(probe);
    }

    @Override
    boolean probesFree() {
      return false;
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Memo memo) {
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

    @Override
    Ast substitute(java.util.Map<String, Ast> bind, int at) {
      Ast[] a = new Ast[args.length];
      for (int i = 0; i < a.length; i++) {
        a[i] = args[i].substitute(bind, at);
      }
      return new Op(at, op, a);
    }

    @Override
    <T> T visit(Visitor<T> v) {
      List<T> a = new ArrayList<>(args.length);
      for (Ast x : args) {
        a.add(x.visit(v));
      }
      return v.apply(op, a);
    }

    @Override
    boolean probesFree() {
      for (Ast a : args) {
        if (!a.probesFree()) {
          return false;
        }
      }
      return true;
    }

    @Override
    String key(Memo memo) {
      String key = memo.keys.get(this);
      if (key == null) {
        StringBuilder sb = new StringBuilder(op).append('(');
        for (Ast a : args) {
          sb.append(memo.id(a.key(memo))).append(',');
        }
        key = sb.append(')').toString();
        memo.keys.put(this, key);
      }
      return key;
    }

    @Override
    int compile(Function<String, Double> params, List<Probe> order, Tape.Builder b, Memo memo) {
      String key = key(memo);
      Integer known = memo.slots.get(key);
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
        case "/" -> b.op(Tape.DIV, c[0], b.isConstant(c[1]) ? c[1] : b.unary(Functions.DIVISOR, c[1]), 0);
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
      memo.slots.put(key, slot);
      return slot;
    }
  }

  // ---------------------------------------------------------------- parser

  private static final class Parser {
    final String s;
    int pos;

    final Context context;
    final java.util.Deque<String> calling;
    final int base;
    final List<Derivative> derivatives;

    /** @param base offset of this text in the outermost expression (errors in inlined bodies point at the call) */
    Parser(String s, Context context, java.util.Deque<String> calling, int base) {
      this.s = s;
      this.context = context;
      this.calling = calling;
      this.base = base;
      this.derivatives = new ArrayList<>();
    }

    private Parser(String s, Parser outer, int base) {
      this.s = s;
      this.context = outer.context;
      this.calling = outer.calling;
      this.base = base;
      this.derivatives = outer.derivatives;
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
        String why = UnitLetters.noUnit(s.substring(pos, end[0])); // 2kss*3: ss is no unit
        if (why != null) {
          throw new ExpressionException(pos, why, true);
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
          if (name.equals("ddt")) {
            if (args.size() != 1) {
              throw new ExpressionException(at, "ddt() takes 1 argument, got " + args.size());
            }
            String id = "ddt#" + (derivatives.size() + 1);
            derivatives.add(new Derivative(id, new Expression("ddt", args.get(0))));
            return new ProbeRef(at, Probe.current(id));
          }
          UserFunction uf = context.function(name);
          if (uf != null) {
            return inline(uf, args, at);
          }
          if (Functions.RANDOM.contains(name)) {
            return random(name, args, at);
          }
          Functions.checkArity(name, args.size(), at);
          return new Op(at, name, args.toArray(new Ast[0]));
        }
        return new Ident(at, name);
      }
      throw new ExpressionException(pos, "unexpected '" + ch + "' in expression");
    }

    /** A user function call: the body with each parameter replaced by the argument's expression. */
    Ast inline(UserFunction uf, List<Ast> args, int at) {
      if (args.size() != uf.params().size()) {
        throw new ExpressionException(at, uf.name() + "() takes " + uf.params().size() + " argument"
            + (uf.params().size() == 1 ? "" : "s") + ", got " + args.size());
      }
      if (calling.contains(uf.name()) || calling.size() > 64) {
        throw new ExpressionException(at, "recursive user function " + uf.name() + "()");
      }
      calling.push(uf.name());
      try {
        Parser body = new Parser(uf.body(), this, at);
        Ast a = body.ternary();
        body.skip();
        if (body.pos < uf.body().length()) {
          throw new ExpressionException(at, "in " + uf.name() + "(): unexpected '" + uf.body().charAt(body.pos) + "'");
        }
        java.util.Map<String, Ast> bind = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i++) {
          bind.put(uf.params().get(i), args.get(i));
        }
        return a.substitute(bind, at);
      } catch (ExpressionException e) {
        if (e.offset() == at) {
          throw e;
        }
        throw new ExpressionException(at, "in " + uf.name() + "(): " + e.getMessage(), e.letters());
      } finally {
        calling.pop();
      }
    }

    /** A random draw, made once now: the arguments must be constant. */
    Ast random(String name, List<Ast> args, int at) {
      Functions.checkArity(name, args.size(), at);
      java.util.random.RandomGenerator rng = context.random();
      if (rng == null) {
        throw new ExpressionException(at, name + "() needs a seeded netlist context (not available here)");
      }
      double[] a = new double[args.size()];
      for (int i = 0; i < a.length; i++) {
        if (!args.get(i).probesFree()) {
          throw new ExpressionException(at, name + "() needs constant arguments (it is drawn once, not per time step)");
        }
        Tape.Builder b = new Tape.Builder(0);
        int slot = args.get(i).compile(context::param, List.of(), b, new Memo());
        if (!b.isConstant(slot)) {
          throw new ExpressionException(at, name + "() needs constant arguments (numbers and parameters)");
        }
        a[i] = b.valueOf(slot);
      }
      return new Num(at, Functions.draw(name, a, rng));
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
