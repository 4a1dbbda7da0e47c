package org.neuristor.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the data determine a fitted parameter, read off the local standard errors and correlations of a fit
 * ({@link DeviceFitter.Result}). A parameter is not identified when
 *
 * <ul>
 *   <li>the residuals do not depend on it at the optimum (a direction of the Jacobian with a singular value below
 *       1e-9 of the largest has a weight in it: its standard error is undefined), e.g. a threshold when every
 *       measured voltage stays below it;
 *   <li>its relative standard error is above {@link #MAX_REL_STD_ERR} (for a scale parameter, fitted as ln p, that is
 *       an uncertainty of a factor e; the sweep's {@code beta} of docs/fitting.md had 186); or
 *   <li>its correlation with another free parameter is above {@link #MAX_CORRELATION} in magnitude: the data
 *       determine a combination of the two, not each (the partner is named).
 * </ul>
 *
 * These are local figures (linearised at the optimum): a parameter flagged here is one to hold ({@code fit --fix}) or
 * to give data that depend on it; one not flagged may still differ in another optimum.
 *
 * @param identified whether the data determine it by the rules above
 * @param reason why not (null when identified)
 */
public record Identification(boolean identified, String reason) {
  /** Largest relative standard error of an identified parameter. */
  public static final double MAX_REL_STD_ERR = 1.0;
  /** Largest |correlation| of an identified parameter with any other. */
  public static final double MAX_CORRELATION = 0.99;

  /** One per free parameter of the fit, in its order; {@code labels} name them (e.g. {@code ambient[sweep.csv]}). */
  public static List<Identification> of(DeviceFitter.Result r, List<String> labels) {
    int n = r.values().length;
    List<Identification> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      double se = r.standardErrors()[j];
      double value = r.values()[j];
      List<String> why = new ArrayList<>();
      if (!Double.isFinite(se)) {
        why.add("the data do not depend on it at the optimum (no sensitivity; its standard error is undefined)");
      } else if (value != 0 && Math.abs(se / value) > MAX_REL_STD_ERR) {
        why.add(String.format(Locale.ROOT, "its relative standard error is %.3g (above %.3g)", Math.abs(se / value),
            MAX_REL_STD_ERR));
      }
      for (int k = 0; k < n; k++) {
        double c = r.correlations()[j][k];
        if (k != j && Double.isFinite(c) && Math.abs(c) > MAX_CORRELATION) {
          why.add(String.format(Locale.ROOT, "it is correlated with %s (r = %.4f, |r| above %.2f): the data determine a "
              + "combination of the two, not each", labels.get(k), c, MAX_CORRELATION));
        }
      }
      out.add(why.isEmpty() ? new Identification(true, null) : new Identification(false, String.join("; ", why)));
    }
    return out;
  }
}
