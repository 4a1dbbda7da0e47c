package org.neuristor.expr;

/**
 * A compiled expression node: evaluation writes the value {@link #v} and the gradient {@link #g}
 * with respect to the expression's inputs, into preallocated fields (no allocation per call).
 */
abstract class Node {
  double v;
  final double[] g;
  boolean constant;

  Node(int inputs) {
    this.g = new double[inputs];
  }

  abstract void eval(double[] in, double t);

  static Node constant(double value, int inputs) {
    Node n = new Node(inputs) {
      @Override
      void eval(double[] in, double t) {}
    };
    n.v = value;
    n.constant = true;
    return n;
  }
}
