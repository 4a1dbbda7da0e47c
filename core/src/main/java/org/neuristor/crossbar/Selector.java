package org.neuristor.crossbar;

import java.util.Locale;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;

/**
 * The access device in series with every memristor of a crossbar.
 *
 * <ul>
 *   <li>{@link None}: 1R, the memristor alone (sneak paths through every cell);
 *   <li>{@link Transistor}: 1T1R with an ideal switch: on rows whose word line is on (the driven
 *       rows) the cell sees the transistor's on-resistance in series, on the others it is open;
 *   <li>{@link Switch}: 1S1R, a volatile threshold switch of any Neuristor model in series
 *       (e.g. the ovonic threshold switch, physics.md 3.5): its sub-threshold leakage is what the
 *       half-selected cells conduct, its threshold switching opens the selected cell.
 * </ul>
 */
public sealed interface Selector {
  /** Short name for reports: {@code none}, {@code 1t1r}, {@code type:preset}. */
  String label();

  /** Whether the selector makes the cell non-linear (then only the circuit engine reads it exactly). */
  default boolean nonlinear() {
    return false;
  }

  /** 1R: no selector. */
  record None() implements Selector {
    @Override
    public String label() {
      return "none";
    }
  }

  /**
   * 1T1R with an ideal switch.
   *
   * @param onOhm on-resistance in series with the cell (NeuroSim's access resistance is 15 kOhm)
   */
  record Transistor(double onOhm) implements Selector {
    public Transistor {
      if (!(onOhm >= 0) || Double.isInfinite(onOhm)) {
        throw NeuristorException.input("transistor on-resistance must be finite and >= 0, got " + onOhm);
      }
    }

    @Override
    public String label() {
      return "1t1r";
    }
  }

  /**
   * 1S1R: a threshold-switch device model in series.
   *
   * @param type device type of {@link DeviceRegistry} (ts, ots, diffusive, mott, ...)
   * @param preset preset of that type (e.g. {@code gese} for ots)
   * @param params parameter values that replace the preset's (name to value as written, SPICE
   *     suffixes allowed), in order; empty for the preset as it is
   */
  record Switch(String type, String preset, java.util.Map<String, String> params) implements Selector {
    public Switch {
      params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
      // validates the names and values now, with the registry's message
      DeviceRegistry.resolve(type, modelParams(preset, params));
    }

    /** The preset as it is. */
    public Switch(String type, String preset) {
      this(type, preset, java.util.Map.of());
    }

    /** The preset and the overrides, as the device registry and a {@code .model} line take them. */
    private static java.util.Map<String, String> modelParams(String preset, java.util.Map<String, String> params) {
      java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
      m.put("preset", preset);
      m.putAll(params);
      return m;
    }

    /** The parameters of the {@code .model} card: {@code preset=NAME key=value ...}. */
    public String modelCard() {
      return modelCard(params);
    }

    /**
     * The {@code .model} card of the selector with its state starting on ({@code x0=1}): the
     * initial guess of the operating point for a cell biased above threshold, so that Newton finds
     * the switched-on state where it exists (an S-shaped switch also has an unstable branch pinned
     * at the threshold, which Newton from {@code x = 0} can land on).
     */
    public String modelCardOn() {
      java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
      params.forEach((k, v) -> {
        if (!k.equals("x0")) {
          m.put(k, v);
        }
      });
      m.put("x0", "1");
      return modelCard(m);
    }

    private String modelCard(java.util.Map<String, String> values) {
      StringBuilder b = new StringBuilder();
      modelParams(preset, values).forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=')
          .append(v));
      return b.toString();
    }

    /**
     * Time for a read to settle after switching: 20 times the longer of the switching-on and
     * relaxation times ({@code tauon}, {@code tauoff}; 1 us for a type without them).
     */
    public double settleSeconds() {
      java.util.Map<String, Double> p = DeviceRegistry.resolve(type, modelParams(preset, params));
      double tau = Math.max(p.getOrDefault("tauon", 0.0), p.getOrDefault("tauoff", 0.0));
      return tau > 0 ? 20 * tau : 1e-6;
    }

    /**
     * The threshold voltage V_th of the switch (the device's {@code vth}), or NaN for a type without
     * one; a cell biased at or above it is read with its selector switched on.
     */
    public double thresholdVolts() {
      return DeviceRegistry.resolve(type, modelParams(preset, params)).getOrDefault("vth", Double.NaN);
    }

    @Override
    public String label() {
      StringBuilder b = new StringBuilder(type + ":" + preset);
      params.forEach((k, v) -> b.append(':').append(k).append('=').append(v));
      return b.toString();
    }

    @Override
    public boolean nonlinear() {
      return true;
    }
  }

  /** The ovonic threshold switch preset (type ots, preset gese: V_th 2 V, V_hold 0.8 V; physics.md 3.5). */
  public static Switch ots() {
    return new Switch("ots", "gese");
  }

  /**
   * Parses {@code none}, {@code 1t1r} (15 kOhm on-resistance), {@code 1t1r:OHMS}, {@code ots} (the
   * ots/gese preset) or {@code TYPE:PRESET} of any threshold-switch device type, optionally followed
   * by parameter values that replace the preset's: {@code ots:gese:roff=10g:i0=10p}.
   */
  public static Selector parse(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (v.equals("none") || v.equals("1r")) {
      return new None();
    }
    if (v.equals("1t1r")) {
      return new Transistor(15e3);
    }
    if (v.startsWith("1t1r:")) {
      try {
        return new Transistor(Double.parseDouble(v.substring(5)));
      } catch (NumberFormatException e) {
        throw NeuristorException.input("1t1r on-resistance must be a number in Ohm, got '" + v.substring(5) + "'");
      }
    }
    String[] parts = v.split(":", -1);
    if (parts[0].equals("ots") && parts.length == 1) {
      return ots();
    }
    if (parts.length >= 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
      java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
      for (int k = 2; k < parts.length; k++) {
        int eq = parts[k].indexOf('=');
        if (eq <= 0 || eq == parts[k].length() - 1) {
          throw NeuristorException.input("selector parameter must be name=value, got '" + parts[k] + "' in '" + s
              + "'");
        }
        if (params.put(parts[k].substring(0, eq), parts[k].substring(eq + 1)) != null) {
          throw NeuristorException.input("selector parameter '" + parts[k].substring(0, eq) + "' given twice in '"
              + s + "'");
        }
      }
      return new Switch(parts[0], parts[1], params);
    }
    throw NeuristorException.input("selector must be none, 1t1r, 1t1r:OHMS, ots or TYPE:PRESET[:NAME=VALUE...], "
        + "got '" + s + "'");
  }
}
