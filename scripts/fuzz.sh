#!/usr/bin/env bash
# Fuzzes mika's readers of author input with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh SECONDS [TARGET…]   targets: front-matter markdown reuse (default: all, one after another)
# Each target starts from its committed seeds (Tests/Fuzz/Corpus/<target>); new inputs go to a scratch corpus.
# A crash, leak or hang (-timeout) is saved to Tests/Fuzz/Crashes/ and makes the script fail: commit that file,
# fix the bug, and FuzzCorpusTests replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front-matter markdown reuse)

swift build --scratch-path .build-fuzz --product mika-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DMIKA_FUZZING >&2
binary=.build-fuzz/debug/mika-fuzz
work=${FUZZ_WORK:-$(mktemp -d)}
status=0
for target in "${targets[@]}"; do
  mkdir -p "$work/$target"
  echo "== $target: ${seconds} s" >&2
  log="$work/$target.log"
  if ! MIKA_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$binary" "$work/$target" "Tests/Fuzz/Corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="Tests/Fuzz/Crashes/$target-" >"$log" 2>&1; then
    status=1
    tail -40 "$log" >&2
  fi
  execs=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  speed=$(grep -m1 '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
  corpus=$(ls "$work/$target" | wc -l)
  echo "$target: ${execs:-?} executions (${speed:-?}/s), $corpus new corpus inputs, status $([ $status = 0 ] && echo ok || echo CRASH)"
done
exit $status
