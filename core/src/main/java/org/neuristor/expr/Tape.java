package org.neuristor.expr;

import java.util.Arrays;
import org.neuristor.circuit.element.BehavioralSource;

/**
 * A compiled expression: a flat program ("tape") over numbered slots, evaluated in one loop that computes
 * every slot's value and its gradient with respect to the inputs together (forward-mode automatic
 * differentiation). Slots 0..m-1 hold the inputs (their gradients are the unit vectors), then the time, the
 * constants (parameters folded at compile time) and the results of the instructions in order. Each distinct
 * subexpression is one slot (value numbering), so a gate function used twice is computed once, and every
 * function of one argument is evaluated once per slot with its derivative from the same value.
 *
 * <p>One interpreter loop serves every expression of every circuit, so it is compiled once by the JIT; it
 * allocates nothing and takes no lock. An instance is not thread safe (it owns its work arrays): each
 * behavioural source owns its compiled expression.
 */
final class Tape implements BehavioralSource.Function {
  // Instruction layout: WIDTH ints per instruction: op, dst, a, b, c.
  static final int WIDTH = 5;
  static final int ADD = 0;
  static final int SUB = 1;
  static final int MUL = 2;
  static final int DIV = 3;
  static final int NEG = 4;
  /** dst = unary[c](a). */
  static final int UNARY = 5;
  /** dst = nary[c](args[a .. a+b)). */
  static final int NARY = 6;
  /** dst = a != 0 ? b : c. */
  static final int SELECT = 7;
  static final int EQ = 8;
  static final int NE = 9;
  static final int LT = 10;
  static final int LE = 11;
  static final int GT = 12;
  static final int GE = 13;
  static final int AND = 14;
  static final int OR = 15;
  static final int NOT = 16;

  private final int m;
  private final int timeSlot;
  private final int result;
  private final int[] code;
  private final int[] args;
  private final Functions.Unary[] unary;
  private final Functions.Nary[] nary;
  private final double[] val;
  private final double[] grad;
  private final double[] argv;
  private final double[] partial;

  Tape(int m, int timeSlot, int result, int[] code, int[] args, Functions.Unary[] unary, Functions.Nary[] nary,
      double[] val, double[] grad) {
    this.m = m;
    this.timeSlot = timeSlot;
    this.result = result;
    this.code = code;
    this.args = args;
    this.unary = unary;
    this.nary = nary;
    this.val = val;
    this.grad = grad;
    int maxArgs = 0;
    for (int pc = 0; pc < code.length; pc += WIDTH) {
      if (code[pc] == NARY) {
        maxArgs = Math.max(maxArgs, code[pc + 3]);
      }
    }
    this.argv = new double[maxArgs];
    this.partial = new double[maxArgs];
  }

  /** Number of instructions (for tests and reports). */
  int instructions() {
    return code.length / WIDTH;
  }

  int inputs() {
    return m;
  }

  int timeSlot() {
    return timeSlot;
  }

  int result() {
    return result;
  }

  int slots() {
    return val.length;
  }

  /** The instructions (not a copy: read only). */
  int[] code() {
    return code;
  }

  /** A copy of the slot values: the constants at their slots. */
  double[] constants() {
    return val.clone();
  }

  Functions.Unary[] unaryTable() {
    return unary.clone();
  }

  @Override
  public double valueAndGradient(double[] inputs, double time, double[] gradient) {
    System.arraycopy(inputs, 0, val, 0, m);
    if (timeSlot >= 0) {
      val[timeSlot] = time;
    }
    run(code, val, grad, m, 0, code.length);
    System.arraycopy(grad, result * m, gradient, 0, m);
    return val[result];
  }

  /** Executes instructions [from, to) of {@code code}. */
  void run(int[] code, double[] val, double[] grad, int m, int from, int to) {
    for (int pc = from; pc < to; pc += WIDTH) {
      int d = code[pc + 1];
      int a = code[pc + 2];
      int b = code[pc + 3];
      int gd = d * m;
      int ga = a * m;
      int gb = b * m;
      switch (code[pc]) {
        case ADD -> {
          val[d] = val[a] + val[b];
          for (int k = 0; k < m; k++) {
            grad[gd + k] = grad[ga + k] + grad[gb + k];
          }
        }
        case SUB -> {
          val[d] = val[a] - val[b];
          for (int k = 0; k < m; k++) {
            grad[gd + k] = grad[ga + k] - grad[gb + k];
          }
        }
        case MUL -> {
          double x = val[a];
          double y = val[b];
          val[d] = x * y;
          for (int k = 0; k < m; k++) {
            grad[gd + k] = grad[ga + k] * y + x * grad[gb + k];
          }
        }
        case DIV -> {
          double x = val[a];
          double y = val[b];
          val[d] = x / y;
          double yy = y * y;
          for (int k = 0; k < m; k++) {
            grad[gd + k] = (grad[ga + k] * y - x * grad[gb + k]) / yy;
          }
        }
        case NEG -> {
          val[d] = -val[a];
          for (int k = 0; k < m; k++) {
            grad[gd + k] = -grad[ga + k];
          }
        }
        case UNARY -> {
          Functions.Unary f = unary[code[pc + 4]];
          double x = val[a];
          double y = f.value(x);
          val[d] = y;
          double dy = f.derivative(x, y);
          for (int k = 0; k < m; k++) {
            double gk = grad[ga + k];
            grad[gd + k] = gk == 0 ? 0 : dy * gk; // a zero gradient stays zero at a kink or pole
          }
        }
        case NARY -> {
          for (int i = 0; i < b; i++) {
            argv[i] = val[args[a + i]];
          }
          val[d] = nary[code[pc + 4]].apply(argv, b, partial);
          for (int k = 0; k < m; k++) {
            double s = 0;
            for (int i = 0; i < b; i++) {
              double gk = grad[args[a + i] * m + k];
              if (gk != 0 && partial[i] != 0) {
                s += partial[i] * gk;
              }
            }
            grad[gd + k] = s;
          }
        }
        case SELECT -> {
          int pick = val[a] != 0 ? b : code[pc + 4];
          val[d] = val[pick];
          System.arraycopy(grad, pick * m, grad, gd, m);
        }
        case EQ -> val[d] = val[a] == val[b] ? 1 : 0;
        case NE -> val[d] = val[a] != val[b] ? 1 : 0;
        case LT -> val[d] = val[a] < val[b] ? 1 : 0;
        case LE -> val[d] = val[a] <= val[b] ? 1 : 0;
        case GT -> val[d] = val[a] > val[b] ? 1 : 0;
        case GE -> val[d] = val[a] >= val[b] ? 1 : 0;
        case AND -> val[d] = val[a] != 0 && val[b] != 0 ? 1 : 0;
        case OR -> val[d] = val[a] != 0 || val[b] != 0 ? 1 : 0;
        case NOT -> val[d] = val[a] == 0 ? 1 : 0;
        default -> throw new IllegalStateException("bad opcode " + code[pc]);
      }
    }
  }

  /**
   * Builds a tape instruction by instruction. Instructions whose operands are all constants are executed at
   * once (constant folding) and leave only their value.
   */
  static final class Builder {
    private final int m;
    private int[] code = new int[8 * WIDTH];
    private int pc;
    private int[] args = new int[8];
    private int nArgs;
    private double[] val;
    private boolean[] constant;
    private int slots;
    private int timeSlot = -1;
    private final java.util.List<Functions.Unary> unary = new java.util.ArrayList<>();
    private final java.util.List<Functions.Nary> nary = new java.util.ArrayList<>();
    private final java.util.Map<Long, Integer> constants = new java.util.HashMap<>();

    Builder(int inputs) {
      this.m = inputs;
      this.val = new double[Math.max(16, 2 * inputs)];
      this.constant = new boolean[val.length];
      slots = inputs;
    }

    int input(int k) {
      return k;
    }

    int time() {
      if (timeSlot < 0) {
        timeSlot = newSlot(false);
      }
      return timeSlot;
    }

    int constant(double v) {
      return constants.computeIfAbsent(Double.doubleToRawLongBits(v), bits -> {
        int s = newSlot(true);
        val[s] = v;
        return s;
      });
    }

    boolean isConstant(int slot) {
      return constant[slot];
    }

    double valueOf(int slot) {
      return val[slot];
    }

    private int newSlot(boolean isConst) {
      if (slots == val.length) {
        val = Arrays.copyOf(val, 2 * slots);
        constant = Arrays.copyOf(constant, 2 * slots);
      }
      constant[slots] = isConst;
      return slots++;
    }

    /** Appends {@code op} on operand slots; returns the result slot (a constant slot when folded). */
    int op(int op, int a, int b, int c) {
      int d = newSlot(false);
      if (pc + WIDTH > code.length) {
        code = Arrays.copyOf(code, 2 * code.length);
      }
      code[pc] = op;
      code[pc + 1] = d;
      code[pc + 2] = a;
      code[pc + 3] = b;
      code[pc + 4] = c;
      boolean foldable = switch (op) {
        case NEG, NOT, UNARY -> constant[a];
        case NARY -> {
          boolean all = true;
          for (int i = 0; i < b; i++) {
            all &= constant[args[a + i]];
          }
          yield all;
        }
        case SELECT -> constant[a] && constant[b] && constant[c];
        default -> constant[a] && constant[b];
      };
      if (!foldable) {
        pc += WIDTH;
        return d;
      }
      // run this one instruction now on the constant values (gradients of constants are zero)
      Tape t = new Tape(m, -1, d, Arrays.copyOfRange(code, pc, pc + WIDTH), Arrays.copyOf(args, nArgs),
          unary.toArray(new Functions.Unary[0]), nary.toArray(new Functions.Nary[0]), Arrays.copyOf(val, slots),
          new double[slots * m]);
      t.run(t.code, t.val, t.grad, m, 0, WIDTH);
      double v = t.val[d];
      slots--; // drop the instruction's own slot; its value becomes a constant
      return constant(v);
    }

    int unary(Functions.Unary f, int a) {
      int c = unary.indexOf(f);
      if (c < 0) {
        c = unary.size();
        unary.add(f);
      }
      return op(UNARY, a, 0, c);
    }

    int nary(Functions.Nary f, int[] operands) {
      int c = nary.indexOf(f);
      if (c < 0) {
        c = nary.size();
        nary.add(f);
      }
      while (nArgs + operands.length > args.length) {
        args = Arrays.copyOf(args, 2 * args.length);
      }
      int start = nArgs;
      System.arraycopy(operands, 0, args, nArgs, operands.length);
      nArgs += operands.length;
      int d = op(NARY, start, operands.length, c);
      if (constant[d]) {
        nArgs = start;
      }
      return d;
    }

    /** The finished tape whose value is slot {@code result}. */
    Tape build(int result) {
      double[] v = Arrays.copyOf(val, slots);
      double[] g = new double[slots * m];
      for (int k = 0; k < m; k++) {
        g[k * m + k] = 1.0;
      }
      return new Tape(m, timeSlot, result, Arrays.copyOf(code, pc), Arrays.copyOf(args, nArgs),
          unary.toArray(new Functions.Unary[0]), nary.toArray(new Functions.Nary[0]), v, g);
    }
  }
}
