package org.neuristor.expr;

import java.util.Locale;

/**
 * SPICE numbers: a decimal literal with an optional engineering suffix (f p n u (or the micro sign) m k meg g t mil,
 * case-insensitive) followed by ignored unit letters, as in {@code 10kohm}, {@code 1uF}, {@code 5ns}.
 * That is how netlists read them ({@link #parse(String)}).
 *
 * <p>Values given on the command line, in YAML/JSON files and in sweep specs are read with
 * {@link #parse(String, String)} against the unit the value is declared in, and the unit text is
 * checked instead of ignored:
 *
 * <ul>
 *   <li>a plain number is in the declared unit: {@code 20} for a parameter in ms is 20 ms;
 *   <li>a unit, with or without an SI prefix, is converted to the declared unit or refused naming
 *       it: {@code 20ms}, {@code 0.02s} and {@code 20000us} are all 20 for a parameter in ms,
 *       {@code 20mV} there is an error; a unit is never read as a prefix ({@code 1F} is one farad,
 *       {@code 300K} 300 kelvin);
 *   <li>a bare SPICE suffix scales the number as in a netlist ({@code 1k}, {@code 10meg}, {@code 5n},
 *       case-insensitive) when the declared unit has no prefix (V, s, Ohm, A, F, dimensionless);
 *       for a unit that has one (mV, ms, nA, pF) it is refused as ambiguous ({@code 4n} for a current
 *       in nA could be 4 nA or 4e-9 nA): give the unit;
 *   <li>{@code M} alone is refused (milli in SPICE, mega elsewhere): write {@code m} or {@code meg};
 *   <li>dimensionless values ({@code 1}, {@code -} or empty unit) also take a percentage, {@code 10%};
 *   <li>{@code inf} and {@code -inf} are infinite (the caller checks ranges).
 * </ul>
 *
 * The declared unit {@link #ANY_UNIT} is for values whose unit is not declared (a circuit's
 * {@code .param}): suffixes scale, a known SI unit symbol after a suffix is accepted, and a bare
 * letter that is both a unit and a suffix ({@code F}) is refused as ambiguous.
 */
public final class SpiceNumber {
  private SpiceNumber() {}

  /** The declared unit of a value whose unit is unknown (see the class comment). */
  public static final String ANY_UNIT = "*";

  /** Unit symbols accepted after a number whose unit is {@link #ANY_UNIT}. */
  private static final java.util.Set<String> SI_SYMBOLS = java.util.Set.of("V", "A", "s", "F", "H", "Ohm", "Hz", "S",
      "W", "J", "K", "C");

  /**
   * Parses a value given in (or convertible to) {@code unit}; see the class comment. Throws
   * {@link IllegalArgumentException} with a one-line message that quotes the text and names the
   * expected unit (callers add which option or key it was).
   */
  public static double parse(String text, String unit) {
    String t = text == null ? "" : text.trim();
    String low = t.toLowerCase(Locale.ROOT);
    if (low.equals("inf") || low.equals("+inf") || low.equals("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    if (low.equals("-inf") || low.equals("-infinity")) {
      return Double.NEGATIVE_INFINITY;
    }
    int end = literalEnd(t, 0);
    if (end < 0) {
      throw new IllegalArgumentException("not a number: '" + t + "'" + expected(unit));
    }
    String literal = t.substring(0, end);
    String rest = unitPart(t, end);
    int exp10 = rest.isEmpty() ? 0 : exponent(t, rest, unit == null ? "" : unit);
    try {
      return exp10 == 0 ? Double.parseDouble(literal)
          : new java.math.BigDecimal(literal).scaleByPowerOfTen(exp10).doubleValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: '" + t + "'" + expected(unit));
    }
  }

  /**
   * The SI unit symbol written after a value read as {@link #ANY_UNIT} ({@code F} of {@code 1nF}, {@code Ohm} of
   * {@code 10kohm}), or null where none is written ({@code 1n}, {@code 20k}, {@code 3}) or the text is no such value.
   */
  public static String writtenUnit(String text) {
    String t = text == null ? "" : text.trim();
    int end = literalEnd(t, 0);
    if (end < 0) {
      return null;
    }
    Symbol u = anyUnitSymbol(unitPart(t, end));
    return u == null ? null : u.unit();
  }

  /** The text after the literal ending at {@code end}: trimmed, micro signs as u, the ohm sign as Ohm. */
  private static String unitPart(String t, int end) {
    return t.substring(end).trim().replace('\u00b5', 'u').replace('\u03bc', 'u').replace("\u03a9", "Ohm");
  }

  /** An SI unit symbol written after a number and the power of ten of its prefix ({@code nF}: F, -9). */
  private record Symbol(String unit, int exp10) {}

  /**
   * What {@code rest} (the text after a number whose unit is {@link #ANY_UNIT}) writes: a known SI unit symbol alone
   * (not a letter that is also a SPICE suffix, such as F) or after an SI prefix or meg; null otherwise.
   */
  private static Symbol anyUnitSymbol(String rest) {
    if (SI_SYMBOLS.contains(rest) && !suffixLetter(rest)) {
      return new Symbol(rest, 0);
    }
    for (int len : new int[] {3, 1}) {
      if (rest.length() > len) {
        Integer p = prefixOf(rest, len);
        String b = normalized(rest.substring(len));
        if (p != null && SI_SYMBOLS.contains(b)) {
          return new Symbol(b, p);
        }
      }
    }
    return null;
  }

  /** Whether {@code rest} is one letter that is also a SPICE suffix (f p n u m k g t, any case; F: femto or farad). */
  private static boolean suffixLetter(String rest) {
    return rest.length() == 1 && "fpnumkgtFPNUMKGT".indexOf(rest.charAt(0)) >= 0;
  }

  /** The exponent of the prefix that takes the first {@code len} letters of {@code rest} (3: meg; 1: f..T), or null. */
  private static Integer prefixOf(String rest, int len) {
    return len == 3 ? (rest.substring(0, 3).equalsIgnoreCase("meg") ? Integer.valueOf(6) : null)
        : siPrefix(rest.substring(0, 1));
  }

  /** Index after the decimal literal at {@code from} in {@code s} (sign, digits, point, exponent), or -1. */
  private static int literalEnd(String s, int from) {
    int i = from;
    int n = s.length();
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
      return -1;
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
    return i;
  }

  /** Whether a declared unit is that of a dimensionless value: empty, {@code 1} or {@code -} (null too). */
  public static boolean dimensionless(String unit) {
    return unit == null || unit.isEmpty() || unit.equals("1") || unit.equals("-");
  }

  /** Power of ten that takes the number written with {@code rest} after it into {@code unit}. */
  private static int exponent(String text, String rest, String unit) {
    boolean any = unit.equals(ANY_UNIT);
    boolean dimensionless = dimensionless(unit);
    if (rest.equals("%") && (dimensionless || any)) {
      return -2;
    }
    int dp = 0;
    String base = null;
    if (!any && !dimensionless) {
      Integer p = declaredPrefix(unit);
      dp = p == null ? 0 : p;
      base = p == null ? unit : unit.substring(1);
    }
    // the unit alone; a single letter that is also a SPICE suffix is the unit only as written in the declared unit
    if (base != null && baseMatches(rest, base)
        && (!suffixLetter(rest) || rest.equals(base) && Character.isUpperCase(rest.charAt(0)))) {
      return -dp;
    }
    if (any) {
      // a unit symbol, alone or after a prefix
      Symbol u = anyUnitSymbol(rest);
      if (u != null) {
        return u.exp10();
      }
    }
    // an SI prefix and the declared unit
    for (int len : new int[] {3, 1}) {
      if (base != null && rest.length() > len) {
        Integer p = prefixOf(rest, len);
        if (p != null && baseMatches(rest.substring(len), base)) {
          return p - dp;
        }
      }
    }
    // a bare SPICE suffix
    Integer s = spiceSuffix(rest);
    if (rest.equals("M")) {
      throw new IllegalArgumentException("'" + text + "': M is milli in SPICE and mega elsewhere; write m or meg");
    }
    if (any && rest.equals("F")) {
      throw new IllegalArgumentException("'" + text + "': F is femto in SPICE and farad elsewhere; write f for femto "
          + "or a plain number of farads");
    }
    if (s != null) {
      if (dp != 0) {
        throw new IllegalArgumentException("'" + text + "' is ambiguous for a value in " + unit + ": write the unit ("
            + text.trim() + base + " or a value in " + base + "), or a plain number of " + unit);
      }
      return s;
    }
    throw new IllegalArgumentException("'" + text.trim() + "': wrong unit" + expected(unit));
  }

  /** The SI prefix of a declared unit (m of mV, M of MOhm), or null; a prefix is followed by a letter. */
  private static Integer declaredPrefix(String unit) {
    return unit.length() > 1 && Character.isLetter(unit.charAt(1)) ? siPrefix(unit.substring(0, 1)) : null;
  }

  private static String expected(String unit) {
    if (dimensionless(unit)) {
      return " (a plain number; SPICE suffixes such as 1k and percentages such as 10% are allowed)";
    }
    if (unit.equals(ANY_UNIT)) {
      return " (a number with an optional SPICE suffix such as 1k, 10n, 2meg)";
    }
    Integer p = declaredPrefix(unit);
    String base = p == null ? unit : unit.substring(1);
    return ", expected a value in " + unit + (p == null
        ? " (a plain number, a SPICE suffix such as 2k or 5m, or the unit with an optional prefix, e.g. "
            + (base.equals("s") ? "5ms" : "2k" + base) + ")"
        : " (a plain number of " + unit + ", or the unit " + base + " with an optional prefix, e.g. 20" + unit + ")");
  }

  /** Same unit symbol: exact, or ignoring case except for s (second) against S (siemens). */
  private static boolean baseMatches(String written, String declared) {
    String w = normalized(written);
    String d = normalized(declared);
    if (w.equals(d)) {
      return true;
    }
    return w.equalsIgnoreCase(d) && d.indexOf('s') < 0 && d.indexOf('S') < 0;
  }

  private static String normalized(String u) {
    return u.equalsIgnoreCase("ohm") || u.equalsIgnoreCase("ohms") ? "Ohm" : u.equalsIgnoreCase("hz") ? "Hz" : u;
  }

  /** SI prefix exponent of one letter (case-sensitive: m milli, M mega; k and K kilo), or null. */
  private static Integer siPrefix(String p) {
    return switch (p) {
      case "f" -> -15;
      case "p" -> -12;
      case "n" -> -9;
      case "u" -> -6;
      case "m" -> -3;
      case "k", "K" -> 3;
      case "M" -> 6;
      case "G", "g" -> 9;
      case "T", "t" -> 12;
      default -> null;
    };
  }

  /** Exponent of a whole SPICE suffix (f p n u m k meg g t, any case), or null. */
  private static Integer spiceSuffix(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "f" -> -15;
      case "p" -> -12;
      case "n" -> -9;
      case "u" -> -6;
      case "m" -> -3;
      case "k" -> 3;
      case "meg" -> 6;
      case "g" -> 9;
      case "t" -> 12;
      default -> null;
    };
  }

  /** Length of ngspice's scale factor at the start of {@code rest} (lower case): 3 for meg/mil, 1 for f p n u µ m k g t, else 0. */
  private static int scaleLength(String rest) {
    if (rest.startsWith("meg") || rest.startsWith("mil")) {
      return 3;
    }
    return !rest.isEmpty() && "fpnu\u00b5mkgt".indexOf(rest.charAt(0)) >= 0 ? 1 : 0;
  }

  /**
   * How a number token is written, as ngspice reads it: {@code {scale, letters}}, the scale factor as
   * written ({@code "k"}, {@code "Meg"}, {@code "M"}, {@code ""}) and the letters after it that ngspice
   * ignores ({@code "ohm"} of {@code 10kohm}, {@code "V"} of {@code 5V}); null when the token is not a
   * number followed by letters only.
   */
  public static String[] written(String token) {
    String t = token.trim();
    int i = literalEnd(t, 0);
    if (i < 0) {
      return null;
    }
    String rest = t.substring(i);
    for (int k = 0; k < rest.length(); k++) {
      if (!Character.isLetter(rest.charAt(k))) {
        return null;
      }
    }
    int skip = scaleLength(rest.toLowerCase(Locale.ROOT));
    return new String[] {rest.substring(0, skip), rest.substring(skip)};
  }

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
    int start = from;
    int i = literalEnd(s, from);
    int n = s.length();
    if (i < 0) {
      return Double.NaN;
    }
    String literal = s.substring(start, i);
    String rest = s.substring(i).toLowerCase(Locale.ROOT);
    int exp10 = 0;
    boolean mil = rest.startsWith("mil");
    int skip = scaleLength(rest);
    if (rest.startsWith("meg")) {
      exp10 = 6;
    } else if (skip == 1) {
      switch (rest.charAt(0)) {
        case 'f' -> exp10 = -15;
        case 'p' -> exp10 = -12;
        case 'n' -> exp10 = -9;
        case 'u', '\u00b5' -> exp10 = -6; // u or the micro sign, as ngspice reads it
        case 'm' -> exp10 = -3;
        case 'k' -> exp10 = 3;
        case 'g' -> exp10 = 9;
        default -> exp10 = 12; // t
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
