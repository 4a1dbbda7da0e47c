package org.neuristor.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuristor.io.Json;

/**
 * The summary a command prints: ordered key/values, printed as aligned text lines or, with
 * {@code --json}, as one JSON object (units belong in the key names there, e.g. {@code rate_hz}).
 */
public final class Summary {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  public Summary put(String key, Object value) {
    values.put(key, value);
    return this;
  }

  public Summary put(String key, double value, String unit) {
    values.put(key, value);
    units.put(key, unit);
    return this;
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public void print(PrintStream out, boolean json) {
    if (json) {
      out.println(Json.write(values));
      out.flush();
      return;
    }
    int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String unit = units.get(e.getKey());
      out.printf(Locale.ROOT, "%-" + width + "s  %s%s%n", e.getKey(), format(e.getValue()),
          unit == null ? "" : " " + unit);
    }
    out.flush();
  }

  static String format(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.6g", d);
    }
    if (v instanceof double[] a) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < a.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", a[i]));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(format(e.getValue()));
      }
      return sb.toString();
    }
    if (v instanceof Iterable<?> it) {
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
    return String.valueOf(v);
  }
}
