package org.neuristor.netlist;

import java.util.Locale;
import java.util.Map;
import org.neuristor.expr.SpiceNumber;

/**
 * Units written after numbers in a netlist, checked where the quantity of the value is known (the
 * value of R, C, L, of a V or I source and its PULSE/SIN/EXP/PWL arguments, {@code .tran} times,
 * {@code .ac} frequencies), also through a parameter: {@code r1 a b {rin}} checks what
 * {@code .param rin=...} wrote.
 *
 * <p>ngspice reads a number, one scale factor ({@code f p n u m k meg g t mil}, any case) and ignores
 * any letters after it: {@code 10kohm}, {@code 1uF}, {@code 5V} and {@code 20kV} are 10e3, 1e-6, 5 and
 * 20e3 whatever the element. Neuristor reads the same numbers, except where the letters would make it
 * misread the deck silently; those are refused with the value's position:
 * <ul>
 *   <li>a unit of another quantity ({@code r1 a b 20kV}, {@code .param rin=20kV} used as a
 *       resistance);
 *   <li>a unit symbol that ngspice reads as a scale factor: {@code 1F} on a capacitance is one femtofarad
 *       in ngspice and one farad in SI, {@code 1farad} is femto too;
 *   <li>{@code M} before Ohm or Hz ({@code 1MOhm}, {@code 10MHz}): milli in SPICE, mega in SI (and mega
 *       is what such a value usually means); before other units ({@code 0.1MA}, {@code 10MS} in decks
 *       written all in capitals) M is read as milli, as every SPICE does;
 * <li>letters that are no unit ({@code 5kss}, {@code 3x}): ngspice ignores them, so a typo in a unit would
 *     change the value unseen;
 * </ul>
 * also on {@code .model} cards and device instance parameters, where only letters that are no unit are refused
 * (and, for a Neuristor device, a unit of another quantity than the parameter's, {@code ron=5kV}). A bare {@code M}
 * (milli in every SPICE) is read as ngspice reads it.
 */
public final class WrittenUnits {
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private WrittenUnits() {}

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

  /**
   * Checks the unit written in value token {@code t} (a number, a parameter name, or {@code {name}}/
   * {@code 'name'}) against {@code unit}; throws at the number's position (the {@code .param} where it
   * was written, for a parameter). Expressions are not checked.
   */
  static void check(SourceLine sl, Token t, ParamScope scope, String unit, String what) {
    String x = unquoted(t.text());
    ParamScope in = scope;
    for (int hops = 0; hops < 8 && NAME.matcher(x).matches(); hops++) {
      ParamScope.Def d = in.definition(x.toLowerCase(Locale.ROOT));
      if (d == null) {
        return;
      }
      String problem = problem(d.text().trim(), unit);
      if (problem != null) {
        String file = sl.file(t.index());
        throw d.line().error(d.index(), problem + "; " + x + " is the " + what + " (" + (file.equals(
            d.line().file(d.index())) ? "" : file + " ") + "line " + sl.line(t.index()) + ")");
      }
      x = unquoted(d.text());
      in = d.evalScope();
    }
    if (NAME.matcher(x).matches()) {
      return;
    }
    String problem = problem(x, unit);
    if (problem != null) {
      throw sl.error(t.index(), problem + " for the " + what);
    }
  }

  /** Why the number text {@code x} cannot be a value in {@code unit} (null: a unit of any quantity), or null. */
  static String problem(String text, String unit) {
    String x = unquoted(text);
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

  /**
   * Checks a number written for parameter {@code key} of a {@code .model} card or a device instance of model type
   * {@code type} (at column {@code at} of {@code sl}): letters that are no unit are refused, as a unit ngspice reads
   * as a scale factor; for a Neuristor device type, a unit of another quantity than the parameter's is refused too.
   */
  static void checkModelParameter(SourceLine sl, int at, String type, String key, String val) {
    String problem = modelParameterProblem(type, key, val);
    if (problem != null) {
      throw sl.error(at, problem);
    }
  }

  /** What {@link #checkModelParameter} refuses, as a message naming the parameter, or null (also for model card files). */
  public static String modelParameterProblem(String type, String key, String val) {
    String unit = null;
    if (org.neuristor.device.DeviceRegistry.has(type)) {
      org.neuristor.ParameterSpec p = org.neuristor.device.DeviceRegistry.type(type).parameter(key);
      unit = p != null && QUANTITY.containsKey(p.unit()) ? p.unit() : null;
    }
    String problem = problem(val, unit);
    return problem == null ? null : problem + " for model parameter " + key;
  }

  /** Whether the number written in {@code x} is zero (any scale factor or unit gives zero). */
  private static boolean isZero(String x) {
    String[] w = SpiceNumber.written(x);
    return w != null && SpiceNumber.parse(x.substring(0, x.length() - w[0].length() - w[1].length())) == 0;
  }

  /** The text inside {@code {...}} or {@code '...'}, trimmed. */
  private static String unquoted(String text) {
    String x = text.trim();
    if (x.length() >= 2 && (x.startsWith("{") && x.endsWith("}") || x.startsWith("'") && x.endsWith("'"))) {
      x = x.substring(1, x.length() - 1).trim();
    }
    return x;
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
