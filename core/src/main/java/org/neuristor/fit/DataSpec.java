package org.neuristor.fit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;

/**
 * One measured file as named on the command line, with its protocol and conditions:
 * {@code FILE[:key=value,key=value...]}.
 *
 * <p>Conditions: {@code ambient} (stage temperature; kelvin unless written with a unit, {@code 68.5C},
 * {@code 341.65K}), {@code series} (resistance between the source and the device, Ohm, SI prefix
 * allowed: {@code 1k}), {@code compliance} (current limit of a DC sweep, A), or any parameter of the
 * device type, which then holds for this file only. Any of them may be {@code fit}: fitted for this
 * file alone (e.g. the unrecorded stage temperature of a sweep), {@code fit(START)} to start there, or
 * {@code fit(LO..HI)} to search only that range.
 *
 * @param kind protocol
 * @param file path as given
 * @param conditions key (lower case) to value text, in the order given
 */
public record DataSpec(Kind kind, String file, Map<String, String> conditions) {

  /** Measurement protocols. */
  public enum Kind {
    /** A DC sweep: rows in sweep order, voltage and current columns. */
    IV("iv"),
    /** A transient: time, applied voltage and current; the voltage column is the stimulus. */
    PULSE("pulse"),
    /** Conductance after each programming pulse (potentiation then depression). */
    PULSES("pulses");

    private final String option;

    Kind(String option) {
      this.option = option;
    }

    /** The command-line option without dashes. */
    public String option() {
      return option;
    }
  }

  /** The value written for "fitted for this file". */
  public static final String FIT = "fit";

  public DataSpec {
    // in the order written: a file's fitted conditions become free parameters in this order, and the
    // seeded global stage assigns its samples by position (Map.copyOf's order changes from one JVM
    // run to the next, which made the same command with the same seed fit differently)
    conditions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
  }

  /** Parses {@code FILE[:k=v,...]}; a colon followed by no {@code =} is part of the file name. */
  public static DataSpec parse(Kind kind, String text) {
    String file = text;
    Map<String, String> cond = new LinkedHashMap<>();
    int colon = text.lastIndexOf(':');
    if (colon > 0 && text.indexOf('=', colon) > colon) {
      file = text.substring(0, colon);
      for (String part : text.substring(colon + 1).split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0 || eq == part.length() - 1) {
          throw NeuristorException.input("--" + kind.option + " " + text + ": expected key=value after ':', got '" + part + "'");
        }
        String k = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (cond.put(k, part.substring(eq + 1).trim()) != null) {
          throw NeuristorException.input("--" + kind.option + " " + text + ": condition '" + k + "' given twice");
        }
      }
    }
    if (file.isBlank()) {
      throw NeuristorException.input("--" + kind.option + ": missing file name in '" + text + "'");
    }
    return new DataSpec(kind, file, cond);
  }

  /** Whether the condition is declared as fitted: {@code fit} or {@code fit(START)}. */
  public boolean fitted(String key) {
    String v = conditions.getOrDefault(key, "").toLowerCase(java.util.Locale.ROOT);
    return v.equals(FIT) || (v.startsWith(FIT + "(") && v.endsWith(")"));
  }

  /** The separator of a range in {@code fit(LO..HI)}. */
  public static final String RANGE = "..";

  /** The starting value text of a condition written {@code fit(START)}, or null (also for {@code fit(LO..HI)}). */
  public String fitStart(String key) {
    String a = fitArgument(key);
    return a == null || a.contains(RANGE) ? null : a;
  }

  /**
   * The range of a condition written {@code fit(LO..HI)} (e.g. {@code ambient=fit(0C..100C)}: a stage
   * temperature known to lie between 0 and 100 C), as the two texts, or null.
   */
  public String[] fitRange(String key) {
    String a = fitArgument(key);
    if (a == null || !a.contains(RANGE)) {
      return null;
    }
    int k = a.indexOf(RANGE);
    return new String[] {a.substring(0, k).trim(), a.substring(k + RANGE.length()).trim()};
  }

  private String fitArgument(String key) {
    String v = conditions.getOrDefault(key, "");
    return fitted(key) && v.length() > FIT.length() + 2 ? v.substring(FIT.length() + 1, v.length() - 1).trim() : null;
  }

  /** The text form, as parsed. */
  @Override
  public String toString() {
    if (conditions.isEmpty()) {
      return file;
    }
    StringBuilder sb = new StringBuilder(file).append(':');
    conditions.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
    return sb.substring(0, sb.length() - 1);
  }
}
