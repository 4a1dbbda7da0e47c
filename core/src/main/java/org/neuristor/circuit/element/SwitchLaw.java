package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;

/**
 * The hysteretic law of ngspice's switches, the voltage-controlled {@code S} (model {@code sw}: vt, vh) and the
 * current-controlled {@code W} (model {@code csw}: it, ih): the conductance is 1/ron when on and 1/roff when off; the
 * switch turns on when the control exceeds threshold + hysteresis and off when it falls below threshold -
 * hysteresis, and keeps its state in between. The state is discrete and changes only at an accepted point
 * ({@link #event}, {@link #flip}), never inside a Newton iteration.
 */
public final class SwitchLaw {
  final double threshold;
  final double hysteresis;
  final double gOn;
  final double gOff;
  final boolean initiallyOn;
  private final String thresholdName;
  private final String hysteresisName;
  private boolean on;

  /**
   * @param t the model's threshold parameter ({@code vt} or {@code it}), {@code h} its hysteresis ({@code vh} or
   *     {@code ih}); ron defaults to 1 Ohm, roff to 1e12 Ohm (ngspice's 1/gmin)
   */
  SwitchLaw(String name, Map<String, Double> model, String t, String h, boolean on) {
    Map<String, Double> m = new java.util.HashMap<>();
    model.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
    for (String k : m.keySet()) {
      if (!List.of(t, h, "ron", "roff").contains(k)) {
        throw new ModelParameterException(k, "switch model has no parameter " + k + " (" + t + " " + h + " ron roff)");
      }
    }
    this.thresholdName = t;
    this.hysteresisName = h;
    this.threshold = m.getOrDefault(t, 0.0);
    this.hysteresis = m.getOrDefault(h, 0.0);
    double ron = m.getOrDefault("ron", 1.0);
    double roff = m.getOrDefault("roff", 1e12);
    if (hysteresis < 0) {
      throw new ModelParameterException(h, "switch " + name + ": " + h + " must be >= 0 (ngspice's smooth " + h
          + "<0 mode is not supported), got " + hysteresis);
    }
    if (!(ron > 0) || !(roff > 0)) {
      throw new ModelParameterException("ron", "switch " + name + ": ron and roff must be > 0");
    }
    this.gOn = 1 / ron;
    this.gOff = 1 / roff;
    this.initiallyOn = on;
    this.on = on;
  }

  boolean on() {
    return on;
  }

  double conductance() {
    return on ? gOn : gOff;
  }

  /** The switching function of the control value: crosses to >= 0 where the state changes. */
  double event(double control) {
    return on ? (threshold - hysteresis) - control : control - (threshold + hysteresis);
  }

  void flip() {
    on = !on;
  }

  void reset() {
    on = initiallyOn;
  }

  /** The {@code .model} card of this law, of ngspice type {@code type}. */
  String model(String name, String type) {
    return ".model " + name + " " + type + " (" + thresholdName + "=" + Waveform.trimNumber(threshold) + " "
        + hysteresisName + "=" + Waveform.trimNumber(hysteresis) + " ron=" + Waveform.trimNumber(1 / gOn) + " roff="
        + Waveform.trimNumber(1 / gOff) + ")";
  }
}
