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
    if (kernel != null) {
      return kernel;
    }
    try {
      MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(generate(s), true);
      // reflection, not a method handle: see TapeCompiler (no lambda forms spun in a cold process)
      kernel = (EliminationSchedule.Kernel) l.lookupClass().getDeclaredConstructor().newInstance();
    } catch (Throwable e) {
      return null; // the interpreted schedule computes the same values
    }
    if (KERNELS.size() >= MAX_CACHED) {
      KERNELS.clear(); // a long-lived process that met many structures starts over instead of caching no more
    }
    EliminationSchedule.Kernel first = KERNELS.putIfAbsent(key, kernel);
    return first != null ? first : kernel;
  }

  /** Everything the generated code is made of: two schedules with the same key generate the same class. */
  private static String key(EliminationSchedule s) {
    StringBuilder sb = new StringBuilder().append(s.n).append('/').append(s.handles).append('/').append(s.size);
    for (int[] a : new int[][] {s.perm, s.pivot, s.candStart, s.candIdx, s.lStart, s.lIdx, s.tBase, s.tIdx,
        s.uStart, s.uIdx, s.fStart, s.fIdx, s.fCol, s.bStart, s.bIdx, s.bCol}) {
      sb.append('/').append(Arrays.toString(a));
    }
    return sb.append('/').append(Arrays.toString(s.candBefore)).toString();
  }

  /** Generous bytecode size of the larger of the two methods (wide local access, constant-pool indices). */
  private static long estimate(EliminationSchedule s) {
    long factor = 16L * s.size + 24L * s.n + 20L * s.candIdx.length + 32L * s.lIdx.length + 16L * s.tIdx.length;
    long solve = 20L * s.n + 20L * (s.fIdx.length + s.bIdx.length);
    return Math.max(factor, solve);
  }

  private static byte[] generate(EliminationSchedule s) {
    String name = "org/neuristor/circuit/solve/GeneratedElimination";
    // Class file version 49 (Java 5): it needs no stack map frames, so ASM does not compute them (most of the
    // generation time in a cold process, where ASM runs interpreted); the JVM verifies it by type inference.
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V1_5, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
        new String[] {KERNEL});
    MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    factor(cw, s);
    solve(cw, s);
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
    for (int k = 0; k < s.n; k++) {
      mv.visitVarInsn(Opcodes.DLOAD, entry(s.pivot[k]));
      mv.visitVarInsn(Opcodes.DSTORE, 3);
      mv.visitVarInsn(Opcodes.DLOAD, 3);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
      mv.visitVarInsn(Opcodes.DSTORE, 5);
      for (int c = s.candStart[k]; c < s.candStart[k + 1]; c++) {
        // other row wins if |v| > |pivot| (or >= when it comes first): return k
        Label keep = new Label();
        mv.visitVarInsn(Opcodes.DLOAD, entry(s.candIdx[c]));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
        mv.visitVarInsn(Opcodes.DLOAD, 5);
        mv.visitInsn(Opcodes.DCMPL); // NaN compares as "less": never wins, as in the interpreter
        mv.visitJumpInsn(s.candBefore[c] ? Opcodes.IFLT : Opcodes.IFLE, keep);
        push(mv, k);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(keep);
      }
      // !(|pivot| > 1e-300): singular, return -2 - k
      Label regular = new Label();
      mv.visitVarInsn(Opcodes.DLOAD, 5);
      mv.visitLdcInsn(1e-300);
      mv.visitInsn(Opcodes.DCMPL);
      mv.visitJumpInsn(Opcodes.IFGT, regular);
      push(mv, -2 - k);
      mv.visitInsn(Opcodes.IRETURN);
      mv.visitLabel(regular);
      int u0 = s.uStart[k];
      int nu = s.uStart[k + 1] - u0;
      for (int e = s.lStart[k]; e < s.lStart[k + 1]; e++) {
        int li = s.lIdx[e];
        Label zero = new Label();
        mv.visitVarInsn(Opcodes.DLOAD, entry(li));
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitInsn(Opcodes.DCMPL);
        mv.visitJumpInsn(Opcodes.IFEQ, zero); // a zero multiplier changes nothing (NaN goes on, as != 0)
        mv.visitVarInsn(Opcodes.DLOAD, entry(li));
        mv.visitVarInsn(Opcodes.DLOAD, 3);
        mv.visitInsn(Opcodes.DDIV);
        mv.visitInsn(Opcodes.DUP2);
        mv.visitVarInsn(Opcodes.DSTORE, entry(li));
        mv.visitVarInsn(Opcodes.DSTORE, 7);
        int t0 = s.tBase[e];
        for (int q = 0; q < nu; q++) {
          int t = entry(s.tIdx[t0 + q]);
          mv.visitVarInsn(Opcodes.DLOAD, t);
          mv.visitVarInsn(Opcodes.DLOAD, 7);
          mv.visitVarInsn(Opcodes.DLOAD, entry(s.uIdx[u0 + q]));
          mv.visitInsn(Opcodes.DMUL);
          mv.visitInsn(Opcodes.DSUB);
          mv.visitVarInsn(Opcodes.DSTORE, t);
        }
        mv.visitLabel(zero);
      }
    }
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

  /** Stack: s -> s - lu[idx] * w_col. */
  private static void luTimesW(MethodVisitor mv, int idx, int col) {
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    push(mv, idx);
    mv.visitInsn(Opcodes.DALOAD);
    mv.visitVarInsn(Opcodes.DLOAD, 3 + 2 * col);
    mv.visitInsn(Opcodes.DMUL);
    mv.visitInsn(Opcodes.DSUB);
  }

  private static void push(MethodVisitor mv, int v) {
    if (v >= -1 && v <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + v);
    } else {
      mv.visitLdcInsn(v);
    }
  }
}
