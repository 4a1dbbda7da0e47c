package org.neuristor.netlist.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ngspice's measurements, for {@code .meas} cards and the {@code meas} command, on the vectors of one
 * plot (transient, DC sweep or AC):
 *
 * <pre>
 *   TRIG expr VAL=v [TD=t] [RISE=n|FALL=n|CROSS=n|LAST]  TARG expr VAL=v ...   time between two events
 *   TRIG AT=t TARG ...                                                          from a fixed time
 *   WHEN expr=v | expr=expr2 [TD=t] [RISE=n|FALL=n|CROSS=n|LAST] [FROM=] [TO=]  time of an event
 *   FIND expr AT=t | FIND expr WHEN ...                                         value at a time or event
 *   DERIV expr AT=t | DERIV expr WHEN ...                                       slope at a time or event
 *   AVG|RMS|INTEG|MIN|MAX|PP|MIN_AT|MAX_AT expr [FROM=t1] [TO=t2]               over an interval
 *   PARAM='expression'                                                          of other results
 * </pre>
 *
 * Crossings are found on the sampled points and interpolated linearly, as in ngspice; interval
 * functions integrate with the trapezoidal rule and interpolate the window's ends. For an AC plot the
 * output variable's type letter picks the part of the complex value as ngspice does: {@code vdb} dB,
 * {@code vm} magnitude, {@code vp} phase in radians, {@code vr}/{@code vi} real/imaginary; plain
 * {@code v()} the real part. A measurement whose event never happens reports a failure, not a number.
 */
public final class Measure {
  private final String analysis;
  private final String name;
  private final String kind;
  private final List<String> toks;

  /** A measurement spec that cannot be read. */
  public static final class MeasureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MeasureException(String message) {
      super(message);
    }
  }

  private static final List<String> KINDS = List.of("trig", "when", "find", "deriv", "derivative", "avg", "rms",
      "integ", "integral", "min", "max", "pp", "min_at", "max_at", "param");

  private Measure(String analysis, String name, String kind, List<String> toks) {
    this.analysis = analysis;
    this.name = name;
    this.kind = kind;
    this.toks = toks;
  }

  public String analysis() {
    return analysis;
  }

  public String name() {
    return name;
  }

  /** Reads the text after {@code .meas}/{@code meas}: {@code analysis name kind ...}. */
  public static Measure parse(String text) {
    List<String> t = tokens(text);
    if (t.size() < 3) {
      throw new MeasureException("meas needs an analysis, a name and a measurement (e.g. tran t1 when v(out)=0.5)");
    }
    String an = t.get(0).toLowerCase(Locale.ROOT);
    if (!List.of("tran", "dc", "ac", "sp").contains(an)) {
      throw new MeasureException("meas analysis must be tran, dc or ac, got '" + t.get(0) + "'");
    }
    String nm = t.get(1).toLowerCase(Locale.ROOT);
    String k = t.get(2).toLowerCase(Locale.ROOT);
    for (String tok : t.subList(2, t.size())) {
      // the numbers (td=1n, val=0.5, v(out)=0.5, param='2*x'): letters after them that are no unit, refused now, not
      // as a failed measurement after the run; other errors in an expression are the measurement's, as before
      try {
        VecExpr.parse(unquote(tok.substring(tok.lastIndexOf('=') + 1)));
      } catch (VecExpr.VecException e) {
        if (e.letters()) {
          throw new MeasureException(e.getMessage() + " in '" + tok + "'");
        }
      }
    }
    if (k.startsWith("param=")) {
      return new Measure(an, nm, "param", List.of(t.get(2).substring(6)));
    }
    if (k.startsWith("find") || k.startsWith("when") || k.startsWith("deriv")) {
      // ok
    }
    if (!KINDS.contains(k)) {
      throw new MeasureException("unknown measurement '" + t.get(2) + "' (supported: TRIG/TARG, WHEN, FIND, DERIV,"
          + " AVG, RMS, INTEG, MIN, MAX, PP, MIN_AT, MAX_AT, PARAM)");
    }
    return new Measure(an, nm, k, t.subList(3, t.size()));
  }

  /**
   * Splits on white space, joining {@code key = value} into {@code key=value} and keeping quoted or
   * braced text and parenthesized accessor arguments together.
   */
  static List<String> tokens(String text) {
    List<String> raw = Words.split(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String s = raw.get(i);
      if (s.equals("=") && !out.isEmpty() && i + 1 < raw.size()) {
        out.set(out.size() - 1, out.get(out.size() - 1) + "=" + raw.get(++i));
      } else if (s.startsWith("=") && !out.isEmpty() && !s.startsWith("==")) {
        out.set(out.size() - 1, out.get(out.size() - 1) + s);
      } else if (s.endsWith("=") && !s.endsWith("==") && i + 1 < raw.size()) {
        out.add(s + raw.get(++i));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Scalars a measurement may use: .param values and earlier results. */
  public interface Values extends Function<String, Double> {}

  /** Evaluates on a plot; values resolves parameter names and earlier results in expressions. */
  public Measurement evaluate(Plot plot, Values values) {
    try {
      if (kind.equals("param")) {
        double v = scalar(toks.get(0), plot, values);
        return Measurement.ok(name, analysis, v, Map.of(), Double.NaN);
      }
      if (plot == null || plot.scale() == null) {
        return Measurement.failed(name, analysis, "no " + analysis + " analysis to measure");
      }
      return switch (kind) {
        case "trig" -> trigTarg(plot, values);
        case "when" -> {
          Double t = when(plot, values, toks, 0);
          yield t == null ? failedEvent() : Measurement.ok(name, analysis, t, Map.of(), span(plot));
        }
        case "find", "deriv", "derivative" -> findOrDeriv(plot, values);
        default -> interval(plot, values);
      };
    } catch (MeasureException | VecExpr.VecException e) {
      return Measurement.failed(name, analysis, e.getMessage());
    }
  }

  private Measurement failedEvent() {
    return Measurement.failed(name, analysis, "the event never happens within the analysis");
  }

  // ---------------------------------------------------------------- pieces

  /** Value of a {@code key=value} option in toks[from..to), or null. */
  private static String option(List<String> t, int from, int to, String key) {
    for (int i = from; i < to; i++) {
      String s = t.get(i).toLowerCase(Locale.ROOT);
      if (s.startsWith(key + "=")) {
        return t.get(i).substring(key.length() + 1);
      }
      if (s.equals(key)) {
        return "";
      }
    }
    return null;
  }

  private double scalar(String text, Plot plot, Values values) {
    String t = unquote(text);
    Vec v = VecExpr.parse(t).evaluate(scope(plot, values));
    if (v.length() < 1) {
      throw new MeasureException("'" + text + "' has no value");
    }
    return v.re(0);
  }

  private static String unquote(String t) {
    if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("{") && t.endsWith("}")
        || t.startsWith("\"") && t.endsWith("\""))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static VecExpr.Scope scope(Plot plot, Values values) {
    return VecExpr.scope(plot, n -> {
      Double d = values.apply(n);
      return d == null ? null : Vec.scalar(n, d);
    });
  }

  private static final Pattern TYPED = Pattern.compile("(?i)^([vi])(db|m|p|r|i)?\\((.*)\\)$");

  /** The sampled values of an output variable, with ngspice's meaning of an AC type letter. */
  private double[] series(String text, Plot plot, Values values) {
    String t = text.trim();
    Matcher par = Pattern.compile("(?i)^par\\((.*)\\)$").matcher(t);
    if (par.matches()) {
      t = unquote(par.group(1).trim());
    }
    Vec v = VecExpr.parse(t).evaluate(scope(plot, values));
    int n = plot.scale().length();
    if (v.length() == 1 && n > 1) {
      double[] c = new double[n];
      java.util.Arrays.fill(c, v.re(0));
      return c;
    }
    if (!v.isComplex()) {
      return v.re();
    }
    Matcher m = TYPED.matcher(t);
    String type = m.matches() && m.group(2) != null ? m.group(2).toLowerCase(Locale.ROOT) : "";
    double[] r = new double[v.length()];
    for (int k = 0; k < r.length; k++) {
      double re = v.re(k);
      double im = v.im(k);
      r[k] = switch (type) {
        case "m" -> Math.hypot(re, im);
        case "i" -> im;
        case "p" -> Math.atan2(im, re);
        case "db" -> 20 * Math.log10(Math.hypot(re, im));
        default -> re;
      };
    }
    return r;
  }

  /** One event: {@code expr=val} or {@code expr=expr2} with TD/RISE/FALL/CROSS/LAST/FROM/TO in toks[from..]. */
  private Double when(Plot plot, Values values, List<String> t, int from) {
    if (from >= t.size()) {
      throw new MeasureException("WHEN needs expr=value");
    }
    String cond = t.get(from);
    int eq = cond.indexOf('=');
    while (eq > 0 && eq + 1 < cond.length() && cond.charAt(eq + 1) == '=') {
      eq = cond.indexOf('=', eq + 2);
    }
    if (eq <= 0) {
      throw new MeasureException("WHEN needs expr=value, got '" + cond + "'");
    }
    double[] y = series(cond.substring(0, eq), plot, values);
    // a signal on the right (when v(2)=v(1)) is a level at each point; until round 20 its first value was taken as a
    // constant level, so the crossings of v(2) with v(1)'s value at time 0 were reported
    double[] level = series(unquote(cond.substring(eq + 1).trim()), plot, values);
    return crossing(plot.scale().re(), y, level, t, from + 1, t.size());
  }

  /** The requested crossing of y with level (a constant or a series), or null. */
  private Double crossing(double[] x, double[] y, double[] level, List<String> t, int from, int to) {
    double td = number(option(t, from, to, "td"), 0);
    double wFrom = number(option(t, from, to, "from"), Double.NEGATIVE_INFINITY);
    double wTo = number(option(t, from, to, "to"), Double.POSITIVE_INFINITY);
    String rise = option(t, from, to, "rise");
    String fall = option(t, from, to, "fall");
    String cross = option(t, from, to, "cross");
    boolean last = option(t, from, to, "last") != null;
    int want = 0;
    int dir = 0; // +1 rise, -1 fall, 0 either
    if (rise != null) {
      dir = 1;
      last |= rise.equalsIgnoreCase("last");
      want = last ? 0 : (int) number(rise, 1);
    } else if (fall != null) {
      dir = -1;
      last |= fall.equalsIgnoreCase("last");
      want = last ? 0 : (int) number(fall, 1);
    } else if (cross != null) {
      last |= cross.equalsIgnoreCase("last");
      want = last ? 0 : (int) number(cross, 1);
    } else if (!last) {
      want = 1;
    }
    int count = 0;
    Double found = null;
    int prev = -1;
    for (int k = 0; k < x.length; k++) {
      if (x[k] < td || x[k] < wFrom) {
        continue;
      }
      if (x[k] > wTo) {
        break;
      }
      if (prev >= 0) {
        double a = y[prev] - lv(level, prev);
        double b = y[k] - lv(level, k);
        boolean up = a < 0 && b >= 0;
        boolean down = a > 0 && b <= 0;
        if ((up && dir >= 0) || (down && dir <= 0)) {
          count++;
          double tc = x[prev] + (x[k] - x[prev]) * a / (a - b);
          if (last) {
            found = tc;
          } else if (count == want) {
            return tc;
          }
        }
      }
      prev = k;
    }
    return last ? found : null;
  }

  private static double lv(double[] level, int k) {
    return level.length == 1 ? level[0] : level[k];
  }

  private static double number(String s, double def) {
    if (s == null || s.isEmpty() || s.equalsIgnoreCase("last")) {
      return def;
    }
    double v = org.neuristor.expr.SpiceNumber.parse(unquote(s));
    if (Double.isNaN(v)) {
      throw new MeasureException("bad number '" + s + "'");
    }
    return v;
  }

  private double numberOrParam(String s, Plot plot, Values values) {
    double v = org.neuristor.expr.SpiceNumber.parse(unquote(s));
    return Double.isNaN(v) ? scalar(s, plot, values) : v;
  }

  private Measurement trigTarg(Plot plot, Values values) {
    int targ = -1;
    for (int i = 0; i < toks.size(); i++) {
      if (toks.get(i).equalsIgnoreCase("targ")) {
        targ = i;
      }
    }
    if (targ < 0) {
      throw new MeasureException("TRIG needs a TARG");
    }
    Double t1 = event(plot, values, 0, targ);
    Double t2 = event(plot, values, targ + 1, toks.size());
    if (t1 == null || t2 == null) {
      return Measurement.failed(name, analysis, (t1 == null ? "the TRIG" : "the TARG") + " event never happens");
    }
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("targ", t2);
    d.put("trig", t1);
    return Measurement.ok(name, analysis, t2 - t1, d, span(plot));
  }

  private static double span(Plot p) {
    double[] x = p.scale().re();
    return Math.abs(x[x.length - 1] - x[0]);
  }

  private static double range(double[] y) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return Math.max(hi - lo, Math.max(Math.abs(hi), Math.abs(lo)));
  }

  /** A TRIG or TARG event: {@code expr VAL=v ...} or {@code AT=t}. */
  private Double event(Plot plot, Values values, int from, int to) {
    String at = option(toks, from, to, "at");
    if (at != null && (from >= to || toks.get(from).toLowerCase(Locale.ROOT).startsWith("at="))) {
      return numberOrParam(at, plot, values);
    }
    if (from >= to) {
      throw new MeasureException("TRIG/TARG needs an expression and VAL=");
    }
    String val = option(toks, from + 1, to, "val");
    if (val == null) {
      throw new MeasureException("TRIG/TARG needs VAL=");
    }
    double[] y = series(toks.get(from), plot, values);
    return crossing(plot.scale().re(), y, new double[] {numberOrParam(val, plot, values)}, toks, from + 1, to);
  }

  private Measurement findOrDeriv(Plot plot, Values values) {
    if (toks.isEmpty()) {
      throw new MeasureException(kind.toUpperCase(Locale.ROOT) + " needs an expression");
    }
    double[] x = plot.scale().re();
    double[] y = series(toks.get(0), plot, values);
    Double t;
    String at = option(toks, 1, toks.size(), "at");
    int when = -1;
    for (int i = 1; i < toks.size(); i++) {
      if (toks.get(i).equalsIgnoreCase("when")) {
        when = i;
      }
    }
    if (at != null) {
      t = numberOrParam(at, plot, values);
      if (t < x[0] || t > x[x.length - 1]) {
        return Measurement.failed(name, analysis, "AT=" + at + " is outside the analysis");
      }
    } else if (when > 0) {
      t = when(plot, values, toks, when + 1);
      if (t == null) {
        return failedEvent();
      }
    } else {
      throw new MeasureException(kind.toUpperCase(Locale.ROOT) + " needs AT= or WHEN");
    }
    if (kind.equals("find")) {
      return Measurement.ok(name, analysis, interpolate(x, y, t), Map.of(), range(y));
    }
    return Measurement.ok(name, analysis, slope(x, y, t), Map.of(), range(y) / span(plot));
  }

  static double interpolate(double[] x, double[] y, double t) {
    int k = index(x, t);
    double span = x[k + 1] - x[k];
    return span == 0 ? y[k + 1] : y[k] + (y[k + 1] - y[k]) * (t - x[k]) / span;
  }

  /** Index k with x[k] <= t <= x[k+1] (clamped). */
  private static int index(double[] x, double t) {
    if (x.length < 2) {
      throw new MeasureException("the analysis has fewer than two points");
    }
    int lo = 0;
    int hi = x.length - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (x[mid] <= t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Slope of y at t: the derivative of the quadratic through the three points around t. */
  private static double slope(double[] x, double[] y, double t) {
    int k = index(x, t);
    int a = Math.max(0, Math.min(k - 1, x.length - 3));
    if (x.length < 3) {
      return (y[1] - y[0]) / (x[1] - x[0]);
    }
    double x0 = x[a];
    double x1 = x[a + 1];
    double x2 = x[a + 2];
    if (t - x[k] > x[k + 1] - t && k + 1 < x.length - 1) {
      a = Math.min(k, x.length - 3);
      x0 = x[a];
      x1 = x[a + 1];
      x2 = x[a + 2];
    }
    double y0 = y[a];
    double y1 = y[a + 1];
    double y2 = y[a + 2];
    return y0 * (2 * t - x1 - x2) / ((x0 - x1) * (x0 - x2)) + y1 * (2 * t - x0 - x2) / ((x1 - x0) * (x1 - x2))
        + y2 * (2 * t - x0 - x1) / ((x2 - x0) * (x2 - x1));
  }

  private Measurement interval(Plot plot, Values values) {
    if (toks.isEmpty()) {
      throw new MeasureException(kind.toUpperCase(Locale.ROOT) + " needs an expression");
    }
    double[] x = plot.scale().re();
    double[] y = series(toks.get(0), plot, values);
    double lo = x[0];
    double hi = x[x.length - 1];
    String f = option(toks, 1, toks.size(), "from");
    String to = option(toks, 1, toks.size(), "to");
    double a = f == null ? lo : Math.max(lo, numberOrParam(f, plot, values));
    double b = to == null ? hi : Math.min(hi, numberOrParam(to, plot, values));
    if (!(b >= a)) {
      return Measurement.failed(name, analysis, "empty interval FROM=" + a + " TO=" + b);
    }
    if (!analysis.equals("tran") && List.of("avg", "rms", "integ", "integral").contains(kind)) {
      return onGrid(x, y, a, b, f != null, to != null, plot);
    }
    // the samples in [a, b], with interpolated ends
    List<double[]> pts = new ArrayList<>();
    pts.add(new double[] {a, interpolate(x, y, a)});
    for (int k = 0; k < x.length; k++) {
      if (x[k] > a && x[k] < b) {
        pts.add(new double[] {x[k], y[k]});
      }
    }
    if (b > a) {
      pts.add(new double[] {b, interpolate(x, y, b)});
    }
    Map<String, Double> d = new LinkedHashMap<>();
    switch (kind) {
      case "min", "max", "min_at", "max_at", "pp" -> {
        double[] mn = pts.get(0);
        double[] mx = pts.get(0);
        for (double[] p : pts) {
          if (p[1] < mn[1]) {
            mn = p;
          }
          if (p[1] > mx[1]) {
            mx = p;
          }
        }
        if (kind.equals("pp")) {
          d.put("from", a);
          d.put("to", b);
          return Measurement.ok(name, analysis, mx[1] - mn[1], d, range(y));
        }
        double[] e = kind.startsWith("min") ? mn : mx;
        if (kind.endsWith("_at")) {
          d.put("with", e[1]);
          return Measurement.ok(name, analysis, e[0], d, span(plot));
        }
        d.put("at", e[0]);
        return Measurement.ok(name, analysis, e[1], d, range(y));
      }
      default -> {
        boolean rms = kind.equals("rms");
        double integral = 0;
        for (int k = 1; k < pts.size(); k++) {
          double y0 = pts.get(k - 1)[1];
          double y1 = pts.get(k)[1];
          double h = pts.get(k)[0] - pts.get(k - 1)[0];
          integral += rms ? h * (y0 * y0 + y0 * y1 + y1 * y1) / 3 : 0.5 * h * (y0 + y1);
        }
        d.put("from", a);
        d.put("to", b);
        if (kind.startsWith("integ")) {
          return Measurement.ok(name, analysis, integral, d, range(y) * (b - a));
        }
        if (b == a) {
          return Measurement.failed(name, analysis, "zero-length interval");
        }
        return Measurement.ok(name, analysis, rms ? Math.sqrt(integral / (b - a)) : integral / (b - a), d, range(y));
      }
    }
  }

  /**
   * AVG, RMS and INTEG on a swept grid (.ac, .dc), whose points are ngspice's own, computed by ngspice's
   * rules (com_measure2.c) so that the numbers agree: AVG is the trapezoidal mean over the grid points inside
   * FROM..TO (no interpolated ends); RMS and INTEG interpolate the ends and integrate y (RMS: y squared)
   * with Simpson's 3/8 rule where three widths are equal, Simpson's 1/3 rule where two are, else the
   * trapezoidal rule.
   */
  private Measurement onGrid(double[] x, double[] y, double a, double b, boolean hasFrom, boolean hasTo, Plot plot) {
    Map<String, Double> d = new LinkedHashMap<>();
    if (kind.equals("avg")) {
      double sum = 0;
      double span = 0;
      int first = -1;
      int last = -1;
      for (int k = 0; k < x.length; k++) {
        if (x[k] < a || x[k] > b) {
          continue;
        }
        if (first >= 0) {
          sum += 0.5 * (y[k] + y[last]) * (x[k] - x[last]);
          span += x[k] - x[last];
        } else {
          first = k;
        }
        last = k;
      }
      if (first < 0 || span == 0) {
        return Measurement.failed(name, analysis, "fewer than two points between FROM=" + a + " and TO=" + b);
      }
      d.put("from", x[first]);
      d.put("to", x[last]);
      return Measurement.ok(name, analysis, sum / span, d, range(y));
    }
    boolean rms = kind.equals("rms");
    List<double[]> pts = new ArrayList<>();
    for (int k = 0; k < x.length; k++) {
      if (x[k] < a) {
        continue;
      }
      double xv = x[k];
      double yv = y[k];
      if (hasTo && x[k] > b) {
        if (!almostEqual(x[k], b) && k > 0) {
          yv = y[k - 1] + (y[k] - y[k - 1]) * (b - x[k - 1]) / (x[k] - x[k - 1]);
          xv = b;
        }
        pts.add(new double[] {xv, rms ? yv * yv : yv});
        break;
      }
      if (pts.isEmpty() && hasFrom && k > 0 && !almostEqual(x[k], a)) {
        yv = y[k - 1] + (y[k] - y[k - 1]) * (a - x[k - 1]) / (x[k] - x[k - 1]);
        xv = a;
      }
      pts.add(new double[] {xv, rms ? yv * yv : yv});
    }
    if (pts.size() < 2) {
      return Measurement.failed(name, analysis, "fewer than two points between FROM=" + a + " and TO=" + b);
    }
    int n = pts.size();
    double[] w = new double[n + 1];
    for (int i = 0; i < n - 1; i++) {
      w[i] = pts.get(i + 1)[0] - pts.get(i)[0];
    }
    double sum = 0;
    int i = 0;
    while (i < n - 1) {
      if (i + 2 < n && almostEqual(w[i], w[i + 1]) && almostEqual(w[i], w[i + 2]) && i + 3 < n) {
        sum += 3 * w[i] * (pts.get(i)[1] + 3 * (pts.get(i + 1)[1] + pts.get(i + 2)[1]) + pts.get(i + 3)[1]) / 8;
        i += 3;
      } else if (i + 2 < n && almostEqual(w[i], w[i + 1])) {
        sum += w[i] * (pts.get(i)[1] + 4 * pts.get(i + 1)[1] + pts.get(i + 2)[1]) / 3;
        i += 2;
      } else {
        sum += w[i] * (pts.get(i)[1] + pts.get(i + 1)[1]) / 2;
        i++;
      }
    }
    double from = pts.get(0)[0];
    double upto = pts.get(n - 1)[0];
    d.put("from", from);
    d.put("to", upto);
    if (!rms) {
      return Measurement.ok(name, analysis, sum, d, range(y) * (upto - from));
    }
    return Measurement.ok(name, analysis, Math.sqrt(sum / (upto - from)), d, range(y));
  }

  /** Within 100 units in the last place, as ngspice's AlmostEqualUlps(a, b, 100). */
  private static boolean almostEqual(double p, double q) {
    return p == q || Math.abs(p - q) <= 100 * Math.ulp(Math.max(Math.abs(p), Math.abs(q)));
  }
}
