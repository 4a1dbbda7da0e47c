package org.neuristor.fit;

import java.util.Locale;
import org.neuristor.NeuristorException;

/**
 * Numbers with units in data conditions: a decimal number, an optional SI prefix (f p n u m k M G) and
 * an optional unit, which must be the expected one. Temperatures take {@code K} (default) or
 * {@code C}. Anything else is refused, never read as a SPICE suffix.
 */
final class Quantity {
  private Quantity() {}

  /** A temperature in kelvin: {@code 341.65}, {@code 341.65K}, {@code 68.5C}. */
  static double kelvin(String text, String what) {
    String t = text.trim().replace("\u00B0", "");
    if (t.endsWith("C") || t.endsWith("c")) {
      return number(t.substring(0, t.length() - 1), what, text) + 273.15;
    }
    if (t.endsWith("K") || t.endsWith("k")) {
      t = t.substring(0, t.length() - 1);
    }
    double v = number(t, what, text);
    if (!(v > 0)) {
      throw NeuristorException.input(what + ": a temperature in kelvin must be positive, got '" + text + "'");
    }
    return v;
  }

  /** A value of {@code unit} (e.g. {@code Ohm}, {@code A}) with an optional SI prefix: {@code 1k}, {@code 10mA}. */
  static double si(String text, String unit, String what) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    String u = unit.toLowerCase(Locale.ROOT);
    if (lower.endsWith(u)) {
      t = t.substring(0, t.length() - u.length());
    } else if (unit.equals("Ohm") && t.endsWith("\u03A9")) {
      t = t.substring(0, t.length() - 1);
    }
    double f = 1;
    if (!t.isEmpty() && Character.isLetter(t.charAt(t.length() - 1))) {
      f = switch (t.charAt(t.length() - 1)) {
        case 'f' -> 1e-15;
        case 'p' -> 1e-12;
        case 'n' -> 1e-9;
        case 'u', '\u00B5' -> 1e-6;
        case 'm' -> 1e-3;
        case 'k' -> 1e3;
        case 'M' -> 1e6;
        case 'G' -> 1e9;
        default -> throw NeuristorException.input(what + ": '" + text + "' is not a number of " + unit
            + " (an SI prefix f p n u m k M G and the unit are allowed)");
      };
      t = t.substring(0, t.length() - 1);
    }
    return number(t, what, text) * f;
  }

  private static double number(String t, String what, String text) {
    try {
      double v = Double.parseDouble(t.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw NeuristorException.input(what + ": '" + text + "' is not a number");
  }
}
