package org.neuristor.fit;

import org.neuristor.NeuristorException;
import org.neuristor.expr.SpiceNumber;

/**
 * Numbers with units in data conditions, read with the project's one number parser ({@link
 * SpiceNumber#parse(String, String)}: a unit after the number is converted or refused, never read as a
 * SPICE suffix). Temperatures take {@code K} (default) or {@code C} (degrees Celsius).
 */
final class Quantity {
  private Quantity() {}

  /** A temperature in kelvin: {@code 341.65}, {@code 341.65K}, {@code 68.5C}. */
  static double kelvin(String text, String what) {
    String t = text.trim().replace("\u00B0", "");
    double v = t.endsWith("C") || t.endsWith("c") ? si(t.substring(0, t.length() - 1), "K", what, text) + 273.15
        : si(t, "K", what, text);
    if (!(v > 0)) {
      throw NeuristorException.input(what + ": a temperature in kelvin must be positive, got '" + text + "'");
    }
    return v;
  }

  /** A finite value in {@code unit} (e.g. {@code Ohm}, {@code A}): {@code 1k}, {@code 10mA}, {@code 1kOhm}. */
  static double si(String text, String unit, String what) {
    return si(text, unit, what, text);
  }

  private static double si(String t, String unit, String what, String text) {
    try {
      double v = SpiceNumber.parse(t, unit);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (IllegalArgumentException e) {
      // the parser quotes what it read, the text without its C: 'abc' was quoted as 'ab', '68.5CC' as '68.5C'
      throw NeuristorException.input(what + ": " + e.getMessage().replace("'" + t.trim() + "'", "'" + text.trim() + "'"));
    }
    throw NeuristorException.input(what + ": '" + text + "' is not a finite number");
  }
}
