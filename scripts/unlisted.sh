#!/usr/bin/env bash
# Claim F1 with and without the companies a development set names, as if no list held them.
#
#   scripts/unlisted.sh [SHARED]
#
# For each development set in SHARED (default ../shared), copies rules/ to a temporary
# folder, removes from its entities.toml the companies that only that set names (and the
# people and subsidiaries listed under them), extracts the set with the bundled rules and
# with the copy (`--rules`), and prints both claim F1 figures (tools/score.py) and their
# difference. A small difference means companies are found by what the text says of them
# (cue nouns, legal forms, what they do), not by the list.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"

# Companies only devset2 names, then only devset, with what is listed under them.
devset2="airbus aleph_alpha anthropic boeing mistral_ai openai philips schmitz_cargobull van_hool vdl volkswagen"
devset="alphabet blackrock brookfield intel meta stargate pat_gelsinger instagram whatsapp intel_foundry"

cargo build --release --quiet --bin newsclaims
bin=target/release/newsclaims
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Copies rules/ to $2 without the [[entity]] tables whose ids are in $1.
without() {
  cp -r rules "$2"
  python3 - "$1" "$2/entities.toml" <<'EOF'
import re, sys
ids, path = set(sys.argv[1].split()), sys.argv[2]
tables = re.split(r"(?m)^(?=\[\[entity\]\]\n)", open(path, encoding="utf-8").read())
kept = [t for t in tables if not (m := re.search(r'(?m)^id = "([^"]+)"', t)) or m.group(1) not in ids]
open(path, "w", encoding="utf-8").write("".join(kept))
EOF
}

f1() { python3 "$shared/tools/score.py" claims "$1" "$2" | tail -n 1 | tr ' ' '\n' | sed -n 's/^f1=//p'; }

for set in devset2 devset; do
  without "${!set}" "$out/rules-$set"
  "$bin" extract -q "$shared/$set" -o "$out/listed.jsonl"
  "$bin" extract -q --rules "$out/rules-$set" "$shared/$set" -o "$out/unlisted.jsonl"
  listed=$(f1 "$shared/$set/expected.json" "$out/listed.jsonl")
  unlisted=$(f1 "$shared/$set/expected.json" "$out/unlisted.jsonl")
  python3 -c "print(f'$set: claim F1 listed $listed, unlisted $unlisted, difference {$listed - $unlisted:.3f}')"
done
