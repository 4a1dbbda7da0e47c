package org.neuristor.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.expr.SpiceNumber;

/** Parsing shared by the commands: SPICE numbers and device parameter overrides. */
final class CliArgs {
  private CliArgs() {}

  /** A SPICE number from a command-line value, or a user error naming the option and the value. */
  static double number(String s, String what) {
    double v = SpiceNumber.parse(s.trim());
    if (Double.isNaN(v)) {
      throw NeuristorException.input(what + ": bad number '" + s + "'");
    }
    return v;
  }

  /** The preset of a device selection plus {@code --param key=value} overrides (values as given). */
  static Map<String, Object> deviceParams(DeviceRegistry.Selection sel, List<String> param) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (sel.preset() != null) {
      params.put("preset", sel.preset());
    }
    params.putAll(circuitParams(param));
    return params;
  }

  /** {@code --param key=value} overrides, keys lower-cased, values as given (SPICE syntax). */
  static Map<String, String> circuitParams(List<String> param) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String kv : param) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw NeuristorException.input("--param needs key=value, got '" + kv + "'");
      }
      params.put(kv.substring(0, eq).trim().toLowerCase(Locale.ROOT), kv.substring(eq + 1).trim());
    }
    return params;
  }

  /** A comma-separated list of SPICE numbers. */
  static double[] numbers(String list, String what) {
    String[] parts = list.split(",");
    double[] out = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      out[k] = number(parts[k], what);
    }
    return out;
  }
}
