package org.neuristor.expr;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.neuristor.circuit.element.BehavioralSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Translates a {@link Tape} into JVM bytecode (with ASM): one straight-line method in which every slot's
 * value and gradient components are local variables, so the JIT keeps them in registers and no instruction
 * is dispatched at run time. The operations are exactly the tape's, in its order, so the results are
 * bit-identical to the interpreter's. Constants are read from an array field, not baked into the code, so
 * expressions of the same shape (a sweep changing {@code .param} values) share one generated class and one
 * JIT compilation: classes are memoised by the tape's structure (a bounded, thread-safe cache of pure
 * functions of that structure).
 *
 * <p>Tapes with functions of several arguments, or too large for the JIT's method size limit, stay with the
 * interpreter ({@link #compile} returns the tape itself).
 */
final class TapeCompiler {
  private TapeCompiler() {}

  /** HotSpot does not compile methods above 8000 bytes of bytecode; stay well below. */
  private static final int MAX_CODE_BYTES = 7000;
  private static final int MAX_CACHED = 512;
  /**
   * Constructors of the generated classes by tape shape. Called through reflection rather than a method
   * handle: on JDK 17 a hidden class's constructor is called natively, while the first method-handle call of
   * a process spins some 30 lambda-form classes (several ms of a cold single run).
   */
  private static final Map<String, Constructor<?>> CLASSES = new ConcurrentHashMap<>();
  private static final String FUNCTION = "org/neuristor/circuit/element/BehavioralSource$Function";
  private static final String VALUE = "java/util/function/DoubleUnaryOperator";
  private static final String DERIVATIVE = "java/util/function/DoubleBinaryOperator";

  /** The generated evaluator of {@code tape}, or the tape itself when it cannot be translated. */
  static BehavioralSource.Function compile(Tape tape) {
    if (!translatable(tape)) {
      return tape;
    }
    String key = key(tape);
    Constructor<?> ctor = CLASSES.get(key);
    try {
      if (ctor == null) {
        byte[] bytes = generate(tape, estimate(tape) + loadExtra(tape) < MAX_CODE_BYTES
            && 20L + 2L * tape.slots() * (tape.inputs() + 1) < 60_000);
        MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(bytes, true);
        ctor = l.lookupClass().getDeclaredConstructor(double[].class, DoubleUnaryOperator[].class,
            DoubleBinaryOperator[].class);
        if (CLASSES.size() >= MAX_CACHED) {
          CLASSES.clear(); // a long-lived process that met many shapes starts over instead of caching no more
        }
        CLASSES.putIfAbsent(key, ctor);
      }
      Functions.Unary[] u = tape.unaryTable();
      DoubleUnaryOperator[] value = new DoubleUnaryOperator[u.length];
      DoubleBinaryOperator[] derivative = new DoubleBinaryOperator[u.length];
      for (int i = 0; i < u.length; i++) {
        value[i] = u[i].valueFunction();
        derivative[i] = u[i].derivativeFunction();
      }
      return (BehavioralSource.Function) ctor.newInstance(tape.constants(), value, derivative);
    } catch (Throwable e) {
      return tape; // the interpreter computes the same values
    }
  }

  private static boolean translatable(Tape t) {
    int[] code = t.code();
    for (int pc = 0; pc < code.length; pc += Tape.WIDTH) {
      if (code[pc] == Tape.NARY) {
        return false;
      }
    }
    return estimate(t) < MAX_CODE_BYTES && 6L + 2L * t.slots() * (t.inputs() + 1) < 60_000;
  }

  /** Generous bytecode size of valueAndGradient. */
  private static long estimate(Tape t) {
    return 64L + 12L * t.slots() * (t.inputs() + 1) + (24L + 28L * t.inputs()) * (t.code().length / Tape.WIDTH);
  }

  /** What {@code load} needs beyond {@link #estimate}: gathering the inputs, adding into f and G. */
  private static long loadExtra(Tape t) {
    return 64L + 140L * t.inputs();
  }

  private static String key(Tape t) {
    StringBuilder sb = new StringBuilder().append(t.inputs()).append('/').append(t.timeSlot()).append('/')
        .append(t.result()).append('/').append(t.slots()).append('/').append(Arrays.toString(t.code()));
    for (Functions.Unary u : t.unaryTable()) {
      sb.append('/').append(u.name);
    }
    return sb.toString();
  }

  // the locals of a method from base on: per slot its value and m gradient components (see method)
  private static int valueLocal(int base, int slot, int m) {
    return base + 2 * slot * (m + 1);
  }

  private static int gradLocal(int base, int slot, int k, int m) {
    return valueLocal(base, slot, m) + 2 * (k + 1);
  }

  private static byte[] generate(Tape t, boolean withLoad) {
    String name = "org/neuristor/expr/GeneratedExpression";
    // Class file version 49 (Java 5): it needs no stack map frames, so ASM does not compute them (most of the
    // generation time in a cold process, where ASM runs interpreted); the JVM verifies it by type inference.
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V1_5, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
        new String[] {FUNCTION});
    cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "k", "[D", null, null).visitEnd();
    cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "v", "[L" + VALUE + ";", null, null).visitEnd();
    cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "dv", "[L" + DERIVATIVE + ";", null, null).visitEnd();
    MethodVisitor init = cw.visitMethod(0, "<init>", "([D[L" + VALUE + ";[L" + DERIVATIVE + ";)V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 1);
    init.visitFieldInsn(Opcodes.PUTFIELD, name, "k", "[D");
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 2);
    init.visitFieldInsn(Opcodes.PUTFIELD, name, "v", "[L" + VALUE + ";");
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 3);
    init.visitFieldInsn(Opcodes.PUTFIELD, name, "dv", "[L" + DERIVATIVE + ";");
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    method(cw, name, t, false);
    if (withLoad) {
      method(cw, name, t, true);
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  // locals of valueAndGradient: 0 this, 1 inputs, 2-3 time, 4 gradient, then the slots; of load: 0 this, 1 x, 2-3 time,
  // 4 f, 5 gv, 6 p, 7 n, 8 ia, 9 ib, 10 wiring, 11 in, 12 grad, then the slots
  private static final int LOAD_X = 1;
  private static final int LOAD_F = 4;
  private static final int LOAD_GV = 5;
  private static final int LOAD_P = 6;
  private static final int LOAD_N = 7;
  private static final int LOAD_IA = 8;
  private static final int LOAD_IB = 9;
  private static final int LOAD_WIRING = 10;

  /**
   * {@code valueAndGradient}, or with {@code load} the method {@code load} of {@link BehavioralSource.Function}: the
   * same evaluation with the inputs gathered from x and the result added into f and G, each operation as in the
   * interface's default method (which the generated method replaces without the scratch arrays and loops).
   */
  private static void method(ClassWriter cw, String name, Tape t, boolean load) {
    int m = t.inputs();
    int base = load ? 13 : 5;
    MethodVisitor mv = load
        ? cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "load", "([DD[D[DII[I[I[I[D[D)D", null, null)
        : cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "valueAndGradient", "([DD[D)D", null, null);
    mv.visitCode();
    int[] code = t.code();
    boolean[] written = new boolean[t.slots()];
    for (int pc = 0; pc < code.length; pc += Tape.WIDTH) {
      written[code[pc + 1]] = true;
    }
    // inputs, time and constants: values and (constant) gradients into locals
    for (int s = 0; s < t.slots(); s++) {
      if (written[s]) {
        continue;
      }
      if (s < m && load) {
        // (ia[s] < 0 ? 0 : x[ia[s]]) - (ib[s] < 0 ? 0 : x[ib[s]])
        probe(mv, LOAD_IA, s);
        probe(mv, LOAD_IB, s);
        mv.visitInsn(Opcodes.DSUB);
      } else if (s < m) {
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        push(mv, s);
        mv.visitInsn(Opcodes.DALOAD);
      } else if (s == t.timeSlot()) {
        mv.visitVarInsn(Opcodes.DLOAD, 2);
      } else {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, name, "k", "[D");
        push(mv, s);
        mv.visitInsn(Opcodes.DALOAD);
      }
      mv.visitVarInsn(Opcodes.DSTORE, valueLocal(base, s, m));
      for (int k = 0; k < m; k++) {
        mv.visitInsn(s == k ? Opcodes.DCONST_1 : Opcodes.DCONST_0);
        mv.visitVarInsn(Opcodes.DSTORE, gradLocal(base, s, k, m));
      }
    }
    int scratch = valueLocal(base, t.slots(), m); // two doubles of scratch after the slots
    for (int pc = 0; pc < code.length; pc += Tape.WIDTH) {
      emit(mv, name, code, pc, m, scratch, base);
    }
    int r = t.result();
    if (load) {
      int h = scratch + 2; // an int after the scratch double
      // f[p] += val; f[n] += -val (rows below 0 left out)
      addInto(mv, LOAD_F, LOAD_P, valueLocal(base, r, m), false);
      addInto(mv, LOAD_F, LOAD_N, valueLocal(base, r, m), true);
      // per input k: G at wiring[4k..4k+3] += g_k, -g_k, -g_k, g_k (handles below 0 left out)
      for (int k = 0; k < m; k++) {
        for (int j = 0; j < 4; j++) {
          mv.visitVarInsn(Opcodes.ALOAD, LOAD_WIRING);
          push(mv, 4 * k + j);
          mv.visitInsn(Opcodes.IALOAD);
          mv.visitVarInsn(Opcodes.ISTORE, h);
          addInto(mv, LOAD_GV, h, gradLocal(base, r, k, m), j == 1 || j == 2);
        }
      }
    } else {
      for (int k = 0; k < m; k++) {
        mv.visitVarInsn(Opcodes.ALOAD, 4);
        push(mv, k);
        mv.visitVarInsn(Opcodes.DLOAD, gradLocal(base, r, k, m));
        mv.visitInsn(Opcodes.DASTORE);
      }
    }
    mv.visitVarInsn(Opcodes.DLOAD, valueLocal(base, r, m));
    mv.visitInsn(Opcodes.DRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Pushes (index[s] < 0 ? 0 : x[index[s]]) with the index array in local {@code index}. */
  private static void probe(MethodVisitor mv, int index, int s) {
    Label ground = new Label();
    Label done = new Label();
    mv.visitVarInsn(Opcodes.ALOAD, index);
    push(mv, s);
    mv.visitInsn(Opcodes.IALOAD);
    mv.visitJumpInsn(Opcodes.IFLT, ground);
    mv.visitVarInsn(Opcodes.ALOAD, LOAD_X);
    mv.visitVarInsn(Opcodes.ALOAD, index);
    push(mv, s);
    mv.visitInsn(Opcodes.IALOAD);
    mv.visitInsn(Opcodes.DALOAD);
    mv.visitJumpInsn(Opcodes.GOTO, done);
    mv.visitLabel(ground);
    mv.visitInsn(Opcodes.DCONST_0);
    mv.visitLabel(done);
  }

  /** if (i >= 0) array[i] += (negate ? -value : value), with the index in int local {@code i}. */
  private static void addInto(MethodVisitor mv, int array, int i, int value, boolean negate) {
    Label skip = new Label();
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitJumpInsn(Opcodes.IFLT, skip);
    mv.visitVarInsn(Opcodes.ALOAD, array);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitInsn(Opcodes.DUP2);
    mv.visitInsn(Opcodes.DALOAD);
    mv.visitVarInsn(Opcodes.DLOAD, value);
    if (negate) {
      mv.visitInsn(Opcodes.DNEG);
    }
    mv.visitInsn(Opcodes.DADD);
    mv.visitInsn(Opcodes.DASTORE);
    mv.visitLabel(skip);
  }

  private static void emit(MethodVisitor mv, String name, int[] code, int pc, int m, int scratch, int base) {
    int op = code[pc];
    int d = code[pc + 1];
    int a = code[pc + 2];
    int b = code[pc + 3];
    int c = code[pc + 4];
    int vd = valueLocal(base, d, m);
    int va = valueLocal(base, a, m);
    int vb = valueLocal(base, b, m);
    switch (op) {
      case Tape.ADD, Tape.SUB -> {
        int ins = op == Tape.ADD ? Opcodes.DADD : Opcodes.DSUB;
        binary(mv, va, vb, ins, vd);
        for (int k = 0; k < m; k++) {
          binary(mv, gradLocal(base, a, k, m), gradLocal(base, b, k, m), ins, gradLocal(base, d, k, m));
        }
      }
      case Tape.MUL -> {
        // gradients first: they read the operands' values, and d may not alias a or b (slots are SSA)
        binary(mv, va, vb, Opcodes.DMUL, vd);
        for (int k = 0; k < m; k++) {
          productRule(mv, gradLocal(base, a, k, m), vb, va, gradLocal(base, b, k, m), Opcodes.DADD);
          mv.visitVarInsn(Opcodes.DSTORE, gradLocal(base, d, k, m));
        }
      }
      case Tape.DIV -> {
        binary(mv, va, vb, Opcodes.DDIV, vd);
        binary(mv, vb, vb, Opcodes.DMUL, scratch); // yy
        for (int k = 0; k < m; k++) {
          productRule(mv, gradLocal(base, a, k, m), vb, va, gradLocal(base, b, k, m), Opcodes.DSUB);
          mv.visitVarInsn(Opcodes.DLOAD, scratch);
          mv.visitInsn(Opcodes.DDIV);
          mv.visitVarInsn(Opcodes.DSTORE, gradLocal(base, d, k, m));
        }
      }
      case Tape.NEG -> {
        mv.visitVarInsn(Opcodes.DLOAD, va);
        mv.visitInsn(Opcodes.DNEG);
        mv.visitVarInsn(Opcodes.DSTORE, vd);
        for (int k = 0; k < m; k++) {
          mv.visitVarInsn(Opcodes.DLOAD, gradLocal(base, a, k, m));
          mv.visitInsn(Opcodes.DNEG);
          mv.visitVarInsn(Opcodes.DSTORE, gradLocal(base, d, k, m));
        }
      }
      case Tape.UNARY -> {
        // y = v[c](x); dy = dv[c](x, y): a call site of its own per function, so the JIT inlines it
        element(mv, name, "v", VALUE, c);
        mv.visitVarInsn(Opcodes.DLOAD, va);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, VALUE, "applyAsDouble", "(D)D", true);
        mv.visitVarInsn(Opcodes.DSTORE, vd);
        element(mv, name, "dv", DERIVATIVE, c);
        mv.visitVarInsn(Opcodes.DLOAD, va);
        mv.visitVarInsn(Opcodes.DLOAD, vd);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, DERIVATIVE, "applyAsDouble", "(DD)D", true);
        mv.visitVarInsn(Opcodes.DSTORE, scratch);
        for (int k = 0; k < m; k++) {
          // gk == 0 ? 0 : dy * gk
          Label nonzero = new Label();
          Label done = new Label();
          mv.visitVarInsn(Opcodes.DLOAD, gradLocal(base, a, k, m));
          mv.visitInsn(Opcodes.DCONST_0);
          mv.visitInsn(Opcodes.DCMPL);
          mv.visitJumpInsn(Opcodes.IFNE, nonzero);
          mv.visitInsn(Opcodes.DCONST_0);
          mv.visitJumpInsn(Opcodes.GOTO, done);
          mv.visitLabel(nonzero);
          mv.visitVarInsn(Opcodes.DLOAD, scratch);
          mv.visitVarInsn(Opcodes.DLOAD, gradLocal(base, a, k, m));
          mv.visitInsn(Opcodes.DMUL);
          mv.visitLabel(done);
          mv.visitVarInsn(Opcodes.DSTORE, gradLocal(base, d, k, m));
        }
      }
      case Tape.SELECT -> {
        Label other = new Label();
        Label done = new Label();
        mv.visitVarInsn(Opcodes.DLOAD, va);
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitInsn(Opcodes.DCMPL);
        mv.visitJumpInsn(Opcodes.IFEQ, other);
        copy(mv, b, d, m, base);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        mv.visitLabel(other);
        copy(mv, c, d, m, base);
        mv.visitLabel(done);
      }
      default -> {
        // comparisons and logic: 1 or 0, zero gradient
        Label no = new Label();
        Label done = new Label();
        switch (op) {
          case Tape.EQ -> compare(mv, va, vb, Opcodes.DCMPL, Opcodes.IFNE, no);
          case Tape.NE -> compare(mv, va, vb, Opcodes.DCMPL, Opcodes.IFEQ, no);
          case Tape.LT -> compare(mv, va, vb, Opcodes.DCMPG, Opcodes.IFGE, no);
          case Tape.LE -> compare(mv, va, vb, Opcodes.DCMPG, Opcodes.IFGT, no);
          case Tape.GT -> compare(mv, va, vb, Opcodes.DCMPL, Opcodes.IFLE, no);
          case Tape.GE -> compare(mv, va, vb, Opcodes.DCMPL, Opcodes.IFLT, no);
          case Tape.AND -> {
            zeroTest(mv, va, Opcodes.IFEQ, no);
            zeroTest(mv, vb, Opcodes.IFEQ, no);
          }
          case Tape.OR -> {
            Label yes = new Label();
            zeroTest(mv, va, Opcodes.IFNE, yes);
            zeroTest(mv, vb, Opcodes.IFEQ, no);
            mv.visitLabel(yes);
          }
          case Tape.NOT -> zeroTest(mv, va, Opcodes.IFNE, no);
          default -> throw new IllegalStateException("bad opcode " + op);
        }
        mv.visitInsn(Opcodes.DCONST_1);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        mv.visitLabel(no);
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitLabel(done);
        mv.visitVarInsn(Opcodes.DSTORE, vd);
        for (int k = 0; k < m; k++) {
          mv.visitInsn(Opcodes.DCONST_0);
          mv.visitVarInsn(Opcodes.DSTORE, gradLocal(base, d, k, m));
        }
      }
    }
  }

  /** Pushes this.field[index] (an array of the given element type) on the stack. */
  private static void element(MethodVisitor mv, String owner, String field, String type, int index) {
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, owner, field, "[L" + type + ";");
    push(mv, index);
    mv.visitInsn(Opcodes.AALOAD);
  }

  private static void binary(MethodVisitor mv, int x, int y, int ins, int out) {
    mv.visitVarInsn(Opcodes.DLOAD, x);
    mv.visitVarInsn(Opcodes.DLOAD, y);
    mv.visitInsn(ins);
    mv.visitVarInsn(Opcodes.DSTORE, out);
  }

  /** Pushes {@code ga * vb OP va * gb} (OP: DADD for a product's gradient, DSUB for a quotient's numerator). */
  private static void productRule(MethodVisitor mv, int ga, int vb, int va, int gb, int op) {
    mv.visitVarInsn(Opcodes.DLOAD, ga);
    mv.visitVarInsn(Opcodes.DLOAD, vb);
    mv.visitInsn(Opcodes.DMUL);
    mv.visitVarInsn(Opcodes.DLOAD, va);
    mv.visitVarInsn(Opcodes.DLOAD, gb);
    mv.visitInsn(Opcodes.DMUL);
    mv.visitInsn(op);
  }

  private static void compare(MethodVisitor mv, int x, int y, int cmp, int jumpIfFalse, Label no) {
    mv.visitVarInsn(Opcodes.DLOAD, x);
    mv.visitVarInsn(Opcodes.DLOAD, y);
    mv.visitInsn(cmp);
    mv.visitJumpInsn(jumpIfFalse, no);
  }

  private static void zeroTest(MethodVisitor mv, int x, int jump, Label target) {
    mv.visitVarInsn(Opcodes.DLOAD, x);
    mv.visitInsn(Opcodes.DCONST_0);
    mv.visitInsn(Opcodes.DCMPL);
    mv.visitJumpInsn(jump, target);
  }

  private static void copy(MethodVisitor mv, int from, int to, int m, int base) {
    mv.visitVarInsn(Opcodes.DLOAD, valueLocal(base, from, m));
    mv.visitVarInsn(Opcodes.DSTORE, valueLocal(base, to, m));
    for (int k = 0; k < m; k++) {
      mv.visitVarInsn(Opcodes.DLOAD, gradLocal(base, from, k, m));
      mv.visitVarInsn(Opcodes.DSTORE, gradLocal(base, to, k, m));
    }
  }

  private static void push(MethodVisitor mv, int v) {
    if (v <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + v);
    } else if (v <= Byte.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.BIPUSH, v);
    } else if (v <= Short.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.SIPUSH, v);
    } else {
      mv.visitLdcInsn(v);
    }
  }
}
