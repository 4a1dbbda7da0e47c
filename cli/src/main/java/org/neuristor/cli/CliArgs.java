package org.neuristor.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.expr.SpiceNumber;
import picocli.CommandLine;

/**
 * Value parsing shared by the commands: every number on the command line goes through {@link
 * SpiceNumber#parse(String, String)} with the unit the option is declared in, so SPICE suffixes work
 * everywhere ({@code 1k}, {@code 100n}, {@code 10%} for a fraction) and a unit after a number is
 * converted or refused, never read as a prefix.
 */
public final class CliArgs {
  private CliArgs() {}

  /** A number in {@code unit} from a command-line value, or a user error naming the option. */
  public static double number(String s, String what, String unit) {
    try {
      double v = SpiceNumber.parse(s, unit);
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("not a number: '" + s + "'");
      }
      return v;
    } catch (IllegalArgumentException e) {
      throw NeuristorException.input(what + ": " + e.getMessage());
    }
  }

  /** A finite number in {@code unit}. */
  public static double finite(String s, String what, String unit) {
    double v = number(s, what, unit);
    if (Double.isInfinite(v)) {
      throw NeuristorException.input(what + " must be finite, got '" + s + "'");
    }
    return v;
  }

  /** A finite number {@code > 0} in {@code unit}. */
  public static double positive(String s, String what, String unit) {
    double v = finite(s, what, unit);
    if (!(v > 0)) {
      throw NeuristorException.input(what + " must be > 0, got '" + s + "'");
    }
    return v;
  }

  /**
   * The low- and high-resistance states {@code --lrs} and {@code --hrs}, both > 0 and the low one below the high one:
   * {@code {lrs, hrs}} in Ohm. Given the other way round, cells drawn between them would be read with the names swapped.
   */
  static double[] resistanceStates(String lrs, String hrs) {
    double rl = positive(lrs, "--lrs", "Ohm");
    double rh = positive(hrs, "--hrs", "Ohm");
    if (!(rl < rh)) {
      throw NeuristorException.input("--lrs must be below --hrs (the low-resistance state), got --lrs " + lrs
          + " and --hrs " + hrs);
    }
    return new double[] {rl, rh};
  }

  /** A count option that must be at least {@code min}: a one-line error naming the option and the value. */
  static void atLeast(long v, long min, String what) {
    if (v < min) {
      throw NeuristorException.input(what + " must be >= " + min + ", got " + v);
    }
  }

  /** A finite number {@code >= 0} in {@code unit}. */
  public static double nonNegative(String s, String what, String unit) {
    double v = finite(s, what, unit);
    if (!(v >= 0)) {
      throw NeuristorException.input(what + " must be >= 0, got '" + s + "'");
    }
    return v;
  }

  /** A comma-separated list of numbers in {@code unit}. */
  static double[] numbers(String list, String what, String unit) {
    String[] parts = list.split(",");
    double[] out = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      out[k] = finite(parts[k], what, unit);
    }
    return out;
  }

  /** A strictly ascending comma-separated list of numbers in {@code unit}. */
  static double[] ascending(String list, String what, String unit) {
    double[] v = numbers(list, what, unit);
    for (int k = 1; k < v.length; k++) {
      if (!(v[k] > v[k - 1])) {
        throw NeuristorException.input(what + " must be ascending, got " + list);
      }
    }
    return v;
  }

  /** {@code key=value} pairs (the values as given), keys lower-cased; repeated keys are an error. */
  static Map<String, String> keyValues(List<String> pairs, String what) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String kv : pairs) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw NeuristorException.input(what + " needs key=value, got '" + kv + "'");
      }
      String k = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (params.put(k, kv.substring(eq + 1).trim()) != null) {
        throw NeuristorException.input(what + ": " + k + " given twice");
      }
    }
    return params;
  }

  /** The preset of a device selection plus {@code --param key=value} overrides (checked by the registry). */
  static Map<String, Object> deviceParams(org.neuristor.device.DeviceRegistry.Selection sel, List<String> param) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (sel.preset() != null) {
      params.put("preset", sel.preset());
    }
    params.putAll(keyValues(param, "--param"));
    return params;
  }

  /**
   * A device named on the command line: a type, preset or type:preset, or a {@code .model} card file
   * (e.g. one written by {@code fit}), with {@code --param} overrides on top.
   *
   * @param selection the device type (preset null for a card)
   * @param params preset or card values plus the overrides, for {@link org.neuristor.device.DeviceRegistry#resolve}
   * @param label what outputs call it ({@code type:preset}, or the card's name and file)
   * @param base a file-name-safe stem for output files
   */
  record Device(org.neuristor.device.DeviceRegistry.Selection selection, Map<String, Object> params, String label,
      String base) {}

  /** Resolves {@code spec} (type, preset, type:preset or a .model file) and the {@code --param} overrides. */
  static Device device(String spec, List<String> param) {
    if (org.neuristor.fit.ModelCard.isFile(spec)) {
      java.nio.file.Path file = java.nio.file.Path.of(spec);
      org.neuristor.fit.ModelCard card = org.neuristor.fit.ModelCard.read(file);
      Map<String, Object> params = new LinkedHashMap<>(card.params());
      params.putAll(keyValues(param, "--param"));
      String stem = file.getFileName().toString().replaceFirst("(?i)\\.model$", "");
      return new Device(new org.neuristor.device.DeviceRegistry.Selection(
          org.neuristor.device.DeviceRegistry.type(card.type()), null), params, card.name() + " (" + card.type() + ", " + spec + ")",
          stem);
    }
    org.neuristor.device.DeviceRegistry.Selection sel = org.neuristor.device.DeviceRegistry.lookup(spec);
    return new Device(sel, deviceParams(sel, param), sel.type().type() + (sel.preset() == null ? "" : ":" + sel.preset()),
        spec.replace(':', '-'));
  }

  /**
   * Integer options with SPICE suffixes ({@code --seed 1k}); registered for {@code int} and {@code
   * long} options of every command.
   */
  static final class WholeNumber implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      double v;
      try {
        v = SpiceNumber.parse(value, "1");
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
      if (v != Math.rint(v) || Math.abs(v) > 9e18) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
      }
      return (long) v;
    }
  }

  /** {@link WholeNumber} for {@code int} options, with the range checked. */
  static final class Int implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long v = new WholeNumber().convert(value);
      if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
        throw new CommandLine.TypeConversionException("'" + value + "' is out of range");
      }
      return (int) v;
    }
  }

  /** Dimensionless {@code double} options: SPICE suffixes and percentages ({@code --d2d 10%}). */
  static final class Fraction implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        return SpiceNumber.parse(value, "1");
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Registers the converters above on a command line and all its subcommands. */
  static void registerConverters(CommandLine cl) {
    cl.registerConverter(Long.class, new WholeNumber());
    cl.registerConverter(long.class, new WholeNumber());
    cl.registerConverter(Integer.class, new Int());
    cl.registerConverter(int.class, new Int());
    cl.registerConverter(Double.class, new Fraction());
    cl.registerConverter(double.class, new Fraction());
  }

  /** A measured value, or null (JSON null, an empty CSV cell) when it is not a finite number. */
  static Double orNull(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
