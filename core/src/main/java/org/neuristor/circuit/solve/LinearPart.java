package org.neuristor.circuit.solve;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The linear constant elements' share of an evaluation, f = G_lin x and q = C_lin x, row by row: row r's entries are
 * [start[r], start[r+1]) with their columns in {@code col} and their values in the arrays passed in; each sum starts
 * at 0 and adds the row's entries in order (as clearing f and q and adding every entry in handle order would).
 *
 * <p>{@link #of} gives generated straight-line code (with ASM, as a hidden class: every row and entry written out,
 * constant indices, no loop over rows of two or three entries each), or these loops for a structure too large for
 * the JIT's method size limit. Both perform the same operations in the same order, so the results are bit-identical.
 * The generated classes keep no state and read the values from the arrays passed in, so one instance serves every
 * circuit of the same structure (every point of a sweep): they are memoised by the structure.
 */
public abstract class LinearPart {
  /** f = G x and q = C x into rows 0..n-1, G's values in {@code g} and C's in {@code c} by entry. */
  public abstract void apply(double[] x, double[] f, double[] q, double[] g, double[] c);

  /** q = C x alone. */
  public abstract void charges(double[] x, double[] q, double[] c);

  /** HotSpot does not compile methods above 8000 bytes of bytecode; stay below. */
  private static final int MAX_CODE_BYTES = 7000;
  private static final Map<String, LinearPart> CACHE = new ConcurrentHashMap<>();

  /** The linear part of the structure ({@code start} of length n + 1, {@code col} of length start[n]). */
  public static LinearPart of(int[] start, int[] col) {
    int n = start.length - 1;
    if (32L + 24L * n + 36L * col.length > MAX_CODE_BYTES) {
      return new Loops(start, col);
    }
    String key = Arrays.toString(start) + Arrays.toString(col);
    LinearPart p = CACHE.get(key);
    if (p == null) {
      p = ScheduleCompiler.define(CACHE, key, generate(start, col), LinearPart.class);
    }
    return p != null ? p : new Loops(start, col); // the same operations in loops
  }

  /** The loops the generated code writes out. */
  static final class Loops extends LinearPart {
    private final int[] start;
    private final int[] col;

    Loops(int[] start, int[] col) {
      this.start = start;
      this.col = col;
    }

    @Override
    public void apply(double[] x, double[] f, double[] q, double[] g, double[] c) {
      int[] st = start;
      int[] lcol = col;
      int k = 0;
      for (int r = 0; r < st.length - 1; r++) {
        double sf = 0.0;
        double sq = 0.0;
        for (int end = st[r + 1]; k < end; k++) {
          double xc = x[lcol[k]];
          sf += g[k] * xc;
          sq += c[k] * xc;
        }
        f[r] = sf;
        q[r] = sq;
      }
    }

    @Override
    public void charges(double[] x, double[] q, double[] c) {
      int[] st = start;
      int[] lcol = col;
      int k = 0;
      for (int r = 0; r < st.length - 1; r++) {
        double sq = 0.0;
        for (int end = st[r + 1]; k < end; k++) {
          sq += c[k] * x[lcol[k]];
        }
        q[r] = sq;
      }
    }
  }

  // locals of apply: 0 this, 1 x, 2 f, 3 q, 4 g, 5 c, then the two sums and the column value; charges: 0 this, 1 x,
  // 2 q, 3 c, then the sum
  private static final int SF = 6;
  private static final int SQ = 8;
  private static final int XC = 10;

  private static byte[] generate(int[] start, int[] col) {
    ClassWriter cw = ScheduleCompiler.subclass("org/neuristor/circuit/solve/GeneratedLinearPart",
        "org/neuristor/circuit/solve/LinearPart");
    for (boolean both : new boolean[] {true, false}) {
      MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, both ? "apply" : "charges", both ? "([D[D[D[D[D)V" : "([D[D[D)V", null,
          null);
      mv.visitCode();
      int q = both ? 3 : 2;
      int c = both ? 5 : 3;
      int sq = both ? SQ : 4;
      for (int r = 0; r + 1 < start.length; r++) {
        if (both) {
          mv.visitInsn(Opcodes.DCONST_0);
          mv.visitVarInsn(Opcodes.DSTORE, SF);
        }
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitVarInsn(Opcodes.DSTORE, sq);
        for (int k = start[r]; k < start[r + 1]; k++) {
          if (both) {
            // xc = x[col[k]]; sf += g[k] * xc; sq += c[k] * xc
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            ScheduleCompiler.push(mv, col[k]);
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitVarInsn(Opcodes.DSTORE, XC);
            addProduct(mv, SF, 4, k, XC);
            addProduct(mv, sq, c, k, XC);
          } else {
            // sq += c[k] * x[col[k]]
            mv.visitVarInsn(Opcodes.DLOAD, sq);
            mv.visitVarInsn(Opcodes.ALOAD, c);
            ScheduleCompiler.push(mv, k);
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            ScheduleCompiler.push(mv, col[k]);
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitInsn(Opcodes.DMUL);
            mv.visitInsn(Opcodes.DADD);
            mv.visitVarInsn(Opcodes.DSTORE, sq);
          }
        }
        if (both) {
          store(mv, 2, r, SF);
        }
        store(mv, q, r, sq);
      }
      mv.visitInsn(Opcodes.RETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** sum += array[k] * value, with the sum and the value in double locals and the array in a local. */
  private static void addProduct(MethodVisitor mv, int sum, int array, int k, int value) {
    mv.visitVarInsn(Opcodes.DLOAD, sum);
    mv.visitVarInsn(Opcodes.ALOAD, array);
    ScheduleCompiler.push(mv, k);
    mv.visitInsn(Opcodes.DALOAD);
    mv.visitVarInsn(Opcodes.DLOAD, value);
    mv.visitInsn(Opcodes.DMUL);
    mv.visitInsn(Opcodes.DADD);
    mv.visitVarInsn(Opcodes.DSTORE, sum);
  }

  /** array[i] = value, with the array and the value in locals. */
  private static void store(MethodVisitor mv, int array, int i, int value) {
    mv.visitVarInsn(Opcodes.ALOAD, array);
    ScheduleCompiler.push(mv, i);
    mv.visitVarInsn(Opcodes.DLOAD, value);
    mv.visitInsn(Opcodes.DASTORE);
  }
}
