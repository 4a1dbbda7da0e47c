package org.neuristor.neuron;

import java.util.Locale;
import org.neuristor.ModelParameterException;

/**
 * One neuron-model parameter declared as data: {@link NeuronModel} validates values against it,
 * {@code neuristor model describe} prints it, and model files are checked with it.
 *
 * <p>Values are in the conventional unit of the model's equations as written in physics.md
 * section 2 (mV, ms, nA, pA, nS, pF, uA/cm^2, ...); {@link #unit()} names it.
 *
 * @param name lower-case name used on the command line and in model files ({@code tau_m})
 * @param unit unit of the value ({@code "1"} for dimensionless)
 * @param defaultValue published or documented default (NaN when derived from others, see description)
 * @param min smallest allowed value (inclusive)
 * @param max largest allowed value (inclusive)
 * @param description one-line meaning, with the source of the default
 */
public record ModelParameter(String name, String unit, double defaultValue, double min, double max,
    String description) {

  public static ModelParameter of(String name, String unit, double def, double min, double max, String description) {
    return new ModelParameter(name, unit, def, min, max, description);
  }

  /**
   * Checks {@code value} against the range; throws {@link ModelParameterException} naming this
   * parameter. NaN is accepted only when the default is NaN (meaning "derived").
   */
  public void check(String model, double value) {
    if (Double.isNaN(value) && Double.isNaN(defaultValue)) {
      return;
    }
    if (!(value >= min && value <= max)) {
      throw new ModelParameterException(name, String.format(Locale.ROOT, "%s: parameter %s = %s %s is outside %s (%s)",
          model, name, fmt(value), unit, range(), description));
    }
  }

  /**
   * A value written as text ({@code 20}, {@code 20ms}, {@code 0.02s} for a parameter in ms; see
   * {@link org.neuristor.expr.SpiceNumber#parse(String, String)}) in this parameter's unit; a wrong
   * or ambiguous unit is a {@link ModelParameterException} naming the parameter and its unit.
   */
  public double parse(String text) {
    try {
      return org.neuristor.expr.SpiceNumber.parse(text, unit);
    } catch (IllegalArgumentException e) {
      throw new ModelParameterException(name, "parameter " + name + ": " + e.getMessage());
    }
  }

  /** Allowed range as text, e.g. {@code [0, 1e+03] ms}. */
  public String range() {
    return "[" + fmt(min) + ", " + fmt(max) + "] " + unit;
  }

  static String fmt(double d) {
    if (Double.isNaN(d)) {
      return "derived";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e7) {
      return String.valueOf((long) d);
    }
    double a = Math.abs(d);
    if (a >= 1e-3 && a < 1e7) {
      return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
    String e = String.format(Locale.ROOT, "%.5e", d);
    String mant = e.substring(0, e.indexOf('e')).replaceAll("\\.?0+$", "");
    return mant + "e" + Integer.parseInt(e.substring(e.indexOf('e') + 1));
  }
}
