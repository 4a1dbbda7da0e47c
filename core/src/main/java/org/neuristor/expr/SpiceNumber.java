package org.neuristor.expr;

import java.util.Locale;

/**
 * SPICE numbers: a decimal literal with an optional engineering suffix (f p n u (or the micro sign) m k meg g t mil,
 * case-insensitive) followed by ignored unit letters, as in {@code 10kohm}, {@code 1uF}, {@code 5ns}.
 */
public final class SpiceNumber {
  private SpiceNumber() {}

  /** Parses a whole token; returns NaN if it is not a number. */
  public static double parse(String token) {
    int[] end = {0};
    double v = parsePrefix(token, 0, end);
    if (Double.isNaN(v)) {
      return Double.NaN;
    }
    // The rest must be letters (units), nothing else.
    for (int i = end[0]; i < token.length(); i++) {
      if (!Character.isLetter(token.charAt(i))) {
        return Double.NaN;
      }
    }
    return v;
  }

  /**
   * Parses a number starting at {@code from}; {@code end[0]} receives the index after the number,
   * its suffix and any unit letters. Returns NaN if no digits start there.
   */
  public static double parsePrefix(String s, int from, int[] end) {
    int i = from;
    int n = s.length();
    int start = i;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int ed = 0;
      while (j < n && Character.isDigit(s.charAt(j))) {
        j++;
        ed++;
      }
      if (ed > 0) {
        i = j;
      }
    }
    String literal = s.substring(start, i);
    String rest = s.substring(i).toLowerCase(Locale.ROOT);
    int exp10 = 0;
    boolean mil = false;
    int skip = 0;
    if (rest.startsWith("meg")) {
      exp10 = 6;
      skip = 3;
    } else if (rest.startsWith("mil")) {
      mil = true;
      skip = 3;
    } else if (!rest.isEmpty()) {
      switch (rest.charAt(0)) {
        case 'f' -> { exp10 = -15; skip = 1; }
        case 'p' -> { exp10 = -12; skip = 1; }
        case 'n' -> { exp10 = -9; skip = 1; }
        case 'u', '\u00b5' -> { exp10 = -6; skip = 1; } // u or the micro sign, as ngspice reads it
        case 'm' -> { exp10 = -3; skip = 1; }
        case 'k' -> { exp10 = 3; skip = 1; }
        case 'g' -> { exp10 = 9; skip = 1; }
        case 't' -> { exp10 = 12; skip = 1; }
        default -> { }
      }
    }
    i += skip;
    while (i < n && Character.isLetter(s.charAt(i))) {
      i++;
    }
    end[0] = i;
    double v;
    try {
      // Scale in decimal so that 5u is exactly the double nearest 5e-6, as written.
      v = exp10 == 0 ? Double.parseDouble(literal)
          : new java.math.BigDecimal(literal).scaleByPowerOfTen(exp10).doubleValue();
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
    return mil ? v * 25.4e-6 : v;
  }
}
