#!/usr/bin/env bash
# Extract throughput at corpus scale, against one ripgrep pass over the same files.
#
#   scripts/throughput.sh [COUNT] [DIR]
#
# Writes COUNT generated articles (default 100000, seed 42) into DIR (default
# /tmp/newsclaims-corpus-COUNT) unless DIR already holds them, then measures in one run:
# ripgrep with a money pattern on one thread (Debian's `ripgrep` package), and
# `newsclaims extract` on one and on two threads, with /usr/bin/time. It prints the rate
# of each, the two-thread speed-up, extract's time as a multiple of ripgrep's, the peak
# memory, and whether one and two threads wrote the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-100000}"
dir="${2:-/tmp/newsclaims-corpus-$count}"
for tool in rg /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "throughput: $tool is missing (apt-get install ripgrep time)" >&2; exit 2; }
done

cargo build --release --quiet --bins
bin=target/release/newsclaims
if [ ! -d "$dir" ]; then
  target/release/gen-corpus --count "$count" --out "$dir"
fi
bytes=$(find "$dir" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

money='(€|\$|£)\s?[0-9]|[0-9][0-9.,]*\s*(billion|million|milliards?|miljard|miljoen|Milliarden?|Millionen?|bn|mln)'
# Warm the page cache first, so that every timed pass reads from memory.
rg -j1 -c "$money" "$dir" >/dev/null || true

# Runs a command under /usr/bin/time; prints "SECONDS PEAK_KB".
timed() {
  /usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || {
    cat "$out/stderr" >&2
    exit 1
  }
  cat "$out/time"
}

read -r rg_s _ < <(timed rg -j1 -c "$money" "$dir")
read -r one_s one_kb < <(RAYON_NUM_THREADS=1 timed "$bin" extract "$dir" -o "$out/one.jsonl")
read -r two_s two_kb < <(RAYON_NUM_THREADS=2 timed "$bin" extract "$dir" -o "$out/two.jsonl")

same=no
cmp -s "$out/one.jsonl" "$out/two.jsonl" && same=yes
awk -v b="$bytes" -v n="$count" -v rg="$rg_s" -v one="$one_s" -v two="$two_s" \
  -v one_kb="$one_kb" -v two_kb="$two_kb" -v same="$same" 'BEGIN {
  mb = b / 1e6
  printf "corpus:             %d articles, %.1f MB\n", n, mb
  printf "ripgrep, 1 thread:  %.2f s (%.1f MB/s)\n", rg, mb / rg
  printf "extract, 1 thread:  %.2f s (%.2f MB/s), peak %.1f MB\n", one, mb / one, one_kb / 1024
  printf "extract, 2 threads: %.2f s (%.2f MB/s), peak %.1f MB\n", two, mb / two, two_kb / 1024
  printf "two-thread speed-up: %.2f times\n", one / two
  printf "extract / ripgrep:   %.1f times the time of one ripgrep pass\n", one / rg
  printf "same output on 1 and 2 threads: %s\n", same
}'
