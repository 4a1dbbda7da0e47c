package org.neuristor.util;

import java.util.Locale;

/** Numbers as text for messages and reasons. */
public final class Numbers {
  private Numbers() {}

  /** 6 significant digits, trailing zeros dropped; plain notation for 1e-4 <= |v| < 1e6. */
  public static String plain(double v) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "n/a" : (v > 0 ? "inf" : "-inf");
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    String s;
    if (a >= 1e-4 && a < 1e6) {
      s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    } else {
      s = String.format(Locale.ROOT, "%.5e", v);
      int e = s.indexOf('e');
      String mant = s.substring(0, e);
      if (mant.contains(".")) {
        mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      String exp = s.substring(e + 1);
      int expValue = Integer.parseInt(exp);
      s = mant + "e" + expValue;
    }
    return s;
  }
}
