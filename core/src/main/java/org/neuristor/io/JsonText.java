package org.neuristor.io;

import java.util.Collection;
import java.util.Map;

/**
 * Compact JSON for plain values, without loading Jackson: what a command's summary holds (strings,
 * numbers, booleans, null, maps with string keys, collections, {@code double[]}, {@code int[]}). The
 * output equals {@link Json#write} character for character on these values (non-finite numbers as
 * {@code null}, doubles as {@link Double#toString}, Jackson's default string escapes); on anything
 * else (records, beans, other arrays) {@link #write} returns null and the caller uses {@link Json}.
 * Jackson's classes take about a tenth of a second to load and link at start-up; a command that
 * prints a plain summary does not need them.
 */
public final class JsonText {
  private static final String HEX = "0123456789ABCDEF";

  private JsonText() {}

  /** One-line JSON of {@code value}, or null when it holds something other than plain values. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    return append(sb, value) ? sb.toString() : null;
  }

  /** Compact JSON of {@code value}: with {@link JsonText} when the value is plain, else with Jackson. */
  public static String compact(Object value) {
    String s = write(value);
    return s != null ? s : Json.write(value);
  }

  private static boolean append(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof CharSequence s) {
      string(sb, s);
    } else if (v instanceof Double d) {
      sb.append(Double.isFinite(d) ? d.toString() : "null");
    } else if (v instanceof Float f) {
      sb.append(Float.isFinite(f) ? f.toString() : "null");
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          return false;
        }
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, k);
        sb.append(':');
        if (!append(sb, e.getValue())) {
          return false;
        }
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        if (!append(sb, o)) {
          return false;
        }
      }
      sb.append(']');
    } else if (v instanceof double[] a) {
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(Double.isFinite(a[i]) ? Double.toString(a[i]) : "null");
      }
      sb.append(']');
    } else if (v instanceof int[] a) {
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(a[i]);
      }
      sb.append(']');
    } else {
      return false;
    }
    return true;
  }

  /** A JSON string with Jackson's default escapes: quote, backslash, and control characters. */
  private static void string(StringBuilder sb, CharSequence s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
