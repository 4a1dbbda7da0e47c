package org.neuristor.device;

/**
 * One model parameter declared as data: the netlist parser validates against it, {@code device
 * describe} prints it and the model reads its value by name.
 *
 * @param name lower-case netlist name
 * @param unit SI unit ("-" for dimensionless)
 * @param defaultValue value used when neither a preset nor the user sets it
 * @param min smallest allowed value (inclusive)
 * @param max largest allowed value (inclusive)
 * @param description one-line meaning
 * @param spread how device-to-device variability perturbs it
 */
public record ParameterSpec(String name, String unit, double defaultValue, double min, double max,
    String description, Spread spread) {

  /** Device-to-device spread kind: none, relative normal (voltages, times), log-normal (resistances). */
  public enum Spread { NONE, NORMAL, LOGNORMAL }

  public static ParameterSpec of(String name, String unit, double def, double min, double max, String description) {
    return new ParameterSpec(name, unit, def, min, max, description, Spread.NONE);
  }

  public static ParameterSpec voltage(String name, double def, double min, double max, String description) {
    return new ParameterSpec(name, "V", def, min, max, description, Spread.NORMAL);
  }

  public static ParameterSpec resistance(String name, double def, double min, double max, String description) {
    return new ParameterSpec(name, "Ohm", def, min, max, description, Spread.LOGNORMAL);
  }

  /** Allowed range as text, e.g. {@code [1e-3, 1e3] V}. */
  public String range() {
    return "[" + fmt(min) + ", " + fmt(max) + "] " + unit;
  }

  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
