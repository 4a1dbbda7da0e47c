package org.neuristor.expr;

import java.util.Locale;
import java.util.Map;

/**
 * The letters written after a netlist number, as ngspice reads them, and those Neuristor refuses. ngspice reads a
 * number, one scale factor ({@code f p n u m k meg g t mil}, any case) and ignores any letters after it:
 * {@code 10kohm}, {@code 1uF}, {@code 5V} and {@code 20kV} are 10e3, 1e-6, 5 and 20e3 whatever the element. Neuristor
 * reads the same numbers, except where the letters would make it misread the deck silently ({@link #problem} where
 * the quantity is known, {@link #noUnit} where it is not).
 *
 * <p>One check for every netlist number: element values and {@code .model} parameters (through
 * {@code org.neuristor.netlist.WrittenUnits}, which also knows the quantity), {@code .param}, {@code .options},
 * {@code .ic}/{@code .nodeset} and instance values, numbers inside expressions and B sources ({@link Expression}),
 * {@code .meas} values and {@code .control} expressions.
 */
public final class UnitLetters {
  private UnitLetters() {}

  /** Unit words to their symbol (lower case keys). */
  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("ohm", "Ohm"), Map.entry("ohms", "Ohm"), Map.entry("\u03c9", "Ohm"),
      Map.entry("f", "F"), Map.entry("farad", "F"), Map.entry("farads", "F"),
      Map.entry("h", "H"), Map.entry("henry", "H"), Map.entry("henries", "H"), Map.entry("henrys", "H"),
      Map.entry("v", "V"), Map.entry("volt", "V"), Map.entry("volts", "V"),
      Map.entry("a", "A"), Map.entry("amp", "A"), Map.entry("amps", "A"), Map.entry("ampere", "A"),
      Map.entry("amperes", "A"),
      Map.entry("s", "s"), Map.entry("sec", "s"), Map.entry("secs", "s"), Map.entry("second", "s"),
      Map.entry("seconds", "s"),
      Map.entry("hz", "Hz"), Map.entry("w", "W"), Map.entry("j", "J"), Map.entry("c", "C"));

  /** What each unit measures, for messages. */
  private static final Map<String, String> QUANTITY = Map.of("Ohm", "resistance", "F", "capacitance", "H",
      "inductance", "V", "voltage", "A", "current", "s", "time", "Hz", "frequency", "W", "power", "J", "energy",
      "C", "charge");

  /** Whether {@code unit} is one of the unit symbols known here (Ohm F H V A s Hz W J C). */
  public static boolean known(String unit) {
    return QUANTITY.containsKey(unit);
  }

  /**
   * Why the netlist number {@code x}, whose quantity is not known, is refused, or null: only letters that are no unit,
   * after the scale factor or with it ({@code 5kss}, {@code 3x}, {@code 0.5vv}). A unit ngspice reads as a scale
   * factor is read as ngspice reads it here ({@code mob=50F} in a memristor model is 50e-15, F being femto there); as
   * the value of a capacitance, {@link #problem} refuses it.
   */
  public static String noUnit(String x) {
    String[] w = SpiceNumber.written(x);
    if (w == null || w[1].isEmpty() || UNITS.containsKey(w[1].toLowerCase(Locale.ROOT))
        || UNITS.containsKey((w[0] + w[1]).toLowerCase(Locale.ROOT))) {
      return null;
    }
    return notUnitOf(x, w[1], null);
  }

  /**
   * Why the netlist number {@code x} cannot be a value in {@code unit} (null: a unit of any quantity), or null: letters
   * that are no unit ({@code 5kss}, {@code 3x}), a unit symbol ngspice reads as a scale factor ({@code 1F},
   * {@code 1farad}: femto), {@code M} before Ohm or Hz ({@code 1MOhm}: milli in SPICE, mega in SI), and for a
   * {@code unit}, the unit of another quantity ({@code 20kV} for a resistance). Text that is not a number followed by
   * letters only (a parameter name, an expression) is no problem here.
   */
  public static String problem(String x, String unit) {
    String[] w = SpiceNumber.written(x);
    if (w == null) {
      return null;
    }
    String scale = w[0];
    String letters = w[1];
    String sym = UNITS.get(letters.toLowerCase(Locale.ROOT));
    if (sym == null) {
      String whole = UNITS.get((scale + letters).toLowerCase(Locale.ROOT));
      if (whole != null && !scale.isEmpty() && (letters.isEmpty() ? scale.equals("F") : true) && !isZero(x)) {
        return "'" + x + "' is ambiguous: ngspice reads " + scale + " as the scale factor " + scaleName(scale)
            + " (" + x.substring(0, x.length() - scale.length() - letters.length()) + " " + scaleName(scale)
            + "), in SI it is the unit " + whole + "; write " + x.substring(0, x.length() - scale.length()
            - letters.length()) + scale.toLowerCase(Locale.ROOT) + (letters.isEmpty() ? whole : "")
            + " or a plain number in " + whole;
      }
      if (letters.isEmpty()) {
        return null;
      }
      // no unit at all (5kss, 3x): ngspice ignores the letters; a typo there would change the value unseen
      return notUnitOf(x, letters, unit);
    }
    if (scale.equals("M") && (sym.equals("Ohm") || sym.equals("Hz")) && !isZero(x)) {
      String n = x.substring(0, x.length() - 1 - letters.length());
      return "'" + x + "' is ambiguous: M is milli in SPICE (ngspice reads " + n + "m" + sym + ") and mega in SI; write "
          + n + "m" + letters + " or " + n + "meg" + letters;
    }
    return unit == null || sym.equals(unit) ? null : notUnitOf(x, letters, unit);
  }

  /** The message for {@code letters} after number {@code x} that are no unit of {@code unit} (null: of any quantity). */
  private static String notUnitOf(String x, String letters, String unit) {
    return "'" + x + "': " + letters + " is not a unit" + (unit == null ? "" : " of " + QUANTITY.getOrDefault(unit,
        unit) + " (" + unit + ")") + "; ngspice would ignore it and read " + x.substring(0, x.length()
        - letters.length());
  }

  /** Whether the number written in {@code x} is zero (any scale factor or unit gives zero). */
  private static boolean isZero(String x) {
    String[] w = SpiceNumber.written(x);
    return w != null && SpiceNumber.parse(x.substring(0, x.length() - w[0].length() - w[1].length())) == 0;
  }

  private static String scaleName(String scale) {
    return switch (scale.toLowerCase(Locale.ROOT)) {
      case "f" -> "femto";
      case "p" -> "pico";
      case "n" -> "nano";
      case "u", "\u00b5" -> "micro";
      case "m" -> "milli";
      case "k" -> "kilo";
      case "g" -> "giga";
      case "t" -> "tera";
      case "meg" -> "mega";
      default -> "mil";
    };
  }
}
