#!/usr/bin/env python3
"""Half-way switching delay and energy of the mott device (physics.md 3.2) under a voltage step through 1 kOhm.

With the device temperature T the only state, the heat balance
    C_eff(T) dT/dt = P(T) - (T - T_amb)/R_th,   P(T) = V^2 R(T)/(R(T) + R_s)^2,   C_eff = C_th + L_H u(1-u)/w
is separable: the time to go from T_amb to T is the integral of C_eff/(P - (T - T_amb)/R_th) dT, and the
energy dissipated in the device meanwhile the integral of P C_eff/(P - (T - T_amb)/R_th) dT (Simpson below).
'pulse' times the state's half-way point: T_amb + (T_ss - T_amb)/2, T_ss the first steady state above T_amb
(a pulse long enough to reach it). The crossing of T_c - 2w reproduces physics.md's table (1.02, 0.48, 0.23,
0.09 ns) as a check of this script. PulseResponseTest uses the printed values. Run: python3 mott_half_way_delay.py
"""
import math

kB = 8.617333262e-5
Tamb, Tc, w, Ri0, Ea, Rm, Rth, Cth, LH, Rs = 300., 1070., 5., 20e3, 0.05, 400., 5e6, 1e-16, 1e-14, 1e3


def S(z):
    return 1 / (1 + math.exp(-z)) if z > -700 else 0.0


def R(T):
    u = S((T - Tc) / w)
    return 1 / (u / Rm + (1 - u) / (Ri0 * math.exp(Ea / kB * (1 / T - 1 / Tamb))))


def P(T, V):
    r = R(T)
    return V * V * r / (r + Rs) ** 2


def net(T, V):
    return P(T, V) - (T - Tamb) / Rth


def ceff(T):
    u = S((T - Tc) / w)
    return Cth + LH * u * (1 - u) / w


def simpson(g, a, b, n=400000):
    h = (b - a) / n
    s = g(a) + g(b) + sum((4 if k % 2 else 2) * g(a + k * h) for k in range(1, n))
    return s * h / 3


for V in (1.2, 1.5, 2.0, 3.0):
    T, h = Tamb, 0.01
    while net(T + h, V) > 0:
        T += h
    lo, hi = T, T + h
    for _ in range(60):
        m = (lo + hi) / 2
        lo, hi = (m, hi) if net(m, V) > 0 else (lo, m)
    Tss = (lo + hi) / 2
    level = Tamb + 0.5 * (Tss - Tamb)
    t = simpson(lambda x: ceff(x) / net(x, V), Tamb, level)
    e = simpson(lambda x: P(x, V) * ceff(x) / net(x, V), Tamb, level)
    tc = simpson(lambda x: ceff(x) / net(x, V), Tamb, Tc - 2 * w)
    print("V=%.1f V: T_ss=%.3f K, half-way %.3f K reached after %.6g s, device energy %.6g J"
          " (T_c - 2w after %.4g s)" % (V, Tss, level, t, e, tc))
