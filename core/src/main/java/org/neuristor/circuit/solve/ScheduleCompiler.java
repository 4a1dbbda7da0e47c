package org.neuristor.circuit.solve;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Translates an {@link EliminationSchedule} into JVM bytecode (with ASM, as a hidden class): a factor
 * method in which every entry of the compact matrix is a local variable (fill-in starts as the constant
 * 0) and every update, pivot check and division is one straight-line instruction group, and a solve
 * method that substitutes with constant indices. The operations and their order are the schedule's, so
 * the results are bit-identical to {@link EliminationSchedule#factor} and {@link EliminationSchedule#solve}.
 * Schedules whose code would pass the JIT's method size limit stay interpreted ({@link #compile} returns
 * null).
 *
 * <p>The generated classes keep no state, so one instance serves every schedule of the same structure:
 * kernels are memoised by the schedule's index lists (a bounded, thread-safe cache of pure functions of
 * that structure). Every point of a sweep, and every run of a circuit in one process, then calls the same
 * class: the JIT compiles it once and the call stays monomorphic, where a new class per run meant new
 * JIT work per run and, from the third class on, a megamorphic call that cannot be inlined.
 */
final class ScheduleCompiler {
  private ScheduleCompiler() {}

  /** HotSpot does not compile methods above 8000 bytes of bytecode; stay below. */
  private static final int MAX_CODE_BYTES = 7000;
  private static final String KERNEL = "org/neuristor/circuit/solve/EliminationSchedule$Kernel";
  private static final int MAX_CACHED = 256;
  private static final Map<String, EliminationSchedule.Kernel> KERNELS = new ConcurrentHashMap<>();

  /** The compiled kernel of {@code s}, or null when it is too large or cannot be defined. */
  static EliminationSchedule.Kernel compile(EliminationSchedule s) {
    if (estimate(s) > MAX_CODE_BYTES || 3 + 2L * (s.size + 3) > 60_000) {
      return null;
    }
    String key = key(s);
    EliminationSchedule.Kernel kernel = KERNELS.get(key);
    // null when it cannot be defined: the interpreted schedule computes the same values
    return kernel != null ? kernel : define(KERNELS, key, generate(s), EliminationSchedule.Kernel.class);
  }

  /**
   * The one instance of the stateless hidden class {@code bytes} defines (written with {@link #subclass}), put in
   * {@code cache} under {@code key} (everything the generated code is made of) unless another thread put one first,
   * which is then returned; null when the class cannot be defined. The cache is bounded: a long-lived process that
   * met many structures starts over instead of caching no more.
   */
  static <T> T define(Map<String, T> cache, String key, byte[] bytes, Class<T> type) {
    T instance;
    try {
      MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(bytes, true);
      // reflection, not a method handle: see TapeCompiler (no lambda forms spun in a cold process)
      instance = type.cast(l.lookupClass().getDeclaredConstructor().newInstance());
    } catch (Throwable e) {
      return null;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    T first = cache.putIfAbsent(key, instance);
    return first != null ? first : instance;
  }

  /** Everything the generated code is made of: two schedules with the same key generate the same class. */
  private static String key(EliminationSchedule s) {
    StringBuilder sb = new StringBuilder().append(s.n).append('/').append(s.handles).append('/').append(s.size);
    for (int[] a : new int[][] {s.perm, s.pivot, s.candStart, s.candIdx, s.lStart, s.lIdx, s.tBase, s.tIdx,
        s.uStart, s.uIdx, s.fStart, s.fIdx, s.fCol, s.bStart, s.bIdx, s.bCol}) {
      sb.append('/').append(Arrays.toString(a));
    }
    sb.append('/').append(Arrays.toString(s.candBefore));
    if (s.restore != null) {
      sb.append('/').append(Arrays.toString(s.restore[0])).append('/').append(Arrays.toString(s.restore[1]));
    }
    return sb.toString();
  }

  /** Generous bytecode size of the larger of the two methods (wide local access, constant-pool indices). */
  private static long estimate(EliminationSchedule s) {
    long factor = 16L * s.size + 24L * s.n + 20L * s.candIdx.length + 32L * s.lIdx.length + 16L * s.tIdx.length;
    long solve = 20L * s.n + 20L * (s.fIdx.length + s.bIdx.length);
    return Math.max(factor, solve);
  }

  /**
   * A class writer of a final class {@code name} that extends {@code parent} with a constructor without arguments
   * (internal names), for a hidden class without state. Class file version 49 (Java 5): it needs no stack map frames,
   * so ASM does not compute them (most of the generation time in a cold process, where ASM runs interpreted); the JVM
   * verifies it by type inference.
   */
  static ClassWriter subclass(String name, String parent) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V1_5, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, parent, null);
    MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, parent, "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    return cw;
  }

  private static byte[] generate(EliminationSchedule s) {
    ClassWriter cw = subclass("org/neuristor/circuit/solve/GeneratedElimination", KERNEL);
    factor(cw, s);
    solve(cw, s);
    if (stepEstimate(s) <= MAX_CODE_BYTES) {
      step(cw, s);
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  // factor locals: 0 this, 1 values, 2 lu, 3 pivot, 5 |pivot|, 7 multiplier, then entry e at 9 + 2e
  private static int entry(int e) {
    return 9 + 2 * e;
  }

  private static void factor(ClassWriter cw, EliminationSchedule s) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "factor", "([D[D)I", null, null);
    mv.visitCode();
    int handles = s.handles;
    for (int e = 0; e < s.size; e++) {
      if (e < handles) {
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        push(mv, e);
        mv.visitInsn(Opcodes.DALOAD);
      } else {
        mv.visitInsn(Opcodes.DCONST_0);
      }
      mv.visitVarInsn(Opcodes.DSTORE, entry(e));
    }
    eliminate(mv, s, entry(0), 3, 5, 7, null);
    for (int e = 0; e < s.size; e++) {
      mv.visitVarInsn(Opcodes.ALOAD, 2);
      push(mv, e);
      mv.visitVarInsn(Opcodes.DLOAD, entry(e));
      mv.visitInsn(Opcodes.DASTORE);
    }
    mv.visitInsn(Opcodes.ICONST_M1);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * The elimination of {@link #factor} on local variables: entry e at {@code base + 2e}, scratch locals for the
   * pivot, its magnitude and the multiplier. A pivot that partial pivoting would not choose returns k (-2 - k
   * when singular), or {@link DenseLU#STEP_PIVOT} in the fused step.
   */
  private static void eliminate(MethodVisitor mv, EliminationSchedule s, int base, int piv, int absPiv, int mult,
      Label handBack) {
    for (int k = 0; k < s.n; k++) {
      mv.visitVarInsn(Opcodes.DLOAD, base + 2 * s.pivot[k]);
      mv.visitVarInsn(Opcodes.DSTORE, piv);
      mv.visitVarInsn(Opcodes.DLOAD, piv);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
      mv.visitVarInsn(Opcodes.DSTORE, absPiv);
      for (int c = s.candStart[k]; c < s.candStart[k + 1]; c++) {
        // other row wins if |v| > |pivot| (or >= when it comes first): return k
        Label keep = new Label();
        mv.visitVarInsn(Opcodes.DLOAD, base + 2 * s.candIdx[c]);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
        mv.visitVarInsn(Opcodes.DLOAD, absPiv);
        mv.visitInsn(Opcodes.DCMPL); // NaN compares as "less": never wins, as in the interpreter
        mv.visitJumpInsn(s.candBefore[c] ? Opcodes.IFLT : Opcodes.IFLE, keep);
        handBack(mv, handBack, k);
        mv.visitLabel(keep);
      }
      // !(|pivot| > 1e-300): singular, return -2 - k
      Label regular = new Label();
      mv.visitVarInsn(Opcodes.DLOAD, absPiv);
      mv.visitLdcInsn(1e-300);
      mv.visitInsn(Opcodes.DCMPL);
      mv.visitJumpInsn(Opcodes.IFGT, regular);
      handBack(mv, handBack, -2 - k);
      mv.visitLabel(regular);
      int u0 = s.uStart[k];
      int nu = s.uStart[k + 1] - u0;
      for (int e = s.lStart[k]; e < s.lStart[k + 1]; e++) {
        int li = s.lIdx[e];
        Label zero = new Label();
        mv.visitVarInsn(Opcodes.DLOAD, base + 2 * li);
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitInsn(Opcodes.DCMPL);
        mv.visitJumpInsn(Opcodes.IFEQ, zero); // a zero multiplier changes nothing (NaN goes on, as != 0)
        mv.visitVarInsn(Opcodes.DLOAD, base + 2 * li);
        mv.visitVarInsn(Opcodes.DLOAD, piv);
        mv.visitInsn(Opcodes.DDIV);
        mv.visitInsn(Opcodes.DUP2);
        mv.visitVarInsn(Opcodes.DSTORE, base + 2 * li);
        mv.visitVarInsn(Opcodes.DSTORE, mult);
        int t0 = s.tBase[e];
        for (int q = 0; q < nu; q++) {
          int t = base + 2 * s.tIdx[t0 + q];
          mv.visitVarInsn(Opcodes.DLOAD, t);
          mv.visitVarInsn(Opcodes.DLOAD, mult);
          mv.visitVarInsn(Opcodes.DLOAD, base + 2 * s.uIdx[u0 + q]);
          mv.visitInsn(Opcodes.DMUL);
          mv.visitInsn(Opcodes.DSUB);
          mv.visitVarInsn(Opcodes.DSTORE, t);
        }
        mv.visitLabel(zero);
      }
    }
  }

  /** Returns {@code code} from {@link #factor}, or jumps to the fused step's hand-back (not null). */
  private static void handBack(MethodVisitor mv, Label handBack, int code) {
    if (handBack != null) {
      mv.visitJumpInsn(Opcodes.GOTO, handBack);
    } else {
      push(mv, code);
      mv.visitInsn(Opcodes.IRETURN);
    }
  }

  // solve locals: 0 this, 1 lu, 2 b, then w_i at 3 + 2i
  private static void solve(ClassWriter cw, EliminationSchedule s) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "solve", "([D[D)V", null, null);
    mv.visitCode();
    for (int i = 0; i < s.n; i++) {
      mv.visitVarInsn(Opcodes.ALOAD, 2);
      push(mv, s.perm[i]);
      mv.visitInsn(Opcodes.DALOAD);
      for (int e = s.fStart[i]; e < s.fStart[i + 1]; e++) {
        luTimesW(mv, s.fIdx[e], s.fCol[e]);
      }
      mv.visitVarInsn(Opcodes.DSTORE, 3 + 2 * i);
    }
    for (int i = s.n - 1; i >= 0; i--) {
      mv.visitVarInsn(Opcodes.DLOAD, 3 + 2 * i);
      for (int e = s.bStart[i]; e < s.bStart[i + 1]; e++) {
        luTimesW(mv, s.bIdx[e], s.bCol[e]);
      }
      mv.visitVarInsn(Opcodes.ALOAD, 1);
      push(mv, s.pivot[i]);
      mv.visitInsn(Opcodes.DALOAD);
      mv.visitInsn(Opcodes.DDIV);
      mv.visitVarInsn(Opcodes.DSTORE, 3 + 2 * i);
    }
    for (int i = 0; i < s.n; i++) {
      mv.visitVarInsn(Opcodes.ALOAD, 2);
      push(mv, i);
      mv.visitVarInsn(Opcodes.DLOAD, 3 + 2 * i);
      mv.visitInsn(Opcodes.DASTORE);
    }
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Generous bytecode size of the fused Newton step. */
  private static long stepEstimate(EliminationSchedule s) {
    return 40L * s.handles + 8L * s.size + 24L * s.n + 20L * s.candIdx.length + 32L * s.lIdx.length
        + 16L * s.tIdx.length + 20L * (s.fIdx.length + s.bIdx.length) + 150L * s.n;
  }

  // step locals: the parameters (0 this, 1 f, 2 q, 3 qHist, 4 rw, 5 limit, 7 gv, 8 cv, 9 lg, 10 lc, 11 a0, 13 b,
  // 14 x, 15 xOld, 16 absTol, 17 reltol, 19 out), then scratch (from 21), then entry e at STEP_ENTRIES + 2e, the
  // solution w_i after the entries and the residual r_i after the solution
  private static final int F = 1;
  private static final int Q = 2;
  private static final int QHIST = 3;
  private static final int RW = 4;
  private static final int LIMIT = 5;
  private static final int GV = 7;
  private static final int CV = 8;
  private static final int LG = 9;
  private static final int LC = 10;
  private static final int A0 = 11;
  private static final int B = 13;
  private static final int X = 14;
  private static final int XOLD = 15;
  private static final int ABSTOL = 16;
  private static final int RELTOL = 17;
  private static final int OUT = 19;
  private static final int PIVOT = 21;
  private static final int ABS_PIVOT = 23;
  private static final int MULTIPLIER = 25;
  private static final int NAN = 27;
  private static final int ABOVE = 29;
  private static final int SOME = 31;
  private static final int XO = 32;
  private static final int XI = 34;
  private static final int DX = 36;
  private static final int TOL = 38;
  private static final int NORM = 40;
  private static final int W = 44;
  private static final int STEP_ENTRIES = 46;

  /**
   * The fused Newton step of {@link DenseLU#newtonStep}: the residual and its norm, the matrix from G and C (in
   * local variables only; G and C back to their linear parts once it is eliminated), pivot checks and elimination
   * as {@link #factor} but on local variables, substitution as {@link #solve}, and the update of x with the operands
   * of its convergence ratio, each operation as in the Java code it replaces.
   */
  private static void step(ClassWriter cw, EliminationSchedule s) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "step",
        "([D[D[D[DD[D[D[D[DD[D[D[D[DD[D)I", null, null);
    mv.visitCode();
    int handles = s.handles;
    // norm = 0; per row: r_i = f[i] + (a0 * q[i] + qHist[i]) (a local, written to b only when handed back);
    // w = |r_i| * rw[i]; if (w > norm || w is NaN) norm = w
    int w = STEP_ENTRIES + 2 * s.size;
    int r = w + 2 * s.n;
    mv.visitInsn(Opcodes.DCONST_0);
    mv.visitVarInsn(Opcodes.DSTORE, NORM);
    for (int i = 0; i < s.n; i++) {
      load(mv, F, i);
      mv.visitVarInsn(Opcodes.DLOAD, A0);
      load(mv, Q, i);
      mv.visitInsn(Opcodes.DMUL);
      load(mv, QHIST, i);
      mv.visitInsn(Opcodes.DADD);
      mv.visitInsn(Opcodes.DADD);
      mv.visitVarInsn(Opcodes.DSTORE, r + 2 * i);
      mv.visitVarInsn(Opcodes.DLOAD, r + 2 * i);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
      load(mv, RW, i);
      mv.visitInsn(Opcodes.DMUL);
      mv.visitVarInsn(Opcodes.DSTORE, W);
      Label set = new Label();
      Label keep = new Label();
      compare(mv, W, NORM, Opcodes.IFGT, set);
      compare(mv, W, W, Opcodes.IFEQ, keep);
      mv.visitLabel(set);
      mv.visitVarInsn(Opcodes.DLOAD, W);
      mv.visitVarInsn(Opcodes.DSTORE, NORM);
      mv.visitLabel(keep);
    }
    // out[2] = norm; a NaN norm or one above the limit goes back to the caller untouched
    mv.visitVarInsn(Opcodes.ALOAD, OUT);
    mv.visitInsn(Opcodes.ICONST_2);
    mv.visitVarInsn(Opcodes.DLOAD, NORM);
    mv.visitInsn(Opcodes.DASTORE);
    Label residualOut = new Label();
    Label residualOk = new Label();
    compare(mv, NORM, NORM, Opcodes.IFNE, residualOut);
    compare(mv, NORM, LIMIT, Opcodes.IFLE, residualOk);
    mv.visitLabel(residualOut);
    push(mv, DenseLU.STEP_RESIDUAL);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitLabel(residualOk);
    int nan = NAN;
    mv.visitInsn(Opcodes.DCONST_0);
    mv.visitVarInsn(Opcodes.DSTORE, nan);
    for (int h = 0; h < handles; h++) {
      int v = STEP_ENTRIES + 2 * h;
      // v = gv[h] + a0 * cv[h]
      load(mv, GV, h);
      mv.visitVarInsn(Opcodes.DLOAD, A0);
      load(mv, CV, h);
      mv.visitInsn(Opcodes.DMUL);
      mv.visitInsn(Opcodes.DADD);
      mv.visitVarInsn(Opcodes.DSTORE, v);
      // nan += v - v (NaN exactly when some v is infinite or NaN)
      mv.visitVarInsn(Opcodes.DLOAD, nan);
      mv.visitVarInsn(Opcodes.DLOAD, v);
      mv.visitVarInsn(Opcodes.DLOAD, v);
      mv.visitInsn(Opcodes.DSUB);
      mv.visitInsn(Opcodes.DADD);
      mv.visitVarInsn(Opcodes.DSTORE, nan);
    }
    // a value not finite: STEP_NOT_FINITE with G and C as they came (the caller forms the matrix from them)
    Label finite = new Label();
    compare(mv, nan, nan, Opcodes.IFEQ, finite);
    push(mv, DenseLU.STEP_NOT_FINITE);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitLabel(finite);
    for (int e = handles; e < s.size; e++) {
      mv.visitInsn(Opcodes.DCONST_0);
      mv.visitVarInsn(Opcodes.DSTORE, STEP_ENTRIES + 2 * e);
    }
    // a pivot the order would not choose: STEP_PIVOT, G and C again as they came
    Label pivotMoved = new Label();
    Label eliminated = new Label();
    eliminate(mv, s, STEP_ENTRIES, PIVOT, ABS_PIVOT, MULTIPLIER, pivotMoved);
    mv.visitJumpInsn(Opcodes.GOTO, eliminated);
    mv.visitLabel(pivotMoved);
    for (int i = 0; i < s.n; i++) {
      store(mv, B, i, r + 2 * i); // the residual, for the caller's solve
    }
    push(mv, DenseLU.STEP_PIVOT);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitLabel(eliminated);
    // G and C back to their linear parts: gv[h] = lg[h]; cv[h] = lc[h] (where a load can change them)
    for (int h = 0; h < handles; h++) {
      for (int gc = 0; gc < 2; gc++) {
        if (s.restore == null || s.restore[gc][h]) {
          mv.visitVarInsn(Opcodes.ALOAD, gc == 0 ? GV : CV);
          push(mv, h);
          mv.visitVarInsn(Opcodes.ALOAD, gc == 0 ? LG : LC);
          push(mv, h);
          mv.visitInsn(Opcodes.DALOAD);
          mv.visitInsn(Opcodes.DASTORE);
        }
      }
    }
    for (int i = 0; i < s.n; i++) {
      mv.visitVarInsn(Opcodes.DLOAD, r + 2 * s.perm[i]);
      for (int e = s.fStart[i]; e < s.fStart[i + 1]; e++) {
        localProduct(mv, STEP_ENTRIES + 2 * s.fIdx[e], w + 2 * s.fCol[e]);
      }
      mv.visitVarInsn(Opcodes.DSTORE, w + 2 * i);
    }
    for (int i = s.n - 1; i >= 0; i--) {
      mv.visitVarInsn(Opcodes.DLOAD, w + 2 * i);
      for (int e = s.bStart[i]; e < s.bStart[i + 1]; e++) {
        localProduct(mv, STEP_ENTRIES + 2 * s.bIdx[e], w + 2 * s.bCol[e]);
      }
      mv.visitVarInsn(Opcodes.DLOAD, STEP_ENTRIES + 2 * s.pivot[i]);
      mv.visitInsn(Opcodes.DDIV);
      mv.visitVarInsn(Opcodes.DSTORE, w + 2 * i);
    }
    // the update: above = 0 (some update beyond its tolerance), some = 0 (some update above 0 relative to it)
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, ABOVE);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, SOME);
    for (int i = 0; i < s.n; i++) {
      // xo = x[i]; xOld[i] = xo; xi = xo - dx
      load(mv, X, i);
      mv.visitVarInsn(Opcodes.DSTORE, XO);
      store(mv, XOLD, i, XO);
      mv.visitVarInsn(Opcodes.DLOAD, XO);
      mv.visitVarInsn(Opcodes.DLOAD, w + 2 * i);
      mv.visitInsn(Opcodes.DSUB);
      mv.visitVarInsn(Opcodes.DSTORE, XI);
      Label ok = new Label();
      mv.visitVarInsn(Opcodes.DLOAD, XI);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "isFinite", "(D)Z", false);
      mv.visitJumpInsn(Opcodes.IFNE, ok);
      push(mv, i);
      mv.visitInsn(Opcodes.IRETURN);
      mv.visitLabel(ok);
      store(mv, X, i, XI);
      // tol = reltol * max(|xi|, |xo|) + absTol[i]
      mv.visitVarInsn(Opcodes.DLOAD, RELTOL);
      mv.visitVarInsn(Opcodes.DLOAD, XI);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
      mv.visitVarInsn(Opcodes.DLOAD, XO);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "max", "(DD)D", false);
      mv.visitInsn(Opcodes.DMUL);
      load(mv, ABSTOL, i);
      mv.visitInsn(Opcodes.DADD);
      mv.visitVarInsn(Opcodes.DSTORE, TOL);
      // dx = |dx|; out[3 + 2i] = dx; out[4 + 2i] = tol (the ratio dx / tol is formed only when asked for)
      mv.visitVarInsn(Opcodes.DLOAD, w + 2 * i);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
      mv.visitVarInsn(Opcodes.DSTORE, DX);
      store(mv, OUT, 3 + 2 * i, DX);
      store(mv, OUT, 4 + 2 * i, TOL);
      // if (dx > tol) above = 1
      Label notAbove = new Label();
      compare(mv, DX, TOL, Opcodes.IFLE, notAbove);
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitVarInsn(Opcodes.ISTORE, ABOVE);
      mv.visitLabel(notAbove);
      // if (!((dx * 2^1000) * 2^75 <= tol)) some = 1: dx / tol rounds to 0 exactly when dx <= tol 2^-1075
      Label zero = new Label();
      mv.visitVarInsn(Opcodes.DLOAD, DX);
      mv.visitLdcInsn(0x1p1000);
      mv.visitInsn(Opcodes.DMUL);
      mv.visitLdcInsn(0x1p75);
      mv.visitInsn(Opcodes.DMUL);
      mv.visitVarInsn(Opcodes.DLOAD, TOL);
      mv.visitInsn(Opcodes.DCMPG); // NaN compares as "greater": counts as above 0, so the ratios are formed
      mv.visitJumpInsn(Opcodes.IFLE, zero);
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitVarInsn(Opcodes.ISTORE, SOME);
      mv.visitLabel(zero);
    }
    for (int[] flag : new int[][] {{0, ABOVE}, {1, SOME}}) {
      mv.visitVarInsn(Opcodes.ALOAD, OUT);
      push(mv, flag[0]);
      mv.visitVarInsn(Opcodes.ILOAD, flag[1]);
      mv.visitInsn(Opcodes.I2D);
      mv.visitInsn(Opcodes.DASTORE);
    }
    push(mv, DenseLU.STEP_DONE);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Jumps to {@code to} when {@code jump} holds for DCMPL of two double locals (NaN compares as less). */
  private static void compare(MethodVisitor mv, int a, int b, int jump, Label to) {
    mv.visitVarInsn(Opcodes.DLOAD, a);
    mv.visitVarInsn(Opcodes.DLOAD, b);
    mv.visitInsn(Opcodes.DCMPL);
    mv.visitJumpInsn(jump, to);
  }

  /** array[index] = local (a double array and a double in local variables). */
  private static void store(MethodVisitor mv, int array, int index, int local) {
    mv.visitVarInsn(Opcodes.ALOAD, array);
    push(mv, index);
    mv.visitVarInsn(Opcodes.DLOAD, local);
    mv.visitInsn(Opcodes.DASTORE);
  }

  /** Pushes array[index] (a double array in a local variable). */
  private static void load(MethodVisitor mv, int array, int index) {
    mv.visitVarInsn(Opcodes.ALOAD, array);
    push(mv, index);
    mv.visitInsn(Opcodes.DALOAD);
  }

  /** Stack: s -> s - local[a] * local[b]. */
  private static void localProduct(MethodVisitor mv, int a, int b) {
    mv.visitVarInsn(Opcodes.DLOAD, a);
    mv.visitVarInsn(Opcodes.DLOAD, b);
    mv.visitInsn(Opcodes.DMUL);
    mv.visitInsn(Opcodes.DSUB);
  }

  /** Stack: s -> s - lu[idx] * w_col. */
  private static void luTimesW(MethodVisitor mv, int idx, int col) {
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    push(mv, idx);
    mv.visitInsn(Opcodes.DALOAD);
    mv.visitVarInsn(Opcodes.DLOAD, 3 + 2 * col);
    mv.visitInsn(Opcodes.DMUL);
    mv.visitInsn(Opcodes.DSUB);
  }

  /** Pushes the int constant {@code v}. */
  static void push(MethodVisitor mv, int v) {
    if (v >= -1 && v <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + v);
    } else {
      mv.visitLdcInsn(v);
    }
  }
}
