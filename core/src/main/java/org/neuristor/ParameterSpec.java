package org.neuristor;

import java.util.Locale;

/**
 * One model parameter declared as data, the one record for every kind of model: device types
 * ({@code device describe}), biological neuron models ({@code model describe}) and anything else
 * that validates user values against declared ranges. The parser validates against it, the CLI
 * prints it, docs tables are generated from it and the model reads its value by name.
 *
 * @param name lower-case name used in netlists, model files and on the command line
 * @param unit unit of the value ({@code "-"} or {@code "1"} for dimensionless); SI for devices, the
 *     conventional unit of the published equations for biological models (mV, ms, nA, ...)
 * @param defaultValue value used when neither a preset nor the user sets it (NaN: derived from
 *     others, see the description)
 * @param min smallest allowed value (inclusive)
 * @param max largest allowed value (inclusive)
 * @param description one-line meaning, with the source of the default
 * @param spread how device-to-device variability perturbs it ({@link Spread#NONE} outside devices)
 */
public record ParameterSpec(String name, String unit, double defaultValue, double min, double max,
    String description, Spread spread) {

  /** Device-to-device spread kind: none, relative normal (voltages, times), log-normal (resistances). */
  public enum Spread { NONE, NORMAL, LOGNORMAL }

  public static ParameterSpec of(String name, String unit, double def, double min, double max, String description) {
    return new ParameterSpec(name, unit, def, min, max, description, Spread.NONE);
  }

  /** A voltage (V) that device-to-device variability spreads with a relative normal. */
  public static ParameterSpec voltage(String name, double def, double min, double max, String description) {
    return new ParameterSpec(name, "V", def, min, max, description, Spread.NORMAL);
  }

  /** A resistance (Ohm) that device-to-device variability spreads log-normally. */
  public static ParameterSpec resistance(String name, double def, double min, double max, String description) {
    return new ParameterSpec(name, "Ohm", def, min, max, description, Spread.LOGNORMAL);
  }

  /** This declaration with another default value. */
  public ParameterSpec withDefault(double value) {
    return new ParameterSpec(name, unit, value, min, max, description, spread);
  }

  /**
   * Checks {@code value} against the range; throws {@link ModelParameterException} naming this
   * parameter and {@code owner} (the model or device type). NaN is accepted only when the default is
   * NaN (meaning "derived").
   */
  public void check(String owner, double value) {
    if (Double.isNaN(value) && Double.isNaN(defaultValue)) {
      return;
    }
    if (!(value >= min && value <= max)) {
      throw new ModelParameterException(name, String.format(Locale.ROOT, "%s: parameter %s = %s %s is outside %s (%s)",
          owner, name, fmt(value), unit, range(), description));
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

  /** Allowed range as text, e.g. {@code [0, 1000] ms}. */
  public String range() {
    return "[" + fmt(min) + ", " + fmt(max) + "] " + unit;
  }

  /** A value as the describe tables print it: integers plain, else 6 significant digits. */
  public static String fmt(double d) {
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
