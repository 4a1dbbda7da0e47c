package org.neuristor.netlist;

import java.util.Locale;
import org.neuristor.expr.UnitLetters;

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
 * (and, for a Neuristor device, a unit of another quantity than the parameter's, {@code ron=5kV}), and on every
 * other netlist number, whose quantity is not known, where only letters that are no unit are refused
 * ({@link UnitLetters#noUnit}): {@code .param}, {@code .options},
 * {@code .ic} and {@code .nodeset} (checked as voltages), numbers inside expressions and B sources, {@code .meas}
 * values and {@code .control} expressions. A bare {@code M} (milli in every SPICE) is read as ngspice reads it.
 */
public final class WrittenUnits {
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private WrittenUnits() {}

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
      unit = p != null && UnitLetters.known(p.unit()) ? p.unit() : null;
    }
    String problem = problem(val, unit);
    return problem == null ? null : problem + " for model parameter " + key;
  }

  /** Why the number text (in braces or quotes, or not) cannot be a value in {@code unit}: {@link UnitLetters#problem}. */
  static String problem(String text, String unit) {
    return UnitLetters.problem(unquoted(text), unit);
  }

  /** The text inside {@code {...}} or {@code '...'}, trimmed. */
  private static String unquoted(String text) {
    String x = text.trim();
    if (x.length() >= 2 && (x.startsWith("{") && x.endsWith("}") || x.startsWith("'") && x.endsWith("'"))) {
      x = x.substring(1, x.length() - 1).trim();
    }
    return x;
  }
}
