package org.neuristor.circuit.element;

import java.util.function.DoubleConsumer;
import org.neuristor.NeuristorException;
import org.neuristor.util.Numbers;

/**
 * Time functions of independent sources, with ngspice's semantics and defaults. Parameters given as
 * NaN take ngspice's default, which depends on the transient's tstep and tstop; call
 * {@link #resolve(double, double)} before a transient.
 */
public sealed interface Waveform {

  /** Value at time t (s). */
  double value(double t);

  /** Value used by DC analyses (the value at t = 0, or the DC value). */
  double dcValue();

  /** Reports the waveform's corners in [t0, t1]. */
  default void breakpoints(double t0, double t1, DoubleConsumer sink) {}

  /** A copy with NaN (default) parameters replaced using the transient's tstep and tstop. */
  default Waveform resolve(double tstep, double tstop) {
    return this;
  }

  /** A copy with the DC value replaced (for .dc sweeps). */
  Waveform withDc(double dc);

  /** ngspice syntax of this waveform, e.g. {@code PULSE(0 1 1n 1n 1n 5u 10u)}. */
  String toSpice();

  /** Positional parameter list: trailing defaults (NaN) omitted, inner ones written as 0 (ngspice's default). */
  private static String list(double... v) {
    int end = v.length;
    while (end > 0 && Double.isNaN(v[end - 1])) {
      end--;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < end; i++) {
      sb.append(i == 0 ? "" : " ").append(Double.isNaN(v[i]) ? "0" : trimNumber(v[i]));
    }
    return sb.toString();
  }

  /** Shortest round-trip text of a double. */
  static String trimNumber(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A constant. */
  record Dc(double volts) implements Waveform {
    @Override
    public double value(double t) {
      return volts;
    }

    @Override
    public double dcValue() {
      return volts;
    }

    @Override
    public Waveform withDc(double dc) {
      return new Dc(dc);
    }

    @Override
    public String toSpice() {
      return "DC " + trimNumber(volts);
    }
  }

  /**
   * PULSE(v1 v2 td tr tf pw per np): initial v1, pulsed v2, delay, rise, fall, width, period,
   * number of pulses (0 = unlimited). Defaults: td 0, tr and tf tstep, pw and per tstop.
   */
  record Pulse(double v1, double v2, double td, double tr, double tf, double pw, double per, double np)
      implements Waveform {
    @Override
    public Waveform resolve(double tstep, double tstop) {
      double r = Double.isNaN(tr) || tr <= 0 ? tstep : tr;
      double f = Double.isNaN(tf) || tf <= 0 ? tstep : tf;
      double w = Double.isNaN(pw) || pw <= 0 ? tstop : pw;
      double p = Double.isNaN(per) || per <= 0 ? tstop : per;
      return new Pulse(v1, v2, Double.isNaN(td) ? 0 : td, r, f, w, p, Double.isNaN(np) ? 0 : np);
    }

    @Override
    public double value(double t) {
      double delay = Double.isNaN(td) ? 0 : td;
      if (t <= delay) {
        return v1;
      }
      double r = tr > 0 ? tr : 0;
      double f = tf > 0 ? tf : 0;
      double w = pw > 0 ? pw : Double.POSITIVE_INFINITY;
      double tt = t - delay;
      if (per > 0 && Double.isFinite(per)) {
        if (np > 0 && tt > np * per) {
          return v1;
        }
        if (tt > per) {
          // ngspice wraps only past a whole period: t = td + per still belongs to the first pulse.
          tt -= per * Math.floor(tt / per);
        }
      }
      if (tt < r) {
        return v1 + (v2 - v1) * tt / r;
      }
      if (tt <= r + w) {
        return v2;
      }
      if (tt < r + w + f) {
        return v2 + (v1 - v2) * (tt - r - w) / f;
      }
      return v1;
    }

    @Override
    public double dcValue() {
      return v1;
    }

    @Override
    public void breakpoints(double t0, double t1, DoubleConsumer sink) {
      double delay = Double.isNaN(td) ? 0 : td;
      double[] corners = {0, tr, tr + pw, tr + pw + tf};
      long k = 0;
      while (true) {
        double base = delay + k * (per > 0 ? per : Double.POSITIVE_INFINITY);
        if (!(base <= t1) || (np > 0 && k >= np)) {
          break;
        }
        for (double c : corners) {
          double tb = base + c;
          if (tb >= t0 && tb <= t1) {
            sink.accept(tb);
          }
        }
        if (!(per > 0) || !Double.isFinite(per)) {
          break;
        }
        k++;
      }
    }

    @Override
    public Waveform withDc(double dc) {
      return new Pulse(dc, v2, td, tr, tf, pw, per, np);
    }

    @Override
    public String toSpice() {
      return "PULSE(" + list(v1, v2, td, tr, tf, pw, per, np > 0 ? np : Double.NaN) + ")";
    }
  }

  /** PWL(t1 v1 t2 v2 ...): piecewise linear, constant before the first and after the last point. */
  record Pwl(double[] times, double[] values) implements Waveform {
    public Pwl {
      if (times.length == 0 || times.length != values.length) {
        throw NeuristorException.input("PWL needs pairs of time and value");
      }
      for (int i = 1; i < times.length; i++) {
        if (times[i] < times[i - 1]) {
          throw NeuristorException.input("PWL times must not decrease: " + times[i - 1] + " then " + times[i]);
        }
      }
    }

    @Override
    public double value(double t) {
      int n = times.length;
      if (t <= times[0]) {
        return values[0];
      }
      if (t >= times[n - 1]) {
        return values[n - 1];
      }
      int lo = 0;
      int hi = n - 1;
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] <= t) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      double span = times[hi] - times[lo];
      return span == 0 ? values[hi] : values[lo] + (values[hi] - values[lo]) * (t - times[lo]) / span;
    }

    @Override
    public double dcValue() {
      return values[0];
    }

    @Override
    public void breakpoints(double t0, double t1, DoubleConsumer sink) {
      for (double t : times) {
        if (t >= t0 && t <= t1) {
          sink.accept(t);
        }
      }
    }

    @Override
    public Waveform withDc(double dc) {
      double[] v = values.clone();
      v[0] = dc;
      return new Pwl(times, v);
    }

    @Override
    public String toSpice() {
      StringBuilder sb = new StringBuilder("PWL(");
      for (int i = 0; i < times.length; i++) {
        sb.append(i == 0 ? "" : " ").append(trimNumber(times[i])).append(' ').append(trimNumber(values[i]));
      }
      return sb.append(')').toString();
    }
  }

  /**
   * PWL with ngspice's {@code r=} and {@code td=}: the whole sequence delayed by {@code delay}, and after its last point
   * the part from the time point {@code repeatFrom} to the last repeated for ever (period t_n - r; {@code r=0} repeats
   * it all), as ngspice's vsrcload.c. At each repetition's start the value is the one at r.
   */
  record RepeatedPwl(Pwl pwl, double repeatFrom, double delay) implements Waveform {
    public RepeatedPwl {
      double[] t = pwl.times();
      if (!Double.isNaN(repeatFrom) && !repeatsFrom(t, repeatFrom)) {
        throw NeuristorException.input("PWL r=" + Numbers.plain(repeatFrom) + " must be one of its time points before "
            + "the last (" + Numbers.plain(t[t.length - 1]) + ")");
      }
      if (!(delay >= 0)) {
        throw NeuristorException.input("PWL td must be >= 0, got " + Numbers.plain(delay));
      }
    }

    /** Whether {@code r} is a time point that a PWL with these time points can repeat from: one before the last. */
    public static boolean repeatsFrom(double[] times, double r) {
      boolean point = false;
      for (double x : times) {
        point |= x == r;
      }
      return point && r < times[times.length - 1];
    }

    /** The time within the sequence that time t reads. */
    private double local(double t) {
      double u = t - delay;
      double[] times = pwl.times();
      double end = times[times.length - 1];
      if (Double.isNaN(repeatFrom) || u < end) {
        return u;
      }
      double period = end - repeatFrom;
      return repeatFrom + (u - end) % period;
    }

    @Override
    public double value(double t) {
      return pwl.value(local(t));
    }

    @Override
    public double dcValue() {
      return pwl.dcValue();
    }

    @Override
    public void breakpoints(double t0, double t1, DoubleConsumer sink) {
      double[] times = pwl.times();
      double end = times[times.length - 1];
      pwl.breakpoints(t0 - delay, Math.min(t1 - delay, end), x -> sink.accept(x + delay));
      if (Double.isNaN(repeatFrom)) {
        return;
      }
      double period = end - repeatFrom;
      for (long k = Math.max(1, (long) Math.floor((t0 - delay - end) / period)); ; k++) {
        double shift = delay + end - repeatFrom + (k - 1) * period;
        if (repeatFrom + shift > t1) {
          break;
        }
        for (double x : times) {
          if (x > repeatFrom && x + shift >= t0 && x + shift <= t1) {
            sink.accept(x + shift);
          }
        }
      }
    }

    @Override
    public Waveform withDc(double dc) {
      return new RepeatedPwl((Pwl) pwl.withDc(dc), repeatFrom, delay);
    }

    @Override
    public String toSpice() {
      return pwl.toSpice() + (Double.isNaN(repeatFrom) ? "" : " r=" + trimNumber(repeatFrom))
          + (delay == 0 ? "" : " td=" + trimNumber(delay));
    }
  }

  /**
   * SIN(vo va freq td theta phase): {@code vo + va exp(-(t-td) theta) sin(2 pi freq (t-td) + phase)}
   * for t > td, else {@code vo + va sin(phase)}; phase in degrees; freq defaults to 1/tstop.
   */
  record Sin(double vo, double va, double freq, double td, double theta, double phaseDeg) implements Waveform {
    @Override
    public Waveform resolve(double tstep, double tstop) {
      return new Sin(vo, va, Double.isNaN(freq) || freq == 0 ? 1.0 / tstop : freq, Double.isNaN(td) ? 0 : td,
          Double.isNaN(theta) ? 0 : theta, Double.isNaN(phaseDeg) ? 0 : phaseDeg);
    }

    @Override
    public double value(double t) {
      double d = Double.isNaN(td) ? 0 : td;
      double ph = Math.toRadians(Double.isNaN(phaseDeg) ? 0 : phaseDeg);
      if (t <= d) {
        return vo + va * Math.sin(ph);
      }
      double th = Double.isNaN(theta) ? 0 : theta;
      return vo + va * Math.exp(-(t - d) * th) * Math.sin(2 * Math.PI * freq * (t - d) + ph);
    }

    /** The value at t = 0, as ngspice's operating point uses it ({@code vo + va sin(phase)}). */
    @Override
    public double dcValue() {
      return value(0);
    }

    @Override
    public void breakpoints(double t0, double t1, DoubleConsumer sink) {
      double d = Double.isNaN(td) ? 0 : td;
      if (d > t0 && d <= t1) {
        sink.accept(d);
      }
    }

    @Override
    public Waveform withDc(double dc) {
      return new Sin(dc, va, freq, td, theta, phaseDeg);
    }

    @Override
    public String toSpice() {
      return "SIN(" + list(vo, va, freq, td, theta, phaseDeg) + ")";
    }
  }

  /**
   * EXP(v1 v2 td1 tau1 td2 tau2): rises from v1 toward v2 after td1 with tau1, falls back after td2
   * with tau2. Defaults: td1 0, tau1 tstep, td2 td1 + tstep, tau2 tstep.
   */
  record Exp(double v1, double v2, double td1, double tau1, double td2, double tau2) implements Waveform {
    @Override
    public Waveform resolve(double tstep, double tstop) {
      double a = Double.isNaN(td1) ? 0 : td1;
      double b = Double.isNaN(tau1) || tau1 <= 0 ? tstep : tau1;
      double c = Double.isNaN(td2) ? a + tstep : td2;
      double d = Double.isNaN(tau2) || tau2 <= 0 ? tstep : tau2;
      return new Exp(v1, v2, a, b, c, d);
    }

    @Override
    public double value(double t) {
      double a = Double.isNaN(td1) ? 0 : td1;
      if (t <= a) {
        return v1;
      }
      double v = v1 + (v2 - v1) * (1 - Math.exp(-(t - a) / tau1));
      if (!Double.isNaN(td2) && t > td2) {
        v += (v1 - v2) * (1 - Math.exp(-(t - td2) / tau2));
      }
      return v;
    }

    @Override
    public double dcValue() {
      return v1;
    }

    @Override
    public void breakpoints(double t0, double t1, DoubleConsumer sink) {
      for (double tb : new double[] {Double.isNaN(td1) ? 0 : td1, td2}) {
        if (tb >= t0 && tb <= t1) {
          sink.accept(tb);
        }
      }
    }

    @Override
    public Waveform withDc(double dc) {
      return new Exp(dc, v2, td1, tau1, td2, tau2);
    }

    @Override
    public String toSpice() {
      return "EXP(" + list(v1, v2, td1, tau1, td2, tau2) + ")";
    }
  }
}
