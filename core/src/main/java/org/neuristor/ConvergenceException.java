package org.neuristor;

/**
 * A simulation that could not converge: Newton failed at the minimum step, or the time step
 * underflowed. Carries the simulation time, the last step size tried, the unknown with the largest
 * residual and the residual norms of the last Newton iterations (exit 3).
 */
public class ConvergenceException extends NeuristorException {
  private static final long serialVersionUID = 1L;
  private final double time;
  private final double step;
  private final String worstNode;
  private final double[] residuals;

  public ConvergenceException(String analysis, double time, double step, String worstNode, double[] residuals) {
    super(String.format(java.util.Locale.ROOT,
        "%s did not converge at time %.6g s with step %.3g s; worst unknown %s (residual history %s)",
        analysis, time, step, worstNode, format(residuals)), 3);
    this.time = time;
    this.step = step;
    this.worstNode = worstNode;
    this.residuals = residuals.clone();
  }

  private static String format(double[] r) {
    StringBuilder sb = new StringBuilder("[");
    int from = Math.max(0, r.length - 5);
    for (int i = from; i < r.length; i++) {
      if (i > from) {
        sb.append(", ");
      }
      sb.append(String.format(java.util.Locale.ROOT, "%.3g", r[i]));
    }
    return sb.append("]").toString();
  }

  public double time() {
    return time;
  }

  public double step() {
    return step;
  }

  public String worstNode() {
    return worstNode;
  }

  public double[] residuals() {
    return residuals.clone();
  }
}
