#!/usr/bin/env python3
"""SET and RESET voltages of iv's triangle on the synapse (type synapse, MemTorch VTEAM set, physics.md 3.8a).

The state equation of SynapticMemristor on a linear ramp v = rate t (no series resistor, so the device sees the
source) is integrated in v with a fixed-step RK4 (1 uV steps), and the RESET (SET) voltage is taken where iv takes it: the
steepest fall (rise) of ln G, G = 1/R(w), R = R_on + (R_off - R_on) w.

  dw/dv = (1/rate) [ k_off sp(v/v_off - 1)^a_off (1 - w) - k_on sp(v/v_on - 1)^a_on w ],  sp(z) = s ln(1 + e^(z/s))

Positive half: a fresh device (w = 0, 50 Ohm) ramped 0 -> 2 V at 20 V/s (iv's default: 10 amplitudes per second).
Negative half of the triangle: the device the positive half left (w = 1) ramped 0 -> -2 V.
Standard library only. Prints the two voltages (magnitudes). Output (round 21):
  RESET (steepest fall of ln G, positive half, fresh device): 0.020507 V, w at 2 V 1.000000
  SET (steepest rise of ln G, negative half, from w = 1): 0.204117 V, w at -2 V 0
(the RESET is the same with 0.1 uV steps). iv prints 0.0204791 V and 0.204105 V: within 28 and 12 uV, where its
resolution (amp/2000) is 1 mV. Used by IvSweepTest#aNonVolatileSynapseNamesItsResetAndItsSet.
"""
import math

RON, ROFF = 50.0, 1000.0
VON, VOFF = -0.2, 0.02
KON, KOFF = 10 / 3e-9, 5e-4 / 3e-9
AON, AOFF = 3.0, 1.0
S = 0.01
RATE = 20.0


def sp(z):
    x = z / S
    return S * (x + math.log1p(math.exp(-x))) if x > 0 else S * math.log1p(math.exp(x))


def dwdv(v, w, rate):
    """dw/dv on a ramp of signed rate dv/dt."""
    return (KOFF * sp(v / VOFF - 1) ** AOFF * (1 - w) - KON * sp(v / VON - 1) ** AON * w) / rate


def steepest(sign, w0, vend, h):
    v, w = 0.0, w0
    best, at = 0.0, float('nan')
    lng = -math.log(RON + (ROFF - RON) * w)
    n = int(round(abs(vend) / h))
    dv = vend / n
    rate = math.copysign(RATE, vend)
    for _ in range(n):
        k1 = dwdv(v, w, rate)
        k2 = dwdv(v + dv / 2, w + dv / 2 * k1, rate)
        k3 = dwdv(v + dv / 2, w + dv / 2 * k2, rate)
        k4 = dwdv(v + dv, w + dv * k3, rate)
        w2 = min(max(w + dv / 6 * (k1 + 2 * k2 + 2 * k3 + k4), 0.0), 1.0)
        lng2 = -math.log(RON + (ROFF - RON) * w2)
        d = sign * (lng2 - lng) / abs(dv)
        if d > best:
            best, at = d, abs(v + dv / 2)
        v, w, lng = v + dv, w2, lng2
    return at, w


if __name__ == '__main__':
    reset, w = steepest(-1, 0.0, 2.0, 1e-6)
    print('RESET (steepest fall of ln G, positive half, fresh device): %.6f V, w at 2 V %.6f' % (reset, w))
    set_, w = steepest(1, 1.0, -2.0, 1e-6)
    print('SET (steepest rise of ln G, negative half, from w = 1): %.6f V, w at -2 V %.6g' % (set_, w))
