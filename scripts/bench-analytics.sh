#!/usr/bin/env bash
# Analytics benchmark: a generated nginx combined access log of LINES lines (about 80 % beacon hits, 20,000
# learners over 60 days at 10M lines; scripts/generate-access-log.py), read by `mika analytics` (release) side by
# side with its peers: GoAccess, a plain Python regex counter (scripts/count-beacon.py) and, on the gzipped copy,
# `zcat` alone. Each pair runs in turn (A B A B ...), BENCH_RUNS times; prints median wall seconds, lines per second and
# peak memory (GNU time, the largest single process) and the ratios.
#
#   scripts/bench-analytics.sh [LINES]        (default 10000000; 200000 for a quick try)
#
# Environment: BENCH_RUNS (default 3), BENCH_SEED (default 1), BENCH_WORK (default bench-work), MIKA_BIN (default
# .build/release/mika), BENCH_SITE (a built site with _mika/model.json; default site/), BENCH_PEERS (default
# "goaccess python zcat"). The log is generated once into $BENCH_WORK/analytics/ and reused while its parameters
# (lines, seed, generator version, the model's courses and key) stay the same; 10M lines take about 3.8 GB plus
# its gzip copy. BENCH_PEERS= (empty) only generates the log.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-10000000}
[[ "$lines" =~ ^[0-9]+$ ]] && [ "$lines" -gt 0 ] || { echo "usage: $0 [LINES]" >&2; exit 2; }
runs=${BENCH_RUNS:-3}
seed=${BENCH_SEED:-1}
work=${BENCH_WORK:-bench-work}/analytics
peers=${BENCH_PEERS-goaccess python zcat}
[ -x /usr/bin/time ] || { echo "GNU time missing: scripts/bootstrap.sh bench" >&2; exit 2; }
mkdir -p "$work"

# mika: the release build if there is one (a debug build only when asked for by MIKA_BIN).
mika=${MIKA_BIN:-.build/release/mika}
has_mika=0
if [ -x "$mika" ]; then
  if "$mika" analytics --help >/dev/null 2>&1; then
    has_mika=1
  else
    echo "note: $mika has no 'analytics' subcommand yet: timing the peers only" >&2
  fi
else
  echo "note: no mika binary at $mika (make site builds it): timing the peers only" >&2
fi
case "$mika" in *debug*) echo "note: $mika is a debug build: its figures are no benchmark" >&2 ;; esac

# The site whose model the log follows.
# site/ if it was built (make site), else the bundled sample built here with the mika binary there is.
site=${BENCH_SITE:-site}
if [ -z "${BENCH_SITE:-}" ] && [ ! -f "$site/_mika/model.json" ]; then
  builder=$mika
  [ -x "$builder" ] || builder=.build/debug/mika
  if [ -x "$builder" ]; then
    echo "building the bundled sample with $builder into $work/site (no site/_mika/model.json)" >&2
    "$builder" build --quiet --content content --out "$work/site" >/dev/null 2>&1 || echo "note: $builder build failed" >&2
  fi
  [ -f "$work/site/_mika/model.json" ] && site=$work/site
fi
[ -f "$site/_mika/model.json" ] || { echo "no $site/_mika/model.json: build the sample site first: make site" >&2; exit 2; }
model=$site/_mika/model.json

# The log, generated once for these parameters.
log=$work/access-$lines.log
params="lines=$lines seed=$seed fingerprint=$(python3 scripts/generate-access-log.py --fingerprint --lines "$lines" --seed "$seed" --model "$model")"
if [ -f "$log" ] && [ -f "$log.gz" ] && [ "$(cat "$log.params" 2>/dev/null)" = "$params" ]; then
  echo "reusing $log ($params)"
else
  rm -f "$log" "$log.gz" "$log.params"
  echo "generating $log ($params)"
  /usr/bin/time -f "generator: %e s wall, %M KB peak memory" \
    python3 scripts/generate-access-log.py --lines "$lines" --seed "$seed" --model "$model" --out "$log.tmp"
  mv "$log.tmp" "$log"
  start=$(date +%s.%N)
  if command -v pigz >/dev/null; then pigz -6 -n -c "$log" >"$log.gz.tmp"; else gzip -6 -n -c "$log" >"$log.gz.tmp"; fi
  mv "$log.gz.tmp" "$log.gz"
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "gzip copy written in %.1f s\n", e - s }'
  echo "$params" >"$log.params"
fi
bytes=$(stat -c %s "$log")
gzbytes=$(stat -c %s "$log.gz")
cat "$log" "$log.gz" >/dev/null  # into the page cache, so that every command reads from memory

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run LABEL COMMAND...: one timed run, appends "seconds kilobytes" to $work/times.LABEL
run() {
  local label=$1; shift
  local out; out=$(mktemp)
  if ! /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>"$out.err"; then
    echo "$label failed:" >&2; tail -5 "$out.err" >&2; tail -1 "$out" >&2
    rm -f "$out" "$out.err"; return 1
  fi
  tail -1 "$out" >>"$work/times.$label"
  rm -f "$out" "$out.err"
}

# report LABEL: median wall seconds, lines/s and peak MiB of the runs of LABEL
report() {
  local label=$1 seconds kilobytes
  seconds=$(awk '{ print $1 }' "$work/times.$label" | median)
  kilobytes=$(awk '{ print $2 }' "$work/times.$label" | median)
  awk -v l="$label" -v s="$seconds" -v kb="$kilobytes" -v n="$lines" \
    'BEGIN { printf "  %-34s %9.2f s %12.0f lines/s %9.0f MiB peak\n", l, s, n / (s > 0 ? s : 0.001), kb / 1024 }'
}

ratio() {  # A B: A's median time over B's, and the throughput ratio
  local a b
  a=$(awk '{ print $1 }' "$work/times.$1" | median)
  b=$(awk '{ print $1 }' "$work/times.$2" | median)
  awk -v a="$a" -v b="$b" -v la="$1" -v lb="$2" \
    'BEGIN { if (a <= 0) a = 0.001; printf "  %s / %s: time %.2fx, throughput %.2fx\n", la, lb, a / b, b / a }'
}

# pair A_LABEL B_LABEL: RUNS rounds of A then B; the commands are in the arrays cmd_a and cmd_b
pair() {
  local a=$1 b=$2 i
  rm -f "$work/times.$a" "$work/times.$b"
  for ((i = 1; i <= runs; i++)); do
    if [ -n "$a" ]; then run "$a" "${cmd_a[@]}" || return 0; fi
    run "$b" "${cmd_b[@]}" || return 0
  done
  [ -n "$a" ] && report "$a"
  report "$b"
  [ -n "$a" ] && ratio "$a" "$b"
  [ -n "$a" ] && echo "  A: $(printf '%q ' "${cmd_a[@]}")"
  echo "  B: $(printf '%q ' "${cmd_b[@]}")"
}

goaccess_version=$(goaccess --version 2>/dev/null | head -1 | sed 's/^GoAccess - //; s/\.$//' || true)
awk -v n="$lines" -v b="$bytes" -v g="$gzbytes" -v r="$runs" -v c="$(nproc)" 'BEGIN {
  printf "== %d lines: %.0f MB plain (%.0f bytes a line), %.0f MB gzip; %d runs each, medians; %d cores\n", n, b / 1e6, b / n, g / 1e6, r, c }'
[ "$has_mika" = 1 ] && echo "mika: $("$mika" --version 2>/dev/null || echo '?') ($mika)"
a_plain=; a_gz=
if [ "$has_mika" = 1 ]; then a_plain="mika analytics"; a_gz="mika analytics (gzip)"; fi
for peer in $peers; do
  cmd_a=("$mika" analytics "$log" --site "$site" --format json --out /dev/null)
  case "$peer" in
    goaccess)
      if ! command -v goaccess >/dev/null; then echo "goaccess missing: scripts/bootstrap.sh bench" >&2; continue; fi
      echo "-- vs GoAccess $goaccess_version (single-threaded)"
      cmd_b=(goaccess "$log" --log-format=COMBINED -o /dev/null)
      pair "$a_plain" "goaccess" ;;
    python)
      echo "-- vs the Python regex counter (single-threaded)"
      cmd_b=(python3 scripts/count-beacon.py "$log")
      pair "$a_plain" "python counter" ;;
    zcat)
      echo "-- gzip input vs zcat alone"
      cmd_a=("$mika" analytics "$log.gz" --site "$site" --format json --out /dev/null)
      cmd_b=(sh -c "zcat '$log.gz' >/dev/null")
      pair "$a_gz" "zcat" ;;
    *) echo "unknown peer $peer (goaccess, python, zcat)" >&2 ;;
  esac
done
rm -f "$work"/times.*
