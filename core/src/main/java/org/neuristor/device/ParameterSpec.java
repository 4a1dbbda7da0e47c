package org.neuristor.device;

import org.neuristor.ModelParameterException;

/**
 * One model parameter, declared once: the netlist parser validates against it, and
 * {@code neuristor device describe} prints it.
 *
 * @param name lower-case name as used in {@code .model} lines
 * @param unit SI unit ("-" for dimensionless)
 * @param defaultValue value when not given
 * @param min smallest allowed value (inclusive)
 * @param max largest allowed value (inclusive)
 * @param description what it means
 */
public record ParameterSpec(String name, String unit, double defaultValue, double min, double max,
    String description) {

  /** Checks a value against the allowed range; throws naming the parameter and the range. */
  public double check(String model, double value) {
    if (!(value >= min && value <= max)) {
      throw new ModelParameterException(name, model + ": parameter " + name + " = " + value + " " + unit
          + " is outside the allowed range [" + min + ", " + max + "] " + unit);
    }
    return value;
  }
}
