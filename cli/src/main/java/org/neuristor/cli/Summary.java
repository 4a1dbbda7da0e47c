package org.neuristor.cli;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuristor.io.JsonText;
import org.neuristor.util.Numbers;

/**
 * The result summary a command prints when it finishes: an ordered list of key/value pairs, shown
 * either as aligned {@code key: value} lines for people or as one JSON object for scripts ({@code
 * --json}).
 *
 * <p>Values with a unit ({@link #put(String, double, String)}) print as {@code 12.3457 ms} in the
 * human form (6 significant digits); in JSON they are plain numbers, so the unit belongs in the
 * key name there ({@code rate_hz}, {@code width_s}), the project's convention. Nested values (lists, maps, {@code double[]}, records) are allowed. Not thread safe.
 */
public final class Summary {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  /** Adds or replaces a value; insertion order is kept (a replaced key keeps its position). */
  public Summary put(String key, Object value) {
    values.put(key, value);
    units.remove(key);
    return this;
  }

  /** Adds a number with its unit, e.g. {@code put("period", 7.07e-6, "s")}. */
  public Summary put(String key, double value, String unit) {
    values.put(key, value);
    if (unit == null || unit.isEmpty()) {
      units.remove(key);
    } else {
      units.put(key, unit);
    }
    return this;
  }

  /** The values in insertion order (unmodifiable view; units not included). */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** The units given with {@link #put(String, double, String)}, by key. */
  public Map<String, String> units() {
    return Collections.unmodifiableMap(units);
  }

  /**
   * Prints the summary. JSON form: one line {@code {"key":value,...}} (non-finite numbers as
   * null). Human form: one aligned {@code key: value [unit]} line per entry; a list of maps (e.g.
   * one entry per analysis) prints as an indented {@code - key: value} block under its key.
   */
  public void print(PrintStream out, boolean json) {
    if (json) {
      out.println(toJson());
    } else {
      out.print(toText());
    }
    out.flush();
  }

  /** As {@link #print(PrintStream, boolean)}, to a writer (picocli's {@code getOut()}). */
  public void print(java.io.PrintWriter out, boolean json) {
    if (json) {
      out.println(toJson());
    } else {
      out.print(toText());
    }
    out.flush();
  }

  /** The JSON form, one line without a terminator. */
  public String toJson() {
    return JsonText.compact(values);
  }

  /** The human form, one line per entry, each terminated by a newline. */
  public String toText() {
    int width = 0;
    for (String k : values.keySet()) {
      width = Math.max(width, k.length());
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      sb.append(e.getKey()).append(':');
      String text = format(e.getValue());
      for (int i = e.getKey().length(); i <= width && !text.startsWith("\n"); i++) {
        sb.append(' ');
      }
      sb.append(text);
      String unit = units.get(e.getKey());
      if (unit != null) {
        sb.append(' ').append(unit);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Human formatting: doubles with 6 significant digits, lists of maps as blocks, other containers as compact JSON. */
  static String format(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double || v instanceof Float) {
      return number(((Number) v).doubleValue());
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof CharSequence || v instanceof Enum) {
      return v.toString();
    }
    if (v instanceof Iterable<?> it && containsMap(it)) {
      StringBuilder sb = new StringBuilder();
      for (Object o : it) {
        if (o instanceof Map<?, ?> m) {
          String sep = "\n  - ";
          for (Map.Entry<?, ?> e : m.entrySet()) {
            sb.append(sep).append(e.getKey()).append(": ").append(format(e.getValue()));
            sep = "\n    ";
          }
        } else {
          sb.append("\n  - ").append(format(o));
        }
      }
      return sb.toString();
    }
    if (v instanceof double[] a) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        if (i == 20 && a.length > 21) {
          sb.append("... (").append(a.length).append(" values)");
          break;
        }
        sb.append(number(a[i]));
      }
      return sb.append(']').toString();
    }
    return JsonText.compact(v);
  }

  private static boolean containsMap(Iterable<?> it) {
    for (Object o : it) {
      if (o instanceof Map) {
        return true;
      }
    }
    return false;
  }

  /** 6 significant digits, trailing zeros dropped; plain notation for 1e-4 <= |v| < 1e6 ({@link Numbers#plain}). */
  static String number(double v) {
    return Numbers.plain(v);
  }
}
