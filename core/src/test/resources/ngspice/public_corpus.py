#!/usr/bin/python3
"""Public-deck corpus: every netlist of a directory of decks written by others (e.g. the examples/ folder of
ngspice's own source tree), run by ngspice and by `neuristor run`, classified.

For each file (*.cir *.sp *.net *.spi *.ckt, run in its own directory so .include/.lib paths resolve):
  ngspice   `ngspice -b` on the deck as written (its .control block runs if it has one). A deck without
            .control runs again under a driver (as regenerate_decks.sh) that writes every .op/.dc/.tran
            plot as an ascii rawfile. Decks ngspice cannot run (errors, no analysis, timeout) are 'skipped'.
  neuristor `neuristor run DECK --json --no-plot --out DIR`: exit 0 ran, 2 refused (the error must carry
            file, line and column), 3 numerical failure, timeout.
Outcome of a deck both ran:
  agree      every signal both wrote (op/dc/tran; a transient interpolated at ngspice's time points) within
             --tol of its full scale, and every .meas both printed within --tol of its magnitude
  differ     some signal or measurement outside that (the silent-wrong-answer candidates, listed)
  ran        nothing to compare (a .control deck that only prints or plots)
Writes one CSV row per deck (--out) and prints the counts and the most frequent refusal reasons.

Usage: /usr/bin/python3 public_corpus.py DECKDIR [--neuristor PATH] [--tol 0.01] [--timeout 60]
       [--out public_corpus_result.csv]
Example (ngspice's examples, the tree of the ngspice release you compare with):
  git clone https://git.code.sf.net/p/ngspice/ngspice && /usr/bin/python3 public_corpus.py ngspice/examples
"""
import argparse
import collections
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ngspice_csv import read_raw  # noqa: E402

EXTS = (".cir", ".sp", ".net", ".spi", ".ckt")
NG_ERROR = re.compile(r"^error|error:|too small|aborted|singular matrix|fatal|unknown subckt|"
                      r"could not find|unable to find|not found", re.I)
# what a batch run without a display prints for plot commands (not a failure of the simulation)
# and a .meas whose event is not in the data (Neuristor reports it as null)
IGNORED = re.compile(r"display type|no graphics|can't open display|gnuplot|hardcopy|^\s*Error: measure", re.I)


def decks(root):
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.lower().endswith(EXTS):
                yield os.path.join(d, f)


def run(cmd, cwd, timeout):
    """Runs cmd in its own process group; on timeout the whole group is killed."""
    p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        return p.returncode, out.decode("latin-1"), err.decode("latin-1")
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, "", "timeout"


def meas(text):
    """'name = value' lines ngspice prints for .meas (also 'name = value at= ...')."""
    out = {}
    for m in re.finditer(r"^\s*([a-z_][\w.]*)\s+=\s+([-+0-9.eE]+)(\s|$)", text, re.I | re.M):
        try:
            out[m.group(1).lower()] = float(m.group(2))
        except ValueError:
            pass
    return out


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    names = [n.lower() for n in rows[0]]
    cols = [[] for _ in names]
    for r in rows[1:]:
        for i, v in enumerate(r):
            try:
                cols[i].append(float(v))
            except ValueError:
                cols[i].append(float("nan"))
    return names, cols


def interp(x, xs, ys):
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    lo, hi = 0, len(xs) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if xs[mid] <= x:
            lo = mid
        else:
            hi = mid
    if xs[hi] == xs[lo]:
        return ys[hi]
    return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo])


def compare(ref, ours, kind, tol):
    """Worst error / full scale over the signals both have; returns (compared, [(signal, error)])."""
    rn, rc = ref
    on, oc = ours
    compared, bad = 0, []
    for i, n in enumerate(rn):
        if i == 0 and kind != "op":
            continue
        if n not in on:
            continue
        j = on.index(n)
        want, got = rc[i], oc[j]
        if kind == "op":
            pairs = [(want[0], got[0])]
        elif kind == "dc" and len(want) != len(got):
            continue
        elif kind == "dc":
            pairs = list(zip(want, got))
        else:
            pairs = [(w, interp(t, oc[0], got)) for t, w in zip(rc[0], want)]
        scale = max(max(abs(w) for w, _ in pairs), 1e-12 if n.startswith("i(") else 1e-6)
        err = max(abs(w - g) for w, g in pairs) / scale
        compared += 1
        if not err <= tol:
            bad.append((kind + ":" + n, err))
    return compared, bad


def ngspice_plots(deck, work, timeout):
    """Rawfiles of the deck's op/dc/tran plots (tight tolerances, as regenerate_decks.sh), or {}."""
    text = open(deck, encoding="latin-1").read()
    kinds = sorted(set(k.lower() for k in re.findall(r"^\s*\.(op|dc|tran)\b", text, re.I | re.M)))
    if not kinds:
        return {}
    drv = os.path.join(work, "driver.cir")
    with open(drv, "w", encoding="latin-1") as f:
        f.write("* driver\n.control\nset filetype=ascii\nsource %s\n" % os.path.abspath(deck))
        f.write("option reltol=1e-6 abstol=1e-12 vntol=1e-9 chgtol=1e-16\nrun\n")
        for k in kinds:
            f.write("setplot %s1\nwrite %s\n" % (k, os.path.join(work, k + ".raw")))
        f.write("quit\n.endc\n.end\n")
    run(["ngspice", drv], os.path.dirname(deck), timeout)
    plots = {}
    for k in kinds:
        p = os.path.join(work, k + ".raw")
        if os.path.exists(p):
            try:
                names, cols = read_raw(p)
                plots[k] = ([n.lower() for n in names], cols)
            except Exception:  # noqa: BLE001 a plot ngspice could not finish
                pass
    return plots


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--neuristor", default=os.path.normpath(os.path.join(here, "..", "..", "..", "..", "..",
                                                                         "neuristor")))
    ap.add_argument("--tol", type=float, default=0.01)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--out", default="public_corpus_result.csv")
    a = ap.parse_args(argv)
    rows = []
    tmp = tempfile.mkdtemp(prefix="corpus")
    root = os.path.abspath(a.root)
    try:
        for deck in decks(root):
            rel = os.path.relpath(deck, root)
            work = os.path.join(tmp, re.sub(r"\W", "_", rel))
            os.makedirs(work)
            # ngspice on the deck as written (batch unless it has its own .control block)
            text = open(deck, encoding="latin-1").read()
            control = re.search(r"^\s*\.control", text, re.I | re.M) is not None
            ngdir = os.path.join(work, "ng")
            shutil.copytree(os.path.dirname(deck), ngdir)
            ngdeck = os.path.join(ngdir, os.path.basename(deck))
            code, out, err = run(["ngspice"] + ([] if control else ["-b"]) + [os.path.basename(deck)], ngdir,
                                 a.timeout)
            ng_log = out + err
            has_analysis = control or re.search(r"^\s*\.(op|dc|tran|ac)\b", text, re.I | re.M)
            row = {"deck": rel, "ngspice": "ok", "neuristor": "", "outcome": "", "compared": 0, "worst": "",
                   "message": ""}
            ng_errors = [ln for ln in ng_log.splitlines() if NG_ERROR.search(ln) and not IGNORED.search(ln)]
            # a .control deck without 'quit' ends at end of input with exit 1: only its messages count
            if code is None or (code != 0 and not control) or ng_errors or not has_analysis:
                row["ngspice"] = "timeout" if code is None else ("no analysis" if not has_analysis else "error")
                row["outcome"] = "skipped"
                row["message"] = (ng_errors or ["timeout" if code is None else "exit %s" % code])[0][:200]
                rows.append(row)
                print("%-60s skipped (ngspice: %s)" % (rel, row["message"][:80]), flush=True)
                continue
            ng_meas = meas(ng_log)
            plots = {} if control else ngspice_plots(ngdeck, work, a.timeout)
            # neuristor on the same deck, in a fresh copy of its directory
            nedir = os.path.join(work, "ne")
            shutil.copytree(os.path.dirname(deck), nedir)
            out_dir = os.path.join(work, "out")
            code, out, err = run([a.neuristor, "run", os.path.basename(deck), "--json", "--no-plot", "--out", out_dir],
                                 nedir, a.timeout)
            try:
                j = json.loads(out) if out.strip() else {}
            except ValueError:
                j = {}
            if code is None:
                row["neuristor"], row["outcome"] = "timeout", "timeout"
            elif code != 0:
                e = j.get("error", {})
                row["neuristor"] = "refused" if code == 2 else "failed" if code == 3 else "crash %d" % code
                located = e.get("file") is not None and e.get("line") is not None
                row["outcome"] = (row["neuristor"] if code in (2, 3) else "crash") + ("" if located or code != 2
                                                                                       else " (no location)")
                row["message"] = (e.get("message") or (err.strip().splitlines() or [""])[-1])[:200]
            else:
                row["neuristor"] = "ran"
                compared, bad = 0, []
                base = os.path.splitext(os.path.basename(deck))[0].lower()
                for kind, ref in plots.items():
                    p = os.path.join(out_dir, base + "." + kind + ".csv")
                    if os.path.exists(p):
                        c, b = compare(ref, read_csv(p), kind, a.tol)
                        compared += c
                        bad += b
                ours_meas = {k.lower(): v for k, v in (j.get("measurements") or {}).items()}
                for k, v in ng_meas.items():
                    if k in ours_meas:
                        compared += 1
                        g = ours_meas[k]
                        err_rel = float("inf") if g is None else abs(g - v) / max(abs(v), 1e-30)
                        if not err_rel <= a.tol:
                            bad.append(("meas:" + k, err_rel))
                row["compared"] = compared
                row["outcome"] = "ran" if compared == 0 else ("agree" if not bad else "differ")
                if bad:
                    worst = max(bad, key=lambda x: x[1])
                    row["worst"] = "%s %.3g" % worst
            rows.append(row)
            print("%-60s %-8s %s %s" % (rel, row["outcome"], row["worst"], row["message"][:90]), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with open(a.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    counts = collections.Counter(r["outcome"] for r in rows)
    print("\n%d files: %s" % (len(rows), ", ".join("%s %d" % kv for kv in counts.most_common())))
    reasons = collections.Counter(re.sub(r"^[^:]*:\d+:\d+: ", "", r["message"])[:70] for r in rows
                                  if r["outcome"].startswith("refused"))
    print("most frequent refusals:")
    for m, n in reasons.most_common(25):
        print("  %3d  %s" % (n, m))


if __name__ == "__main__":
    main(sys.argv[1:])
