#!/usr/bin/env python3
"""Writes rc_mesh30.cir: a 30x30 RC mesh (1 kOhm between neighbours, 1 pF to ground), step at a corner.
A 2-D mesh is the fill-in worst case for a sparse LU (crossbar-like); it exercises the ordering."""
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
lines = [f"RC mesh {n}x{n}", "v1 in 0 pwl(0 0 1n 1)", "rin in n0_0 1k"]
k = 0
for i in range(n):
    for j in range(n):
        a = f"n{i}_{j}"
        if j + 1 < n:
            lines.append(f"rh{k} {a} n{i}_{j+1} 1k")
        if i + 1 < n:
            lines.append(f"rv{k} {a} n{i+1}_{j} 1k")
        lines.append(f"c{k} {a} 0 1p")
        k += 1
lines.append(".tran 10n 2u")
lines.append(f".save v(n0_0) v(n{n//2}_{n//2}) v(n{n-1}_{n-1})")
lines.append(".end")
print("\n".join(lines))
