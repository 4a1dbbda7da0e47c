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
   */
  record Switch(String type, String preset) implements Selector {
    public Switch {
      // validates the names now, with the registry's message
      DeviceRegistry.resolve(type, java.util.Map.of("preset", preset));
    }

    @Override
    public String label() {
      return type + ":" + preset;
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
   * ots/gese preset) or {@code TYPE:PRESET} of any threshold-switch device type.
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
    if (v.equals("ots")) {
      return ots();
    }
    int c = v.indexOf(':');
    if (c > 0) {
      return new Switch(v.substring(0, c), v.substring(c + 1));
    }
    throw NeuristorException.input("selector must be none, 1t1r, 1t1r:OHMS, ots or TYPE:PRESET, got '" + s + "'");
  }
}
