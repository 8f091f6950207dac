#!/usr/bin/env bash
# Extract throughput against one ripgrep pass over the same files, measured in one run.
#
#   scripts/throughput.sh [DIR]                      real articles (the default)
#   scripts/throughput.sh generated [COUNT] [DIR]    generated articles
#
# Real articles: the seeds, devset and devset2 of the shared data beside the project
# (../shared, or $NEWSCLAIMS_SHARED) copied into DIR (default /tmp/newsclaims-real-12mb)
# until it holds 12 MB, unless DIR already holds them. Generated: COUNT articles (default
# 100000, seed 42) written by gen-corpus into DIR (default /tmp/newsclaims-corpus-COUNT).
#
# Each of ripgrep (figures before a scale word, `rg -c -j1`, Debian's `ripgrep` package),
# `newsclaims extract` on one thread and on two threads runs three times, the fastest
# run counted: the machine's noise only ever adds time. It prints the rate of each, the
# two-thread speed-up, extract's time as a multiple of ripgrep's, the peak memory of each
# (GNU time), and whether one and two threads wrote the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in rg /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "throughput: $tool is missing (apt-get install ripgrep time)" >&2; exit 2; }
done
cargo build --release --quiet --bins
bin=target/release/newsclaims

# Copies the shared sets' articles into $1 until it holds 12 MB.
real_corpus() {
  local shared="${NEWSCLAIMS_SHARED:-../shared}" i=0
  [ -d "$shared/devset" ] || { echo "throughput: no shared data at $shared (set NEWSCLAIMS_SHARED)" >&2; exit 2; }
  mkdir -p "$1"
  while [ "$(du -sb "$1" | cut -f1)" -lt 12000000 ]; do
    for f in "$shared"/seeds/*.txt "$shared"/devset/*.txt "$shared"/devset2/*.txt; do
      cp "$f" "$1/$i-$(basename "$f")"
    done
    i=$((i + 1))
  done
}

if [ "${1:-}" = generated ]; then
  count="${2:-100000}"
  dir="${3:-/tmp/newsclaims-corpus-$count}"
  [ -d "$dir" ] || target/release/gen-corpus --count "$count" --out "$dir"
else
  dir="${1:-/tmp/newsclaims-real-12mb}"
  [ -d "$dir" ] || real_corpus "$dir"
fi
files=$(find "$dir" -type f -name '*.txt' | wc -l)
bytes=$(find "$dir" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

figures='[0-9][0-9., ]*\s?(billion|milliards?|miljard|million|millions|miljoen|Milliarden)'
# Warm the page cache first, so that every timed pass reads from memory.
rg -j1 -c "$figures" "$dir" >/dev/null || true

# Runs a command three times under /usr/bin/time; prints "SECONDS PEAK_KB" of the fastest
# (wall time to the nanosecond: ripgrep takes a few hundredths of a second).
fastest() {
  local best="" run start end
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || {
      cat "$out/stderr" >&2
      exit 1
    }
    end=$(date +%s.%N)
    run="$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", e - s}') $(tail -n 1 "$out/time")"
    if [ -z "$best" ] || awk -v a="${run%% *}" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then
      best=$run
    fi
  done
  echo "$best"
}

read -r rg_s _ < <(fastest rg -j1 -c "$figures" "$dir")
read -r one_s one_kb < <(RAYON_NUM_THREADS=1 fastest "$bin" extract "$dir" -o "$out/one.jsonl")
read -r two_s two_kb < <(RAYON_NUM_THREADS=2 fastest "$bin" extract "$dir" -o "$out/two.jsonl")

same=no
cmp -s "$out/one.jsonl" "$out/two.jsonl" && same=yes
awk -v b="$bytes" -v n="$files" -v rg="$rg_s" -v one="$one_s" -v two="$two_s" \
  -v one_kb="$one_kb" -v two_kb="$two_kb" -v same="$same" 'BEGIN {
  mb = b / 1e6
  printf "corpus:             %d articles, %.1f MB\n", n, mb
  printf "ripgrep, 1 thread:  %.3f s (%.1f MB/s)\n", rg, mb / rg
  printf "extract, 1 thread:  %.2f s (%.2f MB/s), peak %.1f MB\n", one, mb / one, one_kb / 1024
  printf "extract, 2 threads: %.2f s (%.2f MB/s), peak %.1f MB\n", two, mb / two, two_kb / 1024
  printf "two-thread speed-up: %.2f times\n", one / two
  printf "extract / ripgrep:   %.1f times the time of one ripgrep pass\n", one / rg
  printf "same output on 1 and 2 threads: %s\n", same
}'
