package org.neuristor.circuit.element;

/**
 * SPICE junction helpers: Newton voltage limiting for exponential junctions (pnjlim, after
 * Nagel's SPICE2) and the critical voltage that decides when limiting applies.
 */
public final class Junction {
  private Junction() {}

  /**
   * SPICE's junction current and conductance: {@code isat (exp(v/vtn) - 1)} forward, and below
   * {@code -3 vtn} the reverse form {@code -isat (1 + (3 vtn / (e v))^3)}; writes {current, dI/dv}.
   */
  public static void current(double v, double isat, double vtn, double[] out) {
    if (isat == 0) {
      out[0] = 0;
      out[1] = 0;
    } else if (v >= -3 * vtn) {
      double ev = Math.exp(Math.min(v / vtn, 700));
      out[0] = isat * (ev - 1);
      out[1] = isat * ev / vtn;
    } else {
      double arg = 3 * vtn / (v * Math.E);
      arg = arg * arg * arg;
      out[0] = -isat * (1 + arg);
      out[1] = isat * 3 * arg / v;
    }
  }

  /** Critical voltage {@code vt ln(vt / (sqrt(2) is))} above which exponential steps are limited. */
  public static double criticalVoltage(double is, double vt) {
    return vt * Math.log(vt / (Math.sqrt(2) * is));
  }

  /**
   * Limits a junction-voltage update so the exponential cannot overflow: above the critical
   * voltage, a large step becomes logarithmic in the current.
   *
   * @return the limited new voltage
   */
  public static double limit(double vnew, double vold, double vt, double vcrit) {
    if (vnew > vcrit && Math.abs(vnew - vold) > 2 * vt) {
      if (vold > 0) {
        double arg = 1 + (vnew - vold) / vt;
        return arg > 0 ? vold + vt * Math.log(arg) : vcrit;
      }
      return vt * Math.log(vnew / vt);
    }
    return vnew;
  }

  /** Limits a MOSFET gate-voltage step (SPICE's fetlim, simplified): at most 2 V plus 50% beyond threshold. */
  public static double fetLimit(double vnew, double vold, double vto) {
    double vtsthi = Math.abs(2 * (vold - vto)) + 2;
    double vtstlo = vtsthi / 2 + 2;
    double vtox = vto + 3.5;
    double delv = vnew - vold;
    if (vold >= vto) {
      if (vold >= vtox) {
        if (delv <= 0) {
          if (vnew >= vtox) {
            if (-delv > vtstlo) {
              return vold - vtstlo;
            }
          } else {
            return Math.max(vnew, vto + 2);
          }
        } else if (delv >= vtsthi) {
          return vold + vtsthi;
        }
      } else {
        if (delv <= 0) {
          return Math.max(vnew, vto - 0.5);
        }
        return Math.min(vnew, vto + 4);
      }
    } else {
      if (delv <= 0) {
        if (-delv > vtsthi) {
          return vold - vtsthi;
        }
      } else {
        double vtemp = vto + 0.5;
        if (vnew <= vtemp) {
          if (delv > vtstlo) {
            return vold + vtstlo;
          }
        } else {
          return vtemp;
        }
      }
    }
    return vnew;
  }
}
