#!/usr/bin/env python3
"""Writes rc_ladder100.cir: 100 RC sections (1 kOhm, 1 nF) driven by a 1 V step."""
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
lines = [f"RC ladder of {n} sections", "v1 n0 0 pwl(0 0 1n 1)"]
for k in range(1, n + 1):
    lines.append(f"r{k} n{k-1} n{k} 1k")
    lines.append(f"c{k} n{k} 0 1n")
lines.append(".tran 10u 20m")
lines.append(f".save v(n1) v(n10) v(n50) v(n{n})")
lines.append(".end")
print("\n".join(lines))
