package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.List;

/**
 * Locates the switching instants of hysteretic elements ({@link Element#eventFunction}): a step over which
 * an element's switching function goes from negative to non-negative is retried so that it ends just past
 * the crossing, estimated by linear interpolation g0 / (g0 - g1) of the function over the step; then the
 * element fires. Not thread safe: one per run.
 */
final class EventLocator {
  private final Element[] elements;
  private final double[] g0;
  private final double tolerance;
  private int fired = -1;
  private double theta;

  /**
   * @param tolerance how far past the crossing a step may end (s)
   */
  EventLocator(Element[] all, double tolerance) {
    List<Element> ev = new ArrayList<>();
    for (Element e : all) {
      if (e.hasEvents()) {
        ev.add(e);
      }
    }
    this.elements = ev.toArray(new Element[0]);
    this.g0 = new double[elements.length];
    this.tolerance = tolerance;
  }

  /** Whether any element has events. */
  boolean any() {
    return elements.length > 0;
  }

  /** Records the switching functions at the accepted point (x, t). */
  void reset(double[] x, double t) {
    for (int e = 0; e < elements.length; e++) {
      g0[e] = elements[e].eventFunction(x, t);
    }
  }

  /**
   * Checks the step to (xNew, tNew) of size h. Returns a smaller step that ends just past the first
   * crossing, or NaN when the step may be accepted as it is (then {@link #fired()} tells whether an event
   * lies at its end).
   */
  double check(double[] xNew, double tNew, double h) {
    fired = -1;
    double bestTheta = 2;
    for (int e = 0; e < elements.length; e++) {
      double g1 = elements[e].eventFunction(xNew, tNew);
      if (g1 >= 0) {
        double th = g0[e] < 0 ? g0[e] / (g0[e] - g1) : 0;
        if (th < bestTheta) {
          bestTheta = th;
          fired = e;
        }
      }
    }
    theta = bestTheta;
    if (fired >= 0 && h * (1 - bestTheta) > tolerance) {
      double hTry = bestTheta * h + 0.5 * tolerance;
      if (hTry < h * 0.999) {
        return hTry;
      }
    }
    return Double.NaN;
  }

  /** Whether the last accepted step ends on a switching instant. */
  boolean fired() {
    return fired >= 0;
  }

  /** Fires every element whose switching function is non-negative at the accepted point. */
  void fire(double[] x, double t) {
    for (Element el : elements) {
      if (el.eventFunction(x, t) >= 0) {
        el.fireEvent(x, t);
      }
    }
  }
}
