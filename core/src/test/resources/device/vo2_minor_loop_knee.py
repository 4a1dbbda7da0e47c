#!/usr/bin/env python3
"""Quasi-static thresholds of the vo2 device (physics.md 3.3) on its major and minor heating branches.

The threshold of a slow voltage sweep is the maximum over T of the steady-state voltage
V(T) = sqrt(S_th (T - T_0) R(T)) on the branch the film is on. A fresh device heats on the major
heating branch. After a full cycle (heated into the metallic state, cooled back to T_0 at 0 V) the film
is on the cooling branch at T_0; heating again reverses it there (T_r = T_0, g_r = g_cooling(T_0)) and
it follows the minor loop of physics.md 3.3 (Zhang et al.'s rule), which switches at a lower voltage.
IvSweepTest uses the two printed thresholds. Run: python3 vo2_minor_loop_knee.py
"""
import math

w, Tc, beta = 7.19357064, 332.805839, 0.252796285
R0, Ea, gamma = 5.35882879e-3, 5220.47417, 0.956269682
Rm, Sth, T0 = 262.5 * 4.90025335, 0.20558726e-3, 325.0


def g_major(T, d):
    return 0.5 + 0.5 * math.tanh(beta * (d * w / 2 + Tc - T))


def P(x):
    return 0.5 * (1 - math.sin(gamma * x)) * (1 + math.tanh(math.pi ** 2 - 2 * math.pi * x))


def knee(g):
    best, T = (0.0, 0.0), T0 + 1e-4
    while T < 370:
        V = math.sqrt(Sth * (T - T0) * (R0 * math.exp(Ea / T) * g(T) + Rm))
        best = max(best, (V, T))
        T += 1e-4
    return best


Tr = T0
gr = g_major(Tr, -1)
Tpr = w / 2 + Tc - math.atanh(2 * gr - 1) / beta - Tr
minor = lambda T: 0.5 + 0.5 * math.tanh(beta * (w / 2 + Tc - (T + Tpr * P((T - Tr) / Tpr))))
print("major heating branch: V_th = %.5f V at T = %.3f K" % knee(lambda T: g_major(T, 1)))
print("minor heating branch from T_0 on the cooling branch: V_th = %.5f V at T = %.3f K" % knee(minor))
