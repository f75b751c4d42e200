#!/usr/bin/env bash
# Cold-build benchmark: N synthetic modules of about 600 words, built by mika (release) and by Hugo with a
# minimal theme from the same Markdown, into a tmpfs folder and onto disk. Prints wall seconds, modules per
# second and peak memory (GNU time). Usage: scripts/bench.sh [N ...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
mika=${MIKA_BIN:-.build/release/mika}
[ -x "$mika" ] || { echo "build mika first: swift build -c release --product mika --static-swift-stdlib" >&2; exit 2; }
command -v hugo >/dev/null || { echo "hugo missing: scripts/bootstrap.sh bench" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time missing: scripts/bootstrap.sh bench" >&2; exit 2; }
work=${BENCH_WORK:-bench-work}
mkdir -p "$work"
work=$(cd "$work" && pwd)  # absolute: hugo resolves a relative --destination against --source
tmpfs=${BENCH_TMPFS:-/dev/shm/mika-bench}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

# Every run writes into a folder of its own and the folders are removed only at the end: on ext4, creating files
# right after deleting tens of thousands skips the recently freed inodes one by one (kernel time grows many-fold;
# seen here for mika and hugo alike), which would measure the previous run's deletion instead of the build.
measure() {  # label, output folder, command...
  local label=$1 out=$2; shift 2
  sync
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1 || { echo "$label failed" >&2; cat "$log" >&2; return 1; }
  read -r seconds kilobytes < <(tail -1 "$log")
  rm -f "$log"
  awk -v label="$label" -v s="$seconds" -v kb="$kilobytes" -v n="$n" \
    'BEGIN { printf "%-28s %8.2f s %10.0f modules/s %8.0f MiB peak\n", label, s, n / s, kb / 1024 }'
}

disk_outputs=()
echo "mika $("$mika" --version), $(hugo version | cut -d' ' -f1-2), $(nproc) cores"
for n in "${sizes[@]}"; do
  python3 scripts/generate-bench-content.py "$n" "$work/$n"
  echo "== $n modules (~600 words each)"
  for target in tmpfs disk; do
    if [ "$target" = tmpfs ]; then base=$tmpfs/$n; else base=$work/$n/out; fi
    mkdir -p "$base"
    measure "mika build ($target)" "$base/mika" "$mika" build --quiet --no-packages --content "$work/$n/content" \
      --theme themes/default --out "$base/mika"
    measure "hugo ($target)" "$base/hugo" hugo --quiet --source "$work/$n/hugo" --destination "$base/hugo"
    # The same site with a base URL: mika also writes AMB JSON-LD, OAI-DC, sitemap and feed (3 files per module).
    measure "mika + metadata ($target)" "$base/meta" "$mika" build --quiet --no-packages --content "$work/$n/content" \
      --theme themes/default --out "$base/meta" --base-url https://bench.example.org/
    # Everything: metadata and the LMS packages of every course (3 zips per course of 100 modules).
    measure "mika + packages ($target)" "$base/pkg" "$mika" build --quiet --content "$work/$n/content" \
      --theme themes/default --out "$base/pkg" --base-url https://bench.example.org/
    if [ "$target" = tmpfs ]; then rm -rf "$base"; else disk_outputs+=("$base"); fi
  done
done
rm -rf "${disk_outputs[@]}"
