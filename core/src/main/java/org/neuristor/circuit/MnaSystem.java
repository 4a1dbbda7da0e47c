package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.solve.DenseLU;
import org.neuristor.circuit.solve.LinearPart;
import org.neuristor.circuit.solve.LinearSolver;
import org.neuristor.circuit.solve.MatrixPattern;
import org.neuristor.circuit.solve.SingularMatrixException;
import org.neuristor.circuit.solve.RefactoringSparseLU;
import org.neuristor.circuit.solve.SparseLU;

/**
 * The assembled MNA system of a circuit: unknowns (nodes, branches, device states) with their
 * names and tolerances, the matrix pattern, the linear solver and a damped Newton iteration that
 * solves {@code a0*q(x) + qHist + f(x,t) = 0} (transient) or {@code f(x) = 0} (DC).
 *
 * <p>All work arrays are allocated once here; {@link #newton} allocates nothing in its loop.
 */
public final class MnaSystem {
  /** Unknown kinds, for tolerances and names. */
  public enum Kind { NODE, BRANCH, STATE }

  /**
   * The sparse solver: our KLU-style LU with minimum-degree ordering and numeric refactorization, or
   * EJML's up-looking LU when the system property {@code neuristor.sparse=ejml} asks for it (kept for
   * the side-by-side benchmark).
   */
  static LinearSolver sparseSolver(MatrixPattern pattern) {
    return "ejml".equals(System.getProperty("neuristor.sparse")) ? new SparseLU(pattern)
        : new RefactoringSparseLU(pattern);
  }

  /** Systems up to this size use the dense LU. */
  public static final int DENSE_LIMIT = 60;

  /** Whether a system of {@code unknowns} unknowns under {@code options} solves with the dense LU (else the sparse). */
  public static boolean denseSolver(SimOptions options, int unknowns) {
    return options.dense() != null ? options.dense() : unknowns <= DENSE_LIMIT;
  }

  private final Circuit circuit;
  private final Element[] elements;
  private final boolean nonlinear;
  private final int n;
  private final List<String> names = new ArrayList<>();
  private final List<Kind> kinds = new ArrayList<>();
  private final double[] absTol;
  private final Map<String, Integer> nodeIndex = new HashMap<>();
  private final Map<String, Integer> branchIndex = new HashMap<>();
  private final MatrixPattern pattern;
  private final LinearSolver solver;
  /** The solver when it is the dense LU of a nonlinear circuit (Newton's transient steps run fused), or null. */
  private final DenseLU dense;
  /**
   * What a fused step leaves (see {@link DenseLU#newtonStep}): two buffers, so that the one whose worst unknown is
   * still to be named ({@link #pendingWorst}) stays while the next step writes the other ({@link #stepBuffer}).
   */
  private final double[][] stepOut;
  private int stepBuffer;
  /**
   * The fused step whose worst unknown has not been named yet (the divisions of its ratios are left until
   * {@link #worstUnknown()} is asked for), or null: {@link #worstUnknown} is current.
   */
  private double[] pendingWorst;
  /**
   * Whether every tolerance reltol max(|x|, |xOld|) + absTol is positive, so that a fused step's flags tell its
   * ratios apart from 1 and 0 (see {@link DenseLU#newtonStep}); otherwise the ratios are formed at once.
   */
  private final boolean positiveTolerances;
  private final Load load;
  private final int[] diag;
  private final boolean[] dynamic;
  private int[] dynamicList = new int[0];
  private final boolean[] isNode;
  private final int[] rows;
  private final int[] cols;
  /** Elements loaded at every evaluation (all but the linear constant ones). */
  private final Element[] loaded;
  /**
   * The linear entries (handles with a linear G or C value) by row, in handle order, with their G and C values:
   * f = G_lin x and q = C_lin x are {@link #linear}'s.
   */
  private final LinearPart linear;
  private final double[] linG;
  private final double[] linC;
  /** The linear part by handle: what G and C hold before the other elements add to them. */
  private final double[] linGv;
  private final double[] linCv;
  /** Whether G and C hold more than the linear part (a full evaluation, or a linear circuit's Newton). */
  private boolean dirty = true;
  /** Whether f lacks the charge-free elements' contributions (after {@link #acceptCharges}). */
  private boolean fStale;
  /** Loaded elements that are not {@link Element#chargeFree()}: loaded again at accepted points. */
  private final Element[] charged;
  private final double[] residualWeight;
  private final Limiter[] limiters;
  final SimOptions options;

  // Newton work arrays
  private final double[] rhs;
  private final double[] xOld;
  private final double[] residualHistory = new double[64];
  private int residualCount;
  private int worstUnknown;
  private int totalIterations;
  private double gminStep;

  public MnaSystem(Circuit circuit) {
    this.circuit = circuit;
    this.options = circuit.options();
    this.elements = circuit.elements().toArray(new Element[0]);
    boolean nl = false;
    for (Element e : elements) {
      nl |= e.nonlinear();
      e.reset();
    }
    this.nonlinear = nl;
    for (String node : circuit.nodeNames()) {
      nodeIndex.put(node, names.size());
      names.add("v(" + node + ")");
      kinds.add(Kind.NODE);
    }
    List<Double> stateTol = new ArrayList<>();
    Map<Integer, Double> tolByIndex = new HashMap<>();
    Allocator alloc = new Allocator() {
      @Override
      public int branch(Element owner, String label) {
        int i = names.size();
        names.add(label == null || label.isEmpty() ? "i(" + owner.name() + ")" : "i(" + owner.name() + "#" + label + ")");
        kinds.add(Kind.BRANCH);
        branchIndex.putIfAbsent(owner.name(), i);
        return i;
      }

      @Override
      public int state(Element owner, String label, double tol) {
        int i = names.size();
        names.add(owner.name() + "." + label);
        kinds.add(Kind.STATE);
        tolByIndex.put(i, tol);
        return i;
      }

      @Override
      public int internalNode(Element owner, String label) {
        int i = names.size();
        names.add("v(" + owner.name() + "#" + label + ")");
        kinds.add(Kind.NODE);
        return i;
      }
    };
    for (Element e : elements) {
      e.allocate(alloc);
    }
    this.n = names.size();
    this.absTol = new double[n];
    for (int i = 0; i < n; i++) {
      absTol[i] = switch (kinds.get(i)) {
        case NODE -> options.vntol();
        case BRANCH -> options.abstol();
        case STATE -> tolByIndex.get(i);
      };
    }
    this.pattern = new MatrixPattern(n);
    // the entries each element asks for: those of the elements loaded at every evaluation (all but the linear
    // constant ones) are the only ones a load changes in G, and in C only those of elements that are not charge-free
    BitSet loadedEntries = new BitSet();
    BitSet chargedEntries = new BitSet();
    Element[] binding = new Element[1];
    Binder binder = new Binder() {
      @Override
      public int node(String name) {
        if (Circuit.isGround(name)) {
          return -1;
        }
        Integer i = nodeIndex.get(name);
        if (i == null) {
          throw NeuristorException.input("unknown node " + name);
        }
        return i;
      }

      @Override
      public int branchOf(String elementName) {
        Integer i = branchIndex.get(elementName.toLowerCase(Locale.ROOT));
        if (i == null) {
          throw NeuristorException.input(binding[0].name() + ": element " + elementName.toLowerCase(Locale.ROOT)
              + " is not a voltage source or inductor (its current cannot be referenced)");
        }
        return i;
      }

      @Override
      public int entry(int row, int col) {
        int h = pattern.entry(row, col);
        if (h >= 0 && !binding[0].linearConstant()) {
          loadedEntries.set(h);
          if (!binding[0].chargeFree()) {
            chargedEntries.set(h);
          }
        }
        return h;
      }
    };
    for (Element e : elements) {
      binding[0] = e;
      e.bind(binder);
    }
    pattern.freeze();
    boolean[][] restore = new boolean[2][pattern.size()];
    for (int h = 0; h < pattern.size(); h++) {
      restore[0][h] = loadedEntries.get(h);
      restore[1][h] = chargedEntries.get(h);
    }
    this.diag = new int[n];
    for (int i = 0; i < n; i++) {
      diag[i] = pattern.entry(i, i);
    }
    this.solver = denseSolver(options, n) ? new DenseLU(pattern, restore) : sparseSolver(pattern);
    this.dense = nonlinear && solver instanceof DenseLU d ? d : null;
    this.stepOut = new double[][] {new double[3 + 2 * n], new double[3 + 2 * n]};
    boolean positive = options.reltol() > 0;
    for (double t : absTol) {
      positive &= t > 0;
    }
    this.positiveTolerances = positive;
    this.load = new Load(n, pattern.size());
    this.rhs = new double[n];
    this.xOld = new double[n];
    this.dynamic = new boolean[n];
    this.rows = new int[pattern.size()];
    this.cols = new int[pattern.size()];
    for (int h = 0; h < rows.length; h++) {
      rows[h] = pattern.row(h);
      cols[h] = pattern.col(h);
    }
    this.isNode = new boolean[n];
    this.residualWeight = new double[n];
    for (int i = 0; i < n; i++) {
      isNode[i] = kinds.get(i) == Kind.NODE;
      residualWeight[i] = 1.0 / (isNode[i] ? 1e-9 : kinds.get(i) == Kind.BRANCH ? 1e-6 : absTol[i]);
    }
    // Linear, source-free elements are assembled once: G and C values, applied as matvecs.
    List<Element> other = new ArrayList<>();
    Load lin = new Load(n, pattern.size());
    lin.x = new double[n];
    boolean anyLinear = false;
    for (Element e : elements) {
      if (e.linearConstant()) {
        e.load(lin);
        anyLinear = true;
      } else {
        other.add(e);
      }
    }
    this.loaded = anyLinear ? other.toArray(new Element[0]) : elements;
    int[] linStart = new int[n + 1];
    for (int h = 0; h < pattern.size(); h++) {
      if (lin.gv[h] != 0 || lin.cv[h] != 0) {
        linStart[rows[h] + 1]++;
      }
    }
    for (int r = 0; r < n; r++) {
      linStart[r + 1] += linStart[r];
    }
    int[] linCol = new int[linStart[n]];
    this.linG = new double[linStart[n]];
    this.linC = new double[linStart[n]];
    int[] fill = Arrays.copyOf(linStart, n);
    for (int h = 0; h < pattern.size(); h++) {
      if (lin.gv[h] != 0 || lin.cv[h] != 0) {
        int k = fill[rows[h]]++;
        linCol[k] = cols[h];
        linG[k] = lin.gv[h];
        linC[k] = lin.cv[h];
      }
    }
    this.linear = LinearPart.of(linStart, linCol);
    List<Limiter> lims = new ArrayList<>();
    for (Element e : elements) {
      if (e instanceof Limiter l) {
        lims.add(l);
      }
    }
    this.limiters = lims.toArray(new Limiter[0]);
    this.linGv = lin.gv.clone();
    this.linCv = lin.cv.clone();
    List<Element> withCharge = new ArrayList<>();
    for (Element e : loaded) {
      if (!e.chargeFree()) {
        withCharge.add(e);
      }
    }
    this.charged = withCharge.toArray(new Element[0]);
  }

  public Circuit circuit() {
    return circuit;
  }

  public Element[] elements() {
    return elements;
  }

  /** Number of unknowns. */
  public int size() {
    return n;
  }

  public boolean nonlinear() {
    return nonlinear;
  }

  /** Name of unknown i: {@code v(node)}, {@code i(v1)} or {@code element.state}. */
  public String name(int i) {
    return names.get(i);
  }

  public List<String> names() {
    return List.copyOf(names);
  }

  public Kind kind(int i) {
    return kinds.get(i);
  }

  public double absTol(int i) {
    return absTol[i];
  }

  /** Index of a node, or -1 for ground; throws for unknown nodes. */
  public int node(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (Circuit.isGround(key)) {
      return -1;
    }
    Integer i = nodeIndex.get(key);
    if (i == null) {
      throw NeuristorException.input("no node named " + name);
    }
    return i;
  }

  /** Index of an element's branch current, or -1 if it has none. */
  public int branch(String element) {
    Integer i = branchIndex.get(element.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  public String solverKind() {
    return solver.kind();
  }

  public int totalIterations() {
    return totalIterations;
  }

  /** Whether unknown i carries charge/flux/state (enters the truncation-error estimate). */
  boolean dynamic(int i) {
    return dynamic[i];
  }

  /** The dynamic unknowns in ascending order (see {@link #dynamic}); do not modify. */
  int[] dynamicUnknowns() {
    return dynamicList;
  }

  /** Initial guess: zeros plus devices' internal initial states. */
  public double[] initialGuess() {
    double[] x = new double[n];
    for (Element e : elements) {
      e.initialGuess(x);
    }
    return x;
  }

  /**
   * Evaluates f and q (and G, C) at x. After the call {@link #f()} and {@link #q()} hold the
   * values; used by the integrator to form histories and by energy bookkeeping.
   */
  void evaluate(double[] x, double t, boolean dc, double srcScale) {
    loadElements(loaded, x, t, dc, srcScale);
    fStale = false;
  }

  /**
   * Loads {@code elements} at x over the linear part: f = G_lin x, q = C_lin x, G and C start from the
   * linear part (copied back only when they hold more, see {@link #dirty}), then each element adds its
   * share. Nothing else is cleared.
   */
  private void loadElements(Element[] elements, double[] x, double t, boolean dc, double srcScale) {
    prepare(x, t, dc, srcScale);
    if (dirty) {
      System.arraycopy(linGv, 0, load.gv, 0, linGv.length);
      System.arraycopy(linCv, 0, load.cv, 0, linCv.length);
    }
    dirty = true;
    linear.apply(x, load.f, load.q, linG, linC);
    for (Element e : elements) {
      e.load(load);
    }
  }

  private void prepare(double[] x, double t, boolean dc, double srcScale) {
    if (load.x != x) {
      load.x = x; // stored only when it changes: a reference store costs the collector's write barrier
    }
    load.time = t;
    load.dc = dc;
    load.sourceScale = srcScale;
    load.limited = false;
  }

  /**
   * The charges q at an accepted point x, for the integration history: the linear elements' C x plus
   * the loads of the elements that are not {@link Element#chargeFree()} (the others add nothing to q,
   * so q is the same as after {@link #evaluate}). f is not complete afterwards: {@link #fAt} evaluates
   * again when it is needed.
   */
  void acceptCharges(double[] x, double t) {
    if (charged.length == 0) {
      linear.charges(x, load.q, linC);
      fStale = true;
      return;
    }
    loadElements(charged, x, t, false, 1.0);
    fStale = true;
    markDynamic();
  }

  /** f at the accepted point x after {@link #acceptCharges} or {@link #advanceLinear}. */
  double[] fAt(double[] x, double t) {
    if (fStale) {
      evaluate(x, t, false, 1.0);
    }
    return load.f;
  }

  double[] f() {
    return load.f;
  }

  /**
   * The small-signal matrices at x for {@link AcAnalysis}: evaluates every element as in a transient
   * (so capacitances are loaded), adds each element's {@link Element#loadSmallSignal} and copies G = df/dx and
   * C = dq/dx per pattern entry.
   *
   * @return {rows, cols} of the pattern entries (G and C fill {@code g} and {@code c})
   */
  int[][] jacobians(double[] x, double[] g, double[] c) {
    evaluate(x, 0.0, false, 1.0);
    for (Element e : elements) {
      e.loadSmallSignal(load); // the next evaluation starts from the linear part again (dirty)
    }
    System.arraycopy(load.gv, 0, g, 0, g.length);
    System.arraycopy(load.cv, 0, c, 0, c.length);
    return new int[][] {rows.clone(), cols.clone()};
  }

  /** Number of matrix entries of the pattern. */
  int entries() {
    return pattern.size();
  }

  /**
   * For a linear circuit, moves the last evaluation (f, q at the last Newton iterate) to
   * {@code xNew} exactly with f += G dx, q += C dx, instead of loading every element again.
   */
  void advanceLinear(double[] xNew) {
    double[] dx = rhs; // free after the solve
    for (int i = 0; i < n; i++) {
      dx[i] = xNew[i] - xOld[i];
    }
    double[] gv = load.gv;
    double[] cv = load.cv;
    double[] f = load.f;
    double[] q = load.q;
    for (int h = 0; h < rows.length; h++) {
      double d = dx[cols[h]];
      if (d != 0.0) {
        f[rows[h]] += gv[h] * d;
        q[rows[h]] += cv[h] * d;
      }
    }
  }

  double[] q() {
    return load.q;
  }

  private Load scratch;

  /**
   * Loads one element alone at x and copies its f and q contributions into the given arrays
   * (length n), for per-element energy bookkeeping.
   */
  void loadElement(Element e, double[] x, double t, double[] fOut, double[] qOut) {
    if (scratch == null) {
      scratch = new Load(n, pattern.size());
    }
    scratch.x = x;
    scratch.time = t;
    scratch.dc = false;
    scratch.sourceScale = 1.0;
    scratch.firstIteration = false;
    Arrays.fill(scratch.f, 0.0);
    Arrays.fill(scratch.q, 0.0);
    e.load(scratch);
    System.arraycopy(scratch.f, 0, fOut, 0, n);
    System.arraycopy(scratch.q, 0, qOut, 0, n);
  }

  /** Whether unknown i is a node voltage. */
  boolean isNode(int i) {
    return isNode[i];
  }

  /** Marks dynamic unknowns from the C pattern at the current evaluation. */
  void markDynamic() {
    boolean added = false;
    for (int h = 0; h < pattern.size(); h++) {
      if (load.cv[h] != 0.0 && !dynamic[cols[h]]) {
        dynamic[cols[h]] = true;
        added = true;
      }
    }
    if (added) {
      int m = 0;
      for (boolean d : dynamic) {
        m += d ? 1 : 0;
      }
      int[] list = new int[m];
      m = 0;
      for (int i = 0; i < n; i++) {
        if (dynamic[i]) {
          list[m++] = i;
        }
      }
      dynamicList = list;
    }
  }

  /** Extra conductance to ground on every node during gmin stepping. */
  void setGminStep(double g) {
    this.gminStep = g;
  }

  /**
   * Conductance that holds a node at its {@code .ic} (or {@code .nodeset}) value during the operating point, per
   * siemens of the node's own conductance above 1 S (ngspice replaces the node's row by v = value).
   */
  static final double HOLD_CONDUCTANCE = 1e4;

  private double[] hold;

  /** Node values to hold (NaN = free) in DC solves, or null; implements {@code .ic} without uic and .nodeset. */
  void setHold(double[] values) {
    this.hold = values;
  }

  /** Vector of .ic values by unknown (NaN where none), or null if the circuit has none. */
  double[] initialConditionVector() {
    return circuit.initialConditions().isEmpty() ? null : nodeVector(circuit.initialConditions(), null);
  }

  /**
   * Vector of .nodeset values by unknown with the .ic values over them (a node with both is held at its .ic, as in
   * ngspice), NaN where neither; null if the circuit has no .nodeset.
   */
  double[] nodesetVector() {
    return circuit.nodesets().isEmpty() ? null : nodeVector(circuit.nodesets(), initialConditionVector());
  }

  private double[] nodeVector(Map<String, Double> values, double[] over) {
    double[] v = new double[n];
    Arrays.fill(v, Double.NaN);
    for (Map.Entry<String, Double> e : values.entrySet()) {
      int i = node(e.getKey());
      if (i >= 0) {
        v[i] = e.getValue();
      }
    }
    for (int i = 0; over != null && i < n; i++) {
      if (!Double.isNaN(over[i])) {
        v[i] = over[i];
      }
    }
    return v;
  }

  /**
   * Damped Newton-Raphson. Solves {@code a0*q(x) + qHist + f(x,t) = 0} (a0 = 0, qHist ignored in
   * DC) starting from x (overwritten with the solution).
   *
   * @return iterations used, or -1 if not converged within maxIter (x then holds the last iterate)
   */
  int newton(double[] x, double t, boolean dc, double a0, double[] qHist, double srcScale, int maxIter) {
    residualCount = 0;
    double prevNorm = Double.POSITIVE_INFINITY;
    int damping = 0;
    double gExtra = options.gshunt() + gminStep;
    for (int iter = 1; iter <= maxIter; iter++) {
      load.firstIteration = iter == 1;
      evaluate(x, t, dc, srcScale);
      totalIterations++;
      double[] vals = solver.values();
      boolean withCharge = !dc || a0 != 0; // a0 != 0 in DC: pseudo-transient continuation
      boolean holding = dc && hold != null;
      double worst;
      double[] out = stepOut[stepBuffer];
      // A transient step of a nonlinear circuit on the dense solver runs fused (DenseLU.newtonStep: the code below
      // in generated form). A residual that is NaN or calls for backtracking goes the written-out way.
      int step = DenseLU.STEP_UNAVAILABLE;
      if (dense != null && withCharge && !(gExtra > 0) && !holding) {
        double limit = iter > 2 && damping < 8 ? 1e3 * prevNorm : Double.POSITIVE_INFINITY;
        step = dense.newtonStep(load.f, load.q, qHist, residualWeight, limit, load.gv, load.cv, linGv, linCv, a0,
            rhs, x, xOld, absTol, options.reltol(), out);
      }
      if (step != DenseLU.STEP_UNAVAILABLE && step != DenseLU.STEP_RESIDUAL) {
        if (step == DenseLU.STEP_NOT_FINITE || step == DenseLU.STEP_PIVOT) {
          // handed back with G and C as loaded: the matrix into the solver's values (G and C back to their linear
          // parts), the operations of the step's first pass; a value not finite names its unknown
          if (!assembleFinite(vals, true, a0)) {
            return -1;
          }
        } else {
          dirty = false; // G and C hold the linear part again
        }
        double norm = out[2];
        if (residualCount < residualHistory.length) {
          residualHistory[residualCount++] = norm;
        }
        damping = 0;
        prevNorm = norm;
        if (step >= 0) {
          worstIs(step); // a non-finite update
          return -1;
        }
        if (step == DenseLU.STEP_PIVOT) {
          worst = factorAndUpdate(x, dc);
          if (worst < 0) {
            return -1;
          }
        } else if (positiveTolerances) {
          worst = out[0] != 0 ? Double.POSITIVE_INFINITY : 0.0; // only whether some ratio is above 1 is used below
          if (out[1] != 0) {
            // this step names the worst unknown; its ratios are formed when the name is asked for
            pendingWorst = out;
            stepBuffer ^= 1;
          }
        } else {
          int at = DenseLU.worstUnknown(out, n);
          worst = DenseLU.ratio(out, at); // the divisions once: the worst unknown's ratio is the largest
          if (at >= 0) {
            worstIs(at);
          }
        }
      } else {
        if (!assembleFinite(vals, withCharge, a0)) {
          return -1;
        }
        double norm = 0.0;
        double[] f = load.f;
        double[] q = load.q;
        if (withCharge && !(gExtra > 0) && !holding) {
          // a transient step's residual: the loop below without its branches, the same arithmetic (fields read
          // into locals once: the client compiler of a cold run does not hoist them out of the loop)
          double[] b = rhs;
          double[] rw = residualWeight;
          for (int i = 0; i < n; i++) {
            double r = f[i] + (a0 * q[i] + qHist[i]);
            b[i] = r;
            double w = Math.abs(r) * rw[i];
            if (w > norm || Double.isNaN(w)) {
              norm = w;
            }
          }
        } else {
          for (int i = 0; i < n; i++) {
            double r = f[i];
            if (withCharge) {
              r += a0 * q[i] + qHist[i];
            }
            if (gExtra > 0 && isNode[i]) {
              r += gExtra * x[i];
              vals[diag[i]] += gExtra;
            }
            if (holding && !Double.isNaN(hold[i])) {
              // the hold outweighs the node's own conductance: a state node whose rate source has a slope of
              // 4e9 S (the VO2 export's hysteresis memory) moved 5 K away from its .ic against a fixed 1e4 S
              double g = HOLD_CONDUCTANCE * Math.max(1.0, Math.abs(vals[diag[i]]));
              r += g * (x[i] - hold[i]);
              vals[diag[i]] += g;
            }
            rhs[i] = r;
            double w = Math.abs(r) * residualWeight[i];
            if (w > norm || Double.isNaN(w)) {
              norm = w;
            }
          }
        }
        if (residualCount < residualHistory.length) {
          residualHistory[residualCount++] = norm;
        }
        if (Double.isNaN(norm)) {
          worstIs(worstResidual());
          return -1;
        }
        // Backtracking: if the residual grew a lot, step back half-way (at most 8 times in a row).
        if (iter > 2 && norm > 1e3 * prevNorm && damping < 8 && nonlinear) {
          damping++;
          for (int i = 0; i < n; i++) {
            x[i] = 0.5 * (x[i] + xOld[i]);
          }
          continue;
        }
        damping = 0;
        prevNorm = norm;
        worst = factorAndUpdate(x, dc);
        if (worst < 0) {
          return -1;
        }
      }
      boolean converged = !load.limited && !(worst > 1.0);
      for (Limiter lim : limiters) {
        lim.limitUpdate(x, xOld);
      }
      if (!nonlinear) {
        return iter;
      }
      if (converged && iter > 1) {
        return iter;
      }
      if (!dc && endedInTwoCycle()) {
        return -1; // the iterates repeat, so the remaining iterations would too (see endedInTwoCycle)
      }
    }
    return -1;
  }

  /**
   * Factors the matrix, solves for the Newton update with the residual in {@link #rhs} and applies it
   * ({@link #update}).
   *
   * @return the largest convergence ratio, or -1 when the update failed ({@link #worstUnknown} names the unknown)
   */
  private double factorAndUpdate(double[] x, boolean dc) {
    try {
      solver.factor();
    } catch (SingularMatrixException e) {
      if (!dc) {
        // in a transient step the Jacobian includes the charges' a0 term: a singular one can be a
        // step too long for a regenerative device (a0 ~ 1/h meeting one of its growth rates), so
        // it counts as a failed Newton solve and the step is retried shorter; a circuit that stays
        // singular ends as a non-convergence naming the unknown (regression: HuangNeuronTest)
        worstIs(e.unknown());
        return -1;
      }
      throw new SingularCircuitException(e.unknown());
    }
    solver.solve(rhs);
    return update(x);
  }

  /**
   * x -= dx (dx in {@link #rhs}) with the old iterate kept in {@link #xOld}.
   *
   * @return the largest convergence ratio |dx| / (reltol max(|x|, |xOld|) + absTol), or -1 when an update is
   *     not finite (then {@link #worstUnknown} names it)
   */
  private double update(double[] x) {
    double worst = 0;
    double reltol = options.reltol();
    double[] b = rhs;
    double[] xo0 = xOld;
    double[] at = absTol;
    int worstAt = worstUnknown();
    for (int i = 0; i < n; i++) {
      double dx = b[i];
      double xo = x[i];
      xo0[i] = xo;
      double xi = xo - dx;
      if (!Double.isFinite(xi)) {
        worstIs(i);
        return -1;
      }
      x[i] = xi;
      double tol = reltol * Math.max(Math.abs(xi), Math.abs(xo)) + at[i];
      double ratio = Math.abs(dx) / tol;
      if (ratio > worst) {
        worst = ratio;
        worstAt = i;
      }
    }
    worstIs(worstAt);
    return worst;
  }

  /** The unknown with the worst convergence ratio of the last update that named one (see {@link #pendingWorst}). */
  private int worstUnknown() {
    if (pendingWorst != null) {
      int at = DenseLU.worstUnknown(pendingWorst, n);
      if (at >= 0) {
        worstUnknown = at;
      }
      pendingWorst = null;
    }
    return worstUnknown;
  }

  /** Names the worst unknown (a later name replaces an earlier one, including one still pending). */
  private void worstIs(int i) {
    pendingWorst = null;
    worstUnknown = i;
  }

  /** {@link #assemble} that, when a value is not finite, names its unknown in {@link #worstUnknown}. */
  private boolean assembleFinite(double[] vals, boolean withCharge, double a0) {
    if (assemble(vals, withCharge, a0)) {
      return true;
    }
    // A device returned an infinite or undefined derivative: this iterate is unusable.
    worstIs(firstNotFinite(vals));
    return false;
  }

  /** The column of the first matrix value that is not finite. */
  private int firstNotFinite(double[] vals) {
    for (int h = 0; h < vals.length; h++) {
      if (!Double.isFinite(vals[h])) {
        return pattern.col(h);
      }
    }
    return worstUnknown();
  }

  /**
   * Writes the Newton matrix G + a0 C (G alone without charge) into the solver's values and, for a
   * nonlinear circuit, puts the linear part back into G and C for the next load.
   *
   * @return whether every value is finite
   */
  private boolean assemble(double[] vals, boolean withCharge, double a0) {
    double[] gv = load.gv;
    double[] cv = load.cv;
    boolean finite = true;
    if (!nonlinear) {
      // A linear circuit takes one iteration; advanceLinear reads G and C afterwards (they stay dirty).
      if (!withCharge) {
        for (int h = 0; h < vals.length; h++) {
          double v = gv[h];
          vals[h] = v;
          finite &= Double.isFinite(v);
        }
      } else {
        for (int h = 0; h < vals.length; h++) {
          double v = gv[h] + a0 * cv[h];
          vals[h] = v;
          finite &= Double.isFinite(v);
        }
      }
      return finite;
    }
    double[] lg = linGv;
    double[] lc = linCv;
    if (!withCharge) {
      for (int h = 0; h < vals.length; h++) {
        double v = gv[h];
        gv[h] = lg[h];
        cv[h] = lc[h];
        vals[h] = v;
        finite &= Double.isFinite(v);
      }
    } else {
      for (int h = 0; h < vals.length; h++) {
        double v = gv[h] + a0 * cv[h];
        gv[h] = lg[h];
        cv[h] = lc[h];
        vals[h] = v;
        finite &= Double.isFinite(v);
      }
    }
    dirty = false; // G and C hold the linear part again
    return finite;
  }

  private int worstResidual() {
    int w = 0;
    double max = -1;
    for (int i = 0; i < n; i++) {
      double a = Math.abs(rhs[i]);
      if (Double.isNaN(a)) {
        return i;
      }
      if (a > max) {
        max = a;
        w = i;
      }
    }
    return w;
  }

  /** Unknown with the worst convergence ratio in the last Newton iteration. */
  String worstName() {
    return names.get(worstUnknown());
  }

  double[] residualHistory() {
    return Arrays.copyOf(residualHistory, residualCount);
  }

  /**
   * Whether the last Newton solve ended in a two-cycle: its last four residual norms alternate a, b, a, b bit for
   * bit with a != b, the iterates jumping back and forth across a discontinuity of the equations (each side's
   * linearisation sends the next iterate to the other side), never converging however many iterations it gets.
   * False when the solve's norms were not all recorded (more than 64 iterations).
   */
  boolean endedInTwoCycle() {
    int c = residualCount;
    double[] r = residualHistory;
    return c >= 4 && c < r.length && r[c - 1] == r[c - 3] && r[c - 2] == r[c - 4] && r[c - 1] != r[c - 2];
  }

  /** Elements that limit Newton updates across unknowns (e.g. a junction voltage). */
  public interface Limiter {
    /** Adjusts the proposed iterate x given the previous one. */
    void limitUpdate(double[] x, double[] xPrevious);
  }

  /** A singular matrix that names the offending unknown (floating node, source loop). */
  final class SingularCircuitException extends NeuristorException {
    private static final long serialVersionUID = 1L;

    SingularCircuitException(int unknown) {
      super("singular matrix at " + names.get(Math.min(unknown, n - 1))
          + ": the node has no DC path to ground or a loop of voltage sources/inductors fixes it twice", 2);
    }
  }
}
