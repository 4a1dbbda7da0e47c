package org.neuristor.netlist.control;

import java.util.Map;

/**
 * The result of one {@code .meas}: a value, or null with the reason the event did not happen (a
 * measurement never reports what did not happen), plus the times or values ngspice prints next to it
 * ({@code at}, {@code trig}, {@code targ}, {@code from}, {@code to}).
 *
 * @param analysis the analysis it was measured on ({@code tran}, {@code dc}, {@code ac})
 * @param fullScale the scale the value is read against: the measured signal's range for a value, the
 *     analysis span for a time; NaN when there is none (PARAM)
 */
public record Measurement(String name, String analysis, Double value, String failure, Map<String, Double> details,
    double fullScale) {

  public static Measurement ok(String name, String analysis, double value, Map<String, Double> details, double scale) {
    return new Measurement(name, analysis, value, null, details, scale);
  }

  public static Measurement failed(String name, String analysis, String why) {
    return new Measurement(name, analysis, null, why, Map.of(), Double.NaN);
  }

  /** ngspice's one-line form: {@code name = value at= ...} or {@code name = failed (reason)}. */
  public String line() {
    if (value == null) {
      return String.format("%-19s = failed (%s)", name, failure);
    }
    StringBuilder sb = new StringBuilder(String.format("%-19s = %13.6e", name, value));
    details.forEach((k, v) -> sb.append(' ').append(k).append("= ").append(String.format("%13.6e", v)));
    return sb.toString();
  }
}
