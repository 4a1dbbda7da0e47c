#!/bin/sh
# Regenerates the references of the decks in decks/ (netlists written the way other people write them:
# ngspice's default tolerances unless the deck sets its own) with ngspice (batch, the version in
# ngspice-version.txt). Usage: sh regenerate_decks.sh [NAME ...]   (needs ngspice and /usr/bin/python3)
#
# For a deck NAME.cir without a .control block, a driver sources it, sets tight tolerances (reltol=1e-6
# abstol=1e-12 vntol=1e-9 chgtol=1e-16, so that the reference is ngspice's converged answer, not its
# default-tolerance error; '* ngspice-options: default' keeps the deck's own), runs it and writes every
# analysis it has as NAME.<op|dc|tran|ac>.csv (ngspice's accepted points; complex .ac vectors as
# real()/imag() columns); the .meas results ngspice prints go to NAME.meas.txt. A deck with a .control block runs as
# it is, in an empty directory: every file the block writes is kept as NAME.out.<file>, the measurements
# it prints as NAME.meas.txt, and with '* echo: PREFIX' the lines it prints that start with PREFIX as NAME.echo.txt.
# Decks marked '* expect-error:' need no reference (Neuristor must refuse them).
set -eu
cd "$(dirname "$0")"
PY=/usr/bin/python3
HERE=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ $# -gt 0 ]; then NAMES="$*"; else NAMES=$(cd decks && ls *.cir | sed 's/\.cir$//'); fi
for name in $NAMES; do
  deck="$HERE/decks/$name.cir"
  grep -qi '^\* expect-error:' "$deck" && continue
  rm -f decks/"$name".*.csv decks/"$name".meas.txt decks/"$name".out.*
  work="$TMP/$name"
  mkdir -p "$work"
  if grep -qi '^[[:space:]]*\.control' "$deck"; then
    cp "$deck" "$work/"
    (cd "$work" && ngspice "$name.cir" < /dev/null > "$TMP/$name.log" 2>&1) || { cat "$TMP/$name.log"; exit 1; }
    for f in $(cd "$work" && ls); do
      [ "$f" = "$name.cir" ] || cp "$work/$f" "decks/$name.out.$f"
    done
  else
    kinds=$(grep -ioE '^[[:space:]]*\.(op|dc|tran|ac)([[:space:]]|$)' "$deck" | tr -d ' .\t' | tr 'A-Z' 'a-z' | sort -u)
    {
      echo "* driver for $name (regenerate_decks.sh)"
      echo ".control"
      echo "set filetype=ascii"
      echo "source $deck"
      grep -qi '^\* ngspice-options: *default' "$deck" || echo "option reltol=1e-6 abstol=1e-12 vntol=1e-9 chgtol=1e-16"
      echo "run"
      for k in $kinds; do echo "setplot ${k}1"; echo "write $work/$k.raw"; done
      echo "quit"
      echo ".endc"
      echo ".end"
    } > "$TMP/$name.drv"
    ngspice "$TMP/$name.drv" < /dev/null > "$TMP/$name.log" 2>&1 || { cat "$TMP/$name.log"; exit 1; }
    for k in $kinds; do $PY ngspice_csv.py csv "$work/$k.raw" "decks/$name.$k.csv"; done
  fi
  if grep -qiE '^error|error:|too small|aborted|singular matrix' "$TMP/$name.log"; then
    cat "$TMP/$name.log"; echo "ngspice reported an error on $name" >&2; exit 1
  fi
  prefix=$(sed -n 's/^\* echo: *//p' "$deck" | head -1)
  if [ -n "$prefix" ]; then grep -F "$prefix" "$TMP/$name.log" | grep "^$prefix" > "decks/$name.echo.txt"; fi
  $PY ngspice_csv.py meas "$TMP/$name.log" "decks/$name.meas.txt"
  [ -s "decks/$name.meas.txt" ] || rm -f "decks/$name.meas.txt"
  echo "$name: $(cd decks && ls "$name".* | grep -v '\.cir$' | tr '\n' ' ')"
done
