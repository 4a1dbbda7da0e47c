package org.neuristor.netlist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.element.IndependentSource.Spec;
import org.neuristor.circuit.element.Waveform;

/**
 * The value part of an independent V or I source card, as ngspice reads it: a bare value or
 * {@code DC v} ({@code dc=v}), {@code AC mag [phase]} ({@code ac=mag}) and one transient function
 * PULSE, PWL, SIN or EXP, in any order. A source with no value is DC 0 (ngspice warns the same way).
 */
final class SourceValues {
  private SourceValues() {}

  private static final List<String> FUNCTIONS = List.of("pulse", "pwl", "sin", "exp");
  private static final List<String> UNSUPPORTED = List.of("sffm", "am", "trnoise", "trrandom", "pat", "pwl_file");

  static Spec parse(Card c, List<String> warnings) {
    String unit = c.kind() == 'i' ? "A" : "V";
    Waveform w = null;
    double dc = Double.NaN;
    double acMag = 0;
    double acPhase = 0;
    boolean any = false;
    List<String> written = new ArrayList<>(); // the transient function's values as written
    while (c.hasMore()) {
      Token t = c.token();
      String tl = t.lower();
      if (tl.startsWith("dc=") || tl.startsWith("ac=")) {
        c.k++;
        Token vt = new Token(t.text().substring(3), t.index() + 3);
        String what = tl.substring(0, 2).toUpperCase(Locale.ROOT) + " value of " + c.name;
        WrittenUnits.check(c.sl, vt, c.params(), unit, what);
        double v = c.number(vt, what);
        if (tl.startsWith("dc")) {
          dc = v;
        } else {
          acMag = v;
          if (c.nextIsValue()) {
            acPhase = c.value("AC phase");
          }
        }
        any = true;
      } else if (tl.equals("dc")) {
        c.k++;
        dc = c.value("DC value", unit);
        any = true;
      } else if (tl.equals("ac")) {
        c.k++;
        acMag = c.nextIsValue() ? c.value("AC magnitude", unit) : 1.0;
        if (c.nextIsValue()) {
          acPhase = c.value("AC phase");
        }
        any = true;
      } else if (FUNCTIONS.contains(tl)) {
        c.k++;
        if (w != null) {
          throw c.errorAt(t, c.name + " has two transient functions");
        }
        List<Double> v = new ArrayList<>();
        written.clear();
        while (c.nextIsValue()) {
          String u = argumentUnit(tl, v.size(), unit);
          String what = tl.toUpperCase(Locale.ROOT) + " parameter";
          written.add(c.token().text());
          v.add(u == null ? c.value(what) : c.value(what, u));
        }
        w = build(c, tl, v, t);
        any = true;
      } else if ((tl.startsWith("r=") || tl.startsWith("td="))
          && (w instanceof Waveform.Pwl || w instanceof Waveform.RepeatedPwl)) {
        // PWL's repeat and delay (ngspice): v1 in 0 pwl 0 0 1n 1 2n 0 r=0 td=5n
        c.k++;
        int eq = tl.indexOf('=');
        Token vt = new Token(t.text().substring(eq + 1), t.index() + eq + 1);
        String what = "PWL " + tl.substring(0, eq) + " of " + c.name;
        WrittenUnits.check(c.sl, vt, c.params(), "s", what);
        double v = c.number(vt, what);
        Waveform.RepeatedPwl r = w instanceof Waveform.RepeatedPwl rp ? rp
            : new Waveform.RepeatedPwl((Waveform.Pwl) w, Double.NaN, 0);
        Waveform.Pwl base = r.pwl();
        double from = tl.startsWith("r=") ? v : r.repeatFrom();
        double delay = tl.startsWith("td=") ? v : r.delay();
        // the messages show the numbers as the card writes them (r=1.5u, not 1.5E-6)
        if (tl.startsWith("r=") && !Waveform.RepeatedPwl.repeatsFrom(base.times(), v)) {
          throw c.errorAt(vt, "PWL r=" + vt.text() + " must be one of its time points before the last ("
              + written.get(written.size() - 2) + ")");
        }
        if (tl.startsWith("td=") && !(v >= 0)) {
          throw c.errorAt(vt, "PWL td=" + vt.text() + " must be >= 0");
        }
        try {
          w = new Waveform.RepeatedPwl(base, from, delay);
        } catch (NetlistException e) {
          throw e;
        } catch (NeuristorException e) {
          throw c.errorAt(t, e.getMessage());
        }
      } else if (UNSUPPORTED.contains(tl)) {
        throw c.errorAt(t, tl.toUpperCase(Locale.ROOT) + " sources are not supported (supported: DC, AC, PULSE, PWL, SIN, EXP)");
      } else if (!any && c.isValue(t.text())) {
        dc = c.value("value", unit);
        any = true;
      } else {
        throw c.errorAt(t, "unexpected '" + t.text() + "' in source " + c.name);
      }
    }
    if (!any) {
      warnings.add(c.sl.file(0) + ":" + c.sl.line(0) + ": " + c.name + " has no value; DC 0 assumed (as ngspice)");
      dc = 0;
    }
    if (w == null) {
      w = new Waveform.Dc(Double.isNaN(dc) ? 0 : dc);
    }
    double dcv = dc;
    double mag = acMag;
    double ph = acPhase;
    Waveform wf = w;
    return c.guarded(() -> new Spec(wf, dcv, mag, ph));
  }

  /**
   * The unit of argument {@code i} of a transient function ({@code unit}: V or A, the source's), or
   * null where it has none to check (PULSE np, SIN theta and phase).
   */
  static String argumentUnit(String function, int i, String unit) {
    return switch (function) {
      case "pulse" -> i < 2 ? unit : i < 7 ? "s" : null;
      case "sin" -> i < 2 ? unit : i == 2 ? "Hz" : i == 3 ? "s" : null;
      case "exp" -> i < 2 ? unit : "s";
      default -> i % 2 == 0 ? "s" : unit; // pwl: time, value pairs
    };
  }

  static Waveform build(Card c, String kind, List<Double> v, Token at) {
    double[] a = new double[8];
    Arrays.fill(a, Double.NaN);
    for (int i = 0; i < Math.min(8, v.size()); i++) {
      a[i] = v.get(i);
    }
    try {
      switch (kind) {
        case "pulse":
          if (v.size() < 2 || v.size() > 8) {
            throw c.errorAt(at, "PULSE needs 2 to 8 values (v1 v2 td tr tf pw per np)");
          }
          return new Waveform.Pulse(a[0], a[1], a[2], a[3], a[4], a[5], a[6], Double.isNaN(a[7]) ? 0 : a[7]);
        case "sin":
          if (v.size() < 2 || v.size() > 6) {
            throw c.errorAt(at, "SIN needs 2 to 6 values (vo va freq td theta phase)");
          }
          return new Waveform.Sin(a[0], a[1], a[2], a[3], a[4], a[5]);
        case "exp":
          if (v.size() < 2 || v.size() > 6) {
            throw c.errorAt(at, "EXP needs 2 to 6 values (v1 v2 td1 tau1 td2 tau2)");
          }
          return new Waveform.Exp(a[0], a[1], a[2], a[3], a[4], a[5]);
        default:
          if (v.isEmpty() || v.size() % 2 != 0) {
            throw c.errorAt(at, "PWL needs pairs of time and value");
          }
          double[] t = new double[v.size() / 2];
          double[] y = new double[v.size() / 2];
          for (int i = 0; i < t.length; i++) {
            t[i] = v.get(2 * i);
            y[i] = v.get(2 * i + 1);
          }
          return new Waveform.Pwl(t, y);
      }
    } catch (NetlistException e) {
      throw e;
    } catch (NeuristorException e) {
      throw c.errorAt(at, e.getMessage());
    }
  }
}
