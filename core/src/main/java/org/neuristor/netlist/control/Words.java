package org.neuristor.netlist.control;

import java.util.ArrayList;
import java.util.List;

/** Splits a control or measurement line into words at white space outside brackets and quotes. */
public final class Words {
  private Words() {}

  /** The words of {@code text}: {@code (...)}, {@code [...]}, {@code {...}} and quoted text stay whole. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0) {
        depth--;
      }
      if (quote == 0 && depth == 0 && Character.isWhitespace(c)) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
