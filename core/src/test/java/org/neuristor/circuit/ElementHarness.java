package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test fixture: evaluates one element standalone (its terminals are unknowns 0..k-1, its internal
 * unknowns follow) and returns f, q and the dense Jacobians G = df/dx, C = dq/dx. Lives in the
 * circuit package because {@link Load} is package-private.
 */
public final class ElementHarness {
  private final Element element;
  private final int n;
  private final Load load;
  private final List<String> labels = new ArrayList<>();

  public ElementHarness(Element e) {
    this.element = e;
    List<String> nodes = e.nodes();
    int[] next = {nodes.size()};
    for (String s : nodes) {
      labels.add("v(" + s + ")");
    }
    e.allocate(new Allocator() {
      @Override
      public int branch(Element owner, String label) {
        labels.add(label);
        return next[0]++;
      }

      @Override
      public int state(Element owner, String label, double absTol) {
        labels.add(owner.name() + "." + label);
        return next[0]++;
      }

      @Override
      public int internalNode(Element owner, String label) {
        labels.add(label);
        return next[0]++;
      }
    });
    this.n = next[0];
    e.bind(new Binder() {
      @Override
      public int node(String name) {
        return nodes.indexOf(name);
      }

      @Override
      public int branchOf(String elementName) {
        throw new UnsupportedOperationException();
      }

      @Override
      public int entry(int row, int col) {
        return row < 0 || col < 0 ? -1 : row * n + col;
      }
    });
    this.load = new Load(n, n * n);
  }

  /** Number of unknowns (terminals + internal). */
  public int size() {
    return n;
  }

  /** Evaluation at x: {f, q, G (row-major n*n), C (row-major)}. */
  public double[][] eval(double[] x, boolean dc) {
    return eval(x, dc, false);
  }

  /**
   * Evaluation at x as in the first Newton iteration of a solve when {@code firstIteration}: elements
   * with junction limiting (diode, MOSFET) then evaluate x itself instead of a step limited against
   * their previous evaluation.
   */
  public double[][] eval(double[] x, boolean dc, boolean firstIteration) {
    Arrays.fill(load.f, 0);
    Arrays.fill(load.q, 0);
    Arrays.fill(load.gv, 0);
    Arrays.fill(load.cv, 0);
    load.x = x.clone();
    load.dc = dc;
    load.time = 0;
    load.firstIteration = firstIteration;
    element.load(load);
    return new double[][] {load.f.clone(), load.q.clone(), load.gv.clone(), load.cv.clone()};
  }

  /** Initial state vector (terminals at 0, internal unknowns from initialGuess). */
  public double[] initial() {
    double[] x = new double[n];
    element.initialGuess(x);
    return x;
  }
}
